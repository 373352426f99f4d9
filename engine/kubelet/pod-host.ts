// Between the kubelet process and its pure core (engine/kubelet/core.ts): the pods bound to this
// node, as the informer sees them, go into the core on every change; the core's one wake-up time
// becomes the process's one timer; what the core produced — pod statuses, events, and pods whose
// deletion is complete — goes to the apiserver in the order it was produced, one request at a
// time, as the kubelet's status manager and pod deletion do (pkg/kubelet/status/status_manager.go
// syncPod: PATCH pods/status, then the final DELETE with gracePeriodSeconds=0 and a uid precondition).

import type { Pod, PodStatus } from '../api/types';
import { isNotFound, res } from '../client/clientset';
import type { Informer } from '../client/informer';
import type { EventRecorder } from '../client/events';
import { Cancelled, suspend, type Cancel, type Co } from '../sim/co';
import type { Input } from '../sim/env';
import { KubeletCore, defaultKubeletTiming, type KubeletTiming } from './core';
import { serviceEnvSource } from './envvars';
import type { Kubelet } from './server';

type Timer = { t: 'kubelet-core' };
type Post = { kind: 'status'; uid: string; namespace: string; name: string; status: PodStatus } | { kind: 'delete'; uid: string; namespace: string; name: string };

const pods = res('', 'pods');

/** The kubelet's timings in a profile: `fast` divides them by ten, as the other components' are. */
export function kubeletTiming(profile: 'fast' | 'realistic'): KubeletTiming {
  if (profile === 'realistic') return { ...defaultKubeletTiming };
  const out = { ...defaultKubeletTiming };
  for (const k of Object.keys(out) as (keyof KubeletTiming)[]) out[k] = Math.max(1, out[k] / 10);
  return out;
}

/** The pods of one node, driven through the core. */
export class PodHost {
  private core: KubeletCore | null = null;
  private timer: { at: number; cancel: Cancel } | null = null;
  private readonly posts: Post[] = [];
  private wakePoster: (() => void) | null = null;
  private readonly deleting = new Set<string>();
  private recorder: EventRecorder | null = null;
  private lastImages = '';
  /** Requests that failed (they are retried by the next status), for telemetry. */
  failedPosts = 0;

  constructor(
    private readonly k: Kubelet,
    private readonly informer: Informer<Pod>,
  ) {}

  /** Starts the core once the node is registered. */
  start(): void {
    const cfg = this.k.config;
    this.core = new KubeletCore({
      nodeName: cfg.nodeName,
      podCIDR: cfg.podCIDR,
      nodeIP: cfg.internalIP,
      rng: this.k.c.env.rng.fork('kubelet-core'),
      epochMs: cfg.epochMs,
      startMs: this.k.c.env.now(),
      timing: kubeletTiming(cfg.profile),
      allocatable: { cpu: cfg.cpu, memory: cfg.memory },
      env: serviceEnvSource(this.k.services.store, () => this.k.services.hasSynced()),
    });
    this.recorder = this.k.c.recorder('kubelet', cfg.nodeName);
    this.informer.addEventHandler({ add: () => this.sync(), update: () => this.sync(), delete: () => this.sync() });
    this.k.c.spawn(this.poster(), 'pod status');
    this.sync();
  }

  /** The node's images, for node.status.images. */
  images(): NonNullable<NonNullable<import('../api/types').Node['status']>['images']> {
    return this.core?.images() ?? [];
  }

  /** `kubectl logs` reads through here. */
  get kubelet(): KubeletCore | null {
    return this.core;
  }

  receive(input: Input): void {
    if (input.type !== 'timer' || (input.tag as Timer)?.t !== 'kubelet-core' || !this.core) return;
    // The wake-up was asked for `at`; the clock's microseconds may round it a hair early (float sums), so run to it.
    const at = this.timer?.at ?? 0;
    this.timer = null;
    this.core.advance(Math.max(this.k.c.env.now(), at));
    this.flush();
  }

  telemetry(): Record<string, unknown> {
    return { pods: this.informer.store.size, posts: this.posts.length, failedPosts: this.failedPosts, running: this.core?.runtime.runningPods() ?? [] };
  }

  private sync(): void {
    if (!this.core) return;
    this.core.syncPods(this.informer.store.list(), this.k.c.env.now());
    this.flush();
  }

  /** Queues what the core produced, and sets the timer for its next wake-up (also after work run from outside, an exec). */
  flush(): void {
    const core = this.core;
    if (!core) return;
    for (const u of core.takeStatusUpdates()) this.posts.push({ kind: 'status', uid: u.uid, namespace: u.namespace, name: u.name, status: u.status });
    for (const e of core.takeEvents()) this.recorder!.event(e.involvedObject, e.type, e.reason, e.message);
    for (const uid of core.terminated()) {
      if (this.deleting.has(uid)) continue;
      const p = this.informer.store.list().find((x) => x.metadata.uid === uid);
      if (!p) continue;
      this.deleting.add(uid);
      this.posts.push({ kind: 'delete', uid, namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '' });
    }
    const images = JSON.stringify(core.images());
    if (images !== this.lastImages) {
      this.lastImages = images;
      this.k.statusChanged();
    }
    if (this.posts.length) this.wakePoster?.();
    const at = core.nextWakeAt();
    if (this.timer && (at === null || this.timer.at !== at)) {
      this.timer.cancel();
      this.timer = null;
    }
    if (at !== null && !this.timer) this.timer = { at, cancel: this.k.setTimer(Math.max(0, at - this.k.c.env.now()), { t: 'kubelet-core' } satisfies Timer) };
  }

  /** Sends the queued posts one at a time, in order. */
  private *poster(): Co<never> {
    for (;;) {
      if (this.posts.length === 0) {
        yield* suspend<void>((resume) => {
          this.wakePoster = () => {
            this.wakePoster = null;
            resume(undefined);
          };
          return () => (this.wakePoster = null);
        });
        continue;
      }
      const p = this.posts.shift()!;
      try {
        if (p.kind === 'status') yield* this.k.c.client.patch(pods, p.namespace, p.name, 'application/merge-patch+json', { metadata: { uid: p.uid }, status: p.status }, 'status');
        else yield* this.k.c.client.delete(pods, p.namespace, p.name, { gracePeriodSeconds: 0, preconditions: { uid: p.uid } });
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        this.failedPosts++;
        if (p.kind === 'delete' && !isNotFound(e)) this.deleting.delete(p.uid);
      }
    }
  }
}
