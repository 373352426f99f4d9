// metrics-server's storage (sigs.k8s.io/metrics-server pkg/storage): the last two scrapes of every
// node and container, and the usage between them: CPU as the cumulative counter's growth over the
// window, memory as the last working set. A node or pod has metrics once two points are stored; a
// container that restarted starts over, and one that started within the last resolution (but at
// least freshContainerMinMetricsResolution ago) counts from its start with zero CPU used.

import { Quantity } from '../api/quantity';
import type { Summary } from '../kubelet/stats';
import type { ContainerMetrics, ResourceList } from './types';

/** MetricsPoint: one sample of a node or container. Times are wall ms. */
export interface MetricsPoint {
  /** When the container (or node) started: cumulative CPU was zero then. */
  startTime: number;
  /** When the sample was measured. */
  timestamp: number;
  /** CPU used since startTime, core-nanoseconds. */
  cumulativeCpuUsed: number;
  /** Working set, bytes. */
  memoryUsage: number;
}

/** MetricsBatch: one scrape of every node. */
export interface MetricsBatch {
  nodes: Map<string, MetricsPoint>;
  /** By `namespace/name`; each pod's containers by name. */
  pods: Map<string, Map<string, MetricsPoint>>;
}

/** A usage and the window it was measured over. */
export interface Usage {
  usage: ResourceList;
  timestamp: number;
  windowMs: number;
}

/** An empty batch. */
export function newBatch(): MetricsBatch {
  return { nodes: new Map(), pods: new Map() };
}

// Models pkg/scraper/client/resource/decode.go: a node's summary as a batch (points with no CPU or memory are skipped).
/** The points of one node's summary, added to `into`. */
export function decodeSummary(s: Summary, into: MetricsBatch = newBatch()): MetricsBatch {
  const t = (v: string) => Date.parse(v);
  if (s.node.cpu && s.node.memory) {
    into.nodes.set(s.node.nodeName, { startTime: t(s.node.startTime), timestamp: t(s.node.cpu.time), cumulativeCpuUsed: s.node.cpu.usageCoreNanoSeconds, memoryUsage: s.node.memory.workingSetBytes });
  }
  for (const p of s.pods) {
    const key = `${p.podRef.namespace}/${p.podRef.name}`;
    const containers = new Map<string, MetricsPoint>();
    for (const c of p.containers) {
      if (!c.cpu || !c.memory) continue;
      containers.set(c.name, { startTime: t(c.startTime), timestamp: t(c.cpu.time), cumulativeCpuUsed: c.cpu.usageCoreNanoSeconds, memoryUsage: c.memory.workingSetBytes });
    }
    if (containers.size > 0 && !into.pods.has(key)) into.pods.set(key, containers);
  }
  return into;
}

// Models pkg/storage/types.go resourceUsage.
/** The usage between two points of one node or container; an error when the counters went back. */
export function resourceUsage(last: MetricsPoint, prev: MetricsPoint): Usage | { error: string } {
  if (last.startTime < prev.startTime) return { error: 'unexpected decrease in startTime of node/container' };
  if (last.cumulativeCpuUsed < prev.cumulativeCpuUsed) return { error: 'unexpected decrease in cumulative CPU usage value' };
  const windowMs = last.timestamp - prev.timestamp;
  const nanoCores = Math.trunc((last.cumulativeCpuUsed - prev.cumulativeCpuUsed) / (windowMs / 1000));
  return {
    usage: { cpu: Quantity.fromScaled(nanoCores, -9).toString(), memory: Quantity.fromValue(Math.trunc(last.memoryUsage), 'BinarySI').toString() },
    timestamp: last.timestamp,
    windowMs,
  };
}

// Models pkg/storage/node.go nodeStorage.
/** The last two points of every node. */
export class NodeStorage {
  private last = new Map<string, MetricsPoint>();
  private prev = new Map<string, MetricsPoint>();

  /** A node's usage, or null until two points are stored. */
  get(name: string): Usage | null {
    const last = this.last.get(name);
    const prev = this.prev.get(name);
    if (!last || !prev) return null;
    const u = resourceUsage(last, prev);
    return 'error' in u ? null : u;
  }

  store(batch: MetricsBatch): void {
    const last = new Map<string, MetricsPoint>();
    const prev = new Map<string, MetricsPoint>();
    for (const [name, point] of batch.nodes) {
      last.set(name, point);
      const stored = this.last.get(name);
      if (!stored) continue;
      if (point.timestamp > stored.timestamp) prev.set(name, stored);
      else {
        const p = this.prev.get(name);
        if (p && p.timestamp < point.timestamp) prev.set(name, p);
      }
    }
    this.last = last;
    this.prev = prev;
  }

  /** Nodes with metrics to serve (storage Ready counts these). */
  get ready(): number {
    return this.prev.size;
  }
}

// Models pkg/storage/pod.go podStorage.
/** The last two points of every pod's containers. */
export class PodStorage {
  private last = new Map<string, Map<string, MetricsPoint>>();
  private prev = new Map<string, Map<string, MetricsPoint>>();

  constructor(
    /** --metric-resolution: the scrape period. */
    private readonly resolutionMs: number,
    /** freshContainerMinMetricsResolution (10 s): a younger container's first point cannot stand alone. */
    private readonly freshMinMs: number,
  ) {}

  /** A pod's containers' usage (sorted by name) and the earliest window, or null until every container has two points. */
  get(key: string): { containers: ContainerMetrics[]; timestamp: number; windowMs: number } | null {
    const last = this.last.get(key);
    const prev = this.prev.get(key);
    if (!last || !prev) return null;
    const containers: ContainerMetrics[] = [];
    let earliest: Usage | null = null;
    for (const [name, point] of last) {
      const p = prev.get(name);
      if (!p) return null;
      const u = resourceUsage(point, p);
      if ('error' in u) continue;
      containers.push({ name, usage: u.usage });
      if (!earliest || earliest.timestamp > u.timestamp) earliest = u;
    }
    containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { containers, timestamp: earliest?.timestamp ?? 0, windowMs: earliest?.windowMs ?? 0 };
  }

  store(batch: MetricsBatch): void {
    const last = new Map<string, Map<string, MetricsPoint>>();
    const prev = new Map<string, Map<string, MetricsPoint>>();
    for (const [key, containers] of batch.pods) {
      const newLast = new Map<string, MetricsPoint>();
      const newPrev = new Map<string, MetricsPoint>();
      for (const [name, point] of containers) {
        newLast.set(name, point);
        const age = point.timestamp - point.startTime;
        if (point.startTime < point.timestamp && age < this.resolutionMs && age >= this.freshMinMs) {
          newPrev.set(name, { ...point, timestamp: point.startTime, cumulativeCpuUsed: 0 });
          continue;
        }
        const stored = this.last.get(key)?.get(name);
        // A container that restarted since (started after the stored point) starts over.
        if (!stored || !(point.startTime < stored.timestamp)) continue;
        if (point.timestamp > stored.timestamp) newPrev.set(name, stored);
        else {
          const p = this.prev.get(key)?.get(name);
          if (p && p.timestamp < point.timestamp) newPrev.set(name, p);
        }
      }
      if (newPrev.size > 0) prev.set(key, newPrev);
      last.set(key, newLast);
    }
    this.last = last;
    this.prev = prev;
  }

  /** Containers with metrics to serve. */
  get ready(): number {
    let n = 0;
    for (const p of this.prev.values()) n += p.size;
    return n;
  }
}
