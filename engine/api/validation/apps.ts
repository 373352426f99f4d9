// apps/v1: Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision, as
// pkg/apis/apps/validation/validation.go, plus the selector immutability their registry
// strategies (pkg/registry/apps/*/strategy.go) add for apps/v1.

import { labelSelectorAsSelector, type Selector } from '../labels';
import type { ControllerRevision, DaemonSet, Deployment, LabelSelector, PodTemplateSpec, ReplicaSet, ReplicaSetSpec, StatefulSet } from '../types';
import { forbidden, invalid, newPath, notSupported, required, type FieldError, type FieldPath } from './field';
import { GoValue, goQuote, goStringMap } from './gofmt';
import { validateAnnotations, validateImmutableField, validateLabelSelector, validateLabels, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isValidPercent, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { podTemplateOptions, validatePodSpecificAnnotations, validatePodTemplateSpec, type PodValidationOptions } from './core-pod';
import type { PodSpecV } from './podopts';
import { deepEqual } from './util';

/** %#v of an intstr.IntOrString (its String() has a pointer receiver, so Go prints the struct). */
export function goIntOrString(v: number | string | undefined | null): GoValue {
  if (typeof v === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`);
}

/** %#v of a metav1.LabelSelector (a pointer, dereferenced by ErrorBody). */
export function goLabelSelector(s: LabelSelector | undefined | null): GoValue | null {
  if (s === undefined || s === null) return null;
  const reqs =
    s.matchExpressions === undefined || s.matchExpressions === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${s.matchExpressions
          .map((r) => `v1.LabelSelectorRequirement{Key:${goQuote(r.key ?? '')}, Operator:${goQuote(r.operator ?? '')}, Values:${r.values ? `[]string{${r.values.map(goQuote).join(', ')}}` : '[]string(nil)'}}`)
          .join(', ')}}`;
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels).repr}, MatchExpressions:${reqs}}`);
}

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: number | string | undefined, fldPath: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(fldPath, goIntOrString(v), m));
  return validateNonnegativeField(v ?? 0, fldPath);
}

/** getPercentValue: the number of a valid `N%`. */
function getPercentValue(v: number | string | undefined): number | null {
  if (typeof v !== 'string' || isValidPercent(v).length !== 0) return null;
  return Number(v.slice(0, -1));
}

/** getIntOrPercentValue: a percentage's number, else IntValue() (0 for a non-numeric string). */
function getIntOrPercentValue(v: number | string | undefined): number {
  const p = getPercentValue(v);
  if (p !== null) return p;
  if (typeof v === 'number') return v;
  const n = typeof v === 'string' && /^[+-]?\d+$/.test(v) ? Number(v) : 0;
  return n;
}

/** IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(v: number | string | undefined, fldPath: FieldPath): FieldError[] {
  const p = getPercentValue(v);
  if (p === null || p <= 100) return [];
  return [invalid(fldPath, goIntOrString(v), 'must not be greater than 100%')];
}

function selectorOf(s: LabelSelector | undefined): Selector | null {
  try {
    return labelSelectorAsSelector(s);
  } catch {
    return null;
  }
}

function validateStrictSelector(s: LabelSelector | undefined, fldPath: FieldPath, kind: string): FieldError[] {
  if (s === undefined || s === null) return [required(fldPath, '')];
  const errs = validateLabelSelector(s, { allowInvalidLabelValueInSelector: false }, fldPath);
  if (Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions ?? []).length === 0) errs.push(invalid(fldPath, goLabelSelector(s), `empty selector is invalid for ${kind}`));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets). */
function validatePodTemplateSpecForReplicaSet(t: PodTemplateSpec | undefined, selector: Selector, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!t) return [required(fldPath, '')];
  const errs: FieldError[] = [];
  const labels = t.metadata?.labels;
  if (!selector.empty() && !selector.matches(labels ?? {})) errs.push(invalid(fldPath.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(t, fldPath, opts));
  const rp: string = t.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(fldPath.child('spec', 'restartPolicy'), rp, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec.activeDeadlineSeconds !== null) errs.push(forbidden(fldPath.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  return errs;
}

// ---- Deployment ----

function validateDeploymentSpec(d: Deployment, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const errs = validateNonnegativeField(spec.replicas ?? 0, fldPath.child('replicas'));
  errs.push(...validateStrictSelector(spec.selector, fldPath.child('selector'), 'deployment'));
  const selector = selectorOf(spec.selector);
  if (selector === null) errs.push(invalid(fldPath.child('selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, selector, fldPath.child('template'), opts));
  // ValidateDeploymentStrategy
  const sp = fldPath.child('strategy');
  const st = spec.strategy ?? {};
  const type: string = st.type ?? '';
  if (type === 'Recreate') {
    if (st.rollingUpdate) errs.push(forbidden(sp.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = st.rollingUpdate;
    if (!ru) errs.push(required(sp.child('rollingUpdate'), 'this should be defaulted and never be nil'));
    else {
      const rp = sp.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, rp.child('maxSurge')));
      if (getIntOrPercentValue(ru.maxUnavailable) === 0 && getIntOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid(rp.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, rp.child('maxUnavailable')));
    }
  } else {
    const goRU = st.rollingUpdate ? '(*apps.RollingUpdateDeployment)(0xc000000000)' : '(*apps.RollingUpdateDeployment)(nil)';
    errs.push(notSupported(sp, new GoValue(`apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${goRU}}`), ['Recreate', 'RollingUpdate']));
  }
  const mrs = spec.minReadySeconds ?? 0;
  errs.push(...validateNonnegativeField(mrs, fldPath.child('minReadySeconds')));
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null) errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, fldPath.child('revisionHistoryLimit')));
  const pds = spec.progressDeadlineSeconds;
  if (pds !== undefined && pds !== null) {
    errs.push(...validateNonnegativeField(pds, fldPath.child('progressDeadlineSeconds')));
    if (pds <= mrs) errs.push(invalid(fldPath.child('progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** ValidateDeployment. */
export function validateDeployment(d: Deployment, opts = podTemplateOptions(d.spec?.template, undefined)): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validateDeploymentSpec(d, newPath('spec'), opts)];
}

function selectorImmutable(n: LabelSelector | undefined, o: LabelSelector | undefined): FieldError[] {
  return validateImmutableField(n ?? null, o ?? null, newPath('spec').child('selector'), (v) => goLabelSelector(v as LabelSelector | null));
}

/** The deployment strategy's ValidateUpdate: ValidateDeploymentUpdate, and in apps/v1 an immutable selector. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment, opts = podTemplateOptions(d.spec?.template, old.spec?.template)): FieldError[] {
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata, newPath('metadata'));
  errs.push(...validateDeploymentSpec(d, newPath('spec'), opts));
  errs.push(...selectorImmutable(d.spec?.selector, old.spec?.selector));
  return errs;
}

function collisionDecremented(n: number | undefined, o: number | undefined): boolean {
  if ((n === undefined || n === null) && o !== undefined && o !== null) return true;
  if (n === undefined || n === null || o === undefined || o === null) return false;
  return n < o;
}

/** ValidateDeploymentStatusUpdate. */
export function validateDeploymentStatusUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata, newPath('metadata'));
  const p = newPath('status');
  const s = d.status ?? {};
  const replicas = s.replicas ?? 0;
  const updated = s.updatedReplicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  errs.push(...validateNonnegativeField(s.observedGeneration ?? 0, p.child('observedGeneration')));
  errs.push(...validateNonnegativeField(replicas, p.child('replicas')));
  errs.push(...validateNonnegativeField(updated, p.child('updatedReplicas')));
  errs.push(...validateNonnegativeField(ready, p.child('readyReplicas')));
  errs.push(...validateNonnegativeField(available, p.child('availableReplicas')));
  errs.push(...validateNonnegativeField(s.unavailableReplicas ?? 0, p.child('unavailableReplicas')));
  if (s.collisionCount !== undefined && s.collisionCount !== null) errs.push(...validateNonnegativeField(s.collisionCount, p.child('collisionCount')));
  const msg = 'cannot be greater than status.replicas';
  if (updated > replicas) errs.push(invalid(p.child('updatedReplicas'), updated, msg));
  if (ready > replicas) errs.push(invalid(p.child('readyReplicas'), ready, msg));
  if (available > replicas) errs.push(invalid(p.child('availableReplicas'), available, msg));
  if (available > ready) errs.push(invalid(p.child('availableReplicas'), available, 'cannot be greater than readyReplicas'));
  if (collisionDecremented(s.collisionCount, old.status?.collisionCount)) errs.push(invalid(p.child('collisionCount'), s.collisionCount ?? 0, 'cannot be decremented'));
  return errs;
}

// ---- ReplicaSet ----

function validateReplicaSetSpec(spec: ReplicaSetSpec | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const s = spec ?? {};
  const errs = validateNonnegativeField(s.replicas ?? 0, fldPath.child('replicas'));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, fldPath.child('minReadySeconds')));
  // Upstream's ReplicaSet message says "deployment", as here.
  errs.push(...validateStrictSelector(s.selector, fldPath.child('selector'), 'deployment'));
  const selector = selectorOf(s.selector);
  if (selector === null) errs.push(invalid(fldPath.child('selector'), goLabelSelector(s.selector), 'invalid label selector'));
  else errs.push(...validatePodTemplateSpecForReplicaSet(s.template ?? {}, selector, fldPath.child('template'), opts));
  return errs;
}

/** ValidateReplicaSet. */
export function validateReplicaSet(rs: ReplicaSet, opts = podTemplateOptions(rs.spec?.template, undefined)): FieldError[] {
  return [...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validateReplicaSetSpec(rs.spec, newPath('spec'), opts)];
}

/** The replicaset strategy's ValidateUpdate. */
export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet, opts = podTemplateOptions(rs.spec?.template, old.spec?.template)): FieldError[] {
  return [...validateObjectMetaUpdate(rs.metadata, old.metadata, newPath('metadata')), ...validateReplicaSetSpec(rs.spec, newPath('spec'), opts), ...selectorImmutable(rs.spec?.selector, old.spec?.selector)];
}

/** ValidateReplicaSetStatusUpdate. */
export function validateReplicaSetStatusUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errs = validateObjectMetaUpdate(rs.metadata, old.metadata, newPath('metadata'));
  const p = newPath('status');
  const s = rs.status ?? { replicas: 0 };
  const replicas = s.replicas ?? 0;
  const fully = s.fullyLabeledReplicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  errs.push(...validateNonnegativeField(replicas, p.child('replicas')));
  errs.push(...validateNonnegativeField(fully, p.child('fullyLabeledReplicas')));
  errs.push(...validateNonnegativeField(ready, p.child('readyReplicas')));
  errs.push(...validateNonnegativeField(available, p.child('availableReplicas')));
  errs.push(...validateNonnegativeField(s.observedGeneration ?? 0, p.child('observedGeneration')));
  const msg = 'cannot be greater than status.replicas';
  if (fully > replicas) errs.push(invalid(p.child('fullyLabeledReplicas'), fully, msg));
  if (ready > replicas) errs.push(invalid(p.child('readyReplicas'), ready, msg));
  if (available > replicas) errs.push(invalid(p.child('availableReplicas'), available, msg));
  if (available > ready) errs.push(invalid(p.child('availableReplicas'), available, 'cannot be greater than readyReplicas'));
  void old;
  return errs;
}

// ---- DaemonSet ----

function validateDaemonSetSpec(ds: DaemonSet, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const spec = ds.spec ?? ({} as NonNullable<DaemonSet['spec']>);
  const errs = validateLabelSelector(spec.selector, { allowInvalidLabelValueInSelector: opts.allowInvalidLabelValueInSelector }, fldPath.child('selector'));
  const selector = selectorOf(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (selector !== null && !selector.matches(labels ?? {})) errs.push(invalid(fldPath.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  if (spec.selector && Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0) {
    errs.push(invalid(fldPath.child('selector'), goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, fldPath.child('template'), opts));
  const rp: string = spec.template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(fldPath.child('template', 'spec', 'restartPolicy'), rp, ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined && spec.template.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(fldPath.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegativeField(spec.minReadySeconds ?? 0, fldPath.child('minReadySeconds')));
  // templateGeneration is internal (kept by the strategy), always valid here.
  const up = fldPath.child('updateStrategy');
  const us = spec.updateStrategy ?? {};
  const type: string = us.type ?? '';
  if (type === 'RollingUpdate') {
    const ru = us.rollingUpdate;
    if (!ru) errs.push(required(up.child('rollingUpdate'), ''));
    else {
      const p = up.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      errs.push(...isNotMoreThan100Percent(ru.maxSurge, p.child('maxSurge')));
      const hasUnavailable = getIntOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = getIntOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(invalid(p.child('maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasUnavailable && !hasSurge) errs.push(required(p.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
    }
  } else if (type !== 'OnDelete') {
    const goRU = us.rollingUpdate ? '(*apps.RollingUpdateDaemonSet)(0xc000000000)' : '(*apps.RollingUpdateDaemonSet)(nil)';
    errs.push(notSupported(up, new GoValue(`apps.DaemonSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:${goRU}}`), ['RollingUpdate', 'OnDelete']));
  }
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null) errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, fldPath.child('revisionHistoryLimit')));
  return errs;
}

/** ValidateDaemonSet. */
export function validateDaemonSet(ds: DaemonSet, opts = podTemplateOptions(ds.spec?.template, undefined)): FieldError[] {
  return [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validateDaemonSetSpec(ds, newPath('spec'), opts)];
}

/** The daemonset strategy's ValidateUpdate. */
export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet, opts = podTemplateOptions(ds.spec?.template, old.spec?.template)): FieldError[] {
  return [...validateObjectMetaUpdate(ds.metadata, old.metadata, newPath('metadata')), ...validateDaemonSetSpec(ds, newPath('spec'), opts), ...selectorImmutable(ds.spec?.selector, old.spec?.selector)];
}

/** ValidateDaemonSetStatusUpdate. */
export function validateDaemonSetStatusUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  const errs = validateObjectMetaUpdate(ds.metadata, old.metadata, newPath('metadata'));
  const p = newPath('status');
  const s = ds.status ?? ({} as NonNullable<DaemonSet['status']>);
  const fields: [keyof typeof s, string][] = [
    ['currentNumberScheduled', 'currentNumberScheduled'], ['numberMisscheduled', 'numberMisscheduled'], ['desiredNumberScheduled', 'desiredNumberScheduled'],
    ['numberReady', 'numberReady'], ['observedGeneration', 'observedGeneration'], ['updatedNumberScheduled', 'updatedNumberScheduled'],
    ['numberAvailable', 'numberAvailable'], ['numberUnavailable', 'numberUnavailable'],
  ];
  for (const [k, name] of fields) errs.push(...validateNonnegativeField((s[k] as number | undefined) ?? 0, p.child(name)));
  if (s.collisionCount !== undefined && s.collisionCount !== null) errs.push(...validateNonnegativeField(s.collisionCount, p.child('collisionCount')));
  if (collisionDecremented(s.collisionCount, old.status?.collisionCount)) errs.push(invalid(p.child('collisionCount'), s.collisionCount ?? 0, 'cannot be decremented'));
  return errs;
}

// ---- StatefulSet ----

function validateStatefulSetSpec(sts: StatefulSet, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const spec = sts.spec ?? ({} as NonNullable<StatefulSet['spec']>);
  const errs: FieldError[] = [];
  const pmp: string = spec.podManagementPolicy ?? '';
  if (pmp === '') errs.push(required(fldPath.child('podManagementPolicy'), ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid(fldPath.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = spec.updateStrategy ?? {};
  const type: string = us.type ?? '';
  const usPath = fldPath.child('updateStrategy');
  const goRU = () => {
    const ru = us.rollingUpdate!;
    const mu = ru.maxUnavailable === undefined || ru.maxUnavailable === null ? '(*intstr.IntOrString)(nil)' : '(*intstr.IntOrString)(0xc000000000)';
    return new GoValue(`apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${mu}}`);
  };
  if (type === '') errs.push(required(usPath, ''));
  else if (type === 'OnDelete') {
    if (us.rollingUpdate) errs.push(invalid(usPath.child('rollingUpdate'), goRU(), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    const ru = us.rollingUpdate;
    if (ru) {
      const p = usPath.child('rollingUpdate');
      errs.push(...validateNonnegativeField(ru.partition ?? 0, p.child('partition')));
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')));
        if (getIntOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(p.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      }
    }
  } else {
    const ru = us.rollingUpdate ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)' : '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
    errs.push(invalid(usPath, new GoValue(`apps.StatefulSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:${ru}}`), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const pol = spec.persistentVolumeClaimRetentionPolicy;
  if (pol) {
    for (const k of ['whenDeleted', 'whenScaled'] as const) {
      const v: string = pol[k] ?? '';
      if (v !== 'Retain' && v !== 'Delete') errs.push(notSupported(fldPath.child('persistentVolumeClaimRetentionPolicy').child(k), v, ['Retain', 'Delete']));
    }
  }
  errs.push(...validateNonnegativeField(spec.replicas ?? 0, fldPath.child('replicas')));
  errs.push(...validateNonnegativeField(spec.minReadySeconds ?? 0, fldPath.child('minReadySeconds')));
  if (spec.ordinals) errs.push(...validateNonnegativeField(spec.ordinals.start ?? 0, fldPath.child('ordinals.start')));
  if (spec.selector === undefined || spec.selector === null) errs.push(required(fldPath.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(spec.selector, { allowInvalidLabelValueInSelector: false }, fldPath.child('selector')));
    if (Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0) {
      errs.push(invalid(fldPath.child('selector'), goLabelSelector(spec.selector), 'empty selector is invalid for statefulset'));
    }
  }
  const selector = selectorOf(spec.selector);
  const tp = fldPath.child('template');
  if (selector === null) errs.push(invalid(fldPath.child('selector'), goLabelSelector(spec.selector), ''));
  else {
    // ValidatePodTemplateSpecForStatefulSet: upstream checks the template's metadata only, not its spec.
    const t = spec.template ?? {};
    const labels = t.metadata?.labels;
    if (!selector.empty() && !selector.matches(labels ?? {})) errs.push(invalid(tp.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
    errs.push(...validateLabels(labels, tp.child('labels')));
    errs.push(...validateAnnotations(t.metadata?.annotations, tp.child('annotations')));
    errs.push(...validatePodSpecificAnnotations(t.metadata?.annotations, (t.spec ?? {}) as PodSpecV, tp.child('annotations'), opts));
  }
  const rp: string = spec.template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), rp, ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined && spec.template.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** ValidateStatefulSet (names are DNS labels: pods are named `<name>-<ordinal>`). */
export function validateStatefulSet(sts: StatefulSet, opts = podTemplateOptions(sts.spec?.template, undefined)): FieldError[] {
  return [...validateObjectMeta(sts.metadata, true, nameIsDNSLabel, newPath('metadata')), ...validateStatefulSetSpec(sts, newPath('spec'), opts)];
}

/** ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, the PVC retention policy and minReadySeconds may change. */
export function validateStatefulSetUpdate(sts: StatefulSet, old: StatefulSet, opts = podTemplateOptions(sts.spec?.template, old.spec?.template)): FieldError[] {
  const errs = validateObjectMetaUpdate(sts.metadata, old.metadata, newPath('metadata'));
  errs.push(...validateStatefulSetSpec(sts, newPath('spec'), opts));
  const strip = (s: StatefulSet['spec']) => {
    const { replicas: _r, template: _t, updateStrategy: _u, minReadySeconds: _m, ordinals: _o, persistentVolumeClaimRetentionPolicy: _p, ...rest } = s ?? ({} as NonNullable<StatefulSet['spec']>);
    return rest;
  };
  if (!deepEqual(strip(sts.spec), strip(old.spec))) {
    errs.push(forbidden(newPath('spec'), "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  errs.push(...selectorImmutable(sts.spec?.selector, old.spec?.selector));
  return errs;
}

/** ValidateStatefulSetStatusUpdate. */
export function validateStatefulSetStatusUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const errs: FieldError[] = [];
  const p = newPath('status');
  const s = sts.status ?? { replicas: 0 };
  const replicas = s.replicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const current = s.currentReplicas ?? 0;
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  errs.push(...validateNonnegativeField(replicas, p.child('replicas')));
  errs.push(...validateNonnegativeField(ready, p.child('readyReplicas')));
  errs.push(...validateNonnegativeField(current, p.child('currentReplicas')));
  errs.push(...validateNonnegativeField(updated, p.child('updatedReplicas')));
  errs.push(...validateNonnegativeField(available, p.child('availableReplicas')));
  if (s.observedGeneration !== undefined && s.observedGeneration !== null) errs.push(...validateNonnegativeField(s.observedGeneration, p.child('observedGeneration')));
  if (s.collisionCount !== undefined && s.collisionCount !== null) errs.push(...validateNonnegativeField(s.collisionCount, p.child('collisionCount')));
  const msg = 'cannot be greater than status.replicas';
  if (ready > replicas) errs.push(invalid(p.child('readyReplicas'), ready, msg));
  if (current > replicas) errs.push(invalid(p.child('currentReplicas'), current, msg));
  if (updated > replicas) errs.push(invalid(p.child('updatedReplicas'), updated, msg));
  if (available > replicas) errs.push(invalid(p.child('availableReplicas'), available, msg));
  if (available > ready) errs.push(invalid(p.child('availableReplicas'), available, 'cannot be greater than status.readyReplicas'));
  errs.push(...validateObjectMetaUpdate(sts.metadata, old.metadata, newPath('metadata')));
  if (collisionDecremented(s.collisionCount, old.status?.collisionCount)) errs.push(invalid(p.child('collisionCount'), s.collisionCount ?? 0, 'cannot be decremented'));
  return errs;
}

// ---- ControllerRevision ----

/** ValidateControllerRevision. */
export function validateControllerRevision(cr: ControllerRevision): FieldError[] {
  const errs = validateObjectMeta(cr.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  if (cr.data === undefined || cr.data === null) errs.push(required(newPath('data'), 'data is mandatory'));
  errs.push(...validateNonnegativeField(cr.revision ?? 0, newPath('revision')));
  return errs;
}

/** ValidateControllerRevisionUpdate: data fixed. */
export function validateControllerRevisionUpdate(cr: ControllerRevision, old: ControllerRevision): FieldError[] {
  const errs = validateObjectMetaUpdate(cr.metadata, old.metadata, newPath('metadata'));
  errs.push(...validateControllerRevision(cr));
  errs.push(...validateImmutableField(cr.data ?? null, old.data ?? null, newPath('data'), () => new GoValue('runtime.RawExtension{...}')));
  return errs;
}

