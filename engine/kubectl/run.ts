// One kubectl command line, run as a coroutine against the REST client: cobra's dispatch and
// pflag's parsing (shared with etcdctl), kubectl's global flags, and its error reporting and exit
// codes (cmdutil.CheckErr). Interrupting the run (Ctrl-C) ends it with exit code 130.

import { allFlags, findCommand, linkTree, type Command } from '../etcdctl/cobra';
import { FlagError, parseFlags, type FlagDef } from '../etcdctl/flags';
import { Io } from '../etcdctl/io';
import { Aborted } from '../etcdctl/rpc';
import { shellWords, ShellError } from '../etcdctl/shell';
import { Coroutine, type Co } from '../sim/co';
import type { Status } from '../api/types';
import { applyCommand, replaceCommand } from './commands/apply';
import { createCommand } from './commands/create';
import { deleteCommand } from './commands/delete';
import { describeCommand } from './commands/describe';
import { configCommand } from './commands/config';
import { cordonCommand, uncordonCommand } from './commands/cordon';
import { drainCommand } from './commands/drain';
import { eventsCommand } from './commands/events';
import { execCommand } from './commands/exec';
import { topCommand } from './commands/top';
import { autoscaleCommand } from './commands/autoscale';
import { explainCommand } from './commands/explain';
import { exposeCommand } from './commands/expose';
import { logsCommand } from './commands/logs';
import { rolloutCommand } from './commands/rollout';
import { runCommand } from './commands/run';
import { setCommand } from './commands/set';
import { getCommand } from './commands/get';
import { apiResourcesCommand, apiVersionsCommand, authCommand, clusterInfoCommand, versionCommand } from './commands/info';
import { editCommand } from './commands/edit';
import { annotateCommand, labelCommand, patchCommand, scaleCommand } from './commands/modify';
import { DiscoveryCache, KubectlContext } from './context';
import { ApiError, CommandError, SilentExit } from './errors';
import { RestClient, TransportError, type RestTransport } from './rest';

/** What a run printed and its exit code; `apiErrors` are the Statuses behind its errors. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
  apiErrors?: { document: number; status: Status }[];
}

export interface KubectlOptions {
  stdin?: string;
  nowMs: () => number;
  onStdout?(s: string): void;
  onStderr?(s: string): void;
  /** `kubectl edit`'s editor (KubectlContext.editor). */
  editor?: KubectlContext['editor'];
}

/** kubectl's global flags (the ones every command inherits). */
const globalFlags: FlagDef[] = [
  { name: 'namespace', shorthand: 'n', kind: 'string', def: '', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'as', kind: 'string', def: '', usage: 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' },
  { name: 'as-group', kind: 'stringSlice', def: '[]', usage: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' },
  { name: 'request-timeout', kind: 'string', def: '0', usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'context', kind: 'string', def: '', usage: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', kind: 'string', def: '', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'v', shorthand: 'v', kind: 'int64', def: '0', usage: 'number for the log level verbosity' },
];

/** The discovery cache lives as long as the kubectl process (kubectl's is on disk). */
const caches = new WeakMap<RestTransport, DiscoveryCache>();

function rootCommand(ctx: KubectlContext): Command {
  return linkTree({
    use: 'kubectl',
    short: 'kubectl controls the Kubernetes cluster manager.',
    persistentFlags: globalFlags,
    commands: [
      getCommand(ctx),
      createCommand(ctx),
      exposeCommand(ctx),
      runCommand(ctx),
      applyCommand(ctx),
      replaceCommand(ctx),
      deleteCommand(ctx),
      scaleCommand(ctx),
      autoscaleCommand(ctx),
      labelCommand(ctx),
      annotateCommand(ctx),
      patchCommand(ctx),
      versionCommand(ctx),
      apiResourcesCommand(ctx),
      apiVersionsCommand(ctx),
      clusterInfoCommand(ctx),
      authCommand(ctx),
      describeCommand(ctx),
      setCommand(ctx),
      rolloutCommand(ctx),
      cordonCommand(ctx),
      uncordonCommand(ctx),
      drainCommand(ctx),
      eventsCommand(ctx),
      explainCommand(ctx),
      logsCommand(ctx),
      execCommand(ctx),
      topCommand(ctx),
      configCommand(ctx),
      editCommand(ctx),
    ],
  });
}

/** Runs one command line (with or without the leading `kubectl`). */
export function* runKubectl(line: string, transport: RestTransport, opts: KubectlOptions, io = new Io(opts.onStdout, opts.onStderr)): Co<KubectlResult> {
  let discovery = caches.get(transport);
  if (!discovery) caches.set(transport, (discovery = new DiscoveryCache()));
  let ctx: KubectlContext | null = null;
  const result = (code: number): KubectlResult => ({ code, stdout: io.stdout, stderr: io.stderr, ...(ctx && ctx.apiErrors.length ? { apiErrors: ctx.apiErrors } : {}) });
  try {
    let words = shellWords(line);
    if (words[0] === 'kubectl') words = words.slice(1);
    const rest = new RestClient(transport, {});
    ctx = new KubectlContext(rest, io, opts.stdin, opts.nowMs, discovery);
    ctx.editor = opts.editor;
    const root = rootCommand(ctx);
    if (words.length === 0) {
      io.out('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n');
      return result(0);
    }
    const found = findCommand(root, words);
    if ('error' in found) {
      io.err(`Error: ${found.error}\n`);
      return result(1);
    }
    try {
      ctx.flags = parseFlags(allFlags(found.cmd), found.args);
    } catch (e) {
      if (!(e instanceof FlagError)) throw e;
      const path = commandPathOf(found.cmd);
      io.err(`Error: ${e.message}\nSee '${path} --help' for usage.\n`);
      return result(1);
    }
    // The impersonation flags become headers on every request, as client-go's transport adds them.
    const as = ctx.flag<string>('as');
    if (as) rest.headers['impersonate-user'] = as;
    const groups = ctx.flag<string[]>('as-group');
    if (groups.length) rest.headers['impersonate-group'] = groups.join(',');
    if (ctx.flags.help || !found.cmd.run) {
      io.out(`${found.cmd.short}\n`);
      return result(0);
    }
    yield* found.cmd.run({ cmd: found.cmd, flags: ctx.flags, args: ctx.flags.args, rawArgs: found.args });
    return result(0);
  } catch (e) {
    if (e instanceof Aborted) return result(130);
    if (e instanceof SilentExit) return result(e.exitCode);
    if (e instanceof CommandError) {
      if (e.message) io.err(`error: ${e.message}\n`);
      return result(e.exitCode);
    }
    if (e instanceof ApiError) {
      ctx?.printApiError(e);
      return result(1);
    }
    if (e instanceof TransportError) {
      io.err(`${e.message}\n`);
      return result(1);
    }
    if (e instanceof ShellError) {
      io.err(`sh: 1: Syntax error: ${e.message}\n`);
      return result(2);
    }
    throw e;
  }
}

function commandPathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | undefined = cmd; c; c = c.parent) names.unshift(c.use.split(' ')[0]);
  return names.join(' ');
}

/** A started run. */
export interface KubectlRun {
  interrupt(): void;
}

/** Starts a run on a Coroutine; `done` is called once with what it printed. */
export function startKubectl(line: string, transport: RestTransport, opts: KubectlOptions, done: (r: KubectlResult, error?: unknown) => void): KubectlRun {
  const io = new Io(opts.onStdout, opts.onStderr);
  const co = new Coroutine(runKubectl(line, transport, opts, io), (o) => {
    if (o.ok) return done(o.value);
    io.err(`error: ${o.error instanceof Error ? o.error.message : String(o.error)}\n`);
    done({ code: 1, stdout: io.stdout, stderr: io.stderr }, o.error);
  });
  co.start();
  return { interrupt: () => co.interrupt(new Aborted()) };
}

