// Commands etcdctl 3.4 has that the engine does not serve (auth, snapshot, defrag, ...): they are
// listed in help exactly as upstream lists them, and running one says it is not available here.

import type { Command } from '../cobra';
import type { RunContext } from '../context';
import { commandPath } from '../cobra';
import { ExitError, exitWithError } from '../io';

/** A command shown in help whose Run reports that Kubeplay does not implement it. */
export function unsupported(ctx: RunContext, cmd: Omit<Command, 'run'>): Command {
  const self: Command = {
    ...cmd,
    run: function* () {
      exitWithError(ctx.io, ExitError, `"${commandPath(self).replace(/^etcdctl /, '')}" is not supported by Kubeplay's etcdctl`);
    },
  };
  return self;
}
