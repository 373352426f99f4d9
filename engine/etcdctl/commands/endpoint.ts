// `etcdctl endpoint health|status` (hashkv is listed but not served). Follows
// ctlv3/command/ep_command.go: health asks every endpoint in parallel and lists them as they answer;
// status asks one endpoint after the other over a direct connection to each.

import type { Command, Invocation } from '../cobra';
import { orExit, type RunContext } from '../context';
import { durationFromMs } from '../gofmt';
import { Exit as ExitCode, ExitError, exitWithError } from '../io';
import type { EpHealth, EpStatus } from '../printers';
import { RpcFailure, Session } from '../rpc';
import { unsupported } from './unsupported';

/** The endpoint command group. */
export function endpointCommand(ctx: RunContext): Command {
  const io = ctx.io;

  // endpointsFromCluster: --endpoints as given, or every member's client URLs with --cluster.
  const endpointsFromCluster = async (inv: Invocation): Promise<string[]> => {
    if (inv.flags.values.get('cluster') !== true) return inv.flags.values.get('endpoints') as string[];
    const session = new Session(ctx.sessionEnv(inv), ctx.endpoints(inv));
    const membs = await orExit(io, session.call('MemberList', {}, { repeatable: true }), ExitError, (m) => `failed to fetch endpoints from etcd cluster member list: ${m}`);
    return membs.members.flatMap((m) => m.clientURLs ?? []);
  };

  const health: Command = {
    use: 'health',
    short: 'Checks the healthiness of endpoints specified in `--endpoints` flag',
    run: async (inv) => {
      const display = ctx.display(inv);
      const endpoints = await endpointsFromCluster(inv);
      const env = ctx.sessionEnv(inv);
      const results: EpHealth[] = [];
      // Each endpoint gets its own client; results are listed in the order they come back.
      await Promise.all(
        endpoints.map(async (ep) => {
          const session = new Session(env, [ep]);
          const start = ctx.opts.nowMs();
          let error = '';
          try {
            await session.call('Range', { key: 'health' }, { repeatable: true });
          } catch (e) {
            if (!(e instanceof RpcFailure)) throw e;
            error = e.message;
          }
          const ok = error === '' || error === 'etcdserver: permission denied';
          results.push({ ep, health: ok, took: durationFromMs(ctx.opts.nowMs() - start), error: ok ? '' : error });
        }),
      );
      display.endpointHealth(results);
      if (results.some((h) => h.error !== '')) exitWithError(io, ExitError, 'unhealthy cluster');
    },
  };

  const status: Command = {
    use: 'status',
    short: 'Prints out the status of endpoints specified in `--endpoints` flag',
    long: `When --write-out is set to simple, this command prints out comma-separated status lists for each endpoint.
The items in the lists are endpoint, ID, version, db size, is leader, is learner, raft term, raft index, raft applied index, errors.
`,
    run: async (inv) => {
      ctx.mustClient(inv);
      const display = ctx.printer!;
      const list: EpStatus[] = [];
      let failed = false;
      for (const ep of await endpointsFromCluster(inv)) {
        try {
          const resp = await new Session(ctx.sessionEnv(inv), [ep], true).call('Status', {}, { repeatable: true });
          list.push({ ep, resp });
        } catch (e) {
          if (!(e instanceof RpcFailure)) throw e;
          failed = true;
          io.err(`Failed to get the status of endpoint ${ep} (${e.message})\n`);
        }
      }
      display.endpointStatus(list);
      if (failed) throw new ExitCode(ExitError);
    },
  };

  return {
    use: 'endpoint <subcommand>',
    short: 'Endpoint related commands',
    persistentFlags: [{ name: 'cluster', kind: 'bool', def: 'false', usage: 'use all endpoints from the cluster member list' }],
    commands: [
      health,
      status,
      unsupported(ctx, {
        use: 'hashkv',
        short: 'Prints the KV history hash for each endpoint in --endpoints',
        persistentFlags: [{ name: 'rev', kind: 'int64', def: '0', usage: 'maximum revision to hash (default: all revisions)' }],
      }),
    ],
  };
}
