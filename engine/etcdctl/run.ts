// runEtcdctl: one etcdctl invocation from command line to exit code, dispatched the way cobra's
// ExecuteC and etcdctl's Start (ctlv3/ctl_nocov.go) do it.

import type { EtcdClient } from '../etcd/types';
import { allFlags, findCommand, type Command } from './cobra';
import { RunContext } from './context';
import { rootCommand } from './commands/root';
import { FlagError, parseFlags, type ParsedFlags } from './flags';
import { Exit, ExitError, ExitSigint, exitWithError, GoPanic, Io } from './io';
import type { EtcdctlOptions, EtcdctlResult } from './options';
import { Aborted } from './rpc';
import { ShellError, splitCommandLine } from './shell';
import { etcdUsage } from './usage';
import { zapTime } from './zap';

// Where etcdctl 3.4.23 was when txn input made it panic (stacks as captured; only the text matters).
const panicStacks: Record<string, string> = {
  'Unknown result op':
    "go.etcd.io/etcd/clientv3.Compare({0x0, 0x2, {0xc00019f7b0, 0x2, 0x8}, {0x0, 0x0}, {0x0, 0x0, 0x0}}, ...)\n\tgo.etcd.io/etcd/clientv3/compare.go:46 +0x3f1\n" +
    "go.etcd.io/etcd/etcdctl/ctlv3/command.parseCompare({0xc000196840, 0x10})\n\tgo.etcd.io/etcd/etcdctl/ctlv3/command/txn_command.go:192 +0x408\n" +
    "go.etcd.io/etcd/etcdctl/ctlv3/command.readCompares(0xc000289f80?)\n\tgo.etcd.io/etcd/etcdctl/ctlv3/command/txn_command.go:87 +0xa5\n" +
    "go.etcd.io/etcd/etcdctl/ctlv3/command.txnCommandFunc(0xc0002a2900?, {0xc0002b6220?, 0x1?, 0x1?})\n\tgo.etcd.io/etcd/etcdctl/ctlv3/command/txn_command.go:54 +0x1f2\n" +
    "github.com/spf13/cobra.(*Command).execute(0xc0002a2900, {0xc0002b6200, 0x1, 0x1})\n\tgithub.com/spf13/cobra/command.go:920 +0x847\n" +
    "github.com/spf13/cobra.(*Command).ExecuteC(0x13b9920)\n\tgithub.com/spf13/cobra/command.go:1044 +0x3bd\n" +
    "github.com/spf13/cobra.(*Command).Execute(...)\n\tgithub.com/spf13/cobra/command.go:968\n" +
    "go.etcd.io/etcd/etcdctl/ctlv3.Start()\n\tgo.etcd.io/etcd/etcdctl/ctlv3/ctl_nocov.go:26 +0x97\n" +
    "main.main()\n\tgo.etcd.io/etcd/etcdctl/main.go:35 +0x65\n",
  'bad value':
    "go.etcd.io/etcd/clientv3.mustInt64(...)\n\tgo.etcd.io/etcd/clientv3/compare.go:130\n" +
    "go.etcd.io/etcd/clientv3.mustInt64orLeaseID(...)\n\tgo.etcd.io/etcd/clientv3/compare.go:139\n" +
    "go.etcd.io/etcd/clientv3.Compare({0x0, 0x4, {0x0, 0x0, 0x0}, {0x0, 0x0}, {0x0, 0x0, 0x0}}, ...)\n\tgo.etcd.io/etcd/clientv3/compare.go:64 +0x385\n" +
    "go.etcd.io/etcd/etcdctl/ctlv3/command.parseCompare({0xc0000a8570, 0x11})\n\tgo.etcd.io/etcd/etcdctl/ctlv3/command/txn_command.go:197 +0x585\n" +
    "go.etcd.io/etcd/etcdctl/ctlv3/command.readCompares(0xc00029ad20?)\n\tgo.etcd.io/etcd/etcdctl/ctlv3/command/txn_command.go:87 +0xa5\n" +
    "go.etcd.io/etcd/etcdctl/ctlv3/command.txnCommandFunc(0xc0000fe900?, {0xc0000932f0?, 0x1?, 0x1?})\n\tgo.etcd.io/etcd/etcdctl/ctlv3/command/txn_command.go:54 +0x1f2\n" +
    "github.com/spf13/cobra.(*Command).execute(0xc0000fe900, {0xc0000932d0, 0x1, 0x1})\n\tgithub.com/spf13/cobra/command.go:920 +0x847\n" +
    "github.com/spf13/cobra.(*Command).ExecuteC(0x13b9920)\n\tgithub.com/spf13/cobra/command.go:1044 +0x3bd\n" +
    "github.com/spf13/cobra.(*Command).Execute(...)\n\tgithub.com/spf13/cobra/command.go:968\n" +
    "go.etcd.io/etcd/etcdctl/ctlv3.Start()\n\tgo.etcd.io/etcd/etcdctl/ctlv3/ctl_nocov.go:26 +0x97\n" +
    "main.main()\n\tgo.etcd.io/etcd/etcdctl/main.go:35 +0x65\n",
};
const genericStack = 'main.main()\n\tgo.etcd.io/etcd/etcdctl/main.go:35 +0x65\n';

// flags.SetPflagsFromEnv("ETCDCTL", ...): ETCDCTL_WRITE_OUT=json acts as --write-out=json unless given.
function applyEnv(ctx: RunContext, cmd: Command, parsed: ParsedFlags, env: Map<string, string>): void {
  const { io } = ctx;
  for (const [name, value] of env) {
    if (!name.startsWith('ETCDCTL_') || name === 'ETCDCTL_API') continue;
    const flag = name.slice('ETCDCTL_'.length).toLowerCase().replace(/_/g, '-');
    const def = allFlags(cmd).find((f) => f.name === flag);
    if (!def) {
      // pkg/flags logs through capnslog: "2006-01-02 15:04:05.000000 W | pkg/flags: ...".
      const ts = zapTime(ctx.opts.nowMs()).replace('T', ' ').replace('Z', '000');
      io.err(`${ts} W | pkg/flags: unrecognized environment variable ${name}=${value}\n`);
      continue;
    }
    if (parsed.changed.has(flag)) continue;
    try {
      const { values } = parseFlags([def], [`--${flag}=${value}`]);
      parsed.values.set(flag, values.get(flag)!);
    } catch (e) {
      if (!(e instanceof FlagError)) throw e;
      exitWithError(io, ExitError, e.message);
    }
  }
}

async function execute(ctx: RunContext, args: string[], env: Map<string, string>): Promise<void> {
  const { io } = ctx;
  const api = env.get('ETCDCTL_API');
  if (api !== undefined && api !== '3') exitWithError(io, ExitError, `ETCDCTL_API=${api} is not supported by Kubeplay's etcdctl (only the v3 API is)`);
  const root = rootCommand(ctx);
  const found = findCommand(root, args);
  if ('error' in found) {
    io.err(`Error: ${found.error}\nRun 'etcdctl --help' for usage.\n`);
    exitWithError(io, ExitError, found.error);
  }
  const { cmd } = found;
  let flags: ParsedFlags;
  try {
    flags = parseFlags(allFlags(cmd), found.args);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    // cobra prints the error, then the usage (etcdctl's usage func writes it to stdout), then a newline.
    io.err(`Error: ${e.message}\n`);
    io.out(etcdUsage(cmd));
    io.err('\n');
    return exitWithError(io, ExitError, e.message);
  }
  if (flags.help || !cmd.run) {
    io.out(etcdUsage(cmd));
    return;
  }
  applyEnv(ctx, cmd, flags, env);
  // watch looks at the raw words after "watch" (parseWatchArgs reads os.Args).
  const at = args.indexOf('watch');
  const rawArgs = at >= 0 ? args.slice(at + 1) : ['etcdctl', ...args];
  await cmd.run({ cmd, flags, args: flags.args, rawArgs });
}

/** Runs one etcdctl 3.4 (ETCDCTL_API=3) command line against `client` and returns what it printed. */
export async function runEtcdctl(commandLine: string, client: EtcdClient, opts: EtcdctlOptions): Promise<EtcdctlResult> {
  const io = new Io(opts.onStdout, opts.onStderr);
  const result = (code: number): EtcdctlResult => ({ code, stdout: io.stdout, stderr: io.stderr });
  try {
    const { env, args } = splitCommandLine(commandLine);
    const ctx = new RunContext(io, client, opts, `${commandLine}@${opts.nowMs()}`);
    await execute(ctx, args, env);
    return result(0);
  } catch (e) {
    if (e instanceof Exit) return result(e.code);
    if (e instanceof Aborted) return result(ExitSigint);
    if (e instanceof GoPanic) {
      io.err(`panic: ${e.message}\n\ngoroutine 1 [running]:\n${panicStacks[e.message] ?? genericStack}`);
      return result(2);
    }
    if (e instanceof ShellError) {
      io.err(`sh: 1: Syntax error: ${e.message}\n`);
      return result(2);
    }
    throw e;
  }
}
