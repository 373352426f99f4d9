// A harness for the kubelet core without a process: it plays the API server's part (statuses
// posted land in the pod objects, final deletes remove them) and steps simulated time by the
// core's own wake-ups, as the kubelet process does with its one timer.

import { setDefaultsPod } from '../api/defaults/core';
import type { Container, Pod, PodSpec, PodStatus } from '../api/types';
import { rfc3339 } from '../apiserver/registry/objects';
import { Rng } from '../sim/rng';
import { KubeletCore, type KubeletCoreOptions } from './core';
import type { KubeletEvent } from './events';

/** The wall time simulated 0 stands for in tests. */
export const testEpochMs = Date.UTC(2025, 0, 1);

/** A node's core with a fake API around it. */
export class TestNode {
  readonly core: KubeletCore;
  readonly pods = new Map<string, Pod>();
  readonly events: KubeletEvent[] = [];
  /** Every status posted, per pod uid. */
  readonly posted = new Map<string, PodStatus[]>();
  now = 0;
  private uidSeq = 0;

  constructor(opts: Partial<KubeletCoreOptions> = {}) {
    this.core = new KubeletCore({ nodeName: 'node-1', podCIDR: '10.244.1.0/24', nodeIP: '172.18.0.2', rng: new Rng(42), epochMs: testEpochMs, ...opts });
  }

  /** Creates a pod bound to this node (defaulted as the API server would, PodScheduled set). */
  create(name: string, spec: Partial<PodSpec> & { containers: Container[] }): Pod {
    const uid = `00000000-0000-4000-8000-${String(++this.uidSeq).padStart(12, '0')}`;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid, resourceVersion: '1', creationTimestamp: rfc3339(testEpochMs + this.now) },
      spec: { ...spec, nodeName: 'node-1' } as PodSpec,
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(testEpochMs + this.now) }], qosClass: 'BestEffort' },
    };
    setDefaultsPod(pod);
    this.pods.set(uid, pod);
    this.sync();
    return pod;
  }

  /** Marks a pod deleted as the API server does (deletionTimestamp now + grace). */
  delete(uid: string, graceSeconds?: number): void {
    const pod = this.pods.get(uid)!;
    const grace = graceSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    pod.metadata = { ...pod.metadata, deletionTimestamp: rfc3339(testEpochMs + this.now + grace * 1000), deletionGracePeriodSeconds: grace };
    this.sync();
  }

  /** Changes a pod's spec (an image update). */
  patch(uid: string, fn: (pod: Pod) => void): void {
    const pod = structuredClone(this.pods.get(uid)!);
    fn(pod);
    this.pods.set(uid, pod);
    this.sync();
  }

  private sync(): void {
    this.core.syncPods([...this.pods.values()], this.now);
    this.drain();
  }

  // Posts statuses and events, completes final deletions, like the kubelet process.
  private drain(): void {
    for (;;) {
      let changed = false;
      for (const u of this.core.takeStatusUpdates()) {
        this.posted.set(u.uid, [...(this.posted.get(u.uid) ?? []), u.status]);
        const pod = this.pods.get(u.uid);
        if (pod) this.pods.set(u.uid, { ...pod, status: u.status });
      }
      this.events.push(...this.core.takeEvents());
      for (const uid of this.core.terminated()) if (this.pods.delete(uid)) changed = true;
      if (!changed) return;
      this.core.syncPods([...this.pods.values()], this.now);
    }
  }

  /** Runs simulated time forward by `ms`. */
  run(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = this.core.nextWakeAt();
      if (next === null || next > end) break;
      this.now = Math.max(this.now, next);
      this.core.advance(this.now);
      this.core.syncPods([...this.pods.values()], this.now);
      this.drain();
    }
    this.now = end;
    this.core.advance(end);
    this.drain();
  }

  /** Runs until `cond` holds (checked after every wake-up); false if `maxMs` passed first. */
  runUntil(cond: () => boolean, maxMs: number): boolean {
    const end = this.now + maxMs;
    while (!cond()) {
      const next = this.core.nextWakeAt();
      if (next === null || next > end) {
        this.run(end - this.now);
        return cond();
      }
      this.run(Math.max(0, next - this.now));
    }
    return true;
  }

  pod(uid: string): Pod {
    return this.pods.get(uid)!;
  }

  /** The events about a pod, as `reason: message` lines. */
  eventLines(uid: string): string[] {
    return this.events.filter((e) => e.involvedObject.uid === uid).map((e) => `${e.reason}: ${e.message}`);
  }
}
