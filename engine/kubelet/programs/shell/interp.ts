// A small POSIX shell, as busybox ash behaves as a container's PID 1: it runs `sh -c` scripts on
// the node's clock (a `sleep` really waits), prints what `echo` prints into the container's log,
// exits with the status of its last command, answers `exit N`, and, like any PID 1, ignores
// SIGTERM unless the script set a `trap` — and then runs the trap only once the foreground
// command has finished (which is why `trap … TERM; sleep 3600` still waits for SIGKILL, and
// `sleep 3600 & wait` does not).

import { suspend, type Co } from '../../../sim/co';
import { fsErrorText } from '../fs';
import { ProcessExit, type BackgroundJob, type ProcessContext, type Signal } from '../program';
import { ArithError, evalArith } from './arith';
import { parseScript, ShellSyntaxError, type Node, type Redir, type Word } from './parse';
import { builtinTest } from './test';

/** Where a command writes and what it reads. */
interface Io {
  out(text: string): void;
  err(text: string): void;
  stdin: string[] | null;
}

class LoopControl {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

const trapNames: Record<string, Signal | 'EXIT'> = {
  TERM: 'SIGTERM', SIGTERM: 'SIGTERM', '15': 'SIGTERM', INT: 'SIGINT', SIGINT: 'SIGINT', '2': 'SIGINT',
  QUIT: 'SIGQUIT', SIGQUIT: 'SIGQUIT', '3': 'SIGQUIT', EXIT: 'EXIT', '0': 'EXIT',
};

// Runaway loops (`while true; do :; done`) give up 100 ms of simulated time every this many
// commands, so the node's clock moves on (a real busy loop would burn a CPU instead).
const commandsPerTick = 1000;
const runawayPauseMs = 100;

/** Runs `script` as `sh -c script argv0 args…` in `ctx`; the result is the shell's exit status. */
export function* runShell(ctx: ProcessContext, script: string, argv0 = 'sh', args: string[] = []): Co<number> {
  const sh = new Shell(ctx, argv0, args);
  return yield* sh.main(script);
}

class Shell {
  private readonly vars = new Map<string, string>();
  private status = 0;
  private errexit = false;
  private xtrace = false;
  private conditionDepth = 0;
  private readonly traps = new Map<Signal | 'EXIT', string>();
  private readonly pending: Signal[] = [];
  private wakeWait: (() => void) | null = null;
  private readonly jobs = new Map<number, BackgroundJob>();
  private lastJob = 0;
  private commands = 0;
  private lastCommandAt = -1;
  private readonly stdoutBuf = { text: '' };
  private readonly stderrBuf = { text: '' };

  constructor(
    private readonly ctx: ProcessContext,
    private readonly argv0: string,
    private positional: string[],
  ) {
    for (const [k, v] of Object.entries(ctx.env)) this.vars.set(k, v);
  }

  *main(script: string): Co<number> {
    const io = this.rootIo();
    let code: number;
    try {
      const node = parseScript(script);
      code = yield* this.exec(node, io);
    } catch (e) {
      code = this.ended(e, io);
    }
    code = yield* this.runExitTrap(io, code);
    this.flush();
    return code;
  }

  // An exception that ends the script: `exit`, a syntax or arithmetic error.
  private ended(e: unknown, io: Io): number {
    if (e instanceof ProcessExit) return e.code;
    if (e instanceof ShellSyntaxError || e instanceof ArithError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    if (e instanceof LoopControl) return 0;
    throw e;
  }

  private *runExitTrap(io: Io, code: number): Co<number> {
    const action = this.traps.get('EXIT');
    if (!action) return code;
    this.traps.delete('EXIT');
    this.status = code;
    try {
      yield* this.exec(parseScript(action), io);
    } catch (e) {
      return this.ended(e, io);
    }
    return code;
  }

  private rootIo(): Io {
    return {
      out: (t) => this.write(this.stdoutBuf, t, (l) => this.ctx.stdout(l)),
      err: (t) => this.write(this.stderrBuf, t, (l) => this.ctx.stderr(l)),
      stdin: null,
    };
  }

  // Log lines are whole lines; a printf without a newline waits for the rest.
  private write(buf: { text: string }, text: string, emit: (line: string) => void): void {
    buf.text += text;
    let nl: number;
    while ((nl = buf.text.indexOf('\n')) >= 0) {
      emit(buf.text.slice(0, nl));
      buf.text = buf.text.slice(nl + 1);
    }
  }

  private flush(): void {
    if (this.stdoutBuf.text) this.ctx.stdout(this.stdoutBuf.text);
    if (this.stderrBuf.text) this.ctx.stderr(this.stderrBuf.text);
    this.stdoutBuf.text = this.stderrBuf.text = '';
  }

  private *exec(node: Node, io: Io): Co<number> {
    switch (node.kind) {
      case 'simple':
        this.status = yield* this.simple(node, io);
        if (this.errexit && this.status !== 0 && this.conditionDepth === 0) throw new ProcessExit(this.status);
        break;
      case 'pipeline':
        this.status = yield* this.pipeline(node.cmds, node.negate, io);
        break;
      case 'and':
      case 'or': {
        const left = yield* this.condition(node.left, io);
        this.status = (node.kind === 'and') === (left === 0) ? yield* this.exec(node.right, io) : left;
        break;
      }
      case 'list':
        for (const item of node.items) {
          if (item.background) this.background(item.node, io);
          else yield* this.exec(item.node, io);
        }
        break;
      case 'loop':
        this.status = yield* this.loop(node.until, node.cond, node.body, io);
        break;
      case 'for':
        this.status = yield* this.forLoop(node, io);
        break;
      case 'if':
        this.status = yield* this.ifClause(node, io);
        break;
      case 'group':
        this.status = node.subshell ? yield* this.subshell(node.body, io) : yield* this.exec(node.body, io);
        break;
    }
    yield* this.runTraps(io);
    return this.status;
  }

  // A command whose status is tested: `set -e` does not end the script on its failure.
  private *condition(node: Node, io: Io): Co<number> {
    this.conditionDepth++;
    try {
      return yield* this.exec(node, io);
    } finally {
      this.conditionDepth--;
    }
  }

  private *loop(until: boolean, cond: Node, body: Node, io: Io): Co<number> {
    let status = 0;
    for (;;) {
      const c = yield* this.condition(cond, io);
      if ((c === 0) === until) break;
      const ctl = yield* this.body(body, io);
      status = this.status;
      if (ctl === 'break') break;
    }
    return status;
  }

  private *forLoop(node: Extract<Node, { kind: 'for' }>, io: Io): Co<number> {
    const items = node.items === null ? this.positional : yield* this.expandWords(node.items, io);
    let status = 0;
    for (const item of items) {
      this.vars.set(node.name, item);
      const ctl = yield* this.body(node.body, io);
      status = this.status;
      if (ctl === 'break') break;
    }
    return status;
  }

  // A loop body; 'break' or 'continue' when `break`/`continue` ended it (one level consumed).
  private *body(node: Node, io: Io): Co<'break' | 'continue' | null> {
    try {
      yield* this.exec(node, io);
      return null;
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      if (--e.levels > 0) throw e;
      return e.kind;
    }
  }

  private *ifClause(node: Extract<Node, { kind: 'if' }>, io: Io): Co<number> {
    for (const b of node.branches) {
      if ((yield* this.condition(b.cond, io)) === 0) return yield* this.exec(b.body, io);
    }
    return node.otherwise ? yield* this.exec(node.otherwise, io) : 0;
  }

  private *subshell(body: Node, io: Io): Co<number> {
    const saved = new Map(this.vars);
    try {
      return yield* this.exec(body, io);
    } catch (e) {
      if (e instanceof ProcessExit) return e.code;
      throw e;
    } finally {
      this.vars.clear();
      for (const [k, v] of saved) this.vars.set(k, v);
    }
  }

  private *pipeline(cmds: Node[], negate: boolean, io: Io): Co<number> {
    let stdin = io.stdin;
    let status = 0;
    for (let i = 0; i < cmds.length; i++) {
      const last = i === cmds.length - 1;
      const captured: string[] = [];
      const buf = { text: '' };
      const stage: Io = last ? { ...io, stdin } : { out: (t) => this.write(buf, t, (l) => captured.push(l)), err: io.err, stdin };
      status = yield* this.condition(cmds[i], stage);
      if (buf.text) captured.push(buf.text);
      stdin = captured;
    }
    return negate ? (status === 0 ? 1 : 0) : status;
  }

  private background(node: Node, io: Io): void {
    const job = this.ctx.spawn(this.runInBackground(node, io));
    const id = ++this.lastJob;
    this.jobs.set(id, job);
    this.vars.set('!', String(100 + id));
    job.onExit(() => this.wakeWait?.());
  }

  private *runInBackground(node: Node, io: Io): Co<number> {
    try {
      return yield* this.exec(node, io);
    } catch (e) {
      if (e instanceof ProcessExit) return e.code;
      throw e;
    }
  }

  private *simple(node: Extract<Node, { kind: 'simple' }>, parent: Io): Co<number> {
    if (this.ctx.now() !== this.lastCommandAt) {
      this.lastCommandAt = this.ctx.now();
      this.commands = 0;
    } else if (++this.commands >= commandsPerTick) {
      yield* this.ctx.sleep(runawayPauseMs);
      this.lastCommandAt = this.ctx.now();
      this.commands = 0;
    }
    const argv = yield* this.expandWords(node.words, parent);
    const assigns: [string, string][] = [];
    for (const a of node.assigns) assigns.push([a.name, (yield* this.expandWord(a.value, parent)).join(' ')]);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      return this.status;
    }
    const io = yield* this.redirect(node.redirs, parent);
    if (io === null) return 1;
    if (this.xtrace) parent.err(`+ ${argv.join(' ')}\n`);
    const builtin = this.builtins[argv[0]];
    if (builtin) return yield* builtin.call(this, argv, io);
    const env = assigns.length > 0 ? Object.fromEntries(assigns) : undefined;
    const code = yield* this.ctx.run(argv, { stdout: (l) => io.out(`${l}\n`), stderr: (l) => io.err(`${l}\n`), stdin: io.stdin ?? undefined, env });
    if (code === null) {
      io.err(`${this.argv0}: ${argv[0]}: not found\n`);
      return 127;
    }
    return code;
  }

  // Applies redirections; null (after printing why) when a file cannot be opened.
  private *redirect(redirs: Redir[], parent: Io): Co<Io | null> {
    const io: Io = { ...parent };
    for (const r of redirs) {
      const target = (yield* this.expandWord(r.target, parent)).join(' ');
      if (r.op === '>&') {
        if (r.fd === 2) io.err = target === '1' ? io.out : parent.err;
        else io.out = target === '2' ? io.err : parent.out;
        continue;
      }
      if (r.op === '<') {
        const file = this.ctx.fs.read(target);
        if ('error' in file) {
          parent.err(`${this.argv0}: can't open '${target}': ${fsErrorText[file.error]}\n`);
          return null;
        }
        io.stdin = splitLines(file.text);
        continue;
      }
      const sink = this.fileSink(target, r.op === '>>', parent);
      if (sink === null) return null;
      if (r.fd === 2) io.err = sink;
      else io.out = sink;
    }
    return io;
  }

  private fileSink(path: string, append: boolean, parent: Io): ((t: string) => void) | null {
    if (path === '/dev/null') return () => {};
    if (path === '/dev/stdout') return parent.out;
    if (path === '/dev/stderr') return parent.err;
    const err = this.ctx.fs.write(path, '', append);
    if (err) {
      parent.err(`${this.argv0}: can't create ${path}: ${err === 'ENOENT' ? 'nonexistent directory' : fsErrorText[err]}\n`);
      return null;
    }
    return (t) => {
      this.ctx.fs.write(path, t, true);
    };
  }

  // ---- expansion ----------------------------------------------------------------------------

  private *expandWords(words: Word[], io: Io): Co<string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(yield* this.expandWord(w, io)));
    return out;
  }

  // Parameter, command and arithmetic expansion, then field splitting of the unquoted results.
  private *expandWord(word: Word, io: Io): Co<string[]> {
    const fields: string[] = [];
    let cur = '';
    let started = false;
    for (const part of word.parts) {
      if (part.kind === 'lit') {
        cur += part.text;
        started = true;
        continue;
      }
      if (part.kind === 'var' && part.name === '@' && part.quoted) {
        this.positional.forEach((p, i) => {
          if (i > 0) fields.push(cur), (cur = '');
          cur += p;
          started = true;
        });
        continue;
      }
      const value = yield* this.expandPart(part, io);
      if (part.quoted) {
        cur += value;
        started = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0 && (started || cur !== '')) {
          fields.push(cur);
          cur = '';
          started = false;
        }
        if (piece !== '') {
          cur += piece;
          started = true;
        }
      });
    }
    if (started || cur !== '') fields.push(cur);
    return fields;
  }

  private *expandPart(part: Exclude<Word['parts'][number], { kind: 'lit' }>, io: Io): Co<string> {
    if (part.kind === 'var') return this.variable(part.name);
    if (part.kind === 'arith') {
      const expr = part.expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => this.vars.get(n) ?? '');
      return String(evalArith(expr, { get: (n) => this.vars.get(n), set: (n, v) => void this.vars.set(n, v) }));
    }
    return yield* this.substitute(part.source, io);
  }

  private variable(name: string): string {
    const def = /^([A-Za-z_][A-Za-z0-9_]*):?-(.*)$/.exec(name);
    if (def) return this.vars.get(def[1]) || def[2];
    switch (name) {
      case '?': return String(this.status);
      case '$': return '1';
      case '#': return String(this.positional.length);
      case '0': return this.argv0;
      case '@':
      case '*': return this.positional.join(' ');
    }
    if (/^[1-9]$/.test(name)) return this.positional[Number(name) - 1] ?? '';
    return this.vars.get(name) ?? '';
  }

  // `$( … )`: the script's output with trailing newlines removed; it runs in a subshell.
  private *substitute(source: string, io: Io): Co<string> {
    const buf = { text: '' };
    const saved = new Map(this.vars);
    const status = this.status;
    try {
      yield* this.exec(parseScript(source), { out: (t) => (buf.text += t), err: io.err, stdin: null });
    } catch (e) {
      if (!(e instanceof ProcessExit)) throw e;
    } finally {
      this.vars.clear();
      for (const [k, v] of saved) this.vars.set(k, v);
    }
    this.status = status;
    return buf.text.replace(/\n+$/, '');
  }

  // ---- signals ------------------------------------------------------------------------------

  // Traps run between commands, as a shell checks for signals once its foreground child returns.
  private *runTraps(io: Io): Co<void> {
    while (this.pending.length > 0) {
      const sig = this.pending.shift()!;
      const action = this.traps.get(sig);
      if (action) yield* this.exec(parseScript(action), io);
    }
  }

  private installSignalHandler(): void {
    const caught = [...this.traps.keys()].some((k) => k !== 'EXIT');
    this.ctx.onSignal(
      caught
        ? (sig) => {
            if (!this.traps.has(sig)) return;
            if (this.traps.get(sig) === '') return;
            this.pending.push(sig);
            this.wakeWait?.();
          }
        : null,
    );
  }

  // ---- builtins -----------------------------------------------------------------------------

  private readonly builtins: Record<string, (this: Shell, argv: string[], io: Io) => Co<number>> = {
    *exit(argv) {
      throw new ProcessExit(argv[1] === undefined ? this.status : Number.parseInt(argv[1], 10) & 0xff);
    },
    *true() {
      return 0;
    },
    *false() {
      return 1;
    },
    *':'() {
      return 0;
    },
    *echo(argv, io) {
      let args = argv.slice(1);
      let newline = true;
      let escapes = false;
      while (args[0] === '-n' || args[0] === '-e' || args[0] === '-ne' || args[0] === '-en') {
        if (args[0].includes('n')) newline = false;
        if (args[0].includes('e')) escapes = true;
        args = args.slice(1);
      }
      const text = args.join(' ');
      io.out((escapes ? unescape(text) : text) + (newline ? '\n' : ''));
      return 0;
    },
    *printf(argv, io) {
      io.out(printf(argv[1] ?? '', argv.slice(2)));
      return 0;
    },
    *test(argv, io) {
      return builtinTest(argv.slice(1), this.ctx.fs, io.err);
    },
    *'['(argv, io) {
      if (argv[argv.length - 1] !== ']') {
        io.err('sh: missing ]\n');
        return 2;
      }
      return builtinTest(argv.slice(1, -1), this.ctx.fs, io.err);
    },
    *export(argv) {
      for (const a of argv.slice(1)) {
        const eq = a.indexOf('=');
        if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      return 0;
    },
    *unset(argv) {
      for (const a of argv.slice(1)) this.vars.delete(a);
      return 0;
    },
    *set(argv) {
      for (const a of argv.slice(1)) {
        if (/^[-+][a-z]+$/.test(a)) {
          const on = a[0] === '-';
          if (a.includes('e')) this.errexit = on;
          if (a.includes('x')) this.xtrace = on;
        }
      }
      return 0;
    },
    *shift(argv) {
      this.positional = this.positional.slice(Number(argv[1] ?? 1));
      return 0;
    },
    *cd() {
      return 0;
    },
    *trap(argv) {
      const [action, ...names] = argv.slice(1);
      for (const n of names) {
        const sig = trapNames[n.toUpperCase()];
        if (!sig) continue;
        if (action === '-') this.traps.delete(sig);
        else this.traps.set(sig, action);
      }
      this.installSignalHandler();
      return 0;
    },
    *break(argv) {
      throw new LoopControl('break', Number(argv[1] ?? 1));
    },
    *continue(argv) {
      throw new LoopControl('continue', Number(argv[1] ?? 1));
    },
    *wait(argv) {
      return yield* this.waitJobs(argv.slice(1));
    },
    *exec(argv, io) {
      if (argv.length === 1) return 0;
      this.flush();
      const code = yield* this.ctx.exec(argv.slice(1));
      if (code === null) {
        io.err(`${this.argv0}: exec: line 1: ${argv[1]}: not found\n`);
        throw new ProcessExit(127);
      }
      throw new ProcessExit(code);
    },
  };

  // `wait`: until the jobs end, or a trapped signal arrives (status 128 + n).
  private *waitJobs(ids: string[]): Co<number> {
    const jobs = ids.length === 0 ? [...this.jobs.values()] : ids.map((id) => this.jobs.get(Number(id) - 100)).filter((j): j is BackgroundJob => !!j);
    for (const job of jobs) {
      while (job.exitCode() === null) {
        if (this.pending.length > 0) return 128 + (this.pending[0] === 'SIGINT' ? 2 : this.pending[0] === 'SIGQUIT' ? 3 : 15);
        yield* suspend<void>((resume) => {
          this.wakeWait = () => resume(undefined);
          const stop = job.onExit(() => resume(undefined));
          return () => {
            this.wakeWait = null;
            stop();
          };
        });
        this.wakeWait = null;
      }
    }
    return jobs.length > 0 ? (jobs[jobs.length - 1].exitCode() ?? 0) : 0;
  }
}

/** A file's lines, without the empty one after a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// echo -e and printf escapes.
function unescape(s: string): string {
  return s.replace(/\\(n|t|\\|r|0|e)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', r: '\r', '0': '', e: '\x1b' })[c] ?? c);
}

/** printf(1): %s, %d, %i, %%, and backslash escapes; the format is reused while arguments remain. */
export function printf(format: string, args: string[]): string {
  let out = '';
  let i = 0;
  do {
    out += unescape(format).replace(/%([-0-9]*)([sdi%])/g, (_, width: string, conv: string) => {
      if (conv === '%') return '%';
      const a = args[i++] ?? '';
      const v = conv === 's' ? a : String(Number.parseInt(a, 10) || 0);
      const w = Number.parseInt(width, 10);
      if (!w) return v;
      return width.startsWith('-') ? v.padEnd(-w) : v.padStart(w, width.startsWith('0') ? '0' : ' ');
    });
  } while (i < args.length && /%[-0-9]*[sdi]/.test(format));
  return out;
}
