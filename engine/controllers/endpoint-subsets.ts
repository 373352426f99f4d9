// The canonical form of an Endpoints object's subsets (pkg/api/v1/endpoints/util.go RepackSubsets,
// SortSubsets) and the controller's 1000-address cap (endpoints_controller.go truncateEndpoints):
// addresses are grouped into one subset per set of ports they share, an address not ready on a
// port stays not ready there, and everything is sorted, so that two computations of the same state
// compare equal. Upstream orders ports and subsets by an md5 of spew's dump; here by their
// fields (docs/FIDELITY.md). Addresses sort as upstream: by IP bytes, then target UID.

import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints } from '../api/types';
import { canonicalJSON } from './util';

/** Addresses an Endpoints object holds at most (maxCapacity). */
export const maxCapacity = 1000;
/** The over-capacity annotation and its value once truncated. */
export const endpointsOverCapacity = 'endpoints.kubernetes.io/over-capacity';
export const truncated = 'truncated';

const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Models util.go LessEndpointAddress
/** By IP (bytes), then by target UID, an address without a target first. */
export function lessEndpointAddress(a: EndpointAddress, b: EndpointAddress): boolean {
  const c = byteCompare(a.ip, b.ip);
  if (c !== 0) return c < 0;
  if (!b.targetRef) return false;
  if (!a.targetRef) return true;
  return (a.targetRef.uid ?? '') < (b.targetRef.uid ?? '');
}

const addressCompare = (a: EndpointAddress, b: EndpointAddress) => (lessEndpointAddress(a, b) ? -1 : lessEndpointAddress(b, a) ? 1 : 0);
const portCompare = (a: EndpointPort, b: EndpointPort) => byteCompare(a.name ?? '', b.name ?? '') || a.port - b.port || byteCompare(a.protocol ?? '', b.protocol ?? '') || byteCompare(a.appProtocol ?? '', b.appProtocol ?? '');

/** A subset in wire form: the lists that are empty left out (omitempty). */
function subset(addresses: EndpointAddress[], notReady: EndpointAddress[], ports: EndpointPort[]): EndpointSubset {
  const s: EndpointSubset = {};
  if (addresses.length) s.addresses = addresses;
  if (notReady.length) s.notReadyAddresses = notReady;
  if (ports.length) s.ports = ports;
  return s;
}

// Models util.go SortSubsets
/** Sorts each subset's addresses and ports, then the subsets; answers the same array. */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  for (const s of subsets) {
    s.addresses?.sort(addressCompare);
    s.notReadyAddresses?.sort(addressCompare);
    s.ports?.sort(portCompare);
  }
  return subsets.sort((a, b) => byteCompare(canonicalJSON(a), canonicalJSON(b)));
}

// Models util.go RepackSubsets (mapAddressesByPort, mapAddressByPort, hashAddresses)
/**
 * The subsets in canonical layout: every (address, port) pair expanded, then addresses that serve
 * the same ports with the same readiness regrouped into one subset. An address is identified by
 * IP and target UID; not ready on a port wins over ready. A subset without ports keeps its
 * addresses with no ports (a headless Service without ports).
 */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  // Port (by value) → address key → { the canonical address, ready }.
  const portToAddrReady = new Map<string, { port: EndpointPort; addrs: Map<string, { addr: EndpointAddress; ready: boolean }> }>();
  const mapAddress = (addr: EndpointAddress, port: EndpointPort, ready: boolean) => {
    const key = JSON.stringify([addr.ip, addr.targetRef?.uid ?? '']);
    let existing = allAddrs.get(key);
    if (!existing) allAddrs.set(key, (existing = structuredClone(addr)));
    const pk = JSON.stringify([port.name ?? '', port.port, port.protocol ?? '', port.appProtocol ?? null]);
    let entry = portToAddrReady.get(pk);
    if (!entry) portToAddrReady.set(pk, (entry = { port, addrs: new Map() }));
    const was = entry.addrs.get(key);
    if (!was || was.ready) entry.addrs.set(key, { addr: existing, ready });
  };
  const mapAddresses = (s: EndpointSubset, port: EndpointPort) => {
    for (const a of s.addresses ?? []) mapAddress(a, port, true);
    for (const a of s.notReadyAddresses ?? []) mapAddress(a, port, false);
  };
  for (const s of subsets) {
    if ((s.ports ?? []).length === 0) mapAddresses(s, { port: -1 });
    else for (const p of s.ports!) mapAddresses(s, p);
  }
  // Ports regrouped by the set of (address, readiness) they map to.
  const groups = new Map<string, { addrs: { addr: EndpointAddress; ready: boolean }[]; ports: EndpointPort[] }>();
  for (const { port, addrs } of portToAddrReady.values()) {
    const list = [...addrs.values()].sort((a, b) => addressCompare(a.addr, b.addr));
    const key = JSON.stringify(list.map((x) => [x.addr.ip, x.addr.targetRef?.uid ?? '', x.ready]));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addrs: list, ports: [] }));
    if (port.port > 0) g.ports.push(port);
  }
  const final: EndpointSubset[] = [];
  for (const g of groups.values()) {
    final.push(
      subset(
        g.addrs.filter((x) => x.ready).map((x) => x.addr),
        g.addrs.filter((x) => !x.ready).map((x) => x.addr),
        g.ports,
      ),
    );
  }
  return sortSubsets(final);
}

/** Subsets as compared: a target's resourceVersion does not count, an empty list equals a missing one. */
const comparable = (subsets: readonly EndpointSubset[] | undefined) =>
  canonicalJSON(
    (subsets ?? []).map((s) => {
      const addr = (a: EndpointAddress) => ({ ...a, targetRef: a.targetRef ? { ...a.targetRef, resourceVersion: undefined } : undefined });
      return [(s.addresses ?? []).map(addr), (s.notReadyAddresses ?? []).map(addr), s.ports ?? []];
    }),
  );

// Models endpoints_controller.go endpointSubsetsEqualIgnoreResourceVersion
/** Equal subsets, the pods' resourceVersions aside (semanticIgnoreResourceVersion). */
export function endpointSubsetsEqualIgnoreResourceVersion(a: readonly EndpointSubset[] | undefined, b: readonly EndpointSubset[] | undefined): boolean {
  return comparable(a) === comparable(b);
}

// Models endpoints_controller.go capacityAnnotationSetCorrectly
/** False when the subsets are over capacity (they must be truncated), else whether the annotation is absent. */
export function capacityAnnotationSetCorrectly(annotations: Record<string, string> | undefined, subsets: readonly EndpointSubset[] | undefined): boolean {
  let n = 0;
  for (const s of subsets ?? []) n += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  if (n > maxCapacity) return false;
  return !(annotations && endpointsOverCapacity in annotations);
}

// Models endpoints_controller.go truncateEndpoints
/**
 * Cuts the addresses down to maxCapacity, ready ones first: each subset keeps its share of what is
 * cut (rounded up, so the last may get less). Answers whether anything was cut.
 */
export function truncateEndpoints(endpoints: Endpoints): boolean {
  const subsets = endpoints.subsets ?? [];
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= maxCapacity) return false;
  const truncateReady = totalReady > maxCapacity;
  const max = truncateReady ? maxCapacity : maxCapacity - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  endpoints.subsets = subsets.map((s) => {
    const out = { ...s };
    const inSubset = (truncateReady ? s.addresses : s.notReadyAddresses)?.length ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      // Ready addresses to their share; every not-ready one goes.
      out.addresses = (s.addresses ?? []).slice(0, toBeAdded);
      delete out.notReadyAddresses;
      canBeAdded -= out.addresses.length;
    } else {
      out.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= out.notReadyAddresses.length;
    }
    if (out.addresses?.length === 0) delete out.addresses;
    if (out.notReadyAddresses?.length === 0) delete out.notReadyAddresses;
    return out;
  });
  return true;
}
