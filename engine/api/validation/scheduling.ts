// scheduling.k8s.io/v1 PriorityClass, as pkg/apis/scheduling/validation/validation.go.

import type { PriorityClass } from '../types';
import { forbidden, newPath, notSupported, required, type FieldError } from './field';
import { validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { nameIsDNSSubdomain } from './names';

/** scheduling.HighestUserDefinablePriority. */
export const highestUserDefinablePriority = 1000000000;
const systemPriorityClasses: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/** IsKnownSystemPriorityClass: the error text when it is not. */
function systemPriorityClassError(pc: PriorityClass): string | null {
  const name = pc.metadata?.name ?? '';
  const want = systemPriorityClasses[name];
  if (want === undefined) return `${name} is not a known system priority class`;
  if ((pc.value ?? 0) !== want) return `value of ${name} PriorityClass must be ${want}`;
  if ((pc.globalDefault ?? false) !== false) return `globalDefault of ${name} PriorityClass must be false`;
  return null;
}

/** ValidatePriorityClass: `system-` names are reserved; user values at most 1e9. */
export function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain, newPath('metadata'));
  const name = pc.metadata?.name ?? '';
  if (name.startsWith('system-')) {
    const e = systemPriorityClassError(pc);
    if (e !== null) errs.push(forbidden(newPath('metadata', 'name'), `priority class names with 'system-' prefix are reserved for system use only. error: ${e}`));
  } else if ((pc.value ?? 0) > highestUserDefinablePriority) {
    errs.push(forbidden(newPath('value'), `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
  }
  const pp: string | undefined = pc.preemptionPolicy;
  if (pp !== undefined && pp !== null) {
    if (pp === '') errs.push(required(newPath('preemptionPolicy'), ''));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(notSupported(newPath('preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** ValidatePriorityClassUpdate: value and preemptionPolicy fixed. */
export function validatePriorityClassUpdate(pc: PriorityClass, old: PriorityClass): FieldError[] {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata, newPath('metadata'));
  if ((pc.value ?? 0) !== (old.value ?? 0)) errs.push(forbidden(newPath('value'), 'may not be changed in an update.'));
  errs.push(...validateImmutableField(pc.preemptionPolicy ?? null, old.preemptionPolicy ?? null, newPath('preemptionPolicy')));
  return errs;
}
