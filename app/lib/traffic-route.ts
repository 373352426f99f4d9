// Where a batch of the load generator's traffic goes on the canvas: from the client's card (its
// node, or the node of the pod it runs in) to the card of the Service its address resolved to, and
// on to the cards of the nodes whose pods answered. Built only from what the batch reported and the
// Services' endpoints; an address that is no Service's (a pod IP) draws nothing.
import type { PodSummary, ServiceSummary } from '../../engine/apiserver/workload-view';
import type { TrafficBatch } from './messages';
import { serviceCardId } from './workload-layout';

export function trafficRoute(
  from: string,
  resolved: string,
  last: { failed: number; byEndpoint: Record<string, number> },
  services: readonly ServiceSummary[],
  pods: readonly PodSummary[],
): TrafficBatch | null {
  const host = resolved.replace(/:\d+$/, '');
  const svc = services.find((s) => s.clusterIP === host);
  if (!svc) return null;
  const slash = from.indexOf('/');
  const client = slash < 0 ? from : pods.find((p) => p.namespace === from.slice(0, slash) && p.name === from.slice(slash + 1))?.node;
  if (!client) return null;
  const byNode = new Map<string, number>();
  for (const [ep, count] of Object.entries(last.byEndpoint)) {
    const ip = ep.replace(/:\d+$/, '');
    const node = svc.endpoints.find((e) => e.ip === ip)?.node ?? pods.find((p) => p.podIP === ip)?.node;
    if (node) byNode.set(node, (byNode.get(node) ?? 0) + count);
  }
  const hits = [...byNode].sort(([a], [b]) => (a < b ? -1 : 1)).map(([to, count]) => ({ to, count }));
  return { from: client, service: serviceCardId(svc.namespace, svc.name), hits, failed: last.failed };
}
