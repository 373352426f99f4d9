// What kube-apiserver makes on start, once its cache is filled (its post-start hooks): the system
// namespaces, the `kubernetes` Service at the first address of the Service range (its endpoints
// are endpoint-reconciler.ts's), the system priority classes, and the default RBAC roles and bindings.
// Each is created only if absent, so two apiservers (or a restart) agree; until etcd has a quorum
// it tries again every second. Then, when the config names them, the addons kubeadm would apply
// after init (CoreDNS's of engine/dns/addon.ts, ingress-nginx's of engine/ingress/addon.ts), the same way but without holding up
// readiness: upstream, kubeadm creates them through the API once the apiserver is up.

import type { ResourceInfo } from '../api/resources';
import { etcdKeyOf, resourceFor } from '../api/resources';
import type { KubeObject } from '../api/types';
import { Coroutine, suspend, type Co } from '../sim/co';
import { addonObjects } from '../dns/addon';
import { ingressNginxAddonObjects } from '../ingress/addon';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, bootstrapNamespaceRoleBindings, bootstrapNamespaceRoles } from './auth/bootstrap';
import { reconcileAggregation } from './auth/rbac';
import { StatusError } from './errors';
import { parseUrl } from './http';
import { create, type Call, type RestContext } from './registry/rest';
import type { ApiServerConfig } from './server';

const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** The objects to make, in order (namespaces before what lives in them). */
export function bootstrapObjects(advertiseAddress: string): { group: string; resource: string; obj: KubeObject }[] {
  const out: { group: string; resource: string; obj: KubeObject }[] = [];
  for (const name of systemNamespaces) out.push({ group: '', resource: 'namespaces', obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
  out.push({
    group: '',
    resource: 'services',
    obj: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
    } as KubeObject,
  });
  // The `kubernetes` Service's Endpoints and EndpointSlice are the endpoint reconciler's (endpoint-reconciler.ts).
  const pc = (name: string, value: number, description: string) => ({
    group: 'scheduling.k8s.io',
    resource: 'priorityclasses',
    obj: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority' } as KubeObject,
  });
  out.push(pc('system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'));
  out.push(pc('system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'));
  // admin, edit and view are written with their aggregated rules (the aggregation controller's work; docs/FIDELITY.md).
  for (const r of reconcileAggregation(bootstrapClusterRoles())) out.push({ group: 'rbac.authorization.k8s.io', resource: 'clusterroles', obj: r as KubeObject });
  for (const b of bootstrapClusterRoleBindings()) out.push({ group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', obj: b as KubeObject });
  for (const rs of Object.values(bootstrapNamespaceRoles())) for (const r of rs) out.push({ group: 'rbac.authorization.k8s.io', resource: 'roles', obj: r as KubeObject });
  for (const bs of Object.values(bootstrapNamespaceRoleBindings())) for (const b of bs) out.push({ group: 'rbac.authorization.k8s.io', resource: 'rolebindings', obj: b as KubeObject });
  // The admin's own role and binding first: kubectl works as soon as they exist, not after every default.
  const first = (o: { resource: string; obj: KubeObject }) => (o.resource === 'namespaces' ? 0 : o.obj.metadata.name === 'cluster-admin' || o.obj.metadata.name === 'kubeadm:cluster-admins' ? 1 : 2);
  return out.map((o, i) => ({ o, i })).sort((a, b) => first(a.o) - first(b.o) || a.i - b.i).map(({ o }) => o);
}

/** Creates every bootstrap object that does not exist; retries each second until all are there. */
export function* bootstrap(ctx: RestContext, config: ApiServerConfig, ready: () => boolean): Co<void> {
  yield* ensureAll(ctx, bootstrapObjects(config.advertiseAddress ?? '10.0.0.2'), ready);
  const addons = [...addonObjects(config.addons), ...(config.addons?.includes('ingress-nginx') ? ingressNginxAddonObjects() : [])];
  if (addons.length > 0) new Coroutine(ensureAll(ctx, addons, ready), () => {}).start();
}

/** Creates each object unless it exists; AlreadyExists (another apiserver was first) counts as done. */
function* ensureAll(ctx: RestContext, objects: { group: string; resource: string; obj: KubeObject }[], ready: () => boolean): Co<void> {
  const pending = [...objects];
  while (pending.length > 0) {
    if (!ready()) {
      yield* sleep(ctx, 100);
      continue;
    }
    const next = pending[0];
    const info = resourceFor(next.group, 'v1', next.resource) as ResourceInfo;
    // Made before (a restart, or another apiserver): left as it is, as upstream's "ensure" hooks do.
    if (ctx.cacher.get(etcdKeyOf(info, next.obj.metadata.namespace, next.obj.metadata.name ?? ''))) {
      pending.shift();
      continue;
    }
    const call: Call = {
      info,
      req: { isResourceRequest: true, path: '', verb: 'create', apiPrefix: '', apiGroup: next.group, apiVersion: 'v1', namespace: next.obj.metadata.namespace ?? '', resource: next.resource, subresource: '', name: '', parts: [] },
      url: parseUrl(''),
      deadline: ctx.now() + 10_000,
    };
    try {
      yield* create(ctx, call, JSON.stringify(next.obj));
      pending.shift();
    } catch (e) {
      if (e instanceof StatusError && e.code === 409) pending.shift();
      else yield* sleep(ctx, 1000);
    }
  }
}

function* sleep(ctx: RestContext, ms: number): Co<void> {
  yield* suspend<void>((resume) => ctx.after(ms, () => resume(undefined)));
}
