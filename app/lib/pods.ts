// How the canvas shows a pod: its colour (tone) from kubectl's STATUS column and readiness, a short
// label that fits a chip, and the pods grouped by the node they are bound to, with each node's list
// kept as the same array while nothing in it changed (so its card does not re-render every frame).
import type { PodSummary } from '../../engine/apiserver/workload-view';

/** A pod's colour on the canvas. */
export type PodTone = 'running' | 'unready' | 'pending' | 'failed' | 'terminating' | 'done';

/** Every tone, in the order the legend and the aggregate bars list them. */
export const podTones: readonly PodTone[] = ['running', 'unready', 'pending', 'failed', 'terminating', 'done'];

/** What each tone means, for legends and screen readers. */
export const podToneLabel: Record<PodTone, string> = {
  running: 'running and ready',
  unready: 'running, not ready',
  pending: 'pending or starting',
  failed: 'failing',
  terminating: 'terminating',
  done: 'completed',
};

// Waiting and terminated reasons that mean something is wrong, as the STATUS column shows them
// (prefixed `Init:` for an init container; `Init:0/1` is progress, not a failure).
const failing = /^(Init:)?(CrashLoopBackOff|Error|ErrImagePull|ImagePullBackOff|InvalidImageName|OOMKilled|ContainerCannotRun|ContainerStatusUnknown|CreateContainerError|CreateContainerConfigError|RunContainerError|StartError|ExitCode:-?\d+|Signal:\d+)$|^(Failed|Evicted|NodeLost|NodeAffinity|UnexpectedAdmissionError|OutOf\w+)$/;

/** The tone of a pod, from its STATUS column (Terminating, CrashLoopBackOff, …), phase and readiness. */
export function podTone(p: Pick<PodSummary, 'status' | 'phase' | 'ready' | 'deleting'>): PodTone {
  if (p.deleting || p.status === 'Terminating') return 'terminating';
  if (p.status === 'Completed' || p.phase === 'Succeeded') return 'done';
  if (failing.test(p.status) || p.phase === 'Failed') return 'failed';
  if (p.phase === 'Running' && p.status === 'Running') return p.ready ? 'running' : 'unready';
  return 'pending';
}

/** A label that fits a chip: the name itself when short, else its first and last characters. */
export function shortPodName(name: string, max = 12): string {
  if (name.length <= max) return name;
  const tail = name.slice(name.lastIndexOf('-') + 1);
  const keep = Math.max(3, Math.min(tail.length, max - 5));
  return `${name.slice(0, max - keep - 1)}…${name.slice(-keep)}`;
}

/** `namespace/name`, the key the scheduler's inspections use. */
export function podKey(p: Pick<PodSummary, 'namespace' | 'name'>): string {
  return `${p.namespace}/${p.name}`;
}

/** What of a pod its chip shows: when none of it changes, the chip need not be drawn again. */
function chipSignature(p: PodSummary): string {
  return `${p.uid}|${p.status}|${p.phase}|${p.ready ? 1 : 0}|${p.restarts}|${p.deleting ? 1 : 0}`;
}

/**
 * Groups pods by node, reusing `prev`'s array for a node whose pods all look the same as before:
 * a node card re-renders only when one of its pods changed.
 */
export function groupPodsByNode(pods: readonly PodSummary[], prev?: Map<string, { sig: string; pods: PodSummary[] }>): Map<string, { sig: string; pods: PodSummary[] }> {
  const groups = new Map<string, PodSummary[]>();
  for (const p of pods) {
    const list = groups.get(p.node);
    if (list) list.push(p);
    else groups.set(p.node, [p]);
  }
  const out = new Map<string, { sig: string; pods: PodSummary[] }>();
  for (const [node, list] of groups) {
    list.sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.namespace < b.namespace ? -1 : 1));
    const sig = list.map(chipSignature).join(',');
    const before = prev?.get(node);
    out.set(node, before && before.sig === sig ? before : { sig, pods: list });
  }
  return out;
}

/** How many pods of each tone. */
export function toneCounts(pods: readonly PodSummary[]): Record<PodTone, number> {
  const out: Record<PodTone, number> = { running: 0, unready: 0, pending: 0, failed: 0, terminating: 0, done: 0 };
  for (const p of pods) out[podTone(p)]++;
  return out;
}
