// `etcdctl member add|remove|list` (update and promote are listed but not served by the engine).
// Follows ctlv3/command/member_command.go.

import type { Command } from '../cobra';
import { orExit, type RunContext } from '../context';
import { quote } from '../gofmt';
import { GoParseError, parseUint64 } from '../goparse';
import { ExitBadArgs, exitWithError } from '../io';
import { SimplePrinter } from '../printers';
import { unsupported } from './unsupported';

/** The member command group. */
export function memberCommand(ctx: RunContext): Command {
  const io = ctx.io;

  const memberId = (arg: string): bigint => {
    try {
      return parseUint64(arg, 16);
    } catch (e) {
      if (!(e instanceof GoParseError)) throw e;
      return exitWithError(io, ExitBadArgs, `bad member ID arg (${e.message}), expecting ID in Hex`);
    }
  };

  const add: Command = {
    use: 'add <memberName> [options]',
    short: 'Adds a member into the cluster',
    flags: [
      { name: 'peer-urls', kind: 'string', def: '', usage: 'comma separated peer URLs for the new member.' },
      { name: 'learner', kind: 'bool', def: 'false', usage: 'indicates if the new member is raft learner' },
    ],
    run: function* (inv) {
      const args = inv.args;
      if (args.length < 1) exitWithError(io, ExitBadArgs, 'member name not provided');
      if (args.length > 1) {
        let ev = 'too many arguments';
        for (const s of args) if (s.toLowerCase().startsWith('http')) ev += `, did you mean --peer-urls=${s}`;
        exitWithError(io, ExitBadArgs, ev);
      }
      const name = args[0];
      const peerURLs = inv.flags.values.get('peer-urls') as string;
      if (peerURLs.length === 0) exitWithError(io, ExitBadArgs, 'member peer urls not provided');
      const timeoutMs = ctx.commandTimeoutMs(inv);
      const session = yield* ctx.mustClient(inv);
      const isLearner = inv.flags.values.get('learner') === true;
      const req = { peerURLs: peerURLs.split(','), ...(isLearner ? { isLearner } : {}) };
      const resp = yield* orExit(io, session.call('MemberAdd', req, { timeoutMs }));
      ctx.printer!.memberAdd(resp);
      if (ctx.printer instanceof SimplePrinter) {
        const conf = resp.members.flatMap((m) => m.peerURLs.map((u) => `${BigInt(m.ID) === BigInt(resp.member.ID) ? name : m.name}=${u}`));
        io.out('\n');
        io.out(`ETCD_NAME=${quote(name)}\n`);
        io.out(`ETCD_INITIAL_CLUSTER=${quote(conf.join(','))}\n`);
        io.out(`ETCD_INITIAL_ADVERTISE_PEER_URLS=${quote(peerURLs)}\n`);
        io.out('ETCD_INITIAL_CLUSTER_STATE="existing"\n');
      }
    },
  };

  const remove: Command = {
    use: 'remove <memberID>',
    short: 'Removes a member from the cluster',
    run: function* (inv) {
      if (inv.args.length !== 1) exitWithError(io, ExitBadArgs, 'member ID is not provided');
      const id = memberId(inv.args[0]);
      const timeoutMs = ctx.commandTimeoutMs(inv);
      const session = yield* ctx.mustClient(inv);
      const resp = yield* orExit(io, session.call('MemberRemove', { ID: id }, { timeoutMs }));
      ctx.printer!.memberRemove(id, resp);
    },
  };

  const list: Command = {
    use: 'list',
    short: 'Lists all members in the cluster',
    long: `When --write-out is set to simple, this command prints out comma-separated member lists for each endpoint.
The items in the lists are ID, Status, Name, Peer Addrs, Client Addrs, Is Learner.
`,
    run: function* (inv) {
      const timeoutMs = ctx.commandTimeoutMs(inv);
      const session = yield* ctx.mustClient(inv);
      const resp = yield* orExit(io, session.call('MemberList', {}, { repeatable: true, timeoutMs }));
      ctx.printer!.memberList(resp);
    },
  };

  return {
    use: 'member <subcommand>',
    short: 'Membership related commands',
    commands: [
      add,
      remove,
      unsupported(ctx, {
        use: 'update <memberID> [options]',
        short: 'Updates a member in the cluster',
        flags: [{ name: 'peer-urls', kind: 'string', def: '', usage: 'comma separated peer URLs for the updated member.' }],
      }),
      list,
      unsupported(ctx, { use: 'promote <memberID>', short: 'Promotes a non-voting member in the cluster', long: 'Promotes a non-voting learner member to a voting one in the cluster.\n' }),
    ],
  };
}
