// POST pods/eviction (pkg/registry/core/pod/storage/eviction.go EvictionREST.Create): a delete
// that respects the pod's PodDisruptionBudget. A pod that already is no disruption (Pending,
// finished, or being deleted) goes at once; otherwise its one PDB must allow a disruption, which the
// eviction spends (status.disruptionsAllowed - 1, the pod in status.disruptedPods) before the pod
// is deleted — or the client hears 429 TooManyRequests with a DisruptionBudget cause and retries.
// Before the delete the pod gets the DisruptionTarget condition (EvictionByEvictionAPI), as 1.32
// does with PodDisruptionConditions on. A pod with several PDBs cannot be evicted (500).

import { labelSelectorAsSelector } from '../../api/labels';
import { resourceFor } from '../../api/resources';
import type { DeleteOptions, Eviction, Pod, PodCondition, PodDisruptionBudget, Status } from '../../api/types';
import type { Co } from '../../sim/co';
import { newBadRequest, newConflict, newForbidden, StatusError } from '../errors';
import { rfc3339 } from './objects';
import { updateDisruptionAllowedCondition } from './pdb';
import { get, list, remove, update, type Call, type RestContext } from './rest';

const podsInfo = resourceFor('', 'v1', 'pods')!;
const pdbInfo = resourceFor('policy', 'v1', 'poddisruptionbudgets')!;

/** The PDB controller forgets a disrupted pod after this long; the eviction refuses to track more than this many. */
export const maxDisruptedPodSize = 2000;
/** EvictionsRetry: 20 steps (conflicts on the PDB or the pod are retried this many times). */
const evictionsRetrySteps = 20;

/** The DisruptionBudget cause type (policy/v1 DisruptionBudgetCause). */
export const disruptionBudgetCause = 'DisruptionBudget';

// Models eviction.go createTooManyRequestsError and checkAndDecrement's 429s.
/** 429 TooManyRequests: `Cannot evict pod as it would violate the pod's disruption budget.` with its cause. */
export function tooManyRequests(cause: string, retryAfterSeconds: number): StatusError {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    reason: 'TooManyRequests',
    details: { causes: [{ reason: disruptionBudgetCause, message: cause }], ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
    code: 429,
  };
  return new StatusError(status);
}

// Models pkg/api/v1/pod/util.go IsPodReady.
function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

// Models eviction.go canIgnorePDB.
/** A finished, Pending or already deleting pod causes no disruption: its PDB is not asked. */
export function canIgnorePDB(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

// Models eviction.go shouldEnforceResourceVersion.
function shouldEnforceResourceVersion(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !(phase === 'Succeeded' || phase === 'Failed' || !!pod.metadata.deletionTimestamp);
}

// Models eviction.go getPodDisruptionBudgets: a PDB with an empty or missing selector matches nothing.
/** The PDBs of the pod's namespace whose selector matches it. */
export function matchingPDBs(pdbs: readonly PodDisruptionBudget[], pod: Pod): PodDisruptionBudget[] {
  return pdbs.filter((pdb) => {
    if (pdb.metadata.namespace !== pod.metadata.namespace) return false;
    try {
      const sel = labelSelectorAsSelector(pdb.spec?.selector);
      return !sel.empty() && sel.matches(pod.metadata.labels ?? {});
    } catch {
      return false;
    }
  });
}

// Models eviction.go checkAndDecrement (the pure part: the refusal, or the PDB with one disruption spent).
/** The PDB after this eviction spends a disruption, or the error that refuses it. */
export function checkAndDecrement(pdb: PodDisruptionBudget, podName: string, nowIso: string, dryRun: boolean): PodDisruptionBudget {
  const st = pdb.status ?? { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  const name = pdb.metadata.name ?? '';
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw tooManyRequests(`The disruption budget ${name} is still being processed by the server.`, 10);
  const pdbGR = { group: 'policy', resource: 'poddisruptionbudget' };
  if (st.disruptionsAllowed < 0) throw newForbidden(pdbGR, name, 'pdb disruptions allowed is negative');
  if (Object.keys(st.disruptedPods ?? {}).length > maxDisruptedPodSize) throw newForbidden(pdbGR, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  if (st.disruptionsAllowed === 0) throw tooManyRequests(`The disruption budget ${name} needs ${st.desiredHealthy} healthy pods and has ${st.currentHealthy} currently`, 0);
  const next: PodDisruptionBudget = JSON.parse(JSON.stringify(pdb));
  next.status!.disruptionsAllowed--;
  if (next.status!.disruptionsAllowed === 0) updateDisruptionAllowedCondition(next, nowIso);
  if (!dryRun) next.status!.disruptedPods = { ...(next.status!.disruptedPods ?? {}), [podName]: nowIso };
  return next;
}

// Models pkg/api/v1/pod/util.go UpdatePodCondition: the transition time moves only with the status.
function withCondition(pod: Pod, cond: PodCondition): Pod {
  const next: Pod = JSON.parse(JSON.stringify(pod));
  const status = (next.status ??= {});
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === cond.type);
  if (i < 0) conditions.push(cond);
  else conditions[i] = { ...cond, lastTransitionTime: conditions[i].status === cond.status ? conditions[i].lastTransitionTime : cond.lastTransitionTime };
  return next;
}

/** A call on another object of the same request (the pod itself, its status, a PDB). */
function callOn(c: Call, info: typeof podsInfo, name: string, subresource = '', verb = c.req.verb): Call {
  return { ...c, info, req: { ...c.req, resource: info.resource, apiGroup: info.group, name, subresource, verb }, url: { path: c.url.path, query: new Map() } };
}

const isConflict = (e: unknown) => e instanceof StatusError && e.code === 409;

/** The eviction's body, checked against the URL (rest.NamedCreater and the create handler). */
function decodeEviction(c: Call, body: string | undefined): Eviction {
  let ev: Eviction;
  try {
    ev = JSON.parse(body ?? '') as Eviction;
  } catch (e) {
    throw newBadRequest(`json: cannot unmarshal: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof ev !== 'object' || ev === null) throw newBadRequest('not a Eviction object');
  if (ev.apiVersion !== undefined && ev.apiVersion !== 'policy/v1' && ev.apiVersion !== 'policy/v1beta1') throw newBadRequest(`the API version in the data (${ev.apiVersion}) does not match the expected API version (policy/v1)`);
  if (ev.kind !== undefined && ev.kind !== 'Eviction') throw newBadRequest(`the kind in the data (${ev.kind}) does not match the expected kind (Eviction)`);
  const meta = ev.metadata ?? {};
  if (meta.namespace && meta.namespace !== c.req.namespace) throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
  if ((meta.name ?? '') !== c.req.name) throw newBadRequest('name in URL does not match name in Eviction object');
  return ev;
}

// Models eviction.go propagateDryRun.
function deleteOptionsOf(c: Call, ev: Eviction): DeleteOptions {
  const fromQuery = c.url.query.get('dryRun') ?? [];
  const opts: DeleteOptions = { ...(ev.deleteOptions ?? {}) };
  const fromBody = opts.dryRun ?? [];
  if (fromBody.length === 0 && fromQuery.length > 0) opts.dryRun = fromQuery;
  else if (fromBody.length > 0 && fromQuery.length > 0 && JSON.stringify(fromBody) !== JSON.stringify(fromQuery)) {
    throw new Error(`Non-matching dry-run options in request and content: [${fromQuery.join(' ')}] and [${fromBody.join(' ')}]`);
  }
  return opts;
}

const isDryRun = (o: DeleteOptions) => (o.dryRun ?? []).length > 0;

// Models eviction.go addConditionAndDeletePod: the DisruptionTarget condition on the latest pod, then the delete.
function* addConditionAndDeletePod(ctx: RestContext, c: Call, name: string, options: DeleteOptions): Co<void> {
  let opts = options;
  if (!isDryRun(opts)) {
    for (let attempt = 0; ; attempt++) {
      const latest = (yield* get(ctx, callOn(c, podsInfo, name, '', 'get'))) as Pod;
      const pre = opts.preconditions;
      const podGR = { group: '', resource: 'Pod' };
      if (pre?.uid && pre.uid !== latest.metadata.uid) throw newConflict(podGR, name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${latest.metadata.uid ?? ''}). The object might have been deleted and then recreated`);
      if (pre?.resourceVersion && pre.resourceVersion !== latest.metadata.resourceVersion) {
        throw newConflict(podGR, name, `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${latest.metadata.resourceVersion ?? ''}). The object might have been modified`);
      }
      const now = rfc3339(ctx.epochMs + ctx.now());
      const next = withCondition(latest, { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
      try {
        const updated = yield* update(ctx, callOn(c, podsInfo, name, 'status', 'update'), JSON.stringify(next));
        // We modified the pod, so a resourceVersion precondition moves with it.
        if (pre?.resourceVersion) opts = { ...opts, preconditions: { ...pre, resourceVersion: updated.metadata.resourceVersion } };
        break;
      } catch (e) {
        if (!isConflict(e) || attempt >= evictionsRetrySteps) throw e;
      }
    }
  }
  yield* remove(ctx, callOn(c, podsInfo, name, '', 'delete'), JSON.stringify(opts));
}

/** POST pods/eviction; answers the Status the create handler writes (201 Success, or a failure Status it returns). */
export function* evict(ctx: RestContext, c: Call, body: string | undefined): Co<Status> {
  const ev = decodeEviction(c, body);
  const original = deleteOptionsOf(c, ev);
  const name = c.req.name;
  const success: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
  const userRV = !!original.preconditions?.resourceVersion;
  // The pods that need no PDB check are deleted right away, conflicts retried unless the client named a resourceVersion.
  let pod: Pod;
  for (let attempt = 0; ; attempt++) {
    pod = (yield* get(ctx, callOn(c, podsInfo, name, '', 'get'))) as Pod;
    if (!canIgnorePDB(pod)) break;
    let opts = original;
    if (shouldEnforceResourceVersion(pod) && !userRV) opts = { ...opts, preconditions: { ...(opts.preconditions ?? {}), resourceVersion: pod.metadata.resourceVersion } };
    try {
      yield* addConditionAndDeletePod(ctx, c, name, opts);
      return success;
    } catch (e) {
      if (!isConflict(e) || userRV || attempt >= evictionsRetrySteps) throw e;
    }
  }
  const all = (yield* list(ctx, { ...callOn(c, pdbInfo, '', '', 'list') })).items as PodDisruptionBudget[];
  const pdbs = matchingPDBs(all, pod);
  if (pdbs.length > 1) return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', code: 500 };
  let opts = original;
  let unhealthyDelete = false;
  if (pdbs.length === 1) {
    let pdb = pdbs[0];
    const st = pdb.status;
    // An unready pod does not count as healthy: evicting it spends nothing, if the policy or the budget allows.
    if (!isPodReady(pod) && (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || ((st?.currentHealthy ?? 0) >= (st?.desiredHealthy ?? 0) && (st?.desiredHealthy ?? 0) > 0))) {
      unhealthyDelete = true;
    } else {
      for (let attempt = 0; ; attempt++) {
        const next = checkAndDecrement(pdb, name, rfc3339(ctx.epochMs + ctx.now()), isDryRun(original));
        if (isDryRun(original)) break;
        try {
          yield* update(ctx, callOn(c, pdbInfo, pdb.metadata.name!, 'status', 'update'), JSON.stringify(next));
          break;
        } catch (e) {
          if (!isConflict(e)) throw e;
          if (attempt >= evictionsRetrySteps) throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Timeout: couldn't update PodDisruptionBudget "${pdb.metadata.name}" due to conflicts`, reason: 'Timeout', details: { retryAfterSeconds: 10 }, code: 504 });
          pdb = (yield* get(ctx, callOn(c, pdbInfo, pdb.metadata.name!, '', 'get'))) as PodDisruptionBudget;
        }
      }
    }
  }
  // Set a resourceVersion precondition so that the pod has not become ready since it was judged.
  if (unhealthyDelete) opts = { ...opts, preconditions: { ...(opts.preconditions ?? {}), resourceVersion: pod.metadata.resourceVersion } };
  try {
    yield* addConditionAndDeletePod(ctx, c, name, opts);
  } catch (e) {
    if (isConflict(e) && unhealthyDelete && !userRV) throw tooManyRequests(`The disruption budget ${pdbs[0].metadata.name} is still being processed by the server.`, 10);
    throw e;
  }
  return success;
}

