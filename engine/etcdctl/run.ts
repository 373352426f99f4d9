// runEtcdctl: one etcdctl invocation from command line to exit code, dispatched the way cobra's
// ExecuteC and etcdctl's Start (ctlv3/ctl_nocov.go) do it. A run is a coroutine (engine/sim/co.ts):
// it waits on the client with `yield*`, and Ctrl-C is an Aborted thrown in at its current wait.

import type { EtcdClient } from '../etcd/types';
import { Coroutine, type Co } from '../sim/co';
import { allFlags, findCommand } from './cobra';
import { RunContext } from './context';
import { rootCommand } from './commands/root';
import { FlagError, parseFlags, type ParsedFlags } from './flags';
import { Exit, ExitError, ExitSigint, exitWithError, GoPanic, Io } from './io';
import type { EtcdctlOptions, EtcdctlResult } from './options';
import { Aborted } from './rpc';
import { ShellError, splitCommandLine } from './shell';
import { etcdUsage } from './usage';

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

function* execute(ctx: RunContext, args: string[], api: string | undefined): Co<void> {
  const { io } = ctx;
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
  // watch looks at the raw words after "watch" (parseWatchArgs reads os.Args).
  const at = args.indexOf('watch');
  const rawArgs = at >= 0 ? args.slice(at + 1) : ['etcdctl', ...args];
  yield* cmd.run({ cmd, flags, args: flags.args, rawArgs });
}

/**
 * Runs one etcdctl 3.4 (ETCDCTL_API=3) command line against `client` and returns what it printed.
 * Interrupting the coroutine with an Aborted (Ctrl-C) ends the run with exit code 130; any other
 * exception is a bug and propagates.
 */
export function runEtcdctl(commandLine: string, client: EtcdClient, opts: EtcdctlOptions): Co<EtcdctlResult> {
  return runWith(new Io(opts.onStdout, opts.onStderr), commandLine, client, opts);
}

function* runWith(io: Io, commandLine: string, client: EtcdClient, opts: EtcdctlOptions): Co<EtcdctlResult> {
  const result = (code: number): EtcdctlResult => ({ code, stdout: io.stdout, stderr: io.stderr });
  try {
    const { env, args } = splitCommandLine(commandLine);
    // etcdctl's main reads ETCDCTL_API and unsets it before anything else looks at the environment.
    const api = env.get('ETCDCTL_API');
    env.delete('ETCDCTL_API');
    const ctx = new RunContext(io, client, opts, `${commandLine}@${opts.nowMs()}`, env);
    yield* execute(ctx, args, api);
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

/** A started etcdctl run. */
export interface EtcdctlRun {
  /** Ctrl-C: the run ends at its current wait with exit code 130 (nothing happens once it has ended). */
  interrupt(): void;
}

/**
 * Starts runEtcdctl on a Coroutine: it runs synchronously up to its first wait, then on the client's
 * continuations, and calls `done` once with what it printed. An unexpected exception (a bug) ends the
 * run with code 1 and "Error: <message>" appended to stderr, as callers print a failed run; `done`
 * then also gets the exception, to rethrow or log.
 */
export function startEtcdctl(
  commandLine: string,
  client: EtcdClient,
  opts: EtcdctlOptions,
  done: (result: EtcdctlResult, error?: unknown) => void,
): EtcdctlRun {
  const io = new Io(opts.onStdout, opts.onStderr);
  const co = new Coroutine(runWith(io, commandLine, client, opts), (outcome) => {
    if (outcome.ok) return done(outcome.value);
    io.err(`Error: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}\n`);
    done({ code: ExitError, stdout: io.stdout, stderr: io.stderr }, outcome.error);
  });
  co.start();
  return { interrupt: () => co.interrupt(new Aborted()) };
}
