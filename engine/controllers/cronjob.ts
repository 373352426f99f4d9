// The CronJob controller (pkg/controller/cronjob, the v2 controller of cronjob_controllerv2.go and
// utils.go): for each CronJob it reconciles the Jobs it owns (status.active, lastSuccessfulTime),
// deletes finished Jobs past the history limits, and, when the most recent schedule time has come
// and is not too late for startingDeadlineSeconds, creates the Job `<cronjob>-<minutes since epoch>`
// under the concurrency policy. Each sync requeues the key for the next schedule time (plus 100 ms
// for clock skew), so the queue is the cron clock; schedules are evaluated against ctx.wallMs().

import type { CronJob, Job, ObjectReference, OwnerReference } from '../api/types';
import { rfc3339 } from '../apiserver/registry/objects';
import { isAlreadyExists, isNotFound, res } from '../client/clientset';
import { referenceOf } from '../client/events';
import { keyOf, splitKey } from '../client/store';
import type { Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { errorText, getControllerOf, hasStatusCause, namespaceTerminatingCause } from './util/pod-control';
import { finishedCondition } from './job';
import { formatRFC1123Z, formatRFC3339In, isKnownTimeZone, parseStandard, zeroTimeMs, type Schedule } from './cron';

const cronJobs = res('batch', 'cronjobs');
const jobs = res('batch', 'jobs');

/** Padding on each requeue, for NTP skew between controller and schedule (nextScheduleDelta). */
export const nextScheduleDeltaMs = 100;

/** The annotation a Job carries with the time it was scheduled for (batchv1.CronJobScheduledTimestampAnnotation). */
export const cronJobScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** --concurrent-cron-job-syncs default. */
const concurrentCronJobSyncs = 5;

// Models pkg/controller/cronjob/cronjob_controllerv2.go NewControllerV2.
/** The CronJob controller: creates Jobs on schedule and keeps CronJob status. */
export function newCronJobController(ctx: ControllerContext): Controller {
  const queue = ctx.newQueue('cronjob');
  const recorder = ctx.recorder('cronjob-controller');
  const cjInformer = ctx.informers.informerFor<CronJob>(cronJobs);
  const jobInformer = ctx.informers.informerFor<Job>(jobs);
  const cjLister = cjInformer.lister;
  const jobLister = jobInformer.lister;

  const resolveControllerRef = (namespace: string, ref: OwnerReference): CronJob | undefined => {
    if (ref.kind !== 'CronJob') return undefined;
    const cj = cjLister.get(namespace, ref.name);
    return cj && cj.metadata.uid === ref.uid ? cj : undefined;
  };
  const enqueueOwner = (job: Job) => {
    const ref = controllerRefOf(job);
    const cj = ref && resolveControllerRef(job.metadata.namespace ?? '', ref);
    if (cj) queue.add(keyOf(cj));
  };

  jobInformer.addEventHandler({
    add: enqueueOwner,
    update(old, cur) {
      if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
      const oldRef = controllerRefOf(old);
      const curRef = controllerRefOf(cur);
      if (oldRef && JSON.stringify(oldRef) !== JSON.stringify(curRef)) enqueueOwner(old);
      enqueueOwner(cur);
    },
    delete: enqueueOwner,
  });
  cjInformer.addEventHandler({
    add: (cj) => queue.add(keyOf(cj)),
    update: (old, cur) => updateCronJob(old, cur),
    delete: (cj) => queue.add(keyOf(cj)),
  });

  // Models cronjob_controllerv2.go updateCronJob: a new schedule or zone requeues at its next time.
  function updateCronJob(old: CronJob, cur: CronJob): void {
    if (old.spec?.schedule !== cur.spec?.schedule || old.spec?.timeZone !== cur.spec?.timeZone) {
      let sched: Schedule;
      try {
        sched = parseStandard(formatSchedule(cur, null));
      } catch {
        recorder.event(cur, 'Warning', 'UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${cur.spec?.schedule}`);
        return;
      }
      queue.addAfter(keyOf(cur), nextScheduleTimeDuration(cur, ctx.wallMs(), sched));
      return;
    }
    queue.add(keyOf(cur));
  }

  // Models cronjob_controllerv2.go formatSchedule: timeZone becomes a TZ= prefix; a TZ in the schedule itself is warned about.
  function formatSchedule(cj: CronJob, warn: typeof recorder | null): string {
    const schedule = cj.spec?.schedule ?? '';
    if (schedule.includes('TZ')) {
      warn?.event(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
      return schedule;
    }
    const tz = cj.spec?.timeZone;
    if (tz !== undefined && tz !== null) return isKnownTimeZone(tz) ? `TZ=${tz} ${schedule}` : schedule;
    return schedule;
  }

  // Models cronjob_controllerv2.go sync.
  function* sync(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    const cronJob = cjLister.get(ns, name);
    if (!cronJob) return;
    const children = jobLister.list(ns).filter((j) => controllerRefOf(j)?.name === cronJob.metadata.name);
    const cj = structuredClone(cronJob);
    cj.status ??= {};
    const updateAfterCleanup = yield* cleanupFinishedJobs(cj, children);
    const out = yield* syncCronJob(cj, children);
    if (updateAfterCleanup || out.updateStatus) yield* ctx.client.update(cronJobs, ns, cj, 'status');
    if (out.requeueAfterMs !== null) {
      queue.addAfter(key, out.requeueAfterMs);
      return;
    }
    if (out.err) throw out.err;
  }

  type SyncOutcome = { requeueAfterMs: number | null; updateStatus: boolean; err?: unknown };

  // Models cronjob_controllerv2.go syncCronJob.
  function* syncCronJob(initial: CronJob, children: Job[]): Co<SyncOutcome> {
    let cj = initial;
    const now = ctx.wallMs();
    let updateStatus = false;
    const done = (requeueAfterMs: number | null, err?: unknown): SyncOutcome => ({ requeueAfterMs, updateStatus, ...(err ? { err } : {}) });
    const childUIDs = new Set<string>();
    for (const j of children) {
      childUIDs.add(j.metadata.uid ?? '');
      const found = inActiveList(cj, j.metadata.uid);
      const finished = finishedCondition(j);
      if (!found && !finished) {
        let fresh: CronJob;
        try {
          fresh = yield* ctx.client.get<CronJob>(cronJobs, cj.metadata.namespace ?? '', cj.metadata.name!);
        } catch (e) {
          return done(null, e);
        }
        if (inActiveList(fresh, j.metadata.uid)) {
          // As upstream: later changes go to the fresh copy, while the caller writes the copy it passed in.
          cj = fresh;
          cj.status ??= {};
          continue;
        }
        recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (finished) {
        if (found) {
          deleteFromActiveList(cj, j.metadata.uid);
          recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${finished}`);
          updateStatus = true;
        }
        if (finished === 'Complete') {
          const completion = j.status?.completionTime;
          const last = cj.status!.lastSuccessfulTime;
          if (last === undefined || last === null) {
            if (completion) cj.status!.lastSuccessfulTime = completion;
            else delete cj.status!.lastSuccessfulTime;
            updateStatus = true;
          }
          if (completion && cj.status!.lastSuccessfulTime && Date.parse(completion) > Date.parse(cj.status!.lastSuccessfulTime)) {
            cj.status!.lastSuccessfulTime = completion;
            updateStatus = true;
          }
        }
      }
    }

    // An active Job the lister does not know may only be slow to arrive: ask the apiserver before dropping it.
    for (const ref of [...(cj.status!.active ?? [])]) {
      if (childUIDs.has(ref.uid ?? '')) continue;
      try {
        yield* ctx.client.get<Job>(jobs, ref.namespace ?? '', ref.name ?? '');
      } catch (e) {
        if (!isNotFound(e)) return done(null, e);
        recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        deleteFromActiveList(cj, ref.uid);
        updateStatus = true;
      }
    }

    if (cj.metadata.deletionTimestamp) return done(null);
    const tz = cj.spec?.timeZone;
    if (tz !== undefined && tz !== null && !isKnownTimeZone(tz)) {
      recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(tz)}: unknown time zone ${tz}`);
      return done(null);
    }
    if (cj.spec?.suspend) return done(null);

    let sched: Schedule;
    try {
      sched = parseStandard(formatSchedule(cj, recorder));
    } catch (e) {
      recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule ?? '')} : ${errorText(e)}`);
      return done(null);
    }
    const next = nextScheduleTime(cj, now, sched);
    if (next.err) {
      recorder.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${next.err}`);
      return done(null);
    }
    if (next.manyMissed) recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    const scheduledTime = next.time;
    if (scheduledTime === null) return done(nextScheduleTimeDuration(cj, now, sched));

    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduledTime + deadline * 1000 < now) {
      recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduledTime)}`);
      return done(nextScheduleTimeDuration(cj, now, sched));
    }
    const jobName = getJobName(cj, scheduledTime);
    const last = cj.status!.lastScheduleTime;
    if ((cj.status!.active ?? []).some((a) => a.name === jobName && a.namespace === cj.metadata.namespace) || (last && Date.parse(last) === scheduledTime)) {
      return done(nextScheduleTimeDuration(cj, now, sched));
    }
    if (cj.spec?.concurrencyPolicy === 'Forbid' && (cj.status!.active ?? []).length > 0) {
      recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return done(nextScheduleTimeDuration(cj, now, sched));
    }
    if (cj.spec?.concurrencyPolicy === 'Replace') {
      for (const ref of [...(cj.status!.active ?? [])]) {
        let job: Job;
        try {
          job = yield* ctx.client.get<Job>(jobs, ref.namespace ?? '', ref.name ?? '');
        } catch (e) {
          recorder.event(cj, 'Warning', 'FailedGet', `Get job: ${errorText(e)}`);
          return done(null, e);
        }
        if (!(yield* deleteJob(cj, job))) return done(null, new Error(`could not replace job ${job.metadata.namespace}/${job.metadata.name}`));
        updateStatus = true;
      }
    }

    const jobReq = getJobFromTemplate2(cj, scheduledTime);
    let created: Job;
    let alreadyExists = false;
    try {
      created = yield* ctx.client.create<Job>(jobs, cj.metadata.namespace ?? '', jobReq);
    } catch (e) {
      if (isNamespaceTerminating(e)) return done(null, e);
      if (!isAlreadyExists(e)) {
        recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${errorText(e)}`);
        return done(null, e);
      }
      // Created earlier by us (the status update that should have followed was lost), or by someone else.
      alreadyExists = true;
      try {
        created = yield* ctx.client.get<Job>(jobs, cj.metadata.namespace ?? '', jobReq.metadata.name!);
      } catch (e2) {
        return done(null, e2);
      }
      const ref = controllerRefOf(created);
      if (!ref || ref.uid !== cj.metadata.uid) return done(null);
      if (inActiveList(cj, created.metadata.uid)) return done(null);
    }
    if (!alreadyExists) recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    // The deterministic name is the lock against creating this run twice if we restart before the status update.
    cj.status!.active = [...(cj.status!.active ?? []), jobReference(created)];
    cj.status!.lastScheduleTime = rfc3339(scheduledTime);
    updateStatus = true;
    return done(nextScheduleTimeDuration(cj, now, sched));
  }

  // Models cronjob_controllerv2.go cleanupFinishedJobs and removeOldestJobs.
  function* cleanupFinishedJobs(cj: CronJob, children: Job[]): Co<boolean> {
    const successLimit = cj.spec?.successfulJobsHistoryLimit;
    const failedLimit = cj.spec?.failedJobsHistoryLimit;
    if ((successLimit === undefined || successLimit === null) && (failedLimit === undefined || failedLimit === null)) return false;
    const succeeded = children.filter((j) => finishedCondition(j) === 'Complete');
    const failed = children.filter((j) => finishedCondition(j) === 'Failed');
    let update = false;
    for (const [list, limit] of [
      [succeeded, successLimit],
      [failed, failedLimit],
    ] as const) {
      if (limit === undefined || limit === null) continue;
      const n = list.length - limit;
      if (n <= 0) continue;
      const oldest = [...list].sort(byJobStartTime);
      for (let i = 0; i < n; i++) if (yield* deleteJob(cj, oldest[i]!)) update = true;
    }
    return update;
  }

  // Models cronjob_controllerv2.go deleteJob: delete in the background, drop it from active.
  function* deleteJob(cj: CronJob, job: Job): Co<boolean> {
    try {
      yield* ctx.client.delete(jobs, job.metadata.namespace ?? '', job.metadata.name!, { propagationPolicy: 'Background' });
    } catch (e) {
      recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${errorText(e)}`);
      return false;
    }
    deleteFromActiveList(cj, job.metadata.uid);
    recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }

  return { name: 'cronjob', workers: concurrentCronJobSyncs, queue, sync };
}

const controllerRefOf = getControllerOf;

function isNamespaceTerminating(e: unknown): boolean {
  return hasStatusCause(e, namespaceTerminatingCause);
}

function inActiveList(cj: CronJob, uid: string | undefined): boolean {
  return (cj.status?.active ?? []).some((a) => a.uid === uid);
}

function deleteFromActiveList(cj: CronJob, uid: string | undefined): void {
  cj.status!.active = (cj.status!.active ?? []).filter((a) => a.uid !== uid);
}

function jobReference(job: Job): ObjectReference {
  return referenceOf({ ...job, kind: 'Job', apiVersion: 'batch/v1' });
}

// Models pkg/controller/cronjob/utils.go byJobStartTime: started Jobs first, oldest first, then by name.
function byJobStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  const ta = sa ? Date.parse(sa) : 0;
  const tb = sb ? Date.parse(sb) : 0;
  if (ta === tb) return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
  return ta - tb;
}

/** `<cronjob>-<scheduled time in minutes since the epoch>` (getJobName, getTimeHashInMinutes). */
export function getJobName(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(Math.floor(scheduledMs / 1000) / 60)}`;
}

// Models pkg/controller/cronjob/utils.go getJobFromTemplate2.
/** The Job a CronJob runs at `scheduledMs`: the template's labels, annotations and spec, owned by the CronJob. */
export function getJobFromTemplate2(cj: CronJob, scheduledMs: number): Job {
  const tmpl = cj.spec?.jobTemplate;
  const labels = { ...(tmpl?.metadata?.labels ?? {}) };
  const tz = cj.spec?.timeZone;
  const zone = !tz || tz === 'Local' ? 'UTC' : tz;
  const annotations = { ...(tmpl?.metadata?.annotations ?? {}), [cronJobScheduledTimestampAnnotation]: formatRFC3339In(scheduledMs, zone) };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: getJobName(cj, scheduledMs),
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations,
      creationTimestamp: rfc3339(scheduledMs),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: structuredClone(tmpl?.spec ?? { template: {} }),
  };
}

type MissedSchedules = 'none' | 'few' | 'many';

// Models pkg/controller/cronjob/utils.go mostRecentScheduleTime.
/**
 * The CronJob's last schedule (or creation) time, the most recent schedule time not after `now`
 * (null if none), and how many were missed; the count is estimated from the spacing of the first
 * two times, as upstream does, so a schedule missed for years costs no more than one missed an hour.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: Schedule, includeStartingDeadlineSeconds: boolean): { earliest: number; mostRecent: number | null; missed: MissedSchedules; err?: string } {
  let earliest = Date.parse(cj.metadata.creationTimestamp ?? '') || 0;
  let missed: MissedSchedules = 'none';
  if (cj.status?.lastScheduleTime) earliest = Date.parse(cj.status.lastScheduleTime);
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && deadline !== undefined && deadline !== null) {
    const schedulingDeadline = now - deadline * 1000;
    if (schedulingDeadline > earliest) earliest = schedulingDeadline;
  }
  const t1 = schedule.next(earliest);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliest, mostRecent: null, missed };
  if (now < t2) return { earliest, mostRecent: t1, missed };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, mostRecent: null, missed, err: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((now - t1) / 1000);
  const numberOfMissed = Math.floor(elapsed / between) + 1;
  let mostRecent = zeroTimeMs;
  const potentialEarliest = t1 + (numberOfMissed - 1 - 1) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t <= now; t = schedule.next(t)) mostRecent = t;
  if (numberOfMissed > 100) missed = 'many';
  else if (numberOfMissed > 0) missed = 'few';
  return { earliest, mostRecent: mostRecent === zeroTimeMs ? null : mostRecent, missed };
}

// Models pkg/controller/cronjob/utils.go nextScheduleTimeDuration.
/** How long until the next schedule time after the most recent one, plus nextScheduleDelta. */
export function nextScheduleTimeDuration(cj: CronJob, now: number, schedule: Schedule): number {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  let mostRecent: number;
  if (r.err) mostRecent = now;
  else if (r.mostRecent === null) mostRecent = r.missed === 'none' ? r.earliest : now;
  else mostRecent = r.mostRecent;
  return schedule.next(mostRecent) + nextScheduleDeltaMs - now;
}

// Models pkg/controller/cronjob/utils.go nextScheduleTime.
/** The schedule time to run now, if one is due; `manyMissed` when over 100 were missed. */
export function nextScheduleTime(cj: CronJob, now: number, schedule: Schedule): { time: number | null; manyMissed: boolean; err?: string } {
  const r = mostRecentScheduleTime(cj, now, schedule, true);
  if (r.mostRecent === null || r.mostRecent > now) return { time: null, manyMissed: false, ...(r.err ? { err: r.err } : {}) };
  return { time: r.mostRecent, manyMissed: r.missed === 'many' };
}
