// DaemonSet updates and history (pkg/controller/daemon/update.go). A rolling update without surge
// deletes old pods while fewer than maxUnavailable nodes are unavailable, letting manage create the
// new ones; with maxSurge it starts a new pod beside an old one and deletes the old one once the
// new one is available. Templates are kept as ControllerRevisions named `<ds>-<hash>` holding a
// patch that replaces spec.template; the current one has the highest revision number.

import type { ControllerRevision, DaemonSet, Node, Pod } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/labels';
import { isAlreadyExists, res } from '../../client/clientset';
import type { Co } from '../../sim/co';
import { ControllerRevisionControllerRefManager, goJSON } from '../history';
import { freshControllerCheck } from '../util/controller-ref';
import { newControllerRef } from '../util/pod-control';
import { computeHash } from '../util/hash';
import { isPodAvailable } from '../util/pods';
import type { DaemonSetsController } from './daemon-controller';
import { nodeShouldRunDaemonPod } from './daemon-controller';
import { defaultDaemonSetUniqueLabelKey, getTemplateGeneration, isPodUpdated, surgeCount, unavailableCount } from './util';

const daemonSets = res('apps', 'daemonsets');
const controllerRevisions = res('apps', 'controllerrevisions');
const pods = res('', 'pods');

function templateGeneration(ds: DaemonSet): number | null {
  try {
    return getTemplateGeneration(ds);
  } catch {
    return null;
  }
}

// Models pkg/controller/daemon/update.go rollingUpdate.
/** Picks old pods to delete (no surge) or nodes to surge onto, within the update strategy's budget. */
export function* rollingUpdate(dsc: DaemonSetsController, ds: DaemonSet, nodeList: readonly Node[], hash: string): Co<void> {
  let nodeToDaemonPods: Map<string, Pod[]>;
  try {
    nodeToDaemonPods = yield* dsc.getNodesToDaemonPods(ds, false);
  } catch (e) {
    throw new Error(`couldn't get node to daemon pod mapping for daemon set ${JSON.stringify(ds.metadata.name)}: ${(e as Error).message}`);
  }
  const { maxSurge, maxUnavailable, desiredNumberScheduled } = updatedDesiredNodeCounts(ds, nodeList, nodeToDaemonPods);
  const now = dsc.now();
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (p: Pod) => isPodAvailable(p, minReady, now);

  if (maxSurge === 0) {
    // Delete just enough old pods to stay within maxUnavailable; manage creates their replacements.
    let numUnavailable = 0;
    const allowedReplacementPods: string[] = [];
    const candidatePodsToDelete: string[] = [];
    for (const [, podsOnNode] of nodeToDaemonPods) {
      const found = findUpdatedPodsOnNode(ds, podsOnNode, hash);
      if (!found) {
        // Excess pods: manage cleans the node up; it counts as unavailable.
        numUnavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
      else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (!available(oldPod!)) {
        // An unavailable old pod is replaced at once.
        allowedReplacementPods.push(oldPod!.metadata.name!);
        numUnavailable++;
      } else if (numUnavailable >= maxUnavailable) {
        continue;
      } else candidatePodsToDelete.push(oldPod!.metadata.name!);
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidatePodsToDelete.length);
    yield* dsc.syncNodes(ds, [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)], [], hash);
    return;
  }

  // Surge: a new pod starts beside an unavailable old one at once, beside an available one within maxSurge.
  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const [nodeName, podsOnNode] of nodeToDaemonPods) {
    const found = findUpdatedPodsOnNode(ds, podsOnNode, hash);
    if (!found) {
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (oldPod) {
      if (available(oldPod)) numAvailable++;
    } else if (newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      const node = dsc.nodeLister.get('', nodeName);
      if (!node) throw new Error(`couldn't get node for nodeName ${JSON.stringify(nodeName)}: node ${JSON.stringify(nodeName)} not found`);
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      if (!available(oldPod)) {
        if (!shouldRun) oldPodsToDelete.push(oldPod.metadata.name!);
        else allowedNewNodes.push(nodeName);
      } else if (!shouldRun) shouldNotRunPodsToDelete.push(oldPod.metadata.name!);
      else if (numSurge < maxSurge) candidateNewNodes.push(nodeName);
      continue;
    }
    // Already surged here: wait for the new pod, then the old one goes.
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod.metadata.name!);
  }
  const remainingSurge = maxSurge - numSurge;
  // Surging promises full availability: pods on nodes that no longer fit go only as pods elsewhere become available.
  const deletable = Math.min(numAvailable - desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  for (const name of shouldNotRunPodsToDelete.slice(0, Math.max(0, deletable))) {
    if (!dsc.podLister.get(ds.metadata.namespace ?? '', name)) continue;
    oldPodsToDelete.push(name);
  }
  const surge = Math.min(Math.max(0, remainingSurge), candidateNewNodes.length);
  yield* dsc.syncNodes(ds, oldPodsToDelete, [...allowedNewNodes, ...candidateNewNodes.slice(0, surge)], hash);
}

// Models pkg/controller/daemon/update.go findUpdatedPodsOnNode.
/** The node's one new and one old pod (not being deleted); null if there are more of either. */
function findUpdatedPodsOnNode(ds: DaemonSet, podsOnNode: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod } | null {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  const generation = templateGeneration(ds);
  for (const pod of podsOnNode) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return null;
      newPod = pod;
    } else {
      if (oldPod) return null;
      oldPod = pod;
    }
  }
  return { ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}) };
}

// Models pkg/controller/daemon/update.go updatedDesiredNodeCounts.
/** maxSurge, maxUnavailable and desired pods; every node that should run one gets an entry in the map. */
function updatedDesiredNodeCounts(ds: DaemonSet, nodeList: readonly Node[], nodeToDaemonPods: Map<string, Pod[]>): { maxSurge: number; maxUnavailable: number; desiredNumberScheduled: number } {
  let desired = 0;
  for (const node of nodeList) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desired++;
    if (!nodeToDaemonPods.has(node.metadata.name!)) nodeToDaemonPods.set(node.metadata.name!, []);
  }
  let maxUnavailable: number;
  let maxSurge: number;
  try {
    maxUnavailable = unavailableCount(ds, desired);
  } catch (e) {
    throw new Error(`couldn't get unavailable numbers: invalid value for MaxUnavailable: ${(e as Error).message}`);
  }
  try {
    maxSurge = surgeCount(ds, desired);
  } catch (e) {
    throw new Error(`couldn't get unavailable numbers: invalid value for MaxSurge: ${(e as Error).message}`);
  }
  // An impossible strategy (0 and 0) falls back to one unavailable.
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled: desired };
}

// Models pkg/controller/daemon/update.go getPatch.
/** The revision data: a strategic merge patch replacing spec.template. */
export function getPatch(ds: DaemonSet): unknown {
  return { spec: { template: { ...structuredClone(ds.spec!.template), $patch: 'replace' } } };
}

// Models pkg/controller/daemon/update.go Match.
/** Whether the revision holds the DaemonSet's current template. */
export function match(ds: DaemonSet, history: ControllerRevision): boolean {
  return goJSON(getPatch(ds)) === goJSON(history.data);
}

// Models pkg/controller/daemon/update.go controlledHistories.
function* controlledHistories(dsc: DaemonSetsController, ds: DaemonSet): Co<ControllerRevision[]> {
  const selector = labelSelectorAsSelector(ds.spec?.selector);
  const histories = dsc.historyLister.list(ds.metadata.namespace ?? '');
  const client = dsc.ctx.client;
  const cm = new ControllerRevisionControllerRefManager(client, ds, selector, { apiVersion: 'apps/v1', kind: 'DaemonSet' }, freshControllerCheck(() => client.get(daemonSets, ds.metadata.namespace ?? '', ds.metadata.name!), ds, 'DaemonSet'));
  return yield* cm.claimControllerRevisions(histories);
}

// Models pkg/controller/daemon/update.go constructHistory.
/** The current revision (created or renumbered as needed, duplicates removed) and the old ones. */
export function* constructHistory(dsc: DaemonSetsController, ds: DaemonSet): Co<{ cur: ControllerRevision; old: ControllerRevision[] }> {
  const client = dsc.ctx.client;
  const ns = ds.metadata.namespace ?? '';
  const old: ControllerRevision[] = [];
  const current: ControllerRevision[] = [];
  for (let h of yield* controlledHistories(dsc, ds)) {
    // Histories from before the label: it is the revision's name, so no hash collision can matter.
    if (h.metadata.labels?.[defaultDaemonSetUniqueLabelKey] === undefined) {
      const toUpdate = structuredClone(h);
      toUpdate.metadata.labels = { ...(toUpdate.metadata.labels ?? {}), [defaultDaemonSetUniqueLabelKey]: toUpdate.metadata.name! };
      h = yield* client.update<ControllerRevision>(controllerRevisions, ns, toUpdate);
    }
    if (match(ds, h)) current.push(h);
    else old.push(h);
  }
  const currRevision = old.reduce((m, h) => Math.max(m, h.revision), 0) + 1;
  let cur: ControllerRevision;
  if (current.length === 0) cur = yield* snapshot(dsc, ds, currRevision);
  else {
    cur = yield* dedupCurHistories(dsc, ds, current);
    if (cur.revision < currRevision) {
      const toUpdate = structuredClone(cur);
      toUpdate.revision = currRevision;
      yield* client.update(controllerRevisions, ns, toUpdate);
    }
  }
  return { cur, old };
}

// Models pkg/controller/daemon/update.go dedupCurHistories.
function* dedupCurHistories(dsc: DaemonSetsController, ds: DaemonSet, curHistories: ControllerRevision[]): Co<ControllerRevision> {
  if (curHistories.length === 1) return curHistories[0]!;
  let keepCur = curHistories[0]!;
  let maxRev = 0;
  for (const c of curHistories) {
    if (c.revision >= maxRev) {
      keepCur = c;
      maxRev = c.revision;
    }
  }
  const keepHash = keepCur.metadata.labels?.[defaultDaemonSetUniqueLabelKey] ?? '';
  const client = dsc.ctx.client;
  const ns = ds.metadata.namespace ?? '';
  // Relabel pods before removing the duplicates.
  for (const pod of yield* dsc.getDaemonPods(ds)) {
    if (pod.metadata.labels?.[defaultDaemonSetUniqueLabelKey] !== keepHash) {
      yield* client.patch(pods, ns, pod.metadata.name!, 'application/merge-patch+json', { metadata: { labels: { [defaultDaemonSetUniqueLabelKey]: keepHash } } });
    }
  }
  for (const c of curHistories) if (c.metadata.name !== keepCur.metadata.name) yield* client.delete(controllerRevisions, ns, c.metadata.name!);
  return keepCur;
}

// Models pkg/controller/daemon/update.go snapshot.
/** Creates the revision of the current template, `<ds>-<ComputeHash(template, collisionCount)>`; on a name clash with another template, bumps collisionCount. */
function* snapshot(dsc: DaemonSetsController, ds: DaemonSet, revision: number): Co<ControllerRevision> {
  const client = dsc.ctx.client;
  const ns = ds.metadata.namespace ?? '';
  const hash = computeHash(ds.spec!.template, ds.status?.collisionCount);
  const name = `${ds.metadata.name}-${hash}`;
  const history: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ns,
      labels: { ...(ds.spec!.template.metadata?.labels ?? {}), [defaultDaemonSetUniqueLabelKey]: hash },
      ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
    },
    data: getPatch(ds),
    revision,
  };
  try {
    return yield* client.create<ControllerRevision>(controllerRevisions, ns, history);
  } catch (outer) {
    if (!isAlreadyExists(outer)) throw outer;
    const existed = yield* client.get<ControllerRevision>(controllerRevisions, ns, name);
    if (match(ds, existed)) return existed;
    // Another template has this name: bump collisionCount, unless ours was stale (then the next sync retries).
    const currDS = yield* client.get<DaemonSet>(daemonSets, ns, ds.metadata.name!);
    if ((currDS.status?.collisionCount ?? null) !== (ds.status?.collisionCount ?? null)) {
      throw new Error(`found a stale collision count (${ds.status?.collisionCount ?? 'nil'}, expected ${currDS.status?.collisionCount ?? 'nil'}) of DaemonSet ${JSON.stringify(ds.metadata.name)} while processing; will retry until it is updated`);
    }
    currDS.status = { ...(currDS.status ?? { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }), collisionCount: (currDS.status?.collisionCount ?? 0) + 1 };
    yield* client.update(daemonSets, ns, currDS, 'status');
    throw outer;
  }
}

// Models pkg/controller/daemon/update.go cleanupHistory.
/** Deletes the oldest revisions past revisionHistoryLimit that no pod (even a terminal one being deleted) still uses. */
export function* cleanupHistory(dsc: DaemonSetsController, ds: DaemonSet, old: ControllerRevision[]): Co<void> {
  const nodesToDaemonPods = yield* dsc.getNodesToDaemonPods(ds, true);
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const liveHashes = new Set<string>();
  for (const list of nodesToDaemonPods.values()) for (const p of list) if (p.metadata.labels?.[defaultDaemonSetUniqueLabelKey]) liveHashes.add(p.metadata.labels[defaultDaemonSetUniqueLabelKey]);
  for (const h of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (liveHashes.has(h.metadata.labels?.[defaultDaemonSetUniqueLabelKey] ?? '')) continue;
    yield* dsc.ctx.client.delete(controllerRevisions, ds.metadata.namespace ?? '', h.metadata.name!);
    toKill--;
  }
}
