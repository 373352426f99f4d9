// What every controller of kube-controller-manager is (STYLE.md, sample-controller): informer event
// handlers that only enqueue keys, a rate-limited work queue, and `sync(key)` that reads the
// informer caches, compares desired with actual and writes through the apiserver. `runWorkers`
// gives a controller its N concurrent workers (--concurrent-*-syncs), each a coroutine that takes
// a key, syncs it, and requeues it with backoff when the sync fails.

import type { KubeObject } from '../api/types';
import type { ResourceInfo } from '../api/resources';
import type { KubeClient, ListOptions } from '../client/clientset';
import type { EventRecorder } from '../client/events';
import type { EventHandler } from '../client/informer';
import type { Lister } from '../client/store';
import type { Queue } from '../client/workqueue';
import { Cancelled, type Co } from '../sim/co';
import type { Rng } from '../sim/rng';
import type { Timings } from '../timings';

/** A shared informer as controllers see it: its cache and its event stream. */
export interface SharedInformer<T extends KubeObject = KubeObject> {
  readonly lister: Lister<T>;
  addEventHandler(h: EventHandler<T>): void;
  hasSynced(): boolean;
}

/** The shared informers of the process (SharedInformerFactory). */
export interface Informers {
  informerFor<T extends KubeObject>(r: ResourceInfo, selectors?: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>): SharedInformer<T>;
}

/** Everything a controller is built from: the process hands out real ones, tests fakes. */
export interface ControllerContext {
  client: KubeClient;
  informers: Informers;
  /** A named rate-limited queue (the controller's own). */
  newQueue(name: string): Queue & { readonly len: number };
  /** Reports events as this controller (`replicaset-controller`). */
  recorder(component: string): EventRecorder;
  /** Simulated ms since the cluster started. */
  now(): number;
  /** Wall ms (epoch + simulated time), for the timestamps controllers write. */
  wallMs(): number;
  rng: Rng;
  /** Runs a coroutine in the background (an event post, a fire-and-forget delete). */
  spawn(co: Co<unknown>): void;
  /** The profile's timing flags (engine/timings.ts). */
  timings: Timings;
}

/** One controller, as kube-controller-manager runs it. */
export interface Controller {
  /** The controller's name as --controllers lists it (`replicaset`, `deployment`). */
  readonly name: string;
  /** Concurrent workers (the --concurrent-*-syncs default). */
  readonly workers: number;
  readonly queue: Queue & { readonly len: number };
  /** Reconciles one key (`namespace/name`). A thrown error requeues the key with backoff. */
  sync(key: string): Co<void>;
  /** What a failed sync does with its key; the default requeues it rate-limited. */
  handleErr?(key: string, err: unknown): void;
  /** Other loops the controller runs beside its workers (node lifecycle's monitor), started with it. */
  loops?(): Co<unknown>[];
}

/** A worker: take a key, sync it, forget or requeue it, until the queue shuts down (processNextWorkItem). */
export function* worker(c: Controller, get: () => Co<string | null>, done: (key: string) => void, onError?: (key: string, err: unknown) => void): Co<void> {
  for (;;) {
    const key = yield* get();
    if (key === null) return;
    try {
      yield* c.sync(key);
      c.queue.forget(key);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      onError?.(key, e);
      if (c.handleErr) c.handleErr(key, e);
      else c.queue.addRateLimited(key);
    } finally {
      done(key);
    }
  }
}
