// `etcdctl watch`: streams events until Ctrl-C (the AbortSignal) or until the server cancels the
// watch. Follows ctlv3/command/watch_command.go and clientv3/watch.go (WatchResponse.Err).

import type { WatchCreateRequest, WatchResponse } from '../../etcd/types';
import { ErrCompacted, ErrFutureRev } from '../../etcd/types';
import { allFlags, type Command, type Invocation } from '../cobra';
import type { RunContext } from '../context';
import { FlagError, parseFlags } from '../flags';
import { ExitBadArgs, ExitInterrupted, ExitInvalidInput, exitWithError } from '../io';
import { raceAbort } from '../rpc';
import { argify } from './txn-parse';
import { prefixRangeEnd } from './ops';

const errBadArgsNum = 'bad number of arguments';
const errBadArgsNumSeparator = 'bad number of arguments (found separator --, but no commands)';

// WatchResponse.Err(): why the server ended a watch.
function cancelError(r: WatchResponse): string {
  if (r.compact_revision !== 0) return ErrCompacted;
  if (r.cancel_reason) return r.cancel_reason.startsWith('etcdserver: ') ? r.cancel_reason : `rpc error: code = FailedPrecondition desc = ${r.cancel_reason}`;
  return ErrFutureRev;
}

/** The watch command. */
export function watchCommand(ctx: RunContext): Command {
  const io = ctx.io;

  // getWatchChan's request; etcdctl's --rev 0 means "from now".
  const watchRequest = (inv: Invocation, args: string[]): WatchCreateRequest => {
    if (args.length < 1) exitWithError(io, ExitBadArgs, errBadArgsNum);
    const prefix = inv.flags.values.get('prefix') === true;
    const req: WatchCreateRequest = { key: args[0] };
    if (args.length === 2) {
      if (prefix) exitWithError(io, ExitBadArgs, '`range_end` and `--prefix` are mutually exclusive');
      req.range_end = args[1];
    }
    if (prefix) {
      if (req.key === '') [req.key, req.range_end] = ['\0', '\0'];
      else req.range_end = prefixRangeEnd(req.key);
    }
    const rev = inv.flags.values.get('rev') as bigint;
    if (rev !== 0n) req.start_revision = Number(rev);
    if (inv.flags.values.get('prev-kv') === true) req.prev_kv = true;
    return req;
  };

  // printWatchCh until the server cancels the watch or the caller aborts.
  const stream = (req: WatchCreateRequest, inv: Invocation): Promise<void> => {
    const session = ctx.mustClient(inv);
    const display = ctx.printer!;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (err?: unknown): void => {
        if (done) return;
        done = true;
        handle?.cancel();
        if (err) reject(err);
        else resolve();
      };
      let handle: { cancel(): void } | undefined;
      handle = session.watch(req, (resp) => {
        if (done || (resp.created && resp.events.length === 0 && !resp.canceled)) return;
        try {
          if (resp.canceled) io.err(`watch was canceled (${cancelError(resp)})\n`);
          const progress = resp.events.length === 0 && !resp.canceled && !resp.created && resp.compact_revision === 0 && resp.header.revision !== 0;
          if (progress) io.out(`progress notify: ${resp.header.revision}\n`);
          display.watch(resp);
          if (resp.canceled) exitWithError(io, ExitInterrupted, 'watch is canceled by the server');
        } catch (e) {
          finish(e);
        }
      });
      if (done) handle.cancel();
      raceAbort(new Promise<never>(() => {}), ctx.opts.signal).catch((e: unknown) => finish(e));
    });
  };

  return {
    use: 'watch [options] [key or prefix] [range_end] [--] [exec-command arg1 arg2 ...]',
    short: 'Watches events stream on keys or prefixes',
    flags: [
      { name: 'interactive', shorthand: 'i', kind: 'bool', def: 'false', usage: 'Interactive mode' },
      { name: 'prefix', kind: 'bool', def: 'false', usage: 'Watch on a prefix if prefix is set' },
      { name: 'rev', kind: 'int64', def: '0', usage: 'Revision to start watching' },
      { name: 'prev-kv', kind: 'bool', def: 'false', usage: 'get the previous key-value pair before the event happens' },
    ],
    run: async (inv) => {
      if (inv.flags.values.get('interactive') === true) return interactive(ctx, inv);
      // parseWatchArgs: the raw words after "watch" decide about "--" and an empty command line.
      const sep = inv.rawArgs.indexOf('--');
      if (sep >= 0 && sep === inv.rawArgs.length - 1) exitWithError(io, ExitBadArgs, errBadArgsNumSeparator);
      if (sep < 0 && inv.rawArgs.length < 1) exitWithError(io, ExitBadArgs, errBadArgsNum);
      if (sep >= 0) exitWithError(io, ExitBadArgs, 'watch with an exec-command is not supported by Kubeplay\'s etcdctl');
      ctx.mustClient(inv);
      const req = watchRequest(inv, inv.args);
      await stream(req, inv);
    },
  };

  // watchInteractiveFunc: one request per stdin line; reaching the end of stdin ends etcdctl.
  async function interactive(c: RunContext, inv: Invocation): Promise<void> {
    c.mustClient(inv);
    for (;;) {
      const { line, eof } = c.readLine();
      if (eof) exitWithError(io, ExitInvalidInput, 'Error reading watch request line: EOF');
      const l = line.replace(/\n$/, '');
      const args = argify(l);
      if (args.length < 1) io.err(`Invalid command: ${l} (watch and progress supported)\n`);
      else if (args[0] === 'watch') {
        if (args.length < 2) {
          io.err(`Invalid command ${l} (command type or key is not provided)\n`);
          continue;
        }
        try {
          parseFlags(allFlags(inv.cmd), args.slice(1));
        } catch (e) {
          if (!(e instanceof FlagError)) throw e;
          exitWithError(io, ExitBadArgs, e.message);
        }
      } else if (args[0] !== 'progress') io.err(`Invalid command ${l} (only support watch)\n`);
    }
  }
}
