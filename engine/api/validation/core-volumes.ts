// Pod volumes and persistent volume claim specs, as pkg/apis/core/validation/validation.go
// (ValidateVolumes, validateVolumeSource and the per-source checks, ValidatePersistentVolumeClaimSpec).

import type {
  DownwardAPIVolumeFile,
  KeyToPath,
  ObjectFieldSelector,
  ObjectMeta,
  PersistentVolumeClaimSpec,
  PersistentVolumeClaimTemplate,
  ResourceFieldSelector,
  Volume,
  VolumeSource,
} from '../types';
import { duplicate, forbidden, invalid, notSupported, required, tooLong, type FieldError, type FieldPath } from './field';
import { GoValue, goQuote, goStringSlice } from './gofmt';
import { validateAnnotations, validateLabelSelector, validateLabels } from './meta';
import {
  byteLength,
  inclusiveRangeError,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  nameIsDNSSubdomain,
  validateNamespaceName,
} from './names';
import type { PodValidationOptions } from './podopts';
import { parseQuantity, validatePositiveQuantityValue, validateResourceQuantityValue } from './resources';
import { validateSignerName, validateClusterTrustBundleName, extractSignerNameFromClusterTrustBundleName } from './signer';

const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
const pdPartitionErrorMsg = inclusiveRangeError(1, 255);

/** ValidateDNS1123Label (field form). */
export function validateDNS1123Label(value: string, fldPath: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(fldPath, value, m));
}

/** ValidateDNS1123Subdomain (field form). */
export function validateDNS1123Subdomain(value: string, fldPath: FieldPath): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(fldPath, value, m));
}

/** ValidateQualifiedName (field form). */
export function validateQualifiedName(value: string, fldPath: FieldPath): FieldError[] {
  return isQualifiedName(value).map((m) => invalid(fldPath, value, m));
}

/** path.IsAbs on a slash path. */
function isAbs(p: string): boolean {
  return p.startsWith('/');
}

/** validatePathNoBacksteps: no `..` element (one error is enough). */
export function validatePathNoBacksteps(targetPath: string, fldPath: FieldPath): FieldError[] {
  // filepath.ToSlash is the identity on the Linux apiserver.
  return targetPath.split('/').includes('..') ? [invalid(fldPath, targetPath, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, without backsteps. */
export function validateLocalDescendingPath(targetPath: string, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (isAbs(targetPath)) errs.push(invalid(fldPath, targetPath, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(targetPath, fldPath));
  return errs;
}

/** ValidateLocalNonReservedPath: also may not start with `..`. */
export function validateLocalNonReservedPath(targetPath: string, fldPath: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(targetPath, fldPath);
  if (targetPath.startsWith('..') && !targetPath.startsWith('../')) errs.push(invalid(fldPath, targetPath, "must not start with '..'"));
  return errs;
}

function validateFileMode(mode: number | undefined, fldPath: FieldPath): FieldError[] {
  return mode !== undefined && mode !== null && (mode > 0o777 || mode < 0) ? [invalid(fldPath, mode, fileModeErrorMsg)] : [];
}

function validateKeyToPath(kp: KeyToPath, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(required(fldPath.child('key'), ''));
  if (!kp.path) errs.push(required(fldPath.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', fldPath.child('path')));
  errs.push(...validateFileMode(kp.mode, fldPath.child('mode')));
  return errs;
}

const supportedHostPathTypes = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

const validVolumeDownwardAPIFieldPathExpressions = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
export const validEnvDownwardAPIFieldPathExpressions = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
].sort();
export const validContainerResourceFieldPathExpressions = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const hugepagesPrefixes = ['limits.hugepages-', 'requests.hugepages-'];

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → path and subscript. */
export function splitMaybeSubscriptedPath(fieldPath: string): { path: string; subscript: string; ok: boolean } {
  if (!fieldPath.endsWith("']")) return { path: fieldPath, subscript: '', ok: false };
  const s = fieldPath.slice(0, -2);
  const i = s.indexOf("['");
  if (i < 0 || i === 0) return { path: fieldPath, subscript: '', ok: false };
  return { path: s.slice(0, i), subscript: s.slice(i + 2), ok: true };
}

const downwardAPILabels = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.restartPolicy',
  'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

/** podshelper.ConvertDownwardAPIFieldLabel: the internal label, or the conversion error's text. */
function convertDownwardAPIFieldLabel(version: string, label: string): { label: string } | { error: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const s = splitMaybeSubscriptedPath(label);
  if (s.ok) {
    if (s.path === 'metadata.annotations' || s.path === 'metadata.labels') return { label };
    return { error: `field label does not support subscript: ${label}` };
  }
  if (downwardAPILabels.has(label)) return { label };
  if (label === 'spec.host') return { label: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

/** validateObjectFieldSelector. */
export function validateObjectFieldSelector(fs: ObjectFieldSelector, expressions: readonly string[], fldPath: FieldPath): FieldError[] {
  if (!fs.apiVersion) return [required(fldPath.child('apiVersion'), '')];
  if (!fs.fieldPath) return [required(fldPath.child('fieldPath'), '')];
  const conv = convertDownwardAPIFieldLabel(fs.apiVersion, fs.fieldPath);
  if ('error' in conv) return [invalid(fldPath.child('fieldPath'), fs.fieldPath, `error converting fieldPath: ${conv.error}`)];
  const s = splitMaybeSubscriptedPath(conv.label);
  if (s.ok) {
    switch (s.path) {
      case 'metadata.annotations':
        return validateQualifiedName(s.subscript.toLowerCase(), fldPath);
      case 'metadata.labels':
        return validateQualifiedName(s.subscript, fldPath);
      default:
        return [invalid(fldPath, s.path, 'does not support subscript')];
    }
  }
  if (!expressions.includes(s.path)) return [notSupported(fldPath.child('fieldPath'), s.path, [...expressions].sort())];
  return [];
}

const divisorsCPU = new Set(['1m', '1']);
const divisorsBytes = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);

/** validateContainerResourceDivisor. */
function validateContainerResourceDivisor(rName: string, divisor: string | undefined, fldPath: FieldPath): FieldError[] {
  const q = parseQuantity(divisor);
  if (q === null || q.isZero()) return [];
  const d = q.toString();
  const errs: FieldError[] = [];
  switch (rName) {
    case 'limits.cpu':
    case 'requests.cpu':
      if (!divisorsCPU.has(d)) errs.push(invalid(fldPath.child('divisor'), rName, "only divisor's values 1m and 1 are supported with the cpu resource"));
      break;
    case 'limits.memory':
    case 'requests.memory':
      if (!divisorsBytes.has(d)) errs.push(invalid(fldPath.child('divisor'), rName, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
      break;
    case 'limits.ephemeral-storage':
    case 'requests.ephemeral-storage':
      if (!divisorsBytes.has(d)) errs.push(invalid(fldPath.child('divisor'), rName, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"));
      break;
  }
  if (hugepagesPrefixes.some((p) => rName.startsWith(p)) && !divisorsBytes.has(d)) {
    errs.push(invalid(fldPath.child('divisor'), rName, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource"));
  }
  return errs;
}

/** validateContainerResourceFieldSelector. */
export function validateContainerResourceFieldSelector(fs: ResourceFieldSelector, fldPath: FieldPath, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const resource = fs.resource ?? '';
  if (volume && !fs.containerName) errs.push(required(fldPath.child('containerName'), ''));
  else if (resource.length === 0) errs.push(required(fldPath.child('resource'), ''));
  else if (!validContainerResourceFieldPathExpressions.includes(resource) && !hugepagesPrefixes.some((p) => resource.startsWith(p))) {
    errs.push(notSupported(fldPath.child('resource'), resource, validContainerResourceFieldPathExpressions));
  }
  errs.push(...validateContainerResourceDivisor(resource, fs.divisor, fldPath));
  return errs;
}

function validateDownwardAPIVolumeFile(file: DownwardAPIVolumeFile, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(required(fldPath.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(file.path ?? '', fldPath.child('path')));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, validVolumeDownwardAPIFieldPathExpressions, fldPath.child('fieldRef')));
    if (file.resourceFieldRef) errs.push(invalid(fldPath, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    errs.push(...validateContainerResourceFieldSelector(file.resourceFieldRef, fldPath.child('resourceFieldRef'), true));
  } else {
    errs.push(required(fldPath, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateFileMode(file.mode, fldPath.child('mode')));
  return errs;
}

function validateProjectionSources(sources: NonNullable<VolumeSource['projected']>['sources'], fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const allPaths = new Set<string>();
  (sources ?? []).forEach((source, i) => {
    let numSources = 0;
    const srcPath = fldPath.child('sources').index(i);
    if (source.secret) {
      const projPath = srcPath.child('secret');
      numSources++;
      if (!source.secret.name) errs.push(required(projPath.child('name'), ''));
      (source.secret.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, projPath.child('items').index(j)));
        if (kp.path) {
          if (!allPaths.has(kp.path)) allPaths.add(kp.path);
          else errs.push(invalid(fldPath, source.secret?.name ?? '', 'conflicting duplicate paths'));
        }
      });
    }
    if (source.configMap) {
      const projPath = srcPath.child('configMap');
      numSources++;
      if (!source.configMap.name) errs.push(required(projPath.child('name'), ''));
      (source.configMap.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, projPath.child('items').index(j)));
        if (kp.path) {
          if (!allPaths.has(kp.path)) allPaths.add(kp.path);
          else errs.push(invalid(fldPath, source.configMap?.name ?? '', 'conflicting duplicate paths'));
        }
      });
    }
    if (source.downwardAPI) {
      const projPath = srcPath.child('downwardAPI');
      numSources++;
      for (const file of source.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIVolumeFile(file, projPath));
        if (file.path) {
          if (!allPaths.has(file.path)) allPaths.add(file.path);
          else errs.push(invalid(fldPath, file.path, 'conflicting duplicate paths'));
        }
      }
    }
    if (source.serviceAccountToken) {
      const projPath = srcPath.child('serviceAccountToken');
      numSources++;
      const exp = source.serviceAccountToken.expirationSeconds ?? 0;
      if (exp < 10 * 60) errs.push(invalid(projPath.child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(projPath.child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      const p = source.serviceAccountToken.path ?? '';
      if (p === '') errs.push(required(fldPath.child('path'), ''));
      else if (!opts.allowNonLocalProjectedTokenPath) errs.push(...validateLocalNonReservedPath(p, fldPath.child('path')));
    }
    if (source.clusterTrustBundle) {
      const projPath = srcPath.child('clusterTrustBundle');
      const ctb = source.clusterTrustBundle;
      numSources++;
      const usingName = ctb.name !== undefined && ctb.name !== null;
      const usingSignerName = ctb.signerName !== undefined && ctb.signerName !== null;
      if (usingName && usingSignerName) {
        errs.push(invalid(projPath, new GoValue('&core.ClusterTrustBundleProjection{...}'), 'only one of name and signerName may be used'));
      } else if (usingName) {
        const name = ctb.name!;
        if (name === '') errs.push(required(projPath.child('name'), 'must be a valid object name'));
        const signer = extractSignerNameFromClusterTrustBundleName(name);
        for (const msg of validateClusterTrustBundleName(signer ?? '')(name, false)) errs.push(invalid(projPath.child('name'), name, `not a valid clustertrustbundlename: ${msg}`));
        if (ctb.labelSelector) errs.push(invalid(projPath.child('labelSelector'), new GoValue('&v1.LabelSelector{...}'), 'labelSelector must be unset if name is specified'));
      } else if (usingSignerName) {
        if (ctb.signerName === '') errs.push(required(projPath.child('signerName'), 'must be a valid signer name'));
        errs.push(...validateSignerName(projPath.child('signerName'), ctb.signerName!));
        errs.push(...validateLabelSelector(ctb.labelSelector, { allowInvalidLabelValueInSelector: false }, projPath.child('labelSelector')));
      } else {
        errs.push(required(projPath, 'either name or signerName must be specified'));
      }
      if (!ctb.path) errs.push(required(projPath.child('path'), ''));
      errs.push(...validateLocalNonReservedPath(ctb.path ?? '', projPath.child('path')));
      const cur = ctb.path ?? '';
      if (!allPaths.has(cur)) allPaths.add(cur);
      else errs.push(invalid(fldPath, cur, 'conflicting duplicate paths'));
    }
    if (numSources > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

function hasReservedFlexOption(k: string): boolean {
  const slash = k.indexOf('/');
  const ns = slash >= 0 ? k.slice(0, slash) : k;
  const normalized = '.' + ns.toLowerCase();
  return normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io');
}

const iqnRegex = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\s]+)$/;
const euiRegex = /^eui.[A-Za-z0-9]{16}$/;
const naaRegex = /^naa.[A-Za-z0-9]{32}$/;

function iqnFormatError(v: string): 'prefix' | 'format' | null {
  if (!v.startsWith('iqn') && !v.startsWith('eui') && !v.startsWith('naa')) return 'prefix';
  if (v.startsWith('iqn') && !iqnRegex.test(v)) return 'format';
  if (v.startsWith('eui') && !euiRegex.test(v)) return 'format';
  if (v.startsWith('naa') && !naaRegex.test(v)) return 'format';
  return null;
}

/** validateISCSIVolumeSource (pod form; the PV form differs only in messages and secret checks). */
export function validateISCSI(
  iscsi: { targetPortal?: string; iqn?: string; lun?: number; chapAuthDiscovery?: boolean; chapAuthSession?: boolean; secretRef?: { name?: string; namespace?: string }; initiatorName?: string },
  fldPath: FieldPath,
  persistent: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!iscsi.targetPortal) errs.push(required(fldPath.child('targetPortal'), ''));
  const iqn = iscsi.iqn ?? '';
  if (iqn === '') errs.push(required(fldPath.child('iqn'), ''));
  else {
    const e = iqnFormatError(iqn);
    if (e === 'prefix') errs.push(invalid(fldPath.child('iqn'), iqn, persistent ? 'must be valid format' : 'must be valid format starting with iqn, eui, or naa'));
    else if (e === 'format') errs.push(invalid(fldPath.child('iqn'), iqn, 'must be valid format'));
  }
  const lun = iscsi.lun ?? 0;
  if (lun < 0 || lun > 255) errs.push(invalid(fldPath.child('lun'), lun, inclusiveRangeError(0, 255)));
  if ((iscsi.chapAuthDiscovery || iscsi.chapAuthSession) && !iscsi.secretRef) errs.push(required(fldPath.child('secretRef'), ''));
  if (persistent && iscsi.secretRef && !iscsi.secretRef.name) errs.push(required(fldPath.child('secretRef', 'name'), ''));
  if (iscsi.initiatorName !== undefined && iscsi.initiatorName !== null) {
    const init = iscsi.initiatorName;
    if (!init.startsWith('iqn') && !init.startsWith('eui') && !init.startsWith('naa')) {
      errs.push(invalid(fldPath.child('initiatorname'), init, persistent ? 'must be valid format' : 'must be valid format starting with iqn, eui, or naa'));
    }
    if ((init.startsWith('iqn') && !iqnRegex.test(init)) || (init.startsWith('eui') && !euiRegex.test(init)) || (init.startsWith('naa') && !naaRegex.test(init))) {
      errs.push(invalid(fldPath.child('initiatorname'), init, 'must be valid format'));
    }
  }
  return errs;
}

/** net.SplitHostPort succeeds. */
function isHostPort(s: string): boolean {
  if (s.startsWith('[')) return /^\[[^\]]*\]:[^:]*$/.test(s);
  const i = s.lastIndexOf(':');
  return i >= 0 && !s.slice(0, i).includes(':');
}

/** ValidateCSIDriverName. */
export function validateCSIDriverName(driverName: string, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (driverName.length === 0) errs.push(required(fldPath, ''));
  if (byteLength(driverName) > 63) errs.push(tooLong(fldPath, '', 63));
  for (const msg of isDNS1123Subdomain(driverName.toLowerCase())) errs.push(invalid(fldPath, driverName, msg));
  return errs;
}

/** ValidatePersistentVolumeClaimSpec's options. */
export interface PVCSpecValidationOptions {
  allowInvalidLabelValueInSelector: boolean;
  allowInvalidAPIGroupInDataSourceOrRef: boolean;
  enableRecoverFromExpansionFailure: boolean;
  enableVolumeAttributesClass: boolean;
}

const supportedAccessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const supportedVolumeModes = ['Block', 'Filesystem'];

function validateDataSource(ds: { apiGroup?: string; kind?: string; name?: string; namespace?: string }, fldPath: FieldPath, allowInvalidAPIGroup: boolean, isRef: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ds.name) errs.push(required(fldPath.child('name'), ''));
  if (!ds.kind) errs.push(required(fldPath.child('kind'), ''));
  const apiGroup = ds.apiGroup ?? '';
  if (apiGroup.length === 0 && ds.kind !== 'PersistentVolumeClaim') errs.push(invalid(fldPath, ds.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  if (apiGroup.length > 0 && !allowInvalidAPIGroup) for (const m of isDNS1123Subdomain(apiGroup)) errs.push(invalid(fldPath.child('apiGroup'), apiGroup, m));
  if (isRef && ds.namespace) for (const m of validateNamespaceName(ds.namespace, false)) errs.push(invalid(fldPath.child('namespace'), ds.namespace, m));
  return errs;
}

/** A *field.Path passed as a bad value: Go prints the struct (its parent pointer an address). */
function goFieldPath(name: string): GoValue {
  return new GoValue(`field.Path{name:"${name}", index:"", parent:(*field.Path)(0xc000000000)}`);
}

/** ValidatePersistentVolumeClaimSpec. */
export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec | undefined, fldPath: FieldPath, opts: PVCSpecValidationOptions): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const modes = s.accessModes ?? [];
  if (modes.length === 0) errs.push(required(fldPath.child('accessModes'), 'at least 1 access mode is required'));
  if (s.selector) errs.push(...validateLabelSelector(s.selector, { allowInvalidLabelValueInSelector: opts.allowInvalidLabelValueInSelector }, fldPath.child('selector')));
  let rwop = false;
  let nonRwop = false;
  for (const mode of modes) {
    if (!supportedAccessModes.includes(mode)) errs.push(notSupported(fldPath.child('accessModes'), mode, supportedAccessModes));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (supportedAccessModes.includes(mode)) nonRwop = true;
  }
  if (rwop && nonRwop) errs.push(forbidden(fldPath.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = fldPath.child('resources').key('storage');
  const requests = s.resources?.requests ?? {};
  if (!Object.prototype.hasOwnProperty.call(requests, 'storage')) errs.push(required(storagePath, ''));
  else {
    const q = parseQuantity(requests.storage);
    if (q !== null) {
      const pos = validatePositiveQuantityValue(q, storagePath);
      errs.push(...(pos.length > 0 ? pos : validateResourceQuantityValue('storage', q, storagePath)));
    }
  }
  if (s.storageClassName) for (const m of nameIsDNSSubdomain(s.storageClassName, false)) errs.push(invalid(fldPath.child('storageClassName'), s.storageClassName, m));
  if (s.volumeMode !== undefined && s.volumeMode !== null && !supportedVolumeModes.includes(s.volumeMode)) errs.push(notSupported(fldPath.child('volumeMode'), s.volumeMode, supportedVolumeModes));
  if (s.dataSource) errs.push(...validateDataSource(s.dataSource, fldPath.child('dataSource'), opts.allowInvalidAPIGroupInDataSourceOrRef, false));
  if (s.dataSourceRef) errs.push(...validateDataSource(s.dataSourceRef, fldPath.child('dataSourceRef'), opts.allowInvalidAPIGroupInDataSourceOrRef, true));
  if (s.dataSourceRef?.namespace) {
    if (s.dataSource) errs.push(invalid(fldPath, goFieldPath('dataSource'), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (s.dataSource && s.dataSourceRef) {
    const a = s.dataSource;
    const b = s.dataSourceRef;
    if ((a.apiGroup ?? null) !== (b.apiGroup ?? null) || a.kind !== b.kind || a.name !== b.name) errs.push(invalid(fldPath, goFieldPath('dataSource'), 'must match dataSourceRef'));
  }
  if (s.volumeAttributesClassName && opts.enableVolumeAttributesClass) {
    for (const m of nameIsDNSSubdomain(s.volumeAttributesClassName, false)) errs.push(invalid(fldPath.child('volumeAttributesClassName'), s.volumeAttributesClassName, m));
  }
  return errs;
}

/** validateFieldAllowList over ObjectMeta for templates: only labels and annotations may be set. */
export function validateTemplateObjectMeta(meta: ObjectMeta | undefined, fldPath: FieldPath): FieldError[] {
  const m = meta ?? {};
  const errs = validateAnnotations(m.annotations, fldPath.child('annotations'));
  errs.push(...validateLabels(m.labels, fldPath.child('labels')));
  // Go field order of metav1.ObjectMeta, reported as their lower-cased Go names.
  const order: [keyof ObjectMeta, string][] = [
    ['name', 'name'], ['generateName', 'generateName'], ['namespace', 'namespace'], ['selfLink', 'selfLink'], ['uid', 'uID'],
    ['resourceVersion', 'resourceVersion'], ['generation', 'generation'], ['creationTimestamp', 'creationTimestamp'],
    ['deletionTimestamp', 'deletionTimestamp'], ['deletionGracePeriodSeconds', 'deletionGracePeriodSeconds'],
    ['ownerReferences', 'ownerReferences'], ['finalizers', 'finalizers'], ['managedFields', 'managedFields'],
  ];
  for (const [k, goName] of order) {
    const v = m[k];
    const set = v !== undefined && v !== null && v !== '' && v !== 0 && !(Array.isArray(v) && v.length === 0);
    if (set) errs.push(forbidden(fldPath.child(goName), 'cannot be set'));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimTemplate. */
export function validatePersistentVolumeClaimTemplate(t: PersistentVolumeClaimTemplate, fldPath: FieldPath, opts: PVCSpecValidationOptions): FieldError[] {
  return [...validateTemplateObjectMeta(t.metadata, fldPath.child('metadata')), ...validatePersistentVolumeClaimSpec(t.spec, fldPath.child('spec'), opts)];
}

/** The options of a claim template with no old object (ValidationOptionsForPersistentVolumeClaimTemplate). */
export function pvcTemplateOptions(): PVCSpecValidationOptions {
  return { allowInvalidLabelValueInSelector: false, allowInvalidAPIGroupInDataSourceOrRef: false, enableRecoverFromExpansionFailure: false, enableVolumeAttributesClass: false };
}

/** validatePullPolicy. */
export function validatePullPolicy(policy: string | undefined, fldPath: FieldPath): FieldError[] {
  switch (policy ?? '') {
    case 'Always':
    case 'IfNotPresent':
    case 'Never':
      return [];
    case '':
      return [required(fldPath, '')];
    default:
      return [notSupported(fldPath, policy, ['Always', 'IfNotPresent', 'Never'])];
  }
}

function oneVolumeType(errs: FieldError[], count: { n: number }, p: FieldPath, check: () => FieldError[]): void {
  if (count.n > 0) errs.push(forbidden(p, 'may not specify more than 1 volume type'));
  else {
    count.n++;
    errs.push(...check());
  }
}

/** validateVolumeSource: exactly one source, each checked (paths as upstream, typos included). */
export function validateVolumeSource(source: VolumeSource, fldPath: FieldPath, volName: string, podMeta: ObjectMeta | undefined, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const c = { n: 0 };
  if (source.emptyDir) {
    c.n++;
    const q = parseQuantity(source.emptyDir.sizeLimit);
    if (q !== null && q.sign() < 0) errs.push(forbidden(fldPath.child('emptyDir').child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
  }
  const hp = source.hostPath;
  if (hp) {
    oneVolumeType(errs, c, fldPath.child('hostPath'), () => {
      const p = fldPath.child('hostPath');
      if (!hp.path) return [required(p.child('path'), '')];
      const e = validatePathNoBacksteps(hp.path, p.child('path'));
      if (hp.type !== undefined && hp.type !== null && !supportedHostPathTypes.includes(hp.type)) e.push(notSupported(p.child('type'), hp.type, supportedHostPathTypes));
      return e;
    });
  }
  const git = source.gitRepo;
  if (git) {
    oneVolumeType(errs, c, fldPath.child('gitRepo'), () => {
      const p = fldPath.child('gitRepo');
      const e: FieldError[] = [];
      if (!git.repository) e.push(required(p.child('repository'), ''));
      e.push(...validateLocalDescendingPath(git.directory ?? '', p.child('directory')));
      return e;
    });
  }
  const gce = source.gcePersistentDisk;
  if (gce) {
    oneVolumeType(errs, c, fldPath.child('gcePersistentDisk'), () => {
      const p = fldPath.child('persistentDisk');
      const e: FieldError[] = [];
      if (!gce.pdName) e.push(required(p.child('pdName'), ''));
      const part = gce.partition ?? 0;
      if (part < 0 || part > 255) e.push(invalid(p.child('partition'), part, pdPartitionErrorMsg));
      return e;
    });
  }
  const aws = source.awsElasticBlockStore;
  if (aws) {
    oneVolumeType(errs, c, fldPath.child('awsElasticBlockStore'), () => {
      const p = fldPath.child('awsElasticBlockStore');
      const e: FieldError[] = [];
      if (!aws.volumeID) e.push(required(p.child('volumeID'), ''));
      const part = aws.partition ?? 0;
      if (part < 0 || part > 255) e.push(invalid(p.child('partition'), part, pdPartitionErrorMsg));
      return e;
    });
  }
  const secret = source.secret;
  if (secret) {
    oneVolumeType(errs, c, fldPath.child('secret'), () => {
      const p = fldPath.child('secret');
      const e: FieldError[] = [];
      if (!secret.secretName) e.push(required(p.child('secretName'), ''));
      e.push(...validateFileMode(secret.defaultMode, p.child('defaultMode')));
      (secret.items ?? []).forEach((kp, i) => e.push(...validateKeyToPath(kp, p.child('items').index(i))));
      return e;
    });
  }
  const nfs = source.nfs;
  if (nfs) {
    oneVolumeType(errs, c, fldPath.child('nfs'), () => {
      const p = fldPath.child('nfs');
      const e: FieldError[] = [];
      if (!nfs.server) e.push(required(p.child('server'), ''));
      if (!nfs.path) e.push(required(p.child('path'), ''));
      if (!isAbs(nfs.path ?? '')) e.push(invalid(p.child('path'), nfs.path ?? '', 'must be an absolute path'));
      return e;
    });
  }
  const iscsi = source.iscsi;
  if (iscsi) {
    oneVolumeType(errs, c, fldPath.child('iscsi'), () => validateISCSI(iscsi, fldPath.child('iscsi'), false));
    if (iscsi.initiatorName !== undefined && byteLength(volName + ':' + (iscsi.targetPortal ?? '')) > 64) {
      errs.push(invalid(fldPath.child('name'), volName, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
    }
  }
  const gl = source.glusterfs;
  if (gl) {
    oneVolumeType(errs, c, fldPath.child('glusterfs'), () => {
      const p = fldPath.child('glusterfs');
      const e: FieldError[] = [];
      if (!gl.endpoints) e.push(required(p.child('endpoints'), ''));
      if (!gl.path) e.push(required(p.child('path'), ''));
      return e;
    });
  }
  const flocker = source.flocker;
  if (flocker) {
    oneVolumeType(errs, c, fldPath.child('flocker'), () => {
      const p = fldPath.child('flocker');
      const e: FieldError[] = [];
      const n = flocker.datasetName ?? '';
      const u = flocker.datasetUUID ?? '';
      if (n === '' && u === '') e.push(required(p, 'one of datasetName and datasetUUID is required'));
      if (n !== '' && u !== '') e.push(invalid(p, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
      if (n.includes('/')) e.push(invalid(p.child('datasetName'), n, "must not contain '/'"));
      return e;
    });
  }
  const pvc = source.persistentVolumeClaim;
  if (pvc) {
    oneVolumeType(errs, c, fldPath.child('persistentVolumeClaim'), () => (pvc.claimName ? [] : [required(fldPath.child('persistentVolumeClaim').child('claimName'), '')]));
  }
  const rbd = source.rbd;
  if (rbd) {
    oneVolumeType(errs, c, fldPath.child('rbd'), () => {
      const p = fldPath.child('rbd');
      const e: FieldError[] = [];
      if ((rbd.monitors ?? []).length === 0) e.push(required(p.child('monitors'), ''));
      if (!rbd.image) e.push(required(p.child('image'), ''));
      return e;
    });
  }
  const cinder = source.cinder;
  if (cinder) {
    oneVolumeType(errs, c, fldPath.child('cinder'), () => {
      const p = fldPath.child('cinder');
      const e: FieldError[] = [];
      if (!cinder.volumeID) e.push(required(p.child('volumeID'), ''));
      if (cinder.secretRef && !cinder.secretRef.name) e.push(required(p.child('secretRef', 'name'), ''));
      return e;
    });
  }
  const cephfs = source.cephfs;
  if (cephfs) {
    oneVolumeType(errs, c, fldPath.child('cephFS'), () => ((cephfs.monitors ?? []).length === 0 ? [required(fldPath.child('cephfs').child('monitors'), '')] : []));
  }
  const quobyte = source.quobyte;
  if (quobyte) {
    oneVolumeType(errs, c, fldPath.child('quobyte'), () => {
      const p = fldPath.child('quobyte');
      const e: FieldError[] = [];
      const reg = quobyte.registry ?? '';
      if (reg === '') e.push(required(p.child('registry'), 'must be a host:port pair or multiple pairs separated by commas'));
      else if (byteLength(quobyte.tenant ?? '') >= 65) e.push(required(p.child('tenant'), 'must be a UUID and may not exceed a length of 64 characters'));
      else for (const pair of reg.split(',')) if (!isHostPort(pair)) e.push(invalid(p.child('registry'), reg, 'must be a host:port pair or multiple pairs separated by commas'));
      if (!quobyte.volume) e.push(required(p.child('volume'), ''));
      return e;
    });
  }
  const dapi = source.downwardAPI;
  if (dapi) {
    // "downwarAPI" is upstream's spelling of this one path.
    oneVolumeType(errs, c, fldPath.child('downwarAPI'), () => {
      const p = fldPath.child('downwardAPI');
      const e = validateFileMode(dapi.defaultMode, p.child('defaultMode'));
      for (const file of dapi.items ?? []) e.push(...validateDownwardAPIVolumeFile(file, p));
      return e;
    });
  }
  const fc = source.fc;
  if (fc) {
    oneVolumeType(errs, c, fldPath.child('fc'), () => {
      const p = fldPath.child('fc');
      const e: FieldError[] = [];
      const wwns = fc.targetWWNs ?? [];
      const wwids = fc.wwids ?? [];
      if (wwns.length < 1 && wwids.length < 1) e.push(required(p.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
      if (wwns.length !== 0 && wwids.length !== 0) e.push(invalid(p.child('targetWWNs'), goStringSlice(wwns), 'targetWWNs and wwids can not be specified simultaneously'));
      if (wwns.length !== 0) {
        if (fc.lun === undefined || fc.lun === null) e.push(required(p.child('lun'), 'lun is required if targetWWNs is specified'));
        else if (fc.lun < 0 || fc.lun > 255) e.push(invalid(p.child('lun'), fc.lun, inclusiveRangeError(0, 255)));
      }
      return e;
    });
  }
  const flex = source.flexVolume;
  if (flex) {
    oneVolumeType(errs, c, fldPath.child('flexVolume'), () => {
      const p = fldPath.child('flexVolume');
      const e: FieldError[] = [];
      if (!flex.driver) e.push(required(p.child('driver'), ''));
      for (const k of Object.keys(flex.options ?? {}).sort()) if (hasReservedFlexOption(k)) e.push(invalid(p.child('options').key(k), k, 'kubernetes.io and k8s.io namespaces are reserved'));
      return e;
    });
  }
  const cm = source.configMap;
  if (cm) {
    oneVolumeType(errs, c, fldPath.child('configMap'), () => {
      const p = fldPath.child('configMap');
      const e: FieldError[] = [];
      if (!cm.name) e.push(required(p.child('name'), ''));
      e.push(...validateFileMode(cm.defaultMode, p.child('defaultMode')));
      (cm.items ?? []).forEach((kp, i) => e.push(...validateKeyToPath(kp, p.child('items').index(i))));
      return e;
    });
  }
  const af = source.azureFile;
  if (af) {
    oneVolumeType(errs, c, fldPath.child('azureFile'), () => {
      const p = fldPath.child('azureFile');
      const e: FieldError[] = [];
      if (!af.secretName) e.push(required(p.child('secretName'), ''));
      if (!af.shareName) e.push(required(p.child('shareName'), ''));
      return e;
    });
  }
  const vs = source.vsphereVolume;
  if (vs) oneVolumeType(errs, c, fldPath.child('vsphereVolume'), () => (vs.volumePath ? [] : [required(fldPath.child('vsphereVolume').child('volumePath'), '')]));
  const ph = source.photonPersistentDisk;
  if (ph) oneVolumeType(errs, c, fldPath.child('photonPersistentDisk'), () => (ph.pdID ? [] : [required(fldPath.child('photonPersistentDisk').child('pdID'), '')]));
  const px = source.portworxVolume;
  if (px) oneVolumeType(errs, c, fldPath.child('portworxVolume'), () => (px.volumeID ? [] : [required(fldPath.child('portworxVolume').child('volumeID'), '')]));
  const ad = source.azureDisk;
  if (ad) oneVolumeType(errs, c, fldPath.child('azureDisk'), () => validateAzureDisk(ad, fldPath.child('azureDisk')));
  const so = source.storageos;
  if (so) {
    oneVolumeType(errs, c, fldPath.child('storageos'), () => {
      const p = fldPath.child('storageos');
      const e: FieldError[] = [];
      if (!so.volumeName) e.push(required(p.child('volumeName'), ''));
      else e.push(...validateDNS1123Label(so.volumeName, p.child('volumeName')));
      if (so.volumeNamespace) e.push(...validateDNS1123Label(so.volumeNamespace, p.child('volumeNamespace')));
      if (so.secretRef && !so.secretRef.name) e.push(required(p.child('secretRef', 'name'), ''));
      return e;
    });
  }
  const proj = source.projected;
  if (proj) {
    oneVolumeType(errs, c, fldPath.child('projected'), () => {
      const p = fldPath.child('projected');
      return [...validateFileMode(proj.defaultMode, p.child('defaultMode')), ...validateProjectionSources(proj.sources, p, opts)];
    });
  }
  const sio = source.scaleIO;
  if (sio) {
    oneVolumeType(errs, c, fldPath.child('scaleIO'), () => {
      const p = fldPath.child('scaleIO');
      const e: FieldError[] = [];
      if (!sio.gateway) e.push(required(p.child('gateway'), ''));
      if (!sio.system) e.push(required(p.child('system'), ''));
      if (!sio.volumeName) e.push(required(p.child('volumeName'), ''));
      return e;
    });
  }
  const csi = source.csi;
  if (csi) {
    oneVolumeType(errs, c, fldPath.child('csi'), () => {
      const p = fldPath.child('csi');
      const e = validateCSIDriverName(csi.driver ?? '', p.child('driver'));
      const ref = csi.nodePublishSecretRef;
      if (ref) {
        if (!ref.name) e.push(required(p.child('nodePublishSecretRef', 'name'), ''));
        else for (const m of nameIsDNSSubdomain(ref.name, false)) e.push(invalid(p.child('name'), ref.name, m));
      }
      return e;
    });
  }
  const eph = source.ephemeral;
  if (eph) {
    oneVolumeType(errs, c, fldPath.child('ephemeral'), () => {
      const p = fldPath.child('ephemeral');
      const e: FieldError[] = [];
      if (!eph.volumeClaimTemplate) e.push(required(p.child('volumeClaimTemplate'), ''));
      else e.push(...validatePersistentVolumeClaimTemplate(eph.volumeClaimTemplate, p.child('volumeClaimTemplate'), pvcTemplateOptions()));
      if (podMeta?.name && volName) {
        const pvcName = podMeta.name + '-' + volName;
        for (const m of nameIsDNSSubdomain(pvcName, false)) e.push(invalid(fldPath.child('name'), volName, `PVC name ${goQuote(pvcName)}: ${m}`));
      }
      return e;
    });
  }
  const img = source.image;
  if (img) {
    oneVolumeType(errs, c, fldPath.child('image'), () => {
      const p = fldPath.child('image');
      const e: FieldError[] = [];
      if (opts.resourceIsPod && !img.reference) e.push(required(p.child('reference'), ''));
      e.push(...validatePullPolicy(img.pullPolicy, p.child('pullPolicy')));
      return e;
    });
  }
  if (c.n === 0) errs.push(required(fldPath, 'must specify a volume type'));
  return errs;
}

/** validateAzureDisk (shared by pod volumes and PVs). */
export function validateAzureDisk(ad: { diskName?: string; diskURI?: string; cachingMode?: string; kind?: string }, p: FieldPath): FieldError[] {
  const e: FieldError[] = [];
  if (!ad.diskName) e.push(required(p.child('diskName'), ''));
  const uri = ad.diskURI ?? '';
  if (uri === '') e.push(required(p.child('diskURI'), ''));
  if (ad.cachingMode !== undefined && ad.cachingMode !== null && !['None', 'ReadOnly', 'ReadWrite'].includes(ad.cachingMode)) e.push(notSupported(p.child('cachingMode'), ad.cachingMode, ['None', 'ReadOnly', 'ReadWrite']));
  if (ad.kind !== undefined && ad.kind !== null && !['Dedicated', 'Managed', 'Shared'].includes(ad.kind)) e.push(notSupported(p.child('kind'), ad.kind, ['Dedicated', 'Managed', 'Shared']));
  if (ad.kind === 'Managed' && uri.indexOf('/subscriptions/') !== 0) e.push(notSupported(p.child('diskURI'), uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
  if (ad.kind !== undefined && ad.kind !== null && ad.kind !== 'Managed' && uri.indexOf('https://') !== 0) e.push(notSupported(p.child('diskURI'), uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
  return e;
}

/** The v1 VolumeSource of a Volume: the volume minus its name. */
export function volumeSourceOf(v: Volume): VolumeSource {
  const { name: _name, ...src } = v;
  return src;
}

/** ValidateVolumes: each volume named (a unique DNS label) with one valid source; returns the valid ones. */
export function validateVolumes(volumes: readonly Volume[] | undefined, podMeta: ObjectMeta | undefined, fldPath: FieldPath, opts: PodValidationOptions): { vols: Map<string, VolumeSource>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const allNames = new Set<string>();
  const createdPVCs = new Set<string>();
  if (podMeta?.name) for (const v of volumes ?? []) if (v.ephemeral) createdPVCs.add(podMeta.name + '-' + v.name);
  const vols = new Map<string, VolumeSource>();
  (volumes ?? []).forEach((vol, i) => {
    const idxPath = fldPath.index(i);
    const namePath = idxPath.child('name');
    const name = vol.name ?? '';
    const el = validateVolumeSource(vol, idxPath, name, podMeta, opts);
    if (name.length === 0) el.push(required(namePath, ''));
    else el.push(...validateDNS1123Label(name, namePath));
    if (allNames.has(name)) el.push(duplicate(namePath, name));
    if (el.length === 0) {
      allNames.add(name);
      vols.set(name, volumeSourceOf(vol));
    } else errs.push(...el);
    if (vol.persistentVolumeClaim && createdPVCs.has(vol.persistentVolumeClaim.claimName)) {
      errs.push(invalid(idxPath.child('persistentVolumeClaim').child('claimName'), vol.persistentVolumeClaim.claimName, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { vols, errs };
}
