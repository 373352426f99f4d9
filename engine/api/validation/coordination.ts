// coordination.k8s.io/v1 Lease, as pkg/apis/coordination/validation/validation.go.

import type { Lease } from '../types';
import { forbidden, invalid, newPath, type FieldError } from './field';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isQualifiedName, nameIsDNSSubdomain } from './names';

function validateLeaseSpec(lease: Lease): FieldError[] {
  const spec = lease.spec ?? {};
  const p = newPath('spec');
  const errs: FieldError[] = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds !== null && spec.leaseDurationSeconds <= 0) errs.push(invalid(p.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions !== null && spec.leaseTransitions < 0) errs.push(invalid(p.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  if (spec.strategy !== undefined && spec.strategy !== null) {
    // ValidateCoordinatedLeaseStrategy: OldestEmulationVersion or a qualified name with a prefix.
    if (spec.strategy !== 'OldestEmulationVersion') {
      const parts = spec.strategy.split('/');
      if (parts.length !== 2) errs.push(invalid(p.child('strategy'), spec.strategy, 'must be a qualified name with a prefix'));
      for (const m of isQualifiedName(spec.strategy)) errs.push(invalid(p.child('strategy'), spec.strategy, m));
    }
  }
  if (spec.preferredHolder && !spec.strategy) errs.push(forbidden(p.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  return errs;
}

/** ValidateLease. */
export function validateLease(lease: Lease): FieldError[] {
  return [...validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validateLeaseSpec(lease)];
}

/** ValidateLeaseUpdate. */
export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata, newPath('metadata')), ...validateLeaseSpec(lease)];
}
