// Why a pod fits nowhere, as pkg/scheduler/framework/interface.go (NodeToStatus) and types.go
// (Diagnosis, FitError): each node's verdict, the plugins that rejected the pod, and the one-line
// message `kubectl describe pod` shows ("0/3 nodes are available: 1 node(s) had untolerated taint
// {…}, 2 Insufficient cpu. preemption: …").

import { goCompare } from '../../api/labels';
import type { Pod } from '../../api/types/core';
import type { NodeToStatusReader } from './interface';
import type { NodeInfo } from './node-info';
import { type Code, Status } from './status';

// Models pkg/scheduler/framework/interface.go (NodeToStatus)
/** framework.NodeToStatus: per-node statuses, and one status for every node not listed. */
export class NodeToStatus implements NodeToStatusReader {
  private readonly nodeToStatus = new Map<string, Status>();

  constructor(private absent: Status) {}

  /** framework.NewDefaultNodeToStatus: unlisted nodes are UnschedulableAndUnresolvable. */
  static newDefault(): NodeToStatus {
    return new NodeToStatus(Status.new('UnschedulableAndUnresolvable'));
  }

  /** The node's status, or the absent nodes' status. */
  get(nodeName: string): Status {
    return this.nodeToStatus.get(nodeName) ?? this.absent;
  }

  set(nodeName: string, status: Status): void {
    this.nodeToStatus.set(nodeName, status);
  }

  /** How many nodes have a status of their own. */
  len(): number {
    return this.nodeToStatus.size;
  }

  absentNodesStatus(): Status {
    return this.absent;
  }

  setAbsentNodesStatus(status: Status): void {
    this.absent = status;
  }

  /** Visits the explicitly set nodes, in the order they were set (upstream: map order). */
  forEachExplicitNode(fn: (nodeName: string, status: Status) => void): void {
    for (const [n, s] of this.nodeToStatus) fn(n, s);
  }

  // Models pkg/scheduler/framework/interface.go (NodeToStatus.NodesForStatusCode)
  /** The nodes whose status has the code; preemption asks for the Unschedulable ones. */
  nodesForStatusCode(nodeLister: { list(): NodeInfo[]; get(name: string): NodeInfo }, code: Code): NodeInfo[] {
    if (this.absent.code() === code) {
      const all = nodeLister.list();
      if (this.len() === 0) return all;
      return all.filter((ni) => this.get(ni.nodeName()).code() === code);
    }
    const out: NodeInfo[] = [];
    this.forEachExplicitNode((name, s) => {
      if (s.code() === code) out.push(nodeLister.get(name));
    });
    return out;
  }
}

// Models pkg/scheduler/framework/types.go (Diagnosis)
/** framework.Diagnosis: what the cycle learnt about why the pod did not fit. */
export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod somewhere: the queue requeues it on events these plugins care about. */
  unschedulablePlugins: Set<string>;
  /** Plugins that returned Pending. */
  pendingPlugins: Set<string>;
  /** The PreFilter rejection, when the cycle stopped there. */
  preFilterMsg: string;
  /** What the PostFilter plugins (preemption) said. */
  postFilterMsg: string;
}

/** An empty Diagnosis with the default absent-node status. */
export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: NodeToStatus.newDefault(), unschedulablePlugins: new Set(), pendingPlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

// Models pkg/scheduler/framework/types.go (Diagnosis.AddPluginStatus)
/** Records the plugin of a rejecting status among the unschedulable (or pending) plugins. */
export function addPluginStatus(d: Diagnosis, s: Status): void {
  if (s.plugin() === '') return;
  if (s.isRejected()) d.unschedulablePlugins.add(s.plugin());
  if (s.code() === 'Pending') d.pendingPlugins.add(s.plugin());
}

/** framework.NoNodeAvailableMsg. */
export const NoNodeAvailableMsg = (numAllNodes: number) => `0/${numAllNodes} nodes are available`;

// Models pkg/scheduler/framework/types.go (FitError)
/** framework.FitError: no node fits the pod. */
export class FitError {
  constructor(
    readonly pod: Pod,
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  // Models pkg/scheduler/framework/types.go (FitError.Error)
  /** The message: the PreFilter rejection, or a histogram of node reasons sorted as strings; then the PostFilter message. */
  error(): string {
    let msg = `${NoNodeAvailableMsg(this.numAllNodes)}:`;
    const { preFilterMsg, postFilterMsg, nodeToStatus } = this.diagnosis;
    if (preFilterMsg !== '') msg += ` ${preFilterMsg}.`;
    else {
      const reasons = new Map<string, number>();
      nodeToStatus.forEachExplicitNode((_, s) => {
        for (const r of s.reasons()) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      });
      if (nodeToStatus.len() < this.numAllNodes) {
        for (const r of nodeToStatus.absentNodesStatus().reasons()) reasons.set(r, (reasons.get(r) ?? 0) + this.numAllNodes - nodeToStatus.len());
      }
      const histogram = [...reasons].map(([r, n]) => `${n} ${r}`).sort(goCompare);
      if (histogram.length) msg += ` ${histogram.join(', ')}.`;
    }
    if (postFilterMsg !== '') msg += ` ${postFilterMsg}`;
    return msg;
  }
}

/** schedulingqueue/scheduler's ErrNoNodesAvailable text. */
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';
