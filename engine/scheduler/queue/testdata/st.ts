// Test builders after pkg/scheduler/testing/wrappers.go (st.MakePod, st.MakeNode,
// st.MakeLabelSelector), so ported test tables read as upstream's do.

import type {
  Affinity,
  Container,
  Node,
  NodeInclusionPolicy,
  Pod,
  PodAffinityTerm,
  Taint,
  TopologySpreadConstraint,
  UnsatisfiableConstraintAction,
  WeightedPodAffinityTerm,
} from '../../../api/types/core';
import type { LabelSelector, LabelSelectorRequirement } from '../../../api/types/meta';

/** st.MakeLabelSelector(). */
export class LabelSelectorWrapper {
  private readonly ls: LabelSelector = {};
  label(k: string, v: string): this {
    this.ls.matchLabels = { ...this.ls.matchLabels, [k]: v };
    return this;
  }
  private expr(key: string, operator: string, values?: string[]): this {
    const r = { key, operator, ...(values ? { values } : {}) } as LabelSelectorRequirement;
    this.ls.matchExpressions = [...(this.ls.matchExpressions ?? []), r];
    return this;
  }
  in(k: string, vals: string[]): this {
    return this.expr(k, 'In', vals);
  }
  notIn(k: string, vals: string[]): this {
    return this.expr(k, 'NotIn', vals);
  }
  exists(k: string): this {
    return this.expr(k, 'Exists');
  }
  notExist(k: string): this {
    return this.expr(k, 'DoesNotExist');
  }
  obj(): LabelSelector {
    return structuredClone(this.ls);
  }
}

/** st.MakeLabelSelector: a label selector builder. */
export const makeLabelSelector = () => new LabelSelectorWrapper();

/** The affinity kinds of st.PodAffinityWithRequiredReq / PreferredReq. */
export type AffinityReq = 'required' | 'preferred';

/** st.MakePod(). */
export class PodWrapper {
  readonly pod: Pod = { metadata: { name: '', namespace: '' }, spec: { containers: [] }, status: {} };

  name(n: string): this {
    this.pod.metadata.name = n;
    this.pod.metadata.uid ??= n;
    return this;
  }
  namespace(ns: string): this {
    this.pod.metadata.namespace = ns;
    return this;
  }
  uid(u: string): this {
    this.pod.metadata.uid = u;
    return this;
  }
  label(k: string, v: string): this {
    this.pod.metadata.labels = { ...this.pod.metadata.labels, [k]: v };
    return this;
  }
  labels(l: Record<string, string>): this {
    this.pod.metadata.labels = { ...this.pod.metadata.labels, ...l };
    return this;
  }
  annotation(k: string, v: string): this {
    this.pod.metadata.annotations = { ...this.pod.metadata.annotations, [k]: v };
    return this;
  }
  node(n: string): this {
    this.pod.spec!.nodeName = n;
    return this;
  }
  nodeSelector(m: Record<string, string>): this {
    this.pod.spec!.nodeSelector = m;
    return this;
  }
  priority(p: number): this {
    this.pod.spec!.priority = p;
    return this;
  }
  preemptionPolicy(p: 'PreemptLowerPriority' | 'Never'): this {
    this.pod.spec!.preemptionPolicy = p;
    return this;
  }
  nominatedNodeName(n: string): this {
    this.pod.status!.nominatedNodeName = n;
    return this;
  }
  schedulerName(n: string): this {
    this.pod.spec!.schedulerName = n;
    return this;
  }
  terminating(): this {
    this.pod.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    return this;
  }
  startTime(t: string): this {
    this.pod.status!.startTime = t;
    return this;
  }
  creationTimestamp(t: string): this {
    this.pod.metadata.creationTimestamp = t;
    return this;
  }
  condition(type: string, status: 'True' | 'False', reason?: string): this {
    this.pod.status!.conditions = [...(this.pod.status!.conditions ?? []), { type, status, ...(reason ? { reason } : {}) }];
    return this;
  }
  toleration(key: string): this {
    this.pod.spec!.tolerations = [...(this.pod.spec!.tolerations ?? []), { key, operator: 'Exists', effect: 'NoSchedule' }];
    return this;
  }
  ownerReference(name: string, apiVersion: string, kind: string): this {
    this.pod.metadata.ownerReferences = [{ apiVersion, kind, name, uid: name, controller: true }];
    return this;
  }
  container(image = 'image'): this {
    this.pod.spec!.containers.push({ name: `con${this.pod.spec!.containers.length}`, image });
    return this;
  }
  /** st.Req: a container requesting the resources. */
  req(requests: Record<string, string>): this {
    const c: Container = { name: `con${this.pod.spec!.containers.length}`, image: 'image', resources: { requests } };
    this.pod.spec!.containers.push(c);
    return this;
  }
  hostPort(port: number): this {
    this.pod.spec!.containers.push({ name: `con${this.pod.spec!.containers.length}`, image: 'image', ports: [{ containerPort: port, hostPort: port, protocol: 'TCP' }] });
    return this;
  }
  // Models pkg/scheduler/testing/wrappers.go (SpreadConstraint)
  spreadConstraint(
    maxSkew: number,
    topologyKey: string,
    whenUnsatisfiable: UnsatisfiableConstraintAction,
    labelSelector?: LabelSelector,
    minDomains?: number,
    nodeAffinityPolicy?: NodeInclusionPolicy,
    nodeTaintsPolicy?: NodeInclusionPolicy,
    matchLabelKeys?: string[],
  ): this {
    const c: TopologySpreadConstraint = { maxSkew, topologyKey, whenUnsatisfiable };
    if (labelSelector) c.labelSelector = labelSelector;
    if (minDomains !== undefined) c.minDomains = minDomains;
    if (nodeAffinityPolicy) c.nodeAffinityPolicy = nodeAffinityPolicy;
    if (nodeTaintsPolicy) c.nodeTaintsPolicy = nodeTaintsPolicy;
    if (matchLabelKeys) c.matchLabelKeys = matchLabelKeys;
    this.pod.spec!.topologySpreadConstraints = [...(this.pod.spec!.topologySpreadConstraints ?? []), c];
    return this;
  }
  nodeAffinityIn(key: string, values: string[]): this {
    return this.nodeAffinityExpr(key, 'In', values);
  }
  nodeAffinityNotIn(key: string, values: string[]): this {
    return this.nodeAffinityExpr(key, 'NotIn', values);
  }
  private nodeAffinityExpr(key: string, operator: 'In' | 'NotIn', values: string[]): this {
    const a = (this.pod.spec!.affinity ??= {});
    const na = (a.nodeAffinity ??= {});
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [{ matchExpressions: [] }] });
    req.nodeSelectorTerms[0].matchExpressions!.push({ key, operator, values });
    return this;
  }
  private affinityTerm(kind: 'podAffinity' | 'podAntiAffinity', req: AffinityReq, term: PodAffinityTerm, weight = 1): this {
    const a: Affinity = (this.pod.spec!.affinity ??= {});
    const pa = (a[kind] ??= {});
    if (req === 'required') pa.requiredDuringSchedulingIgnoredDuringExecution = [...(pa.requiredDuringSchedulingIgnoredDuringExecution ?? []), term];
    else {
      const w: WeightedPodAffinityTerm = { weight, podAffinityTerm: term };
      pa.preferredDuringSchedulingIgnoredDuringExecution = [...(pa.preferredDuringSchedulingIgnoredDuringExecution ?? []), w];
    }
    return this;
  }
  /** st.PodAffinity(topologyKey, labelSelector, kind). */
  podAffinity(topologyKey: string, labelSelector: LabelSelector | undefined, req: AffinityReq, weight?: number): this {
    return this.affinityTerm('podAffinity', req, { topologyKey, ...(labelSelector ? { labelSelector } : {}) }, weight);
  }
  /** st.PodAntiAffinity(topologyKey, labelSelector, kind). */
  podAntiAffinity(topologyKey: string, labelSelector: LabelSelector | undefined, req: AffinityReq, weight?: number): this {
    return this.affinityTerm('podAntiAffinity', req, { topologyKey, ...(labelSelector ? { labelSelector } : {}) }, weight);
  }
  /** st.PodAffinityExists(labelKey, topologyKey, kind). */
  podAffinityExists(labelKey: string, topologyKey: string, req: AffinityReq): this {
    return this.podAffinity(topologyKey, makeLabelSelector().exists(labelKey).obj(), req);
  }
  /** st.PodAntiAffinityExists(labelKey, topologyKey, kind). */
  podAntiAffinityExists(labelKey: string, topologyKey: string, req: AffinityReq): this {
    return this.podAntiAffinity(topologyKey, makeLabelSelector().exists(labelKey).obj(), req);
  }
  /** st.PodAffinityIn(labelKey, topologyKey, vals, kind). */
  podAffinityIn(labelKey: string, topologyKey: string, vals: string[], req: AffinityReq): this {
    return this.podAffinity(topologyKey, makeLabelSelector().in(labelKey, vals).obj(), req);
  }
  /** st.PodAntiAffinityIn(labelKey, topologyKey, vals, kind). */
  podAntiAffinityIn(labelKey: string, topologyKey: string, vals: string[], req: AffinityReq): this {
    return this.podAntiAffinity(topologyKey, makeLabelSelector().in(labelKey, vals).obj(), req);
  }
  /** st.PodAffinityNotIn(labelKey, topologyKey, vals, kind). */
  podAffinityNotIn(labelKey: string, topologyKey: string, vals: string[], req: AffinityReq): this {
    return this.podAffinity(topologyKey, makeLabelSelector().notIn(labelKey, vals).obj(), req);
  }
  /** st.PodAntiAffinityNotIn(labelKey, topologyKey, vals, kind). */
  podAntiAffinityNotIn(labelKey: string, topologyKey: string, vals: string[], req: AffinityReq): this {
    return this.podAntiAffinity(topologyKey, makeLabelSelector().notIn(labelKey, vals).obj(), req);
  }
  /** Sets the affinity as given (for the hand-written upstream cases). */
  affinity(a: Affinity): this {
    this.pod.spec!.affinity = a;
    return this;
  }
  obj(): Pod {
    return structuredClone(this.pod);
  }
}

/** st.MakePod: a pod builder. */
export const makePod = () => new PodWrapper();

/** st.MakeNode(). */
export class NodeWrapper {
  readonly node: Node = { metadata: { name: '' }, spec: {}, status: {} };
  name(n: string): this {
    this.node.metadata.name = n;
    this.node.metadata.uid = n;
    return this;
  }
  label(k: string, v: string): this {
    this.node.metadata.labels = { ...this.node.metadata.labels, [k]: v };
    return this;
  }
  labels(l: Record<string, string>): this {
    this.node.metadata.labels = { ...this.node.metadata.labels, ...l };
    return this;
  }
  taints(t: Taint[]): this {
    this.node.spec!.taints = t;
    return this;
  }
  unschedulable(u: boolean): this {
    this.node.spec!.unschedulable = u;
    return this;
  }
  /** st.Capacity: sets capacity and allocatable (32 pods unless given). */
  capacity(resources: Record<string, string>): this {
    this.node.status!.capacity = { pods: '32', ...resources };
    this.node.status!.allocatable = { pods: '32', ...resources };
    return this;
  }
  obj(): Node {
    return structuredClone(this.node);
  }
}

/** st.MakeNode: a node builder. */
export const makeNode = () => new NodeWrapper();
