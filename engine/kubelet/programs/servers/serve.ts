// What the simulated servers share: running until stopped, shutting down on their stop signal the
// way each one does, and the log timestamp formats they print.

import { suspend, type Co } from '../../../sim/co';
import type { HttpRequest, HttpResponse, ProcessContext, Signal } from '../program';
import { strftime } from '../coreutils';

/** Parks the server's main coroutine for good: only a signal (or SIGKILL) ends the process. */
export function serveForever(): Co<never> {
  return suspend<never>(() => {});
}

/** What a server does on a signal: exit with `code` after `delayMs`, printing `lines` first. */
export interface Shutdown {
  code: number;
  delayMs?: number;
  lines?: string[];
  stream?: 'stdout' | 'stderr';
}

/** Installs a signal handler; `on` answers each signal with a shutdown, or null to ignore it. */
export function handleSignals(ctx: ProcessContext, on: (sig: Signal) => Shutdown | null): void {
  let stopping = false;
  ctx.onSignal((sig) => {
    const s = on(sig);
    if (!s || stopping) return;
    stopping = true;
    for (const l of s.lines ?? []) (s.stream === 'stderr' ? ctx.stderr : ctx.stdout).call(ctx, l);
    if (!s.delayMs) ctx.exit(s.code);
    else
      ctx.spawn(
        (function* () {
          yield* ctx.sleep(s.delayMs!);
          ctx.exit(s.code);
          return s.code;
        })(),
      );
  });
}

/**
 * A Go binary that never calls signal.Notify: as PID 1 the kernel ignores the default action, so
 * the runtime's handler re-raises, survives, and exits with status 2 (runtime.dieFromSignal).
 */
export function goDefaultSignals(ctx: ProcessContext): void {
  handleSignals(ctx, (sig) => (sig === 'SIGWINCH' ? null : { code: 2 }));
}

/** `2024/01/02 15:04:05`: Go's log package and nginx's error log. */
export function logStamp(ms: number): string {
  return strftime(ms, '%Y/%m/%d %H:%M:%S');
}

/** `02/Jan/2024:15:04:05 +0000`: the common log format's time. */
export function clfStamp(ms: number): string {
  return strftime(ms, '%d/%b/%Y:%H:%M:%S +0000');
}

/** A static site: `pages` by path answer 200, anything else 404 with `notFound`. */
export function staticSite(pages: Record<string, string>, notFound: string): (req: HttpRequest) => HttpResponse {
  return (req) => {
    const path = req.path.split('?')[0];
    const body = pages[path];
    return body === undefined ? { status: 404, body: notFound } : { status: 200, body };
  };
}

/** The value of `--name=value` or `--name value` (also with one dash), if given. */
export function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i].replace(/^--?/, '');
    if (a === name) return argv[i + 1];
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

/** Bytes of a text body, for access logs. */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}
