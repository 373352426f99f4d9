// Resource names and quantities in validation: pkg/apis/core/helper (helpers.go) and the
// resource checks of pkg/apis/core/validation (validateResourceName, ValidateResourceQuantityValue,
// validateResourceRequirements ...).

import { Quantity } from '../quantity';
import { forbidden, invalid, notFound, required, type FieldError, type FieldPath } from './field';
import { GoValue } from './gofmt';
import { isDNS1123Label as isDNS1123LabelMsgs, isNegativeErrorMsg, isQualifiedName } from './names';
import { sortedKeys } from './meta';

/**
 * A quantity as validation sees it. Upstream the JSON decoder has already parsed every quantity
 * (a malformed one fails the request before validation), so one that does not parse here is
 * skipped rather than reported.
 */
export function parseQuantity(s: string | undefined | null): Quantity | null {
  if (s === undefined || s === null) return null;
  try {
    return Quantity.parse(String(s));
  } catch {
    return null;
  }
}

/**
 * A Quantity passed to field.Invalid by value: Go prints the struct with %#v. Its internal
 * int64Amount is approximated in milli-units (upstream keeps the parsed mantissa and scale).
 */
export function goQuantity(q: Quantity): GoValue {
  return new GoValue(`resource.Quantity{i:resource.int64Amount{value:${q.milliValue()}, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"${q.format}"}`);
}

const zero = (): Quantity => Quantity.fromValue(0);

export const resourceCPU = 'cpu';
export const resourceMemory = 'memory';
export const resourceStorage = 'storage';
export const resourceEphemeralStorage = 'ephemeral-storage';
export const resourceHugePagesPrefix = 'hugepages-';
export const resourceRequestsHugePagesPrefix = 'requests.hugepages-';
const resourceDefaultNamespacePrefix = 'kubernetes.io/';
const defaultResourceRequestsPrefix = 'requests.';

/** IsHugePageResourceName. */
export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(resourceHugePagesPrefix);
}

/** IsQuotaHugePageResourceName. */
export function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith(resourceHugePagesPrefix) || name.startsWith(resourceRequestsHugePagesPrefix);
}

/** IsHugePageResourceValueDivisible: the quantity a whole multiple of the page size. */
export function isHugePageResourceValueDivisible(name: string, q: Quantity): boolean {
  if (!isHugePageResourceName(name)) return false;
  const pageSize = parseQuantity(name.slice(resourceHugePagesPrefix.length));
  if (pageSize === null) return false;
  if (pageSize.sign() <= 0 || pageSize.milliValue() % 1000 !== 0) return false;
  return q.value() % pageSize.value() === 0;
}

/** IsNativeResource: no domain, or the kubernetes.io domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes(resourceDefaultNamespacePrefix);
}

/** IsExtendedResourceName: a domain-qualified name that also qualifies with `requests.`. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(defaultResourceRequestsPrefix)) return false;
  return isQualifiedName(defaultResourceRequestsPrefix + name).length === 0;
}

/** IsOvercommitAllowed: requests may be below limits (not for hugepages or extended resources). */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

const standardContainerResources = new Set([resourceCPU, resourceMemory, resourceEphemeralStorage]);

/** IsStandardContainerResourceName. */
export function isStandardContainerResourceName(name: string): boolean {
  return standardContainerResources.has(name) || isHugePageResourceName(name);
}

const standardQuotaResources = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);

/** IsStandardQuotaResourceName. */
export function isStandardQuotaResourceName(name: string): boolean {
  return standardQuotaResources.has(name) || isQuotaHugePageResourceName(name);
}

const standardResources = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);

/** IsStandardResourceName. */
export function isStandardResourceName(name: string): boolean {
  return standardResources.has(name) || isQuotaHugePageResourceName(name);
}

const integerResources = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);

/** IsIntegerResourceName. */
export function isIntegerResourceName(name: string): boolean {
  return integerResources.has(name) || isExtendedResourceName(name);
}

/** validateResourceName: a qualified name; without a domain, a standard one. */
export function validateResourceName(value: string, fldPath: FieldPath): FieldError[] {
  const errs = isQualifiedName(value).map((msg) => invalid(fldPath, value, msg));
  if (errs.length !== 0) return errs;
  if (!value.includes('/') && !isStandardResourceName(value)) return [invalid(fldPath, value, 'must be a standard resource type or fully qualified')];
  return errs;
}

/** validateContainerResourceName. */
export function validateContainerResourceName(value: string, fldPath: FieldPath): FieldError[] {
  const errs = validateResourceName(value, fldPath);
  if (!value.includes('/')) {
    if (!isStandardContainerResourceName(value)) return [...errs, invalid(fldPath, value, 'must be a standard resource for containers')];
  } else if (!isNativeResource(value)) {
    if (!isExtendedResourceName(value)) return [...errs, invalid(fldPath, value, "doesn't follow extended resource name standard")];
  }
  return errs;
}

/** ValidateResourceQuotaResourceName. */
export function validateResourceQuotaResourceName(value: string, fldPath: FieldPath): FieldError[] {
  const errs = validateResourceName(value, fldPath);
  if (!value.includes('/') && !isStandardQuotaResourceName(value)) return [...errs, invalid(fldPath, value, 'must be a standard resource for quota')];
  return errs;
}

/** ValidateNonnegativeQuantity: the canonical form reported. */
export function validateNonnegativeQuantity(q: Quantity, fldPath: FieldPath): FieldError[] {
  return q.cmp(zero()) < 0 ? [invalid(fldPath, q.toString(), isNegativeErrorMsg)] : [];
}

/** ValidatePositiveQuantityValue. */
export function validatePositiveQuantityValue(q: Quantity, fldPath: FieldPath): FieldError[] {
  return q.cmp(zero()) <= 0 ? [invalid(fldPath, q.toString(), 'must be greater than zero')] : [];
}

/** ValidateResourceQuantityValue: non-negative, and whole for countable resources. */
export function validateResourceQuantityValue(resource: string, q: Quantity, fldPath: FieldPath): FieldError[] {
  const errs = validateNonnegativeQuantity(q, fldPath);
  if (isIntegerResourceName(resource) && q.milliValue() % 1000 !== 0) errs.push(invalid(fldPath, goQuantity(q), 'must be an integer'));
  return errs;
}

/** The parts of core.ResourceRequirements validation reads. */
export interface ResourceRequirementsLike {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
  claims?: { name: string; request?: string }[];
}

/**
 * validateResourceRequirements: names by `resourceNameFn`, quantities non-negative, requests ≤
 * limits (equal for non-overcommittable resources), hugepages with cpu or memory, claims known.
 */
export function validateResourceRequirements(
  req: ResourceRequirementsLike | undefined,
  resourceNameFn: (name: string, p: FieldPath) => FieldError[],
  podClaimNames: ReadonlySet<string>,
  fldPath: FieldPath,
  allowIndivisibleHugePagesValues: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = fldPath.child('limits');
  const reqPath = fldPath.child('requests');
  let limCPUOrMemory = false;
  let reqCPUOrMemory = false;
  let limHugePages = false;
  let reqHugePages = false;
  const limits = req?.limits ?? {};
  const requests = req?.requests ?? {};
  for (const name of sortedKeys(limits)) {
    const p = limPath.key(name);
    errs.push(...resourceNameFn(name, p));
    const q = parseQuantity(limits[name]);
    if (q === null) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) {
      limHugePages = true;
      if (!allowIndivisibleHugePagesValues && !isHugePageResourceValueDivisible(name, q)) errs.push(invalid(p, q.toString(), `${q.toString()} is not positive integer multiple of ${name}`));
    }
    if (name === resourceCPU || name === resourceMemory) limCPUOrMemory = true;
  }
  for (const name of sortedKeys(requests)) {
    const p = reqPath.key(name);
    errs.push(...resourceNameFn(name, p));
    const q = parseQuantity(requests[name]);
    if (q === null) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (Object.prototype.hasOwnProperty.call(limits, name)) {
      const lim = parseQuantity(limits[name]);
      if (lim !== null) {
        if (q.cmp(lim) !== 0 && !isOvercommitAllowed(name)) {
          errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${lim.toString()}`));
        } else if (q.cmp(lim) > 0) {
          errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${lim.toString()}`));
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      reqHugePages = true;
      if (!allowIndivisibleHugePagesValues && !isHugePageResourceValueDivisible(name, q)) errs.push(invalid(p, q.toString(), `${q.toString()} is not positive integer multiple of ${name}`));
    }
    if (name === resourceCPU || name === resourceMemory) reqCPUOrMemory = true;
  }
  if (!limCPUOrMemory && !reqCPUOrMemory && (reqHugePages || limHugePages)) errs.push(forbidden(fldPath, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames(req?.claims, podClaimNames, fldPath.child('claims')));
  return errs;
}

/** validateResourceClaimNames: each claim named, unique, and one of the pod's resourceClaims. */
function validateResourceClaimNames(claims: { name: string; request?: string }[] | undefined, podClaimNames: ReadonlySet<string>, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (claims ?? []).forEach((claim, i) => {
    const name = claim.name ?? '';
    if (name === '') {
      errs.push(required(fldPath.index(i), ''));
      return;
    }
    if (names.has(name)) {
      errs.push({ type: 'FieldValueDuplicate', field: fldPath.index(i).toString(), badValue: name, detail: '' });
    } else {
      let key = name;
      const request = claim.request ?? '';
      if (request !== '') {
        for (const msg of isDNS1123LabelMsgs(request)) errs.push(invalid(fldPath.index(i).child('request'), request, msg));
        key += '/' + request;
      }
      if (names.has(key)) errs.push({ type: 'FieldValueDuplicate', field: fldPath.index(i).toString(), badValue: key, detail: '' });
      else if (request === '') {
        for (const k of names) {
          const slash = k.indexOf('/');
          if (slash >= 0 && k.slice(0, slash) === name) errs.push({ type: 'FieldValueDuplicate', field: fldPath.index(i).toString(), badValue: name, detail: '' });
        }
      }
      names.add(key);
    }
    if (!podClaimNames.has(name)) {
      const e = notFound(fldPath.index(i), name);
      e.detail = 'must be one of the names in pod.spec.resourceClaims' + (podClaimNames.size === 0 ? ' which is empty' : ': ' + [...podClaimNames].sort().join(', '));
      errs.push(e);
    }
  });
  return errs;
}

