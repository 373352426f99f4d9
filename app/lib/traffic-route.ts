// Where a batch of the load generator's traffic goes on the canvas: from the client's card (its
// node, or the node of the pod it runs in) to the card of the Service its address resolved to, and
// on to each pod that answered, inside its node's card. Built only from what the batch reported and the
// Services' endpoints; an address that is no Service's (a pod IP) draws nothing. HTTP through an
// Ingress resolves to a node's NodePort: it is drawn through the controller's NodePort Service.
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
  const port = /:(\d+)$/.exec(resolved)?.[1];
  // A Service's virtual IP; or a node's address at a NodePort (an Ingress's traffic reaches the
  // controller's Service so, and the hits are then its backends' pods).
  const svc = services.find((s) => s.clusterIP === host) ?? (port ? services.find((s) => s.type === 'NodePort' && s.ports.some((p) => p.includes(`:${port}/`))) : undefined);
  if (!svc) return null;
  const slash = from.indexOf('/');
  const client = slash < 0 ? from : pods.find((p) => p.namespace === from.slice(0, slash) && p.name === from.slice(slash + 1))?.node;
  if (!client) return null;
  // One hit per pod (an endpoint's port pairs add up), on its node's card.
  const byPod = new Map<string, { to: string; pod: string; count: number }>();
  for (const [ep, count] of Object.entries(last.byEndpoint)) {
    const ip = ep.replace(/:\d+$/, '');
    const e = svc.endpoints.find((x) => x.ip === ip);
    const p = e ? null : pods.find((x) => x.podIP === ip);
    const node = e?.node ?? p?.node;
    const key = e?.pod ?? (p ? `${p.namespace}/${p.name}` : '');
    if (!node || !key) continue;
    const hit = byPod.get(key) ?? { to: node, pod: key, count: 0 };
    hit.count += count;
    byPod.set(key, hit);
  }
  const hits = [...byPod.values()].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
  return { from: client, service: serviceCardId(svc.namespace, svc.name), hits, failed: last.failed };
}
