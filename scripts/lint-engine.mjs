// The engine's purity rule (DESIGN.md, "The engine is deterministic"): outside engine/workers/ no
// code reads wall time, sets host timers, draws Math.random or touches the DOM; inside the process
// folders (engine/sim, engine/etcd, engine/etcdctl) nothing awaits a Promise either. Comments and
// strings are blanked first, so the rule is about code, not prose. Exits 1 listing every offence.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const everywhere = [
  [/\bDate\.now\s*\(/, 'wall time (Date.now): use env.now()'],
  [/\bnew\s+Date\s*\(\s*\)/, 'wall time (new Date()): use env.now()'],
  [/\bperformance\.now\s*\(/, 'wall time (performance.now): use env.now()'],
  [/\bMath\.random\s*\(/, 'Math.random: use env.rng'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask|requestAnimationFrame)\s*\(/, 'a host timer: use env.setTimer(ms, tag)'],
  [/\b(window|document|navigator|localStorage|sessionStorage|globalThis)\s*\./, 'a host global: the engine takes the world from its Env'],
  [/\bnew\s+(Worker|MessageChannel|BroadcastChannel)\b/, 'a Worker or channel: those belong in engine/workers'],
];
const inProcesses = [
  [/\basync\s+(function\b|\(|[A-Za-z_$][\w$]*\s*\(|[A-Za-z_$][\w$]*\s*=>)/, 'async code in a process: a wait is a message or a timer (see engine/sim/co.ts)'],
  [/\bawait\b/, 'await in a process: a wait is a message or a timer (see engine/sim/co.ts)'],
  [/\bnew\s+Promise\b|\bPromise\.(resolve|reject|all|race|any|allSettled)\b/, 'a Promise in a process: a wait is a message or a timer'],
];
const processDirs = ['engine/sim/', 'engine/etcd/', 'engine/etcdctl/', 'engine/api/', 'engine/apiserver/', 'engine/kubectl/', 'engine/client/', 'engine/controllers/', 'engine/scheduler/', 'engine/kubelet/', 'engine/quota/', 'engine/proxy/', 'engine/dns/', 'engine/ingress/', 'engine/metrics/'];

/** The text with comments and string/template contents replaced by spaces (line structure kept). */
function codeOnly(src) {
  let out = '';
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '/') {
      while (i < src.length && src[i] !== '\n') (out += ' '), i++;
    } else if (c === '/' && n === '*') {
      while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) (out += src[i] === '\n' ? '\n' : ' '), i++;
      out += '  ';
      i += 2;
    } else if (c === '"' || c === "'" || c === '`') {
      out += c;
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') (out += ' '), i++;
        out += src[i] === '\n' ? '\n' : ' ';
        i++;
      }
      out += c;
      i++;
    } else (out += c), i++;
  }
  return out;
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const offences = [];
for (const file of files(join(root, 'engine'))) {
  const rel = relative(root, file);
  if (rel.startsWith('engine/workers/') || /\.(test|spec)\.ts$/.test(rel) || rel.includes('/testdata/')) continue;
  const rules = processDirs.some((d) => rel.startsWith(d)) ? [...everywhere, ...inProcesses] : everywhere;
  codeOnly(readFileSync(file, 'utf8'))
    .split('\n')
    .forEach((line, i) => {
      for (const [re, why] of rules) if (re.test(line)) offences.push(`${rel}:${i + 1}: ${why}`);
    });
}
if (offences.length) {
  console.error(`lint-engine: ${offences.length} offence(s)\n${offences.join('\n')}`);
  process.exit(1);
}
console.log('lint-engine: engine/ is free of wall time, host timers, Math.random, the DOM, and Promises in processes');
