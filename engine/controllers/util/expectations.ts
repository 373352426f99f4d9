// Expectations (pkg/controller/controller_utils.go): what a controller has asked the apiserver to
// create or delete and not yet seen come back through its informer. A controller whose
// expectations are unmet skips managing replicas, so it never acts twice on one change; counts
// only go down as the informer reports creations and deletions, and an expectation older than
// ExpectationsTimeout (5 minutes) counts as met, so a dropped watch event cannot stall it for ever.

/** How long an expectation stands before it is treated as met (ExpectationsTimeout). */
export const expectationsTimeoutMs = 5 * 60 * 1000;

/** One controller's outstanding creates and deletes (ControlleeExpectations). */
export interface ControlleeExpectations {
  add: number;
  del: number;
  key: string;
  /** Simulated ms when the expectations were set. */
  timestamp: number;
}

/** Whether every expected create and delete has been observed (ControlleeExpectations.Fulfilled). */
export function fulfilled(e: ControlleeExpectations): boolean {
  return e.add <= 0 && e.del <= 0;
}

// Models pkg/controller/controller_utils.go ControllerExpectations
/** A store of expectations by controller key (`namespace/name`), timed by the process clock. */
export class ControllerExpectations {
  private readonly store = new Map<string, ControlleeExpectations>();

  constructor(
    /** Simulated ms now (ctx.now). */
    private readonly now: () => number,
  ) {}

  /** The expectations of a controller, if it has set any. */
  getExpectations(controllerKey: string): ControlleeExpectations | undefined {
    return this.store.get(controllerKey);
  }

  /** Forgets a controller's expectations (its object was deleted). */
  deleteExpectations(controllerKey: string): void {
    this.store.delete(controllerKey);
  }

  /** Whether the controller may act: no expectations, all observed, or expired. */
  satisfiedExpectations(controllerKey: string): boolean {
    const exp = this.store.get(controllerKey);
    if (!exp) return true;
    return fulfilled(exp) || this.isExpired(exp);
  }

  /** Replaces the controller's expectations with `add` creates and `del` deletes. */
  setExpectations(controllerKey: string, add: number, del: number): void {
    this.store.set(controllerKey, { add, del, key: controllerKey, timestamp: this.now() });
  }

  /** Expects `adds` creations (and no deletions). */
  expectCreations(controllerKey: string, adds: number): void {
    this.setExpectations(controllerKey, adds, 0);
  }

  /** Expects `dels` deletions (and no creations). */
  expectDeletions(controllerKey: string, dels: number): void {
    this.setExpectations(controllerKey, 0, dels);
  }

  /** Lowers the counts (when a create or delete is seen, or will never happen). */
  lowerExpectations(controllerKey: string, add: number, del: number): void {
    const exp = this.store.get(controllerKey);
    if (!exp) return;
    exp.add -= add;
    exp.del -= del;
  }

  /** Raises the counts of expectations already set. */
  raiseExpectations(controllerKey: string, add: number, del: number): void {
    const exp = this.store.get(controllerKey);
    if (!exp) return;
    exp.add += add;
    exp.del += del;
  }

  /** One expected creation was observed. */
  creationObserved(controllerKey: string): void {
    this.lowerExpectations(controllerKey, 1, 0);
  }

  /** One expected deletion was observed. */
  deletionObserved(controllerKey: string): void {
    this.lowerExpectations(controllerKey, 0, 1);
  }

  private isExpired(exp: ControlleeExpectations): boolean {
    return this.now() - exp.timestamp > expectationsTimeoutMs;
  }
}

// Models pkg/controller/controller_utils.go UIDTrackingControllerExpectations
/**
 * Expectations that also remember which pods (by `namespace/name` key) a controller deleted, so a
 * graceful deletion is counted once whether the informer reports it as the deletionTimestamp
 * update or as the delete itself.
 */
export class UIDTrackingControllerExpectations {
  private readonly uids = new Map<string, Set<string>>();

  constructor(readonly expectations: ControllerExpectations) {}

  /** The pod keys still expected to be deleted for the controller. */
  getUIDs(controllerKey: string): Set<string> | undefined {
    return this.uids.get(controllerKey);
  }

  /** Expects the deletion of exactly these pod keys (replacing any earlier set). */
  expectDeletions(controllerKey: string, deletedKeys: string[]): void {
    const set = new Set(deletedKeys);
    this.uids.set(controllerKey, set);
    this.expectations.expectDeletions(controllerKey, set.size);
  }

  /** Counts a pod's deletion once, and only if it was one the controller expected. */
  deletionObserved(controllerKey: string, deleteKey: string): void {
    const set = this.uids.get(controllerKey);
    if (!set || !set.has(deleteKey)) return;
    this.expectations.deletionObserved(controllerKey);
    set.delete(deleteKey);
  }

  /** Forgets both the counts and the pod keys. */
  deleteExpectations(controllerKey: string): void {
    this.expectations.deleteExpectations(controllerKey);
    this.uids.delete(controllerKey);
  }

  getExpectations(controllerKey: string): ControlleeExpectations | undefined {
    return this.expectations.getExpectations(controllerKey);
  }

  satisfiedExpectations(controllerKey: string): boolean {
    return this.expectations.satisfiedExpectations(controllerKey);
  }

  setExpectations(controllerKey: string, add: number, del: number): void {
    this.expectations.setExpectations(controllerKey, add, del);
  }

  expectCreations(controllerKey: string, adds: number): void {
    this.expectations.expectCreations(controllerKey, adds);
  }

  creationObserved(controllerKey: string): void {
    this.expectations.creationObserved(controllerKey);
  }

  lowerExpectations(controllerKey: string, add: number, del: number): void {
    this.expectations.lowerExpectations(controllerKey, add, del);
  }

  raiseExpectations(controllerKey: string, add: number, del: number): void {
    this.expectations.raiseExpectations(controllerKey, add, del);
  }
}

/** `namespace/name` of a pod, as expectations key deletions (controller.PodKey). */
export function podKey(pod: { metadata: { namespace?: string; name?: string } }): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
