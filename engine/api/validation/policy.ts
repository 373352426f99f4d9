// policy/v1 PodDisruptionBudget, as pkg/apis/policy/validation/validation.go.

import type { PodDisruptionBudget } from '../types';
import { invalid, newPath, notSupported, type FieldError } from './field';
import { GoValue } from './gofmt';
import { labelSelectorHasInvalidLabelValue, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { nameIsDNSSubdomain } from './names';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from './apps';

function validatePDBSpec(pdb: PodDisruptionBudget, allowInvalidLabelValueInSelector: boolean): FieldError[] {
  const spec = pdb.spec ?? {};
  const p = newPath('spec');
  const errs: FieldError[] = [];
  const set = (v: unknown) => v !== undefined && v !== null;
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) errs.push(invalid(p, new GoValue('policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000000000), Selector:(*v1.LabelSelector)(0xc000000000), MaxUnavailable:(*intstr.IntOrString)(0xc000000000), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}'), 'minAvailable and maxUnavailable cannot be both set'));
  for (const k of ['minAvailable', 'maxUnavailable'] as const) {
    if (!set(spec[k])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[k], p.child(k)));
    errs.push(...isNotMoreThan100Percent(spec[k], p.child(k)));
  }
  errs.push(...validateLabelSelector(spec.selector, { allowInvalidLabelValueInSelector }, p.child('selector')));
  const uep: string | undefined = spec.unhealthyPodEvictionPolicy;
  if (uep !== undefined && uep !== null && uep !== 'AlwaysAllow' && uep !== 'IfHealthyBudget') errs.push(notSupported(p.child('unhealthyPodEvictionPolicy'), uep, ['AlwaysAllow', 'IfHealthyBudget']));
  return errs;
}

/** ValidatePodDisruptionBudget (with the metadata check its strategy adds). */
export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): FieldError[] {
  return [...validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validatePDBSpec(pdb, false)];
}

/** PodDisruptionBudget update: the spec may change; lenient on selectors that already were invalid. */
export function validatePodDisruptionBudgetUpdate(pdb: PodDisruptionBudget, old: PodDisruptionBudget): FieldError[] {
  return [...validateObjectMetaUpdate(pdb.metadata, old.metadata, newPath('metadata')), ...validatePDBSpec(pdb, labelSelectorHasInvalidLabelValue(old.spec?.selector))];
}
