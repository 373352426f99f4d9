// kubectl expose (k8s.io/kubectl/pkg/cmd/expose/expose.go, 1.32): a Service for a pod, service,
// replication controller, deployment or replica set, taking the selector, the ports (and their
// protocols) and the labels from the object unless flags give them.

import type { Command } from '../../etcdctl/cobra';
import { resourceArgs } from '../args';
import type { KubectlContext } from '../context';
import { CommandError } from '../errors';
import { readManifests } from '../manifests';
import { outputFlags, printObjects, readOutputOptions } from '../output';
import { resourcePath, withQuery } from '../paths';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** DNS-1035 label length: a longer object name is cut to it for the Service. */
const dns1035LabelMaxLength = 63;

// Models polymorphichelpers.canBeExposed.
const exposable = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment.apps', 'ReplicaSet.apps', 'Deployment.extensions', 'ReplicaSet.extensions']);

/** The pod spec a workload runs, or the pod's own. */
function podSpecOf(obj: Obj): Obj | undefined {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

// Models polymorphichelpers.mapBasedSelectorForObject.
/** The selector as `k=v,k=v`, or why the object has none kubectl can use. */
export function selectorFor(obj: Obj): string {
  const pairs = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  switch (obj.kind) {
    case 'Pod':
      if (!obj.metadata?.labels || Object.keys(obj.metadata.labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return pairs(obj.metadata.labels);
    case 'Service':
      if (!obj.spec?.selector) throw new Error('the service has no pod selector set');
      return pairs(obj.spec.selector);
    case 'ReplicationController':
      return pairs(obj.spec?.selector);
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = obj.spec?.selector ?? {};
      // Go prints the []LabelSelectorRequirement with %+v.
      if ((sel.matchExpressions ?? []).length > 0) {
        const reqs = (sel.matchExpressions as { key: string; operator: string; values?: string[] }[]).map((r) => `{Key:${r.key} Operator:${r.operator} Values:[${(r.values ?? []).join(' ')}]}`);
        throw new Error(`couldn't convert expressions - "[${reqs.join(' ')}]" to map-based selector format`);
      }
      return pairs(sel.matchLabels);
    }
  }
  throw new Error(`cannot extract pod selector from ${obj.kind}`);
}

// Models polymorphichelpers.portsForObject and multiProtocolsForObject.
/** The ports to serve (as strings, in container order) and each one's protocols. */
export function portsFor(obj: Obj): { ports: string[]; protocols: Map<string, string[]> } {
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  const add = (port: number, protocol: string | undefined) => {
    const key = String(port);
    ports.push(key);
    protocols.set(key, [...(protocols.get(key) ?? []), protocol || 'TCP']);
  };
  if (obj.kind === 'Service') {
    for (const p of obj.spec?.ports ?? []) add(p.port, p.protocol);
  } else {
    for (const c of podSpecOf(obj)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  }
  return { ports, protocols };
}

// Models expose.go parseLabels.
function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new CommandError(`unexpected label spec: ${pair}`);
    if (!kv[0]) throw new CommandError('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

/** intstr.Parse: a number is an int, anything else a name. */
function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

export interface ExposeFlags {
  name: string;
  port: string;
  protocol: string;
  targetPort: string;
  type: string;
  selector: string;
  labels: string;
  externalIP: string;
  loadBalancerIP: string;
  sessionAffinity: string;
  clusterIP: string;
}

// Models RunExpose's introspection and createService.
/** The Service `kubectl expose` makes for `obj`. */
export function serviceFor(obj: Obj, f: ExposeFlags): Obj {
  const selector = f.selector || wrap(() => selectorFor(obj), 'couldn\'t retrieve selectors via --selector flag or introspection');
  let port = f.port;
  let ports = '';
  if (!port) {
    const found = portsFor(obj).ports;
    if (found.length === 0 && f.clusterIP !== 'None') throw new CommandError('couldn\'t find port via --port flag or introspection');
    if (found.length === 1) port = found[0];
    else ports = found.join(',');
  }
  const protocolMap = portsFor(obj).protocols;
  const labelSpec = f.labels || Object.entries(obj.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const labels = labelSpec ? parseLabels(labelSpec) : undefined;
  const name = f.name || String(obj.metadata?.name ?? '').slice(0, dns1035LabelMaxLength);
  if (!name) throw new CommandError('name must be specified');

  const portStrings = (ports || port) ? (ports || port).split(',') : [];
  const servicePorts: Obj[] = [];
  portStrings.forEach((p, i) => {
    if (!/^[+-]?\d+$/.test(p)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
    const n = Number(p);
    const portName = portStrings.length > 1 ? `port-${i + 1}` : '';
    let protocol = f.protocol;
    if (!protocol) {
      protocol = 'TCP';
      const exposed = protocolMap.get(p);
      if (exposed && exposed.length === 1) protocol = exposed[0];
      else if (exposed && exposed.length > 1) {
        for (const proto of exposed) servicePorts.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, protocol: proto, port: n });
        return;
      }
    }
    // corev1.ServicePort's field order (name, protocol, port, targetPort), as the JSON printer writes it.
    servicePorts.push({ ...(portName ? { name: portName } : {}), protocol, port: n });
  });
  for (const sp of servicePorts) sp.targetPort = f.targetPort ? intOrString(f.targetPort) : sp.port;

  const spec: Obj = { ports: servicePorts, selector: parseLabels(selector) };
  if (f.clusterIP) spec.clusterIP = f.clusterIP;
  if (f.type) spec.type = f.type;
  if (f.externalIP) spec.externalIPs = [f.externalIP];
  if (f.sessionAffinity) {
    if (f.sessionAffinity !== 'None' && f.sessionAffinity !== 'ClientIP') throw new CommandError(`unknown session affinity: ${f.sessionAffinity}`);
    spec.sessionAffinity = f.sessionAffinity;
  }
  if (f.type === 'LoadBalancer' && f.loadBalancerIP) spec.loadBalancerIP = f.loadBalancerIP;
  return { kind: 'Service', apiVersion: 'v1', metadata: { name, creationTimestamp: null, ...(labels ? { labels } : {}) }, spec, status: { loadBalancer: {} } };
}

function wrap(fn: () => string, what: string): string {
  try {
    return fn();
  } catch (e) {
    throw new CommandError(`${what}: ${(e as Error).message}`);
  }
}

export function exposeCommand(ctx: KubectlContext): Command {
  const str = (name: string, usage: string, shorthand?: string) => ({ name, kind: 'string' as const, def: '', usage, ...(shorthand ? { shorthand } : {}) });
  return {
    use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
    disableFlagsInUseLine: true,
    short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    flags: [
      str('protocol', "The network protocol for the service to be created. Default is 'TCP'."),
      str('port', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified'),
      str('type', "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'."),
      str('load-balancer-ip', 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).'),
      str('selector', 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)'),
      str('labels', 'Labels to apply to the service created by this call.', 'l'),
      str('target-port', 'Name or number for the port on the container that the service should direct traffic to. Optional.'),
      str('external-ip', 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.'),
      str('name', 'The name for the newly created object.'),
      str('session-affinity', "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'"),
      str('cluster-ip', "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."),
      { name: 'field-manager', kind: 'string', def: 'kubectl-expose', usage: 'Name of the manager used to track field ownership.' },
      { name: 'dry-run', kind: 'string', def: 'none', usage: 'Must be "none", "server", or "client".' },
      { name: 'save-config', kind: 'bool', def: 'false', usage: 'If true, the configuration of current object will be saved in its annotation.' },
      { name: 'filename', shorthand: 'f', kind: 'stringSlice', def: '[]', usage: 'Filename, directory, or URL to files identifying the resource to expose a service' },
      ...outputFlags,
    ],
    run: function* (inv) {
      const dry = ctx.flag<string>('dry-run');
      if (!['none', 'client', 'server'].includes(dry)) throw new CommandError(`Invalid dry-run value (${dry}). Must be "none", "server", or "client".`);
      const opts = readOutputOptions(ctx);
      const files = ctx.flag<string[]>('filename');
      const objects: Obj[] = [];
      if (files.length > 0) {
        for (const m of readManifests(files, ctx.stdin)) objects.push(m.obj);
      } else {
        if (inv.args.length === 0) throw new CommandError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
        for (const r of yield* resourceArgs(ctx, inv.args)) {
          if (r.names.length === 0) throw new CommandError(`resource(s) were provided, but no name was specified`);
          for (const n of r.names) {
            const obj = yield* ctx.request<Obj>('GET', resourcePath(r.resource, r.resource.namespaced ? ctx.namespace : null, n));
            objects.push({ ...obj, kind: obj.kind ?? r.resource.kind });
          }
        }
      }
      const services = yield* ctx.discovery.resolve(ctx, 'services');
      for (const obj of objects) {
        const group = String(obj.apiVersion ?? '').includes('/') ? String(obj.apiVersion).split('/')[0] : '';
        const groupKind = group ? `${obj.kind}.${group}` : String(obj.kind);
        if (!exposable.has(groupKind)) throw new CommandError(`cannot expose a ${groupKind}`);
        const svc = serviceFor(obj, {
          name: ctx.flag<string>('name'),
          port: ctx.flag<string>('port'),
          protocol: ctx.flag<string>('protocol'),
          targetPort: ctx.flag<string>('target-port'),
          type: ctx.flag<string>('type'),
          selector: ctx.flag<string>('selector'),
          labels: ctx.flag<string>('labels'),
          externalIP: ctx.flag<string>('external-ip'),
          loadBalancerIP: ctx.flag<string>('load-balancer-ip'),
          sessionAffinity: ctx.flag<string>('session-affinity'),
          clusterIP: ctx.flag<string>('cluster-ip'),
        });
        let out: Obj = svc;
        if (dry !== 'client') {
          const path = withQuery(resourcePath(services, ctx.namespace), { dryRun: dry === 'server' ? 'All' : undefined, fieldManager: ctx.flag<string>('field-manager') || undefined });
          out = yield* ctx.request<Obj>('POST', path, svc);
        }
        if (opts.format && opts.format !== 'name') printObjects(ctx, [out], opts, true, dry === 'client');
        else ctx.io.out(`service/${svc.metadata.name}${opts.format === 'name' ? '' : ` exposed${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}`}\n`);
      }
    },
  };
}
