// What the Endpoints and EndpointSlice controllers share (k8s.io/endpointslice/util/controller_utils.go
// at v0.32.4, and the helpers it copies from pkg/api/v1/pod): which pods belong in endpoints, which
// Services a pod change wakes, how a Service port's targetPort resolves to a container port, and
// the trigger-time annotation's wire form.

import { selectorFromSet } from '../../api/labels';
import type { Pod, Service, ServicePort } from '../../api/types';
import type { Lister } from '../../client/store';
import { keyOf } from '../../client/store';
import { isPodReady } from '../util';

/** The annotation both controllers stamp with the time of the change that caused a write. */
export const endpointsLastChangeTriggerTime = 'endpoints.kubernetes.io/last-change-trigger-time';
/** The label an Endpoints or EndpointSlice of a headless Service carries (v1.IsHeadlessService). */
export const isHeadlessServiceLabel = 'service.kubernetes.io/headless';

/** Whether an address is IPv6 (utilnet.IsIPv6String, for addresses the API has validated). */
export function isIPv6String(ip: string | undefined): boolean {
  return (ip ?? '').includes(':');
}

// Models pkg/apis/core/v1/helper/helpers.go IsServiceIPSet
/** A Service with a cluster IP: not headless and already allocated. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== 'None' && ip !== '';
}

/**
 * The Service's selector, or null for "no selector" (nil upstream). An empty map is null too: Go
 * drops an empty map on the wire (omitempty, protobuf), so upstream's controllers never see one.
 */
export function serviceSelector(svc: Service): Record<string, string> | null {
  const sel = svc.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : null;
}

// Models controller_utils.go GetPodServiceMemberships
/** Keys of the Services in the pod's namespace whose selector matches it. */
export function getPodServiceMemberships(services: Lister<Service>, pod: Pod): Set<string> {
  const out = new Set<string>();
  for (const svc of services.list(pod.metadata.namespace ?? '')) {
    const sel = serviceSelector(svc);
    // A nil selector selects nothing, not everything.
    if (!sel) continue;
    if (selectorFromSet(sel).matches(pod.metadata.labels ?? {})) out.add(keyOf(svc));
  }
  return out;
}

// Models controller_utils.go ShouldPodBeInEndpoints
/** A pod that may be an endpoint: not terminal, has an IP, and (unless asked) not terminating. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  // "Terminal" (Succeeded, Failed) is not "terminating" (a deletionTimestamp).
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs?.length ?? 0)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

// Models controller_utils.go ShouldSetHostname
/** A pod with a hostname whose subdomain is this Service (of its namespace) is published by name. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

const sameLabels = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b ?? {}, k) && (b ?? {})[k] === (a ?? {})[k]);
};

// Models controller_utils.go podEndpointsChanged
/** [the pod changed in a way its endpoints show, its labels or hostname changed (its Services may have)]. */
export function podEndpointsChanged(oldPod: Pod, newPod: Pod): [boolean, boolean] {
  const labelsChanged = !sameLabels(newPod.metadata.labels, oldPod.metadata.labels) || newPod.spec?.hostname !== oldPod.spec?.hostname || newPod.spec?.subdomain !== oldPod.spec?.subdomain;
  if ((newPod.metadata.deletionTimestamp ?? null) !== (oldPod.metadata.deletionTimestamp ?? null)) return [true, labelsChanged];
  if (isPodReady(oldPod) !== isPodReady(newPod)) return [true, labelsChanged];
  const a = oldPod.status?.podIPs ?? [];
  const b = newPod.status?.podIPs ?? [];
  if (a.length !== b.length || a.some((ip, i) => ip.ip !== b[i].ip)) return [true, labelsChanged];
  // Name, namespace and UID are immutable, and nodeName is set before the pod has an IP.
  return [false, labelsChanged];
}

// Models controller_utils.go GetServicesToUpdateOnPodChange (and determineNeededServiceUpdates)
/** The Services a pod update may have changed the endpoints of. */
export function getServicesToUpdateOnPodChange(services: Lister<Service>, oldPod: Pod, newPod: Pod): Set<string> {
  // A resync sends the same version again: nothing changed.
  if (newPod.metadata.resourceVersion === oldPod.metadata.resourceVersion) return new Set();
  const [podChanged, labelsChanged] = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return new Set();
  const cur = getPodServiceMemberships(services, newPod);
  if (!labelsChanged) return cur;
  const old = getPodServiceMemberships(services, oldPod);
  // Pod and labels changed: every Service either way; only labels: those it joined or left.
  if (podChanged) return new Set([...cur, ...old]);
  return new Set([...[...cur].filter((k) => !old.has(k)), ...[...old].filter((k) => !cur.has(k))]);
}

// Models k8s.io/endpointslice/utils.go findPort (v0.32: containers only, not sidecar init containers)
/** The container port a Service port targets on this pod: a number as it is, a name looked up by name and protocol; null when none. */
export function findPort(pod: Pod, svcPort: ServicePort): number | null {
  const target = svcPort.targetPort;
  // The zero IntOrString is the number 0.
  if (target === undefined || typeof target === 'number') return target ?? 0;
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if ((p.name ?? '') === target && (p.protocol ?? '') === (svcPort.protocol ?? '')) return p.containerPort;
  }
  return null;
}

/** time.RFC3339Nano in UTC: fractional seconds only when there are any, trailing zeros dropped. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_, f: string) => (f ? `.${f}Z` : 'Z'));
}
