// `etcdctl watch`: streams events until Ctrl-C (an interrupt at the wait) or until the server
// cancels the watch. Follows ctlv3/command/watch_command.go and clientv3/watch.go (WatchResponse.Err).

import type { WatchCreateRequest, WatchResponse } from '../../etcd/types';
import { ErrCompacted, ErrFutureRev } from '../../etcd/types';
import { suspend, type Co } from '../../sim/co';
import { allFlags, type Command, type Invocation } from '../cobra';
import type { RunContext } from '../context';
import { FlagError, parseFlags } from '../flags';
import { quote } from '../gofmt';
import { ExitBadArgs, ExitInterrupted, ExitInvalidInput, exitWithError, GoPanic } from '../io';
import type { Session } from '../rpc';
import { argify } from './txn-parse';
import { prefixRangeEnd } from './ops';

const errBadArgsNum = 'bad number of arguments';
const errBadArgsNumConflictEnv = 'bad number of arguments (found conflicting environment key)';
const errBadArgsNumSeparator = 'bad number of arguments (found separator --, but no commands)';

/**
 * parseWatchArgs outside interactive mode: `rawArgs` are the words after "watch" as typed, `args`
 * what cobra left after flags; ETCDCTL_WATCH_KEY (and _RANGE_END) stand for the key. Returns the
 * key [range_end] words and the exec-command after "--", or the error etcdctl exits 128 with.
 */
export function parseWatchArgs(rawArgs: string[], args: string[], envKey: string, envRange: string): { watchArgs: string[]; execArgs: string[] } | { error: string } {
  let watchArgs = [...args];
  const execIdx = rawArgs.indexOf('--');
  const execExist = execIdx >= 0;
  if (execExist && execIdx === rawArgs.length - 1) return { error: errBadArgsNumSeparator };
  if (!execExist && rawArgs.length < 1 && envKey === '') return { error: errBadArgsNum };
  if (execExist && envKey !== '') {
    // "ETCDCTL_WATCH_KEY=foo watch foo -- echo 1": a key before "--" conflicts with the environment's.
    let ridx = rawArgs.length - 1;
    for (let widx = watchArgs.length - 1; widx >= 0; widx--) {
      if (watchArgs[widx] === rawArgs[ridx]) {
        ridx--;
        continue;
      }
      if (ridx === execIdx) return { error: errBadArgsNumConflictEnv };
    }
  }
  if (!execExist && watchArgs.length > 0 && envKey !== '') return { error: errBadArgsNumConflictEnv };
  const execArgs = execExist ? rawArgs.slice(execIdx + 1) : [];
  if (envKey !== '') watchArgs = [envKey, ...(envRange !== '' ? [envRange] : []), ...watchArgs];
  if (!execExist) return { watchArgs, execArgs };
  // cobra's args run on past "--": cut them at the exec-command's first word.
  const endIdx = watchArgs.lastIndexOf(rawArgs[execIdx + 1]);
  if (endIdx < 0) throw new GoPanic('runtime error: slice bounds out of range [:-1]');
  return { watchArgs: watchArgs.slice(0, endIdx), execArgs };
}

// WatchResponse.Err(): why the server ended a watch.
function cancelError(r: WatchResponse): string {
  // v3rpc.Error(closeErr): a text rpctypes knows maps to itself, any other stays as it is.
  if (r.closeErr !== undefined) return r.closeErr;
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

  // printWatchCh until the server cancels the watch or the run is interrupted (Ctrl-C).
  function* stream(session: Session, req: WatchCreateRequest): Co<void> {
    const display = ctx.printer!;
    let handle: { cancel(): void } | undefined;
    try {
      // Nothing resumes this wait: it ends by a print failing, the server's cancel, or an interrupt.
      yield* suspend<never>((_resume, fail) => {
        let done = false;
        handle = session.watch(req, (resp) => {
          if (done || (resp.created && resp.events.length === 0 && !resp.canceled)) return;
          try {
            if (resp.canceled) io.err(`watch was canceled (${cancelError(resp)})\n`);
            const progress = resp.events.length === 0 && !resp.canceled && !resp.created && resp.compact_revision === 0 && resp.header.revision !== 0;
            if (progress) io.out(`progress notify: ${resp.header.revision}\n`);
            display.watch(resp);
            if (resp.canceled) exitWithError(io, ExitInterrupted, 'watch is canceled by the server');
          } catch (e) {
            done = true;
            fail(e);
          }
        });
        return () => {
          done = true;
        };
      });
    } finally {
      handle?.cancel();
    }
  }

  return {
    use: 'watch [options] [key or prefix] [range_end] [--] [exec-command arg1 arg2 ...]',
    short: 'Watches events stream on keys or prefixes',
    flags: [
      { name: 'interactive', shorthand: 'i', kind: 'bool', def: 'false', usage: 'Interactive mode' },
      { name: 'prefix', kind: 'bool', def: 'false', usage: 'Watch on a prefix if prefix is set' },
      { name: 'rev', kind: 'int64', def: '0', usage: 'Revision to start watching' },
      { name: 'prev-kv', kind: 'bool', def: 'false', usage: 'get the previous key-value pair before the event happens' },
    ],
    run: function* (inv) {
      const envKey = ctx.env.get('ETCDCTL_WATCH_KEY') ?? '';
      const envRange = ctx.env.get('ETCDCTL_WATCH_RANGE_END') ?? '';
      if (envKey === '' && envRange !== '') exitWithError(io, ExitBadArgs, `ETCDCTL_WATCH_KEY is empty but got ETCDCTL_WATCH_RANGE_END=${quote(envRange)}`);
      if (inv.flags.values.get('interactive') === true) return yield* interactive(ctx, inv);
      const parsed = parseWatchArgs(inv.rawArgs, inv.args, envKey, envRange);
      if ('error' in parsed) return exitWithError(io, ExitBadArgs, parsed.error);
      const session = yield* ctx.mustClient(inv);
      const req = watchRequest(inv, parsed.watchArgs);
      if (parsed.execArgs.length > 0) exitWithError(io, ExitBadArgs, "watch with an exec-command is not supported by Kubeplay's etcdctl");
      yield* stream(session, req);
    },
  };

  // watchInteractiveFunc: one request per stdin line; reaching the end of stdin ends etcdctl.
  function* interactive(c: RunContext, inv: Invocation): Co<void> {
    yield* c.mustClient(inv);
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
