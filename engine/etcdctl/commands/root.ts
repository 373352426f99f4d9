// The etcdctl root command: global flags and every subcommand in upstream's order
// (ctlv3/ctl.go init; cobra appends its own help and completion commands last).

import { findCommand, linkTree, type Command } from '../cobra';
import type { RunContext } from '../context';
import type { FlagDef } from '../flags';
import { apiVersion, etcdctlVersion, etcdUsage } from '../usage';
import { compactionCommand } from './compaction';
import { delCommand } from './del';
import { endpointCommand } from './endpoint';
import { getCommand } from './get';
import { leaseCommand } from './lease';
import { memberCommand } from './member';
import { putCommand } from './put';
import { txnCommand } from './txn';
import {
  alarmCommand,
  authCommand,
  checkCommand,
  completionCommand,
  defragCommand,
  electCommand,
  lockCommand,
  makeMirrorCommand,
  migrateCommand,
  moveLeaderCommand,
  roleCommand,
  snapshotCommand,
  userCommand,
} from './unbuilt';
import { watchCommand } from './watch';

/** etcdctl's persistent flags; --endpoints defaults to the client's default endpoints. */
export function globalFlags(defaultEndpoints: string[]): FlagDef[] {
  const s = (name: string, usage: string, def = '', shorthand?: string): FlagDef => ({ name, kind: 'string', def, usage, shorthand });
  const b = (name: string, def: boolean, usage: string): FlagDef => ({ name, kind: 'bool', def: String(def), usage });
  const d = (name: string, def: string, usage: string): FlagDef => ({ name, kind: 'duration', def, usage });
  return [
    { name: 'endpoints', kind: 'stringSlice', def: `[${defaultEndpoints.join(',')}]`, usage: 'gRPC endpoints' },
    b('debug', false, 'enable client-side debug logging'),
    s('write-out', 'set the output format (fields, json, protobuf, simple, table)', 'simple', 'w'),
    b('hex', false, 'print byte strings as hex encoded strings'),
    d('dial-timeout', '2s', 'dial timeout for client connections'),
    d('command-timeout', '5s', 'timeout for short running command (excluding dial timeout)'),
    d('keepalive-time', '2s', 'keepalive time for client connections'),
    d('keepalive-timeout', '6s', 'keepalive timeout for client connections'),
    b('insecure-transport', true, 'disable transport security for client connections'),
    b('insecure-discovery', true, 'accept insecure SRV records describing cluster endpoints'),
    b('insecure-skip-tls-verify', false, 'skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)'),
    s('cert', 'identify secure client using this TLS certificate file'),
    s('key', 'identify secure client using this TLS key file'),
    s('cacert', 'verify certificates of TLS-enabled secure servers using this CA bundle'),
    s('user', 'username[:password] for authentication (prompt if password is not supplied)'),
    s('password', "password for authentication (if this option is used, --user option shouldn't include password)"),
    s('discovery-srv', 'domain name to query for SRV records describing cluster endpoints', '', 'd'),
    s('discovery-srv-name', 'service name to query when using DNS discovery'),
  ];
}

// cobra's help command: `etcdctl help get` prints get's help.
function helpCommand(ctx: RunContext): Command {
  const self: Command = {
    use: 'help [command]',
    short: 'Help about any command',
    long: 'Help provides help for any command in the application.\nSimply type etcdctl help [path to command] for full details.',
    run: function* (inv) {
      const root = self.parent!;
      const found = findCommand(root, inv.args);
      if ('error' in found) {
        ctx.io.err(`Unknown help topic [${inv.args.map((a) => '`' + a + '`').join(' ')}]\n`);
        ctx.io.out(etcdUsage(root, false));
      } else ctx.io.out(etcdUsage(found.cmd));
    },
  };
  return self;
}

/** The whole command tree for one run. */
export function rootCommand(ctx: RunContext): Command {
  return linkTree({
    use: 'etcdctl',
    short: 'A simple command line client for etcd3.',
    persistentFlags: globalFlags(ctx.client.defaultEndpoints()),
    commands: [
      getCommand(ctx),
      putCommand(ctx),
      delCommand(ctx),
      txnCommand(ctx),
      compactionCommand(ctx),
      alarmCommand(ctx),
      defragCommand(ctx),
      endpointCommand(ctx),
      moveLeaderCommand(ctx),
      watchCommand(ctx),
      {
        use: 'version',
        short: 'Prints the version of etcdctl',
        run: function* () {
          ctx.io.out(`etcdctl version: ${etcdctlVersion}\nAPI version: ${apiVersion}\n`);
        },
      },
      leaseCommand(ctx),
      memberCommand(ctx),
      snapshotCommand(ctx),
      makeMirrorCommand(ctx),
      migrateCommand(ctx),
      lockCommand(ctx),
      electCommand(ctx),
      authCommand(ctx),
      userCommand(ctx),
      roleCommand(ctx),
      checkCommand(ctx),
      helpCommand(ctx),
      completionCommand(ctx),
    ],
  });
}
