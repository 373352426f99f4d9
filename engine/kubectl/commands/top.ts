// kubectl top node / top pod (k8s.io/kubectl/pkg/cmd/top, pkg/metricsutil/metrics_printer.go, 1.32):
// resource usage from metrics.k8s.io, once discovery lists the group (`error: Metrics API not
// available` until then). Nodes print NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%) against their
// allocatable (or capacity), nodes without metrics as <unknown>; pods print NAME CPU(cores)
// MEMORY(bytes), with NAMESPACE for -A and POD for --containers, and --sum adds a total. CPU shows
// as whole millicores (rounded up), memory as whole MiB (rounded down), every line ending in the
// tab writer's padding, as kubectl's.

import type { Command } from '../../etcdctl/cobra';
import { Quantity } from '../../api/quantity';
import type { Node, Pod } from '../../api/types';
import { durationFromMs } from '../../etcdctl/gofmt';
import type { Co } from '../../sim/co';
import type { ContainerMetrics, MetricsList, NodeMetrics, PodMetrics } from '../../metrics/types';
import type { KubectlContext } from '../context';
import { parseOk } from '../context';
import { ApiError, CommandError } from '../errors';
import { tabwrite } from '../printers/tabwriter';

/** metricsutil's SupportedMetricsAPIVersions. */
const supportedMetricsApiVersions = ['v1beta1'];

/** A pod younger than this may simply not have metrics yet (top_pod.go metricsCreationDelay). */
const metricsCreationDelayMs = 2 * 60_000;

// Models top.go SupportedMetricsAPIVersionAvailable over discovery's ServerGroups.
function* metricsApiAvailable(ctx: KubectlContext): Co<boolean> {
  const list = yield* ctx.request<{ groups?: { name: string; versions: { version: string }[] }[] }>('GET', '/apis');
  return (list.groups ?? []).some((g) => g.name === 'metrics.k8s.io' && g.versions.some((v) => supportedMetricsApiVersions.includes(v.version)));
}

/** A metrics request; a 503 the aggregator answers in plain text reads as client-go's ServiceUnavailable. */
function* metricsRequest<T>(ctx: KubectlContext, path: string, what: string): Co<T> {
  const res = yield* ctx.rest.call('GET', path, undefined, { accept: 'application/json' });
  if (res.status === 503 && !res.body.trimStart().startsWith('{')) {
    throw new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `the server is currently unable to handle the request (get ${what})`, reason: 'ServiceUnavailable', code: 503 });
  }
  return parseOk<T>(res);
}

const cpuMilli = (q: string | undefined) => (q === undefined ? 0 : Quantity.parse(q).milliValue());
const memBytes = (q: string | undefined) => (q === undefined ? 0 : Quantity.parse(q).value());

// printSingleResourceUsage: cpu as %vm of MilliValue, memory as %vMi of Value()/(1024*1024).
function usageCells(cpuM: number, memB: number, available?: { cpuM: number; memB: number }): string {
  const pct = (v: number, of: number) => `${Math.trunc((v / of) * 100)}%\t`;
  let s = `${cpuM}m\t`;
  if (available) s += pct(cpuM, available.cpuM);
  s += `${Math.trunc(memB / (1024 * 1024))}Mi\t`;
  if (available) s += pct(memB, available.memB);
  return s;
}

/** Sorts as the metrics sorters do: by cpu or memory, largest first, else by name (stable). */
function sortBy<T>(items: T[], by: string, cpuOf: (t: T) => number, memOf: (t: T) => number, nameOf: (t: T) => string): T[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...items].sort((a, b) => (by === 'cpu' ? cpuOf(b) - cpuOf(a) : by === 'memory' ? memOf(b) - memOf(a) : cmp(nameOf(a), nameOf(b))));
}

function validateSortBy(by: string): void {
  if (by && by !== 'cpu' && by !== 'memory') throw new CommandError('--sort-by accepts only cpu or memory');
}

function topNodeCommand(ctx: KubectlContext): Command {
  return {
    use: 'node [NAME | -l label]',
    aliases: ['nodes', 'no'],
    short: 'Display resource (CPU/memory) usage of nodes',
    flags: [
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
      { name: 'sort-by', kind: 'string', def: '', usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
      { name: 'no-headers', kind: 'bool', def: 'false', usage: 'If present, print output without headers' },
      { name: 'use-protocol-buffers', kind: 'bool', def: 'true', usage: 'Enables using protocol-buffers to access Metrics API.' },
      { name: 'show-capacity', kind: 'bool', def: 'false', usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
    ],
    // Models top_node.go RunTopNode.
    run: function* (inv) {
      if (inv.args.length > 1) throw new CommandError(`node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples`);
      const name = inv.args[0] ?? '';
      const selector = ctx.flag<string>('selector');
      const by = ctx.flag<string>('sort-by');
      validateSortBy(by);
      if (name && selector) throw new CommandError('only one of NAME or --selector can be provided');
      if (!(yield* metricsApiAvailable(ctx))) throw new CommandError('Metrics API not available');
      const query = selector ? `?labelSelector=${encodeURIComponent(selector)}` : '';
      const metrics = name
        ? [yield* metricsRequest<NodeMetrics>(ctx, `/apis/metrics.k8s.io/v1beta1/nodes/${encodeURIComponent(name)}`, 'nodes.metrics.k8s.io')]
        : (yield* metricsRequest<MetricsList<NodeMetrics>>(ctx, `/apis/metrics.k8s.io/v1beta1/nodes${query}`, 'nodes.metrics.k8s.io')).items;
      if (metrics.length === 0) throw new CommandError('metrics not available yet');
      const nodes = name ? [yield* ctx.request<Node>('GET', `/api/v1/nodes/${encodeURIComponent(name)}`)] : (yield* ctx.request<{ items: Node[] }>('GET', `/api/v1/nodes${query}`)).items;
      const capacity = ctx.flag<boolean>('show-capacity');
      const available = new Map(nodes.map((n) => [n.metadata.name ?? '', capacity ? n.status?.capacity : n.status?.allocatable]));
      let text = ctx.flag<boolean>('no-headers') ? '' : 'NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n';
      for (const m of sortBy(metrics, by, (x) => cpuMilli(x.usage.cpu), (x) => memBytes(x.usage.memory), (x) => x.metadata.name ?? '')) {
        const n = m.metadata.name ?? '';
        const a = available.get(n);
        text += `${n}\t${usageCells(cpuMilli(m.usage.cpu), memBytes(m.usage.memory), a ? { cpuM: cpuMilli(a.cpu), memB: memBytes(a.memory) } : undefined)}\n`;
        available.delete(n);
      }
      // Nodes the API has but whose metrics are missing.
      for (const n of available.keys()) text += `${n}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
      ctx.io.out(tabwrite(text));
    },
  };
}

function topPodCommand(ctx: KubectlContext): Command {
  return {
    use: 'pod [NAME | -l label]',
    aliases: ['pods', 'po'],
    short: 'Display resource (CPU/memory) usage of pods',
    flags: [
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
      { name: 'field-selector', kind: 'string', def: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
      { name: 'sort-by', kind: 'string', def: '', usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
      { name: 'containers', kind: 'bool', def: 'false', usage: 'If present, print usage of containers within a pod.' },
      { name: 'all-namespaces', shorthand: 'A', kind: 'bool', def: 'false', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
      { name: 'no-headers', kind: 'bool', def: 'false', usage: 'If present, print output without headers.' },
      { name: 'use-protocol-buffers', kind: 'bool', def: 'true', usage: 'Enables using protocol-buffers to access Metrics API.' },
      { name: 'sum', kind: 'bool', def: 'false', usage: 'Print the sum of the resource usage' },
    ],
    // Models top_pod.go RunTopPod.
    run: function* (inv) {
      if (inv.args.length > 1) throw new CommandError(`pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples`);
      const name = inv.args[0] ?? '';
      const selector = ctx.flag<string>('selector');
      const fieldSelector = ctx.flag<string>('field-selector');
      const by = ctx.flag<string>('sort-by');
      const allNs = ctx.flag<boolean>('all-namespaces');
      validateSortBy(by);
      if (name && (selector || fieldSelector)) throw new CommandError('only one of NAME or selector can be provided');
      if (!(yield* metricsApiAvailable(ctx))) throw new CommandError('Metrics API not available');
      const base = allNs && !name ? '/apis/metrics.k8s.io/v1beta1/pods' : `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(ctx.namespace)}/pods`;
      const q = [selector ? `labelSelector=${encodeURIComponent(selector)}` : '', fieldSelector ? `fieldSelector=${encodeURIComponent(fieldSelector)}` : ''].filter((x) => x).join('&');
      const metrics = name ? [yield* metricsRequest<PodMetrics>(ctx, `${base}/${encodeURIComponent(name)}`, 'pods.metrics.k8s.io')] : (yield* metricsRequest<MetricsList<PodMetrics>>(ctx, `${base}${q ? `?${q}` : ''}`, 'pods.metrics.k8s.io')).items;
      if (metrics.length === 0) {
        // Models top_pod.go verifyEmptyMetrics: pods too young for metrics are fine; an older one is an error.
        const podsPath = `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods${q ? `?${q}` : ''}`;
        const pods = (yield* ctx.request<{ items: Pod[] }>('GET', podsPath)).items;
        if (pods.length > 0) {
          for (const p of pods) {
            const age = ctx.nowMs() - Date.parse(p.metadata.creationTimestamp ?? '');
            if (age > metricsCreationDelayMs) throw new CommandError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${durationFromMs(age)}`);
          }
          throw new CommandError('metrics not available yet');
        }
        ctx.io.err(allNs ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
        return;
      }
      const containers = ctx.flag<boolean>('containers');
      const sum = (cs: ContainerMetrics[]) => ({ cpu: cs.reduce((s, c) => s + cpuNano(c.usage.cpu), 0), mem: cs.reduce((s, c) => s + memBytes(c.usage.memory), 0) });
      let text = '';
      let columns = 3;
      if (!ctx.flag<boolean>('no-headers')) {
        if (allNs) {
          text += 'NAMESPACE\t';
          columns++;
        }
        if (containers) {
          text += 'POD\t';
          columns++;
        }
        text += 'NAME\tCPU(cores)\tMEMORY(bytes)\t\n';
      }
      const podCpu = (m: PodMetrics) => nanoToMilli(sum(m.containers).cpu);
      const sorted = [...metrics].sort((a, b) => (by === 'cpu' ? podCpu(b) - podCpu(a) : by === 'memory' ? sum(b.containers).mem - sum(a.containers).mem : allNs && a.metadata.namespace !== b.metadata.namespace ? ((a.metadata.namespace ?? '') < (b.metadata.namespace ?? '') ? -1 : 1) : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0));
      for (const m of sorted) {
        const ns = allNs ? `${m.metadata.namespace ?? ''}\t` : '';
        if (containers) {
          for (const c of sortBy(m.containers, by, (x) => cpuMilli(x.usage.cpu), (x) => memBytes(x.usage.memory), (x) => x.name)) {
            text += `${ns}${m.metadata.name ?? ''}\t${c.name}\t${usageCells(cpuMilli(c.usage.cpu), memBytes(c.usage.memory))}\n`;
          }
        } else {
          const s = sum(m.containers);
          text += `${ns}${m.metadata.name ?? ''}\t${usageCells(nanoToMilli(s.cpu), s.mem)}\n`;
        }
      }
      // Models metrics_printer.go printPodResourcesSum: a rule under the usage columns, then the totals.
      if (ctx.flag<boolean>('sum')) {
        const all = sum(metrics.flatMap((m) => m.containers));
        text += `${'\t'.repeat(Math.max(0, columns - 2))}________\t________\t\n`;
        text += `${'\t'.repeat(Math.max(0, columns - 3))}\t${usageCells(nanoToMilli(all.cpu), all.mem)}\n`;
      }
      ctx.io.out(tabwrite(text));
    },
  };
}

// Quantity.Add keeps nanocores exact; MilliValue rounds the sum up.
function cpuNano(q: string | undefined): number {
  return q === undefined ? 0 : Quantity.parse(q).scaledValue(-9);
}
function nanoToMilli(n: number): number {
  return Quantity.fromScaled(n, -9).milliValue();
}

/** kubectl top. */
export function topCommand(ctx: KubectlContext): Command {
  return {
    use: 'top',
    short: 'Display resource (CPU/memory) usage',
    commands: [topNodeCommand(ctx), topPodCommand(ctx)],
  };
}
