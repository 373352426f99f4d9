// The core/v1 kinds other than pods and services, as pkg/apis/core/validation/validation.go and
// events.go: Namespace, Node, ConfigMap, Secret, ServiceAccount, Event, LimitRange, ResourceQuota,
// ReplicationController, PodTemplate, PersistentVolume, PersistentVolumeClaim, Binding.

import { unbase64 } from '../base64';
import { Quantity } from '../quantity';
import { selectorFromSet } from '../labels';
import type {
  Binding,
  ConfigMap,
  Event,
  EventsV1Event,
  LimitRange,
  Namespace,
  Node,
  ObjectReference,
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeSpec,
  PodTemplate,
  ReplicationController,
  ReplicationControllerSpec,
  ResourceQuota,
  ResourceQuotaSpec,
  Secret,
  ServiceAccount,
  Taint,
} from '../types';
import { duplicate, forbidden, internalError, invalid, newPath, notSupported, required, tooLong, type FieldError, type FieldPath } from './field';
import { GoValue, goQuote, goStringMap, goStringSlice, goStruct } from './gofmt';
import {
  goTime,
  sortedKeys,
  validateFinalizerName,
  validateImmutableField,
  validateKubeFinalizerName,
  validateLabelName,
  validateLabelSelector,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta';
import { cidrIsIPv4, parseCIDRSloppy } from './net';
import { byteLength, isConfigMapKey, isDNS1123Subdomain, isQualifiedName, isValidCIDR, isValidLabelValue, nameIsDNSSubdomain, validateNamespaceName } from './names';
import {
  goQuantity,
  isNativeResource,
  isOvercommitAllowed,
  isStandardQuotaResourceName,
  parseQuantity,
  validateContainerResourceName,
  validatePositiveQuantityValue,
  validateResourceName,
  validateResourceQuantityValue,
  validateResourceQuotaResourceName,
} from './resources';
import {
  validateAzureDisk,
  validateCSIDriverName,
  validateDNS1123Label,
  validateISCSI,
  validatePathNoBacksteps,
  validatePersistentVolumeClaimSpec,
  validateQualifiedName,
  type PVCSpecValidationOptions,
} from './core-volumes';
import { podTemplateOptions, validateNodeSelector, validatePodTemplateSpec, validateTaintEffect, type PodValidationOptions } from './core-pod';
import { structDiff } from './diff';
import { deepEqual, hasKey } from './util';

// ---- Namespace ----

function validateNamespaceFinalizers(ns: Namespace, indexed: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const p = newPath('spec', 'finalizers');
  (ns.spec?.finalizers ?? []).forEach((f, i) => {
    const fp = indexed ? p.index(i) : p;
    errs.push(...validateFinalizerName(f, fp), ...validateKubeFinalizerName(f, fp));
  });
  return errs;
}

/** ValidateNamespace. */
export function validateNamespace(ns: Namespace): FieldError[] {
  return [...validateObjectMeta(ns.metadata, false, validateNamespaceName, newPath('metadata')), ...validateNamespaceFinalizers(ns, false)];
}

/** ValidateNamespaceUpdate. */
export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata, old.metadata, newPath('metadata'));
}

/** ValidateNamespaceStatusUpdate. */
export function validateNamespaceStatusUpdate(ns: Namespace, old: Namespace): FieldError[] {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata, newPath('metadata'));
  const phase = ns.status?.phase ?? '';
  if (!ns.metadata?.deletionTimestamp) {
    if (phase !== 'Active') errs.push(invalid(newPath('status', 'Phase'), phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(invalid(newPath('status', 'Phase'), phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

/** ValidateNamespaceFinalizeUpdate (the namespaces/finalize subresource). */
export function validateNamespaceFinalizeUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return [...validateObjectMetaUpdate(ns.metadata, old.metadata, newPath('metadata')), ...validateNamespaceFinalizers(ns, true)];
}

// ---- Node ----

function goTaint(t: Taint): GoValue {
  return goStruct('core.Taint', [['Key', t.key ?? ''], ['Value', t.value ?? ''], ['Effect', t.effect ?? ''], ['TimeAdded', { nilPtr: '*v1.Time' }]]);
}

function validateNodeTaints(taints: readonly Taint[], fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = fldPath.index(i);
    errs.push(...validateLabelName(t.key ?? '', p.child('key')));
    const ve = isValidLabelValue(t.value ?? '');
    if (ve.length !== 0) errs.push(invalid(p.child('value'), t.value ?? '', ve.join(';')));
    errs.push(...validateTaintEffect(t.effect ?? '', false, p.child('effect')));
    const set = unique.get(t.effect ?? '');
    if (set && set.has(t.key ?? '')) {
      const e = duplicate(p, goTaint(t));
      e.detail = 'taints must be unique by key and effect pair';
      errs.push(e);
      return;
    }
    if (!set) unique.set(t.effect ?? '', new Set([t.key ?? '']));
    else set.add(t.key ?? '');
  });
  return errs;
}

const taintsAnnotationKey = 'scheduler.alpha.kubernetes.io/taints';
const preferAvoidPodsAnnotationKey = 'scheduler.alpha.kubernetes.io/preferAvoidPods';

function validateNodeSpecificAnnotations(annotations: Record<string, string> | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const a = annotations ?? {};
  if ((a[taintsAnnotationKey] ?? '') !== '') {
    try {
      const taints = JSON.parse(a[taintsAnnotationKey]!) as Taint[];
      if (Array.isArray(taints) && taints.length > 0) errs.push(...validateNodeTaints(taints, fldPath.child(taintsAnnotationKey)));
    } catch (e) {
      errs.push(invalid(fldPath, taintsAnnotationKey, (e as Error).message));
    }
  }
  if ((a[preferAvoidPodsAnnotationKey] ?? '') !== '') {
    try {
      const avoid = JSON.parse(a[preferAvoidPodsAnnotationKey]!) as { preferAvoidPods?: { podSignature?: { podController?: { controller?: boolean } } }[] };
      (avoid.preferAvoidPods ?? []).forEach((pa, i) => {
        const p = fldPath.child(preferAvoidPodsAnnotationKey).index(i);
        const pc = pa.podSignature?.podController;
        if (!pc) errs.push(required(p.child('PodSignature'), ''));
        else if (!pc.controller) errs.push(invalid(p.child('PodSignature').child('PodController').child('Controller'), false, 'must point to a controller'));
      });
    } catch (e) {
      errs.push(invalid(fldPath.child('AvoidPods'), preferAvoidPodsAnnotationKey, (e as Error).message));
    }
  }
  return errs;
}

function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const [list, name] of [
    [node.status?.capacity, 'capacity'],
    [node.status?.allocatable, 'allocatable'],
  ] as const) {
    for (const k of sortedKeys(list)) {
      const q = parseQuantity(list![k]);
      // Upstream builds these paths with Child, not Key: `status.capacity.cpu`.
      if (q !== null) errs.push(...validateResourceQuantityValue(k, q, newPath('status', name, k)));
    }
  }
  return errs;
}

/** ValidateNode. */
export function validateNode(node: Node): FieldError[] {
  const fldPath = newPath('metadata');
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain, fldPath);
  errs.push(...validateNodeSpecificAnnotations(node.metadata?.annotations, fldPath.child('annotations')));
  // Upstream reports spec taints under `metadata.taints`.
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec!.taints!, fldPath.child('taints')));
  errs.push(...validateNodeResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  if (cidrs.length > 0) {
    const p = newPath('spec', 'podCIDRs');
    cidrs.forEach((c, i) => errs.push(...isValidCIDR(p.index(i), c)));
    if (cidrs.length > 1) {
      const parsed = cidrs.map(parseCIDRSloppy);
      if (parsed.some((c) => c === null)) errs.push(internalError(p, 'invalid PodCIDRs. failed to check with dual stack with error:invalid CIDR address'));
      const dual = parsed.every((c) => c !== null) && parsed.some((c) => cidrIsIPv4(c!)) && parsed.some((c) => !cidrIsIPv4(c!));
      if (!dual || cidrs.length > 2) errs.push(invalid(p, goStringSlice(cidrs), 'may specify no more than one CIDR for each IP family'));
      const seen = new Set<string>();
      cidrs.forEach((c, i) => {
        if (seen.has(c)) errs.push(duplicate(p.index(i), c));
        seen.add(c);
      });
    }
  }
  return errs;
}

function validateConfigMapNodeConfigSource(src: { namespace?: string; name?: string; kubeletConfigKey?: string }, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!src.namespace) errs.push(required(fldPath.child('namespace'), 'namespace must be set'));
  else for (const m of validateNamespaceName(src.namespace, false)) errs.push(invalid(fldPath.child('namespace'), src.namespace, m));
  if (!src.name) errs.push(required(fldPath.child('name'), 'name must be set'));
  else for (const m of nameIsDNSSubdomain(src.name, false)) errs.push(invalid(fldPath.child('name'), src.name, m));
  if (!src.kubeletConfigKey) errs.push(required(fldPath.child('kubeletConfigKey'), 'kubeletConfigKey must be set'));
  else for (const m of isConfigMapKey(src.kubeletConfigKey)) errs.push(invalid(fldPath.child('kubeletConfigKey'), src.kubeletConfigKey, m));
  return errs;
}

function validateNodeConfigSource(src: NonNullable<NonNullable<Node['spec']>['configSource']>, fldPath: FieldPath, status: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  if (src.configMap) {
    count++;
    const p = fldPath.child('configMap');
    const cm = src.configMap;
    if (status) {
      if (!cm.uid) errs.push(required(p.child('uid'), 'uid must be set in status'));
      if (!cm.resourceVersion) errs.push(required(p.child('resourceVersion'), 'resourceVersion must be set in status'));
    } else {
      if (cm.uid) errs.push(forbidden(p.child('uid'), 'uid must not be set in spec'));
      if (cm.resourceVersion) errs.push(forbidden(p.child('resourceVersion'), 'resourceVersion must not be set in spec'));
    }
    errs.push(...validateConfigMapNodeConfigSource(cm, p));
  }
  if (count !== 1) errs.push(invalid(fldPath, new GoValue('&core.NodeConfigSource{ConfigMap:(*core.ConfigMapNodeConfigSource)(nil)}'), 'exactly one reference subfield must be non-nil'));
  return errs;
}

/** ValidateNodeUpdate: podCIDRs and providerID settable once, externalID fixed. */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const fldPath = newPath('metadata');
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata, fldPath);
  errs.push(...validateNodeSpecificAnnotations(node.metadata?.annotations, fldPath.child('annotations')));
  errs.push(...validateNodeResources(node));
  const seen = new Set<string>();
  (node.status?.addresses ?? []).forEach((a, i) => {
    const key = `${a.type}/${a.address}`;
    if (seen.has(key)) errs.push(duplicate(newPath('status', 'addresses').index(i), goStruct('core.NodeAddress', [['Type', a.type ?? ''], ['Address', a.address ?? '']])));
    seen.add(key);
  });
  const oc = old.spec?.podCIDRs ?? [];
  const nc = node.spec?.podCIDRs ?? [];
  if (oc.length > 0) {
    const msg = 'node updates may not change podCIDR except from "" to valid';
    if (oc.length !== nc.length) errs.push(forbidden(newPath('spec', 'podCIDRs'), msg));
    else oc.forEach((v, i) => {
      if (v !== nc[i]) errs.push(forbidden(newPath('spec', 'podCIDRs'), msg));
    });
  }
  if (old.spec?.providerID && old.spec.providerID !== (node.spec?.providerID ?? '')) {
    errs.push(forbidden(newPath('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if (node.spec?.configSource) errs.push(...validateNodeConfigSource(node.spec.configSource, newPath('spec', 'configSource'), false));
  const cfg = node.status?.config;
  if (cfg) {
    for (const k of ['assigned', 'active', 'lastKnownGood'] as const) {
      if (cfg[k]) errs.push(...validateNodeConfigSource(cfg[k]!, newPath('status', 'config').child(k), true));
    }
  }
  if ((node.spec?.taints ?? []).length > 0) errs.push(...validateNodeTaints(node.spec!.taints!, fldPath.child('taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(forbidden(newPath('spec', 'externalID'), 'may not be updated'));
  return errs;
}

// ---- ConfigMap, Secret, ServiceAccount ----

/** core.MaxSecretSize: 1 MiB. */
export const maxSecretSize = 1 * 1024 * 1024;

/** The decoded length of a base64 ([]byte on the wire) value. */
function base64DecodedLength(s: string): number {
  const t = s.replace(/\s/g, '');
  const pad = t.endsWith('==') ? 2 : t.endsWith('=') ? 1 : 0;
  return Math.floor((t.length * 3) / 4) - pad;
}

function decodeBase64(s: string): string {
  try {
    return unbase64(s.replace(/\s/g, ''));
  } catch {
    return '';
  }
}

/** ValidateConfigMap: keys, no key in both data and binaryData, 1 MiB in all. */
export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  let total = 0;
  const data = cm.data ?? {};
  const bin = cm.binaryData ?? {};
  for (const k of sortedKeys(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(newPath('data').key(k), k, m));
    if (hasKey(bin, k)) errs.push(invalid(newPath('data').key(k), k, 'duplicate of key present in binaryData'));
    total += byteLength(data[k] ?? '');
  }
  for (const k of sortedKeys(bin)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(newPath('binaryData').key(k), k, m));
    total += base64DecodedLength(bin[k] ?? '');
  }
  // Upstream reports the whole object at the empty path (printed as `[]`).
  if (total > maxSecretSize) errs.push(tooLong(newPath(''), '', maxSecretSize));
  return errs;
}

/** ValidateConfigMapUpdate: nothing but metadata may change once `immutable` is set. */
export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata, newPath('metadata'));
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(forbidden(newPath('immutable'), 'field is immutable when `immutable` is set'));
    if (!deepEqual(cm.data, old.data)) errs.push(forbidden(newPath('data'), 'field is immutable when `immutable` is set'));
    if (!deepEqual(cm.binaryData, old.binaryData)) errs.push(forbidden(newPath('binaryData'), 'field is immutable when `immutable` is set'));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}

/** The secret's data as the internal object has it: stringData merged over data, sizes in bytes. */
function secretData(s: Secret): Map<string, { size: number; text: () => string }> {
  const out = new Map<string, { size: number; text: () => string }>();
  for (const [k, v] of Object.entries(s.data ?? {})) out.set(k, { size: base64DecodedLength(v), text: () => decodeBase64(v) });
  for (const [k, v] of Object.entries(s.stringData ?? {})) out.set(k, { size: byteLength(v), text: () => v });
  return out;
}

/** The text of Go's json.Unmarshal error for malformed JSON, approximated. */
function goJSONError(text: string): string | null {
  const t = text.trim();
  try {
    const v: unknown = JSON.parse(t);
    if (v === null) return null;
    if (typeof v !== 'object' || Array.isArray(v)) {
      const kind = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool';
      return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
    }
    return null;
  } catch {
    if (t.length === 0) return 'unexpected end of JSON input';
    const c = t[0]!;
    if (!'{["-0123456789tfn'.includes(c)) return `invalid character ${goQuote(c).replace(/^"|"$/g, "'")} looking for beginning of value`;
    return 'unexpected end of JSON input';
  }
}

/** ValidateSecret: keys, 1 MiB, and each type's required keys. */
export function validateSecret(s: Secret): FieldError[] {
  const errs = validateObjectMeta(s.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  const dataPath = newPath('data');
  const data = secretData(s);
  let total = 0;
  for (const k of [...data.keys()].sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(dataPath.key(k), k, m));
    total += data.get(k)!.size;
  }
  if (total > maxSecretSize) errs.push(tooLong(dataPath, '', maxSecretSize));
  const checkJSON = (key: string) => {
    const d = data.get(key);
    if (!d) {
      errs.push(required(dataPath.key(key), ''));
      return;
    }
    const e = goJSONError(d.text());
    if (e !== null) errs.push(invalid(dataPath.key(key), '<secret contents redacted>', e));
  };
  switch (s.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name']) errs.push(required(newPath('metadata', 'annotations').key('kubernetes.io/service-account.name'), ''));
      break;
    case 'Opaque':
    case '':
      break;
    case 'kubernetes.io/dockercfg':
      checkJSON('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      checkJSON('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!data.has('username') && !data.has('password')) {
        errs.push(required(dataPath.key('username'), ''));
        errs.push(required(dataPath.key('password'), ''));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if ((data.get('ssh-privatekey')?.size ?? 0) === 0) errs.push(required(dataPath.key('ssh-privatekey'), ''));
      break;
    case 'kubernetes.io/tls':
      if (!data.has('tls.crt')) errs.push(required(dataPath.key('tls.crt'), ''));
      if (!data.has('tls.key')) errs.push(required(dataPath.key('tls.key'), ''));
      break;
  }
  return errs;
}

/** ValidateSecretUpdate: the type fixed; nothing else once `immutable`. */
export function validateSecretUpdate(s: Secret, old: Secret): FieldError[] {
  const errs = validateObjectMetaUpdate(s.metadata, old.metadata, newPath('metadata'));
  errs.push(...validateImmutableField(s.type ?? '', old.type ?? '', newPath('type')));
  if (old.immutable === true) {
    if (s.immutable !== true) errs.push(forbidden(newPath('immutable'), 'field is immutable when `immutable` is set'));
    const nd = Object.fromEntries([...secretData(s)].map(([k, v]) => [k, v.text()]));
    const od = Object.fromEntries([...secretData(old)].map(([k, v]) => [k, v.text()]));
    if (!deepEqual(nd, od)) errs.push(forbidden(newPath('data'), 'field is immutable when `immutable` is set'));
  }
  errs.push(...validateSecret(s));
  return errs;
}

/** ValidateServiceAccount. */
export function validateServiceAccount(sa: ServiceAccount): FieldError[] {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
}

/** ValidateServiceAccountUpdate. */
export function validateServiceAccountUpdate(sa: ServiceAccount, old: ServiceAccount): FieldError[] {
  return [...validateObjectMetaUpdate(sa.metadata, old.metadata, newPath('metadata')), ...validateServiceAccount(sa)];
}

// ---- Events (core/v1 and events.k8s.io/v1 share the internal core.Event) ----

/** The internal core.Event fields validation reads. */
interface InternalEvent {
  metadata: Event['metadata'];
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  count: number;
  type: string;
  eventTime: string | null;
  series?: { count?: number; lastObservedTime?: string | null };
  action: string;
  related?: ObjectReference;
  reportingController: string;
  reportingInstance: string;
}

function internalFromCore(e: Event): InternalEvent {
  return {
    metadata: e.metadata,
    involvedObject: e.involvedObject ?? {},
    reason: e.reason ?? '',
    message: e.message ?? '',
    source: e.source ?? {},
    firstTimestamp: e.firstTimestamp ?? null,
    lastTimestamp: e.lastTimestamp ?? null,
    count: e.count ?? 0,
    type: e.type ?? '',
    eventTime: e.eventTime ?? null,
    series: e.series,
    action: e.action ?? '',
    related: e.related,
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

function internalFromEventsV1(e: EventsV1Event): InternalEvent {
  return {
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason ?? '',
    message: e.note ?? '',
    source: e.deprecatedSource ?? {},
    firstTimestamp: e.deprecatedFirstTimestamp ?? null,
    lastTimestamp: e.deprecatedLastTimestamp ?? null,
    count: e.deprecatedCount ?? 0,
    type: e.type ?? '',
    eventTime: e.eventTime ?? null,
    series: e.series,
    action: e.action ?? '',
    related: e.related,
    reportingController: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

function legacyValidateEvent(e: InternalEvent, coreV1: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const rcName = coreV1 ? 'reportingComponent' : 'reportingController';
  const ns = e.metadata?.namespace ?? '';
  const ion = e.involvedObject.namespace ?? '';
  if (!e.eventTime) {
    if (ion.length === 0) {
      if (ns !== '' && ns !== 'default') errs.push(invalid(newPath('involvedObject', 'namespace'), ion, 'does not match event.namespace'));
    } else if (ns !== ion) errs.push(invalid(newPath('involvedObject', 'namespace'), ion, 'does not match event.namespace'));
  } else {
    if (ion.length === 0 && ns !== 'default' && ns !== 'kube-system') errs.push(invalid(newPath('involvedObject', 'namespace'), ion, 'does not match event.namespace'));
    if (e.reportingController.length === 0) errs.push(required(newPath(rcName), ''));
    errs.push(...validateQualifiedName(e.reportingController, newPath(rcName)));
    if (e.reportingInstance.length === 0) errs.push(required(newPath('reportingInstance'), ''));
    if (byteLength(e.reportingInstance) > 128) errs.push(invalid(newPath('reportingInstance'), '', 'can have at most 128 characters'));
    if (e.action.length === 0) errs.push(required(newPath('action'), ''));
    if (byteLength(e.action) > 128) errs.push(invalid(newPath('action'), '', 'can have at most 128 characters'));
    if (e.reason.length === 0) errs.push(required(newPath('reason'), ''));
    if (byteLength(e.reason) > 128) errs.push(invalid(newPath('reason'), '', 'can have at most 128 characters'));
    if (byteLength(e.message) > 1024) errs.push(invalid(newPath('message'), '', 'can have at most 1024 characters'));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(invalid(newPath('namespace'), ns, m));
  return errs;
}

function validateV1EventSeries(e: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  if (e.series) {
    if ((e.series.count ?? 0) < 2) errs.push(invalid(newPath('series.count'), '', 'should be at least 2'));
    if (!e.series.lastObservedTime) errs.push(required(newPath('series.lastObservedTime'), ''));
  }
  return errs;
}

function eventCreate(e: InternalEvent, coreV1: boolean): FieldError[] {
  const errs = legacyValidateEvent(e, coreV1);
  if (coreV1) return errs;
  errs.push(...validateObjectMeta(e.metadata, true, nameIsDNSSubdomain, newPath('metadata')));
  errs.push(...validateV1EventSeries(e));
  if (!e.eventTime) errs.push(required(newPath('eventTime'), ''));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(invalid(newPath('type'), '', `has invalid value: ${e.type}`));
  if (e.firstTimestamp) errs.push(invalid(newPath('firstTimestamp'), '', 'needs to be unset'));
  if (e.lastTimestamp) errs.push(invalid(newPath('lastTimestamp'), '', 'needs to be unset'));
  if (e.count !== 0) errs.push(invalid(newPath('count'), '', 'needs to be unset'));
  if (e.source.component || e.source.host) errs.push(invalid(newPath('source'), '', 'needs to be unset'));
  return errs;
}

function goObjectReference(r: ObjectReference | undefined): GoValue {
  const o = r ?? {};
  return goStruct('core.ObjectReference', [
    ['Kind', o.kind ?? ''], ['Namespace', o.namespace ?? ''], ['Name', o.name ?? ''], ['UID', o.uid ?? ''],
    ['APIVersion', o.apiVersion ?? ''], ['ResourceVersion', o.resourceVersion ?? ''], ['FieldPath', o.fieldPath ?? ''],
  ]);
}

/** A metav1.MicroTime truncated to microseconds, for the eventTime comparison. */
function microsOf(t: string | null): string {
  if (!t) return '';
  const m = /^(.*?)(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(t);
  if (!m) return t;
  return m[1]! + (m[2] ? m[2].slice(0, 7).padEnd(7, '0') : '.000000') + m[3];
}

function eventUpdate(e: InternalEvent, o: InternalEvent, coreV1: boolean): FieldError[] {
  const errs = legacyValidateEvent(e, coreV1);
  if (coreV1) return errs;
  errs.push(...validateObjectMetaUpdate(e.metadata, o.metadata, newPath('metadata')));
  if (!deepEqual(e.series, o.series)) errs.push(...validateV1EventSeries(e));
  errs.push(...validateImmutableField(e.involvedObject, o.involvedObject, newPath('involvedObject'), (v) => goObjectReference(v as ObjectReference)));
  errs.push(...validateImmutableField(e.reason, o.reason, newPath('reason')));
  errs.push(...validateImmutableField(e.message, o.message, newPath('message')));
  errs.push(...validateImmutableField(e.source, o.source, newPath('source'), (v) => { const s = v as InternalEvent['source']; return goStruct('core.EventSource', [['Component', s.component ?? ''], ['Host', s.host ?? '']]); }));
  errs.push(...validateImmutableField(e.firstTimestamp, o.firstTimestamp, newPath('firstTimestamp'), (v) => goTime(v as string | null)));
  errs.push(...validateImmutableField(e.lastTimestamp, o.lastTimestamp, newPath('lastTimestamp'), (v) => goTime(v as string | null)));
  errs.push(...validateImmutableField(e.count, o.count, newPath('count')));
  errs.push(...validateImmutableField(e.reason, o.reason, newPath('reason')));
  errs.push(...validateImmutableField(e.type, o.type, newPath('type')));
  if (microsOf(e.eventTime) !== microsOf(o.eventTime)) errs.push(...validateImmutableField(e.eventTime, o.eventTime, newPath('eventTime'), (v) => goTime(v as string | null)));
  errs.push(...validateImmutableField(e.action, o.action, newPath('action')));
  errs.push(...validateImmutableField(e.related ?? null, o.related ?? null, newPath('related'), (v) => (v === null ? null : goObjectReference(v as ObjectReference))));
  errs.push(...validateImmutableField(e.reportingController, o.reportingController, newPath('reportingController')));
  errs.push(...validateImmutableField(e.reportingInstance, o.reportingInstance, newPath('reportingInstance')));
  return errs;
}

/** ValidateEventCreate for a core/v1 Event (legacy checks only, as upstream for this version). */
export function validateEventCreate(e: Event): FieldError[] {
  return eventCreate(internalFromCore(e), true);
}

/** ValidateEventUpdate for a core/v1 Event. */
export function validateEventUpdate(e: Event, old: Event): FieldError[] {
  return eventUpdate(internalFromCore(e), internalFromCore(old), true);
}

/** ValidateEventCreate for an events.k8s.io/v1 Event (strict), with core's field names. */
export function validateEventsV1EventCreate(e: EventsV1Event): FieldError[] {
  return eventCreate(internalFromEventsV1(e), false);
}

/** ValidateEventUpdate for an events.k8s.io/v1 Event. */
export function validateEventsV1EventUpdate(e: EventsV1Event, old: EventsV1Event): FieldError[] {
  return eventUpdate(internalFromEventsV1(e), internalFromEventsV1(old), false);
}

// ---- LimitRange ----

function validateLimitRangeTypeName(value: string, fldPath: FieldPath): FieldError[] {
  const errs = isQualifiedName(value).map((m) => invalid(fldPath, value, m));
  if (errs.length !== 0) return errs;
  if (!value.includes('/') && !['Pod', 'Container', 'PersistentVolumeClaim'].includes(value)) return [invalid(fldPath, value, 'must be a standard limit type or fully qualified')];
  return errs;
}

function validateLimitRangeResourceName(limitType: string, value: string, fldPath: FieldPath): FieldError[] {
  return limitType === 'Pod' || limitType === 'Container' ? validateContainerResourceName(value, fldPath) : validateResourceName(value, fldPath);
}

/** Go's %f: six decimals. */
function goF(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  return n.toFixed(6);
}

/** ValidateLimitRange. */
export function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  const seenTypes = new Set<string>();
  const fldPath = newPath('spec', 'limits');
  (lr.spec?.limits ?? []).forEach((limit, i) => {
    const idx = fldPath.index(i);
    const type: string = limit.type ?? '';
    errs.push(...validateLimitRangeTypeName(type, idx.child('type')));
    if (seenTypes.has(type)) errs.push(duplicate(idx.child('type'), type));
    seenTypes.add(type);
    const keys = new Set<string>();
    const collect = (list: Record<string, string> | undefined, name: string, into: Map<string, Quantity>) => {
      for (const k of sortedKeys(list)) {
        errs.push(...validateLimitRangeResourceName(type, k, idx.child(name).key(k)));
        keys.add(k);
        const q = parseQuantity(list![k]);
        if (q !== null) into.set(k, q);
      }
    };
    const max = new Map<string, Quantity>();
    const min = new Map<string, Quantity>();
    const defaults = new Map<string, Quantity>();
    const defaultRequests = new Map<string, Quantity>();
    const ratios = new Map<string, Quantity>();
    collect(limit.max, 'max', max);
    collect(limit.min, 'min', min);
    if (type === 'Pod') {
      if (Object.keys(limit.default ?? {}).length > 0) errs.push(forbidden(idx.child('default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(limit.defaultRequest ?? {}).length > 0) errs.push(forbidden(idx.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      collect(limit.default, 'default', defaults);
      collect(limit.defaultRequest, 'defaultRequest', defaultRequests);
    }
    if (type === 'PersistentVolumeClaim' && !hasKey(limit.min, 'storage') && !hasKey(limit.max, 'storage')) {
      errs.push(required(idx.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    collect(limit.maxLimitRequestRatio, 'maxLimitRequestRatio', ratios);
    for (const k of [...keys].sort()) {
      const mn = min.get(k);
      const mx = max.get(k);
      const df = defaults.get(k);
      const dr = defaultRequests.get(k);
      const ratio = ratios.get(k);
      if (mn && mx && mn.cmp(mx) > 0) errs.push(invalid(idx.child('min').key(k), goQuantity(mn), `min value ${mn} is greater than max value ${mx}`));
      if (dr && mn && mn.cmp(dr) > 0) errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(dr), `min value ${mn} is greater than default request value ${dr}`));
      if (dr && mx && dr.cmp(mx) > 0) errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(dr), `default request value ${dr} is greater than max value ${mx}`));
      if (dr && df && dr.cmp(df) > 0) errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(dr), `default request value ${dr} is greater than default limit value ${df}`));
      if (df && mn && mn.cmp(df) > 0) errs.push(invalid(idx.child('default').key(k), goQuantity(mn), `min value ${mn} is greater than default value ${df}`));
      if (df && mx && df.cmp(mx) > 0) errs.push(invalid(idx.child('default').key(k), goQuantity(mx), `default value ${df} is greater than max value ${mx}`));
      if (ratio && ratio.cmp(Quantity.fromValue(1)) < 0) errs.push(invalid(idx.child('maxLimitRequestRatio').key(k), goQuantity(ratio), `ratio ${ratio} is less than 1`));
      if (ratio && mn && mx) {
        // resource.MaxMilliValue: values below it compare in milli-units.
        const maxMilli = 9223372036854775;
        let ratioV = ratio.value();
        let minV = mn.value();
        let maxV = mx.value();
        if (ratio.value() < maxMilli && minV < maxMilli && maxV < maxMilli) {
          ratioV = ratio.milliValue() / 1000;
          minV = mn.milliValue();
          maxV = mx.milliValue();
        }
        const limitRatio = maxV / minV;
        if (ratioV > limitRatio) errs.push(invalid(idx.child('maxLimitRequestRatio').key(k), goQuantity(ratio), `ratio ${ratio} is greater than max/min = ${goF(limitRatio)}`));
      }
      if (!isOvercommitAllowed(k) && df && dr && df.cmp(dr) !== 0) {
        errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(dr), `default value ${df} must equal to defaultRequest value ${dr} in ${k}`));
      }
    }
  });
  return errs;
}

/** LimitRange update: the strategy validates the new object in full plus its metadata update. */
export function validateLimitRangeUpdate(lr: LimitRange, old: LimitRange): FieldError[] {
  return [...validateObjectMetaUpdate(lr.metadata, old.metadata, newPath('metadata')), ...validateLimitRange(lr)];
}

// ---- ResourceQuota ----

const standardScopes = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
const podComputeQuota = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

function scopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
    case 'CrossNamespacePodAffinity':
      return resource === 'pods' || podComputeQuota.has(resource);
    case 'BestEffort':
      return resource === 'pods';
    default:
      return true;
  }
}

function validateQuotaList(list: Record<string, string> | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(list)) {
    const p = fldPath.key(k);
    errs.push(...validateResourceQuotaResourceName(k, p));
    const q = parseQuantity(list![k]);
    if (q !== null) errs.push(...validateResourceQuantityValue(k, q, p));
  }
  return errs;
}

function goScopeSelector(spec: ResourceQuotaSpec): GoValue {
  return new GoValue(`&core.ScopeSelector{MatchExpressions:[]core.ScopedResourceSelectorRequirement{${(spec.scopeSelector?.matchExpressions ?? []).map((r) => `core.ScopedResourceSelectorRequirement{ScopeName:${goQuote(r.scopeName ?? '')}, Operator:${goQuote(r.operator ?? '')}, Values:${goStringSlice(r.values).repr}}`).join(', ')}}}`);
}

/** ValidateResourceQuotaSpec. */
export function validateResourceQuotaSpec(spec: ResourceQuotaSpec | undefined, fld: FieldPath): FieldError[] {
  const s = spec ?? {};
  const errs = validateQuotaList(s.hard, fld.child('hard'));
  const hard = sortedKeys(s.hard);
  const goScopes = goStringSlice(s.scopes, '[]core.ResourceQuotaScope');
  const scopes = s.scopes ?? [];
  if (scopes.length > 0) {
    const p = fld.child('scopes');
    const set = new Set<string>();
    for (const scope of scopes) {
      if (!standardScopes.has(scope)) errs.push(invalid(p, goScopes, 'unsupported scope'));
      for (const k of hard) if (isStandardQuotaResourceName(k) && !scopeValidForResource(scope, k)) errs.push(invalid(p, goScopes, 'unsupported scope applied to resource'));
      set.add(scope);
    }
    for (const [a, b] of [['BestEffort', 'NotBestEffort'], ['NotTerminating', 'Terminating']]) if (set.has(a!) && set.has(b!)) errs.push(invalid(p, goScopes, 'conflicting scopes'));
  }
  if (s.scopeSelector) {
    const p = fld.child('scopeSelector').child('matchExpressions');
    const set = new Set<string>();
    for (const req of s.scopeSelector.matchExpressions ?? []) {
      const name: string = req.scopeName ?? '';
      const op: string = req.operator ?? '';
      if (!standardScopes.has(name)) errs.push(invalid(p.child('scopeName'), name, 'unsupported scope'));
      for (const k of hard) if (isStandardQuotaResourceName(k) && !scopeValidForResource(name, k)) errs.push(invalid(p, goScopeSelector(s), 'unsupported scope applied to resource'));
      if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(name) && op !== 'Exists') {
        errs.push(invalid(p.child('operator'), op, "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity"));
      }
      const values = req.values ?? [];
      switch (op) {
        case 'In':
        case 'NotIn':
          if (values.length === 0) errs.push(required(p.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
          break;
        case 'Exists':
        case 'DoesNotExist':
          if (values.length !== 0) errs.push(invalid(p.child('values'), goStringSlice(values), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
          break;
        default:
          errs.push(invalid(p.child('operator'), op, 'not a valid selector operator'));
      }
      set.add(name);
    }
    for (const [a, b] of [['BestEffort', 'NotBestEffort'], ['NotTerminating', 'Terminating']]) if (set.has(a!) && set.has(b!)) errs.push(invalid(p, goScopes, 'conflicting scopes'));
  }
  return errs;
}

/** ValidateResourceQuota. */
export function validateResourceQuota(rq: ResourceQuota): FieldError[] {
  const errs = validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  errs.push(...validateResourceQuotaSpec(rq.spec, newPath('spec')));
  errs.push(...validateQuotaList(rq.status?.hard, newPath('status').child('hard')));
  errs.push(...validateQuotaList(rq.status?.used, newPath('status').child('used')));
  return errs;
}

/** ValidateResourceQuotaUpdate: scopes fixed. */
export function validateResourceQuotaUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = validateObjectMetaUpdate(rq.metadata, old.metadata, newPath('metadata'));
  errs.push(...validateResourceQuotaSpec(rq.spec, newPath('spec')));
  const ns = new Set(rq.spec?.scopes ?? []);
  const os = new Set(old.spec?.scopes ?? []);
  if (ns.size !== os.size || [...ns].some((s) => !os.has(s))) errs.push(invalid(newPath('spec', 'scopes'), goStringSlice(rq.spec?.scopes, '[]core.ResourceQuotaScope'), 'field is immutable'));
  return errs;
}

/** ValidateResourceQuotaStatusUpdate. */
export function validateResourceQuotaStatusUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = validateObjectMetaUpdate(rq.metadata, old.metadata, newPath('metadata'));
  if (!rq.metadata?.resourceVersion) errs.push(required(newPath('resourceVersion'), ''));
  errs.push(...validateQuotaList(rq.status?.hard, newPath('status', 'hard')));
  errs.push(...validateQuotaList(rq.status?.used, newPath('status', 'used')));
  return errs;
}

// ---- ReplicationController, PodTemplate ----

function validateReplicationControllerSpec(spec: ReplicationControllerSpec | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, fldPath.child('minReadySeconds')));
  const selector = selectorFromSet(s.selector);
  if (selector.empty()) errs.push(required(fldPath.child('selector'), ''));
  errs.push(...validateNonnegativeField(s.replicas ?? 0, fldPath.child('replicas')));
  const tp = fldPath.child('template');
  if (!s.template) errs.push(required(tp, ''));
  else {
    const labels = s.template.metadata?.labels;
    if (!selector.empty() && !selector.matches(labels ?? {})) errs.push(invalid(tp.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
    errs.push(...validatePodTemplateSpec(s.template, tp, opts));
    const rp: string = s.template.spec?.restartPolicy ?? '';
    if (rp !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), rp, ['Always']));
    if (s.template.spec?.activeDeadlineSeconds !== undefined && s.template.spec.activeDeadlineSeconds !== null) {
      errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
    }
  }
  return errs;
}

/** ValidateReplicationController. */
export function validateReplicationController(rc: ReplicationController, opts = podTemplateOptions(rc.spec?.template, undefined)): FieldError[] {
  return [...validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validateReplicationControllerSpec(rc.spec, newPath('spec'), opts)];
}

/** ValidateReplicationControllerUpdate. */
export function validateReplicationControllerUpdate(rc: ReplicationController, old: ReplicationController, opts = podTemplateOptions(rc.spec?.template, old.spec?.template)): FieldError[] {
  return [...validateObjectMetaUpdate(rc.metadata, old.metadata, newPath('metadata')), ...validateReplicationControllerSpec(rc.spec, newPath('spec'), opts)];
}

/** ValidateReplicationControllerStatusUpdate. */
export function validateReplicationControllerStatusUpdate(rc: ReplicationController, old: ReplicationController): FieldError[] {
  const errs = validateObjectMetaUpdate(rc.metadata, old.metadata, newPath('metadata'));
  const st = rc.status ?? { replicas: 0 };
  const p = newPath('status');
  const replicas = st.replicas ?? 0;
  const fully = st.fullyLabeledReplicas ?? 0;
  const ready = st.readyReplicas ?? 0;
  const avail = st.availableReplicas ?? 0;
  errs.push(...validateNonnegativeField(replicas, p.child('replicas')));
  errs.push(...validateNonnegativeField(fully, p.child('fullyLabeledReplicas')));
  errs.push(...validateNonnegativeField(ready, p.child('readyReplicas')));
  errs.push(...validateNonnegativeField(avail, p.child('availableReplicas')));
  errs.push(...validateNonnegativeField(st.observedGeneration ?? 0, p.child('observedGeneration')));
  const msg = 'cannot be greater than status.replicas';
  if (fully > replicas) errs.push(invalid(p.child('fullyLabeledReplicas'), fully, msg));
  if (ready > replicas) errs.push(invalid(p.child('readyReplicas'), ready, msg));
  if (avail > replicas) errs.push(invalid(p.child('availableReplicas'), avail, msg));
  if (avail > ready) errs.push(invalid(p.child('availableReplicas'), avail, 'cannot be greater than readyReplicas'));
  return errs;
}

/** ValidatePodTemplate. */
export function validatePodTemplate(pt: PodTemplate, opts = podTemplateOptions(pt.template, undefined)): FieldError[] {
  return [...validateObjectMeta(pt.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validatePodTemplateSpec(pt.template, newPath('template'), opts)];
}

/** ValidatePodTemplateUpdate. */
export function validatePodTemplateUpdate(pt: PodTemplate, old: PodTemplate, opts = podTemplateOptions(pt.template, old.template)): FieldError[] {
  return [...validateObjectMetaUpdate(pt.metadata, old.metadata, newPath('metadata')), ...validatePodTemplateSpec(pt.template, newPath('template'), opts)];
}

/** ValidatePodBinding. */
export function validatePodBinding(b: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = b.target?.kind ?? '';
  if (kind.length !== 0 && kind !== 'Node') errs.push(notSupported(newPath('target', 'kind'), kind, ['Node', '<empty>']));
  if (!b.target?.name) errs.push(required(newPath('target', 'name'), ''));
  return errs;
}

// ---- PersistentVolume ----

function validatePVSecretReference(ref: { name?: string; namespace?: string }, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref.name) errs.push(required(fldPath.child('name'), ''));
  else errs.push(...isDNS1123Subdomain(ref.name).map((m) => invalid(fldPath.child('name'), ref.name, m)));
  if (!ref.namespace) errs.push(required(fldPath.child('namespace'), ''));
  else errs.push(...validateDNS1123Label(ref.namespace, fldPath.child('namespace')));
  return errs;
}

const supportedAccessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** path.Clean for the `/` check. */
function cleanIsRoot(p: string): boolean {
  return p.length > 0 && p.split('/').every((s) => s === '' || s === '.');
}

/** ValidatePersistentVolumeSpec (not inline). */
export function validatePersistentVolumeSpec(spec: PersistentVolumeSpec | undefined, pvName: string, fldPath: FieldPath): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const modes = s.accessModes ?? [];
  if (modes.length === 0) errs.push(required(fldPath.child('accessModes'), ''));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!supportedAccessModes.includes(m)) errs.push(notSupported(fldPath.child('accessModes'), m, supportedAccessModes));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (supportedAccessModes.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(fldPath.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const cap = s.capacity ?? {};
  const capKeys = sortedKeys(cap);
  if (capKeys.length === 0) errs.push(required(fldPath.child('capacity'), ''));
  if (!hasKey(cap, 'storage') || capKeys.length > 1) errs.push(notSupported(fldPath.child('capacity'), goStringMap(cap, 'core.ResourceList'), ['storage']));
  for (const r of capKeys) {
    const q = parseQuantity(cap[r]);
    if (q === null) continue;
    if (q.value() < 0) errs.push(invalid(fldPath.child('capacity').key(r), q.value(), 'must be a valid resource quantity'));
    errs.push(...validatePositiveQuantityValue(q, fldPath.child('capacity').key(r)));
  }
  const rp: string = s.persistentVolumeReclaimPolicy ?? '';
  if (rp.length > 0 && !['Delete', 'Recycle', 'Retain'].includes(rp)) errs.push(notSupported(fldPath.child('persistentVolumeReclaimPolicy'), rp, ['Delete', 'Recycle', 'Retain']));
  let nodeAffinitySpecified = false;
  if (s.nodeAffinity) {
    nodeAffinitySpecified = true;
    if (s.nodeAffinity.required) errs.push(...validateNodeSelector(s.nodeAffinity.required, true, fldPath.child('nodeAffinity').child('required')));
    else errs.push(required(fldPath.child('nodeAffinity').child('required'), 'must specify required node constraints'));
  }
  let n = 0;
  const one = (key: string, check: () => FieldError[], always = false) => {
    if (n > 0 && !always) errs.push(forbidden(fldPath.child(key), 'may not specify more than 1 volume type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  if (s.hostPath) one('hostPath', () => {
    const p = fldPath.child('hostPath');
    if (!s.hostPath!.path) return [required(p.child('path'), '')];
    const e = validatePathNoBacksteps(s.hostPath!.path, p.child('path'));
    const t = s.hostPath!.type;
    const types = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
    if (t !== undefined && t !== null && !types.includes(t)) e.push(notSupported(p.child('type'), t, types));
    return e;
  });
  if (s.gcePersistentDisk) one('gcePersistentDisk', () => {
    const p = fldPath.child('persistentDisk');
    const e: FieldError[] = [];
    if (!s.gcePersistentDisk!.pdName) e.push(required(p.child('pdName'), ''));
    const part = s.gcePersistentDisk!.partition ?? 0;
    if (part < 0 || part > 255) e.push(invalid(p.child('partition'), part, 'must be between 1 and 255, inclusive'));
    return e;
  });
  if (s.awsElasticBlockStore) one('awsElasticBlockStore', () => {
    const p = fldPath.child('awsElasticBlockStore');
    const e: FieldError[] = [];
    if (!s.awsElasticBlockStore!.volumeID) e.push(required(p.child('volumeID'), ''));
    const part = s.awsElasticBlockStore!.partition ?? 0;
    if (part < 0 || part > 255) e.push(invalid(p.child('partition'), part, 'must be between 1 and 255, inclusive'));
    return e;
  });
  if (s.glusterfs) one('glusterfs', () => {
    const p = fldPath.child('glusterfs');
    const g = s.glusterfs!;
    const e: FieldError[] = [];
    if (!g.endpoints) e.push(required(p.child('endpoints'), ''));
    if (!g.path) e.push(required(p.child('path'), ''));
    if (g.endpointsNamespace !== undefined && g.endpointsNamespace !== null) {
      if (g.endpointsNamespace === '') e.push(invalid(p.child('endpointsNamespace'), '', 'if the endpointnamespace is set, it must be a valid namespace name'));
      else for (const m of validateNamespaceName(g.endpointsNamespace, false)) e.push(invalid(p.child('endpointsNamespace'), g.endpointsNamespace, m));
    }
    return e;
  });
  if (s.flocker) one('flocker', () => {
    const p = fldPath.child('flocker');
    const e: FieldError[] = [];
    const nm = s.flocker!.datasetName ?? '';
    const u = s.flocker!.datasetUUID ?? '';
    if (nm === '' && u === '') e.push(required(p, 'one of datasetName and datasetUUID is required'));
    if (nm !== '' && u !== '') e.push(invalid(p, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
    if (nm.includes('/')) e.push(invalid(p.child('datasetName'), nm, "must not contain '/'"));
    return e;
  });
  if (s.nfs) one('nfs', () => {
    const p = fldPath.child('nfs');
    const e: FieldError[] = [];
    if (!s.nfs!.server) e.push(required(p.child('server'), ''));
    if (!s.nfs!.path) e.push(required(p.child('path'), ''));
    if (!(s.nfs!.path ?? '').startsWith('/')) e.push(invalid(p.child('path'), s.nfs!.path ?? '', 'must be an absolute path'));
    return e;
  });
  if (s.rbd) one('rbd', () => {
    const p = fldPath.child('rbd');
    const e: FieldError[] = [];
    if ((s.rbd!.monitors ?? []).length === 0) e.push(required(p.child('monitors'), ''));
    if (!s.rbd!.image) e.push(required(p.child('image'), ''));
    return e;
  });
  if (s.quobyte) one('quobyte', () => {
    const p = fldPath.child('quobyte');
    const e: FieldError[] = [];
    if (!s.quobyte!.registry) e.push(required(p.child('registry'), 'must be a host:port pair or multiple pairs separated by commas'));
    if (!s.quobyte!.volume) e.push(required(p.child('volume'), ''));
    return e;
  });
  if (s.cephfs) one('cephFS', () => ((s.cephfs!.monitors ?? []).length === 0 ? [required(fldPath.child('cephfs').child('monitors'), '')] : []));
  if (s.iscsi) one('iscsi', () => {
    const p = fldPath.child('iscsi');
    const e: FieldError[] = [];
    if (s.iscsi!.initiatorName !== undefined && byteLength(pvName + ':' + (s.iscsi!.targetPortal ?? '')) > 64) {
      e.push(invalid(p.child('targetportal'), s.iscsi!.targetPortal ?? '', 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
    }
    const all = validateISCSI(s.iscsi!, p, true);
    // The target portal check comes first upstream; the length check follows it.
    const first = all.filter((x) => x.field === p.child('targetPortal').toString());
    return [...first, ...e, ...all.filter((x) => !first.includes(x))];
  });
  if (s.cinder) one('cinder', () => {
    const p = fldPath.child('cinder');
    const e: FieldError[] = [];
    if (!s.cinder!.volumeID) e.push(required(p.child('volumeID'), ''));
    const ref = s.cinder!.secretRef;
    if (ref) {
      if (!ref.name) e.push(required(p.child('secretRef', 'name'), ''));
      if (!ref.namespace) e.push(required(p.child('secretRef', 'namespace'), ''));
    }
    return e;
  });
  if (s.fc) one('fc', () => {
    const p = fldPath.child('fc');
    const e: FieldError[] = [];
    const wwns = s.fc!.targetWWNs ?? [];
    const wwids = s.fc!.wwids ?? [];
    if (wwns.length < 1 && wwids.length < 1) e.push(required(p.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
    if (wwns.length !== 0 && wwids.length !== 0) e.push(invalid(p.child('targetWWNs'), goStringSlice(wwns), 'targetWWNs and wwids can not be specified simultaneously'));
    if (wwns.length !== 0) {
      if (s.fc!.lun === undefined || s.fc!.lun === null) e.push(required(p.child('lun'), 'lun is required if targetWWNs is specified'));
      else if (s.fc!.lun < 0 || s.fc!.lun > 255) e.push(invalid(p.child('lun'), s.fc!.lun, 'must be between 0 and 255, inclusive'));
    }
    return e;
  });
  if (s.flexVolume) one('flexVolume', () => {
    const p = fldPath.child('flexVolume');
    const e: FieldError[] = [];
    if (!s.flexVolume!.driver) e.push(required(p.child('driver'), ''));
    for (const k of sortedKeys(s.flexVolume!.options)) {
      const slash = k.indexOf('/');
      const ns = '.' + (slash >= 0 ? k.slice(0, slash) : k).toLowerCase();
      if (ns.endsWith('.kubernetes.io') || ns.endsWith('.k8s.io')) e.push(invalid(p.child('options').key(k), k, 'kubernetes.io and k8s.io namespaces are reserved'));
    }
    return e;
  }, true);
  if (s.azureFile) one('azureFile', () => {
    const p = fldPath.child('azureFile');
    const e: FieldError[] = [];
    if (!s.azureFile!.secretName) e.push(required(p.child('secretName'), ''));
    if (!s.azureFile!.shareName) e.push(required(p.child('shareName'), ''));
    if (s.azureFile!.secretNamespace !== undefined && s.azureFile!.secretNamespace !== null && s.azureFile!.secretNamespace.length === 0) e.push(required(p.child('secretNamespace'), ''));
    return e;
  });
  if (s.vsphereVolume) one('vsphereVolume', () => (s.vsphereVolume!.volumePath ? [] : [required(fldPath.child('vsphereVolume').child('volumePath'), '')]));
  if (s.photonPersistentDisk) one('photonPersistentDisk', () => (s.photonPersistentDisk!.pdID ? [] : [required(fldPath.child('photonPersistentDisk').child('pdID'), '')]));
  if (s.portworxVolume) one('portworxVolume', () => (s.portworxVolume!.volumeID ? [] : [required(fldPath.child('portworxVolume').child('volumeID'), '')]));
  if (s.azureDisk) one('azureDisk', () => validateAzureDisk(s.azureDisk!, fldPath.child('azureDisk')));
  if (s.scaleIO) one('scaleIO', () => {
    const p = fldPath.child('scaleIO');
    const e: FieldError[] = [];
    if (!s.scaleIO!.gateway) e.push(required(p.child('gateway'), ''));
    if (!s.scaleIO!.system) e.push(required(p.child('system'), ''));
    if (!s.scaleIO!.volumeName) e.push(required(p.child('volumeName'), ''));
    return e;
  });
  if (s.local) one('local', () => {
    const p = fldPath.child('local');
    const e = !s.local!.path ? [required(p.child('path'), '')] : validatePathNoBacksteps(s.local!.path, p.child('path'));
    if (!nodeAffinitySpecified) e.push(required(fldPath.child('nodeAffinity'), 'Local volume requires node affinity'));
    return e;
  });
  if (s.storageos) one('storageos', () => {
    const p = fldPath.child('storageos');
    const so = s.storageos!;
    const e: FieldError[] = [];
    if (!so.volumeName) e.push(required(p.child('volumeName'), ''));
    else e.push(...validateDNS1123Label(so.volumeName, p.child('volumeName')));
    if (so.volumeNamespace) e.push(...validateDNS1123Label(so.volumeNamespace, p.child('volumeNamespace')));
    if (so.secretRef) {
      if (!so.secretRef.name) e.push(required(p.child('secretRef', 'name'), ''));
      if (!so.secretRef.namespace) e.push(required(p.child('secretRef', 'namespace'), ''));
    }
    return e;
  });
  if (s.csi) one('csi', () => {
    const p = fldPath.child('csi');
    const c = s.csi!;
    const e = validateCSIDriverName(c.driver ?? '', p.child('driver'));
    if (!c.volumeHandle) e.push(required(p.child('volumeHandle'), ''));
    for (const k of ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodePublishSecretRef', 'nodeExpandSecretRef'] as const) {
      if (c[k]) e.push(...validatePVSecretReference(c[k]!, p.child(k)));
    }
    // nodeStageSecretRef is not checked upstream.
    return e;
  });
  if (n === 0) errs.push(required(fldPath, 'must specify a volume type'));
  if (s.hostPath && cleanIsRoot(s.hostPath.path ?? '') && rp === 'Recycle') errs.push(forbidden(fldPath.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  if (s.storageClassName) for (const m of nameIsDNSSubdomain(s.storageClassName, false)) errs.push(invalid(fldPath.child('storageClassName'), s.storageClassName, m));
  if (s.volumeMode !== undefined && s.volumeMode !== null && !['Block', 'Filesystem'].includes(s.volumeMode)) errs.push(notSupported(fldPath.child('volumeMode'), s.volumeMode, ['Block', 'Filesystem']));
  // VolumeAttributesClass is beta and off in 1.32: volumeAttributesClassName is not validated.
  return errs;
}

/** ValidatePersistentVolume. */
export function validatePersistentVolume(pv: PersistentVolume): FieldError[] {
  return [...validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain, newPath('metadata')), ...validatePersistentVolumeSpec(pv.spec, pv.metadata?.name ?? '', newPath('spec'))];
}

const pvSourceKeys = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc', 'flocker', 'flexVolume',
  'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
] as const;

function pvSourceOf(spec: PersistentVolumeSpec | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of pvSourceKeys) out[k] = (spec as Record<string, unknown> | undefined)?.[k];
  return out;
}

const betaToGALabel: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
  'beta.kubernetes.io/os': 'kubernetes.io/os',
  'beta.kubernetes.io/arch': 'kubernetes.io/arch',
  'beta.kubernetes.io/instance-type': 'node.kubernetes.io/instance-type',
};

/** The PV node affinity with every beta label key the new object moved to GA rewritten, for comparison. */
function maskBetaLabels(newNA: unknown, oldNA: unknown): unknown {
  if (Array.isArray(newNA) && Array.isArray(oldNA)) return oldNA.map((o, i) => maskBetaLabels(newNA[i], o));
  if (newNA && oldNA && typeof newNA === 'object' && typeof oldNA === 'object') {
    const o = oldNA as Record<string, unknown>;
    const n = newNA as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = maskBetaLabels(n[k], o[k]);
    if (typeof o.key === 'string' && typeof n.key === 'string' && 'operator' in o && o.key !== n.key && betaToGALabel[o.key] === n.key) out.key = n.key;
    return out;
  }
  return oldNA;
}

/** ValidatePersistentVolumeUpdate (which, as upstream, revalidates the new object first). */
export function validatePersistentVolumeUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const ns = pvSourceOf(pv.spec);
  const os = pvSourceOf(old.spec);
  const csiN = pv.spec?.csi;
  const csiO = old.spec?.csi;
  if (csiO && !csiO.controllerExpandSecretRef && csiN?.controllerExpandSecretRef) {
    const { controllerExpandSecretRef: _c, ...rest } = csiN;
    ns.csi = rest;
  }
  if (!deepEqual(ns, os)) errs.push(forbidden(newPath('spec', 'persistentvolumesource'), `spec.persistentvolumesource is immutable after creation\n${structDiff('core.PersistentVolumeSource', os, ns)}`));
  errs.push(...validateImmutableField(pv.spec?.volumeMode ?? null, old.spec?.volumeMode ?? null, newPath('volumeMode')));
  if (old.spec?.nodeAffinity) {
    const masked = maskBetaLabels(pv.spec?.nodeAffinity, old.spec.nodeAffinity);
    if (!deepEqual(pv.spec?.nodeAffinity ?? null, masked)) errs.push(invalid(newPath('nodeAffinity'), new GoValue('&core.VolumeNodeAffinity{...}'), 'field is immutable, except for updating from beta label to GA'));
  }
  if (!deepEqual(old.spec?.volumeAttributesClassName ?? null, pv.spec?.volumeAttributesClassName ?? null)) {
    errs.push(forbidden(newPath('spec', 'volumeAttributesClassName'), 'update is forbidden when the VolumeAttributesClass feature gate is disabled'));
  }
  return errs;
}

/** ValidatePersistentVolumeStatusUpdate. */
export function validatePersistentVolumeStatusUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = validateObjectMetaUpdate(pv.metadata, old.metadata, newPath('metadata'));
  if (!pv.metadata?.resourceVersion) errs.push(required(newPath('resourceVersion'), ''));
  return errs;
}

// ---- PersistentVolumeClaim ----

/** ValidationOptionsForPersistentVolumeClaim (RecoverVolumeExpansionFailure beta on, VolumeAttributesClass off). */
export function pvcOptions(pvc: PersistentVolumeClaim, old?: PersistentVolumeClaim): PVCSpecValidationOptions {
  const opts: PVCSpecValidationOptions = { enableRecoverFromExpansionFailure: true, allowInvalidLabelValueInSelector: false, allowInvalidAPIGroupInDataSourceOrRef: false, enableVolumeAttributesClass: false };
  if (!old) return opts;
  const os = old.spec ?? {};
  opts.allowInvalidAPIGroupInDataSourceOrRef = (os.dataSource?.apiGroup !== undefined && os.dataSource.apiGroup !== null) || (os.dataSourceRef?.apiGroup !== undefined && os.dataSourceRef.apiGroup !== null);
  if (os.volumeAttributesClassName !== undefined && os.volumeAttributesClassName !== null) opts.enableVolumeAttributesClass = true;
  if (validateLabelSelector(os.selector, {}, newPath('')).length > 0) opts.allowInvalidLabelValueInSelector = true;
  void pvc;
  return opts;
}

/** ValidatePersistentVolumeClaim. */
export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim, opts = pvcOptions(pvc)): FieldError[] {
  return [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validatePersistentVolumeClaimSpec(pvc.spec, newPath('spec'), opts)];
}

const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** ValidatePersistentVolumeClaimUpdate: the spec is fixed but for a first volumeName, storage growth and class upgrades. */
export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim, opts = pvcOptions(pvc, old)): FieldError[] {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata, newPath('metadata'));
  errs.push(...validatePersistentVolumeClaim(pvc, opts));
  const newSpec = JSON.parse(JSON.stringify(pvc.spec ?? {})) as NonNullable<PersistentVolumeClaim['spec']>;
  const oldSpec = JSON.parse(JSON.stringify(old.spec ?? {})) as NonNullable<PersistentVolumeClaim['spec']>;
  const oa = old.metadata?.annotations ?? {};
  const na = pvc.metadata?.annotations ?? {};
  if (!oldSpec.volumeName) oldSpec.volumeName = newSpec.volumeName;
  const oldSc = old.spec?.storageClassName;
  const newSc = pvc.spec?.storageClassName;
  const fromAnnotation = hasKey(oa, betaStorageClassAnnotation) && (oldSc === undefined || oldSc === null) && newSc !== undefined && newSc !== null && newSc === oa[betaStorageClassAnnotation] && (!hasKey(na, betaStorageClassAnnotation) || na[betaStorageClassAnnotation] === oa[betaStorageClassAnnotation]);
  if (fromAnnotation) delete newSpec.storageClassName;
  else {
    if ((na[betaStorageClassAnnotation] ?? '') !== (oa[betaStorageClassAnnotation] ?? '')) errs.push(invalid(newPath('metadata').child('annotations', betaStorageClassAnnotation), na[betaStorageClassAnnotation] ?? '', 'field is immutable'));
    const fromNil = newSc !== undefined && newSc !== null && (oldSc === undefined || oldSc === null) && (!hasKey(oa, betaStorageClassAnnotation) || newSc === oa[betaStorageClassAnnotation]);
    if (fromNil) newSpec.storageClassName = oldSpec.storageClassName;
  }
  const bound = pvc.status?.phase === 'Bound';
  if (bound && newSpec.resources?.requests) {
    if (old.spec?.resources?.requests && hasKey(old.spec.resources.requests, 'storage')) newSpec.resources.requests.storage = old.spec.resources.requests.storage!;
    else newSpec.resources.requests.storage = '0';
  }
  if (bound && newSpec.volumeAttributesClassName !== undefined) newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  const specView = (s: typeof newSpec): Record<string, unknown> => {
    const storage = parseQuantity(s.resources?.requests?.storage);
    return { ...s, resources: s.resources ? { ...s.resources, requests: s.resources.requests ? { ...s.resources.requests, ...(storage ? { storage: storage.toString() } : {}) } : undefined } : undefined };
  };
  if (!deepEqual(specView(newSpec), specView(oldSpec))) {
    errs.push(forbidden(newPath('spec'), `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${structDiff('core.PersistentVolumeClaimSpec', specView(oldSpec), specView(newSpec))}`));
  }
  const zero = Quantity.fromValue(0);
  const oldSize = parseQuantity(old.spec?.resources?.requests?.storage) ?? zero;
  const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage) ?? zero;
  const statusSize = parseQuantity(old.status?.capacity?.storage) ?? zero;
  if (newSize.cmp(oldSize) < 0) {
    if (!opts.enableRecoverFromExpansionFailure) errs.push(forbidden(newPath('spec', 'resources', 'requests', 'storage'), 'field can not be less than previous value'));
    else if (newSize.cmp(statusSize) <= 0) errs.push(forbidden(newPath('spec', 'resources', 'requests', 'storage'), 'field can not be less than status.capacity'));
  }
  errs.push(...validateImmutableField(pvc.spec?.volumeMode ?? null, old.spec?.volumeMode ?? null, newPath('volumeMode')));
  if (!deepEqual(old.spec?.volumeAttributesClassName ?? null, pvc.spec?.volumeAttributesClassName ?? null)) {
    errs.push(forbidden(newPath('spec', 'volumeAttributesClassName'), 'update is forbidden when the VolumeAttributesClass feature gate is disabled'));
  }
  return errs;
}

function validatePVCResourceKey(value: string, fldPath: FieldPath): FieldError[] {
  const errs = isQualifiedName(value).map((m) => invalid(fldPath, value, m));
  if (errs.length !== 0) return errs;
  if (isNativeResource(value) && value !== 'storage') return [notSupported(fldPath, value, ['storage'])];
  return errs;
}

/** ValidatePersistentVolumeClaimStatusUpdate. */
export function validatePersistentVolumeClaimStatusUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim, opts = pvcOptions(pvc, old)): FieldError[] {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata, newPath('metadata'));
  if (!pvc.metadata?.resourceVersion) errs.push(required(newPath('resourceVersion'), ''));
  if ((pvc.spec?.accessModes ?? []).length === 0) errs.push(required(newPath('Spec', 'accessModes'), ''));
  for (const r of sortedKeys(pvc.status?.capacity)) {
    const q = parseQuantity(pvc.status!.capacity![r]);
    if (q !== null && q.value() < 0) errs.push(invalid(newPath('status', 'capacity').key(r), q.value(), 'must be a valid resource quantity'));
  }
  if (opts.enableRecoverFromExpansionFailure) {
    const rsPath = newPath('status', 'allocatedResourceStatus');
    const statuses = pvc.status?.allocatedResourceStatuses ?? {};
    const valid = ['ControllerResizeInProgress', 'ControllerResizeInfeasible', 'NodeResizeInProgress', 'NodeResizeInfeasible', 'NodeResizePending'];
    for (const k of sortedKeys(statuses)) {
      errs.push(...validatePVCResourceKey(k, rsPath));
      if (!valid.includes(statuses[k]!)) errs.push(notSupported(rsPath, k, valid));
    }
    const allocPath = newPath('status', 'allocatedResources');
    for (const r of sortedKeys(pvc.status?.allocatedResources)) {
      const e = validatePVCResourceKey(r, allocPath);
      if (e.length > 0) {
        errs.push(...e);
        continue;
      }
      const q = parseQuantity(pvc.status!.allocatedResources![r]);
      if (q === null) continue;
      if (q.value() < 0) errs.push(invalid(allocPath.key(r), q.value(), 'must be a valid resource quantity'));
      else errs.push(...validateResourceQuantityValue('storage', q, allocPath.key(r)));
    }
  }
  return errs;
}
