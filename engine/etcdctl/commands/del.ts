// `etcdctl del`. Follows ctlv3/command/del_command.go.

import type { Command } from '../cobra';
import { orExit, type RunContext } from '../context';
import type { FlagDef } from '../flags';
import { getDelOp } from './ops';

/** del's flags (also parsed for `del` lines inside txn). */
export const delFlags: FlagDef[] = [
  { name: 'prefix', kind: 'bool', def: 'false', usage: 'delete keys with matching prefix' },
  { name: 'prev-kv', kind: 'bool', def: 'false', usage: 'return deleted key-value pairs' },
  { name: 'from-key', kind: 'bool', def: 'false', usage: 'delete keys that are greater than or equal to the given key using byte compare' },
];

/** del's use line. */
export const delUse = 'del [options] <key> [range_end]';

/** The del command. */
export function delCommand(ctx: RunContext): Command {
  return {
    use: delUse,
    short: 'Removes the specified key or range of keys [key, range_end)',
    flags: delFlags,
    run: function* (inv) {
      const req = getDelOp(ctx.io, inv.flags, inv.args);
      const timeoutMs = ctx.commandTimeoutMs(inv);
      const session = yield* ctx.mustClient(inv);
      const resp = yield* orExit(ctx.io, session.call('DeleteRange', req, { timeoutMs }));
      ctx.printer!.del(resp);
    },
  };
}
