// Sets of EndpointSlice endpoints (k8s.io/endpointslice/util/endpointset.go): an endpoint is
// identified by its addresses, hostname and target pod only, so that a change of its conditions,
// node or zone is an in-place update rather than a remove and an add. Upstream keys by an md5 of
// spew's dump and iterates a Go map (random order); here the key is canonical JSON and the order
// is insertion order, so a run is reproducible (docs/FIDELITY.md).

import type { Endpoint, ObjectReference } from '../../api/types';

/** The identity of an endpoint (hashEndpoint). */
export function endpointHash(ep: Endpoint): string {
  return JSON.stringify([[...(ep.addresses ?? [])].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

/** Desired endpoints, by identity, in the order they were inserted. */
export class EndpointSet {
  private readonly items = new Map<string, Endpoint>();

  insert(...eps: Endpoint[]): this {
    for (const ep of eps) this.items.set(endpointHash(ep), ep);
    return this;
  }

  delete(ep: Endpoint): void {
    this.items.delete(endpointHash(ep));
  }

  has(ep: Endpoint): boolean {
    return this.items.has(endpointHash(ep));
  }

  /** The member with the same identity as `ep`. */
  get(ep: Endpoint): Endpoint | undefined {
    return this.items.get(endpointHash(ep));
  }

  /** Takes one member out (PopAny): the earliest inserted. */
  popAny(): Endpoint | undefined {
    for (const [k, ep] of this.items) {
      this.items.delete(k);
      return ep;
    }
    return undefined;
  }

  get len(): number {
    return this.items.size;
  }

  values(): Endpoint[] {
    return [...this.items.values()];
  }
}

const optChanged = <T>(a: T | undefined, b: T | undefined) => (a === undefined) !== (b === undefined) || (a !== undefined && a !== b);

/** Two target references equal but for resourceVersion (semanticIgnoreResourceVersion). */
export function objectReferencesEqualIgnoringRV(a: ObjectReference | undefined, b: ObjectReference | undefined): boolean {
  if (!a || !b) return !a && !b;
  const fields = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'fieldPath'] as const;
  return fields.every((f) => (a[f] ?? '') === (b[f] ?? ''));
}

// Models controller_utils.go EndpointsEqualBeyondHash
/** Equal in what the hash leaves out: node, zone, conditions and target (its resourceVersion aside). */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  if (optChanged(a.nodeName, b.nodeName) || optChanged(a.zone, b.zone)) return false;
  if (optChanged(a.conditions?.ready, b.conditions?.ready)) return false;
  if (optChanged(a.conditions?.serving, b.conditions?.serving)) return false;
  if (optChanged(a.conditions?.terminating, b.conditions?.terminating)) return false;
  return objectReferencesEqualIgnoringRV(a.targetRef, b.targetRef);
}
