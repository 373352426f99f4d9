// `etcdctl lease grant|revoke|timetolive|list|keep-alive`. Follows ctlv3/command/lease_command.go;
// the keep-alive loop follows clientv3/lease.go (renew every TTL/3, give up once the TTL runs out).

import type { LeaseKeepAliveResponse } from '../../etcd/types';
import { ErrLeaseNotFound } from '../../etcd/types';
import type { Command, Invocation } from '../cobra';
import { orExit, type RunContext } from '../context';
import { hex016 } from '../gofmt';
import { GoParseError, parseInt64 } from '../goparse';
import { ExitBadArgs, ExitBadConnection, ExitError, exitWithError } from '../io';
import { SimplePrinter } from '../printers';
import type { Co } from '../../sim/co';
import { RpcFailure, sleep, type Session } from '../rpc';

/**
 * How long clientv3 waits for the first keep-alive answer (lease.go firstKeepAliveTimeout):
 * --dial-timeout + 1s, or defaultTTL (5s) when that sum is exactly 1s (no dial timeout).
 */
const firstKeepAliveTimeoutMs = (dialTimeoutMs: number): number => (dialTimeoutMs === 0 ? 5000 : dialTimeoutMs + 1000);
/** clientv3 retries a broken keep-alive stream after this long (retryConnWait). */
const retryConnWaitMs = 500;

/** The lease command group. */
export function leaseCommand(ctx: RunContext): Command {
  const io = ctx.io;

  const leaseFromArgs = (arg: string): bigint => {
    try {
      return parseInt64(arg, 16);
    } catch (e) {
      if (!(e instanceof GoParseError)) throw e;
      return exitWithError(io, ExitBadArgs, `bad lease ID arg (${e.message}), expecting ID in Hex`);
    }
  };

  const grant: Command = {
    use: 'grant <ttl>',
    short: 'Creates leases',
    run: function* (inv) {
      if (inv.args.length !== 1) exitWithError(io, ExitBadArgs, 'lease grant command needs TTL argument');
      let ttl = 0n;
      try {
        ttl = parseInt64(inv.args[0], 10);
      } catch (e) {
        if (!(e instanceof GoParseError)) throw e;
        exitWithError(io, ExitBadArgs, `bad TTL (${e.message})`);
      }
      const timeoutMs = ctx.commandTimeoutMs(inv);
      const session = yield* ctx.mustClient(inv);
      const resp = yield* orExit(io, session.call('LeaseGrant', { TTL: Number(ttl), ID: 0n }, { repeatable: true, timeoutMs }), ExitError, (m) => `failed to grant lease (${m})`);
      ctx.printer!.grant(resp);
    },
  };

  const revoke: Command = {
    use: 'revoke <leaseID>',
    short: 'Revokes leases',
    run: function* (inv) {
      if (inv.args.length !== 1) exitWithError(io, ExitBadArgs, 'lease revoke command needs 1 argument');
      const id = leaseFromArgs(inv.args[0]);
      const timeoutMs = ctx.commandTimeoutMs(inv);
      const session = yield* ctx.mustClient(inv);
      const resp = yield* orExit(io, session.call('LeaseRevoke', { ID: id }, { repeatable: true, timeoutMs }), ExitError, (m) => `failed to revoke lease (${m})`);
      ctx.printer!.revoke(id, resp);
    },
  };

  const timetolive: Command = {
    use: 'timetolive <leaseID> [options]',
    short: 'Get lease information',
    flags: [{ name: 'keys', kind: 'bool', def: 'false', usage: 'Get keys attached to this lease' }],
    run: function* (inv) {
      if (inv.args.length !== 1) exitWithError(io, ExitBadArgs, 'lease timetolive command needs lease ID as argument');
      const session = yield* ctx.mustClient(inv);
      const keys = inv.flags.values.get('keys') === true;
      const req = { ID: leaseFromArgs(inv.args[0]), ...(keys ? { keys } : {}) };
      const resp = yield* orExit(io, session.call('LeaseTimeToLive', req, { timeoutMs: null, repeatable: true }), ExitBadConnection);
      ctx.printer!.timeToLive(resp, keys);
    },
  };

  const list: Command = {
    use: 'list',
    short: 'List all active leases',
    run: function* (inv) {
      const session = yield* ctx.mustClient(inv);
      const resp = yield* orExit(io, session.call('LeaseLeases', {}, { timeoutMs: null, repeatable: true }), ExitBadConnection);
      ctx.printer!.leases(resp);
    },
  };

  const keepAlive: Command = {
    use: 'keep-alive [options] <leaseID>',
    short: 'Keeps leases alive (renew)',
    flags: [{ name: 'once', kind: 'bool', def: 'false', usage: 'Resets the keep-alive time to its original value and exits immediately' }],
    run: function* (inv) {
      if (inv.args.length !== 1) exitWithError(io, ExitBadArgs, 'lease keep-alive command needs lease ID as argument');
      const id = leaseFromArgs(inv.args[0]);
      const session = yield* ctx.mustClient(inv);
      if (inv.flags.values.get('once') === true) {
        const resp = yield* orExit(io, session.call('LeaseKeepAlive', { ID: id }, { timeoutMs: null, stream: true }), ExitBadConnection);
        if (resp.TTL <= 0) exitWithError(io, ExitBadConnection, ErrLeaseNotFound);
        ctx.printer!.keepAlive(resp);
        return;
      }
      yield* keepAliveLoop(ctx, inv, session, id);
      if (ctx.printer instanceof SimplePrinter) io.out(`lease ${hex016(id)} expired or revoked.\n`);
    },
  };

  return {
    use: 'lease <subcommand>',
    short: 'Lease related commands',
    commands: [grant, revoke, timetolive, list, keepAlive],
  };
}

// clientv3 Lease.KeepAlive as etcdctl drains it: print each renewal until the lease is gone.
function* keepAliveLoop(ctx: RunContext, inv: Invocation, session: Session, id: bigint): Co<void> {
  const { client } = ctx;
  let deadline = client.now() + firstKeepAliveTimeoutMs(ctx.dialTimeoutMs(inv));
  for (;;) {
    let resp: LeaseKeepAliveResponse | null = null;
    try {
      const timeoutMs = Math.max(1, deadline - client.now());
      resp = yield* session.call('LeaseKeepAlive', { ID: id }, { timeoutMs, stream: true });
    } catch (e) {
      if (!(e instanceof RpcFailure)) throw e;
    }
    if (resp) {
      if (resp.TTL <= 0) return;
      ctx.printer!.keepAlive(resp);
      deadline = client.now() + resp.TTL * 1000;
    }
    if (client.now() >= deadline) return;
    yield* sleep(client, resp ? (resp.TTL * 1000) / 3 : retryConnWaitMs);
  }
}
