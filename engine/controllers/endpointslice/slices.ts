// Building EndpointSlices (k8s.io/endpointslice/utils.go at v0.32.4): a pod as an endpoint with the
// ready/serving/terminating conditions, its node, zone and hostname; the ports a pod gives a Service;
// a new slice's name prefix, labels and owner; which existing slice to fill; the address types a
// Service wants; and the trafficDistribution hints (trafficdist/trafficdist.go).

import type { DiscoveryV1EndpointPort, Endpoint, EndpointSlice, AddressType, Node, Pod, Service } from '../../api/types';
import { isDNS1123Subdomain } from '../../api/validation/names';
import { isPodReady, newControllerRef } from '../util';
import { endpointsLastChangeTriggerTime, findPort, isHeadlessServiceLabel, isIPv6String, isServiceIPSet, rfc3339Nano, shouldSetHostname } from './util';

/** discovery.LabelServiceName: the Service a slice belongs to. */
export const labelServiceName = 'kubernetes.io/service-name';
/** discovery.LabelManagedBy: who manages a slice. */
export const labelManagedBy = 'endpointslice.kubernetes.io/managed-by';
/** The label a topology-aware zone comes from (v1.LabelTopologyZone). */
export const labelTopologyZone = 'topology.kubernetes.io/zone';

/** The ports and address type slices are grouped by (endpointMeta). */
export interface EndpointMeta {
  ports: DiscoveryV1EndpointPort[];
  addressType: AddressType;
}

// Models utils.go podToEndpoint
/**
 * A pod as an endpoint of `addressType`. serving is the pod's readiness; terminating its
 * deletionTimestamp; ready is serving and not terminating, or always with publishNotReadyAddresses.
 */
export function podToEndpoint(pod: Pod, node: Node | undefined, service: Service, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  // For compatibility, ready is never true for a terminating pod unless publishNotReadyAddresses is set.
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Endpoint = {
    addresses: getEndpointAddresses(pod, addressType),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (shouldSetHostname(pod, service)) ep.hostname = pod.spec?.hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[labelTopologyZone];
  if (zone) ep.zone = zone;
  return orderedEndpoint(ep);
}

/** The endpoint's fields in the order Go's encoder writes them. */
function orderedEndpoint(ep: Endpoint): Endpoint {
  const out: Endpoint = { addresses: ep.addresses };
  if (ep.conditions) out.conditions = ep.conditions;
  if (ep.hostname !== undefined) out.hostname = ep.hostname;
  if (ep.targetRef) out.targetRef = ep.targetRef;
  if (ep.nodeName !== undefined) out.nodeName = ep.nodeName;
  if (ep.zone !== undefined) out.zone = ep.zone;
  if (ep.hints !== undefined) out.hints = ep.hints;
  return out;
}

// Models utils.go getEndpointAddresses
/** The pod's IPs of the address type. */
export function getEndpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const out: string[] = [];
  for (const { ip } of pod.status?.podIPs ?? []) {
    const v6 = isIPv6String(ip);
    if ((v6 && addressType === 'IPv6') || (!v6 && addressType === 'IPv4')) out.push(ip);
  }
  return out;
}

const portLess = (a: DiscoveryV1EndpointPort, b: DiscoveryV1EndpointPort) =>
  (a.name ?? '').localeCompare(b.name ?? '') || (a.port ?? 0) - (b.port ?? 0) || (a.protocol ?? '').localeCompare(b.protocol ?? '') || (a.appProtocol ?? '').localeCompare(b.appProtocol ?? '');

// Models utils.go getEndpointPorts
/** The ports this pod gives the Service: each Service port whose targetPort resolves on it. */
export function getEndpointPorts(service: Service, pod: Pod): DiscoveryV1EndpointPort[] {
  const ports = service.spec?.ports ?? [];
  // A headless Service may have no ports.
  if (ports.length === 0 && service.spec?.clusterIP === 'None') return [];
  const out: DiscoveryV1EndpointPort[] = [];
  for (const sp of ports) {
    const num = findPort(pod, sp);
    // An unresolvable named port is left out (logged at V(4) upstream).
    if (num === null) continue;
    const p: DiscoveryV1EndpointPort = { name: sp.name ?? '', protocol: sp.protocol ?? ('' as DiscoveryV1EndpointPort['protocol']), port: num };
    if (sp.appProtocol !== undefined) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/**
 * The grouping key of a set of ports (NewPortMapKey): order-independent. Like upstream, it sorts
 * `ports` in place; upstream's order is by md5 hash, this one by name, port, protocol.
 */
export function portMapKey(ports: DiscoveryV1EndpointPort[]): string {
  ports.sort(portLess);
  return JSON.stringify(ports.map((p) => [p.name ?? null, p.protocol ?? null, p.port ?? null, p.appProtocol ?? null]));
}

// Models utils.go getEndpointSlicePrefix
/** `<service>-`, or the bare name when the dash would make it no valid name. */
export function getEndpointSlicePrefix(serviceName: string): string {
  const prefix = `${serviceName}-`;
  // NameIsDNSSubdomain(prefix, true) checks it with maskTrailingDash: its last two characters become `a`.
  return isDNS1123Subdomain(`${prefix.slice(0, -2)}a`).length === 0 ? prefix : serviceName;
}

// Models utils.go newEndpointSlice
/** An empty slice for the Service, owned by it, with its labels. */
export function newEndpointSlice(service: Service, meta: EndpointMeta, controllerName: string): EndpointSlice {
  const slice: EndpointSlice = {
    metadata: {
      generateName: getEndpointSlicePrefix(service.metadata.name ?? ''),
      namespace: service.metadata.namespace,
      ownerReferences: [newControllerRef(service, 'v1', 'Service')],
      labels: {},
    },
    addressType: meta.addressType,
    endpoints: [],
    ports: meta.ports,
  };
  slice.metadata.labels = setEndpointSliceLabels(slice, service, controllerName).labels;
  return slice;
}

// Models utils.go ownedBy
/** Whether the slice's owner is this Service (this UID). */
export function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

// Models utils.go getSliceToFill
/** The slice that would be closest to full with `numEndpoints` more, if one has room. */
export function getSliceToFill(slices: readonly EndpointSlice[], numEndpoints: number, maxEndpoints: number): EndpointSlice | undefined {
  let closestDiff = maxEndpoints;
  let closest: EndpointSlice | undefined;
  for (const s of slices) {
    const diff = maxEndpoints - (numEndpoints + (s.endpoints ?? []).length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (closestDiff === 0) return closest;
    }
  }
  return closest;
}

// Models utils.go addTriggerTimeAnnotation
/** Sets the trigger-time annotation (RFC 3339 with nanoseconds), or clears it when there is none. */
export function addTriggerTimeAnnotation(slice: EndpointSlice, triggerTimeMs: number): void {
  const ann = { ...(slice.metadata.annotations ?? {}) };
  if (triggerTimeMs !== 0) ann[endpointsLastChangeTriggerTime] = rfc3339Nano(triggerTimeMs);
  else delete ann[endpointsLastChangeTriggerTime];
  // An empty map is left out on the wire (omitempty).
  if (Object.keys(ann).length > 0) slice.metadata.annotations = ann;
  else delete slice.metadata.annotations;
}

// Models utils.go ServiceControllerKey
/** `namespace/service` of a slice, from its service-name label; null without one. */
export function serviceControllerKey(slice: EndpointSlice): string | null {
  const name = slice.metadata.labels?.[labelServiceName];
  return name ? `${slice.metadata.namespace ?? ''}/${name}` : null;
}

const isReservedLabelKey = (k: string) => k === labelServiceName || k === labelManagedBy || k === isHeadlessServiceLabel;

// Models utils.go setEndpointSliceLabels
/**
 * The slice's labels: the Service's (reserved keys aside), the headless label for a Service without
 * a cluster IP, the service-name and managed-by labels; `updated` when the Service's own differ.
 */
export function setEndpointSliceLabels(slice: EndpointSlice, service: Service, controllerName: string): { labels: Record<string, string>; updated: boolean } {
  const epLabels: Record<string, string> = {};
  const svcLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice.metadata.labels ?? {})) if (!isReservedLabelKey(k)) epLabels[k] = v;
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (!isReservedLabelKey(k)) svcLabels[k] = v;
  const ka = Object.keys(epLabels);
  const updated = ka.length !== Object.keys(svcLabels).length || ka.some((k) => svcLabels[k] !== epLabels[k]);
  if (!isServiceIPSet(service)) svcLabels[isHeadlessServiceLabel] = '';
  else delete svcLabels[isHeadlessServiceLabel];
  svcLabels[labelServiceName] = service.metadata.name ?? '';
  svcLabels[labelManagedBy] = controllerName;
  return { labels: svcLabels, updated };
}

// Models utils.go getAddressTypesForService
/** The address types the Service wants slices of: its ipFamilies, else guessed from its cluster IP. */
export function getAddressTypesForService(service: Service): Set<AddressType> {
  const out = new Set<AddressType>();
  for (const f of service.spec?.ipFamilies ?? []) out.add(f === 'IPv6' ? 'IPv6' : 'IPv4');
  if (out.size > 0) return out;
  const ip = service.spec?.clusterIP ?? '';
  // An apiserver that did not set ipFamilies (an upgrade): the cluster IP's family, or both for headless.
  if (ip !== '' && ip !== 'None') return new Set([isIPv6String(ip) ? 'IPv6' : 'IPv4']);
  return new Set(['IPv4', 'IPv6']);
}

// Models utils.go hintsEnabled
/** Whether topology-aware hints are asked for by annotation (the deprecated one wins). */
export function hintsEnabled(annotations: Record<string, string> | undefined): boolean {
  const v = annotations?.['service.kubernetes.io/topology-aware-hints'] ?? annotations?.['service.kubernetes.io/topology-mode'];
  return v === 'Auto' || v === 'auto';
}

const endpointReady = (ep: Endpoint) => ep.conditions?.ready === true;

// Models trafficdist/trafficdist.go ReconcileHints (preferCloseHeuristic, defaultHeuristic)
/**
 * spec.trafficDistribution's hints: with PreferClose every ready endpoint is hinted for its own zone;
 * otherwise no endpoint has hints. Unchanged slices whose hints are wrong become updates.
 */
export function reconcileTrafficDistributionHints(trafficDistribution: string | undefined, toCreate: EndpointSlice[], toUpdate: EndpointSlice[], unchanged: readonly EndpointSlice[]): void {
  const preferClose = trafficDistribution === 'PreferClose';
  const needsUpdate = (s: EndpointSlice) =>
    preferClose
      ? s.endpoints.some((ep) => endpointReady(ep) && (ep.hints?.forZones?.length !== 1 || ep.hints.forZones[0].name !== (ep.zone ?? '')))
      : s.endpoints.some((ep) => ep.hints !== undefined);
  for (const s of unchanged) if (needsUpdate(s)) toUpdate.push(structuredClone(s));
  const update = (s: EndpointSlice) => {
    s.endpoints = s.endpoints.map((ep) => {
      if (!preferClose) {
        const { hints: _h, ...rest } = ep;
        return rest;
      }
      return endpointReady(ep) ? orderedEndpoint({ ...ep, hints: { forZones: [{ name: ep.zone ?? '' }] } }) : ep;
    });
  };
  toCreate.forEach(update);
  toUpdate.forEach(update);
}
