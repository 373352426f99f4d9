// The kubelet's resource usage, as cAdvisor measures it and the Summary API serves it
// (pkg/kubelet/server/stats, k8s.io/kubelet/pkg/apis/stats/v1alpha1 at /stats/summary): for the
// node and every running container, the CPU used since it started (usageCoreNanoSeconds, what the
// cgroup's cpuacct counts), the rate over the last sampling window (usageNanoCores) and the memory
// working set. metrics-server scrapes it (engine/metrics) and turns two samples into a rate.
//
// What a container uses: its program's own figure (an idle nginx ~1m, mysql while it initialises
// 400m), or KUBEPLAY_CPU / KUBEPLAY_MEMORY (docs/CONTAINERS.md), throttled at its CPU limit, with a
// little seeded noise; plus, for every connection it serves (engine/kubelet/serve.ts), the CPU time
// KUBEPLAY_CPU_PER_REQUEST says (1 ms by default), also capped by the limit. So traffic drives
// usage, and usage drives the HorizontalPodAutoscaler. The node adds its system daemons.
//
// A metrics client asks with a datagram { t: 'stats.summary', id } and hears the Summary back.

import { rfc3339Micro } from '../apiserver/registry/objects';
import { mustParseQuantity } from '../api/quantity';
import type { Input, ProcessId } from '../sim/env';
import type { Rng } from '../sim/rng';
import { isServeSyn } from './serve';
import type { KubeletCore } from './core';
import type { Kubelet } from './server';

/** CPUStats. */
export interface CpuStats {
  time: string;
  /** The rate over the last sampling window, in billionths of a core. */
  usageNanoCores: number;
  /** CPU time used since the container (or node) started, in core-nanoseconds. */
  usageCoreNanoSeconds: number;
}

/** MemoryStats. */
export interface MemoryStats {
  time: string;
  availableBytes?: number;
  usageBytes: number;
  workingSetBytes: number;
  rssBytes: number;
  pageFaults: number;
  majorPageFaults: number;
}

/** ContainerStats. */
export interface ContainerStats {
  name: string;
  startTime: string;
  cpu: CpuStats;
  memory: MemoryStats;
}

/** PodStats. */
export interface PodStats {
  podRef: { name: string; namespace: string; uid: string };
  startTime: string;
  containers: ContainerStats[];
  cpu: CpuStats;
  memory: MemoryStats;
}

/** NodeStats. */
export interface NodeStats {
  nodeName: string;
  startTime: string;
  cpu: CpuStats;
  memory: MemoryStats;
}

/** Summary: what GET /stats/summary answers. */
export interface Summary {
  node: NodeStats;
  pods: PodStats[];
}

/** A metrics client's request for the node's summary. */
export interface StatsSummaryRequest {
  t: 'stats.summary';
  /** The caller's id of the request, echoed in the answer. */
  id: string;
}

/** The kubelet's answer. */
export interface StatsSummaryReply {
  t: 'stats.summary.reply';
  id: string;
  summary: Summary;
}

/** Whether a datagram is a summary request. */
export function isStatsSummaryRequest(msg: unknown): msg is StatsSummaryRequest {
  const m = msg as StatsSummaryRequest;
  return !!m && typeof m === 'object' && m.t === 'stats.summary' && typeof m.id === 'string';
}

/** Whether a datagram is a summary answer. */
export function isStatsSummaryReply(msg: unknown): msg is StatsSummaryReply {
  const m = msg as StatsSummaryReply;
  return !!m && typeof m === 'object' && m.t === 'stats.summary.reply' && typeof m.id === 'string';
}

/** The CPU time a served connection costs when KUBEPLAY_CPU_PER_REQUEST is not set. */
export const defaultCpuPerRequestMs = 1;

/** How the meter samples; the fast profile divides the windows by ten. */
export interface MeterTiming {
  /** cAdvisor's housekeeping window that usageNanoCores is the rate over (10 s). */
  rateWindowMs: number;
  /** How long one draw of noise holds. */
  noisePeriodMs: number;
}

/** The meter's timing in a profile. */
export function meterTiming(profile: 'fast' | 'realistic'): MeterTiming {
  return profile === 'realistic' ? { rateWindowMs: 10_000, noisePeriodMs: 1_000 } : { rateWindowMs: 1_000, noisePeriodMs: 100 };
}

/** One running container as the meter reads it at a moment. */
export interface MeteredContainer {
  id: string;
  /** Steady CPU use now (the program's or KUBEPLAY_CPU's, throttled), millicores. */
  cpuMilli: number;
  /** The cgroup's CPU limit, millicores (null: none). */
  cpuLimitMilli: number | null;
  /** When it started (simulated ms): its account counts from then. */
  startedAt: number;
}

// Noise: ±5% of a container's steady use, a new draw every noise period.
const noiseFraction = 0.05;
// An idle process still wakes now and then: up to this much CPU when its program reports none.
const idleJitterMilli = 0.3;
/** The node's own daemons (kubelet, containerd, systemd, the kernel): CPU and memory besides the pods. */
export const systemCpuMilli = 40;
export const systemMemoryBytes = 420 * 1024 * 1024;

interface Account {
  /** Core-nanoseconds used so far. */
  cumNs: number;
  lastAt: number;
  /** CPU time charged by connections and not yet run (it runs as fast as the limit lets it). */
  pendingNs: number;
  /** (time, cumNs) samples within the rate window, oldest first. */
  samples: { at: number; cumNs: number }[];
}

/**
 * The CPU accounts of one node's containers and of the node itself: cumulative CPU time
 * integrated over simulated time, as cpuacct.usage grows. Pure: time and the containers come in.
 */
export class CpuMeter {
  private readonly accounts = new Map<string, Account>();
  private readonly node: Account;
  private readonly salt: number;

  constructor(
    rng: Rng,
    readonly startMs: number,
    private readonly timing: MeterTiming,
  ) {
    this.salt = rng.nextUint32();
    this.node = { cumNs: 0, lastAt: startMs, pendingNs: 0, samples: [{ at: startMs, cumNs: 0 }] };
  }

  /** Brings every account to `now`, given the containers running now (others are dropped). */
  advance(now: number, running: readonly MeteredContainer[]): void {
    const seen = new Set<string>();
    let nodeDelta = 0;
    for (const c of running) {
      seen.add(c.id);
      let a = this.accounts.get(c.id);
      if (!a) {
        const from = Math.min(now, c.startedAt);
        this.accounts.set(c.id, (a = { cumNs: 0, lastAt: from, pendingNs: 0, samples: [{ at: from, cumNs: 0 }] }));
      }
      const before = a.cumNs;
      this.integrate(a, now, c.id, c.cpuMilli > 0 ? c.cpuMilli : 0, c.cpuLimitMilli);
      nodeDelta += a.cumNs - before;
    }
    for (const id of [...this.accounts.keys()]) if (!seen.has(id)) this.accounts.delete(id);
    this.integrate(this.node, now, '', systemCpuMilli, null);
    this.node.cumNs += nodeDelta;
    this.node.samples[this.node.samples.length - 1].cumNs += nodeDelta;
  }

  /** Charges a container `ms` of CPU time (a served connection); it runs as its limit allows. */
  charge(id: string, ms: number): void {
    const a = this.accounts.get(id);
    if (a && ms > 0) a.pendingNs += ms * 1e6;
  }

  /** A container's counters (after `advance`); null when it is not metered. */
  container(id: string): { cumNs: number; nanoCores: number } | null {
    const a = this.accounts.get(id);
    return a ? { cumNs: Math.round(a.cumNs), nanoCores: rateOf(a) } : null;
  }

  /** The node's counters (after `advance`). */
  nodeCounters(): { cumNs: number; nanoCores: number } {
    return { cumNs: Math.round(this.node.cumNs), nanoCores: rateOf(this.node) };
  }

  // Adds the CPU used from a.lastAt to now: the steady rate with its noise, bucket by bucket, and
  // what charged work the limit leaves room for.
  private integrate(a: Account, now: number, id: string, steadyMilli: number, limitMilli: number | null): void {
    let t = a.lastAt;
    if (now <= t) return;
    const period = this.timing.noisePeriodMs;
    let steadyNs = 0;
    while (t < now) {
      const bucket = Math.floor(t / period);
      const end = Math.min(now, (bucket + 1) * period);
      const u = unitNoise(this.salt, id, bucket);
      const milli = steadyMilli > 0 ? steadyMilli * (1 + noiseFraction * (2 * u - 1)) : idleJitterMilli * u;
      const capped = limitMilli === null ? milli : Math.min(milli, limitMilli);
      steadyNs += capped * (end - t) * 1e3;
      t = end;
    }
    let charged = a.pendingNs;
    if (limitMilli !== null) {
      const room = Math.max(0, limitMilli * (now - a.lastAt) * 1e3 - steadyNs);
      charged = Math.min(charged, room);
    }
    a.pendingNs -= charged;
    a.cumNs += steadyNs + charged;
    a.lastAt = now;
    a.samples.push({ at: now, cumNs: a.cumNs });
    // Keep one sample at or before the window's start, so the rate always spans the window.
    const from = now - this.timing.rateWindowMs;
    while (a.samples.length > 2 && a.samples[1].at <= from) a.samples.shift();
  }
}

// usageNanoCores: the rate between the window's oldest sample and the newest.
function rateOf(a: Account): number {
  const first = a.samples[0];
  const last = a.samples[a.samples.length - 1];
  const ms = last.at - first.at;
  return ms > 0 ? Math.round(((last.cumNs - first.cumNs) * 1000) / ms) : 0;
}

// A uniform draw in [0, 1) that depends only on the node's salt, the container and the bucket.
function unitNoise(salt: number, id: string, bucket: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  const s = `${id}#${bucket}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

/** The kubelet's stats provider: meters its containers and answers summary requests. */
export class KubeletStats {
  private meter: CpuMeter | null = null;
  /** Summaries served and connections charged, for telemetry. */
  served = 0;
  charged = 0;

  constructor(private readonly k: Kubelet) {}

  /**
   * Takes a summary request (true), or, for a connection to one of this node's pods, charges the
   * container listening on its port and lets it pass on (false).
   */
  receive(input: Input): boolean {
    if (input.type !== 'message') return false;
    if (isServeSyn(input.msg)) {
      this.chargeConnection(input.msg.ip, input.msg.port);
      return false;
    }
    if (!isStatsSummaryRequest(input.msg)) return false;
    this.answer(input.from, input.msg.id);
    return true;
  }

  telemetry(): Record<string, number> {
    return { served: this.served, charged: this.charged };
  }

  /** The node's summary now (pkg/kubelet/server/stats/summary.go Get). */
  summary(): Summary {
    const env = this.k.c.env;
    const now = env.now();
    const core = this.k.host.kubelet;
    core?.advance(now);
    const meter = this.meterFor();
    const running = core ? runningContainers(core) : [];
    meter.advance(now, running.map((r) => r.metered));
    const epoch = this.k.config.epochMs;
    const at = (ms: number) => rfc3339Micro(epoch + ms);
    const time = at(now);
    const pods = new Map<string, PodStats>();
    for (const r of running) {
      const counters = meter.container(r.metered.id)!;
      const mem = r.memoryBytes;
      const cs: ContainerStats = { name: r.name, startTime: at(r.startedAt), cpu: { time, usageNanoCores: counters.nanoCores, usageCoreNanoSeconds: counters.cumNs }, memory: memoryStats(time, mem) };
      let p = pods.get(r.pod.uid);
      if (!p) pods.set(r.pod.uid, (p = { podRef: r.pod, startTime: at(r.podStartedAt), containers: [], cpu: { time, usageNanoCores: 0, usageCoreNanoSeconds: 0 }, memory: memoryStats(time, 0) }));
      p.containers.push(cs);
      p.cpu.usageNanoCores += cs.cpu.usageNanoCores;
      p.cpu.usageCoreNanoSeconds += cs.cpu.usageCoreNanoSeconds;
      p.memory = memoryStats(time, p.memory.workingSetBytes + mem);
    }
    const node = meter.nodeCounters();
    const podMem = [...pods.values()].reduce((s, p) => s + p.memory.workingSetBytes, 0);
    const capacity = mustParseQuantity(this.k.config.memory).value();
    const nodeMem = systemMemoryBytes + podMem;
    return {
      node: {
        nodeName: this.k.nodeName,
        startTime: at(meter.startMs),
        cpu: { time, usageNanoCores: node.nanoCores, usageCoreNanoSeconds: node.cumNs },
        memory: { ...memoryStats(time, nodeMem), availableBytes: Math.max(0, capacity - nodeMem) },
      },
      pods: [...pods.values()].map((p) => ({ ...p, containers: p.containers.sort((a, b) => (a.name < b.name ? -1 : 1)) })).sort((a, b) => (a.podRef.namespace + '/' + a.podRef.name < b.podRef.namespace + '/' + b.podRef.name ? -1 : 1)),
    };
  }

  private answer(from: ProcessId, id: string): void {
    this.served++;
    this.k.c.env.send(from, { t: 'stats.summary.reply', id, summary: this.summary() } satisfies StatsSummaryReply);
  }

  private meterFor(): CpuMeter {
    // The node's account runs from when its kubelet started the pods' runtime.
    const start = this.k.host.kubelet?.opts.startMs ?? this.k.c.env.now();
    if (!this.meter) this.meter = new CpuMeter(this.k.c.env.rng.fork('stats'), start, meterTiming(this.k.config.profile));
    return this.meter;
  }

  // A connection's CPU goes to the running container that listens on its port.
  private chargeConnection(ip: string, port: number): void {
    const core = this.k.host.kubelet;
    if (!core) return;
    const now = this.k.c.env.now();
    core.advance(now);
    const running = runningContainers(core);
    const meter = this.meterFor();
    meter.advance(now, running.map((r) => r.metered));
    const target = running.find((r) => r.ip === ip && r.listening(port));
    if (!target) return;
    this.charged++;
    meter.charge(target.metered.id, target.perRequestMs ?? defaultCpuPerRequestMs);
  }
}

interface RunningContainer {
  metered: MeteredContainer;
  name: string;
  startedAt: number;
  memoryBytes: number;
  perRequestMs: number | null;
  ip: string;
  pod: { name: string; namespace: string; uid: string };
  podStartedAt: number;
  listening(port: number): boolean;
}

// Every running container of the node's ready sandboxes, in the runtime's order.
function runningContainers(core: KubeletCore): RunningContainer[] {
  const rt = core.runtime;
  const out: RunningContainer[] = [];
  for (const sb of rt.listPodSandbox()) {
    if (sb.state !== 'SANDBOX_READY') continue;
    for (const c of rt.listContainers(sb.metadata.uid)) {
      if (c.state !== 'CONTAINER_RUNNING') continue;
      const p = rt.process(c.id);
      if (!p) continue;
      const profile = p.cpuProfile();
      out.push({
        metered: { id: c.id, cpuMilli: p.cpuMilli(), cpuLimitMilli: profile.limitMilli, startedAt: c.startedAt },
        name: c.metadata.name,
        startedAt: c.startedAt,
        memoryBytes: p.memoryBytes(),
        perRequestMs: profile.perRequestMs,
        ip: sb.ip,
        pod: { name: sb.metadata.name, namespace: sb.metadata.namespace, uid: sb.metadata.uid },
        podStartedAt: sb.createdAt,
        listening: (port) => p.listening(port),
      });
    }
  }
  return out;
}

// A container's (or pod's) memory: its working set, as cAdvisor reports it (usage includes a little page cache).
function memoryStats(time: string, workingSet: number): MemoryStats {
  return { time, usageBytes: workingSet, workingSetBytes: workingSet, rssBytes: workingSet, pageFaults: 0, majorPageFaults: 0 };
}
