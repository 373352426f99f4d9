// client-go's event recorder (tools/record): a component reports what happened to an object as a
// core/v1 Event in the object's namespace, named `<object>.<hex nanoseconds>`; the same event again
// (same object, type, reason and message from the same source) within the correlator's cache is
// not a new Event but the old one's count + 1 and a new lastTimestamp (events_cache.go
// EventCorrelator's dedup). Posting runs in the background: a lost event is only logged, never retried.

import type { Event, KubeObject, ObjectReference } from '../api/types';
import { rfc3339 } from '../apiserver/registry/objects';
import type { Co } from '../sim/co';
import { res, type KubeClient } from './clientset';

/** What a controller calls to report on an object. */
export interface EventRecorder {
  event(obj: KubeObject | ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** The reference an event names its object by (ref.GetReference). */
export function referenceOf(obj: KubeObject | ObjectReference): ObjectReference {
  if (!('metadata' in obj)) return obj;
  const m = (obj as KubeObject).metadata;
  return {
    kind: (obj as KubeObject).kind,
    namespace: m.namespace,
    name: m.name,
    uid: m.uid,
    apiVersion: (obj as KubeObject).apiVersion,
    resourceVersion: m.resourceVersion,
  };
}

/** Correlated events kept, as the correlator's LRU holds 4096. */
const maxCached = 4096;

/** Posts events through a client, one background coroutine per post. */
export class ApiEventRecorder implements EventRecorder {
  private readonly seen = new Map<string, { name: string; namespace: string; count: number; first: string }>();
  /** Posts answered with an error, for telemetry. */
  failed = 0;

  constructor(
    private readonly client: KubeClient,
    /** The source component (`default-scheduler`, `replicaset-controller`) and host, as events show it. */
    private readonly source: { component: string; host?: string },
    /** Wall ms now (epoch + simulated time). */
    private readonly wallMs: () => number,
    /** Runs a coroutine in the background. */
    private readonly spawn: (co: Co<unknown>) => void,
  ) {}

  event(obj: KubeObject | ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ref = referenceOf(obj);
    const namespace = ref.namespace || 'default';
    const now = this.wallMs();
    const ts = rfc3339(now);
    const key = [this.source.component, this.source.host ?? '', ref.kind, ref.namespace, ref.name, ref.uid, ref.fieldPath ?? '', type, reason, message].join('\u0000');
    const prev = this.seen.get(key);
    const ev = this.client;
    if (prev) {
      prev.count++;
      const patch = { count: prev.count, lastTimestamp: ts };
      this.spawn(this.guard(ev.patch(res('', 'events'), prev.namespace, prev.name, 'application/strategic-merge-patch+json', patch)));
      return;
    }
    const name = `${ref.name}.${(BigInt(Math.floor(now)) * 1_000_000n).toString(16)}`;
    if (this.seen.size >= maxCached) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(key, { name, namespace, count: 1, first: ts });
    const body: Event = {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message,
      source: { component: this.source.component, ...(this.source.host ? { host: this.source.host } : {}) },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    this.spawn(this.guard(ev.create(res('', 'events'), namespace, body)));
  }

  private *guard(co: Co<unknown>): Co<void> {
    try {
      yield* co;
    } catch {
      this.failed++;
    }
  }
}
