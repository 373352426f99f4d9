// The etcdctl 3.4.23 commands Kubeplay does not build (alarm, auth, check, defrag, elect, lock,
// make-mirror, migrate, move-leader, role, snapshot, user, cobra's completion): each is declared with
// its upstream use line, description and flags, so `etcdctl <cmd> --help` prints what etcdctl prints
// (ctlv3/command/*_command.go, cobra's completions.go); running one says it is not available here.

import type { Command } from '../cobra';
import type { RunContext } from '../context';
import type { FlagDef } from '../flags';
import { unsupported } from './unsupported';

const b = (name: string, def: boolean, usage: string, shorthand?: string): FlagDef => ({ name, kind: 'bool', def: String(def), usage, shorthand });
const s = (name: string, def: string, usage: string): FlagDef => ({ name, kind: 'string', def, usage });
const i = (name: string, def: number, usage: string): FlagDef => ({ name, kind: 'int64', def: String(def), usage });

type Spec = Omit<Command, 'run' | 'commands'>;

function group(ctx: RunContext, cmd: Spec, subs: Spec[]): Command {
  return { ...cmd, commands: subs.map((sub) => unsupported(ctx, sub)) };
}

/** alarm disarm|list (alarm_command.go). */
export function alarmCommand(ctx: RunContext): Command {
  return group(ctx, { use: 'alarm <subcommand>', short: 'Alarm related commands' }, [
    { use: 'disarm', short: 'Disarms all alarms' },
    { use: 'list', short: 'Lists all alarms' },
  ]);
}

/** defrag (defrag_command.go). */
export function defragCommand(ctx: RunContext): Command {
  return unsupported(ctx, {
    use: 'defrag',
    short: 'Defragments the storage of the etcd members with given endpoints',
    flags: [
      b('cluster', false, 'use all endpoints from the cluster member list'),
      s('data-dir', '', 'Optional. If present, defragments a data directory not in use by etcd.'),
    ],
  });
}

/** move-leader (move_leader_command.go). */
export function moveLeaderCommand(ctx: RunContext): Command {
  return unsupported(ctx, { use: 'move-leader <transferee-member-id>', short: 'Transfers leadership to another etcd cluster member.' });
}

/** snapshot save|restore|status (snapshot_command.go). */
export function snapshotCommand(ctx: RunContext): Command {
  return group(ctx, { use: 'snapshot <subcommand>', short: 'Manages etcd node snapshots' }, [
    { use: 'save <filename>', short: 'Stores an etcd node backend snapshot to a given file' },
    {
      use: 'restore <filename> [options]',
      short: 'Restores an etcd member snapshot to an etcd directory',
      flags: [
        s('data-dir', '', 'Path to the data directory'),
        s('wal-dir', '', 'Path to the WAL directory (use --data-dir if none given)'),
        s('initial-cluster', 'default=http://localhost:2380', 'Initial cluster configuration for restore bootstrap'),
        s('initial-cluster-token', 'etcd-cluster', 'Initial cluster token for the etcd cluster during restore bootstrap'),
        s('initial-advertise-peer-urls', 'http://localhost:2380', "List of this member's peer URLs to advertise to the rest of the cluster"),
        s('name', 'default', 'Human-readable name for this member'),
        b('skip-hash-check', false, 'Ignore snapshot integrity hash value (required if copied from data directory)'),
      ],
    },
    {
      use: 'status <filename>',
      short: 'Gets backend snapshot status of a given file',
      long: `When --write-out is set to simple, this command prints out comma-separated status lists for each endpoint.
The items in the lists are hash, revision, total keys, total size.
`,
    },
  ]);
}

/** make-mirror (make_mirror_command.go). */
export function makeMirrorCommand(ctx: RunContext): Command {
  return unsupported(ctx, {
    use: 'make-mirror [options] <destination>',
    short: 'Makes a mirror at the destination etcd cluster',
    flags: [
      s('prefix', '', 'Key-value prefix to mirror'),
      s('dest-prefix', '', 'destination prefix to mirror a prefix to a different prefix in the destination cluster'),
      b('no-dest-prefix', false, 'mirror key-values to the root of the destination cluster'),
      s('dest-cert', '', 'Identify secure client using this TLS certificate file for the destination cluster'),
      s('dest-key', '', 'Identify secure client using this TLS key file'),
      s('dest-cacert', '', 'Verify certificates of TLS enabled secure servers using this CA bundle'),
      b('dest-insecure-transport', true, 'Disable transport security for client connections'),
    ],
  });
}

/** migrate (migrate_command.go). */
export function migrateCommand(ctx: RunContext): Command {
  return unsupported(ctx, {
    use: 'migrate',
    short: 'Migrates keys in a v2 store to a mvcc store',
    flags: [
      b('no-ttl', false, 'Do not convert TTL keys'),
      s('data-dir', '', 'Path to the data directory'),
      s('wal-dir', '', 'Path to the WAL directory'),
      s('transformer', '', 'Path to the user-provided transformer program'),
    ],
  });
}

/** lock (lock_command.go). */
export function lockCommand(ctx: RunContext): Command {
  return unsupported(ctx, {
    use: 'lock <lockname> [exec-command arg1 arg2 ...]',
    short: 'Acquires a named lock',
    flags: [i('ttl', 10, 'timeout for session')],
  });
}

/** elect (elect_command.go). */
export function electCommand(ctx: RunContext): Command {
  return unsupported(ctx, {
    use: 'elect <election-name> [proposal]',
    short: 'Observes and participates in leader election',
    flags: [b('listen', false, 'observation mode', 'l')],
  });
}

/** auth enable|disable (auth_command.go). */
export function authCommand(ctx: RunContext): Command {
  return group(ctx, { use: 'auth <enable or disable>', short: 'Enable or disable authentication' }, [
    { use: 'enable', short: 'Enables authentication' },
    { use: 'disable', short: 'Disables authentication' },
  ]);
}

/** user add|delete|get|list|passwd|grant-role|revoke-role (user_command.go). */
export function userCommand(ctx: RunContext): Command {
  return group(ctx, { use: 'user <subcommand>', short: 'User related commands' }, [
    {
      use: 'add <user name or user:password> [options]',
      short: 'Adds a new user',
      flags: [
        b('interactive', true, 'Read password from stdin instead of interactive terminal'),
        s('new-user-password', '', 'Supply password from the command line flag'),
        b('no-password', false, 'Create a user without password (CN based auth only)'),
      ],
    },
    { use: 'delete <user name>', short: 'Deletes a user' },
    { use: 'get <user name> [options]', short: 'Gets detailed information of a user', flags: [b('detail', false, 'Show permissions of roles granted to the user')] },
    { use: 'list', short: 'Lists all users' },
    {
      use: 'passwd <user name> [options]',
      short: 'Changes password of user',
      flags: [b('interactive', true, 'If true, read password from stdin instead of interactive terminal')],
    },
    { use: 'grant-role <user name> <role name>', short: 'Grants a role to a user' },
    { use: 'revoke-role <user name> <role name>', short: 'Revokes a role from a user' },
  ]);
}

/** role add|delete|get|list|grant-permission|revoke-permission (role_command.go). */
export function roleCommand(ctx: RunContext): Command {
  return group(ctx, { use: 'role <subcommand>', short: 'Role related commands' }, [
    { use: 'add <role name>', short: 'Adds a new role' },
    { use: 'delete <role name>', short: 'Deletes a role' },
    { use: 'get <role name>', short: 'Gets detailed information of a role' },
    { use: 'list', short: 'Lists all roles' },
    {
      use: 'grant-permission [options] <role name> <permission type> <key> [endkey]',
      short: 'Grants a key to a role',
      flags: [
        b('prefix', false, 'grant a prefix permission'),
        b('from-key', false, 'grant a permission of keys that are greater than or equal to the given key using byte compare'),
      ],
    },
    {
      use: 'revoke-permission <role name> <key> [endkey]',
      short: 'Revokes a key from a role',
      flags: [
        b('prefix', false, 'revoke a prefix permission'),
        b('from-key', false, 'revoke a permission of keys that are greater than or equal to the given key using byte compare'),
      ],
    },
  ]);
}

/** check perf|datascale (check.go). */
export function checkCommand(ctx: RunContext): Command {
  const checkFlags = (name: string, what: string): FlagDef[] => [
    s('load', 's', `The ${what} check's workload model. Accepted workloads: s(small), m(medium), l(large), xl(xLarge)`),
    s('prefix', `/etcdctl-check-${name}/`, `The prefix for writing the ${what} check's keys.`),
    b('auto-compact', false, 'Compact storage with last revision after test is finished.'),
    b('auto-defrag', false, 'Defragment storage after test is finished.'),
  ];
  return group(ctx, { use: 'check <subcommand>', short: 'commands for checking properties of the etcd cluster' }, [
    { use: 'perf [options]', short: 'Check the performance of the etcd cluster', flags: checkFlags('perf', 'performance') },
    {
      use: 'datascale [options]',
      short: 'Check the memory usage of holding data for different workloads on a given server endpoint.',
      long: 'If no endpoint is provided, localhost will be used. If multiple endpoints are provided, first endpoint will be used.',
      flags: checkFlags('datascale', 'datascale'),
    },
  ]);
}

// cobra's default completion command (completions.go) as Debian's build of etcdctl has it.
const completionLong: Record<string, string> = {
  bash: `Generate the autocompletion script for the bash shell.

This script depends on the 'bash-completion' package.
If it is not installed already, you can install it via your OS's package manager.

To load completions in your current shell session:

	source <(etcdctl completion bash)

To load completions for every new session, execute once:

#### Linux:

	etcdctl completion bash > /etc/bash_completion.d/etcdctl

#### macOS:

	etcdctl completion bash > $(brew --prefix)/etc/bash_completion.d/etcdctl

You will need to start a new shell for this setup to take effect.
`,
  fish: `Generate the autocompletion script for the fish shell.

To load completions in your current shell session:

	etcdctl completion fish | source

To load completions for every new session, execute once:

	etcdctl completion fish > ~/.config/fish/completions/etcdctl.fish

You will need to start a new shell for this setup to take effect.
`,
  powershell: `Generate the autocompletion script for powershell.

To load completions in your current shell session:

	etcdctl completion powershell | Out-String | Invoke-Expression

To load completions for every new session, add the output of the above command
to your powershell profile.
`,
  zsh: `Generate the autocompletion script for the zsh shell.

If shell completion is not already enabled in your environment you will need
to enable it.  You can execute the following once:

	echo "autoload -U compinit; compinit" >> ~/.zshrc

To load completions in your current shell session:

	source <(etcdctl completion zsh); compdef _etcdctl etcdctl

To load completions for every new session, execute once:

#### Linux:

	etcdctl completion zsh > "\${fpath[1]}/_etcdctl"

#### macOS:

	etcdctl completion zsh > $(brew --prefix)/share/zsh/site-functions/_etcdctl

You will need to start a new shell for this setup to take effect.
`,
};

/** cobra's completion bash|fish|powershell|zsh. */
export function completionCommand(ctx: RunContext): Command {
  return group(
    ctx,
    {
      use: 'completion',
      short: 'Generate the autocompletion script for the specified shell',
      long: `Generate the autocompletion script for etcdctl for the specified shell.
See each sub-command's help for details on how to use the generated script.
`,
    },
    ['bash', 'fish', 'powershell', 'zsh'].map((sh) => ({
      use: sh,
      short: `Generate the autocompletion script for ${sh}`,
      long: completionLong[sh],
      flags: [b('no-descriptions', false, 'disable completion descriptions')],
      // This cobra version sets DisableFlagsInUseLine on the bash command only.
      ...(sh === 'bash' ? { disableFlagsInUseLine: true } : {}),
    })),
  );
}
