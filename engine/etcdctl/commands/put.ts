// `etcdctl put`. Follows ctlv3/command/put_command.go.

import type { Command } from '../cobra';
import { orExit, type RunContext } from '../context';
import type { FlagDef } from '../flags';
import { getPutOp } from './ops';

/** put's flags (also parsed for `put` lines inside txn). */
export const putFlags: FlagDef[] = [
  { name: 'lease', kind: 'string', def: '0', usage: 'lease ID (in hexadecimal) to attach to the key' },
  { name: 'prev-kv', kind: 'bool', def: 'false', usage: 'return the previous key-value pair before modification' },
  { name: 'ignore-value', kind: 'bool', def: 'false', usage: 'updates the key using its current value' },
  { name: 'ignore-lease', kind: 'bool', def: 'false', usage: 'updates the key using its current lease' },
];

/** put's use line. */
export const putUse = 'put [options] <key> <value> (<value> can also be given from stdin)';

const putLong = `
Puts the given key into the store.

When <value> begins with '-', <value> is interpreted as a flag.
Insert '--' for workaround:

$ put <key> -- <value>
$ put -- <key> <value>

If <value> isn't given as a command line argument and '--ignore-value' is not specified,
this command tries to read the value from standard input.

If <lease> isn't given as a command line argument and '--ignore-lease' is not specified,
this command tries to read the value from standard input.

For example,
$ cat file | put <key>
will store the content of the file to <key>.
`;

/** The put command. */
export function putCommand(ctx: RunContext): Command {
  return {
    use: putUse,
    short: 'Puts the given key into the store',
    long: putLong,
    flags: putFlags,
    run: function* (inv) {
      const req = getPutOp(ctx.io, inv.flags, inv.args, () => ctx.readAll());
      const timeoutMs = ctx.commandTimeoutMs(inv);
      const session = yield* ctx.mustClient(inv);
      const resp = yield* orExit(ctx.io, session.call('Put', req, { timeoutMs }));
      ctx.printer!.put(resp);
    },
  };
}
