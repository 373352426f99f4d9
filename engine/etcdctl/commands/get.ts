// `etcdctl get`. Follows ctlv3/command/get_command.go.

import type { Command } from '../cobra';
import { orExit, type RunContext } from '../context';
import type { FlagDef } from '../flags';
import { ExitBadArgs, exitWithError } from '../io';
import { SimplePrinter } from '../printers';
import { getGetOp } from './ops';

/** get's flags (also parsed for `get` lines inside txn). */
export const getFlags: FlagDef[] = [
  { name: 'consistency', kind: 'string', def: 'l', usage: 'Linearizable(l) or Serializable(s)' },
  { name: 'order', kind: 'string', def: '', usage: 'Order of results; ASCEND or DESCEND (ASCEND by default)' },
  { name: 'sort-by', kind: 'string', def: '', usage: 'Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION' },
  { name: 'limit', kind: 'int64', def: '0', usage: 'Maximum number of results' },
  { name: 'prefix', kind: 'bool', def: 'false', usage: 'Get keys with matching prefix' },
  { name: 'from-key', kind: 'bool', def: 'false', usage: 'Get keys that are greater than or equal to the given key using byte compare' },
  { name: 'rev', kind: 'int64', def: '0', usage: 'Specify the kv revision' },
  { name: 'keys-only', kind: 'bool', def: 'false', usage: 'Get only the keys' },
  { name: 'print-value-only', kind: 'bool', def: 'false', usage: 'Only write values when using the "simple" output format' },
];

/** get's use line. */
export const getUse = 'get [options] <key> [range_end]';

/** The get command. */
export function getCommand(ctx: RunContext): Command {
  return {
    use: getUse,
    short: 'Gets the key or a range of keys',
    flags: getFlags,
    run: function* (inv) {
      const req = getGetOp(ctx.io, inv.flags, inv.args);
      // commandCtx comes before mustClientFromCmd: ETCDCTL_COMMAND_TIMEOUT does not reach it.
      const timeoutMs = ctx.commandTimeoutMs(inv);
      const session = yield* ctx.mustClient(inv);
      const resp = yield* orExit(ctx.io, session.call('Range', req, { repeatable: true, timeoutMs }));
      const display = ctx.printer!;
      if (inv.flags.values.get('print-value-only') === true) {
        if (!(display instanceof SimplePrinter)) exitWithError(ctx.io, ExitBadArgs, 'print-value-only is only for `--write-out=simple`');
        display.valueOnly = true;
      }
      display.get(resp);
    },
  };
}
