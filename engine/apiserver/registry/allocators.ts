// Cluster IPs and node ports for Services (pkg/registry/core/service/ipallocator and portallocator):
// one allocation record per range in etcd (`/registry/ranges/serviceips`, `…/servicenodeports`),
// changed by compare-and-swap so that two apiservers never hand out the same address. A dynamic
// allocation is random and prefers the upper part of the range; the lower part (range/16, between
// 16 and 256 addresses) is left for addresses asked for by name, as upstream's allocator does.

import type { ResourceInfo } from '../../api/resources';
import type { KubeObject, Service } from '../../api/types';
import type { Co } from '../../sim/co';
import type { Rng } from '../../sim/rng';
import { StatusError } from '../errors';
import { decodeObject } from '../storage/cacher';
import type { Etcd3Store } from '../storage/etcd3';
import type { RegistryHooks } from './rest';

/** The Service CIDR (kubeadm's default, --service-cluster-ip-range). */
export const serviceCIDR = '10.96.0.0/12';
/** --service-node-port-range. */
export const nodePortRange = { base: 30000, size: 2768 };

interface Range {
  key: string;
  /** Usable offsets are 0 … size-1 (for IPs: offset 0 is the network address + 1). */
  size: number;
  /** The lower band kept for static allocation. */
  staticBand: number;
  name: string;
}

const ipBase = ipToNumber('10.96.0.0');
const ipRange: Range = { key: '/registry/ranges/serviceips', size: 2 ** 20 - 2, staticBand: 256, name: serviceCIDR };
const portRange: Range = { key: '/registry/ranges/servicenodeports', size: nodePortRange.size, staticBand: Math.min(Math.max(16, Math.floor(nodePortRange.size / 16)), 256), name: `${nodePortRange.base}-${nodePortRange.base + nodePortRange.size - 1}` };

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}
export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** The stored record: a RangeAllocation with the allocated offsets (docs/FIDELITY.md: upstream stores a bitmap). */
interface RangeAllocation extends KubeObject {
  range: string;
  allocated: number[];
}

function invalid(name: string, field: string, value: string, detail: string): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Service "${name}" is invalid: ${field}: Invalid value: ${value}: ${detail}`,
    reason: 'Invalid',
    details: { name, kind: 'Service', causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${detail}`, field }] },
    code: 422,
  });
}

/** Changes a range's allocation record by compare-and-swap; `change` answers the offsets to add and remove. */
function* modify(store: Etcd3Store, r: Range, deadline: number, change: (used: Set<number>) => { add: number[]; remove: number[] }): Co<number[]> {
  for (;;) {
    const { kv } = yield* store.get(r.key, deadline);
    const rec = kv ? (decodeObject(kv) as RangeAllocation | null) : null;
    const used = new Set(rec?.allocated ?? []);
    const { add, remove } = change(used);
    if (add.length === 0 && remove.length === 0) return [];
    for (const a of add) used.add(a);
    for (const x of remove) used.delete(x);
    const next: RangeAllocation = { kind: 'RangeAllocation', apiVersion: 'v1', metadata: { creationTimestamp: null }, range: r.name, allocated: [...used].sort((a, b) => a - b) };
    const value = JSON.stringify(next);
    const res = kv ? yield* store.update(r.key, value, kv.mod_revision, deadline) : yield* store.create(r.key, value, deadline);
    if (res.ok) return add;
  }
}

/** A free offset: random in the upper band first, then in the static band (ipallocator's AllocateNext). */
function pickFree(r: Range, used: Set<number>, rng: Rng): number | null {
  for (const [lo, hi] of [
    [r.staticBand, r.size],
    [0, r.staticBand],
  ]) {
    if (hi <= lo) continue;
    const start = rng.int(lo, hi);
    for (let i = 0; i < hi - lo; i++) {
      const o = lo + ((start - lo + i) % (hi - lo));
      if (!used.has(o)) return o;
    }
  }
  return null;
}

/** The Service registry's allocation around the generic store (pkg/registry/core/service/storage). */
export function serviceHooks(store: () => Etcd3Store, rng: Rng): RegistryHooks {
  const isService = (info: ResourceInfo) => info.group === '' && info.resource === 'services';
  const needsNodePorts = (s: Service) => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';

  /** Allocates the ports' node ports; those in `kept` are already the Service's. */
  function* allocatePorts(svc: Service, deadline: number, kept: Set<number> = new Set()): Co<void> {
    if (!needsNodePorts(svc)) return;
    const ports = svc.spec!.ports ?? [];
    const name = svc.metadata.name ?? '';
    yield* modify(store(), portRange, deadline, (used) => {
      const add: number[] = [];
      for (let i = 0; i < ports.length; i++) {
        const p = ports[i];
        if (p.nodePort && !kept.has(p.nodePort)) {
          const o = p.nodePort - nodePortRange.base;
          if (o < 0 || o >= nodePortRange.size) throw invalid(name, `spec.ports[${i}].nodePort`, String(p.nodePort), `provided port is not in the valid range. The range of valid ports is ${portRange.name}`);
          if (used.has(o) || add.includes(o)) throw invalid(name, `spec.ports[${i}].nodePort`, String(p.nodePort), 'provided port is already allocated');
          add.push(o);
        }
      }
      for (const p of ports) {
        if (p.nodePort) continue;
        const o = pickFree(portRange, new Set([...used, ...add]), rng);
        if (o === null) throw invalid(name, 'spec.ports[0].nodePort', '0', `range is full`);
        add.push(o);
        p.nodePort = nodePortRange.base + o;
      }
      return { add, remove: [] };
    });
  }

  return {
    *beforeCreate(info, obj, deadline) {
      if (!isService(info)) return;
      const svc = obj as Service;
      const spec = svc.spec!;
      const name = svc.metadata.name ?? '';
      if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
        const asked = spec.clusterIP || spec.clusterIPs?.[0];
        const [ip] = yield* modify(store(), ipRange, deadline, (used) => {
          if (asked) {
            const o = ipToNumber(asked) - ipBase - 1;
            if (o < 0 || o >= ipRange.size) throw invalid(name, 'spec.clusterIPs', `[]string{"${asked}"}`, `failed to allocate IP ${asked}: provided IP (${asked}) is not in the valid range. The range of valid IPs is ${serviceCIDR}`);
            if (used.has(o)) throw invalid(name, 'spec.clusterIPs', `[]string{"${asked}"}`, `failed to allocate IP ${asked}: provided IP is already allocated`);
            return { add: [o], remove: [] };
          }
          const o = pickFree(ipRange, used, rng);
          if (o === null) throw invalid(name, 'spec.clusterIPs', '[]string{}', 'failed to allocate a serviceIP: range is full');
          return { add: [o], remove: [] };
        });
        spec.clusterIP = numberToIp(ipBase + 1 + ip);
        spec.clusterIPs = [spec.clusterIP];
      } else if (spec.clusterIP === 'None') spec.clusterIPs = ['None'];
      if (spec.type !== 'ExternalName') {
        spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
        spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
      }
      yield* allocatePorts(svc, deadline);
    },
    *beforeUpdate(info, obj, old, deadline) {
      if (!isService(info)) return;
      const kept = new Set(((old as Service).spec?.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
      yield* allocatePorts(obj as Service, deadline, kept);
    },
    *afterDelete(info, obj, deadline) {
      if (!isService(info)) return;
      const spec = (obj as Service).spec ?? {};
      if (spec.clusterIP && spec.clusterIP !== 'None') {
        const o = ipToNumber(spec.clusterIP) - ipBase - 1;
        yield* modify(store(), ipRange, deadline, () => ({ add: [], remove: [o] }));
      }
      const ports = (spec.ports ?? []).filter((p) => p.nodePort).map((p) => p.nodePort! - nodePortRange.base);
      if (ports.length) yield* modify(store(), portRange, deadline, () => ({ add: [], remove: ports }));
    },
  };
}
