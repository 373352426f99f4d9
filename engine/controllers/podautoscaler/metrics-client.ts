// The HPA's resource metrics client (pkg/controller/podautoscaler/metrics/client.go
// resourceMetricsClient): PodMetrics of the pods a selector picks, from metrics.k8s.io through the
// apiserver, summed over a pod's containers (or one named container) as milli-values. The custom
// and external metrics APIs are not served in Kubeplay: asking them fails as a client does when the
// aggregator has no such group.

import { Quantity } from '../../api/quantity';
import { StatusError } from '../../apiserver/errors';
import type { KubeClient } from '../../client/clientset';
import { podMetricsResource, type PodMetrics } from '../../metrics/types';
import { Cancelled, type Co } from '../../sim/co';
import type { PodMetricsInfo } from './replica-calculator';
import { ReplicaCalcError } from './replica-calculator';

/** What GetResourceMetric answers: each pod's metric and the first item's timestamp. */
export interface ResourceMetric {
  metrics: PodMetricsInfo;
  timestamp: number;
}

// Models metrics/client.go GetResourceMetric.
/** The `resource` usage of the pods `selector` picks in `namespace`; `container` narrows it to one container. */
export function* getResourceMetric(client: KubeClient, resource: string, namespace: string, selector: string, container: string): Co<ResourceMetric> {
  let items: PodMetrics[];
  try {
    items = (yield* client.list<PodMetrics & { metadata: { name: string } }>(podMetricsResource as never, namespace, selector ? { labelSelector: selector } : {})).items;
  } catch (e) {
    throw new ReplicaCalcError(`unable to fetch metrics from resource metrics API: ${clientErrorText(e)}`);
  }
  if (items.length === 0) throw new ReplicaCalcError('no metrics returned from resource metrics API');
  const metrics: PodMetricsInfo = new Map();
  for (const m of items) {
    const name = m.metadata.name ?? '';
    const timestamp = Date.parse(m.timestamp);
    const windowMs = goDurationMs(m.window);
    if (container) {
      // A pod without the container's metric is missing, as for a Resource metric (1.32, kubernetes#127193).
      const v = m.containers.find((x) => x.name === container)?.usage[resource];
      if (v !== undefined) metrics.set(name, { timestamp, windowMs, value: Quantity.parse(v).milliValue() });
      continue;
    }
    // A pod with no containers, or one without the resource, has no metric (it is missing).
    if (m.containers.length === 0 || m.containers.some((c) => c.usage[resource] === undefined)) continue;
    const value = m.containers.reduce((s, c) => s + Quantity.parse(c.usage[resource]).milliValue(), 0);
    metrics.set(name, { timestamp, windowMs, value });
  }
  return { metrics, timestamp: Date.parse(items[0].timestamp) };
}

/**
 * An error's text as client-go prints it: a Status's message; a 503 the aggregator answered in
 * plain text becomes the generic "the server is currently unable to handle the request".
 */
export function clientErrorText(e: unknown): string {
  if (e instanceof Cancelled) throw e;
  if (e instanceof StatusError) {
    if (e.code === 503 && e.status.reason !== 'ServiceUnavailable') return 'the server is currently unable to handle the request (get pods.metrics.k8s.io)';
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** A Go duration ("1m0.5s", "15.012s", "500ms") in ms. */
export function goDurationMs(s: string): number {
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|µs|us|ns)/g;
  for (const [, n, unit] of s.matchAll(re)) {
    const v = Number(n);
    ms += unit === 'h' ? v * 3_600_000 : unit === 'm' ? v * 60_000 : unit === 's' ? v * 1000 : unit === 'ms' ? v : unit === 'ns' ? v / 1e6 : v / 1000;
  }
  return ms;
}
