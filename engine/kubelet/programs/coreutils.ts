// The busybox applets container commands lean on (`sleep 3600`, `tail -f /dev/null`, `cat
// /tmp/healthy`, `touch`, `rm`, `date`, …), as executables: each runs with the process's context,
// writes whole lines, and fails with busybox's messages and exit codes.

import { suspend, type Co } from '../../sim/co';
import { fsErrorText } from './fs';
import type { Executable, ProcessContext } from './program';
import { printf, runShell, splitLines } from './shell/interp';
import { builtinTest } from './shell/test';

const forever = (): Co<never> => suspend<never>(() => {});

// busybox sleep: N[smhd] (fractions allowed), several arguments add up, `inf`/`infinity` is for ever.
function* sleep(argv: string[], ctx: ProcessContext): Co<number> {
  if (argv.length < 2) {
    ctx.stderr('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.');
    ctx.stderr('');
    ctx.stderr('Usage: sleep [N]...');
    return 1;
  }
  let total = 0;
  for (const a of argv.slice(1)) {
    if (a === 'inf' || a === 'infinity') yield* forever();
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      ctx.stderr(`sleep: invalid number '${a}'`);
      return 1;
    }
    total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]] * 1000;
  }
  yield* ctx.sleep(Math.round(total));
  return 0;
}

function* echo(argv: string[], ctx: ProcessContext): Co<number> {
  const args = argv.slice(1);
  if (args[0] === '-n') ctx.stdout(args.slice(1).join(' '));
  else ctx.stdout(args.join(' '));
  return 0;
}

function* printfCmd(argv: string[], ctx: ProcessContext): Co<number> {
  for (const line of splitLines(printf(argv[1] ?? '', argv.slice(2)))) ctx.stdout(line);
  return 0;
}

function* cat(argv: string[], ctx: ProcessContext): Co<number> {
  const files = argv.slice(1).filter((a) => a !== '-');
  if (files.length === 0) {
    for (const l of ctx.stdin ?? []) ctx.stdout(l);
    return 0;
  }
  let code = 0;
  for (const f of files) {
    const file = ctx.fs.read(f);
    if ('error' in file) {
      ctx.stderr(`cat: can't open '${f}': ${fsErrorText[file.error]}`);
      code = 1;
    } else for (const l of splitLines(file.text)) ctx.stdout(l);
  }
  return code;
}

function* touch(argv: string[], ctx: ProcessContext): Co<number> {
  let code = 0;
  for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    if (ctx.fs.exists(f)) continue;
    const err = ctx.fs.write(f, '');
    if (err) {
      ctx.stderr(`touch: ${f}: ${fsErrorText[err]}`);
      code = 1;
    }
  }
  return code;
}

function* rm(argv: string[], ctx: ProcessContext): Co<number> {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  let code = 0;
  for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const err = ctx.fs.remove(f);
    if (err && !(err === 'ENOENT' && flags.includes('f'))) {
      ctx.stderr(`rm: can't remove '${f}': ${fsErrorText[err]}`);
      code = 1;
    }
  }
  return code;
}

function* mkdir(argv: string[], ctx: ProcessContext): Co<number> {
  const parents = argv.includes('-p');
  let code = 0;
  for (const d of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const err = ctx.fs.mkdir(d, parents);
    if (err) {
      ctx.stderr(`mkdir: can't create directory '${d}': ${fsErrorText[err]}`);
      code = 1;
    }
  }
  return code;
}

function* ls(argv: string[], ctx: ProcessContext): Co<number> {
  const dirs = argv.slice(1).filter((a) => !a.startsWith('-'));
  let code = 0;
  for (const d of dirs.length > 0 ? dirs : ['/']) {
    if (ctx.fs.isDir(d)) for (const name of ctx.fs.list(d)) ctx.stdout(name);
    else if (ctx.fs.exists(d)) ctx.stdout(d);
    else {
      ctx.stderr(`ls: ${d}: No such file or directory`);
      code = 1;
    }
  }
  return code;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime(3) in UTC for the conversions scripts use; the default is date(1)'s `%a %b %e %H:%M:%S %Z %Y`. */
export function strftime(ms: number, format = '%a %b %e %H:%M:%S %Z %Y'): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const conv: Record<string, () => string> = {
    a: () => days[d.getUTCDay()],
    b: () => months[d.getUTCMonth()],
    e: () => String(d.getUTCDate()).padStart(2, ' '),
    d: () => two(d.getUTCDate()),
    m: () => two(d.getUTCMonth() + 1),
    Y: () => String(d.getUTCFullYear()),
    H: () => two(d.getUTCHours()),
    M: () => two(d.getUTCMinutes()),
    S: () => two(d.getUTCSeconds()),
    Z: () => 'UTC',
    s: () => String(Math.floor(ms / 1000)),
    T: () => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    F: () => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (all, c: string) => conv[c]?.() ?? all);
}

function* date(argv: string[], ctx: ProcessContext): Co<number> {
  const fmt = argv.slice(1).find((a) => a.startsWith('+'));
  ctx.stdout(strftime(ctx.wallMs(), fmt?.slice(1)));
  return 0;
}

function* hostname(_argv: string[], ctx: ProcessContext): Co<number> {
  ctx.stdout(ctx.hostname);
  return 0;
}

function* env(_argv: string[], ctx: ProcessContext): Co<number> {
  for (const [k, v] of Object.entries(ctx.env)) ctx.stdout(`${k}=${v}`);
  return 0;
}

function* printenv(argv: string[], ctx: ProcessContext): Co<number> {
  if (argv.length === 1) return yield* env(argv, ctx);
  let code = 0;
  for (const name of argv.slice(1)) {
    const v = ctx.env[name];
    if (v === undefined) code = 1;
    else ctx.stdout(v);
  }
  return code;
}

// tail [-n N | -N | -n +K] [-f|-F] [FILE…]: -f keeps following the file, checking once a second.
function* tail(argv: string[], ctx: ProcessContext): Co<number> {
  let count = 10;
  let fromStart = false;
  let follow = false;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-f' || a === '-F') follow = true;
    else if (a === '-n' || a.startsWith('-n')) {
      const v = a === '-n' ? argv[++i] : a.slice(2);
      fromStart = v?.startsWith('+') ?? false;
      count = Number.parseInt(fromStart ? v.slice(1) : (v ?? '10'), 10);
    } else if (/^-\d+$/.test(a)) count = Number(a.slice(1));
    else if (/^-[fF]n?$/.test(a)) follow = true;
    else files.push(a);
  }
  const pick = (lines: string[]) => (fromStart ? lines.slice(Math.max(0, count - 1)) : lines.slice(Math.max(0, lines.length - count)));
  if (files.length === 0) {
    for (const l of pick([...(ctx.stdin ?? [])])) ctx.stdout(l);
    if (follow) yield* forever();
    return 0;
  }
  const file = files[0];
  if (file === '/dev/null') {
    if (follow) yield* forever();
    return 0;
  }
  const read = () => {
    const f = ctx.fs.read(file);
    return 'text' in f ? splitLines(f.text) : null;
  };
  let seen = read();
  if (seen === null && !follow) {
    ctx.stderr(`tail: can't open '${file}': No such file or directory`);
    return 1;
  }
  for (const l of pick(seen ?? [])) ctx.stdout(l);
  if (!follow) return 0;
  for (;;) {
    yield* ctx.sleep(1000);
    const now = read() ?? [];
    const from = seen && now.length >= seen.length ? seen.length : 0;
    for (const l of now.slice(from)) ctx.stdout(l);
    seen = now;
  }
}

function* head(argv: string[], ctx: ProcessContext): Co<number> {
  let count = 10;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-n') count = Number(argv[++i]);
    else if (/^-\d+$/.test(argv[i])) count = Number(argv[i].slice(1));
    else files.push(argv[i]);
  }
  const lines = files.length === 0 ? [...(ctx.stdin ?? [])] : files.flatMap((f) => {
    const r = ctx.fs.read(f);
    return 'text' in r ? splitLines(r.text) : [];
  });
  for (const l of lines.slice(0, count)) ctx.stdout(l);
  return 0;
}

function* wc(argv: string[], ctx: ProcessContext): Co<number> {
  const lines = [...(ctx.stdin ?? [])];
  const flags = argv.slice(1).join('');
  const l = String(lines.length);
  const w = String(lines.join(' ').split(/\s+/).filter(Boolean).length);
  const c = String(lines.reduce((n, x) => n + x.length + 1, 0));
  if (flags.includes('l')) ctx.stdout(l);
  else if (flags.includes('w')) ctx.stdout(w);
  else if (flags.includes('c')) ctx.stdout(c);
  else ctx.stdout(`${l.padStart(7)} ${w.padStart(7)} ${c.padStart(7)}`);
  return 0;
}

function* grep(argv: string[], ctx: ProcessContext): Co<number> {
  const flags = argv.slice(1).filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const rest = argv.slice(1).filter((a) => !/^-[a-zA-Z]+$/.test(a));
  const [pattern, ...files] = rest;
  if (pattern === undefined) {
    ctx.stderr('Usage: grep [-vqic] PATTERN [FILE]...');
    return 2;
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags.includes('i') ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  const lines = files.length === 0 ? [...(ctx.stdin ?? [])] : files.flatMap((f) => {
    const r = ctx.fs.read(f);
    return 'text' in r ? splitLines(r.text) : [];
  });
  const hits = lines.filter((l) => re.test(l) !== flags.includes('v'));
  if (flags.includes('c')) ctx.stdout(String(hits.length));
  else if (!flags.includes('q')) for (const h of hits) ctx.stdout(h);
  return hits.length > 0 ? 0 : 1;
}

function* test(argv: string[], ctx: ProcessContext): Co<number> {
  const args = argv[0] === '[' ? argv.slice(1, -1) : argv.slice(1);
  return builtinTest(args, ctx.fs, (t) => ctx.stderr(t.trimEnd()));
}

function* constant(lines: string[], code: number, ctx: ProcessContext): Co<number> {
  for (const l of lines) ctx.stdout(l);
  return code;
}

/** `sh`/`ash`/`bash`: `sh -c SCRIPT [ARG0 [ARGS…]]`, `sh FILE`, or with no script (no stdin) exit 0. */
export function* shell(argv: string[], ctx: ProcessContext): Co<number> {
  const name = argv[0].split('/').pop() ?? 'sh';
  let i = 1;
  let script: string | null = null;
  let preamble = '';
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
    const flags = argv[i].slice(1);
    if (flags.includes('e')) preamble += 'set -e\n';
    if (flags.includes('x')) preamble += 'set -x\n';
    if (flags.includes('c')) {
      script = argv[++i] ?? null;
      if (script === null) {
        ctx.stderr(`${name}: -c requires an argument`);
        return 2;
      }
      i++;
      break;
    }
  }
  if (script === null && i < argv.length) {
    const file = ctx.fs.read(argv[i]);
    if ('error' in file) {
      ctx.stderr(`${name}: can't open '${argv[i]}': ${fsErrorText[file.error]}`);
      return 2;
    }
    script = file.text;
    return yield* runShell(ctx, preamble + script, argv[i], argv.slice(i + 1));
  }
  if (script === null) return yield* runShell(ctx, (ctx.stdin ?? []).join('\n'), name);
  return yield* runShell(ctx, preamble + script, argv[i] ?? name, argv.slice(i + 1));
}

/** The applets, by name. */
export const coreutils: Record<string, Executable> = {
  sh: shell,
  ash: shell,
  bash: shell,
  dash: shell,
  sleep,
  echo,
  printf: printfCmd,
  cat,
  touch,
  rm,
  mkdir,
  ls,
  date,
  hostname,
  env,
  printenv,
  tail,
  head,
  wc,
  grep,
  test,
  '[': test,
  true: function* () {
    return 0;
  },
  false: function* () {
    return 1;
  },
  id: (_a, ctx) => constant(['uid=0(root) gid=0(root) groups=0(root),10(wheel)'], 0, ctx),
  whoami: (_a, ctx) => constant(['root'], 0, ctx),
  uname: (a, ctx) => constant([a.includes('-a') ? `Linux ${ctx.hostname} 6.8.0-kubeplay #1 SMP x86_64 GNU/Linux` : 'Linux'], 0, ctx),
  pwd: (_a, ctx) => constant(['/'], 0, ctx),
};
