// `etcdctl compaction`. Follows ctlv3/command/compaction_command.go.

import type { Command } from '../cobra';
import { orExit, type RunContext } from '../context';
import { GoParseError, parseInt64 } from '../goparse';
import { ExitBadArgs, ExitError, exitWithError } from '../io';

/** The compaction command. */
export function compactionCommand(ctx: RunContext): Command {
  return {
    use: 'compaction [options] <revision>',
    short: 'Compacts the event history in etcd',
    flags: [{ name: 'physical', kind: 'bool', def: 'false', usage: "'true' to wait for compaction to physically remove all old revisions" }],
    run: function* (inv) {
      if (inv.args.length !== 1) exitWithError(ctx.io, ExitBadArgs, 'compaction command needs 1 argument');
      let rev = 0n;
      try {
        rev = parseInt64(inv.args[0], 10);
      } catch (e) {
        if (!(e instanceof GoParseError)) throw e;
        exitWithError(ctx.io, ExitError, e.message);
      }
      const session = yield* ctx.mustClient(inv);
      const req = { revision: Number(rev), ...(inv.flags.values.get('physical') === true ? { physical: true } : {}) };
      yield* orExit(ctx.io, session.call('Compact', req));
      ctx.io.out(`compacted revision ${rev}\n`);
    },
  };
}
