// A worker node: the kubelet as its own process (pooled with other nodes into a few Workers in the
// browser). It registers its Node (pkg/kubelet/kubelet_node_status.go registerWithAPIServer), renews
// its Lease in kube-node-lease (pkg/kubelet/nodelease), posts node status every
// nodeStatusUpdateFrequency when it changed and at least every nodeStatusReportFrequency, and runs
// the pods bound to it: an informer on `spec.nodeName=<node>` feeds the kubelet's core (pod workers
// over a simulated container runtime, engine/kubelet/), whose status changes it patches to
// pods/status and whose finished deletions it completes. Killing the process is the machine dying:
// its containers are gone; a restart boots the node again from nothing.

import type { Lease, Node, NodeCondition, Pod, Service } from '../api/types';
import { rfc3339, rfc3339Micro } from '../apiserver/registry/objects';
import { mustParseQuantity } from '../api/quantity';
import { isAlreadyExists, isConflict, isNotFound, res } from '../client/clientset';
import { Component } from '../client/component';
import type { Informer } from '../client/informer';
import type { Cancel } from '../sim/co';
import type { Env, Input, Process, ProcessKind } from '../sim/env';
import { timingsFor, type Timings } from '../timings';
import { PodHost } from './pod-host';
import { PodServer } from './serve';
import { KubeletServer } from './server-api';
import { KubeletStats } from './stats';
import type { KubeletConfig } from './config';

export type { KubeletConfig, NodeShape } from './config';

const userAgent = 'kubelet/v1.32.4 (linux/amd64) kubernetes/59526cd';
const nodes = res('', 'nodes');
const leases = res('coordination.k8s.io', 'leases');

/** The kubelet process kind. */
export const kubeletKind: ProcessKind<KubeletConfig> = {
  name: 'kubelet',
  create: (env, config) => new Kubelet(env, config),
};

/** A kubelet and the node it runs. */
export class Kubelet implements Process {
  readonly c: Component;
  private readonly timings: Timings;
  readonly pods: Informer<Pod>;
  readonly host: PodHost;
  /** Answers connections to this node's pods (kube-proxy's traffic, engine/kubelet/serve.ts). */
  readonly serve = new PodServer(this);
  /** The kubelet's API (port 10250): containerLogs and exec for kube-apiserver (engine/kubelet/server-api.ts). */
  readonly api = new KubeletServer(this);
  /** Resource usage for /stats/summary, and the CPU its traffic costs (engine/kubelet/stats.ts). */
  readonly stats = new KubeletStats(this);
  /** The Services, for the variables every container gets (engine/kubelet/envvars.ts). */
  readonly services: Informer<Service>;
  private lastPostedStatus = '';
  private lastPostedAt = -Infinity;
  private registered = false;
  /** The last registration error, for telemetry. */
  private lastError = '';
  private readonly bootId: string;
  /** Node status posts and lease renewals done, for telemetry. */
  statusPosts = 0;
  leaseRenewals = 0;

  constructor(
    private readonly env: Env,
    readonly config: KubeletConfig,
  ) {
    this.c = new Component(env, config, userAgent);
    this.timings = timingsFor(config.profile);
    this.bootId = `${env.rng.nextUint32().toString(16)}-${env.id}`;
    this.pods = this.c.informers.informerFor<Pod>(res('', 'pods'), { fieldSelector: `spec.nodeName=${config.nodeName}` });
    this.services = this.c.informers.informerFor<Service>(res('', 'services'));
    this.host = new PodHost(this, this.pods);
    this.c.spawn(this.main(), 'kubelet');
  }

  get nodeName(): string {
    return this.config.nodeName;
  }

  receive(input: Input): void {
    if (this.c.route(input)) return;
    if (this.stats.receive(input)) return;
    if (this.serve.receive(input)) return;
    if (this.api.receive(input)) return;
    this.host.receive(input);
  }

  telemetry(): Record<string, unknown> {
    return {
      node: this.config.nodeName,
      registered: this.registered,
      lastError: this.lastError,
      statusPosts: this.statusPosts,
      leaseRenewals: this.leaseRenewals,
      crashes: this.c.crashes.slice(-10),
      ...this.host.telemetry(),
      serve: this.serve.telemetry(),
      api: this.api.telemetry(),
      stats: this.stats.telemetry(),
    };
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return this.c.conn.outstanding();
  }

  private *main() {
    yield* this.register();
    this.registered = true;
    this.c.spawn(this.pods.run(), 'reflector pods');
    this.c.spawn(this.services.run(), 'reflector services');
    this.c.spawn(this.leaseLoop(), 'node lease');
    this.c.spawn(this.statusLoop(), 'node status');
    this.host.start();
  }

  // Models pkg/kubelet/kubelet_node_status.go registerWithAPIServer: retry until the Node exists.
  private *register() {
    let backoff = 100;
    for (;;) {
      try {
        yield* this.c.client.create<Node>(nodes, '', this.initialNode());
        return;
      } catch (e) {
        if (isAlreadyExists(e)) return;
        this.lastError = e instanceof Error ? e.message : String(e);
      }
      yield* this.c.sleep(backoff);
      backoff = Math.min(7000, backoff * 2);
    }
  }

  // Models pkg/kubelet/kubelet_node_status.go initialNode.
  private initialNode(): Node {
    const n = this.config.nodeName;
    return {
      kind: 'Node',
      apiVersion: 'v1',
      metadata: {
        name: n,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': n,
          'kubernetes.io/os': 'linux',
          ...this.config.labels,
        },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      spec: { podCIDR: this.config.podCIDR, podCIDRs: [this.config.podCIDR], ...(this.config.taints.length ? { taints: this.config.taints } : {}) },
      status: this.nodeStatus(),
    };
  }

  /** The node's status as setters in pkg/kubelet/nodestatus compute it. */
  private nodeStatus(): Node['status'] {
    const now = rfc3339(this.c.wallMs());
    const capacity = { cpu: this.config.cpu, 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: this.config.memory, pods: String(this.config.pods) };
    // kubeadm reserves nothing; the hard eviction thresholds come off allocatable (memory.available<100Mi, nodefs.available<10%).
    const memKi = Math.max(0, Math.floor((mustParseQuantity(this.config.memory).value() - 100 * 1024 ** 2) / 1024));
    const allocatable = { ...capacity, 'ephemeral-storage': '94580335255', memory: `${memKi}Ki` };
    const cond = (type: NodeCondition['type'], status: NodeCondition['status'], reason: string, message: string): NodeCondition => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: this.transitionTime(type, status, now), reason, message });
    return {
      capacity,
      allocatable,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: this.config.internalIP },
        { type: 'Hostname', address: this.config.nodeName },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: this.machineId(),
        systemUUID: this.machineId(),
        bootID: this.bootId,
        kernelVersion: '6.1.0-28-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.4',
        kubeProxyVersion: 'v1.32.4',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: this.host.images(),
    };
  }

  private readonly transitions = new Map<string, { status: string; at: string }>();

  private transitionTime(type: string, status: string, now: string): string {
    const t = this.transitions.get(type);
    if (t && t.status === status) return t.at;
    this.transitions.set(type, { status, at: now });
    return now;
  }

  private machineId(): string {
    let h = 0x811c9dc5;
    for (const ch of this.config.nodeName) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, '0').repeat(4);
  }

  // Models pkg/kubelet/nodelease/controller.go: ensure the Lease, renew it every duration/4.
  private *leaseLoop() {
    const renewMs = this.timings.nodeLeaseDurationMs / 4;
    const ns = 'kube-node-lease';
    const name = this.config.nodeName;
    let lease: Lease | null = null;
    for (;;) {
      try {
        const now = rfc3339Micro(this.c.wallMs());
        if (!lease) {
          try {
            lease = yield* this.c.client.get<Lease>(leases, ns, name);
          } catch (e) {
            if (!isNotFound(e)) throw e;
            const node = yield* this.c.client.get<Node>(nodes, '', name);
            lease = yield* this.c.client.create<Lease>(leases, ns, {
              kind: 'Lease',
              apiVersion: 'coordination.k8s.io/v1',
              metadata: { name, namespace: ns, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }] },
              spec: { holderIdentity: name, leaseDurationSeconds: this.timings.nodeLeaseDurationMs / 1000, renewTime: now },
            });
            this.leaseRenewals++;
            yield* this.c.sleep(renewMs);
            continue;
          }
        }
        lease = yield* this.c.client.update<Lease>(leases, ns, { ...lease, spec: { ...lease.spec, holderIdentity: name, leaseDurationSeconds: this.timings.nodeLeaseDurationMs / 1000, renewTime: now } });
        this.leaseRenewals++;
        yield* this.c.sleep(renewMs);
      } catch (e) {
        // A conflict or a lost connection: read it again and retry soon (the controller's retry is 200 ms doubling).
        lease = null;
        yield* this.c.sleep(isConflict(e) ? 200 : Math.min(renewMs, 1000));
      }
    }
  }

  // Models pkg/kubelet/kubelet_node_status.go syncNodeStatus/tryUpdateNodeStatus: a strategic merge patch of nodes/status.
  private *statusLoop() {
    for (;;) {
      yield* this.c.sleep(this.timings.nodeStatusUpdateFrequencyMs);
      try {
        yield* this.postStatusIfNeeded();
      } catch {
        // The next period tries again.
      }
    }
  }

  private *postStatusIfNeeded() {
    const status = this.nodeStatus()!;
    const key = JSON.stringify({ ...status, conditions: status.conditions!.map((c) => ({ ...c, lastHeartbeatTime: null })) });
    const due = this.env.now() - this.lastPostedAt >= this.timings.nodeStatusReportFrequencyMs;
    if (key === this.lastPostedStatus && !due) return;
    yield* this.c.client.patch<Node>(nodes, '', this.config.nodeName, 'application/strategic-merge-patch+json', { status }, 'status');
    this.lastPostedStatus = key;
    this.lastPostedAt = this.env.now();
    this.statusPosts++;
  }

  /** Asks for a node status post at the next period (the images or pods changed). */
  statusChanged(): void {
    this.lastPostedStatus = '';
  }

  /** A timer for the pod host (the process's only clock). */
  setTimer(ms: number, tag: unknown): Cancel {
    const id = this.env.setTimer(ms, tag);
    return () => this.env.cancelTimer(id);
  }
}
