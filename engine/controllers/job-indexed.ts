// Indexed Jobs (pkg/controller/job/indexed_job_utils.go and success_policy.go): each pod carries its
// completion index in the batch.kubernetes.io/job-completion-index annotation (and label), the
// Job counts succeeded indexes as compressed intervals (`status.completedIndexes: 1,3-5`), starts
// the lowest indexes not yet succeeded or running, and removes duplicates of an index. A
// successPolicy may declare the Job done once chosen indexes (or a count of them) succeeded.

import type { Job, Pod, PodTemplateSpec, SuccessPolicy } from '../api/types';
import { activePodsLess, sortByLess } from './util/pods';

/** The annotation and label with a pod's completion index (batch.JobCompletionIndexAnnotation). */
export const jobCompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';
/** The env var a container reads its index from. */
const completionIndexEnvName = 'JOB_COMPLETION_INDEX';
/** A pod with no (valid) index. */
export const unknownCompletionIndex = -1;
/** names.MaxGeneratedNameLength: 63 less the 5 random characters. */
const maxGeneratedNameLength = 58;

/** Whether the Job is in Indexed completion mode. */
export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

/** A closed range of indexes. */
export interface Interval {
  first: number;
  last: number;
}

// Models pkg/controller/job/indexed_job_utils.go orderedIntervals.withOrderedIndexes.
/** The intervals with `newIndexes` (increasing) merged in. */
export function withOrderedIndexes(oi: readonly Interval[], newIndexes: readonly number[]): Interval[] {
  const result: Interval[] = [];
  const push = (iv: Interval) => {
    const last = result[result.length - 1];
    if (!last || iv.first > last.last + 1) result.push({ ...iv });
    else if (last.last < iv.last) last.last = iv.last;
  };
  let i = 0;
  let j = 0;
  while (i < oi.length && j < newIndexes.length) {
    if (oi[i]!.first < newIndexes[j]!) push(oi[i++]!);
    else push({ first: newIndexes[j]!, last: newIndexes[j++]! });
  }
  while (i < oi.length) push(oi[i++]!);
  while (j < newIndexes.length) push({ first: newIndexes[j]!, last: newIndexes[j++]! });
  return result;
}

/** How many indexes the intervals hold. */
export function intervalsTotal(oi: readonly Interval[]): number {
  return oi.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
}

/** `1,3-5,7`: two neighbours are written with a comma, longer runs with a dash (orderedIntervals.String). */
export function intervalsString(oi: readonly Interval[]): string {
  return oi.map((v) => (v.last > v.first ? `${v.first}${v.last === v.first + 1 ? ',' : '-'}${v.last}` : `${v.first}`)).join(',');
}

/** Whether index `ix` is in the intervals. */
export function intervalsHas(oi: readonly Interval[], ix: number): boolean {
  return oi.some((iv) => iv.first <= ix && ix <= iv.last);
}

// Models pkg/controller/job/indexed_job_utils.go parseIndexesFromString.
/** Intervals from their text, dropping what is corrupt and what lies at or past `completions`. */
export function parseIndexesFromString(indexesStr: string | undefined, completions: number): Interval[] {
  if (!indexesStr) return [];
  const result: Interval[] = [];
  for (const s of indexesStr.split(',')) {
    const limits = s.split('-');
    const first = atoi(limits[0]!);
    if (first === null) continue;
    if (first >= completions) break;
    let last = first;
    if (limits.length > 1) {
      const l = atoi(limits[1]!);
      if (l === null) continue;
      last = Math.min(l, completions - 1);
    }
    const prev = result[result.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else result.push({ first, last });
  }
  return result;
}

function atoi(s: string): number | null {
  return /^[+-]?\d+$/.test(s) ? Number(s) : null;
}

// Models pkg/controller/job/indexed_job_utils.go getCompletionIndex.
/** The pod's completion index from its annotation, or unknownCompletionIndex. */
export function getCompletionIndex(annotations: Record<string, string> | undefined): number {
  const v = annotations?.[jobCompletionIndexAnnotation];
  if (v === undefined) return unknownCompletionIndex;
  const i = atoi(v);
  return i === null || i < 0 ? unknownCompletionIndex : i;
}

// Models pkg/controller/job/indexed_job_utils.go calculateSucceededIndexes.
/** The succeeded indexes as recorded in status, and with the newly succeeded pods (still holding the finalizer) added. */
export function calculateSucceededIndexes(job: Job, pods: readonly Pod[], hasFinalizer: (p: Pod) => boolean): [Interval[], Interval[]] {
  const completions = job.spec?.completions ?? 0;
  const prev = parseIndexesFromString(job.status?.completedIndexes, completions);
  const fresh = new Set<number>();
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata.annotations);
    if (p.status?.phase === 'Succeeded' && ix !== unknownCompletionIndex && ix < completions && hasFinalizer(p)) fresh.add(ix);
  }
  return [prev, withOrderedIndexes(prev, [...fresh].sort((a, b) => a - b))];
}

// Models pkg/controller/job/indexed_job_utils.go firstPendingIndexes.
/** The `count` lowest indexes below `completions` neither succeeded nor held by an active pod. */
export function firstPendingIndexes(activePods: readonly Pod[], succeeded: readonly Interval[], count: number, completions: number): number[] {
  if (count === 0) return [];
  const active = new Set<number>();
  for (const p of activePods) {
    const ix = getCompletionIndex(p.metadata.annotations);
    if (ix !== unknownCompletionIndex) active.add(ix);
  }
  const result: number[] = [];
  const nonPending = withOrderedIndexes(succeeded, [...active].sort((a, b) => a - b));
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && result.length < count && candidate < iv.first; candidate++) result.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/** Sorts pods by completion index (byCompletionIndex), keeping the order of equal ones. */
export function sortByCompletionIndex(pods: Pod[]): Pod[] {
  return pods.sort((a, b) => getCompletionIndex(a.metadata.annotations) - getCompletionIndex(b.metadata.annotations));
}

// Models pkg/controller/job/indexed_job_utils.go appendDuplicatedIndexPodsForRemoval.
/**
 * Splits active pods into those to remove (no index, an index out of range, or all but the most
 * advanced pod of a repeated index) and those left.
 */
export function duplicatedIndexPodsForRemoval(pods: readonly Pod[], completions: number): { rm: Pod[]; left: Pod[] } {
  const rm: Pod[] = [];
  const left: Pod[] = [];
  const sorted = sortByCompletionIndex([...pods]);
  const flush = (group: Pod[], ix: number) => {
    if (group.length === 0) return;
    if (ix === unknownCompletionIndex) return void rm.push(...group);
    if (group.length === 1) return void left.push(group[0]!);
    sortByLess(group, activePodsLess);
    rm.push(...group.slice(0, -1));
    left.push(group[group.length - 1]!);
  };
  let lastIndex = unknownCompletionIndex;
  let group: Pod[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const ix = getCompletionIndex(sorted[i]!.metadata.annotations);
    if (ix >= completions) {
      rm.push(...sorted.slice(i));
      break;
    }
    if (ix !== lastIndex) {
      flush(group, lastIndex);
      group = [];
      lastIndex = ix;
    }
    group.push(sorted[i]!);
  }
  flush(group, lastIndex);
  return { rm, left };
}

// Models pkg/controller/job/indexed_job_utils.go addCompletionIndexEnvVariables.
/** Gives every container JOB_COMPLETION_INDEX from the pod's index label (PodIndexLabel is on in 1.32). */
export function addCompletionIndexEnvVariables(template: PodTemplateSpec): void {
  const spec = template.spec;
  if (!spec) return;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.env ?? []).some((v) => v.name === completionIndexEnvName)) continue;
    c.env = [...(c.env ?? []), { name: completionIndexEnvName, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${jobCompletionIndexAnnotation}']` } } }];
  }
}

// Models pkg/controller/job/indexed_job_utils.go addCompletionIndexAnnotation and addCompletionIndexLabel.
/** Stamps the index on a pod template as annotation and label. */
export function addCompletionIndex(template: PodTemplateSpec, index: number): void {
  template.metadata ??= {};
  template.metadata.annotations = { ...(template.metadata.annotations ?? {}), [jobCompletionIndexAnnotation]: String(index) };
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [jobCompletionIndexAnnotation]: String(index) };
}

// Models pkg/controller/job/indexed_job_utils.go podGenerateNameWithIndex.
/** `<job>-<index>-`, the job name cut so the whole fits a generated name. */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const appendIndex = `-${index}-`;
  const prefix = jobName + appendIndex;
  return prefix.length > maxGeneratedNameLength ? prefix.slice(0, maxGeneratedNameLength - appendIndex.length) + appendIndex : prefix;
}

// Models pkg/controller/job/success_policy.go matchSuccessPolicy.
/** `Matched rules at index N` for the first rule the succeeded indexes satisfy, or null. */
export function matchSuccessPolicy(successPolicy: SuccessPolicy | undefined, completions: number, succeeded: readonly Interval[]): string | null {
  if (!successPolicy || succeeded.length === 0) return null;
  for (const [index, rule] of (successPolicy.rules ?? []).entries()) {
    if (rule.succeededIndexes !== undefined && rule.succeededIndexes !== null) {
      const required = parseIndexesFromString(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeeded, rule.succeededCount)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && rule.succeededCount !== null && intervalsTotal(succeeded) >= rule.succeededCount) {
      return `Matched rules at index ${index}`;
    }
  }
  return null;
}

// Models pkg/controller/job/success_policy.go matchSucceededIndexesRule.
function matchSucceededIndexesRule(rule: readonly Interval[], succeeded: readonly Interval[], succeededCount: number | undefined): boolean {
  let contains = 0;
  let s = 0;
  let r = 0;
  while (r < rule.length && s < succeeded.length) {
    const overlap = Math.min(rule[r]!.last, succeeded[s]!.last) - Math.max(rule[r]!.first, succeeded[s]!.first) + 1;
    if (overlap > 0) contains += overlap;
    if (succeeded[s]!.last < rule[r]!.last) s++;
    else if (succeeded[s]!.last > rule[r]!.last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === intervalsTotal(rule) || (succeededCount !== undefined && succeededCount !== null && contains >= succeededCount);
}
