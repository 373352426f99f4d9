// What each resource's registry strategy does beyond storing the object (pkg/registry/*/strategy.go):
// which status a create starts from, which updates bump metadata.generation, what a status update
// may change, and how a delete is graceful. Defaulting and validation are separate (engine/api).

import { Quantity } from '../../api/quantity';
import type { Job, KubeObject } from '../../api/types';

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

/** A resource's strategy. */
export interface Strategy {
  /** The status a create starts from: null keeps what the client sent (nodes, events). */
  initialStatus(obj: Obj): Record<string, unknown> | null;
  /** Whether spec changes bump metadata.generation (and a create starts it at 1). */
  generation: boolean;
  /** Also bump the generation when annotations change (Deployments). */
  generationOnAnnotations?: boolean;
  /** Also bump the generation when labels change (EndpointSlices). */
  generationOnLabels?: boolean;
  /** Has a status subresource: updates of the main resource keep the stored status. */
  statusSubresource: boolean;
  /** What else a create and an update set (a namespace's finalizer and name label). */
  prepare?(obj: Obj): void;
  /** What else a create sets, once the object has its uid (a Job's generated selector). */
  prepareCreate?(obj: Obj): void;
  /** Seconds a delete waits (null: deleted at once). */
  gracePeriod?(obj: Obj, requested: number | undefined): number | null;
}

/** The labels the Job strategy puts on a Job's pod template (and the controller on its pods). */
export const jobNameLabel = 'batch.kubernetes.io/job-name';
export const controllerUidLabel = 'batch.kubernetes.io/controller-uid';
const legacyJobNameLabel = 'job-name';
const legacyControllerUidLabel = 'controller-uid';

// Models pkg/registry/batch/job/strategy.go generateSelector.
/**
 * What the apiserver does to a new Job without manualSelector: template labels naming the Job and
 * its UID (both the batch.kubernetes.io/ ones and the legacy ones), and a selector on the UID.
 */
export function generateSelector(job: Job): void {
  if (job.spec?.manualSelector === true || !job.spec) return;
  const tmpl = (job.spec.template ??= {});
  const labels = ((tmpl.metadata ??= {}).labels ??= {});
  for (const l of [legacyJobNameLabel, jobNameLabel]) labels[l] ??= job.metadata.name ?? '';
  for (const l of [legacyControllerUidLabel, controllerUidLabel]) labels[l] ??= job.metadata.uid ?? '';
  const sel = (job.spec.selector ??= {});
  const match = (sel.matchLabels ??= {});
  match[controllerUidLabel] ??= job.metadata.uid ?? '';
}

const plain: Strategy = { initialStatus: () => null, generation: false, statusSubresource: false };
const workload: Strategy = { initialStatus: () => ({}), generation: true, statusSubresource: true };

const strategies: Record<string, Strategy> = {
  '/pods': {
    initialStatus: (pod) => ({ phase: 'Pending', qosClass: qosClass(pod) }),
    generation: false,
    statusSubresource: true,
    // pod strategy CheckGracefulDelete: unscheduled or finished pods go at once; others get their grace period.
    gracePeriod: (pod, requested) => {
      const phase = pod.status?.phase;
      if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return null;
      const g = requested ?? (pod.spec?.terminationGracePeriodSeconds as number | undefined) ?? 30;
      return g > 0 ? g : null;
    },
  },
  '/services': {
    initialStatus: () => ({ loadBalancer: {} }),
    generation: false,
    statusSubresource: true,
    // service strategy normalizeClusterIPs: a clusterIP given alone is also the first of clusterIPs.
    prepare: (svc) => {
      const spec = svc.spec as { clusterIP?: string; clusterIPs?: string[] } | undefined;
      if (spec?.clusterIP && !(spec.clusterIPs && spec.clusterIPs.length)) spec.clusterIPs = [spec.clusterIP];
    },
  },
  '/namespaces': {
    initialStatus: () => ({ phase: 'Active' }),
    generation: false,
    statusSubresource: true,
    // namespace strategy: the `kubernetes` finalizer on create, and the immutable name label always.
    prepare: (ns) => {
      ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
    },
  },
  '/nodes': { initialStatus: () => null, generation: false, statusSubresource: true },
  '/persistentvolumeclaims': { initialStatus: () => ({ phase: 'Pending' }), generation: false, statusSubresource: true },
  '/persistentvolumes': { initialStatus: () => ({ phase: 'Pending' }), generation: false, statusSubresource: true },
  '/resourcequotas': { initialStatus: () => ({}), generation: false, statusSubresource: true },
  '/replicationcontrollers': workload,
  'apps/deployments': { ...workload, generationOnAnnotations: true },
  'apps/replicasets': workload,
  'apps/daemonsets': workload,
  'apps/statefulsets': workload,
  'batch/jobs': { ...workload, prepareCreate: (job) => generateSelector(job as unknown as Job) },
  'batch/cronjobs': workload,
  'autoscaling/horizontalpodautoscalers': workload,
  'networking.k8s.io/ingresses': workload,
  'networking.k8s.io/networkpolicies': { ...plain, generation: true },
  // endpointslice strategy PrepareForUpdate: anything but metadata, or the labels, bumps the generation.
  'discovery.k8s.io/endpointslices': { ...plain, generation: true, generationOnLabels: true },
  'policy/poddisruptionbudgets': workload,
  // kube-aggregator's apiservice strategy: status starts empty and only the status subresource writes it.
  'apiregistration.k8s.io/apiservices': { initialStatus: () => ({}), generation: false, statusSubresource: true },
};

/** The strategy of `group/resource`. */
export function strategyFor(group: string, resource: string): Strategy {
  return strategies[`${group}/${resource}`] ?? plain;
}

/** Everything of an object but its metadata and status: what a generation counts changes of. */
function specOf(o: Obj): string {
  const { metadata: _m, status: _s, ...rest } = o;
  return JSON.stringify(rest);
}

/** Sets what a create starts from: status and generation (PrepareForCreate). */
export function prepareForCreate(s: Strategy, obj: Obj): void {
  const status = s.initialStatus(obj);
  if (status !== null) obj.status = status;
  if (obj.kind === 'Namespace') obj.spec = { ...(obj.spec ?? {}), finalizers: ['kubernetes'] };
  s.prepare?.(obj);
  s.prepareCreate?.(obj);
  if (s.generation) obj.metadata.generation = 1;
  else delete obj.metadata.generation;
}

/** A main-resource update: the stored status stays, the generation follows spec changes (PrepareForUpdate). */
export function prepareForUpdate(s: Strategy, obj: Obj, old: Obj): void {
  s.prepare?.(obj);
  // A namespace's spec.finalizers change only through its finalize subresource.
  if (obj.kind === 'Namespace' && old.spec) obj.spec = old.spec;
  if (s.statusSubresource) {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  if (s.generation) {
    const changed =
      specOf(obj) !== specOf(old) ||
      (s.generationOnAnnotations === true && JSON.stringify(obj.metadata.annotations ?? {}) !== JSON.stringify(old.metadata.annotations ?? {})) ||
      (s.generationOnLabels === true && JSON.stringify(obj.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {}));
    obj.metadata.generation = (old.metadata.generation ?? 0) + (changed ? 1 : 0);
  } else if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
}

/** A status update: the status and the annotations change; everything else is the stored object's (the status strategies' PrepareForUpdate). */
export function prepareForStatusUpdate(obj: Obj, old: Obj): Obj {
  // The status strategies of 1.32 reset the spec (and labels, owner references) but let annotations
  // through: that is how the deployment controller sets deployment.kubernetes.io/revision.
  const annotations = obj.metadata.annotations;
  const next: Obj = { ...old, metadata: { ...old.metadata, resourceVersion: obj.metadata.resourceVersion } };
  if (annotations === undefined) delete next.metadata.annotations;
  else next.metadata.annotations = annotations;
  if (obj.status === undefined) delete next.status;
  else next.status = obj.status;
  return next;
}

/** The pod's QoS class (pkg/apis/core/helper/qos GetPodQOS): Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  type Res = { requests?: Record<string, string>; limits?: Record<string, string> };
  const containers = [...((pod.spec?.containers as { resources?: Res }[]) ?? []), ...((pod.spec?.initContainers as { resources?: Res }[]) ?? [])];
  const tracked = ['cpu', 'memory'];
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const positive = (v: string) => {
    try {
      return Quantity.parse(v).sign() > 0;
    } catch {
      return false;
    }
  };
  for (const c of containers) {
    const r = c.resources ?? {};
    for (const [k, v] of Object.entries(r.requests ?? {})) {
      if (!tracked.includes(k) || !positive(v)) continue;
      const q = Quantity.parse(v);
      requests.set(k, requests.has(k) ? requests.get(k)!.add(q) : q);
    }
    const seen = new Set<string>();
    for (const [k, v] of Object.entries(r.limits ?? {})) {
      if (!tracked.includes(k) || !positive(v)) continue;
      seen.add(k);
      const q = Quantity.parse(v);
      limits.set(k, limits.has(k) ? limits.get(k)!.add(q) : q);
    }
    if (tracked.some((k) => !seen.has(k))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [k, req] of requests) {
      const lim = limits.get(k);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && limits.size === tracked.length ? 'Guaranteed' : 'Burstable';
}
