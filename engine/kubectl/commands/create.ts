// kubectl create: -f, and the generators (k8s.io/kubectl/pkg/cmd/create) that build the objects
// kubectl itself writes — namespace, deployment, configmap, secret generic, service clusterip, job, quota —
// exactly as `--dry-run=client -o yaml` shows them.

import { base64 } from '../../api/base64';
import { Quantity } from '../../api/quantity';
import type { Co } from '../../sim/co';
import type { Command, Invocation } from '../../etcdctl/cobra';
import type { FlagDef } from '../../etcdctl/flags';
import type { KubectlContext } from '../context';
import { ApiError, CommandError } from '../errors';
import { outputFlags, printObjects, readOutputOptions } from '../output';
import { objectName, resourcePath, withQuery } from '../paths';
import { createFromFiles, validateFlag } from './apply';

const dryRun: FlagDef = { name: 'dry-run', kind: 'string', def: 'none', usage: 'Must be "none", "server", or "client".' };
const common: FlagDef[] = [dryRun, validateFlag, ...outputFlags, { name: 'save-config', kind: 'bool', def: 'false', usage: 'If true, the configuration of current object will be saved in its annotation.' }];

/** The container name kubectl derives from an image (`nginx:1.25` → nginx, `reg.io/a/b@sha` → b). */
export function containerNameOf(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split('@')[0].split(':')[0];
  return name;
}

/** Sends a generated object and prints `kind/name created`, or the object with -o. */
function* send(ctx: KubectlContext, group: string, resource: string, namespaced: boolean, obj: Record<string, unknown>): Co<void> {
  const r = yield* ctx.discovery.resolve(ctx, group ? `${resource}.${group}` : resource);
  const opts = readOutputOptions(ctx);
  const dry = ctx.flag<string>('dry-run');
  const { name: rawName, ...restMeta } = obj.metadata as { name: string };
  const name = String(rawName);
  // The typed object's zero metav1.Time marshals as null, after the name (ObjectMeta's field order).
  obj = { ...obj, metadata: { name, creationTimestamp: null, ...restMeta } };
  let out = obj;
  if (dry !== 'client') {
    out = yield* ctx.request<Record<string, unknown>>('POST', withQuery(resourcePath(r, namespaced ? ctx.namespace : null), { dryRun: dry === 'server' ? 'All' : undefined, fieldManager: 'kubectl-create', fieldValidation: 'Strict' }), obj);
  }
  if (opts.format && opts.format !== 'name') printObjects(ctx, [out], opts, true);
  else ctx.io.out(`${objectName(r, name)}${opts.format === 'name' ? '' : ` created${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}`}\n`);
}

function needName(inv: Invocation, what: string): string {
  if (inv.args.length === 0) throw new CommandError('exactly one NAME is required, got 0');
  if (inv.args.length > 1) throw new CommandError(`exactly one NAME is required, got ${inv.args.length}`);
  void what;
  return inv.args[0];
}

/** `k=v` pairs of --from-literal. */
function literals(values: string[]): [string, string][] {
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new CommandError(`invalid literal source ${v}, expected key=value`);
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
}

// Models k8s.io/kubectl/pkg/cmd/create/create_quota.go populateResourceListV1
/** `cpu=1,memory=1G` as a ResourceList of canonical quantities; undefined for none. */
function populateResourceList(spec: string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const result: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new CommandError(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    try {
      result[parts[0]] = Quantity.parse(parts[1]).toString();
    } catch (e) {
      throw new CommandError(e instanceof Error ? e.message : String(e));
    }
  }
  // A Go map marshals in key order.
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// Models k8s.io/kubectl/pkg/cmd/create/create_quota.go parseScopes: not checked against the known scopes (the apiserver does that).
function parseScopes(spec: string): string[] | undefined {
  if (spec === '') return undefined;
  return spec.split(',').map((scope) => {
    if (scope === '') throw new CommandError('invalid resource quota scope ""');
    return scope;
  });
}

export function createCommand(ctx: KubectlContext): Command {
  const withCatch = (fn: (inv: Invocation) => Co<void>) =>
    function* (inv: Invocation): Co<void> {
      try {
        yield* fn(inv);
      } catch (e) {
        if (e instanceof ApiError) {
          ctx.printApiError(e);
          throw new CommandError('', 1);
        }
        throw e;
      }
    };
  return {
    use: 'create -f FILENAME',
    short: 'Create a resource from a file or from stdin',
    flags: [{ name: 'filename', shorthand: 'f', kind: 'stringSlice', def: '[]', usage: 'Filename, directory, or URL to files to use to create the resource' }, ...common],
    run: function* () {
      const files = ctx.flag<string[]>('filename');
      if (files.length === 0) throw new CommandError('must specify one of -f and -k');
      yield* createFromFiles(ctx, files, ctx.flag<boolean>('save-config'));
    },
    commands: [
      {
        use: 'namespace NAME [--dry-run=server|client|none]',
        short: 'Create a namespace with the specified name',
        flags: common,
        run: withCatch((inv) => send(ctx, '', 'namespaces', false, { kind: 'Namespace', apiVersion: 'v1', metadata: { name: needName(inv, 'namespace') }, spec: {}, status: {} })),
      },
      {
        use: 'deployment NAME --image=image -- [COMMAND] [args...]',
        short: 'Create a deployment with the specified name',
        flags: [
          ...common,
          { name: 'image', kind: 'stringSlice', def: '[]', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
          { name: 'replicas', shorthand: 'r', kind: 'int64', def: '1', usage: 'Number of replicas to create. Default is 1.' },
          { name: 'port', kind: 'int64', def: '-1', usage: 'The containerPort that this deployment exposes.' },
        ],
        run: withCatch((inv) => {
          const name = needName(inv, 'deployment');
          const images = ctx.flag<string[]>('image');
          if (images.length === 0) throw new CommandError('required flag(s) "image" not set');
          const port = Number(ctx.flag<bigint>('port'));
          const labels = { app: name };
          const containers = images.map((image, i) => ({ image, name: containerNameOf(image), ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}), resources: {} }));
          return send(ctx, 'apps', 'deployments', true, {
            kind: 'Deployment',
            apiVersion: 'apps/v1',
            metadata: { name, labels },
            spec: { replicas: Number(ctx.flag<bigint>('replicas')), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } }, strategy: {} },
            status: {},
          });
        }),
      },
      {
        use: 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
        short: 'Create a config map from a local file, directory or literal value',
        flags: [...common, { name: 'from-literal', kind: 'stringSlice', def: '[]', usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' }],
        run: withCatch((inv) => {
          const name = needName(inv, 'configmap');
          const data = Object.fromEntries(literals(ctx.flag<string[]>('from-literal')));
          return send(ctx, '', 'configmaps', true, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name }, ...(Object.keys(data).length ? { data } : {}) });
        }),
      },
      {
        use: 'secret',
        short: 'Create a secret using a specified subcommand',
        commands: [
          {
            use: 'generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
            short: 'Create a secret from a local file, directory, or literal value',
            flags: [...common, { name: 'from-literal', kind: 'stringSlice', def: '[]', usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' }, { name: 'type', kind: 'string', def: '', usage: 'The type of secret to create' }],
            run: withCatch((inv) => {
              const name = needName(inv, 'secret');
              const data = Object.fromEntries(literals(ctx.flag<string[]>('from-literal')).map(([k, v]) => [k, base64(v)]));
              const type = ctx.flag<string>('type');
              return send(ctx, '', 'secrets', true, { kind: 'Secret', apiVersion: 'v1', metadata: { name }, ...(Object.keys(data).length ? { data } : {}), ...(type ? { type } : {}) });
            }),
          },
        ],
      },
      {
        use: 'service',
        short: 'Create a service using a specified subcommand',
        commands: [
          {
            use: 'clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]',
            short: 'Create a ClusterIP service',
            flags: [...common, { name: 'tcp', kind: 'stringSlice', def: '[]', usage: 'Port pairs can be specified as \'<port>:<targetPort>\'.' }, { name: 'clusterip', kind: 'string', def: '', usage: 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).' }],
            run: withCatch((inv) => {
              const name = needName(inv, 'service');
              const ports = ctx.flag<string[]>('tcp').map((p) => {
                const [port, target = port] = p.split(':');
                return { name: `${port}-${target}`, port: Number(port), protocol: 'TCP', targetPort: /^\d+$/.test(target) ? Number(target) : target };
              });
              const clusterIP = ctx.flag<string>('clusterip');
              return send(ctx, '', 'services', true, {
                kind: 'Service',
                apiVersion: 'v1',
                metadata: { name, labels: { app: name } },
                spec: { ports, selector: { app: name }, type: 'ClusterIP', ...(clusterIP ? { clusterIP } : {}) },
                status: { loadBalancer: {} },
              });
            }),
          },
        ],
      },
      {
        use: 'quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]',
        short: 'Create a quota with the specified name',
        flags: [
          ...common,
          { name: 'hard', kind: 'string', def: '', usage: 'A comma-delimited set of resource=quantity pairs that define a hard limit.' },
          { name: 'scopes', kind: 'string', def: '', usage: 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.' },
        ],
        // Models k8s.io/kubectl/pkg/cmd/create/create_quota.go createQuota
        run: withCatch((inv) => {
          const name = needName(inv, 'quota');
          const hard = populateResourceList(ctx.flag<string>('hard'));
          const scopes = parseScopes(ctx.flag<string>('scopes'));
          return send(ctx, '', 'resourcequotas', true, { kind: 'ResourceQuota', apiVersion: 'v1', metadata: { name }, spec: { ...(hard ? { hard } : {}), ...(scopes ? { scopes } : {}) }, status: {} });
        }),
      },
      {
        use: 'job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]',
        short: 'Create a job with the specified name',
        flags: [...common, { name: 'image', kind: 'string', def: '', usage: 'Image name to run.' }],
        run: withCatch((inv) => {
          const name = needName(inv, 'job');
          const image = ctx.flag<string>('image');
          if (!image) throw new CommandError('--image must be specified');
          const command = inv.rawArgs.includes('--') ? inv.rawArgs.slice(inv.rawArgs.indexOf('--') + 1) : [];
          return send(ctx, 'batch', 'jobs', true, {
            kind: 'Job',
            apiVersion: 'batch/v1',
            metadata: { name },
            spec: { template: { metadata: {}, spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy: 'Never' } } },
            status: {},
          });
        }),
      },
    ],
  };
}
