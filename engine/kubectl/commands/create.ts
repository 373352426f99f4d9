// kubectl create: -f, and the generators (k8s.io/kubectl/pkg/cmd/create) that build the objects
// kubectl itself writes — namespace, deployment, configmap, secret generic, service clusterip, job, quota, ingress —
// exactly as `--dry-run=client -o yaml` shows them.

import { base64 } from '../../api/base64';
import { Quantity } from '../../api/quantity';
import type { Co } from '../../sim/co';
import { commandPath, type Command, type Invocation } from '../../etcdctl/cobra';
import type { FlagDef } from '../../etcdctl/flags';
import type { KubectlContext } from '../context';
import { lastAppliedAnnotation } from '../apply-patch';
import { ApiError, CommandError, SilentExit } from '../errors';
import { outputFlags, printObjects, readOutputOptions } from '../output';
import { objectName, resourcePath, withQuery } from '../paths';
import { toCompactTypedJson } from '../printers/json';
import { createFromFiles, validateFlag } from './apply';

const dryRun: FlagDef = { name: 'dry-run', kind: 'string', def: 'none', usage: 'Must be "none", "server", or "client".' };
const common: FlagDef[] = [dryRun, validateFlag, ...outputFlags, { name: 'save-config', kind: 'bool', def: 'false', usage: 'If true, the configuration of current object will be saved in its annotation.' }];

/** The container name kubectl derives from an image (`nginx:1.25` → nginx, `reg.io/a/b@sha` → b). */
export function containerNameOf(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split('@')[0].split(':')[0];
  return name;
}

/** How a generator's object is sent and printed (beyond what every generator does). */
interface SendOptions {
  /**
   * The generator's typed client: the object is printed from its Go struct (fields in the order
   * given, not sorted), and the server's answer is first decoded into that struct by this function.
   */
  typed?: (answer: Record<string, unknown>) => Record<string, unknown>;
  /** The generator wraps the apiserver's error as `error: <failure><message>` (fmt.Errorf("failed to create ingress: %v"): failure is `failed to create ingress: `). */
  failure?: string;
  /** --field-manager (none when empty); kubectl-create otherwise. */
  fieldManager?: string;
  /** The fieldValidation the --validate directive asks for; Strict otherwise. */
  fieldValidation?: string;
  /** --save-config: the object's JSON stored in its last-applied-configuration annotation first. */
  saveConfig?: boolean;
  /** The dry-run strategy the generator read (GetDryRunStrategy); the --dry-run text otherwise. */
  dryRun?: 'none' | 'client' | 'server';
}

/** Sends a generated object and prints `kind/name created`, or the object with -o. */
function* send(ctx: KubectlContext, group: string, resource: string, namespaced: boolean, obj: Record<string, unknown>, so: SendOptions = {}): Co<void> {
  const r = yield* ctx.discovery.resolve(ctx, group ? `${resource}.${group}` : resource);
  const opts = readOutputOptions(ctx);
  const dry = so.dryRun ?? ctx.flag<string>('dry-run');
  const { name: rawName, namespace, ...restMeta } = obj.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
  const name = String(rawName);
  // The typed object's zero metav1.Time marshals as null, after the name and namespace (ObjectMeta's field order).
  obj = { ...obj, metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null, ...restMeta } };
  if (so.saveConfig) {
    // Models k8s.io/kubectl/pkg/util/apply.go CreateOrUpdateAnnotation: the object encoded without the annotation, then stored in it.
    const meta = obj.metadata as { annotations?: Record<string, string> };
    const others = { ...meta.annotations };
    delete others[lastAppliedAnnotation];
    const bare = { ...obj, metadata: { ...meta, annotations: Object.keys(others).length ? others : undefined } };
    obj = { ...obj, metadata: { ...meta, annotations: { ...others, [lastAppliedAnnotation]: toCompactTypedJson(bare) } } };
  }
  let out = obj;
  if (dry !== 'client') {
    const path = withQuery(resourcePath(r, namespaced ? ctx.namespace : null), { dryRun: dry === 'server' ? 'All' : undefined, fieldManager: so.fieldManager === undefined ? 'kubectl-create' : so.fieldManager || undefined, fieldValidation: so.fieldValidation ?? 'Strict' });
    try {
      out = yield* ctx.request<Record<string, unknown>>('POST', path, obj);
      if (so.typed) out = so.typed(out);
    } catch (e) {
      if (so.failure && e instanceof ApiError) throw new CommandError(`${so.failure}${e.status.message ?? ''}`);
      throw e;
    }
  }
  if (opts.format && opts.format !== 'name') printObjects(ctx, [out], opts, true, so.typed !== undefined);
  else ctx.io.out(`${objectName(r, name)}${opts.format === 'name' ? '' : ` created${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}`}\n`);
}

// Models k8s.io/kubectl/pkg/cmd/create/create.go NameFromCommandArgs: a usage error (cmdutil.UsageErrorf) naming the command's help.
// atDash: only the arguments before `--` are counted (cmd.ArgsLenAtDash), for a generator that reads a command after it.
function needName(inv: Invocation, what: string, atDash = false): string {
  void what;
  const dash = inv.rawArgs.indexOf('--');
  const n = atDash && dash >= 0 ? inv.args.length - (inv.rawArgs.length - dash - 1) : inv.args.length;
  if (n !== 1) throw new CommandError(`exactly one NAME is required, got ${n}\nSee '${commandPath(inv.cmd)} -h' for help and examples`);
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

/** A Go runtime panic kubectl dies of (exit 2): upstream's create ingress indexes a split it never checked. */
class GoPanic extends Error {}

/** parts[i], or the panic Go's bounds check raises. */
function index(parts: string[], i: number): string {
  if (i >= parts.length) throw new GoPanic(`runtime error: index out of range [${i}] with length ${parts.length}`);
  return parts[i];
}

/** strings.SplitN(s, sep, 2). */
function splitTwo(s: string, sep: string): string[] {
  const at = s.indexOf(sep);
  return at < 0 ? [s] : [s.slice(0, at), s.slice(at + sep.length)];
}

// Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go ruleRegex (regexHostPathSvc + regexTLS): a host
// of word characters, '*', '-' and '.', a path from '/', then =svcname:svcport and an optional
// ,tls[=secret]. Anchored only at the start, as upstream's: whatever follows a match is accepted. Go's
// `.` is anything but a newline (JavaScript's would also refuse \r, U+2028 and U+2029).
const ingressRuleRegex = /^([\w*\-.]*)(\/[^\n]*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

// Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go Validate
function validateIngress(rules: string[], annotations: string[], defaultBackend: string): void {
  if (defaultBackend === '' && rules.length === 0) throw new CommandError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  for (const rule of rules) {
    if (!ingressRuleRegex.test(rule)) throw new CommandError(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  }
  for (const annotation of annotations) {
    if (!annotation.includes('=')) throw new CommandError(`annotation ${annotation} is invalid and should be in format key=[value]`);
  }
  if (defaultBackend !== '' && defaultBackend.split(':').length !== 2) throw new CommandError('default-backend should be in format servicename:serviceport');
}

// Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go parseServiceBackendPort: intstr.Parse, so a
// decimal int32 (sign and leading zeros allowed) is a number and anything else a name; a zero number
// or an empty name is omitted (omitempty), leaving `port: {}`.
function serviceBackendPort(port: string): { name?: string; number?: number } {
  if (/^[+-]?\d+$/.test(port)) {
    const n = Number(port);
    if (n >= -2147483648 && n <= 2147483647) return n === 0 ? {} : { number: n };
  }
  return port === '' ? {} : { name: port };
}

// Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go buildIngressBackendSvc: `svc:port`, the part after a second ':' ignored.
function ingressBackend(service: string): Record<string, unknown> {
  const parts = service.split(':');
  return { service: { name: index(parts, 0), port: serviceBackendPort(index(parts, 1)) } };
}

// Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go buildHTTPIngressPath: `path=svc:port` after the
// host's '/'; a trailing '*' makes the path a Prefix (and is dropped), else it is Exact.
function httpIngressPath(pathsvc: string): Record<string, unknown> {
  const parts = pathsvc.split('=');
  let path = `/${index(parts, 0)}`;
  const service = index(parts, 1);
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: ingressBackend(service) };
}

// Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go buildTLSRules: a rule with exactly one ',' asks
// for TLS (whatever follows the comma; `=secret` names the secret). Hosts are grouped by secret, in
// the order their rules come, and each host is taken once; an entry with neither host nor secret is dropped.
function ingressTLS(rules: string[]): { hosts?: string[]; secretName?: string }[] {
  const seen = new Set<string>();
  const entries: { hosts: string[]; secretName: string }[] = [];
  for (const rule of rules) {
    const tls = rule.split(',');
    if (tls.length !== 2) continue;
    const host = splitTwo(rule, '/')[0];
    const secretName = tls[1].split('=');
    const secret = secretName.length > 1 ? secretName[1] : '';
    if (seen.has(host)) continue;
    const same = entries.find((e) => e.secretName === secret);
    seen.add(host);
    if (same) {
      same.hosts.push(host);
      continue;
    }
    const entry = { hosts: host !== '' ? [host] : [], secretName: secret };
    if (entry.secretName !== '' || entry.hosts.length > 0) entries.push(entry);
  }
  // IngressTLS's field order: hosts, secretName; both omitempty.
  return entries.map((e) => ({ ...(e.hosts.length ? { hosts: e.hosts } : {}), ...(e.secretName ? { secretName: e.secretName } : {}) }));
}

// Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go buildIngressRules: one rule per host (the
// first rule's position), its paths in the order given; no host is a rule of its own, without `host`.
function ingressRules(rules: string[]): Record<string, unknown>[] {
  const byHost: { host: string; paths: Record<string, unknown>[] }[] = [];
  for (const rule of rules) {
    const removeTLS = rule.split(',')[0];
    const hostSplit = splitTwo(removeTLS, '/');
    const host = hostSplit[0];
    const path = httpIngressPath(index(hostSplit, 1));
    const same = byHost.find((r) => r.host === host);
    if (same) same.paths.push(path);
    else byHost.push({ host, paths: [path] });
  }
  return byHost.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: r.paths } }));
}

type Obj = Record<string, unknown>;
type Field = [name: string, each?: (v: unknown) => unknown, always?: unknown];

/** A Go struct's JSON from a decoded object: its fields in the struct's order, the unknown ones dropped, and a non-pointer struct (`always`) present even when empty. */
function struct(v: unknown, fields: Field[]): Obj {
  const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
  const out: Obj = {};
  for (const [name, each, always] of fields) {
    const x = o[name] ?? always;
    if (x !== undefined) out[name] = each ? each(x) : x;
  }
  return out;
}
const listOf = (each: (v: unknown) => unknown) => (v: unknown) => (Array.isArray(v) ? v.map(each) : v);

// metav1.ObjectMeta's fields in order; a zero creationTimestamp marshals as null.
const objectMeta = (v: unknown): Obj =>
  struct(v, [
    ['name'], ['generateName'], ['namespace'], ['selfLink'], ['uid'], ['resourceVersion'], ['generation'], ['creationTimestamp', undefined, null], ['deletionTimestamp'], ['deletionGracePeriodSeconds'], ['labels'], ['annotations'],
    ['ownerReferences', listOf((r) => struct(r, [['apiVersion'], ['kind'], ['name'], ['uid'], ['controller'], ['blockOwnerDeletion']]))],
    ['finalizers'],
    ['managedFields', listOf((m) => struct(m, [['manager'], ['operation'], ['apiVersion'], ['time'], ['fieldsType'], ['fieldsV1'], ['subresource']]))],
  ]);
const ingressBackendStruct = (v: unknown): Obj =>
  struct(v, [
    ['service', (s) => struct(s, [['name', undefined, ''], ['port', (p) => struct(p, [['name'], ['number']]), {}]])],
    ['resource', (r) => struct(r, [['apiGroup'], ['kind', undefined, ''], ['name', undefined, '']])],
  ]);

const httpIngressPathStruct = (p: unknown): Obj => struct(p, [['path'], ['pathType'], ['backend', ingressBackendStruct, {}]]);
const ingressRuleStruct = (r: unknown): Obj => struct(r, [['host'], ['http', (h) => struct(h, [['paths', listOf(httpIngressPathStruct), null]])]]);
const ingressSpecStruct = (s: unknown): Obj =>
  struct(s, [['ingressClassName'], ['defaultBackend', ingressBackendStruct], ['tls', listOf((t) => struct(t, [['hosts'], ['secretName']]))], ['rules', listOf(ingressRuleStruct)]]);
const ingressLoadBalancerIngress = (i: unknown): Obj =>
  struct(i, [['ip'], ['hostname'], ['ports', listOf((p) => struct(p, [['port', undefined, 0], ['protocol', undefined, ''], ['error']]))]]);
const ingressStatusStruct = (st: unknown): Obj => struct(st, [['loadBalancer', (lb) => struct(lb, [['ingress', listOf(ingressLoadBalancerIngress)]]), {}]]);

// Models the networking/v1 typed client's answer (k8s.io/api/networking/v1 types.go): the server's
// Ingress decoded into networkingv1.Ingress and encoded again, so -o prints `status.loadBalancer: {}`
// and the struct's field order as the real kubectl does.
function typedIngress(answer: Obj): Obj {
  return struct(answer, [['kind'], ['apiVersion'], ['metadata', objectMeta, {}], ['spec', ingressSpecStruct, {}], ['status', ingressStatusStruct, {}]]);
}

// Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go createIngress and buildIngressSpec: the
// namespace only when -n names one (EnforceNamespace), annotations as a map (the last of a key wins),
// IngressSpec's fields in its order: ingressClassName, defaultBackend, tls, rules.
function ingressFor(name: string, namespace: string, cls: string, rules: string[], defaultBackend: string, annotations: string[]): Record<string, unknown> {
  const annots: Record<string, string> = {};
  for (const a of annotations) {
    const [k, v] = splitTwo(a, '=');
    annots[k] = v;
  }
  const tls = ingressTLS(rules);
  const ingressRulesList = ingressRules(rules);
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { name, ...(namespace ? { namespace } : {}), ...(Object.keys(annots).length ? { annotations: annots } : {}) },
    spec: {
      ...(cls ? { ingressClassName: cls } : {}),
      ...(defaultBackend ? { defaultBackend: ingressBackend(defaultBackend) } : {}),
      ...(tls.length ? { tls } : {}),
      ...(ingressRulesList.length ? { rules: ingressRulesList } : {}),
    },
    status: { loadBalancer: {} },
  };
}

const goTrue = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const goFalse = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

// Models k8s.io/kubectl/pkg/cmd/util/helpers.go GetDryRunStrategy: none, client or server; a strconv.ParseBool
// boolean is the deprecated client (true) or none (false), whose klog warning is not printed here.
function dryRunStrategy(ctx: KubectlContext): 'none' | 'client' | 'server' {
  const dry = ctx.flag<string>('dry-run');
  if (goTrue.includes(dry)) return 'client';
  if (goFalse.includes(dry)) return 'none';
  if (dry === 'none' || dry === 'client' || dry === 'server') return dry;
  throw new CommandError(`Invalid dry-run value (${dry}). Must be "none", "server", or "client".`);
}

// Models k8s.io/cli-runtime/pkg/genericclioptions/print_flags.go ToPrinter for a generator's
// PrintFlags (json, yaml, name, templates; no wide or custom-columns), before Kubeplay's own reading of -o.
function checkCreateOutput(ctx: KubectlContext): void {
  const o = ctx.flag<string>('output') ?? '';
  const eq = o.indexOf('=');
  const format = eq < 0 ? o : o.slice(0, eq);
  const allowed = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];
  if (format !== '' && !allowed.includes(format)) throw new CommandError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed.join(',')}`);
  if ((format === 'jsonpath' || format === 'jsonpath-as-json') && eq < 0) throw new CommandError('template format specified but no template given');
  readOutputOptions(ctx);
}

// Models k8s.io/kubectl/pkg/cmd/util/helpers.go GetValidationDirective: the fieldValidation --validate asks for.
function validationDirective(ctx: KubectlContext): string {
  const v = ctx.flag<string>('validate');
  if (goTrue.includes(v) || v === 'strict') return 'Strict';
  if (goFalse.includes(v) || v === 'ignore') return 'Ignore';
  if (v === 'warn') return 'Warn';
  throw new CommandError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

// Models what the older generators (create_namespace.go, create_deployment.go, …) read in Complete:
// GetDryRunStrategy, then --save-config; failure is how Run wraps the apiserver's error (none for namespace).
// With --dry-run=client the object printed is the generator's own, built here in its Go struct's field
// order, so it is printed as typed (unsorted); a server's answer is still printed as before.
function generatorOptions(ctx: KubectlContext, failure?: string): SendOptions {
  const dryRun = dryRunStrategy(ctx);
  return { dryRun, saveConfig: ctx.flag<boolean>('save-config'), ...(failure ? { failure } : {}), ...(dryRun === 'client' ? { typed: (o: Obj) => o } : {}) };
}

/** The pod template's zero creationTimestamp, printed as null by --dry-run=client (not sent to the apiserver, which stores none). */
function templateTimestamp(so: SendOptions): { creationTimestamp?: null } {
  return so.dryRun === 'client' ? { creationTimestamp: null } : {};
}

/** metadata.namespace as the generators set it: only when -n names one (EnforceNamespace). */
function enforcedNamespace(ctx: KubectlContext): { namespace?: string } {
  const ns = ctx.flag<string>('namespace') ?? '';
  return ns ? { namespace: ns } : {};
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
        run: withCatch((inv) => {
          const name = needName(inv, 'namespace');
          return send(ctx, '', 'namespaces', false, { kind: 'Namespace', apiVersion: 'v1', metadata: { name }, spec: {}, status: {} }, generatorOptions(ctx));
        }),
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
          const so = generatorOptions(ctx, 'failed to create deployment: ');
          const images = ctx.flag<string[]>('image');
          if (images.length === 0) throw new CommandError('required flag(s) "image" not set');
          const port = Number(ctx.flag<bigint>('port'));
          const labels = { app: name };
          const containers = images.map((image, i) => ({ name: containerNameOf(image), image, ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}), resources: {} }));
          return send(ctx, 'apps', 'deployments', true, {
            kind: 'Deployment',
            apiVersion: 'apps/v1',
            metadata: { name, ...enforcedNamespace(ctx), labels },
            spec: { replicas: Number(ctx.flag<bigint>('replicas')), selector: { matchLabels: labels }, template: { metadata: { ...templateTimestamp(so), labels }, spec: { containers } }, strategy: {} },
            status: {},
          }, so);
        }),
      },
      {
        use: 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
        short: 'Create a config map from a local file, directory or literal value',
        flags: [...common, { name: 'from-literal', kind: 'stringSlice', def: '[]', usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' }],
        run: withCatch((inv) => {
          const name = needName(inv, 'configmap');
          const so = generatorOptions(ctx, 'failed to create configmap: ');
          const data = Object.fromEntries(literals(ctx.flag<string[]>('from-literal')));
          return send(ctx, '', 'configmaps', true, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, ...enforcedNamespace(ctx) }, ...(Object.keys(data).length ? { data } : {}) }, so);
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
              // fmt.Errorf("failed to create secret %v"): no colon.
              const so = generatorOptions(ctx, 'failed to create secret ');
              const data = Object.fromEntries(literals(ctx.flag<string[]>('from-literal')).map(([k, v]) => [k, base64(v)]));
              const type = ctx.flag<string>('type');
              return send(ctx, '', 'secrets', true, { kind: 'Secret', apiVersion: 'v1', metadata: { name, ...enforcedNamespace(ctx) }, ...(Object.keys(data).length ? { data } : {}), ...(type ? { type } : {}) }, so);
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
              // create_service.go never sets CreateAnnotation from --save-config: the flag is accepted and ignored.
              const so = { ...generatorOptions(ctx, 'failed to create ClusterIP service: '), saveConfig: false };
              const ports = ctx.flag<string[]>('tcp').map((p) => {
                const [port, target = port] = p.split(':');
                // create_service.go: the port's name is the --tcp text with every ':' a '-'.
                return { name: p.split(':').join('-'), protocol: 'TCP', port: Number(port), targetPort: /^\d+$/.test(target) ? Number(target) : target };
              });
              const clusterIP = ctx.flag<string>('clusterip');
              return send(ctx, '', 'services', true, {
                kind: 'Service',
                apiVersion: 'v1',
                metadata: { name, ...enforcedNamespace(ctx), labels: { app: name } },
                spec: { ports, selector: { app: name }, ...(clusterIP ? { clusterIP } : {}), type: 'ClusterIP' },
                status: { loadBalancer: {} },
              }, so);
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
          const so = generatorOptions(ctx, 'failed to create quota: ');
          const hard = populateResourceList(ctx.flag<string>('hard'));
          const scopes = parseScopes(ctx.flag<string>('scopes'));
          return send(ctx, '', 'resourcequotas', true, { kind: 'ResourceQuota', apiVersion: 'v1', metadata: { name, ...enforcedNamespace(ctx) }, spec: { ...(hard ? { hard } : {}), ...(scopes ? { scopes } : {}) }, status: {} }, so);
        }),
      },
      {
        use: 'job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]',
        short: 'Create a job with the specified name',
        flags: [...common, { name: 'image', kind: 'string', def: '', usage: 'Image name to run.' }],
        run: withCatch((inv) => {
          const name = needName(inv, 'job', true);
          const so = generatorOptions(ctx, 'failed to create job: ');
          const image = ctx.flag<string>('image');
          if (!image) throw new CommandError('--image must be specified');
          // create_job.go Complete: the arguments after NAME are the command.
          const command = inv.args.slice(1);
          return send(ctx, 'batch', 'jobs', true, {
            kind: 'Job',
            apiVersion: 'batch/v1',
            metadata: { name, ...enforcedNamespace(ctx) },
            spec: { template: { metadata: { ...templateTimestamp(so) }, spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy: 'Never' } } },
            status: {},
          }, so);
        }),
      },
      {
        use: 'ingress NAME --rule=host/path=service:port[,tls[=secret]] ',
        short: 'Create an ingress with the specified name',
        aliases: ['ing'],
        disableFlagsInUseLine: true,
        flags: [
          ...common,
          { name: 'class', kind: 'string', def: '', usage: 'Ingress Class to be used' },
          { name: 'rule', kind: 'stringArray', def: '[]', usage: "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional." },
          { name: 'default-backend', kind: 'string', def: '', usage: 'Default service for backend, in format of svcname:port' },
          { name: 'annotation', kind: 'stringArray', def: '[]', usage: 'Annotation to insert in the ingress object, in the format annotation=value' },
          { name: 'field-manager', kind: 'string', def: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' },
        ],
        // Models k8s.io/kubectl/pkg/cmd/create/create_ingress.go Complete, Validate and Run, in that order:
        // the name, --dry-run, -o and --validate first, then the rules, annotations and default backend.
        run: withCatch((inv) => {
          const name = needName(inv, 'ingress');
          const dry = dryRunStrategy(ctx);
          checkCreateOutput(ctx);
          const fieldValidation = validationDirective(ctx);
          const rules = ctx.flag<string[]>('rule');
          const annotations = ctx.flag<string[]>('annotation');
          const defaultBackend = ctx.flag<string>('default-backend');
          validateIngress(rules, annotations, defaultBackend);
          let obj: Record<string, unknown>;
          try {
            obj = ingressFor(name, ctx.flag<string>('namespace') ?? '', ctx.flag<string>('class'), rules, defaultBackend, annotations);
          } catch (e) {
            if (!(e instanceof GoPanic)) throw e;
            // Go prints the goroutine's stack after this; its addresses differ from run to run.
            ctx.io.err(`panic: ${e.message}\n\ngoroutine 1 [running]:\n`);
            throw new SilentExit(2);
          }
          return send(ctx, 'networking.k8s.io', 'ingresses', true, obj, {
            typed: typedIngress,
            failure: 'failed to create ingress: ',
            fieldManager: ctx.flag<string>('field-manager'),
            fieldValidation,
            saveConfig: ctx.flag<boolean>('save-config'),
            dryRun: dry,
          });
        }),
      },
    ],
  };
}
