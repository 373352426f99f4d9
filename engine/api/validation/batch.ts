// batch/v1: Job and CronJob, as pkg/apis/batch/validation/validation.go (ValidateJob,
// ValidateJobSpec, ValidateJobUpdate, ValidateCronJobCreate, ValidateCronJobUpdate) with the
// options the job strategy passes (ElasticIndexedJob GA; JobManagedBy, JobBackoffLimitPerIndex,
// JobSuccessPolicy, JobPodReplacementPolicy beta and on in 1.32).

import { labelSelectorAsSelector } from '../labels';
import type { CronJob, Job, JobSpec, JobTemplateSpec, LabelSelector } from '../types';
import { forbidden, invalid, newPath, notSupported, required, tooLong, type FieldError, type FieldPath } from './field';
import { GoValue, goStringMap } from './gofmt';
import { validateImmutableField, validateLabelSelector, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { byteLength, isDNS1123Label, isDomainPrefixedPath, isQualifiedName as isDNS1123LabelQualified, nameIsDNSSubdomain } from './names';
import { podTemplateOptions, validatePodTemplateSpec, type PodValidationOptions } from './core-pod';
import { goLabelSelector } from './apps';
import { parseStandardCron } from './cron';
import { deepEqual } from './util';

const maxParallelismForIndexedJob = 100000;
const maxFailedIndexesLimitForBackoffLimitPerIndex = 100000;
const maxCompletionsForBackoffLimitPerIndex = 100000;
const maxManagedByLength = 63;

const legacyControllerUidLabel = 'controller-uid';
const legacyJobNameLabel = 'job-name';
const controllerUidLabel = 'batch.kubernetes.io/controller-uid';
const jobNameLabel = 'batch.kubernetes.io/job-name';

function nn(v: number | undefined, p: FieldPath): FieldError[] {
  return v === undefined || v === null ? [] : validateNonnegativeField(v, p);
}

function validatePodFailurePolicy(spec: JobSpec, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = fldPath.child('rules');
  const rules = spec.podFailurePolicy?.rules ?? [];
  if (rules.length > 20) errs.push({ type: 'FieldValueTooMany', field: rulesPath.toString(), badValue: rules.length, detail: 'must have at most 20 items' });
  const containerNames = new Set([...(spec.template?.spec?.containers ?? []), ...(spec.template?.spec?.initContainers ?? [])].map((c) => c.name));
  const actions = spec.completionMode === 'Indexed' && spec.backoffLimitPerIndex !== undefined ? ['Count', 'FailIndex', 'FailJob', 'Ignore'] : ['Count', 'FailJob', 'Ignore'];
  rules.forEach((rule, i) => {
    const p = rulesPath.index(i);
    const action: string = rule.action ?? '';
    if (action === 'FailIndex' && !actions.includes('FailIndex')) errs.push(forbidden(p.child('action'), 'requires the backoffLimitPerIndex to be set'));
    else if (!actions.includes(action) && action !== 'FailIndex') errs.push(notSupported(p.child('action'), action, ['Count', 'FailIndex', 'FailJob', 'Ignore']));
    if (rule.onExitCodes && (rule.onPodConditions ?? []).length > 0) errs.push(invalid(p, new GoValue('batch.PodFailurePolicyRule{...}'), 'specifying both OnExitCodes and OnPodConditions is not supported'));
    else if (!rule.onExitCodes && (rule.onPodConditions ?? []).length === 0) errs.push(invalid(p, new GoValue('batch.PodFailurePolicyRule{...}'), 'specifying one of OnExitCodes and OnPodConditions is required'));
    const oe = rule.onExitCodes;
    if (oe) {
      const ep = p.child('onExitCodes');
      if (oe.containerName !== undefined && oe.containerName !== null && !containerNames.has(oe.containerName)) {
        errs.push(invalid(ep.child('containerName'), oe.containerName, 'must be one of the container or initContainer names in the pod template'));
      }
      const op: string = oe.operator ?? '';
      if (op !== 'In' && op !== 'NotIn') errs.push(notSupported(ep.child('operator'), op, ['In', 'NotIn']));
      const values = oe.values ?? [];
      if (values.length === 0) errs.push(required(ep.child('values'), 'at least one value is required'));
      else if (values.length > 255) errs.push({ type: 'FieldValueTooMany', field: ep.child('values').toString(), badValue: values.length, detail: 'must have at most 255 items' });
      else {
        values.forEach((v, j) => {
          if (j > 0 && values[j - 1] === v) errs.push({ type: 'FieldValueDuplicate', field: ep.child('values').index(j).toString(), badValue: v, detail: '' });
          if (j > 0 && values[j - 1]! > v) errs.push(invalid(ep.child('values').index(j), v, 'must be ordered'));
          if (op === 'In' && v === 0) errs.push(invalid(ep.child('values').index(j), v, 'must not be 0 for the In operator'));
        });
      }
    }
    (rule.onPodConditions ?? []).forEach((pat, j) => {
      const cp = p.child('onPodConditions').index(j);
      const st: string = pat.status ?? '';
      if (!['True', 'False', 'Unknown'].includes(st)) errs.push(notSupported(cp.child('status'), st, ['True', 'False', 'Unknown']));
      for (const m of isDNS1123LabelQualified(pat.type ?? '')) errs.push(invalid(cp.child('type'), pat.type ?? '', m));
    });
  });
  return errs;
}


/** validateJobSpec (shared by Jobs and CronJob job templates). */
function validateJobSpecCommon(spec: JobSpec, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nn(spec.parallelism, fldPath.child('parallelism')));
  errs.push(...nn(spec.completions, fldPath.child('completions')));
  errs.push(...nn(spec.activeDeadlineSeconds, fldPath.child('activeDeadlineSeconds')));
  errs.push(...nn(spec.backoffLimit, fldPath.child('backoffLimit')));
  errs.push(...nn(spec.ttlSecondsAfterFinished, fldPath.child('ttlSecondsAfterFinished')));
  errs.push(...nn(spec.backoffLimitPerIndex, fldPath.child('backoffLimitPerIndex')));
  if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null) {
    errs.push(...validateNonnegativeField(spec.maxFailedIndexes, fldPath.child('maxFailedIndexes')));
    if (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null) errs.push(required(fldPath.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy !== undefined && spec.managedBy !== null) {
    errs.push(...isDomainPrefixedPath(fldPath.child('managedBy'), spec.managedBy));
    if (byteLength(spec.managedBy) > maxManagedByLength) errs.push(tooLong(fldPath.child('managedBy'), spec.managedBy, maxManagedByLength));
  }
  const mode: string | undefined = spec.completionMode;
  if (mode !== undefined && mode !== null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(fldPath.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions === undefined || spec.completions === null) errs.push(required(fldPath.child('completions'), 'when completion mode is Indexed'));
      if ((spec.parallelism ?? 0) > maxParallelismForIndexedJob) errs.push(invalid(fldPath.child('parallelism'), spec.parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
      if (spec.completions !== undefined && spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > spec.completions) errs.push(invalid(fldPath.child('maxFailedIndexes'), spec.maxFailedIndexes, 'must be less than or equal to completions'));
      if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > maxFailedIndexesLimitForBackoffLimitPerIndex) errs.push(invalid(fldPath.child('maxFailedIndexes'), spec.maxFailedIndexes, `must be less than or equal to ${maxFailedIndexesLimitForBackoffLimitPerIndex}`));
      if (spec.completions !== undefined && spec.backoffLimitPerIndex !== undefined && spec.completions > maxCompletionsForBackoffLimitPerIndex) {
        errs.push(invalid(fldPath.child('backoffLimitPerIndex'), spec.backoffLimit ?? null, `when completions is higher than ${maxCompletionsForBackoffLimitPerIndex}`));
      }
    }
  }
  if (mode === undefined || mode === null || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null) errs.push(invalid(fldPath.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null) errs.push(invalid(fldPath.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, fldPath.child('podFailurePolicy')));
  if (spec.successPolicy) {
    const sp = fldPath.child('successPolicy');
    const rules = spec.successPolicy.rules ?? [];
    if (mode !== 'Indexed') errs.push(invalid(fldPath.child('completionMode'), mode ?? null, 'requires indexed completion mode'));
    if (rules.length === 0) errs.push(required(sp.child('rules'), 'at least one rules must be specified when the successPolicy is specified'));
    if (rules.length > 20) errs.push({ type: 'FieldValueTooMany', field: sp.child('rules').toString(), badValue: rules.length, detail: 'must have at most 20 items' });
    rules.forEach((r, i) => {
      const rp = sp.child('rules').index(i);
      if ((r.succeededIndexes === undefined || r.succeededIndexes === null) && (r.succeededCount === undefined || r.succeededCount === null)) {
        errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
      }
      if (r.succeededCount !== undefined && r.succeededCount !== null) {
        if (r.succeededCount < 0) errs.push(invalid(rp.child('succeededCount'), r.succeededCount, 'must be greater than or equal to 0'));
        if (spec.completions !== undefined && r.succeededCount > spec.completions) errs.push(invalid(rp.child('succeededCount'), r.succeededCount, `must be less than or equal to ${spec.completions} (the number of specified completions)`));
      }
    });
  }
  const prp: string | undefined = spec.podReplacementPolicy;
  if (prp !== undefined && prp !== null) {
    if (spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null) {
      if (prp !== 'Failed') errs.push(notSupported(fldPath.child('podReplacementPolicy'), prp, ['Failed']));
    } else if (prp !== 'TerminatingOrFailed' && prp !== 'Failed') errs.push(notSupported(fldPath.child('podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']));
  }
  errs.push(...validatePodTemplateSpec(spec.template, fldPath.child('template'), opts));
  const rp: string = spec.template?.spec?.restartPolicy ?? '';
  const rpPath = fldPath.child('template', 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '') errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && rp !== 'Never') errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJobSpec: the common checks plus the selector, which must match the template. */
export function validateJobSpec(spec: JobSpec | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const s = spec ?? ({} as JobSpec);
  const errs = validateJobSpecCommon(s, fldPath, opts);
  if (!s.selector) errs.push(required(fldPath.child('selector'), ''));
  else errs.push(...validateLabelSelector(s.selector, { allowInvalidLabelValueInSelector: opts.allowInvalidLabelValueInSelector }, fldPath.child('selector')));
  let ok = true;
  let selector;
  try {
    selector = labelSelectorAsSelector(s.selector);
  } catch {
    ok = false;
  }
  if (ok && selector) {
    if (selector.empty()) errs.push(required(fldPath.child('selector'), ''));
    const labels = s.template?.metadata?.labels;
    if (!selector.matches(labels ?? {})) errs.push(invalid(fldPath.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

function validateHasLabel(labels: Record<string, string> | undefined, fldPath: FieldPath, key: string, expected: string): FieldError[] {
  const p = fldPath.child('labels').key(key);
  if (!labels || !Object.prototype.hasOwnProperty.call(labels, key)) return [required(p, `must be '${expected}'`)];
  if (labels[key] !== expected) return [invalid(p, goStringMap(labels), `must be '${expected}'`)];
  return [];
}

/** ValidateGeneratedSelector: a generated selector and its labels name this job's uid. */
function validateGeneratedSelector(job: Job, requirePrefixedLabels: boolean): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector === true || !spec?.selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  // Upstream checks the uid twice.
  if (uid === '') errs.push(required(newPath('metadata').child('uid'), ''), required(newPath('metadata').child('uid'), ''));
  const tp = newPath('spec').child('template').child('metadata');
  const labels = spec.template?.metadata?.labels;
  errs.push(...validateHasLabel(labels, tp, legacyControllerUidLabel, uid));
  errs.push(...validateHasLabel(labels, tp, legacyJobNameLabel, name));
  const expected: Record<string, string> = {};
  if (requirePrefixedLabels) {
    errs.push(...validateHasLabel(labels, tp, controllerUidLabel, uid));
    errs.push(...validateHasLabel(labels, tp, jobNameLabel, name));
    expected[controllerUidLabel] = uid;
  }
  expected[legacyControllerUidLabel] = uid;
  try {
    if (!labelSelectorAsSelector(spec.selector).matches(expected)) errs.push(invalid(newPath('spec').child('selector'), goLabelSelector(spec.selector), '`selector` not auto-generated'));
  } catch {
    // An unparsable selector is reported by ValidateJobSpec.
  }
  return errs;
}

/** ValidateJob (create): name as a replication controller's, a generated selector, the spec. */
export function validateJob(job: Job, opts = podTemplateOptions(job.spec?.template, undefined), requirePrefixedLabels = true): FieldError[] {
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  errs.push(...validateGeneratedSelector(job, requirePrefixedLabels));
  errs.push(...validateJobSpec(job.spec, newPath('spec'), opts));
  const spec = job.spec;
  if (spec?.completionMode === 'Indexed' && (spec.completions ?? 0) > 0) {
    const host = `${job.metadata?.name ?? ''}-${spec.completions! - 1}`;
    if (isDNS1123Label(host).length > 0) errs.push(invalid(newPath('metadata').child('name'), job.metadata?.name ?? '', `will not able to create pod with invalid DNS label: ${host}`));
  }
  return errs;
}

/** A PodTemplateSpec bad value: upstream prints the whole internal struct with %#v; elided here. */
function goPodTemplateSpec(): GoValue {
  return new GoValue('core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, Spec:core.PodSpec{...}}');
}

/** ValidateJobUpdate: the spec revalidated; completions (but for elastic Indexed jobs), selector, template and modes fixed. */
export function validateJobUpdate(job: Job, old: Job, opts = podTemplateOptions(job.spec?.template, old.spec?.template)): FieldError[] {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata, newPath('metadata'));
  const fldPath = newPath('spec');
  const spec = job.spec ?? ({} as JobSpec);
  const os = old.spec ?? ({} as JobSpec);
  errs.push(...validateJobSpec(spec, fldPath, opts));
  // validateCompletions (ElasticIndexedJob is GA).
  const cp = fldPath.child('completions');
  if (spec.completionMode !== 'Indexed') errs.push(...validateImmutableField(spec.completions ?? null, os.completions ?? null, cp));
  else if (!deepEqual(spec.completions ?? null, os.completions ?? null) && spec.completions !== undefined && spec.completions !== null && spec.completions !== spec.parallelism) {
    errs.push(invalid(cp, spec.completions, 'can only be modified in tandem with spec.parallelism'));
  }
  errs.push(...validateImmutableField(spec.selector ?? null, os.selector ?? null, fldPath.child('selector'), (v) => goLabelSelector(v as LabelSelector | null)));
  // validatePodTemplateUpdate: a suspended job that never started may change its scheduling directives.
  const mutableScheduling = os.suspend === true && !old.status?.startTime;
  let oldTemplate = os.template ?? {};
  const template = spec.template ?? {};
  if (mutableScheduling) {
    const o = JSON.parse(JSON.stringify(oldTemplate)) as typeof oldTemplate;
    o.spec = o.spec ?? ({ containers: [] } as NonNullable<typeof o.spec>);
    const na = template.spec?.affinity;
    if (!na && o.spec.affinity) {
      delete o.spec.affinity.nodeAffinity;
      if (Object.keys(o.spec.affinity).length === 0) delete o.spec.affinity;
    } else if (na && !o.spec.affinity) o.spec.affinity = na.nodeAffinity ? { nodeAffinity: na.nodeAffinity } : {};
    else if (na && o.spec.affinity) o.spec.affinity.nodeAffinity = na.nodeAffinity;
    o.spec.nodeSelector = template.spec?.nodeSelector;
    o.spec.tolerations = template.spec?.tolerations;
    o.spec.schedulingGates = template.spec?.schedulingGates;
    o.metadata = { ...(o.metadata ?? {}), annotations: template.metadata?.annotations, labels: template.metadata?.labels };
    oldTemplate = o;
  }
  errs.push(...validateImmutableField(template, oldTemplate, fldPath.child('template'), goPodTemplateSpec));
  errs.push(...validateImmutableField(spec.completionMode ?? null, os.completionMode ?? null, fldPath.child('completionMode')));
  errs.push(...validateImmutableField(spec.podFailurePolicy ?? null, os.podFailurePolicy ?? null, fldPath.child('podFailurePolicy'), () => new GoValue('batch.PodFailurePolicy{...}')));
  errs.push(...validateImmutableField(spec.backoffLimitPerIndex ?? null, os.backoffLimitPerIndex ?? null, fldPath.child('backoffLimitPerIndex')));
  errs.push(...validateImmutableField(spec.managedBy ?? null, os.managedBy ?? null, fldPath.child('managedBy')));
  errs.push(...validateImmutableField(spec.successPolicy ?? null, os.successPolicy ?? null, fldPath.child('successPolicy'), () => new GoValue('batch.SuccessPolicy{...}')));
  return errs;
}

/** Job status updates: the counters non-negative (the controller-facing rules of 1.32 are not modelled). */
export function validateJobStatusUpdate(job: Job, old: Job): FieldError[] {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata, newPath('metadata'));
  const p = newPath('status');
  const s = job.status ?? {};
  errs.push(...nn(s.active, p.child('active')), ...nn(s.succeeded, p.child('succeeded')), ...nn(s.failed, p.child('failed')), ...nn(s.ready, p.child('ready')), ...nn(s.terminating, p.child('terminating')));
  return errs;
}

// ---- CronJob ----

const validTimeZoneCharacters = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: string | undefined, fldPath: FieldPath): FieldError[] {
  if (tz === undefined || tz === null) return [];
  if (tz.length === 0) return [invalid(fldPath, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !validTimeZoneCharacters.test(part)) return [invalid(fldPath, tz, `unknown time zone ${tz}`)];
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') errs.push(invalid(fldPath, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  // time.LoadLocation, answered from the host's IANA database through Intl.
  let known = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    known = tz === 'UTC' || tz === '';
  }
  if (!known) errs.push(invalid(fldPath, tz, `unknown time zone ${tz}`));
  return errs;
}

function validateScheduleFormat(schedule: string, allowTZInSchedule: boolean, timeZone: string | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseStandardCron(schedule);
  } catch (e) {
    errs.push(invalid(fldPath, schedule, (e as Error).message));
  }
  if (allowTZInSchedule && schedule.includes('TZ') && timeZone !== undefined && timeZone !== null) errs.push(invalid(fldPath, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  else if (!allowTZInSchedule && schedule.includes('TZ')) errs.push(invalid(fldPath, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errs;
}

/** ValidateJobTemplateSpec: the job spec, with no selector (it is generated per job). */
function validateJobTemplateSpec(t: JobTemplateSpec | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const spec = t?.spec ?? ({} as JobSpec);
  const errs = validateJobSpecCommon(spec, fldPath.child('spec'), opts);
  if (spec.selector) errs.push(invalid(fldPath.child('spec', 'selector'), goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(fldPath.child('spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(cj: CronJob, old: CronJob | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const spec = cj.spec ?? ({} as NonNullable<CronJob['spec']>);
  const os = old?.spec;
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(required(fldPath.child('schedule'), ''));
  else errs.push(...validateScheduleFormat(spec.schedule, os !== undefined && (os.schedule ?? '').includes('TZ'), spec.timeZone, fldPath.child('schedule')));
  errs.push(...nn(spec.startingDeadlineSeconds, fldPath.child('startingDeadlineSeconds')));
  if (os === undefined || (os.timeZone ?? null) !== (spec.timeZone ?? null)) errs.push(...validateTimeZone(spec.timeZone, fldPath.child('timeZone')));
  const cp: string = spec.concurrencyPolicy ?? '';
  if (cp === '') errs.push(required(fldPath.child('concurrencyPolicy'), ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported(fldPath.child('concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']));
  errs.push(...validateJobTemplateSpec(spec.jobTemplate, fldPath.child('jobTemplate'), opts));
  errs.push(...nn(spec.successfulJobsHistoryLimit, fldPath.child('successfulJobsHistoryLimit')));
  errs.push(...nn(spec.failedJobsHistoryLimit, fldPath.child('failedJobsHistoryLimit')));
  return errs;
}

/** ValidateCronJobCreate: names at most 52 characters (the controller appends an 11-character suffix). */
export function validateCronJob(cj: CronJob, opts = podTemplateOptions(cj.spec?.jobTemplate?.spec?.template, undefined)): FieldError[] {
  const errs = validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  const name = cj.metadata?.name ?? '';
  if (byteLength(name) > 52) errs.push(invalid(newPath('metadata').child('name'), name, 'must be no more than 52 characters'));
  errs.push(...validateCronJobSpec(cj, undefined, newPath('spec'), opts));
  return errs;
}

/** ValidateCronJobUpdate: the job template's metadata must stay valid. */
export function validateCronJobUpdate(cj: CronJob, old: CronJob, opts = podTemplateOptions(cj.spec?.jobTemplate?.spec?.template, old.spec?.jobTemplate?.spec?.template)): FieldError[] {
  const errs = validateObjectMetaUpdate(cj.metadata, old.metadata, newPath('metadata'));
  errs.push(...validateCronJobSpec(cj, old, newPath('spec'), opts));
  // Upstream validates the job template's object meta with ValidateObjectMeta minus the name.
  return errs;
}

