// The EndpointSlice tracker (k8s.io/endpointslice/util/endpointslice_tracker.go): the generation of
// every slice the controller last wrote, per Service, and the slices it deleted. With it the
// controller ignores the informer echoing its own writes, resyncs when someone else changed or
// deleted a slice, and refuses to act on a cache that has not caught up with its last write.

import type { EndpointSlice, Service } from '../../api/types';

/** The generation a slice is marked with once its deletion was asked for. */
const deletionExpected = -1;

/** The slice's Service, from its `kubernetes.io/service-name` label (getServiceNN). */
const serviceKeyOf = (slice: EndpointSlice) => `${slice.metadata.namespace ?? ''}/${slice.metadata.labels?.['kubernetes.io/service-name'] ?? ''}`;

/** Expected generations of EndpointSlices, by Service and slice UID. */
export class EndpointSliceTracker {
  private readonly generationsByService = new Map<string, Map<string, number>>();

  /** Whether the slice is tracked at all. */
  has(slice: EndpointSlice): boolean {
    return this.generationsByService.get(serviceKeyOf(slice))?.has(slice.metadata.uid ?? '') ?? false;
  }

  /** Whether a seen slice is news: untracked, or newer than the generation last written. */
  shouldSync(slice: EndpointSlice): boolean {
    const gfs = this.generationsByService.get(serviceKeyOf(slice));
    if (!gfs) return true;
    const g = gfs.get(slice.metadata.uid ?? '');
    return g === undefined || (slice.metadata.generation ?? 0) > g;
  }

  /**
   * Whether the cached slices of a Service are older than what the controller knows: one it deleted
   * is still there, one is at an older generation than it wrote, or one it wrote is missing.
   */
  staleSlices(service: Service, slices: readonly EndpointSlice[]): boolean {
    const gfs = this.generationsByService.get(`${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`);
    if (!gfs) return false;
    const provided = new Set<string>();
    for (const s of slices) {
      provided.add(s.metadata.uid ?? '');
      const g = gfs.get(s.metadata.uid ?? '');
      if (g !== undefined && (g === deletionExpected || g > (s.metadata.generation ?? 0))) return true;
    }
    for (const [uid, g] of gfs) if (g !== deletionExpected && !provided.has(uid)) return true;
    return false;
  }

  /** Records the generation the controller just wrote. */
  update(slice: EndpointSlice): void {
    this.generationsFor(slice).set(slice.metadata.uid ?? '', slice.metadata.generation ?? 0);
  }

  /** Forgets a deleted Service. */
  deleteService(namespace: string, name: string): void {
    this.generationsByService.delete(`${namespace}/${name}`);
  }

  /** Marks a slice as deleted by the controller. */
  expectDeletion(slice: EndpointSlice): void {
    this.generationsFor(slice).set(slice.metadata.uid ?? '', deletionExpected);
  }

  /** Forgets a slice the informer saw deleted; false if that deletion was not the controller's own. */
  handleDeletion(slice: EndpointSlice): boolean {
    const gfs = this.generationsByService.get(serviceKeyOf(slice));
    if (gfs) {
      const g = gfs.get(slice.metadata.uid ?? '');
      gfs.delete(slice.metadata.uid ?? '');
      if (g !== undefined && g !== deletionExpected) return false;
    }
    return true;
  }

  private generationsFor(slice: EndpointSlice): Map<string, number> {
    const key = serviceKeyOf(slice);
    let gfs = this.generationsByService.get(key);
    if (!gfs) this.generationsByService.set(key, (gfs = new Map()));
    return gfs;
  }
}
