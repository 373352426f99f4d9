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
import { unsupported, unsupportedGroup } from './unsupported';
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
    run: async (inv) => {
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
  const group = (use: string, short: string, subs: [string, string][]): Command => unsupportedGroup(ctx, use, short, subs);
  const todo = (use: string, short: string): Command => unsupported(ctx, { use, short });
  const shells = ['bash', 'fish', 'powershell', 'zsh'];
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
      group('alarm <subcommand>', 'Alarm related commands', [
        ['disarm', 'Disarms all alarms'],
        ['list', 'Lists all alarms'],
      ]),
      todo('defrag', 'Defragments the storage of the etcd members with given endpoints'),
      endpointCommand(ctx),
      todo('move-leader <transferee-member-id>', 'Transfers leadership to another etcd cluster member.'),
      watchCommand(ctx),
      {
        use: 'version',
        short: 'Prints the version of etcdctl',
        run: async () => ctx.io.out(`etcdctl version: ${etcdctlVersion}\nAPI version: ${apiVersion}\n`),
      },
      leaseCommand(ctx),
      memberCommand(ctx),
      group('snapshot <subcommand>', 'Manages etcd node snapshots', [
        ['save <filename>', 'Stores an etcd node backend snapshot to a given file'],
        ['restore <filename> [options]', 'Restores an etcd member snapshot to an etcd directory'],
        ['status <filename>', 'Gets backend snapshot status of a given file'],
      ]),
      todo('make-mirror [options] <destination>', 'Makes a mirror at the destination etcd cluster'),
      todo('migrate', 'Migrates keys in a v2 store to a mvcc store'),
      todo('lock <lockname> [exec-command arg1 arg2 ...]', 'Acquires a named lock'),
      todo('elect <election-name> [proposal]', 'Observes and participates in leader election'),
      group('auth <enable or disable>', 'Enable or disable authentication', [
        ['enable', 'Enables authentication'],
        ['disable', 'Disables authentication'],
      ]),
      group('user <subcommand>', 'User related commands', [
        ['add <user name or user:password> [options]', 'Adds a new user'],
        ['delete <user name>', 'Deletes a user'],
        ['get <user name> [options]', 'Gets detailed information of a user'],
        ['list', 'Lists all users'],
        ['passwd <user name> [options]', 'Changes password of user'],
        ['grant-role <user name> <role name>', 'Grants a role to a user'],
        ['revoke-role <user name> <role name>', 'Revokes a role from a user'],
      ]),
      group('role <subcommand>', 'Role related commands', [
        ['add <role name>', 'Adds a new role'],
        ['delete <role name>', 'Deletes a role'],
        ['get <role name>', 'Gets detailed information of a role'],
        ['list', 'Lists all roles'],
        ['grant-permission [options] <role name> <permission type> <key> [endkey]', 'Grants a key to a role'],
        ['revoke-permission <role name> <key> [endkey]', 'Revokes a key from a role'],
      ]),
      group('check <subcommand>', 'commands for checking properties of the etcd cluster', [
        ['perf [options]', 'Check the performance of the etcd cluster'],
        ['datascale [options]', 'Check the memory usage of holding data for different workloads on a given server endpoint.'],
      ]),
      helpCommand(ctx),
      group(
        'completion',
        'Generate the autocompletion script for the specified shell',
        shells.map((sh) => [sh, `Generate the autocompletion script for ${sh}`]),
      ),
    ],
  });
}
