// The networking, discovery, coordination, storage, scheduling and RBAC rows of printers.go:
// printIngress (formatHosts, formatPorts), printIngressClass, printNetworkPolicy,
// printEndpointSlice (formatDiscoveryPorts/Endpoints), printLease, printStorageClass,
// printPriorityClass and print(Cluster)RoleBinding (rbac.SubjectsStrings).

import type {
  ClusterRoleBinding,
  EndpointSlice,
  Ingress,
  IngressClass,
  Lease,
  NetworkPolicy,
  PriorityClass,
  RoleBinding,
  StorageClass,
  Subject,
} from '../../api/types';
import { formatLabelSelector, listWithMoreString, translateTimestampSince } from './helpers';
import type { PrintedRow } from './row';

const age = (o: { metadata: { creationTimestamp?: string | null } }, nowMs: number) => translateTimestampSince(o.metadata.creationTimestamp, nowMs);

/** formatHosts: up to three rule hosts, `*` when none. */
function formatHosts(rules: readonly { host?: string }[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  const all = rules ?? [];
  for (const rule of all) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${all.length - max} more...` : ret;
}

export function printIngress(obj: Ingress, nowMs: number): PrintedRow {
  const className = obj.spec?.ingressClassName ?? '<none>';
  const result = new Set<string>();
  for (const ing of obj.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) result.add(ing.ip);
    else if (ing.hostname) result.add(ing.hostname);
  }
  // ingressLoadBalancerStatusStringer with wide (the server prints wide): never clipped.
  const address = [...result].sort().join(',');
  const ports = (obj.spec?.tls ?? []).length !== 0 ? '80, 443' : '80';
  return { cells: [obj.metadata.name ?? '', className, formatHosts(obj.spec?.rules), address, ports, age(obj, nowMs)] };
}

export function printIngressClass(obj: IngressClass, nowMs: number): PrintedRow {
  let parameters = '<none>';
  const p = obj.spec?.parameters;
  if (p) {
    parameters = p.kind;
    if (p.apiGroup !== undefined && p.apiGroup !== null) parameters = `${parameters}.${p.apiGroup}`;
    parameters = `${parameters}/${p.name}`;
  }
  return { cells: [obj.metadata.name ?? '', obj.spec?.controller ?? '', parameters, age(obj, nowMs)] };
}

export function printNetworkPolicy(obj: NetworkPolicy, nowMs: number): PrintedRow {
  // FormatLabelSelector(&spec.podSelector): never nil, so an empty one is `<none>`.
  return { cells: [obj.metadata.name ?? '', formatLabelSelector(obj.spec?.podSelector ?? {}), age(obj, nowMs)] };
}

export function printEndpointSlice(obj: EndpointSlice, nowMs: number): PrintedRow {
  const max = 3;
  const ports: string[] = [];
  let morePorts = false;
  let portCount = 0;
  for (const port of obj.ports ?? []) {
    if (ports.length < max) {
      let portNum = '*';
      if (port.port !== undefined && port.port !== null) portNum = String(port.port);
      else if (port.name !== undefined && port.name !== null) portNum = port.name;
      ports.push(portNum);
    } else if (ports.length === max) {
      morePorts = true;
    }
    portCount++;
  }
  const addresses: string[] = [];
  let moreAddresses = false;
  let addressCount = 0;
  for (const endpoint of obj.endpoints ?? []) {
    for (const address of endpoint.addresses ?? []) {
      if (addresses.length < max) addresses.push(address);
      else if (addresses.length === max) moreAddresses = true;
      addressCount++;
    }
  }
  return {
    cells: [
      obj.metadata.name ?? '',
      obj.addressType ?? '',
      listWithMoreString(ports, morePorts, portCount, max),
      listWithMoreString(addresses, moreAddresses, addressCount, max),
      age(obj, nowMs),
    ],
  };
}

export function printLease(obj: Lease, nowMs: number): PrintedRow {
  return { cells: [obj.metadata.name ?? '', obj.spec?.holderIdentity ?? '', age(obj, nowMs)] };
}

const isDefaultStorageClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
const betaIsDefaultStorageClassAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';

export function printStorageClass(obj: StorageClass, nowMs: number): PrintedRow {
  const annotations = obj.metadata.annotations ?? {};
  let name = obj.metadata.name ?? '';
  // storageutil.IsDefaultAnnotation
  if (annotations[isDefaultStorageClassAnnotation] === 'true' || annotations[betaIsDefaultStorageClassAnnotation] === 'true') name += ' (default)';
  return {
    cells: [
      name,
      obj.provisioner ?? '',
      obj.reclaimPolicy ?? 'Delete',
      obj.volumeBindingMode ?? 'Immediate',
      obj.allowVolumeExpansion ?? false,
      age(obj, nowMs),
    ],
  };
}

export function printPriorityClass(obj: PriorityClass, nowMs: number): PrintedRow {
  return { cells: [obj.metadata.name ?? '', obj.value ?? 0, obj.globalDefault ?? false, age(obj, nowMs), obj.preemptionPolicy ?? ''] };
}

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
function subjectsStrings(subjects: readonly Subject[] | undefined): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users, groups, sas];
}

export function printRoleBinding(obj: RoleBinding | ClusterRoleBinding, nowMs: number): PrintedRow {
  const [users, groups, sas] = subjectsStrings(obj.subjects);
  return {
    cells: [obj.metadata.name ?? '', `${obj.roleRef?.kind ?? ''}/${obj.roleRef?.name ?? ''}`, age(obj, nowMs), users.join(', '), groups.join(', '), sas.join(', ')],
  };
}
