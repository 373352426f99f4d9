// metrics-server's API (sigs.k8s.io/metrics-server pkg/api): metrics.k8s.io/v1beta1 nodes and pods,
// get and list, over the nodes and pods its informers hold and the usage its storage computed.
// Lists take labelSelector and fieldSelector (metadata.name, metadata.namespace) as the registry
// does; items are sorted by name (pods: namespace, then name); a node or pod without two points yet
// is left out of a list and is NotFound by name. Table requests get metrics-server's columns. Pure:
// a request and the state in, a response out.

import { Quantity } from '../api/quantity';
import type { Node, Pod, Status } from '../api/types';
import { parseSelector, SelectorError, type Selector } from '../api/labels';
import { parseFieldSelector, FieldSelectorError, type FieldSelector } from '../api/fields';
import { rfc3339 } from '../apiserver/registry/objects';
import { newBadRequest, newMethodNotSupported, newNotFound, newPathNotFound, StatusError } from '../apiserver/errors';
import { parseUrl, queryBool, queryParam, type HttpRequest, type HttpResponse } from '../apiserver/http';
import { durationFromMs } from '../etcdctl/gofmt';
import type { Lister } from '../client/store';
import type { NodeStorage, PodStorage } from './storage';
import { metricsGroup, metricsGroupVersion, metricsVersion, type MetricsList, type NodeMetrics, type PodMetrics } from './types';

/** What the API reads. */
export interface MetricsApiState {
  nodes: Lister<Node>;
  pods: Lister<Pod>;
  nodeStorage: NodeStorage;
  podStorage: PodStorage;
  /** Wall ms now (creationTimestamp is the time of the answer, as metrics-server sets it). */
  nowMs: number;
}

const json = { 'content-type': 'application/json' };

/** The APIResourceList metrics-server serves for metrics.k8s.io/v1beta1. */
export function metricsResourceList(): Record<string, unknown> {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: metricsGroupVersion,
    resources: [
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ],
  };
}

/** The APIGroup of metrics.k8s.io. */
export function metricsApiGroup(): Record<string, unknown> {
  const gv = { groupVersion: metricsGroupVersion, version: metricsVersion };
  return { kind: 'APIGroup', apiVersion: 'v1', name: metricsGroup, versions: [gv], preferredVersion: gv };
}

/** Answers one request to metrics-server's API. */
export function serveMetricsApi(req: HttpRequest, state: MetricsApiState): HttpResponse {
  try {
    return route(req, state);
  } catch (e) {
    if (e instanceof StatusError) return { status: e.code, headers: json, body: JSON.stringify(e.status satisfies Status) };
    throw e;
  }
}

function route(req: HttpRequest, state: MetricsApiState): HttpResponse {
  const url = parseUrl(req.url);
  const parts = url.path.split('/').filter((p) => p !== '');
  const ok = (body: unknown): HttpResponse => ({ status: 200, headers: json, body: JSON.stringify(body) });
  if (parts.length === 1 && parts[0] === 'apis') return ok({ kind: 'APIGroupList', apiVersion: 'v1', groups: [metricsApiGroup()] });
  if (parts[0] !== 'apis' || parts[1] !== metricsGroup) throw newPathNotFound();
  if (parts.length === 2) return ok(metricsApiGroup());
  if (parts[2] !== metricsVersion) throw newPathNotFound();
  if (parts.length === 3) return ok(metricsResourceList());
  // /nodes[/name], /pods, /namespaces/{ns}/pods[/name]
  let rest = parts.slice(3);
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const resource = rest[0];
  const name = rest[1] ?? '';
  if ((resource !== 'nodes' && resource !== 'pods') || rest.length > 2 || (resource === 'nodes' && namespace)) throw newPathNotFound();
  const verb = req.method !== 'GET' ? methodVerb(req.method) : name ? 'get' : queryBool(url.query, 'watch') ? 'watch' : 'list';
  if (verb !== 'get' && verb !== 'list') throw newMethodNotSupported({ group: metricsGroup, resource }, verb);
  const table = (req.headers['accept'] ?? '').includes('as=Table');
  if (resource === 'nodes') {
    if (name) {
      const m = nodeMetricsOf(state, name);
      return ok(table ? nodeTable([m]) : { kind: 'NodeMetrics', apiVersion: metricsGroupVersion, ...m });
    }
    const items = listNodes(state, labelSelectorOf(url.query), fieldSelectorOf(url.query));
    return ok(table ? nodeTable(items) : ({ kind: 'NodeMetricsList', apiVersion: metricsGroupVersion, metadata: {}, items } satisfies MetricsList<NodeMetrics>));
  }
  if (name) {
    const m = podMetricsOf(state, namespace, name);
    return ok(table ? podTable([m]) : { kind: 'PodMetrics', apiVersion: metricsGroupVersion, ...m });
  }
  const items = listPods(state, namespace, labelSelectorOf(url.query), fieldSelectorOf(url.query));
  return ok(table ? podTable(items) : ({ kind: 'PodMetricsList', apiVersion: metricsGroupVersion, metadata: {}, items } satisfies MetricsList<PodMetrics>));
}

function methodVerb(method: string): string {
  return method === 'POST' ? 'create' : method === 'PUT' ? 'update' : method === 'PATCH' ? 'patch' : method === 'DELETE' ? 'delete' : method.toLowerCase();
}

function labelSelectorOf(q: Map<string, string[]>): Selector | null {
  const s = queryParam(q, 'labelSelector');
  if (!s) return null;
  try {
    return parseSelector(s);
  } catch (e) {
    if (e instanceof SelectorError) throw newBadRequest(`unable to parse requirement: ${e.message}`);
    throw e;
  }
}

function fieldSelectorOf(q: Map<string, string[]>): FieldSelector | null {
  const s = queryParam(q, 'fieldSelector');
  if (!s) return null;
  try {
    return parseFieldSelector(s);
  } catch (e) {
    if (e instanceof FieldSelectorError) throw newBadRequest(e.message);
    throw e;
  }
}

// Models pkg/storage/node.go GetMetrics: name, labels, now as creationTimestamp, the window's end and length.
function nodeMetrics(state: MetricsApiState, node: Node): NodeMetrics | null {
  const u = state.nodeStorage.get(node.metadata.name ?? '');
  if (!u) return null;
  return {
    metadata: { name: node.metadata.name, ...(node.metadata.labels ? { labels: node.metadata.labels } : {}), creationTimestamp: rfc3339(state.nowMs) },
    timestamp: rfc3339(u.timestamp),
    window: durationFromMs(u.windowMs),
    usage: u.usage,
  };
}

function podMetrics(state: MetricsApiState, pod: Pod): PodMetrics | null {
  const ns = pod.metadata.namespace ?? '';
  const u = state.podStorage.get(`${ns}/${pod.metadata.name}`);
  if (!u) return null;
  return {
    metadata: { name: pod.metadata.name, namespace: ns, ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}), creationTimestamp: rfc3339(state.nowMs) },
    timestamp: rfc3339(u.timestamp),
    window: durationFromMs(u.windowMs),
    containers: u.containers,
  };
}

// Models pkg/api/node.go List (and filterNodes: metadata.name is the only field of a node).
function listNodes(state: MetricsApiState, labels: Selector | null, fields: FieldSelector | null): NodeMetrics[] {
  return state.nodes
    .list('', labels ?? undefined)
    .filter((n) => !fields || fields.matches({ 'metadata.name': n.metadata.name ?? '' }))
    .map((n) => nodeMetrics(state, n))
    .filter((m): m is NodeMetrics => m !== null)
    .sort((a, b) => cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
}

// Models pkg/api/node.go Get: the node's NotFound, then the metrics' own.
function nodeMetricsOf(state: MetricsApiState, name: string): NodeMetrics {
  const node = state.nodes.get('', name);
  if (!node) throw newNotFound({ group: '', resource: 'node' }, name);
  const m = nodeMetrics(state, node);
  if (!m) throw newNotFound({ group: metricsGroup, resource: 'nodemetrics' }, name);
  return m;
}

// Models pkg/api/pod.go List (filterPartialObjectMetadata: metadata.name and metadata.namespace).
function listPods(state: MetricsApiState, namespace: string, labels: Selector | null, fields: FieldSelector | null): PodMetrics[] {
  return state.pods
    .list(namespace, labels ?? undefined)
    .filter((p) => !fields || fields.matches({ 'metadata.name': p.metadata.name ?? '', 'metadata.namespace': p.metadata.namespace ?? '' }))
    .map((p) => podMetrics(state, p))
    .filter((m): m is PodMetrics => m !== null)
    .sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
}

// Models pkg/api/pod.go Get.
function podMetricsOf(state: MetricsApiState, namespace: string, name: string): PodMetrics {
  const pod = state.pods.get(namespace, name);
  if (!pod) throw newNotFound({ group: '', resource: 'pods' }, name);
  const m = podMetrics(state, pod);
  if (!m) throw newNotFound({ group: metricsGroup, resource: 'podmetrics' }, `${namespace}/${name}`);
  return m;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Models pkg/api/table.go: Name, then each usage's quantity in name order, then the window.
function nodeTable(items: NodeMetrics[]): Record<string, unknown> {
  return tableOf(items.map((m) => ({ name: m.metadata.name ?? '', usage: m.usage, window: m.window, object: m })));
}

function podTable(items: PodMetrics[]): Record<string, unknown> {
  return tableOf(items.map((m) => ({ name: m.metadata.name ?? '', usage: podUsage(m), window: m.window, object: m })));
}

function podUsage(m: PodMetrics): Record<string, string> {
  const sum = new Map<string, number>();
  for (const c of m.containers) for (const [k, v] of Object.entries(c.usage)) sum.set(k, (sum.get(k) ?? 0) + (k === 'cpu' ? parseNano(v) : parseBytes(v)));
  const out: Record<string, string> = {};
  for (const [k, v] of sum) out[k] = k === 'cpu' ? formatNano(v) : formatBytes(v);
  return out;
}

function tableOf(rows: { name: string; usage: Record<string, string>; window: string; object: unknown }[]): Record<string, unknown> {
  const names = rows.length ? Object.keys(rows[0].usage).sort() : [];
  const columnDefinitions = rows.length
    ? [{ name: 'Name', type: 'string', format: 'name', description: 'Name of the resource', priority: 0 }, ...names.map((n) => ({ name: n, type: 'string', format: 'quantity', description: '', priority: 0 })), { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 }]
    : null;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions,
    rows: rows.map((r) => ({ cells: [r.name, ...names.map((n) => r.usage[n]), r.window], object: r.object })),
  };
}

// Quantities summed as Quantity.Add does, in their canonical forms.
function parseNano(v: string): number {
  return Quantity.parse(v).scaledValue(-9);
}
function parseBytes(v: string): number {
  return Quantity.parse(v).value();
}
function formatNano(n: number): string {
  return Quantity.fromScaled(n, -9).toString();
}
function formatBytes(n: number): string {
  return Quantity.fromValue(n, 'BinarySI').toString();
}
