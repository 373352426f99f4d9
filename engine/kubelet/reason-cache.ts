// Why each container last failed to start (pkg/kubelet/reason_cache.go): SyncPod's start results
// are recorded here, and the status shows a container that should be running but is not as
// waiting with that reason (CrashLoopBackOff, ErrImagePull, ImagePullBackOff, …) and message.

/** A failed start: the error's name (the waiting reason) and its detailed message. */
export interface StartFailure {
  reason: string;
  message: string;
}

// Models pkg/kubelet/reason_cache.go
/** The last start failure per pod and container. */
export class ReasonCache {
  private readonly cache = new Map<string, StartFailure>();

  private key(uid: string, name: string): string {
    return `${uid}_${name}`;
  }

  /** Records a failed start. */
  add(uid: string, name: string, reason: string, message: string): void {
    this.cache.set(this.key(uid, name), { reason, message });
  }

  /** Forgets it after a successful start. */
  remove(uid: string, name: string): void {
    this.cache.delete(this.key(uid, name));
  }

  get(uid: string, name: string): StartFailure | undefined {
    return this.cache.get(this.key(uid, name));
  }

  /** Forgets a pod. */
  removePod(uid: string): void {
    for (const k of [...this.cache.keys()]) if (k.startsWith(`${uid}_`)) this.cache.delete(k);
  }
}
