// ObjectMeta, labels, annotations and label selectors, as k8s.io/apimachinery/pkg/api/validation
// (objectmeta.go) and pkg/apis/meta/v1/validation (validation.go), plus the finalizer-name check
// pkg/apis/core/validation adds to ValidateObjectMeta.

import type { LabelSelector, LabelSelectorRequirement, ManagedFieldsEntry, ObjectMeta, OwnerReference } from '../types';
import {
  duplicate,
  forbidden,
  invalid,
  notSupported,
  required,
  tooLong,
  type FieldError,
  type FieldPath,
} from './field';
import { GoValue, compareGoStrings, goQuote, goSlice, goStringSlice, goStruct, type GoField } from './gofmt';
import {
  byteLength,
  fieldImmutableErrorMsg,
  isNegativeErrorMsg,
  isQualifiedName,
  isValidLabelValue,
  regexError,
  validateNamespaceName,
  type ValidateNameFunc,
} from './names';
import { deepEqual } from './util';

/** TotalAnnotationSizeLimitB: 256 KiB of keys and values together. */
export const totalAnnotationSizeLimitB = 256 * (1 << 10);

/** Map keys in a fixed order. Go ranges over maps in random order; sorted is our stable choice. */
export function sortedKeys(m: Readonly<Record<string, unknown>> | undefined | null): string[] {
  return m ? Object.keys(m).sort(compareGoStrings) : [];
}

/** ValidateNonnegativeField. */
export function validateNonnegativeField(value: number, fldPath: FieldPath): FieldError[] {
  return value < 0 ? [invalid(fldPath, value, isNegativeErrorMsg)] : [];
}

/** ValidateImmutableField: semantic deep equality, the new value reported. */
export function validateImmutableField(newVal: unknown, oldVal: unknown, fldPath: FieldPath, render?: (v: unknown) => unknown): FieldError[] {
  if (deepEqual(newVal, oldVal)) return [];
  return [invalid(fldPath, render ? render(newVal) : newVal, fieldImmutableErrorMsg)];
}

/** ValidateLabelName: a qualified name. */
export function validateLabelName(labelName: string, fldPath: FieldPath): FieldError[] {
  return isQualifiedName(labelName).map((msg) => invalid(fldPath, labelName, msg));
}

/** ValidateLabels: keys qualified names, values label values; both reported at the map's path. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(labels)) {
    const v = labels![k] ?? '';
    errs.push(...validateLabelName(k, fldPath));
    for (const msg of isValidLabelValue(v)) errs.push(invalid(fldPath, v, msg));
  }
  return errs;
}

/** ValidateAnnotationsSize: the total of key and value bytes over the limit. */
export function annotationsSizeExceeded(annotations: Readonly<Record<string, string>> | undefined): boolean {
  let total = 0;
  for (const k of Object.keys(annotations ?? {})) total += byteLength(k) + byteLength(annotations![k] ?? '');
  return total > totalAnnotationSizeLimitB;
}

/** ValidateAnnotations: keys are qualified names ignoring case; 256 KiB in all. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(fldPath, k, msg));
  }
  if (annotationsSizeExceeded(annotations)) errs.push(tooLong(fldPath, '', totalAnnotationSizeLimitB));
  return errs;
}

/** schema.FromAPIVersionAndKind's split of `group/version`. */
export function splitAPIVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  if (i < 0) return { group: '', version: apiVersion };
  // ParseGroupVersion fails on more than one '/', and FromAPIVersionAndKind then keeps an empty GVK.
  if (apiVersion.indexOf('/', i + 1) >= 0) return { group: '', version: '' };
  return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** %#v of a *bool / *int field: nil, or an address Go would print (which we cannot know). */
function goPtr(v: boolean | number | undefined, type: string): GoField[1] {
  return v === undefined || v === null ? { nilPtr: type } : new GoValue(`(${type})(0xc000000000)`);
}

function ownerReferenceGo(ref: OwnerReference): GoValue {
  return goStruct('v1.OwnerReference', [
    ['APIVersion', ref.apiVersion ?? ''],
    ['Kind', ref.kind ?? ''],
    ['Name', ref.name ?? ''],
    ['UID', ref.uid ?? ''],
    ['Controller', goPtr(ref.controller, '*bool')],
    ['BlockOwnerDeletion', goPtr(ref.blockOwnerDeletion, '*bool')],
  ]);
}

function validateOwnerReference(ref: OwnerReference, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const gv = splitAPIVersion(ref.apiVersion ?? '');
  const kind = ref.kind ?? '';
  if (gv.version.length === 0) errs.push(invalid(fldPath.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
  if (kind.length === 0) errs.push(invalid(fldPath.child('kind'), kind, 'kind must not be empty'));
  if ((ref.name ?? '').length === 0) errs.push(invalid(fldPath.child('name'), ref.name ?? '', 'name must not be empty'));
  if ((ref.uid ?? '').length === 0) errs.push(invalid(fldPath.child('uid'), ref.uid ?? '', 'uid must not be empty'));
  // BannedOwners: core/v1 Events may not own anything.
  if (gv.group === '' && gv.version === 'v1' && kind === 'Event') {
    errs.push(invalid(fldPath, ownerReferenceGo(ref), `${gv.group}/${gv.version}, Kind=${kind} is disallowed from being an owner`));
  }
  return errs;
}

/** ValidateOwnerReferences: each reference complete, at most one controller. */
export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstControllerName = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, fldPath));
    if (ref.controller === true) {
      const cur = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstControllerName !== '') {
        errs.push(
          invalid(
            fldPath,
            goSlice(refs, '[]v1.OwnerReference', (r) => ownerReferenceGo(r).repr),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstControllerName} and ${cur}`,
          ),
        );
      } else firstControllerName = cur;
    }
  }
  return errs;
}

/** ValidateFinalizerName: a qualified name. */
export function validateFinalizerName(value: string, fldPath: FieldPath): FieldError[] {
  return isQualifiedName(value).map((msg) => invalid(fldPath, value, msg));
}

const finalizerOrphanDependents = 'orphan';
const finalizerDeleteDependents = 'foregroundDeletion';

/** ValidateFinalizers: names, and not both orphan and foregroundDeletion. */
export function validateFinalizers(finalizers: readonly string[] | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let orphan = false;
  let del = false;
  for (const f of finalizers ?? []) {
    errs.push(...validateFinalizerName(f, fldPath));
    if (f === finalizerOrphanDependents) orphan = true;
    if (f === finalizerDeleteDependents) del = true;
  }
  if (orphan && del) {
    errs.push(invalid(fldPath, goStringSlice(finalizers), `finalizer ${finalizerOrphanDependents} and ${finalizerDeleteDependents} cannot be both set`));
  }
  return errs;
}

/** ValidateNoNewFinalizers: an object being deleted may not gain finalizers. */
export function validateNoNewFinalizers(newF: readonly string[] | undefined, oldF: readonly string[] | undefined, fldPath: FieldPath): FieldError[] {
  const old = new Set(oldF ?? []);
  const extra = [...new Set((newF ?? []).filter((f) => !old.has(f)))].sort(compareGoStrings);
  if (extra.length === 0) return [];
  return [forbidden(fldPath, `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra).repr}`)];
}

/** unicode.IsPrint over a rune. */
function isPrintRune(ch: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
}

/** ValidateFieldManager: at most 128 bytes, printable characters only. */
export function validateFieldManager(fieldManager: string, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(fieldManager) > 128) errs.push(tooLong(fldPath, '', 128));
  let pos = 0;
  for (const ch of fieldManager) {
    if (!isPrintRune(ch)) {
      const hex = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      errs.push(invalid(fldPath, fieldManager, `invalid character U+${hex} (at position ${pos})`));
    }
    pos += byteLength(ch);
  }
  return errs;
}

/** ValidateManagedFields. */
export function validateManagedFields(entries: readonly ManagedFieldsEntry[] | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((f, i) => {
    const p = fldPath.index(i);
    if (f.operation !== 'Apply' && f.operation !== 'Update') errs.push(invalid(p.child('operation'), f.operation ?? '', 'must be `Apply` or `Update`'));
    if ((f.fieldsType ?? '').length > 0 && f.fieldsType !== 'FieldsV1') errs.push(invalid(p.child('fieldsType'), f.fieldsType, 'must be `FieldsV1`'));
    errs.push(...validateFieldManager(f.manager ?? '', p.child('manager')));
    if (byteLength(f.subresource ?? '') > 256) errs.push(tooLong(p.child('subresource'), '', 256));
  });
  return errs;
}

/**
 * apimachinery's ValidateObjectMeta: name (or generateName) by the kind's rule, namespace required
 * or forbidden by scope, generation ≥ 0, labels, annotations, owner references, finalizers,
 * managed fields.
 */
export function validateObjectMetaGeneric(meta: ObjectMeta | undefined, requiresNamespace: boolean, nameFn: ValidateNameFunc, fldPath: FieldPath): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = m.generateName ?? '';
  const name = m.name ?? '';
  const namespace = m.namespace ?? '';
  if (generateName.length !== 0) {
    for (const msg of nameFn(generateName, true)) errs.push(invalid(fldPath.child('generateName'), generateName, msg));
  }
  if (name.length === 0) errs.push(required(fldPath.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(fldPath.child('name'), name, msg));
  if (requiresNamespace) {
    if (namespace.length === 0) errs.push(required(fldPath.child('namespace'), ''));
    else for (const msg of validateNamespaceName(namespace, false)) errs.push(invalid(fldPath.child('namespace'), namespace, msg));
  } else if (namespace.length !== 0) {
    errs.push(forbidden(fldPath.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(m.generation ?? 0, fldPath.child('generation')));
  errs.push(...validateLabels(m.labels, fldPath.child('labels')));
  errs.push(...validateAnnotations(m.annotations, fldPath.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, fldPath.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, fldPath.child('finalizers')));
  errs.push(...validateManagedFields(m.managedFields, fldPath.child('managedFields')));
  return errs;
}

/**
 * Go's time.Time.String() of a metav1.Time as the wire has it (RFC 3339):
 * `2024-01-02 03:04:05 +0000 UTC`; an unset time is the zero time.
 */
export function goTimeString(t: string | null | undefined): string {
  if (t === undefined || t === null || t === '') return '0001-01-01 00:00:00 +0000 UTC';
  const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|z|[+-]\d{2}:\d{2})$/.exec(t);
  if (!m) return t;
  const frac = m[3] ? m[3].replace(/0+$/, '') : '';
  const fracText = frac === '.' ? '' : frac;
  if (m[4] === 'Z' || m[4] === 'z') return `${m[1]} ${m[2]}${fracText} +0000 UTC`;
  const off = m[4]!.replace(':', '');
  return `${m[1]} ${m[2]}${fracText} ${off} ${off}`;
}

/** A metav1.Time bad value (a Stringer): rendered unquoted as time.Time.String(). */
export function goTime(t: string | null | undefined): GoValue {
  return new GoValue(goTimeString(t));
}

/**
 * apimachinery's ValidateObjectMetaUpdate, without its resourceVersion check (the apiserver's
 * update path answers a missing resourceVersion first, with `Invalid value: 0x0`).
 */
export function validateObjectMetaUpdateGeneric(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, fldPath: FieldPath): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) errs.push(...validateNoNewFinalizers(n.finalizers, o.finalizers, fldPath.child('finalizers')));
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(fldPath.child('generation'), n.generation ?? 0, 'must not be decremented'));
  errs.push(...validateImmutableField(n.name ?? '', o.name ?? '', fldPath.child('name')));
  errs.push(...validateImmutableField(n.namespace ?? '', o.namespace ?? '', fldPath.child('namespace')));
  errs.push(...validateImmutableField(n.uid ?? '', o.uid ?? '', fldPath.child('uid')));
  errs.push(...validateImmutableField(n.creationTimestamp ?? '', o.creationTimestamp ?? '', fldPath.child('creationTimestamp'), (v) => goTime(v as string)));
  errs.push(
    ...validateImmutableField(n.deletionTimestamp ?? null, o.deletionTimestamp ?? null, fldPath.child('deletionTimestamp'), (v) => (v === null ? null : goTime(v as string))),
  );
  errs.push(...validateImmutableField(n.deletionGracePeriodSeconds ?? null, o.deletionGracePeriodSeconds ?? null, fldPath.child('deletionGracePeriodSeconds')));
  errs.push(...validateLabels(n.labels, fldPath.child('labels')));
  errs.push(...validateAnnotations(n.annotations, fldPath.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, fldPath.child('ownerReferences')));
  errs.push(...validateManagedFields(n.managedFields, fldPath.child('managedFields')));
  return errs;
}

const standardFinalizers = new Set(['kubernetes', finalizerOrphanDependents, finalizerDeleteDependents]);

/** core's validateKubeFinalizerName: a finalizer without '/' must be a standard one. */
export function validateKubeFinalizerName(value: string, fldPath: FieldPath): FieldError[] {
  if (!value.includes('/') && !standardFinalizers.has(value)) {
    return [invalid(fldPath, value, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

/** core's ValidateObjectMeta: apimachinery's, plus each finalizer standard or qualified. */
export function validateObjectMeta(meta: ObjectMeta | undefined, requiresNamespace: boolean, nameFn: ValidateNameFunc, fldPath: FieldPath): FieldError[] {
  const errs = validateObjectMetaGeneric(meta, requiresNamespace, nameFn, fldPath);
  (meta?.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, fldPath.child('finalizers').index(i))));
  return errs;
}

/** core's ValidateObjectMetaUpdate. */
export function validateObjectMetaUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, fldPath: FieldPath): FieldError[] {
  const errs = validateObjectMetaUpdateGeneric(newMeta, oldMeta, fldPath);
  (newMeta?.finalizers ?? []).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, fldPath.child('finalizers').index(i))));
  return errs;
}

// ---- label selectors (pkg/apis/meta/v1/validation) ----

/** LabelSelectorValidationOptions. */
export interface LabelSelectorValidationOptions {
  allowInvalidLabelValueInSelector?: boolean;
  allowUnknownOperatorInRequirement?: boolean;
}

/** ValidateLabelSelectorRequirement. */
export function validateLabelSelectorRequirement(sr: LabelSelectorRequirement, opts: LabelSelectorValidationOptions, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(fldPath.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(fldPath.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      if (!opts.allowUnknownOperatorInRequirement) errs.push(invalid(fldPath.child('operator'), sr.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(sr.key ?? '', fldPath.child('key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(fldPath.child('values').index(i), v, msg));
    });
  }
  return errs;
}

/** ValidateLabelSelector (metav1). */
export function validateLabelSelector(ps: LabelSelector | undefined | null, opts: LabelSelectorValidationOptions, fldPath: FieldPath): FieldError[] {
  if (ps === undefined || ps === null) return [];
  const errs = validateLabels(ps.matchLabels, fldPath.child('matchLabels'));
  (ps.matchExpressions ?? []).forEach((e, i) => errs.push(...validateLabelSelectorRequirement(e, opts, fldPath.child('matchExpressions').index(i))));
  return errs;
}

/** LabelSelectorHasInvalidLabelValue: whether an old object's selector needs the lenient option. */
export function labelSelectorHasInvalidLabelValue(ps: LabelSelector | undefined | null): boolean {
  for (const e of ps?.matchExpressions ?? []) for (const v of e.values ?? []) if (isValidLabelValue(v).length > 0) return true;
  return false;
}

// ---- metav1.Condition (ValidateConditions) ----

const conditionReasonFmt = '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?';
const conditionReasonErrMsg =
  "a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_'";
const conditionReasonRegexp = new RegExp('^' + conditionReasonFmt + '$');

/** ValidateConditions over metav1.Condition lists. */
export function validateConditions(
  conditions: readonly { type: string; status: string; observedGeneration?: number; lastTransitionTime?: string | null; reason?: string; message?: string }[] | undefined,
  fldPath: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (conditions ?? []).forEach((c, i) => {
    const p = fldPath.index(i);
    if (seen.has(c.type)) errs.push(duplicate(p.child('type'), c.type));
    else seen.add(c.type);
    errs.push(...validateLabelName(c.type ?? '', p.child('type')));
    if (!['False', 'True', 'Unknown'].includes(c.status)) errs.push(notSupported(p.child('status'), c.status ?? '', ['False', 'True', 'Unknown']));
    if ((c.observedGeneration ?? 0) < 0) errs.push(invalid(p.child('observedGeneration'), c.observedGeneration, 'must be greater than or equal to zero'));
    if (!c.lastTransitionTime) errs.push(required(p.child('lastTransitionTime'), 'must be set'));
    const reason = c.reason ?? '';
    if (reason.length === 0) errs.push(required(p.child('reason'), 'must be set'));
    else {
      if (!conditionReasonRegexp.test(reason)) {
        errs.push(invalid(p.child('reason'), reason, regexError(conditionReasonErrMsg, conditionReasonFmt, 'my_name', 'MY_NAME', 'MyName', 'ReasonA,ReasonB', 'ReasonA:ReasonB')));
      }
      if (byteLength(reason) > 1024) errs.push(tooLong(p.child('reason'), '', 1024));
    }
    if (byteLength(c.message ?? '') > 32 * 1024) errs.push(tooLong(p.child('message'), '', 32 * 1024));
  });
  return errs;
}

/** A quoted Go string, re-exported for messages that embed one with %q. */
export const quote = goQuote;
