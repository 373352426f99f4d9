// The core/v1 rows of printers.go: printService (getServiceExternalIP, makePortString),
// printEndpoints (formatEndpoints), printNode (findNodeRoles), printNamespace, printEvent,
// printSecret, printServiceAccount, printConfigMap, printPersistentVolume(Claim) and
// printResourceQuota.

import type {
  ConfigMap,
  Endpoints,
  Event,
  EventsV1Event,
  LoadBalancerStatus,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
  ServicePort,
} from '../../api/types';
import { formatLabels, joinHostPort, quantityString, translateTimestampSince } from './helpers';
import type { PrintedRow } from './row';

const age = (o: { metadata: { creationTimestamp?: string | null } }, nowMs: number) => translateTimestampSince(o.metadata.creationTimestamp, nowMs);

const loadBalancerWidth = 16;

/** loadBalancerStatusStringer: the ingress IPs (or hostnames), sorted, deduplicated; clipped unless wide. */
export function loadBalancerStatusStringer(s: LoadBalancerStatus | undefined, wide: boolean): string {
  const result = new Set<string>();
  for (const ing of s?.ingress ?? []) {
    if (ing.ip) result.add(ing.ip);
    else if (ing.hostname) result.add(ing.hostname);
  }
  let r = [...result].sort().join(',');
  if (!wide && r.length > loadBalancerWidth) r = `${r.slice(0, loadBalancerWidth - 3)}...`;
  return r;
}

function getServiceExternalIP(svc: Service, wide: boolean): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusStringer(svc.status?.loadBalancer, wide);
      if (externalIPs.length > 0) {
        const results: string[] = [];
        if (lbIps.length > 0) results.push(...lbIps.split(','));
        results.push(...externalIPs);
        return results.join(',');
      }
      return lbIps.length > 0 ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
  }
  return '<unknown>';
}

export function makePortString(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

export function printService(obj: Service, nowMs: number): PrintedRow {
  const clusterIPs = obj.spec?.clusterIPs ?? [];
  const internalIP = clusterIPs.length > 0 ? clusterIPs[0] : '<none>';
  // The server prints with GenerateOptions{Wide: true}: the load balancer list is never clipped.
  const externalIP = getServiceExternalIP(obj, true);
  const svcPorts = makePortString(obj.spec?.ports) || '<none>';
  return {
    cells: [obj.metadata.name ?? '', obj.spec?.type ?? '', internalIP, externalIP, svcPorts, age(obj, nowMs), formatLabels(obj.spec?.selector)],
  };
}

/** formatEndpoints(endpoints, nil): up to three `ip:port`s, then ` + N more...`. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // It's possible to have headless services with no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function printEndpoints(obj: Endpoints, nowMs: number): PrintedRow {
  return { cells: [obj.metadata.name ?? '', formatEndpoints(obj), age(obj, nowMs)] };
}

const labelNodeRolePrefix = 'node-role.kubernetes.io/';
const nodeLabelRole = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values, sorted. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(labelNodeRolePrefix)) {
      const role = k.slice(labelNodeRolePrefix.length);
      if (role.length > 0) roles.add(role);
    } else if (k === nodeLabelRole && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

export function printNode(obj: Node, nowMs: number): PrintedRow {
  const status: string[] = [];
  // Only the Ready condition is reported; the last one of that type wins, as the map upstream builds.
  const ready = (obj.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (obj.spec?.unschedulable) status.push('SchedulingDisabled');
  const roles = findNodeRoles(obj).join(',') || '<none>';
  const info = obj.status?.nodeInfo;
  return {
    cells: [
      obj.metadata.name ?? '',
      status.join(','),
      roles,
      age(obj, nowMs),
      info?.kubeletVersion ?? '',
      nodeAddress(obj, 'InternalIP'),
      nodeAddress(obj, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ],
  };
}

export function printNamespace(obj: Namespace, nowMs: number): PrintedRow {
  return { cells: [obj.metadata.name ?? '', obj.status?.phase ?? '', age(obj, nowMs)] };
}

function firstNonEmpty(...ss: (string | undefined)[]): string {
  return ss.find((s) => s !== undefined && s.length > 0) ?? '';
}

/** formatEventSource: `component, host`, falling back to the reporting controller and instance. */
function formatEventSource(component: string, host: string): string {
  return host.length === 0 ? component : `${component}, ${host}`;
}

/** The core/v1 shape of an events.k8s.io/v1 Event: both are one stored object (pkg/apis/core Event). */
export function coreEventOf(e: EventsV1Event): Event {
  return {
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason,
    message: e.note,
    source: e.deprecatedSource,
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount,
    type: e.type,
    eventTime: e.eventTime,
    series: e.series ? { count: e.series.count, lastObservedTime: e.series.lastObservedTime } : undefined,
    action: e.action,
    related: e.related,
    reportingComponent: e.reportingController,
    reportingInstance: e.reportingInstance,
  };
}

export function printEvent(obj: Event, nowMs: number): PrintedRow {
  let firstTimestamp = translateTimestampSince(obj.firstTimestamp, nowMs);
  if (!obj.firstTimestamp) firstTimestamp = translateTimestampSince(obj.eventTime, nowMs);
  let lastTimestamp = translateTimestampSince(obj.lastTimestamp, nowMs);
  if (!obj.lastTimestamp) lastTimestamp = firstTimestamp;
  let count = obj.count ?? 0;
  if (obj.series) {
    lastTimestamp = translateTimestampSince(obj.series.lastObservedTime, nowMs);
    count = obj.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }
  const involved = obj.involvedObject ?? {};
  const kind = (involved.kind ?? '').toLowerCase();
  const target = involved.name ? `${kind}/${involved.name}` : kind;
  const source = formatEventSource(firstNonEmpty(obj.source?.component, obj.reportingComponent), firstNonEmpty(obj.source?.host, obj.reportingInstance));
  return {
    cells: [
      lastTimestamp,
      obj.type ?? '',
      obj.reason ?? '',
      target,
      involved.fieldPath ?? '',
      source,
      (obj.message ?? '').trim(),
      firstTimestamp,
      count,
      obj.metadata.name ?? '',
    ],
  };
}

export function printSecret(obj: Secret, nowMs: number): PrintedRow {
  return { cells: [obj.metadata.name ?? '', obj.type ?? '', Object.keys(obj.data ?? {}).length, age(obj, nowMs)] };
}

export function printServiceAccount(obj: ServiceAccount, nowMs: number): PrintedRow {
  return { cells: [obj.metadata.name ?? '', (obj.secrets ?? []).length, age(obj, nowMs)] };
}

export function printConfigMap(obj: ConfigMap, nowMs: number): PrintedRow {
  return { cells: [obj.metadata.name ?? '', Object.keys(obj.data ?? {}).length + Object.keys(obj.binaryData ?? {}).length, age(obj, nowMs)] };
}

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP, in that order, each once. */
export function getAccessModesAsString(modes: readonly string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

export function printPersistentVolume(obj: PersistentVolume, nowMs: number): PrintedRow {
  const claimRef = obj.spec?.claimRef ? `${obj.spec.claimRef.namespace ?? ''}/${obj.spec.claimRef.name ?? ''}` : '';
  const phase = obj.metadata.deletionTimestamp ? 'Terminating' : (obj.status?.phase ?? '');
  // helper.GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName.
  const annotations = obj.metadata.annotations ?? {};
  const storageClass = betaStorageClassAnnotation in annotations ? annotations[betaStorageClassAnnotation] : (obj.spec?.storageClassName ?? '');
  return {
    cells: [
      obj.metadata.name ?? '',
      quantityString(obj.spec?.capacity?.storage),
      getAccessModesAsString(obj.spec?.accessModes),
      obj.spec?.persistentVolumeReclaimPolicy ?? '',
      phase,
      claimRef,
      storageClass,
      obj.spec?.volumeAttributesClassName ?? '<unset>',
      obj.status?.reason ?? '',
      age(obj, nowMs),
      obj.spec?.volumeMode ?? '<unset>',
    ],
  };
}

export function printPersistentVolumeClaim(obj: PersistentVolumeClaim, nowMs: number): PrintedRow {
  const phase = obj.metadata.deletionTimestamp ? 'Terminating' : (obj.status?.phase ?? '');
  let capacity = '';
  let accessModes = '';
  if (obj.spec?.volumeName) {
    accessModes = getAccessModesAsString(obj.status?.accessModes);
    capacity = quantityString(obj.status?.capacity?.storage);
  }
  // helper.GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName.
  const annotations = obj.metadata.annotations ?? {};
  const storageClass = betaStorageClassAnnotation in annotations ? annotations[betaStorageClassAnnotation] : (obj.spec?.storageClassName ?? '');
  return {
    cells: [
      obj.metadata.name ?? '',
      phase,
      obj.spec?.volumeName ?? '',
      capacity,
      accessModes,
      storageClass,
      obj.spec?.volumeAttributesClassName ?? '<unset>',
      age(obj, nowMs),
      obj.spec?.volumeMode ?? '<unset>',
    ],
  };
}

export function printResourceQuota(obj: ResourceQuota, nowMs: number): PrintedRow {
  const hard = obj.status?.hard ?? {};
  const used = obj.status?.used ?? {};
  const resources = Object.keys(hard).sort();
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of resources) {
    const pieces = r.split('.');
    const w = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    w.push(`${r}: ${quantityString(used[r])}/${quantityString(hard[r])}`);
  }
  return { cells: [obj.metadata.name ?? '', request.join(', '), limit.join(', '), age(obj, nowMs)] };
}
