// `etcdctl endpoint health|status` (hashkv is listed but not served). Follows
// ctlv3/command/ep_command.go: health asks every endpoint in parallel and lists them as they answer;
// status asks one endpoint after the other over a direct connection to each.

import { all, type Co } from '../../sim/co';
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

  // endpointsFromCluster: --endpoints as given, or every member's client URLs with --cluster (asked
  // through a client without credentials, over the endpoints endpointsFromCmd finds).
  function* endpointsFromCluster(inv: Invocation): Co<string[]> {
    if (inv.flags.values.get('cluster') !== true) return inv.flags.values.get('endpoints') as string[];
    ctx.secureCfg(inv);
    const eps = ctx.endpointsFromCmd(inv);
    if (eps.length === 0) exitWithError(io, ExitError, 'etcdclient: no available endpoints');
    const session = new Session(ctx.sessionEnv(inv), eps);
    const membs = yield* orExit(io, session.call('MemberList', {}, { repeatable: true }), ExitError, (m) => `failed to fetch endpoints from etcd cluster member list: ${m}`);
    return membs.members.flatMap((m) => m.clientURLs ?? []);
  }

  const health: Command = {
    use: 'health',
    short: 'Checks the healthiness of endpoints specified in `--endpoints` flag',
    run: function* (inv) {
      // epHealthCommandFunc reads the environment itself, then builds one client config per endpoint.
      ctx.applyEnv(inv);
      const display = ctx.display(inv);
      ctx.secureCfg(inv);
      const dialTimeoutMs = ctx.dialTimeoutMs(inv);
      const auth = ctx.authCfg(inv);
      const endpoints = yield* endpointsFromCluster(inv);
      const results: EpHealth[] = [];
      // Each endpoint gets its own client; results are listed in the order they come back.
      yield* all(
        endpoints.map(function* (ep): Co<void> {
          let session: Session;
          try {
            session = yield* ctx.newClient(inv, { endpoints: [ep], dialTimeoutMs, auth });
          } catch (e) {
            if (!(e instanceof RpcFailure)) throw e;
            results.push({ ep, health: false, took: '', error: e.message });
            return;
          }
          const start = ctx.client.now();
          let error = '';
          try {
            yield* session.call('Range', { key: 'health' }, { repeatable: true });
          } catch (e) {
            if (!(e instanceof RpcFailure)) throw e;
            error = e.message;
          }
          const ok = error === '' || error === 'etcdserver: permission denied';
          results.push({ ep, health: ok, took: durationFromMs(ctx.client.now() - start), error: ok ? '' : error });
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
    run: function* (inv) {
      const client = yield* ctx.mustClient(inv);
      const display = ctx.printer!;
      const list: EpStatus[] = [];
      let failed = false;
      for (const ep of yield* endpointsFromCluster(inv)) {
        try {
          // Maintenance.Status dials the endpoint directly; a client with credentials authenticates again.
          const direct = new Session(ctx.sessionEnv(inv), [ep], true);
          if (client.auth) yield* direct.authenticate(ctx.dialTimeoutMs(inv), client);
          const resp = yield* direct.call('Status', {}, { repeatable: true });
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
