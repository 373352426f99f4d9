// kubectl drain (k8s.io/kubectl/pkg/cmd/drain/drain.go over pkg/drain/drain.go and filters.go):
// cordon the nodes, sort their pods through the filters (DaemonSet pods need --ignore-daemonsets,
// pods with emptyDir --delete-emptydir-data, pods without a controller --force; mirror pods are
// left), then evict each remaining pod through pods/eviction — all at once, each retrying every 5 s
// while its PodDisruptionBudget answers 429 — and wait until each is gone (`pod/NAME evicted`),
// polling every second, before printing `node/NAME drained`. --disable-eviction deletes instead.

import type { Pod } from '../../api/types';
import type { Command } from '../../etcdctl/cobra';
import { durationFromMs } from '../../etcdctl/gofmt';
import { Cancelled, all, type Co } from '../../sim/co';
import type { KubectlContext } from '../context';
import { ApiError, CommandError, SilentExit, apiErrorText } from '../errors';
import { withQuery } from '../paths';
import { setUnschedulable } from './cordon';

// The filters' messages (pkg/drain/filters.go).
const daemonSetFatal = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const daemonSetWarning = 'ignoring DaemonSet-managed Pods';
const localStorageFatal = 'Pods with local storage (use --delete-emptydir-data to override)';
const localStorageWarning = 'deleting Pods with local storage';
const unmanagedFatal = 'cannot delete Pods that declare no controller (use --force to override)';
const unmanagedWarning = 'deleting Pods that declare no controller';

/** What a filter decided for a pod (PodDeleteStatus). */
interface PodDeleteStatus {
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message: string;
}

const okay: PodDeleteStatus = { delete: true, reason: 'Okay', message: '' };
const warning = (del: boolean, message: string): PodDeleteStatus => ({ delete: del, reason: 'Warning', message });
const error = (message: string): PodDeleteStatus => ({ delete: false, reason: 'Error', message });

/** drain's options, as the helper reads them. */
interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  disableEviction: boolean;
  gracePeriodSeconds: number;
  /** 0: wait for ever. */
  timeoutMs: number;
  podSelector: string;
  skipWaitForDeleteTimeoutSeconds: number;
  dryRun: 'none' | 'client' | 'server';
}

export function drainCommand(ctx: KubectlContext): Command {
  return {
    use: 'drain NODE',
    short: 'Drain node in preparation for maintenance',
    flags: [
      { name: 'chunk-size', kind: 'int64', def: '500', usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable.' },
      { name: 'delete-emptydir-data', kind: 'bool', def: 'false', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
      { name: 'delete-local-data', kind: 'bool', def: 'false', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
      { name: 'disable-eviction', kind: 'bool', def: 'false', usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
      { name: 'dry-run', kind: 'string', def: 'none', usage: 'Must be "none", "server", or "client".' },
      { name: 'force', kind: 'bool', def: 'false', usage: 'Continue even if there are pods that do not declare a controller.' },
      { name: 'grace-period', kind: 'int64', def: '-1', usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
      { name: 'ignore-daemonsets', kind: 'bool', def: 'false', usage: 'Ignore DaemonSet-managed pods.' },
      { name: 'pod-selector', kind: 'string', def: '', usage: 'Label selector to filter pods on the node' },
      { name: 'selector', shorthand: 'l', kind: 'string', def: '', usage: 'Selector (label query) to filter on' },
      { name: 'skip-wait-for-delete-timeout', kind: 'int64', def: '0', usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
      { name: 'timeout', kind: 'duration', def: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
    ],
    run: (inv) => runDrain(ctx, inv.args),
  };
}

const usage = (msg: string) => new CommandError(`${msg}\nSee 'kubectl drain -h' for help and examples`);

// Models cmd/drain/drain.go Complete and RunDrain.
function* runDrain(ctx: KubectlContext, args: string[]): Co<void> {
  const selector = ctx.flag<string>('selector');
  if (args.length === 0 && !ctx.changed('selector')) throw usage('USAGE: drain NODE [flags]');
  if (args.length > 0 && selector) throw usage('error: cannot specify both a node name and a --selector option');
  const dryRun = ctx.flag<string>('dry-run');
  if (!['none', 'client', 'server'].includes(dryRun)) throw new CommandError(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  const o: DrainOptions = {
    force: ctx.flag<boolean>('force'),
    ignoreDaemonSets: ctx.flag<boolean>('ignore-daemonsets'),
    deleteEmptyDirData: ctx.flag<boolean>('delete-emptydir-data') || ctx.flag<boolean>('delete-local-data'),
    disableEviction: ctx.flag<boolean>('disable-eviction'),
    gracePeriodSeconds: Number(ctx.flag<bigint>('grace-period')),
    timeoutMs: Number(ctx.flag<bigint>('timeout')) / 1e6,
    podSelector: ctx.flag<string>('pod-selector'),
    skipWaitForDeleteTimeoutSeconds: Number(ctx.flag<bigint>('skip-wait-for-delete-timeout')),
    dryRun: dryRun as DrainOptions['dryRun'],
  };
  if (ctx.changed('delete-local-data')) ctx.io.err('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n');
  const nodes = selector ? (yield* ctx.request<{ items: { metadata: { name: string } }[] }>('GET', withQuery('/api/v1/nodes', { labelSelector: selector }))).items.map((n) => n.metadata.name) : args;
  // The resource builder reads every node first: a missing one ends the run.
  for (const n of nodes) if (!selector) yield* ctx.request('GET', `/api/v1/nodes/${encodeURIComponent(n)}`);
  const suffix = o.dryRun === 'client' ? ' (dry run)' : o.dryRun === 'server' ? ' (server dry run)' : '';
  for (const n of nodes) {
    if (o.dryRun === 'client') {
      const node = yield* ctx.request<{ spec?: { unschedulable?: boolean } }>('GET', `/api/v1/nodes/${encodeURIComponent(n)}`);
      ctx.io.out(`node/${n} ${node.spec?.unschedulable ? 'already cordoned' : 'cordoned'}${suffix}\n`);
    } else {
      try {
        ctx.io.out(`${yield* setUnschedulable(ctx, n, true)}${suffix}\n`);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        ctx.io.err(`error: unable to cordon node "${n}": ${e.status.message ?? ''}\n`);
      }
    }
  }
  const fatal: string[][] = [];
  const remaining: string[] = [];
  for (const n of nodes) {
    const errs = yield* deleteOrEvictPodsSimple(ctx, n, o);
    if (errs.length === 0) {
      ctx.io.out(`node/${n} drained${suffix}\n`);
      continue;
    }
    ctx.io.err(`error: unable to drain node "${n}" due to error: ${aggregate(errs)}, continuing command...\n`);
    fatal.push(errs);
    remaining.push(n);
  }
  if (remaining.length > 0) ctx.io.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal.length === 0) return;
  // cmdutil.CheckErr: an aggregate of one is unwrapped; an aggregate prints one error a line.
  const lines = fatal.length === 1 ? fatal[0] : fatal.map((e) => aggregate(e));
  ctx.io.err(lines.map((l) => `${l}\n`).join(''));
  throw new SilentExit(1);
}

/** utilerrors.Aggregate's Error(): one error as it is, several deduplicated in brackets. */
function aggregate(errs: string[]): string {
  const seen = [...new Set(errs)];
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

// Models cmd/drain/drain.go deleteOrEvictPodsSimple: the node's pods, warnings, then the evictions.
function* deleteOrEvictPodsSimple(ctx: KubectlContext, node: string, o: DrainOptions): Co<string[]> {
  const first = yield* podsForDeletion(ctx, node, o);
  if (first.errors.length > 0) return first.errors;
  if (first.warnings) ctx.io.err(`Warning: ${first.warnings}\n`);
  if (o.dryRun === 'client') {
    for (const p of first.pods) ctx.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return [];
  }
  const errs = o.disableEviction ? yield* deletePods(ctx, first.pods, o) : yield* evictPods(ctx, first.pods, o);
  if (errs.length === 0) return [];
  const pending = yield* podsForDeletion(ctx, node, o);
  if (pending.pods.length > 0) {
    ctx.io.err(`There are pending pods in node "${node}" when an error occurred: ${aggregate(errs)}\n`);
    for (const p of pending.pods) ctx.io.err(`pod/${p.metadata.name}\n`);
  }
  if (pending.errors.length > 0) ctx.io.err(`Following errors occurred while getting the list of pods to delete:\n${aggregate(pending.errors)}`);
  return errs;
}

const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const controllerOf = (p: Pod) => p.metadata.ownerReferences?.find((r) => r.controller === true);

// Models pkg/drain/drain.go GetPodsForDeletion with filters.go makeFilters: skipDeleted, daemonSet, mirrorPod, localStorage, unreplicated.
function* podsForDeletion(ctx: KubectlContext, node: string, o: DrainOptions): Co<{ pods: Pod[]; warnings: string; errors: string[] }> {
  const list = yield* ctx.request<{ items: Pod[] }>('GET', withQuery('/api/v1/pods', { labelSelector: o.podSelector || undefined, fieldSelector: `spec.nodeName=${node}`, limit: 500 }));
  const decided: { pod: Pod; status: PodDeleteStatus }[] = [];
  for (const pod of list.items) {
    const filters = [skipDeleted, daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];
    let status = okay;
    for (const f of filters) {
      status = yield* f(ctx, pod, o);
      if (!status.delete) break;
    }
    decided.push({ pod, status });
  }
  // Messages group their pods (upstream in a Go map's order; here in the order first seen).
  const group = (reason: PodDeleteStatus['reason']) => {
    const m = new Map<string, string[]>();
    for (const d of decided) if (d.status.reason === reason) m.set(d.status.message || 'unexpected error', [...(m.get(d.status.message || 'unexpected error') ?? []), `${d.pod.metadata.namespace}/${d.pod.metadata.name}`]);
    return m;
  };
  const warnings = [...group('Warning')].map(([msg, ps]) => `${msg}: ${ps.join(', ')}`).join('; ');
  const errors = [...group('Error')].map(([msg, ps]) => (msg.toLowerCase().startsWith('cannot delete') ? `${msg}: ${ps.join(', ')}` : `cannot delete ${msg}: ${ps.join(', ')}`));
  return { pods: decided.filter((d) => d.status.delete).map((d) => d.pod), warnings, errors };
}

function shouldSkipPod(ctx: KubectlContext, p: Pod, skipSeconds: number): boolean {
  return skipSeconds > 0 && !!p.metadata.deletionTimestamp && Math.floor((ctx.nowMs() - Date.parse(p.metadata.deletionTimestamp)) / 1000) > skipSeconds;
}

function* skipDeleted(ctx: KubectlContext, p: Pod, o: DrainOptions): Co<PodDeleteStatus> {
  return shouldSkipPod(ctx, p, o.skipWaitForDeleteTimeoutSeconds) ? { delete: false, reason: 'Skip', message: '' } : okay;
}

function* daemonSetFilter(ctx: KubectlContext, p: Pod, o: DrainOptions): Co<PodDeleteStatus> {
  const ref = controllerOf(p);
  if (!ref || ref.kind !== 'DaemonSet' || finished(p)) return okay;
  try {
    yield* ctx.request('GET', `/apis/apps/v1/namespaces/${encodeURIComponent(p.metadata.namespace ?? '')}/daemonsets/${encodeURIComponent(ref.name)}`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    // An orphan of a DaemonSet that is gone goes with --force.
    if (e.code === 404 && o.force) return warning(true, e.status.message ?? '');
    return error(e.status.message ?? '');
  }
  return o.ignoreDaemonSets ? warning(false, daemonSetWarning) : error(daemonSetFatal);
}

function* mirrorPodFilter(_ctx: KubectlContext, p: Pod): Co<PodDeleteStatus> {
  return p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { delete: false, reason: 'Skip', message: '' } : okay;
}

function* localStorageFilter(_ctx: KubectlContext, p: Pod, o: DrainOptions): Co<PodDeleteStatus> {
  if (!(p.spec?.volumes ?? []).some((v) => v.emptyDir) || finished(p)) return okay;
  return o.deleteEmptyDirData ? warning(true, localStorageWarning) : error(localStorageFatal);
}

function* unreplicatedFilter(_ctx: KubectlContext, p: Pod, o: DrainOptions): Co<PodDeleteStatus> {
  if (finished(p) || controllerOf(p)) return okay;
  return o.force ? warning(true, unmanagedWarning) : error(unmanagedFatal);
}

/** DeleteOptions of the helper (makeDeleteOptions). */
function deleteOptions(o: DrainOptions): Record<string, unknown> {
  return { ...(o.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: o.gracePeriodSeconds } : {}), ...(o.dryRun === 'server' ? { dryRun: ['All'] } : {}) };
}

const podPath = (p: Pod) => `/api/v1/namespaces/${encodeURIComponent(p.metadata.namespace ?? '')}/pods/${encodeURIComponent(p.metadata.name ?? '')}`;

/** A sleep of the run that answers false once the global timeout has passed. */
function* sleepWithin(ctx: KubectlContext, ms: number, deadline: number): Co<boolean> {
  yield* ctx.rest.sleep(ms);
  return ctx.rest.transport.now() < deadline;
}

// Models pkg/drain/drain.go evictPods: every pod at once; a 429 is retried after 5 s.
function* evictPods(ctx: KubectlContext, pods: Pod[], o: DrainOptions): Co<string[]> {
  const start = ctx.rest.transport.now();
  const deadline = o.timeoutMs > 0 ? start + o.timeoutMs : Infinity;
  const timeoutText = o.timeoutMs > 0 ? durationFromMs(o.timeoutMs) : '2562047h47m16.854775807s';
  const one = function* (pod: Pod): Co<string | null> {
    const name = pod.metadata.name ?? '';
    const ns = pod.metadata.namespace ?? '';
    let active = pod;
    let refresh = false;
    for (;;) {
      ctx.io.out(`evicting pod ${ns}/${name}${o.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      if (ctx.rest.transport.now() >= deadline) return `error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${timeoutText}`;
      if (refresh) {
        try {
          active = yield* ctx.request<Pod>('GET', podPath(pod));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
        refresh = false;
      }
      try {
        yield* ctx.request('POST', `${podPath(active)}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, deleteOptions: deleteOptions(o) });
        break;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 404) return null;
        if (e.code === 429) {
          ctx.io.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${e.status.message ?? ''}\n`);
          yield* ctx.rest.sleep(5000);
          refresh = true;
          continue;
        }
        const terminating = e.code === 403 && (e.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
        if (terminating && active.metadata.deletionTimestamp) break;
        if (terminating) {
          ctx.io.err(`error when evicting pod "${name}" from terminating namespace "${ns}" (will retry after 5s): ${e.status.message ?? ''}\n`);
          yield* ctx.rest.sleep(5000);
          continue;
        }
        return `error when evicting pods/"${name}" -n "${ns}": ${apiErrorText(e.status).replace(/\n$/, '')}`;
      }
    }
    if (o.dryRun === 'server') return null;
    const err = yield* waitForDelete(ctx, [pod], 'evicted', deadline, timeoutText, o);
    return err === null ? null : `error when waiting for pod "${name}" in namespace "${ns}" to terminate: ${err}`;
  };
  const results = yield* all(pods.map((p) => guarded(one(p))));
  return results.filter((r): r is string => r !== null);
}

// Models pkg/drain/drain.go deletePods: delete them all, then wait for all.
function* deletePods(ctx: KubectlContext, pods: Pod[], o: DrainOptions): Co<string[]> {
  const start = ctx.rest.transport.now();
  const deadline = o.timeoutMs > 0 ? start + o.timeoutMs : Infinity;
  const timeoutText = o.timeoutMs > 0 ? durationFromMs(o.timeoutMs) : '2562047h47m16.854775807s';
  for (const p of pods) {
    try {
      yield* ctx.request('DELETE', podPath(p), deleteOptions(o));
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 404) throw e;
    }
  }
  if (o.dryRun === 'server') return [];
  const err = yield* waitForDelete(ctx, pods, 'deleted', deadline, timeoutText, o);
  return err === null ? [] : [err];
}

// Models pkg/drain/drain.go waitForDelete: every second, until each pod is gone (or replaced by one with another UID).
function* waitForDelete(ctx: KubectlContext, pods: Pod[], verb: 'evicted' | 'deleted', deadline: number, timeoutText: string, o: DrainOptions): Co<string | null> {
  let pending = [...pods];
  for (;;) {
    const still: Pod[] = [];
    for (const pod of pending) {
      let cur: Pod | null = null;
      try {
        cur = yield* ctx.request<Pod>('GET', podPath(pod));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code !== 404) return apiErrorText(e.status).replace(/\n$/, '');
      }
      if (cur === null || cur.metadata.uid !== pod.metadata.uid) {
        ctx.io.out(`pod/${pod.metadata.name} ${verb}\n`);
        continue;
      }
      if (shouldSkipPod(ctx, cur, o.skipWaitForDeleteTimeoutSeconds)) {
        ctx.io.out(`Pod ${pod.metadata.name} has DeletionTimestamp older than ${o.skipWaitForDeleteTimeoutSeconds} seconds, skipping\n`);
        continue;
      }
      still.push(pod);
    }
    pending = still;
    if (pending.length === 0) return null;
    if (!(yield* sleepWithin(ctx, 1000, deadline))) return `global timeout reached: ${timeoutText}`;
  }
}

/** A coroutine whose API failure becomes its answer, so that one pod's error does not stop the others. */
function* guarded(co: Co<string | null>): Co<string | null> {
  try {
    return yield* co;
  } catch (e) {
    if (e instanceof Cancelled) throw e;
    if (e instanceof ApiError) return apiErrorText(e.status).replace(/\n$/, '');
    throw e;
  }
}
