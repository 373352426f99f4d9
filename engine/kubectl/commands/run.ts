// kubectl run (k8s.io/kubectl/pkg/cmd/run/run.go and generate/versioned/run.go BasicPod, 1.32): a
// Pod named NAME with one container of --image, labelled run=NAME unless --labels says otherwise;
// args after `--` become the container's args (its command with --command); --expose adds a
// ClusterIP Service for --port, printed before the pod as kubectl prints it. Attaching (-i, -t,
// --attach, --rm) needs a terminal stream to the container, which Kubeplay's kubectl does not have.

import type { Command } from '../../etcdctl/cobra';
import type { Co } from '../../sim/co';
import type { KubectlContext } from '../context';
import { CommandError } from '../errors';
import { outputFlags, printObjects, readOutputOptions } from '../output';
import { resourcePath, withQuery } from '../paths';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What `kubectl run` reads from its flags. */
export interface RunFlags {
  image: string;
  labels: string;
  env: string[];
  annotations: string[];
  port: string;
  restart: string;
  imagePullPolicy: string;
  command: boolean;
  privileged: boolean;
}

/** cmdutil.UsageErrorf: the message and where to read the command's help. */
const usage = (msg: string) => new CommandError(`${msg}\nSee 'kubectl run -h' for help and examples`);

// Models distribution/reference's ReferenceRegexp, closely enough to refuse what is plainly not an image.
const imageRef = /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

// Models generate/versioned/run.go parseLabels and getEnvs / getAnnotations (k=v, the value may hold '=').
function pairs(items: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new CommandError(`invalid ${what}: '${item}'`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new CommandError(`invalid label spec: ${pair}`);
    out[kv[0]] = kv[1];
  }
  return out;
}

// Models BasicPod.Generate.
/** The Pod `kubectl run NAME` makes. */
export function podFor(name: string, args: string[], f: RunFlags): Obj {
  const labels = f.labels ? parseLabels(f.labels) : { run: name };
  const annotations = f.annotations.length > 0 ? pairs(f.annotations, 'annotation') : undefined;
  const env = Object.entries(f.env.length > 0 ? pairs(f.env, 'env') : {}).map(([k, v]) => ({ name: k, value: v }));
  // In corev1.Container's field order, as kubectl's JSON printer writes the typed object.
  const container: Obj = { name, image: f.image };
  if (args.length > 0) container[f.command ? 'command' : 'args'] = args;
  if (f.port) {
    if (!/^-?\d+$/.test(f.port)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(f.port)}: invalid syntax`);
    container.ports = [{ containerPort: Number(f.port) }];
  }
  if (env.length > 0) container.env = env;
  container.resources = {};
  if (f.imagePullPolicy) container.imagePullPolicy = f.imagePullPolicy;
  if (f.privileged) container.securityContext = { privileged: true };
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels, ...(annotations ? { annotations } : {}) },
    spec: { containers: [container], restartPolicy: f.restart || 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

// Models RunOptions.generateService with the ServiceGeneratorV2.
/** The Service `--expose` makes: the pod's port, selecting the pod's labels. */
export function exposedServiceFor(name: string, f: RunFlags): Obj {
  const port = Number(f.port);
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, ...(f.labels ? { labels: parseLabels(f.labels) } : {}) },
    spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector: f.labels ? parseLabels(f.labels) : { run: name } },
    status: { loadBalancer: {} },
  };
}

export function runCommand(ctx: KubectlContext): Command {
  const flag = (name: string, kind: 'string' | 'bool' | 'stringArray', usage: string, shorthand?: string) => ({ name, kind, def: kind === 'bool' ? 'false' : kind === 'stringArray' ? '[]' : '', usage, ...(shorthand ? { shorthand } : {}) });
  return {
    use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
    disableFlagsInUseLine: true,
    short: 'Run a particular image on the cluster',
    flags: [
      flag('annotations', 'stringArray', 'Annotations to apply to the pod.'),
      flag('image', 'string', 'The image for the container to run.'),
      flag('image-pull-policy', 'string', 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.'),
      flag('rm', 'bool', "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'."),
      flag('env', 'stringArray', 'Environment variables to set in the container.'),
      flag('port', 'string', 'The port that this container exposes.'),
      { name: 'dry-run', kind: 'string', def: 'none', usage: 'The Dry run strategy of the command.' },
      flag('labels', 'string', 'Comma separated labels to apply to the pod. Will override previous values.', 'l'),
      flag('stdin', 'bool', 'Keep stdin open on the container in the pod, even if nothing is attached.', 'i'),
      flag('tty', 'bool', 'Allocate a TTY for the container in the pod.', 't'),
      flag('attach', 'bool', "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned."),
      flag('restart', 'string', 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].'),
      flag('command', 'bool', "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default."),
      flag('expose', 'bool', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.'),
      flag('quiet', 'bool', 'If true, suppress prompt messages.', 'q'),
      flag('privileged', 'bool', 'If true, run the container in privileged mode.'),
      { name: 'field-manager', kind: 'string', def: 'kubectl-run', usage: 'Name of the manager used to track field ownership.' },
      ...outputFlags,
    ],
    // Models RunOptions.Validate and Run.
    run: function* (inv) {
      const dash = inv.rawArgs.indexOf('--');
      if (inv.args.length === 0 || (dash >= 0 && inv.rawArgs.slice(0, dash).every((a) => a.startsWith('-')))) throw usage('NAME is required for run');
      if (!ctx.changed('image')) throw new CommandError('required flag(s) "image" not set');
      const f: RunFlags = {
        image: ctx.flag<string>('image'),
        labels: ctx.flag<string>('labels'),
        env: ctx.flag<string[]>('env'),
        annotations: ctx.flag<string[]>('annotations'),
        port: ctx.flag<string>('port'),
        restart: ctx.flag<string>('restart'),
        imagePullPolicy: ctx.flag<string>('image-pull-policy'),
        command: ctx.flag<boolean>('command'),
        privileged: ctx.flag<boolean>('privileged'),
      };
      const dry = ctx.flag<string>('dry-run');
      if (!['none', 'client', 'server'].includes(dry)) throw new CommandError(`Invalid dry-run value (${dry}). Must be "none", "server", or "client".`);
      if (!f.image) throw new CommandError('--image is required');
      if (!imageRef.test(f.image)) throw new CommandError(`Invalid image name "${f.image}": invalid reference format`);
      const interactive = ctx.flag<boolean>('stdin');
      if (ctx.flag<boolean>('tty') && !interactive) throw new CommandError('-i/--stdin is required for containers with -t/--tty=true');
      if (ctx.flag<boolean>('expose') && !f.port) throw usage('--port must be set when exposing a service');
      if (f.restart && !['Always', 'OnFailure', 'Never'].includes(f.restart)) throw usage(`invalid restart policy: ${f.restart}`);
      const attach = ctx.changed('attach') ? ctx.flag<boolean>('attach') : interactive;
      if (!attach && ctx.flag<boolean>('rm')) throw new CommandError('--rm should only be used for attached containers');
      if (attach && dry !== 'none') throw new CommandError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
      if (attach) throw new CommandError("Kubeplay's kubectl cannot attach to a container: run the pod without -i/-t/--attach/--rm, then use kubectl logs or kubectl exec");
      if (f.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(f.imagePullPolicy)) throw new CommandError(`invalid image pull policy: ${f.imagePullPolicy}`);

      const name = inv.args[0];
      const args = inv.args.slice(1);
      const opts = readOutputOptions(ctx);
      const send = function* (resource: string, obj: Obj): Co<Obj> {
        if (dry === 'client') return { ...obj, metadata: { ...obj.metadata } };
        const r = yield* ctx.discovery.resolve(ctx, resource);
        const path = withQuery(resourcePath(r, ctx.namespace), { dryRun: dry === 'server' ? 'All' : undefined, fieldManager: ctx.flag<string>('field-manager') || undefined });
        return yield* ctx.request<Obj>('POST', path, obj);
      };
      const print = (kind: string, obj: Obj) => {
        if (opts.format && opts.format !== 'name') printObjects(ctx, [obj], opts, true, dry === 'client');
        else ctx.io.out(`${kind}/${obj.metadata.name}${opts.format === 'name' ? '' : ` created${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}`}\n`);
      };
      const pod = yield* send('pods', podFor(name, args, f));
      if (ctx.flag<boolean>('expose')) {
        print('service', yield* send('services', exposedServiceFor(name, f)));
        // generateService's own separator, then the YAML printer's before its second object.
        if (opts.format === 'yaml') ctx.io.out('---\n---\n');
      }
      print('pod', pod);
    },
  };
}
