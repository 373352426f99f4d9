// Which endpoints a Service port's traffic may use from this node: Ready ones by default, falling
// back to Serving-and-Terminating ones when none is Ready (separately for Cluster and Local traffic
// policy), narrowed by zone hints when every ready endpoint has one and one is for this node's zone.
// Models pkg/proxy/topology.go CategorizeEndpoints, topologyModeFromHints, availableForTopology.

import type { EndpointInfo } from './endpointschangetracker';
import { usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from './serviceport';

/** The well-known zone label of a Node (v1.LabelTopologyZone). */
export const labelTopologyZone = 'topology.kubernetes.io/zone';

/** What CategorizeEndpoints answers. */
export interface CategorizedEndpoints {
  /** Endpoints for Cluster traffic policy (empty when the port never uses it). */
  clusterEndpoints: EndpointInfo[];
  /** Endpoints for Local traffic policy (empty when the port never uses it). */
  localEndpoints: EndpointInfo[];
  /** The union of both: every endpoint this node may send to. */
  allReachableEndpoints: EndpointInfo[];
  /** The Service has a usable endpoint somewhere in the cluster. */
  hasAnyEndpoints: boolean;
}

// Models topology.go topologyModeFromHints (zone hints; PreferSameNode is behind a gate that is off in 1.32).
function topologyMode(endpoints: EndpointInfo[], zone: string): '' | 'PreferSameZone' {
  let hasReady = false;
  let allHaveZoneHints = true;
  let hasForZone = false;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    hasReady = true;
    if (ep.zoneHints.length === 0) allHaveZoneHints = false;
    else if (ep.zoneHints.includes(zone)) hasForZone = true;
  }
  return hasReady && allHaveZoneHints && hasForZone ? 'PreferSameZone' : '';
}

// Models topology.go CategorizeEndpoints.
/** Sorts a port's endpoints into those Cluster and Local traffic policy use from this node. */
export function categorizeEndpoints(endpoints: EndpointInfo[], svc: ServicePortInfo, nodeLabels: Record<string, string>): CategorizedEndpoints {
  const out: CategorizedEndpoints = { clusterEndpoints: [], localEndpoints: [], allReachableEndpoints: [], hasAnyEndpoints: false };
  if (endpoints.length === 0) return out;
  let mode: '' | 'PreferSameZone' = '';
  let useServingTerminating = false;
  if (usesClusterEndpoints(svc)) {
    const zone = nodeLabels[labelTopologyZone] ?? '';
    mode = topologyMode(endpoints, zone);
    out.clusterEndpoints = endpoints.filter((ep) => ep.ready && (mode === '' || ep.zoneHints.includes(zone)));
    // No ready endpoint anywhere: try the terminating ones that still serve.
    if (out.clusterEndpoints.length === 0) out.clusterEndpoints = endpoints.filter((ep) => ep.serving && ep.terminating);
    if (out.clusterEndpoints.length > 0) out.hasAnyEndpoints = true;
  }
  if (!usesLocalEndpoints(svc)) {
    out.allReachableEndpoints = out.clusterEndpoints;
    return out;
  }
  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      out.hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      out.hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  if (hasLocalReady) out.localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
  else if (hasLocalServingTerminating) {
    useServingTerminating = true;
    out.localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
  }
  if (!usesClusterEndpoints(svc)) {
    out.allReachableEndpoints = out.localEndpoints;
    return out;
  }
  if (mode === '' && !useServingTerminating) {
    out.allReachableEndpoints = out.clusterEndpoints;
    return out;
  }
  const merged = new Map<string, EndpointInfo>();
  for (const ep of out.clusterEndpoints) merged.set(ep.endpoint, ep);
  for (const ep of out.localEndpoints) merged.set(ep.endpoint, ep);
  out.allReachableEndpoints = [...merged.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
  return out;
}
