// kill(1) inside a container: `kill [-s SIG | -SIG | -N] PID…`. A container's own processes are
// all this simulation knows by PID, and PID 1 is the one that matters (`kubectl exec web -- kill 1`
// stops the container: its main process handles the signal or, as PID 1 does with a catchable
// signal it has no handler for, ignores it; SIGKILL always ends it, status 137). Other PIDs are not
// there. Messages are busybox's in busybox images, procps' elsewhere.

import type { Co } from '../../sim/co';
import type { ProcessContext, Signal } from '../programs/program';
import { hasShell, isBusybox, registerExecProgram, type ExecSystem } from './registry';

// Signal names and numbers kill accepts (Linux x86-64 numbering).
const signals: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15, WINCH: 28 };
const delivered: Record<number, Signal> = { 2: 'SIGINT', 3: 'SIGQUIT', 9: 'SIGKILL', 15: 'SIGTERM', 28: 'SIGWINCH' };

/** The signal number a `-SIG`, `-N` or `-s SIG` names; null when it names none. */
export function parseSignal(s: string): number | null {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n >= 0 && n <= 64 ? n : null;
  }
  const name = s.toUpperCase().replace(/^SIG/, '');
  return signals[name] ?? null;
}

function* kill(argv: string[], ctx: ProcessContext, sys: ExecSystem, busybox: boolean): Co<number> {
  let sig = 15;
  const args = argv.slice(1);
  if (args[0] === '-s') {
    const n = parseSignal(args[1] ?? '');
    if (n === null) {
      ctx.stderr(busybox ? `kill: bad signal name '${args[1] ?? ''}'` : `kill: ${args[1] ?? ''}: invalid signal specification`);
      return 1;
    }
    sig = n;
    args.splice(0, 2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--' && args.length > 1) {
    const n = parseSignal(args[0].slice(1));
    if (n === null) {
      ctx.stderr(busybox ? `kill: bad signal name '${args[0].slice(1)}'` : `kill: ${args[0].slice(1)}: invalid signal specification`);
      return 1;
    }
    sig = n;
    args.shift();
  }
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    ctx.stderr(busybox ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.' : 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
    if (busybox) ctx.stderr('\nUsage: kill [-l] [-SIG] PID...');
    return 1;
  }
  let code = 0;
  for (const pid of args) {
    if (pid === '1') {
      // Signal 0 only asks whether the process exists.
      if (sig !== 0) sys.signalInit(delivered[sig] ?? 'other');
      continue;
    }
    ctx.stderr(busybox ? `kill: can't kill pid ${pid}: No such process` : `kill: (${pid}) - No such process`);
    code = 1;
  }
  return code;
}

registerExecProgram('kill', {
  inImage: hasShell,
  program: (argv, ctx, sys, image) => kill(argv, ctx, sys, isBusybox(image.binaries)),
});
