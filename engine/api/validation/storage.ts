// storage.k8s.io/v1 StorageClass, as pkg/apis/storage/validation/validation.go.

import type { StorageClass } from '../types';
import { duplicate, forbidden, invalid, newPath, notSupported, required, tooLong, type FieldError, type FieldPath } from './field';
import { GoValue } from './gofmt';
import { sortedKeys, validateImmutableField, validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { byteLength, nameIsDNSSubdomain } from './names';
import { validateQualifiedName } from './core-volumes';
import { deepEqual } from './util';

const maxProvisionerParameterSize = 256 * (1 << 10);
const maxProvisionerParameterLen = 512;

function validateParameters(params: Record<string, string> | undefined, fldPath: FieldPath): FieldError[] {
  const keys = sortedKeys(params);
  if (keys.length > maxProvisionerParameterLen) return [tooLong(fldPath, '', maxProvisionerParameterLen)];
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of keys) {
    if (k.length < 1) errs.push(invalid(fldPath, k, 'field can not be empty.'));
    total += byteLength(k) + byteLength(params![k] ?? '');
  }
  if (total > maxProvisionerParameterSize) errs.push(tooLong(fldPath, '', maxProvisionerParameterSize));
  return errs;
}

function validateAllowedTopologies(sc: StorageClass, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen: unknown[] = [];
  (sc.allowedTopologies ?? []).forEach((term, i) => {
    const idx = fldPath.index(i);
    const exprMap: Record<string, string[]> = {};
    (term.matchLabelExpressions ?? []).forEach((req, j) => {
      const p = idx.child('matchLabelExpressions').index(j);
      const values = req.values ?? [];
      const vp = p.child('values');
      if (values.length === 0) errs.push(required(vp, ''));
      const set = new Set<string>();
      values.forEach((v, k) => {
        if (set.has(v)) errs.push(duplicate(vp.index(k), v));
        set.add(v);
      });
      errs.push(...validateLabelName(req.key ?? '', p.child('key')));
      if (Object.prototype.hasOwnProperty.call(exprMap, req.key)) errs.push(duplicate(p.child('key'), req.key));
      exprMap[req.key] = [...set].sort();
    });
    if (seen.some((s) => deepEqual(s, exprMap))) errs.push(duplicate(idx, new GoValue('core.TopologySelectorTerm{...}')));
    seen.push(exprMap);
  });
  return errs;
}

/** ValidateStorageClass. */
export function validateStorageClass(sc: StorageClass): FieldError[] {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain, newPath('metadata'));
  const prov = sc.provisioner ?? '';
  if (prov.length === 0) errs.push(required(newPath('provisioner'), ''));
  else errs.push(...validateQualifiedName(prov.toLowerCase(), newPath('provisioner')));
  errs.push(...validateParameters(sc.parameters, newPath('parameters')));
  const rp: string = sc.reclaimPolicy ?? '';
  if (rp.length > 0 && rp !== 'Delete' && rp !== 'Retain') errs.push(notSupported(newPath('reclaimPolicy'), rp, ['Delete', 'Retain']));
  const vbm: string | undefined = sc.volumeBindingMode;
  if (vbm === undefined || vbm === null) errs.push(required(newPath('volumeBindingMode'), ''));
  else if (vbm !== 'Immediate' && vbm !== 'WaitForFirstConsumer') errs.push(notSupported(newPath('volumeBindingMode'), vbm, ['Immediate', 'WaitForFirstConsumer']));
  errs.push(...validateAllowedTopologies(sc, newPath('allowedTopologies')));
  return errs;
}

/** ValidateStorageClassUpdate: parameters, provisioner, reclaimPolicy and volumeBindingMode fixed. */
export function validateStorageClassUpdate(sc: StorageClass, old: StorageClass): FieldError[] {
  const errs = validateObjectMetaUpdate(sc.metadata, old.metadata, newPath('metadata'));
  if (!deepEqual(sc.parameters, old.parameters)) errs.push(forbidden(newPath('parameters'), 'updates to parameters are forbidden.'));
  if ((sc.provisioner ?? '') !== (old.provisioner ?? '')) errs.push(forbidden(newPath('provisioner'), 'updates to provisioner are forbidden.'));
  if ((sc.reclaimPolicy ?? '') !== (old.reclaimPolicy ?? '')) errs.push(forbidden(newPath('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  errs.push(...validateImmutableField(sc.volumeBindingMode ?? null, old.volumeBindingMode ?? null, newPath('volumeBindingMode')));
  return errs;
}
