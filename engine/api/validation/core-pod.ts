// Containers, PodSpec, Pod and PodTemplateSpec, as pkg/apis/core/validation/validation.go
// (validateContainerCommon, validateContainers, validateInitContainers, ValidatePodSpec,
// ValidatePodCreate, ValidatePodUpdate, ValidatePodStatusUpdate, ValidatePodTemplateSpec ...).
//
// Upstream validates the internal core types. Their one difference that matters here: the
// internal PodSecurityContext carries hostNetwork, hostPID, hostIPC, shareProcessNamespace and
// hostUsers, which core/v1 keeps on the PodSpec; securityContextOf() rebuilds that view.

import { labelSelectorAsSelector } from '../labels';
import type {
  Affinity,
  Container,
  ContainerPort,
  ContainerStatus,
  EnvFromSource,
  EnvVar,
  HTTPGetAction,
  Lifecycle,
  LifecycleHandler,
  NodeAffinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  ObjectMeta,
  Pod,
  PodAffinityTerm,
  PodDNSConfig,
  PodSecurityContext,
  PodTemplateSpec,
  Probe,
  SeccompProfile,
  AppArmorProfile,
  SecurityContext,
  Toleration,
  TopologySpreadConstraint,
  VolumeDevice,
  VolumeMount,
  VolumeSource,
  WeightedPodAffinityTerm,
  WindowsSecurityContextOptions,
  LabelSelector,
} from '../types';
import { duplicate, forbidden, internalError, invalid, notFound, notSupported, required, tooLong, type FieldError, type FieldPath, newPath } from './field';
import { GoValue, goQuote, goSlice, goStringMap, goStringSlice, goStruct } from './gofmt';
import {
  labelSelectorHasInvalidLabelValue,
  sortedKeys,
  validateAnnotations,
  validateImmutableField,
  validateLabelName,
  validateLabelSelector,
  validateLabels,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta';
import { isIPv4String, isIPv6String, parseIPSloppy } from './net';
import {
  byteLength,
  inclusiveRangeError,
  isConfigMapKey,
  isDNS1123SubdomainWithUnderscore,
  isEnvVarName,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidGroupID,
  isValidIP,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  nameIsDNSSubdomain,
  validateNamespaceName,
} from './names';
import { defaultPodValidationOptions, podValidationOptionsFor, type EphemeralContainer, type PodSpecV, type PodValidationOptions } from './podopts';
import { validateContainerResourceName, validateResourceRequirements, isHugePageResourceName, isHugePageResourceValueDivisible, parseQuantity } from './resources';
import {
  validateContainerResourceFieldSelector,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLocalDescendingPath,
  validateLocalNonReservedPath,
  validateObjectFieldSelector,
  validatePathNoBacksteps,
  validatePullPolicy,
  validateQualifiedName,
  validateVolumes,
  validEnvDownwardAPIFieldPathExpressions,
} from './core-volumes';
import { deepEqual, hasKey } from './util';
import { structDiff } from './diff';

export type { PodValidationOptions } from './podopts';

const isNotPositiveErrorMsg = 'must be greater than zero';
const maxInt32 = 2147483647;

/** The internal PodSecurityContext: v1's plus the host namespace fields of the spec. */
interface InternalPodSecurityContext extends PodSecurityContext {
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  shareProcessNamespace?: boolean;
  hostUsers?: boolean;
}

/** The conversion to core always allocates the pod security context, so it is never nil. */
function securityContextOf(spec: PodSpecV): InternalPodSecurityContext {
  return {
    ...(spec.securityContext ?? {}),
    hostNetwork: spec.hostNetwork,
    hostPID: spec.hostPID,
    hostIPC: spec.hostIPC,
    shareProcessNamespace: spec.shareProcessNamespace,
    hostUsers: spec.hostUsers,
  };
}

/** podshelper.VisitContainersWithPath: init, regular, then ephemeral containers. */
function visitContainersWithPath(spec: PodSpecV, specPath: FieldPath, visitor: (c: Container, p: FieldPath) => boolean): boolean {
  const lists: [Container[] | undefined, string][] = [
    [spec.initContainers, 'initContainers'],
    [spec.containers, 'containers'],
    [spec.ephemeralContainers, 'ephemeralContainers'],
  ];
  for (const [list, name] of lists) {
    const p = specPath.child(name);
    for (let i = 0; i < (list ?? []).length; i++) if (!visitor(list![i]!, p.index(i))) return false;
  }
  return true;
}

// ---- ports, env, mounts ----

const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: readonly ContainerPort[] | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const allNames = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const idxPath = fldPath.index(i);
    const name = port.name ?? '';
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length !== 0) for (const m of msgs) errs.push(invalid(idxPath.child('name'), name, m));
      else if (allNames.has(name)) errs.push(duplicate(idxPath.child('name'), name));
      else allNames.add(name);
    }
    const cp = port.containerPort ?? 0;
    if (cp === 0) errs.push(required(idxPath.child('containerPort'), ''));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(idxPath.child('containerPort'), cp, m));
    const hp = port.hostPort ?? 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(idxPath.child('hostPort'), hp, m));
    const proto = port.protocol ?? '';
    if (proto.length === 0) errs.push(required(idxPath.child('protocol'), ''));
    else if (!supportedPortProtocols.includes(proto)) errs.push(notSupported(idxPath.child('protocol'), proto, supportedPortProtocols));
  });
  return errs;
}

function envNameErrors(name: string, opts: PodValidationOptions): string[] {
  return opts.allowRelaxedEnvironmentVariableValidation ? isRelaxedEnvVarName(name) : isEnvVarName(name);
}

function validateKeySelector(s: { name?: string; key?: string }, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = s.name ?? '';
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(fldPath.child('name'), name, m));
  const key = s.key ?? '';
  if (key.length === 0) errs.push(required(fldPath.child('key'), ''));
  else for (const m of isConfigMapKey(key)) errs.push(invalid(fldPath.child('key'), key, m));
  return errs;
}

/** ValidateEnv. */
export function validateEnv(vars: readonly EnvVar[] | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const idxPath = fldPath.index(i);
    const name = ev.name ?? '';
    if (name.length === 0) errs.push(required(idxPath.child('name'), ''));
    else for (const m of envNameErrors(name, opts)) errs.push(invalid(idxPath.child('name'), name, m));
    const vf = ev.valueFrom;
    if (!vf) return;
    const p = idxPath.child('valueFrom');
    let n = 0;
    if (vf.fieldRef) {
      n++;
      errs.push(...validateObjectFieldSelector(vf.fieldRef, validEnvDownwardAPIFieldPathExpressions, p.child('fieldRef')));
    }
    if (vf.resourceFieldRef) {
      n++;
      errs.push(...validateContainerResourceFieldSelector(vf.resourceFieldRef, p.child('resourceFieldRef'), false));
    }
    if (vf.configMapKeyRef) {
      n++;
      errs.push(...validateKeySelector(vf.configMapKeyRef, p.child('configMapKeyRef')));
    }
    if (vf.secretKeyRef) {
      n++;
      errs.push(...validateKeySelector(vf.secretKeyRef, p.child('secretKeyRef')));
    }
    if (n === 0) errs.push(invalid(p, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if ((ev.value ?? '').length !== 0) errs.push(invalid(p, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(invalid(p, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** ValidateEnvFrom. */
export function validateEnvFrom(vars: readonly EnvFromSource[] | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const idxPath = fldPath.index(i);
    const prefix = ev.prefix ?? '';
    if (prefix.length > 0) for (const m of envNameErrors(prefix, opts)) errs.push(invalid(idxPath.child('prefix'), prefix, m));
    let n = 0;
    for (const [ref, key] of [
      [ev.configMapRef, 'configMapRef'],
      [ev.secretRef, 'secretRef'],
    ] as const) {
      if (!ref) continue;
      n++;
      const name = ref.name ?? '';
      if (name.length === 0) errs.push(required(idxPath.child(key).child('name'), ''));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalid(idxPath.child(key).child('name'), name, m));
    }
    if (n === 0) errs.push(invalid(fldPath, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(fldPath, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateMountPropagation(mp: string, container: Container | null, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const supported = ['Bidirectional', 'HostToContainer', 'None'];
  if (!supported.includes(mp)) errs.push(notSupported(fldPath, mp, supported));
  if (container === null) return errs;
  const privileged = container.securityContext?.privileged === true;
  if (mp === 'Bidirectional' && !privileged) errs.push(forbidden(fldPath, 'Bidirectional mount propagation is available only to privileged containers'));
  return errs;
}

function validateMountRecursiveReadOnly(mnt: VolumeMount, fldPath: FieldPath): FieldError[] {
  const rro = mnt.recursiveReadOnly;
  if (rro === undefined || rro === null) return [];
  const errs: FieldError[] = [];
  switch (rro) {
    case 'Disabled':
      break;
    case 'Enabled':
    case 'IfPossible':
      if (!mnt.readOnly) errs.push(forbidden(fldPath, 'may only be specified when readOnly is true'));
      if (mnt.mountPropagation !== undefined && mnt.mountPropagation !== null && mnt.mountPropagation !== 'None') {
        errs.push(forbidden(fldPath, 'may only be specified when mountPropagation is None or not specified'));
      }
      break;
    default:
      errs.push(notSupported(fldPath, rro, ['Disabled', 'Enabled', 'IfPossible']));
  }
  return errs;
}

/** ValidateVolumeMounts. */
function validateVolumeMounts(
  mounts: readonly VolumeMount[] | undefined,
  voldevices: Map<string, string>,
  volumes: Map<string, VolumeSource>,
  container: Container | null,
  fldPath: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const mountpoints = new Set<string>();
  const devicePaths = new Set(voldevices.values());
  (mounts ?? []).forEach((mnt, i) => {
    const idxPath = fldPath.index(i);
    const name = mnt.name ?? '';
    const mountPath = mnt.mountPath ?? '';
    if (name.length === 0) errs.push(required(idxPath.child('name'), ''));
    if (!volumes.has(name)) errs.push(notFound(idxPath.child('name'), name));
    if (mountPath.length === 0) errs.push(required(idxPath.child('mountPath'), ''));
    if (mountpoints.has(mountPath)) errs.push(invalid(idxPath.child('mountPath'), mountPath, 'must be unique'));
    mountpoints.add(mountPath);
    if (voldevices.has(name)) errs.push(invalid(idxPath.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(idxPath.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const v = volumes.get(name);
    if (v?.image) {
      if (mnt.subPath) errs.push(invalid(idxPath.child('subPath'), mnt.subPath, 'not allowed in image volume sources'));
      if (mnt.subPathExpr) errs.push(invalid(idxPath.child('subPathExpr'), mnt.subPathExpr, 'not allowed in image volume sources'));
    }
    // Upstream reports these two at the list's path, not the item's.
    if (mnt.subPath) errs.push(...validateLocalDescendingPath(mnt.subPath, fldPath.child('subPath')));
    if (mnt.subPathExpr) {
      if (mnt.subPath) errs.push(invalid(idxPath.child('subPathExpr'), mnt.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(mnt.subPathExpr, fldPath.child('subPathExpr')));
    }
    if (mnt.mountPropagation !== undefined && mnt.mountPropagation !== null) errs.push(...validateMountPropagation(mnt.mountPropagation, container, fldPath.child('mountPropagation')));
    errs.push(...validateMountRecursiveReadOnly(mnt, fldPath.child('recursiveReadOnly')));
  });
  return errs;
}

/** ValidateVolumeDevices. */
function validateVolumeDevices(devices: readonly VolumeDevice[] | undefined, volmounts: Map<string, string>, volumes: Map<string, VolumeSource>, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const devicepath = new Set<string>();
  const devicename = new Set<string>();
  const mountPaths = new Set(volmounts.values());
  (devices ?? []).forEach((dev, i) => {
    const idxPath = fldPath.index(i);
    const devName = dev.name ?? '';
    const devPath = dev.devicePath ?? '';
    const src = volumes.get(devName);
    const didMatch = src !== undefined;
    const isPVC = src !== undefined && (src.persistentVolumeClaim !== undefined || src.ephemeral !== undefined);
    if (devName.length === 0) errs.push(required(idxPath.child('name'), ''));
    if (devicename.has(devName)) errs.push(invalid(idxPath.child('name'), devName, 'must be unique'));
    if (didMatch && !isPVC) errs.push(invalid(idxPath.child('name'), devName, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (!didMatch) errs.push(notFound(idxPath.child('name'), devName));
    if (devPath.length === 0) errs.push(required(idxPath.child('devicePath'), ''));
    if (devicepath.has(devPath)) errs.push(invalid(idxPath.child('devicePath'), devPath, 'must be unique'));
    if (devPath.length > 0 && validatePathNoBacksteps(devPath, fldPath.child('devicePath')).length > 0) {
      errs.push(invalid(idxPath.child('devicePath'), devPath, "can not contain backsteps ('..')"));
    } else devicepath.add(devPath);
    if (volmounts.has(devName)) errs.push(invalid(idxPath.child('name'), devName, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devPath)) errs.push(invalid(idxPath.child('devicePath'), devPath, 'must not already exist as a path in volumeMounts'));
    if (devName.length > 0) devicename.add(devName);
  });
  return errs;
}

// ---- probes and handlers ----

interface CommonHandler {
  exec?: { command?: string[] };
  httpGet?: HTTPGetAction;
  tcpSocket?: { port: number | string };
  grpc?: { port: number };
  sleep?: { seconds: number };
}

/** ValidatePortNumOrName. */
export function validatePortNumOrName(port: number | string | undefined, fldPath: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(fldPath, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(fldPath, port, m));
  // An absent IntOrString decodes as the int 0.
  return isValidPortNum(0).map((m) => invalid(fldPath, 0, m));
}

function validateHTTPGetAction(http: HTTPGetAction, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!http.path) errs.push(required(fldPath.child('path'), ''));
  errs.push(...validatePortNumOrName(http.port, fldPath.child('port')));
  const scheme = http.scheme ?? '';
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(fldPath.child('scheme'), scheme, ['HTTP', 'HTTPS']));
  for (const h of http.httpHeaders ?? []) for (const m of isHTTPHeaderName(h.name ?? '')) errs.push(invalid(fldPath.child('httpHeaders'), h.name ?? '', m));
  return errs;
}

function validateSleepAction(sleep: { seconds: number }, gracePeriod: number | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const s = sleep.seconds ?? 0;
  if (gracePeriod === undefined) return [];
  if (opts.allowPodLifecycleSleepActionZeroValue) {
    if (s < 0 || s > gracePeriod) return [invalid(fldPath, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)];
  } else if (s <= 0 || s > gracePeriod) {
    return [invalid(fldPath, s, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)];
  }
  return [];
}

function validateHandler(h: CommonHandler, gracePeriod: number | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (key: string, check: () => FieldError[]) => {
    if (n > 0) errs.push(forbidden(fldPath.child(key), 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  if (h.exec) one('exec', () => ((h.exec!.command ?? []).length === 0 ? [required(fldPath.child('exec').child('command'), '')] : []));
  if (h.httpGet) one('httpGet', () => validateHTTPGetAction(h.httpGet!, fldPath.child('httpGet')));
  if (h.tcpSocket) one('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, fldPath.child('tcpSocket').child('port')));
  if (h.grpc) one('grpc', () => validatePortNumOrName(h.grpc!.port ?? 0, fldPath.child('grpc').child('port')));
  if (h.sleep) one('sleep', () => validateSleepAction(h.sleep!, gracePeriod, fldPath.child('sleep'), opts));
  if (n === 0) errs.push(required(fldPath, 'must specify a handler type'));
  return errs;
}

function validateLifecycle(lc: Lifecycle, gracePeriod: number | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const lh = (h: LifecycleHandler): CommonHandler => ({ exec: h.exec, httpGet: h.httpGet, tcpSocket: h.tcpSocket, sleep: h.sleep });
  if (lc.postStart) errs.push(...validateHandler(lh(lc.postStart), gracePeriod, fldPath.child('postStart'), opts));
  if (lc.preStop) errs.push(...validateHandler(lh(lc.preStop), gracePeriod, fldPath.child('preStop'), opts));
  return errs;
}

function validateProbe(probe: Probe, gracePeriod: number | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs = validateHandler({ exec: probe.exec, httpGet: probe.httpGet, tcpSocket: probe.tcpSocket, grpc: probe.grpc }, gracePeriod, fldPath, opts);
  errs.push(...validateNonnegativeField(probe.initialDelaySeconds ?? 0, fldPath.child('initialDelaySeconds')));
  errs.push(...validateNonnegativeField(probe.timeoutSeconds ?? 0, fldPath.child('timeoutSeconds')));
  errs.push(...validateNonnegativeField(probe.periodSeconds ?? 0, fldPath.child('periodSeconds')));
  errs.push(...validateNonnegativeField(probe.successThreshold ?? 0, fldPath.child('successThreshold')));
  errs.push(...validateNonnegativeField(probe.failureThreshold ?? 0, fldPath.child('failureThreshold')));
  const tgps = probe.terminationGracePeriodSeconds;
  if (tgps !== undefined && tgps !== null && tgps <= 0) errs.push(invalid(fldPath.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  return errs;
}

function validateLivenessProbe(probe: Probe | undefined, gp: number | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gp, fldPath, opts);
  if ((probe.successThreshold ?? 0) !== 1) errs.push(invalid(fldPath.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

function validateReadinessProbe(probe: Probe | undefined, gp: number | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gp, fldPath, opts);
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
    errs.push(invalid(fldPath.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

// ---- security contexts ----

function validateSeccompProfileField(sp: SeccompProfile | undefined, fldPath: FieldPath): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const type: string = sp.type ?? '';
  switch (type) {
    case 'Localhost':
    case 'RuntimeDefault':
    case 'Unconfined':
      break;
    case '':
      errs.push(required(fldPath.child('type'), 'type is required when seccompProfile is set'));
      break;
    default:
      errs.push(notSupported(fldPath.child('type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  if (type === 'Localhost') {
    if (sp.localhostProfile === undefined || sp.localhostProfile === null) errs.push(required(fldPath.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, fldPath.child('localhostProfile')));
  } else if (sp.localhostProfile !== undefined && sp.localhostProfile !== null) {
    errs.push(invalid(fldPath.child('localhostProfile'), new GoValue(`core.SeccompProfile{Type:${goQuote(type)}, LocalhostProfile:(*string)(0xc000000000)}`), 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmorProfileField(profile: AppArmorProfile | undefined, fldPath: FieldPath): FieldError[] {
  if (!profile) return [];
  const errs: FieldError[] = [];
  const type: string = profile.type ?? '';
  const lp = profile.localhostProfile;
  switch (type) {
    case 'Localhost':
      if (lp === undefined || lp === null) errs.push(required(fldPath.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      else {
        const trimmed = lp.trim();
        if (trimmed !== lp) errs.push(invalid(fldPath.child('localhostProfile'), lp, 'must not be padded with whitespace'));
        else if (trimmed === '') errs.push(required(fldPath.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
        if (byteLength(lp) > 4095) errs.push(tooLong(fldPath.child('localhostProfile'), '', 4095));
      }
      break;
    case 'RuntimeDefault':
    case 'Unconfined':
      if (lp !== undefined && lp !== null) errs.push(invalid(fldPath.child('localhostProfile'), lp, 'can only be set when AppArmor type is Localhost'));
      break;
    case '':
      errs.push(required(fldPath.child('type'), 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(notSupported(fldPath.child('type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

// eslint-disable-next-line no-control-regex
const ctrlRegex = /[\x00-\x1f\x7f]+/;
const validNetBiosRegex = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const dnsLabelFormat = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const validWindowsUserDomainDNSRegex = new RegExp(`^${dnsLabelFormat}(?:\\.${dnsLabelFormat})*$`);
const invalidUserNameCharsRegex = /["/\\:;|=,+*?<>@[\]]/;
const invalidUserNameDotsSpacesRegex = /^[. ]+$/;

function validateWindowsSecurityContextOptions(w: WindowsSecurityContextOptions | undefined, fldPath: FieldPath): FieldError[] {
  if (!w) return [];
  const errs: FieldError[] = [];
  if (w.gmsaCredentialSpecName !== undefined && w.gmsaCredentialSpecName !== null) {
    for (const m of nameIsDNSSubdomain(w.gmsaCredentialSpecName, false)) errs.push(invalid(fldPath.child('gmsaCredentialSpecName'), w.gmsaCredentialSpecName, m));
  }
  if (w.gmsaCredentialSpec !== undefined && w.gmsaCredentialSpec !== null) {
    const l = byteLength(w.gmsaCredentialSpec);
    if (l === 0) errs.push(invalid(fldPath.child('gmsaCredentialSpec'), w.gmsaCredentialSpec, 'gmsaCredentialSpec cannot be an empty string'));
    else if (l > 64 * 1024) errs.push(invalid(fldPath.child('gmsaCredentialSpec'), w.gmsaCredentialSpec, 'gmsaCredentialSpec size must be under 64 KiB'));
  }
  const u = w.runAsUserName;
  if (u !== undefined && u !== null) {
    const p = fldPath.child('runAsUserName');
    const parts = u.split('\\');
    if (u.length === 0) errs.push(invalid(p, u, 'runAsUserName cannot be an empty string'));
    else if (ctrlRegex.test(u)) errs.push(invalid(p, u, 'runAsUserName cannot contain control characters'));
    else if (parts.length > 2) errs.push(invalid(p, u, 'runAsUserName cannot contain more than one backslash'));
    else {
      const hasDomain = parts.length === 2;
      const domain = hasDomain ? parts[0]! : '';
      const user = hasDomain ? parts[1]! : parts[0]!;
      if (byteLength(domain) >= 256) errs.push(invalid(p, u, "runAsUserName's Domain length must be under 256 characters"));
      if (hasDomain && !(validNetBiosRegex.test(domain) || validWindowsUserDomainDNSRegex.test(domain))) errs.push(invalid(p, u, "runAsUserName's Domain doesn't match the NetBios nor the DNS format"));
      const l = byteLength(user);
      if (l === 0) errs.push(invalid(p, u, "runAsUserName's User cannot be empty"));
      else if (l > 104) errs.push(invalid(p, u, "runAsUserName's User length must not be longer than 104 characters"));
      if (invalidUserNameDotsSpacesRegex.test(user)) errs.push(invalid(p, u, "runAsUserName's User cannot contain only periods or spaces"));
      if (invalidUserNameCharsRegex.test(user)) errs.push(invalid(p, u, `runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`));
    }
  }
  return errs;
}

/** A container SecurityContext passed as a bad value (%#v; pointer fields print as addresses upstream). */
function goSecurityContext(sc: SecurityContext): GoValue {
  const ptr = (v: unknown, t: string) => (v === undefined || v === null ? `(${t})(nil)` : `(${t})(0xc000000000)`);
  return new GoValue(
    `&core.SecurityContext{Capabilities:${ptr(sc.capabilities, '*core.Capabilities')}, Privileged:${ptr(sc.privileged, '*bool')}, SELinuxOptions:${ptr(sc.seLinuxOptions, '*core.SELinuxOptions')}, WindowsOptions:${ptr(sc.windowsOptions, '*core.WindowsSecurityContextOptions')}, RunAsUser:${ptr(sc.runAsUser, '*int64')}, RunAsGroup:${ptr(sc.runAsGroup, '*int64')}, RunAsNonRoot:${ptr(sc.runAsNonRoot, '*bool')}, ReadOnlyRootFilesystem:${ptr(sc.readOnlyRootFilesystem, '*bool')}, AllowPrivilegeEscalation:${ptr(sc.allowPrivilegeEscalation, '*bool')}, ProcMount:${ptr(sc.procMount, '*core.ProcMountType')}, SeccompProfile:${ptr(sc.seccompProfile, '*core.SeccompProfile')}, AppArmorProfile:${ptr(sc.appArmorProfile, '*core.AppArmorProfile')}}`,
  );
}

/** ValidateSecurityContext (a container's). */
function validateSecurityContext(sc: SecurityContext | undefined, fldPath: FieldPath, hostUsers: boolean, opts: PodValidationOptions): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.privileged === true && !opts.allowPrivileged) errs.push(forbidden(fldPath.child('privileged'), 'disallowed by cluster policy'));
  if (sc.runAsUser !== undefined && sc.runAsUser !== null) for (const m of isValidUserID(sc.runAsUser)) errs.push(invalid(fldPath.child('runAsUser'), sc.runAsUser, m));
  if (sc.runAsGroup !== undefined && sc.runAsGroup !== null) for (const m of isValidGroupID(sc.runAsGroup)) errs.push(invalid(fldPath.child('runAsGroup'), sc.runAsGroup, m));
  if (sc.procMount !== undefined && sc.procMount !== null) {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') errs.push(notSupported(fldPath.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(invalid(fldPath.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, fldPath.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(invalid(fldPath, goSecurityContext(sc), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(fldPath, goSecurityContext(sc), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateWindowsSecurityContextOptions(sc.windowsOptions, fldPath.child('windowsOptions')));
  errs.push(...validateAppArmorProfileField(sc.appArmorProfile, fldPath.child('appArmorProfile')));
  return errs;
}

const sysctlSegmentFmt = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const sysctlContainSlashFmt = '(' + sysctlSegmentFmt + '[\\./])*' + sysctlSegmentFmt;
const sysctlContainSlashRegexp = new RegExp('^' + sysctlContainSlashFmt + '$');

/** IsValidSysctlName. */
export function isValidSysctlName(name: string): boolean {
  return byteLength(name) <= 253 && sysctlContainSlashRegexp.test(name);
}

/** sysctl.NormalizeName: `net/ipv4/ip_forward` → `net.ipv4.ip_forward` (dots and slashes swapped). */
function normalizeSysctlName(val: string): string {
  const i = val.search(/[./]/);
  if (i === -1 || val[i] === '.') return val;
  return [...val].map((c) => (c === '.' ? '/' : c === '/' ? '.' : c)).join('');
}

const ipcSysctls = new Set(['kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced', 'kernel.shm', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.msg']);

/** sysctl.GetNamespace: 'Net', 'IPC' or ''. */
function sysctlNamespace(sysctl: string): 'Net' | 'IPC' | '' {
  let name = normalizeSysctlName(sysctl);
  const star = name.indexOf('*');
  if (star !== -1) name = name.slice(0, star);
  if (ipcSysctls.has(name)) return 'IPC';
  if (name.startsWith('net.')) return 'Net';
  if (name.startsWith('fs.mqueue.')) return 'IPC';
  return '';
}

/** ValidateHostSysctl. */
export function validateHostSysctl(sysctl: string, sc: InternalPodSecurityContext, fldPath: FieldPath | null): FieldError | null {
  const ns = sysctlNamespace(sysctl);
  if (sc.hostNetwork && ns === 'Net') return invalid(fldPath, sysctl, "may not be specified when 'hostNetwork' is true");
  if (sc.hostIPC && ns === 'IPC') return invalid(fldPath, sysctl, "may not be specified when 'hostIPC' is true");
  return null;
}

function validatePodSpecSecurityContext(sc: InternalPodSecurityContext, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (sc.fsGroup !== undefined && sc.fsGroup !== null) for (const m of isValidGroupID(sc.fsGroup)) errs.push(invalid(fldPath.child('fsGroup'), sc.fsGroup, m));
  if (sc.runAsUser !== undefined && sc.runAsUser !== null) for (const m of isValidUserID(sc.runAsUser)) errs.push(invalid(fldPath.child('runAsUser'), sc.runAsUser, m));
  if (sc.runAsGroup !== undefined && sc.runAsGroup !== null) for (const m of isValidGroupID(sc.runAsGroup)) errs.push(invalid(fldPath.child('runAsGroup'), sc.runAsGroup, m));
  (sc.supplementalGroups ?? []).forEach((g, i) => {
    for (const m of isValidGroupID(g)) errs.push(invalid(fldPath.child('supplementalGroups').index(i), g, m));
  });
  if (sc.shareProcessNamespace === true && sc.hostPID) errs.push(invalid(fldPath.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  if ((sc.sysctls ?? []).length !== 0) {
    const p = fldPath.child('sysctls');
    const names = new Set<string>();
    sc.sysctls!.forEach((s, i) => {
      const name = s.name ?? '';
      if (name.length === 0) errs.push(required(p.index(i).child('name'), ''));
      else if (!isValidSysctlName(name)) errs.push(invalid(p.index(i).child('name'), name, `must have at most 253 characters and match regex ^${sysctlContainSlashFmt}$`));
      else if (names.has(name)) errs.push(duplicate(p.index(i).child('name'), name));
      if (!opts.allowNamespacedSysctlsForHostNetAndHostIPC) {
        const e = validateHostSysctl(name, sc, p.index(i).child('name'));
        if (e) errs.push(e);
      }
      names.add(name);
    });
  }
  if (sc.fsGroupChangePolicy !== undefined && sc.fsGroupChangePolicy !== null && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(notSupported(fldPath.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, fldPath.child('seccompProfile')));
  errs.push(...validateWindowsSecurityContextOptions(sc.windowsOptions, fldPath.child('windowsOptions')));
  errs.push(...validateAppArmorProfileField(sc.appArmorProfile, fldPath.child('appArmorProfile')));
  if (sc.supplementalGroupsPolicy !== undefined && sc.supplementalGroupsPolicy !== null && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    errs.push(notSupported(fldPath.child('supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  const sel = sc.seLinuxChangePolicy;
  if (sel !== undefined && sel !== null) {
    if (opts.allowOnlyRecursiveSELinuxChangePolicy) {
      if (sel !== 'Recursive') errs.push(notSupported(fldPath.child('seLinuxChangePolicy'), sel, ['Recursive']));
    } else if (!['MountOption', 'Recursive'].includes(sel)) {
      errs.push(notSupported(fldPath.child('seLinuxChangePolicy'), sel, ['MountOption', 'Recursive']));
    }
  }
  return errs;
}

// ---- containers ----

function goResizePolicies(list: NonNullable<Container['resizePolicy']>): GoValue {
  return goSlice(list, '[]core.ContainerResizePolicy', (p) => goStruct('core.ContainerResizePolicy', [['ResourceName', p.resourceName ?? ''], ['RestartPolicy', p.restartPolicy ?? '']]).repr);
}

function validateResizePolicy(list: Container['resizePolicy'], fldPath: FieldPath, podRestartPolicy: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (list ?? []).forEach((p, i) => {
    const rn: string = p.resourceName ?? '';
    if (seen.has(rn)) errs.push(duplicate(fldPath.index(i), rn));
    seen.add(rn);
    if (rn === '') errs.push(required(fldPath, ''));
    else if (rn !== 'cpu' && rn !== 'memory') errs.push(notSupported(fldPath, rn, ['cpu', 'memory']));
    const rp: string = p.restartPolicy ?? '';
    if (rp === '') errs.push(required(fldPath, ''));
    else if (rp !== 'NotRequired' && rp !== 'RestartContainer') errs.push(notSupported(fldPath, rp, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && rp !== 'NotRequired') errs.push(invalid(fldPath, rp, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}

interface ContainerContext {
  volumes: Map<string, VolumeSource>;
  podClaimNames: Set<string>;
  opts: PodValidationOptions;
  podRestartPolicy: string;
  hostUsers: boolean;
}

/** validateContainerCommon: name, image, terminationMessagePolicy, ports, env, mounts, resources, security. */
function validateContainerCommon(ctr: Container, path: FieldPath, cx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const name = ctr.name ?? '';
  if (name.length === 0) errs.push(required(path.child('name'), ''));
  else errs.push(...validateDNS1123Label(name, path.child('name')));
  if (!ctr.image) errs.push(required(path.child('image'), ''));
  const tmp = ctr.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(required(path.child('terminationMessagePolicy'), ''));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  const volMounts = new Map((ctr.volumeMounts ?? []).map((m) => [m.name ?? '', m.mountPath ?? '']));
  const volDevices = new Map((ctr.volumeDevices ?? []).map((d) => [d.name ?? '', d.devicePath ?? '']));
  errs.push(...validateContainerPorts(ctr.ports, path.child('ports')));
  errs.push(...validateEnv(ctr.env, path.child('env'), cx.opts));
  errs.push(...validateEnvFrom(ctr.envFrom, path.child('envFrom'), cx.opts));
  errs.push(...validateVolumeMounts(ctr.volumeMounts, volDevices, cx.volumes, ctr, path.child('volumeMounts')));
  errs.push(...validateVolumeDevices(ctr.volumeDevices, volMounts, cx.volumes, path.child('volumeDevices')));
  errs.push(...validatePullPolicy(ctr.imagePullPolicy, path.child('imagePullPolicy')));
  errs.push(...validateResourceRequirements(ctr.resources, validateContainerResourceName, cx.podClaimNames, path.child('resources'), cx.opts.allowIndivisibleHugePagesValues));
  errs.push(...validateResizePolicy(ctr.resizePolicy, path.child('resizePolicy'), cx.podRestartPolicy));
  errs.push(...validateSecurityContext(ctr.securityContext, path.child('securityContext'), cx.hostUsers, cx.opts));
  return errs;
}

/** AccumulateUniqueHostPorts over one list of containers. */
function checkHostPortConflicts(containers: readonly Container[], fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    (ctr.ports ?? []).forEach((port, pi) => {
      const hp = port.hostPort ?? 0;
      if (hp === 0) return;
      const str = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${hp}`;
      if (seen.has(str)) errs.push(duplicate(fldPath.index(ci).child('ports').index(pi).child('hostPort'), str));
      else seen.add(str);
    });
  });
  return errs;
}

function validateContainers(containers: readonly Container[] | undefined, gracePeriod: number | undefined, fldPath: FieldPath, cx: ContainerContext): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [required(fldPath, '')];
  const errs: FieldError[] = [];
  const allNames = new Set<string>();
  list.forEach((ctr, i) => {
    const path = fldPath.index(i);
    errs.push(...validateContainerCommon(ctr, path, cx));
    if (allNames.has(ctr.name ?? '')) errs.push(duplicate(path.child('name'), ctr.name ?? ''));
    else allNames.add(ctr.name ?? '');
    if (ctr.lifecycle) errs.push(...validateLifecycle(ctr.lifecycle, gracePeriod, path.child('lifecycle'), cx.opts));
    errs.push(...validateLivenessProbe(ctr.livenessProbe, gracePeriod, path.child('livenessProbe'), cx.opts));
    errs.push(...validateReadinessProbe(ctr.readinessProbe, gracePeriod, path.child('readinessProbe'), cx.opts));
    errs.push(...validateLivenessProbe(ctr.startupProbe, gracePeriod, path.child('startupProbe'), cx.opts));
    if (ctr.restartPolicy !== undefined && ctr.restartPolicy !== null) errs.push(forbidden(path.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, fldPath));
  return errs;
}

function validateInitContainers(containers: readonly Container[] | undefined, regular: readonly Container[] | undefined, gracePeriod: number | undefined, fldPath: FieldPath, cx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const allNames = new Set((regular ?? []).map((c) => c.name ?? ''));
  (containers ?? []).forEach((ctr, i) => {
    const idxPath = fldPath.index(i);
    errs.push(...validateContainerCommon(ctr, idxPath, cx));
    let restartAlways = false;
    if (ctr.restartPolicy !== undefined && ctr.restartPolicy !== null) {
      if (ctr.restartPolicy !== 'Always') errs.push(notSupported(idxPath.child('restartPolicy'), ctr.restartPolicy, ['Always']));
      restartAlways = ctr.restartPolicy === 'Always';
    }
    const name = ctr.name ?? '';
    if (allNames.has(name)) errs.push(duplicate(idxPath.child('name'), name));
    else if (name.length > 0) allNames.add(name);
    errs.push(...checkHostPortConflicts([ctr], fldPath));
    if (restartAlways) {
      if (ctr.lifecycle) errs.push(...validateLifecycle(ctr.lifecycle, gracePeriod, idxPath.child('lifecycle'), cx.opts));
      errs.push(...validateLivenessProbe(ctr.livenessProbe, gracePeriod, idxPath.child('livenessProbe'), cx.opts));
      errs.push(...validateReadinessProbe(ctr.readinessProbe, gracePeriod, idxPath.child('readinessProbe'), cx.opts));
      errs.push(...validateLivenessProbe(ctr.startupProbe, gracePeriod, idxPath.child('startupProbe'), cx.opts));
    } else {
      const msg = 'may not be set for init containers without restartPolicy=Always';
      if (ctr.lifecycle) errs.push(forbidden(idxPath.child('lifecycle'), msg));
      if (ctr.livenessProbe) errs.push(forbidden(idxPath.child('livenessProbe'), msg));
      if (ctr.readinessProbe) errs.push(forbidden(idxPath.child('readinessProbe'), msg));
      if (ctr.startupProbe) errs.push(forbidden(idxPath.child('startupProbe'), msg));
    }
    if (!cx.opts.allowSidecarResizePolicy && (ctr.resizePolicy ?? []).length > 0) errs.push(invalid(idxPath.child('resizePolicy'), goResizePolicies(ctr.resizePolicy!), 'must not be set for init containers'));
  });
  return errs;
}

/** EphemeralContainerCommon's fields in Go order, with whether an ephemeral container may set them. */
const ephemeralContainerFields: [keyof EphemeralContainer, string, boolean][] = [
  ['name', 'name', true], ['image', 'image', true], ['command', 'command', true], ['args', 'args', true], ['workingDir', 'workingDir', true],
  ['ports', 'ports', false], ['envFrom', 'envFrom', true], ['env', 'env', true], ['resources', 'resources', false], ['resizePolicy', 'resizePolicy', false],
  ['restartPolicy', 'restartPolicy', false], ['volumeMounts', 'volumeMounts', true], ['volumeDevices', 'volumeDevices', true],
  ['livenessProbe', 'livenessProbe', false], ['readinessProbe', 'readinessProbe', false], ['startupProbe', 'startupProbe', false],
  ['lifecycle', 'lifecycle', false], ['terminationMessagePath', 'terminationMessagePath', true], ['terminationMessagePolicy', 'terminationMessagePolicy', true],
  ['imagePullPolicy', 'imagePullPolicy', true], ['securityContext', 'securityContext', true], ['stdin', 'stdin', true], ['stdinOnce', 'stdinOnce', true], ['tty', 'tTY', true],
];

function validateContainerOnlyForPod(ctr: Container, path: FieldPath): FieldError[] {
  const image = ctr.image ?? '';
  return image.length !== image.trim().length ? [invalid(path.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}

function validateEphemeralContainers(ephemeral: readonly EphemeralContainer[] | undefined, containers: readonly Container[] | undefined, init: readonly Container[] | undefined, fldPath: FieldPath, cx: ContainerContext): FieldError[] {
  const list = ephemeral ?? [];
  if (list.length === 0) return [];
  const errs: FieldError[] = [];
  const otherNames = new Set<string>();
  const allNames = new Set<string>();
  for (const c of [...(containers ?? []), ...(init ?? [])]) {
    otherNames.add(c.name ?? '');
    allNames.add(c.name ?? '');
  }
  list.forEach((ec, i) => {
    const idxPath = fldPath.index(i);
    errs.push(...validateContainerCommon(ec, idxPath, cx));
    errs.push(...validateContainerOnlyForPod(ec, idxPath));
    const name = ec.name ?? '';
    if (allNames.has(name)) errs.push(duplicate(idxPath.child('name'), name));
    else allNames.add(name);
    if (ec.targetContainerName && !otherNames.has(ec.targetContainerName)) errs.push(notFound(idxPath.child('targetContainerName'), ec.targetContainerName));
    for (const [k, lc, allowed] of ephemeralContainerFields) {
      if (allowed) continue;
      const v = ec[k];
      const set = v !== undefined && v !== null && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
      if (set) errs.push(forbidden(idxPath.child(lc), 'cannot be set for an Ephemeral Container'));
    }
    (ec.volumeMounts ?? []).forEach((vm, j) => {
      if (vm.subPath) errs.push(forbidden(idxPath.child('volumeMounts').index(j).child('subPath'), 'cannot be set for an Ephemeral Container'));
      if (vm.subPathExpr) errs.push(forbidden(idxPath.child('volumeMounts').index(j).child('subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

// ---- scheduling: node selectors, affinity, tolerations, topology spread ----

/** ValidateNodeSelectorRequirement. */
export function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, allowInvalidLabelValue: boolean, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(fldPath.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(fldPath.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(fldPath.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(fldPath.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(rq.key ?? '', fldPath.child('key')));
  if (!allowInvalidLabelValue) values.forEach((v, i) => isValidLabelValue(v).forEach((m) => errs.push(invalid(fldPath.child('values').index(i), v, m))));
  return errs;
}

function validateNodeFieldSelectorRequirement(req: NodeSelectorRequirement, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  if (req.operator === 'In' || req.operator === 'NotIn') {
    if (values.length !== 1) errs.push(required(fldPath.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else errs.push(invalid(fldPath.child('operator'), req.operator ?? '', 'not a valid selector operator'));
  if (req.key !== 'metadata.name') errs.push(invalid(fldPath.child('key'), req.key ?? '', 'not a valid field selector key'));
  else values.forEach((v, i) => nameIsDNSSubdomain(v, false).forEach((m) => errs.push(invalid(fldPath.child('values').index(i), v, m))));
  return errs;
}

/** ValidateNodeSelectorTerm. */
export function validateNodeSelectorTerm(term: NodeSelectorTerm, allowInvalidLabelValue: boolean, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, allowInvalidLabelValue, fldPath.child('matchExpressions').index(j))));
  (term.matchFields ?? []).forEach((r, j) => errs.push(...validateNodeFieldSelectorRequirement(r, fldPath.child('matchFields').index(j))));
  return errs;
}

/** ValidateNodeSelector. */
export function validateNodeSelector(ns: NodeSelector, allowInvalidLabelValue: boolean, fldPath: FieldPath): FieldError[] {
  const termPath = fldPath.child('nodeSelectorTerms');
  const terms = ns.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [required(termPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, allowInvalidLabelValue, termPath.index(i)));
}

function validateNodeAffinity(na: NodeAffinity, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (na.requiredDuringSchedulingIgnoredDuringExecution) errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, true, fldPath.child('requiredDuringSchedulingIgnoredDuringExecution')));
  (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
    const p = fldPath.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    const w = t.weight ?? 0;
    if (w <= 0 || w > 100) errs.push(invalid(p.child('weight'), w, 'must be in the range 1-100'));
    errs.push(...validateNodeSelectorTerm(t.preference ?? {}, true, p.child('preference')));
  });
  return errs;
}

/** ValidatePodAffinityTermSelector. */
export function validatePodAffinityTermSelector(term: PodAffinityTerm, allowInvalid: boolean, fldPath: FieldPath | null): FieldError[] {
  const p = fldPath ?? newPath('');
  return [
    ...validateLabelSelector(term.labelSelector, { allowInvalidLabelValueInSelector: allowInvalid }, p.child('labelSelector')),
    ...validateLabelSelector(term.namespaceSelector, { allowInvalidLabelValueInSelector: allowInvalid }, p.child('namespaceSelector')),
  ];
}

function validateLabelKeys(fldPath: FieldPath, keys: readonly string[] | undefined, selector: LabelSelector | undefined): FieldError[] {
  if ((keys ?? []).length === 0) return [];
  if (!selector) return [forbidden(fldPath, 'must not be specified when labelSelector is not set')];
  return keys!.flatMap((k, i) => validateLabelName(k, fldPath.index(i)));
}

function validateMatchLabelKeysAndMismatchLabelKeys(fldPath: FieldPath, matchKeys: readonly string[] | undefined, mismatchKeys: readonly string[] | undefined, selector: LabelSelector | undefined): FieldError[] {
  const errs = [...validateLabelKeys(fldPath.child('matchLabelKeys'), matchKeys, selector), ...validateLabelKeys(fldPath.child('mismatchLabelKeys'), mismatchKeys, selector)];
  if (selector) {
    const idx = new Map<string, number>();
    (matchKeys ?? []).forEach((k, i) => idx.set(k, i));
    const selKeys = new Set(Object.keys(selector.matchLabels ?? {}));
    for (const e of selector.matchExpressions ?? []) {
      const i = idx.get(e.key);
      // Upstream reports this at fldPath.Index(i), the term's own path.
      if (i !== undefined && selKeys.has(e.key)) errs.push(invalid(fldPath.index(i), e.key, 'exists in both matchLabelKeys and labelSelector'));
      selKeys.add(e.key);
    }
  }
  const mismatch = new Set(mismatchKeys ?? []);
  (matchKeys ?? []).forEach((k, i) => {
    if (mismatch.has(k)) errs.push(invalid(fldPath.child('matchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return errs;
}

function validatePodAffinityTerm(term: PodAffinityTerm, allowInvalid: boolean, fldPath: FieldPath): FieldError[] {
  const errs = validatePodAffinityTermSelector(term, allowInvalid, fldPath);
  for (const name of term.namespaces ?? []) for (const m of validateNamespaceName(name, false)) errs.push(invalid(fldPath.child('namespace'), name, m));
  errs.push(...validateMatchLabelKeysAndMismatchLabelKeys(fldPath, term.matchLabelKeys, term.mismatchLabelKeys, term.labelSelector));
  if (!term.topologyKey) errs.push(required(fldPath.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', fldPath.child('topologyKey')));
  return errs;
}

function validatePodAffinityLike(a: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] }, allowInvalid: boolean, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, allowInvalid, fldPath.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))));
  (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, j) => {
    const p = fldPath.child('preferredDuringSchedulingIgnoredDuringExecution').index(j);
    const w = t.weight ?? 0;
    if (w <= 0 || w > 100) errs.push(invalid(p.child('weight'), w, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(t.podAffinityTerm ?? ({} as PodAffinityTerm), allowInvalid, p.child('podAffinityTerm')));
  });
  return errs;
}

function validateAffinity(a: Affinity | undefined, opts: PodValidationOptions, fldPath: FieldPath): FieldError[] {
  if (!a) return [];
  const errs: FieldError[] = [];
  if (a.nodeAffinity) errs.push(...validateNodeAffinity(a.nodeAffinity, fldPath.child('nodeAffinity')));
  if (a.podAffinity) errs.push(...validatePodAffinityLike(a.podAffinity, opts.allowInvalidLabelValueInSelector, fldPath.child('podAffinity')));
  if (a.podAntiAffinity) errs.push(...validatePodAffinityLike(a.podAntiAffinity, opts.allowInvalidLabelValueInSelector, fldPath.child('podAntiAffinity')));
  return errs;
}

/** validateTaintEffect. */
export function validateTaintEffect(effect: string, allowEmpty: boolean, fldPath: FieldPath): FieldError[] {
  if (!allowEmpty && effect.length === 0) return [required(fldPath, '')];
  if (effect === 'NoSchedule' || effect === 'PreferNoSchedule' || effect === 'NoExecute') return [];
  return [notSupported(fldPath, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])];
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: readonly Toleration[] | undefined, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const idxPath = fldPath.index(i);
    const key = t.key ?? '';
    const op = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key.length > 0) errs.push(...validateLabelName(key, idxPath.child('key')));
    if (key.length === 0 && op !== 'Exists') errs.push(invalid(idxPath.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') errs.push(invalid(idxPath.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (op) {
      case 'Equal':
      case '': {
        const e = isValidLabelValue(value);
        if (e.length !== 0) errs.push(invalid(idxPath.child('operator'), value, e.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) errs.push(invalid(idxPath.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(idxPath.child('operator'), op, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, idxPath.child('effect')));
  });
  return errs;
}

function validateTopologySpreadConstraints(constraints: readonly TopologySpreadConstraint[] | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const p = fldPath.index(i);
    const maxSkew = c.maxSkew ?? 0;
    if (maxSkew <= 0) errs.push(invalid(p.child('maxSkew'), maxSkew, isNotPositiveErrorMsg));
    if (!c.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
    const wu = c.whenUnsatisfiable ?? '';
    if (wu !== 'DoNotSchedule' && wu !== 'ScheduleAnyway') errs.push(notSupported(p.child('whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']));
    for (const rest of list.slice(i + 1)) {
      if (c.topologyKey === rest.topologyKey && c.whenUnsatisfiable === rest.whenUnsatisfiable) {
        errs.push(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey ?? ''}, ${wu}}`));
        break;
      }
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(invalid(p.child('minDomains'), c.minDomains, isNotPositiveErrorMsg));
      if (wu !== 'DoNotSchedule') errs.push(invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${wu}`));
    }
    for (const [k, v] of [['nodeAffinityPolicy', c.nodeAffinityPolicy], ['nodeTaintsPolicy', c.nodeTaintsPolicy]] as const) {
      if (v !== undefined && v !== null && v !== 'Honor' && v !== 'Ignore') errs.push(notSupported(p.child(k), v, ['Honor', 'Ignore']));
    }
    const mlk = c.matchLabelKeys ?? [];
    if (mlk.length > 0) {
      const mp = p.child('matchLabelKeys');
      const selKeys = new Set<string>();
      if (c.labelSelector) {
        for (const k of Object.keys(c.labelSelector.matchLabels ?? {})) selKeys.add(k);
        for (const e of c.labelSelector.matchExpressions ?? []) selKeys.add(e.key);
      } else errs.push(forbidden(mp, 'must not be specified when labelSelector is not set'));
      mlk.forEach((k, j) => {
        errs.push(...validateLabelName(k, mp.index(j)));
        if (selKeys.has(k)) errs.push(invalid(mp.index(j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    if (!opts.allowInvalidTopologySpreadConstraintLabelSelector) errs.push(...validateLabelSelector(c.labelSelector, { allowInvalidLabelValueInSelector: false }, p.child('labelSelector')));
  });
  return errs;
}

function validatePodDNSConfig(cfg: PodDNSConfig | undefined, dnsPolicy: string, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  if (dnsPolicy === 'None') {
    if (!cfg) return [required(fldPath, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((cfg.nameservers ?? []).length === 0) return [required(fldPath.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(invalid(fldPath.child('nameservers'), goStringSlice(ns), 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...isValidIP(fldPath.child('nameservers').index(i), n)));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(invalid(fldPath.child('searches'), goStringSlice(searches), 'must not have more than 32 search paths'));
  if (byteLength(searches.join(' ')) > 2048) errs.push(invalid(fldPath.child('searches'), goStringSlice(searches), 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s0, i) => {
    const p = fldPath.child('searches').index(i);
    if (opts.allowRelaxedDNSSearchValidation) {
      if (s0 !== '.') {
        const s = s0.endsWith('.') ? s0.slice(0, -1) : s0;
        for (const m of isDNS1123SubdomainWithUnderscore(s)) errs.push(invalid(p, s, m));
      }
    } else {
      const s = s0.endsWith('.') ? s0.slice(0, -1) : s0;
      errs.push(...validateDNS1123Subdomain(s, p));
    }
  });
  (cfg.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(required(fldPath.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

function validateWindowsHostProcessPod(spec: PodSpecV, sc: InternalPodSecurityContext, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  let containerCount = 0;
  let hostProcessCount = 0;
  const podHostProcess = sc.windowsOptions?.hostProcess;
  visitContainersWithPath(spec, fldPath, (c, cp) => {
    containerCount++;
    const chp = c.securityContext?.windowsOptions?.hostProcess;
    if (podHostProcess !== undefined && podHostProcess !== null && chp !== undefined && chp !== null && podHostProcess !== chp) {
      errs.push(invalid(cp.child('securityContext', 'windowsOptions', 'hostProcess'), chp, `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`));
    }
    if (chp === true || ((chp === undefined || chp === null) && podHostProcess === true)) hostProcessCount++;
    return true;
  });
  if (hostProcessCount > 0) {
    if (hostProcessCount !== containerCount) errs.push(invalid(fldPath, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'));
    if (!sc.hostNetwork) errs.push(invalid(fldPath.child('hostNetwork'), sc.hostNetwork ?? false, 'hostNetwork must be true if pod contains any hostProcess containers'));
    if (!opts.allowPrivileged) errs.push(forbidden(fldPath, 'hostProcess containers are disallowed by cluster policy'));
  }
  return errs;
}

function validateHostUsers(sc: InternalPodSecurityContext, fldPath: FieldPath): FieldError[] {
  if (sc.hostUsers === undefined || sc.hostUsers === null || sc.hostUsers) return [];
  const errs: FieldError[] = [];
  if (sc.hostNetwork) errs.push(forbidden(fldPath.child('hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
  if (sc.hostPID) errs.push(forbidden(fldPath.child('HostPID'), 'when `pod.Spec.HostUsers` is false'));
  if (sc.hostIPC) errs.push(forbidden(fldPath.child('HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  return errs;
}

function validateLinux(spec: PodSpecV, sc: InternalPodSecurityContext, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (sc.windowsOptions) errs.push(forbidden(fldPath.child('securityContext').child('windowsOptions'), 'windows options cannot be set for a linux pod'));
  visitContainersWithPath(spec, fldPath, (c, cp) => {
    if (c.securityContext?.windowsOptions) errs.push(forbidden(cp.child('securityContext').child('windowsOptions'), 'windows options cannot be set for a linux pod'));
    return true;
  });
  return errs;
}

function validateWindows(spec: PodSpecV, sc: InternalPodSecurityContext, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const msg = 'cannot be set for a windows pod';
  const scp = fldPath.child('securityContext');
  const set = (v: unknown) => v !== undefined && v !== null;
  if (set(sc.appArmorProfile)) errs.push(forbidden(scp.child('appArmorProfile'), msg));
  if (set(sc.seLinuxOptions)) errs.push(forbidden(scp.child('seLinuxOptions'), msg));
  if (set(sc.hostUsers)) errs.push(forbidden(fldPath.child('hostUsers'), msg));
  if (sc.hostPID) errs.push(forbidden(fldPath.child('hostPID'), msg));
  if (sc.hostIPC) errs.push(forbidden(fldPath.child('hostIPC'), msg));
  if (set(sc.seccompProfile)) errs.push(forbidden(scp.child('seccompProfile'), msg));
  if (set(sc.fsGroup)) errs.push(forbidden(scp.child('fsGroup'), msg));
  if (set(sc.fsGroupChangePolicy)) errs.push(forbidden(scp.child('fsGroupChangePolicy'), msg));
  if ((sc.sysctls ?? []).length > 0) errs.push(forbidden(scp.child('sysctls'), msg));
  if (set(sc.shareProcessNamespace)) errs.push(forbidden(fldPath.child('shareProcessNamespace'), msg));
  if (set(sc.runAsUser)) errs.push(forbidden(scp.child('runAsUser'), msg));
  if (set(sc.runAsGroup)) errs.push(forbidden(scp.child('runAsGroup'), msg));
  if (set(sc.supplementalGroups)) errs.push(forbidden(scp.child('supplementalGroups'), msg));
  if (set(sc.supplementalGroupsPolicy)) errs.push(forbidden(scp.child('supplementalGroupsPolicy'), msg));
  if (set(sc.seLinuxChangePolicy)) errs.push(forbidden(scp.child('seLinuxChangePolicy'), msg));
  visitContainersWithPath(spec, fldPath, (c, cp) => {
    const csc = c.securityContext;
    if (!csc) return true;
    const p = cp.child('securityContext');
    const fields: (keyof SecurityContext)[] = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];
    for (const f of fields) if (set(csc[f])) errs.push(forbidden(p.child(f), msg));
    return true;
  });
  return errs;
}

// ---- PodSpec ----

/**
 * ValidatePodSpec. `podMeta` is the pod's metadata when validating a Pod (it names generic
 * ephemeral volumes' claims), undefined for a template.
 */
export function validatePodSpec(spec: PodSpecV | undefined, podMeta: ObjectMeta | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const s: PodSpecV = spec ?? ({} as PodSpecV);
  const errs: FieldError[] = [];
  const sc = securityContextOf(s);
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) errs.push(required(fldPath.child('terminationGracePeriodSeconds'), ''));
  const gracePeriod = s.terminationGracePeriodSeconds ?? undefined;
  const hostUsers = sc.hostUsers === undefined || sc.hostUsers === null || sc.hostUsers;
  const { vols, errs: vErrs } = validateVolumes(s.volumes, podMeta, fldPath.child('volumes'), opts);
  errs.push(...vErrs);
  const podClaimNames = new Set((s.resourceClaims ?? []).map((c) => c.name).filter((n) => n !== ''));
  errs.push(...validatePodResourceClaims(s.resourceClaims, fldPath.child('resourceClaims')));
  const cx: ContainerContext = { volumes: vols, podClaimNames, opts, podRestartPolicy: s.restartPolicy ?? '', hostUsers };
  errs.push(...validateContainers(s.containers, gracePeriod, fldPath.child('containers'), cx));
  errs.push(...validateInitContainers(s.initContainers, s.containers, gracePeriod, fldPath.child('initContainers'), cx));
  errs.push(...validateEphemeralContainers(s.ephemeralContainers, s.containers, s.initContainers, fldPath.child('ephemeralContainers'), cx));
  // validatePodHostNetworkDeps
  if (sc.hostNetwork) {
    (s.containers ?? []).forEach((c, i) => {
      (c.ports ?? []).forEach((port, j) => {
        const hp = port.hostPort ?? 0;
        const cp = port.containerPort ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp) {
          errs.push(invalid(fldPath.child('containers').index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const rp = s.restartPolicy ?? '';
  if (rp === '') errs.push(required(fldPath.child('restartPolicy'), ''));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(fldPath.child('restartPolicy'), rp, ['Always', 'OnFailure', 'Never']));
  const dp = s.dnsPolicy ?? '';
  if (dp === '') errs.push(required(fldPath.child('dnsPolicy'), ''));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dp)) errs.push(notSupported(fldPath.child('dnsPolicy'), dp, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(s.nodeSelector, fldPath.child('nodeSelector')));
  errs.push(...validatePodSpecSecurityContext(sc, fldPath.child('securityContext'), opts));
  errs.push(...validateAffinity(s.affinity, opts, fldPath.child('affinity')));
  errs.push(...validatePodDNSConfig(s.dnsConfig, dp, fldPath.child('dnsConfig'), opts));
  (s.readinessGates ?? []).forEach((g, i) => errs.push(...validateQualifiedName(g.conditionType ?? '', fldPath.child('readinessGates').index(i).child('conditionType'))));
  const seenGates = new Set<string>();
  (s.schedulingGates ?? []).forEach((g, i) => {
    errs.push(...validateQualifiedName(g.name ?? '', fldPath.child('schedulingGates').index(i)));
    if (seenGates.has(g.name)) errs.push(duplicate(fldPath.child('schedulingGates').index(i), g.name));
    seenGates.add(g.name);
  });
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, fldPath.child('topologySpreadConstraints'), opts));
  errs.push(...validateWindowsHostProcessPod(s, sc, fldPath, opts));
  errs.push(...validateHostUsers(sc, fldPath));
  if (s.serviceAccountName) for (const m of nameIsDNSSubdomain(s.serviceAccountName, false)) errs.push(invalid(fldPath.child('serviceAccountName'), s.serviceAccountName, m));
  if (s.nodeName) for (const m of nameIsDNSSubdomain(s.nodeName, false)) errs.push(invalid(fldPath.child('nodeName'), s.nodeName, m));
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds !== null) {
    const v = s.activeDeadlineSeconds;
    if (v < 1 || v > maxInt32) errs.push(invalid(fldPath.child('activeDeadlineSeconds'), v, inclusiveRangeError(1, maxInt32)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, fldPath.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, fldPath.child('subdomain')));
  if ((s.tolerations ?? []).length > 0) errs.push(...validateTolerations(s.tolerations, fldPath.child('tolerations')));
  (s.hostAliases ?? []).forEach((ha, i) => {
    errs.push(...isValidIP(fldPath.child('hostAliases').index(i).child('ip'), ha.ip ?? ''));
    (ha.hostnames ?? []).forEach((h, j) => errs.push(...validateDNS1123Subdomain(h, fldPath.child('hostAliases').index(i).child('hostnames').index(j))));
  });
  if (s.priorityClassName) for (const m of nameIsDNSSubdomain(s.priorityClassName, false)) errs.push(invalid(fldPath.child('priorityClassName'), s.priorityClassName, m));
  if (s.runtimeClassName !== undefined && s.runtimeClassName !== null) for (const m of nameIsDNSSubdomain(s.runtimeClassName, false)) errs.push(invalid(fldPath.child('runtimeClassName'), s.runtimeClassName, m));
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) {
    const pp = s.preemptionPolicy as string;
    if (pp === '') errs.push(required(fldPath.child('preemptionPolicy'), ''));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(notSupported(fldPath.child('preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  if (s.overhead) errs.push(...validateResourceRequirements({ limits: s.overhead }, validateContainerResourceName, new Set(), fldPath.child('overhead'), opts.allowIndivisibleHugePagesValues));
  if (s.os) {
    const osPath = fldPath.child('os');
    const name = s.os.name ?? '';
    const osErrs: FieldError[] = [];
    if (name.length === 0) osErrs.push(required(osPath.child('name'), 'cannot be empty'));
    else if (name !== 'linux' && name !== 'windows') osErrs.push(notSupported(osPath, name, ['linux', 'windows']));
    if (osErrs.length > 0) errs.push(...osErrs);
    else if (name === 'linux') errs.push(...validateLinux(s, sc, fldPath));
    else errs.push(...validateWindows(s, sc, fldPath));
  }
  return errs;
}

function validatePodResourceClaims(claims: PodSpecV['resourceClaims'], fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (claims ?? []).forEach((claim, i) => {
    const p = fldPath.index(i);
    const name = claim.name ?? '';
    if (name === '') errs.push(required(p.child('name'), ''));
    else if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else {
      errs.push(...validateDNS1123Label(name, p.child('name')));
      names.add(name);
    }
    const hasName = claim.resourceClaimName !== undefined && claim.resourceClaimName !== null;
    const hasTemplate = claim.resourceClaimTemplateName !== undefined && claim.resourceClaimTemplateName !== null;
    const goClaim = new GoValue(
      `core.PodResourceClaim{Name:${goQuote(name)}, ResourceClaimName:${hasName ? '(*string)(0xc000000000)' : '(*string)(nil)'}, ResourceClaimTemplateName:${hasTemplate ? '(*string)(0xc000000000)' : '(*string)(nil)'}}`,
    );
    if (hasName && hasTemplate) errs.push(invalid(p, goClaim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    if (!hasName && !hasTemplate) errs.push(invalid(p, goClaim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    if (hasName) for (const m of nameIsDNSSubdomain(claim.resourceClaimName!, false)) errs.push(invalid(p.child('resourceClaimName'), claim.resourceClaimName, m));
    if (hasTemplate) for (const m of nameIsDNSSubdomain(claim.resourceClaimTemplateName!, false)) errs.push(invalid(p.child('resourceClaimTemplateName'), claim.resourceClaimTemplateName, m));
  });
  return errs;
}

// ---- annotations that belong to pods ----

const mirrorPodAnnotationKey = 'kubernetes.io/config.mirror';
const tolerationsAnnotationKey = 'scheduler.alpha.kubernetes.io/tolerations';
const podDeletionCostKey = 'controller.kubernetes.io/pod-deletion-cost';
const seccompPodAnnotationKey = 'seccomp.security.alpha.kubernetes.io/pod';
const seccompContainerAnnotationKeyPrefix = 'container.seccomp.security.alpha.kubernetes.io/';
const appArmorContainerAnnotationKeyPrefix = 'container.apparmor.security.beta.kubernetes.io/';

/** helper.GetDeletionCostFromPodAnnotations: whether the annotation, if set, is a valid int32. */
export function deletionCostInvalid(annotations: Record<string, string> | undefined): boolean {
  if (!hasKey(annotations, podDeletionCostKey)) return false;
  const v = annotations![podDeletionCostKey]!;
  // strconv.ParseInt(v, 10, 32), after rejecting leading or trailing whitespace.
  if (v.trim() !== v || !/^[+-]?[0-9]+$/.test(v)) return true;
  const n = BigInt(v);
  return n > 2147483647n || n < -2147483648n;
}

function validateSeccompProfileAnnotation(p: string, fldPath: FieldPath): FieldError[] {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return [];
  if (p.startsWith('localhost/')) return validateLocalDescendingPath(p.slice('localhost/'.length), fldPath);
  return [invalid(fldPath, p, 'must be a valid seccomp profile')];
}

function podSpecHasContainer(spec: PodSpecV, name: string): boolean {
  return !visitContainersWithPath(spec, newPath('spec'), (c) => c.name !== name);
}

/** ValidatePodSpecificAnnotations. */
export function validatePodSpecificAnnotations(annotations: Record<string, string> | undefined, spec: PodSpecV, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const a = annotations ?? {};
  if (hasKey(a, mirrorPodAnnotationKey) && !spec.nodeName) errs.push(invalid(fldPath.key(mirrorPodAnnotationKey), a[mirrorPodAnnotationKey], 'must set spec.nodeName if mirror pod annotation is set'));
  if ((a[tolerationsAnnotationKey] ?? '') !== '') {
    let tolerations: unknown;
    try {
      tolerations = JSON.parse(a[tolerationsAnnotationKey]!);
    } catch (e) {
      errs.push(invalid(fldPath, tolerationsAnnotationKey, (e as Error).message));
    }
    if (Array.isArray(tolerations) && tolerations.length > 0) errs.push(...validateTolerations(tolerations as Toleration[], fldPath.child(tolerationsAnnotationKey)));
  }
  if (!opts.allowInvalidPodDeletionCost && deletionCostInvalid(a)) errs.push(invalid(fldPath.key(podDeletionCostKey), a[podDeletionCostKey], 'must be a 32bit integer'));
  if (hasKey(a, seccompPodAnnotationKey)) errs.push(...validateSeccompProfileAnnotation(a[seccompPodAnnotationKey]!, fldPath.child(seccompPodAnnotationKey)));
  for (const k of sortedKeys(a)) if (k.startsWith(seccompContainerAnnotationKeyPrefix)) errs.push(...validateSeccompProfileAnnotation(a[k]!, fldPath.child(k)));
  for (const k of sortedKeys(a)) {
    if (!k.startsWith(appArmorContainerAnnotationKeyPrefix)) continue;
    const containerName = k.slice(appArmorContainerAnnotationKeyPrefix.length);
    if (!podSpecHasContainer(spec, containerName)) errs.push(invalid(fldPath.key(k), containerName, 'container not found'));
    const p = a[k]!;
    if (p !== '' && p !== 'runtime/default' && p !== 'unconfined' && !p.startsWith('localhost/')) errs.push(invalid(fldPath.key(k), p, `invalid AppArmor profile name: ${goQuote(p)}`));
  }
  return errs;
}

function validatePodSpecificAnnotationUpdates(newPod: Pod, oldPod: Pod, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const na = newPod.metadata?.annotations ?? {};
  const oa = oldPod.metadata?.annotations ?? {};
  for (const k of sortedKeys(oa)) {
    if (hasKey(na, k) && na[k] === oa[k]) continue;
    if (k.startsWith(appArmorContainerAnnotationKeyPrefix)) errs.push(forbidden(fldPath.key(k), 'may not remove or update AppArmor annotations'));
    if (k === mirrorPodAnnotationKey) errs.push(forbidden(fldPath.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of sortedKeys(na)) {
    if (hasKey(oa, k)) continue;
    if (k.startsWith(appArmorContainerAnnotationKeyPrefix)) errs.push(forbidden(fldPath.key(k), 'may not add AppArmor annotations'));
    if (k === mirrorPodAnnotationKey) errs.push(forbidden(fldPath.key(k), 'may not add mirror pod annotation'));
  }
  errs.push(...validatePodSpecificAnnotations(na, (newPod.spec ?? {}) as PodSpecV, fldPath, opts));
  return errs;
}

function seccompMatches(annotation: string, f: SeccompProfile, fldPath: FieldPath): FieldError | null {
  switch (f.type) {
    case 'Unconfined':
      if (annotation !== 'unconfined') return forbidden(fldPath.child('type'), 'seccomp type in annotation and field must match');
      break;
    case 'RuntimeDefault':
      if (annotation !== 'runtime/default' && annotation !== 'docker/default') return forbidden(fldPath.child('type'), 'seccomp type in annotation and field must match');
      break;
    case 'Localhost':
      if (!annotation.startsWith('localhost/')) return forbidden(fldPath.child('type'), 'seccomp type in annotation and field must match');
      if (f.localhostProfile === undefined || annotation.slice('localhost/'.length) !== f.localhostProfile) return forbidden(fldPath.child('localhostProfile'), 'seccomp profile in annotation and field must match');
      break;
  }
  return null;
}

function validateSeccompAnnotationsAndFields(meta: ObjectMeta | undefined, spec: PodSpecV, specPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const a = meta?.annotations ?? {};
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile && hasKey(a, seccompPodAnnotationKey)) {
    const e = seccompMatches(a[seccompPodAnnotationKey]!, podProfile, specPath.child('securityContext').child('seccompProfile'));
    if (e) errs.push(e);
  }
  visitContainersWithPath(spec, specPath, (c, cp) => {
    const f = c.securityContext?.seccompProfile;
    if (!f) return true;
    const key = seccompContainerAnnotationKeyPrefix + c.name;
    if (hasKey(a, key)) {
      const e = seccompMatches(a[key]!, f, cp.child('securityContext').child('seccompProfile'));
      if (e) errs.push(e);
    }
    return true;
  });
  return errs;
}

function validateAppArmorAnnotationsAndFieldsMatchOnCreate(meta: ObjectMeta | undefined, spec: PodSpecV, specPath: FieldPath): FieldError[] {
  if (spec.os?.name === 'windows') return [];
  const errs: FieldError[] = [];
  const a = meta?.annotations ?? {};
  const podProfile = spec.securityContext?.appArmorProfile;
  visitContainersWithPath(spec, specPath, (c, cp) => {
    const profile = c.securityContext?.appArmorProfile ?? podProfile;
    if (!profile) return true;
    const key = appArmorContainerAnnotationKeyPrefix + c.name;
    if (!hasKey(a, key)) return true;
    const ann = a[key]!;
    const p = cp.child('securityContext').child('appArmorProfile');
    switch (profile.type) {
      case 'Unconfined':
        if (ann !== 'unconfined') errs.push(forbidden(p.child('type'), 'apparmor type in annotation and field must match'));
        break;
      case 'RuntimeDefault':
        if (ann !== 'runtime/default') errs.push(forbidden(p.child('type'), 'apparmor type in annotation and field must match'));
        break;
      case 'Localhost':
        if (!ann.startsWith('localhost/')) errs.push(forbidden(p.child('type'), 'apparmor type in annotation and field must match'));
        else if (profile.localhostProfile === undefined || ann.slice('localhost/'.length) !== profile.localhostProfile) errs.push(forbidden(p.child('localhostProfile'), 'apparmor profile in annotation and field must match'));
        break;
    }
    return true;
  });
  return errs;
}

// ---- Pod ----

/** The option probes GetValidationOptionsFromPodSpecAndMeta runs on the old spec. */
const probes = {
  hasInvalidLabelValueInAffinitySelector(spec: PodSpecV): boolean {
    const terms: PodAffinityTerm[] = [];
    for (const a of [spec.affinity?.podAffinity, spec.affinity?.podAntiAffinity]) {
      if (!a) continue;
      terms.push(...(a.requiredDuringSchedulingIgnoredDuringExecution ?? []), ...(a.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm));
    }
    return terms.some((t) => validatePodAffinityTermSelector(t, false, null).length > 0);
  },
  hasInvalidTopologySpreadConstraintLabelSelector(spec: PodSpecV): boolean {
    return (spec.topologySpreadConstraints ?? []).some((c) => validateLabelSelector(c.labelSelector, {}, newPath('')).length > 0);
  },
  hasNonLocalProjectedTokenPath(spec: PodSpecV): boolean {
    return (spec.volumes ?? []).some((v) => (v.projected?.sources ?? []).some((s) => s.serviceAccountToken && validateLocalNonReservedPath(s.serviceAccountToken.path ?? '', newPath('')).length > 0));
  },
  usesIndivisibleHugePagesValues(spec: PodSpecV): boolean {
    const lists = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].flatMap((c) => [c.resources?.limits, c.resources?.requests]);
    lists.push(spec.overhead);
    return lists.some((l) =>
      Object.entries(l ?? {}).some(([name, v]) => {
        if (!isHugePageResourceName(name)) return false;
        const q = parseQuantity(v);
        return q !== null && !isHugePageResourceValueDivisible(name, q);
      }),
    );
  },
  hostSysctlInvalid(spec: PodSpecV): boolean {
    const sc = securityContextOf(spec);
    return (sc.sysctls ?? []).some((s) => validateHostSysctl(s.name, sc, null) !== null);
  },
  deletionCostInvalid,
};

/** Pod validation options for a create (old undefined) or an update, as the pod strategy picks them. */
export function podOptions(spec: PodSpecV | undefined, oldSpec: PodSpecV | undefined, meta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined): PodValidationOptions {
  return podValidationOptionsFor(spec, oldSpec, meta, oldMeta, probes);
}

function validatePodMetadataAndSpec(pod: Pod, opts: PodValidationOptions): FieldError[] {
  const metaPath = newPath('metadata');
  const specPath = newPath('spec');
  const spec = (pod.spec ?? {}) as PodSpecV;
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, metaPath);
  errs.push(...validatePodSpecificAnnotations(pod.metadata?.annotations, spec, metaPath.child('annotations'), opts));
  errs.push(...validatePodSpec(spec, pod.metadata, specPath, opts));
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v, vi) => {
      (v.projected?.sources ?? []).forEach((src, si) => {
        if (src.serviceAccountToken) errs.push(forbidden(specPath.child('volumes').index(vi).child('projected').child('sources').index(si).child('serviceAccountToken'), 'must not be specified when serviceAccountName is not set'));
      });
    });
  }
  (spec.containers ?? []).forEach((c, i) => errs.push(...validateContainerOnlyForPod(c, specPath.child('containers').index(i))));
  (spec.initContainers ?? []).forEach((c, i) => errs.push(...validateContainerOnlyForPod(c, specPath.child('initContainers').index(i))));
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: Pod, opts: PodValidationOptions = { ...podOptions(pod.spec as PodSpecV, undefined, pod.metadata, undefined), resourceIsPod: true }): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod, opts);
  const spec = (pod.spec ?? {}) as PodSpecV;
  const fldPath = newPath('spec');
  if ((spec.ephemeralContainers ?? []).length > 0) errs.push(forbidden(fldPath.child('ephemeralContainers'), 'cannot be set on create'));
  if (spec.nodeName && (spec.schedulingGates ?? []).length !== 0) errs.push(forbidden(fldPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  errs.push(...validateSeccompAnnotationsAndFields(pod.metadata, spec, fldPath));
  errs.push(...validateAppArmorAnnotationsAndFieldsMatchOnCreate(pod.metadata, spec, fldPath));
  return errs;
}

const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(newC: readonly Container[] | undefined, oldC: readonly Container[] | undefined, fldPath: FieldPath): { errs: FieldError[]; stop: boolean } {
  const n = newC ?? [];
  if (n.length !== (oldC ?? []).length) return { errs: [forbidden(fldPath, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = c.image ?? '';
    if (image.length === 0) errs.push(required(fldPath.index(i).child('image'), ''));
    if (image.trim().length !== image.length) errs.push(invalid(fldPath.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(newT: readonly Toleration[] | undefined, oldT: readonly Toleration[] | undefined, fldPath: FieldPath): FieldError[] {
  for (const old of oldT ?? []) {
    const found = (newT ?? []).some((nt) => deepEqual({ ...old, tolerationSeconds: nt.tolerationSeconds }, nt));
    if (!found) return [forbidden(fldPath, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, fldPath);
}

/** Go field names of core.PodSpec, in declaration order, for the update diff. */
const podSpecGoFields: [string, string][] = [
  ['volumes', 'Volumes'], ['initContainers', 'InitContainers'], ['containers', 'Containers'], ['ephemeralContainers', 'EphemeralContainers'],
  ['restartPolicy', 'RestartPolicy'], ['terminationGracePeriodSeconds', 'TerminationGracePeriodSeconds'], ['activeDeadlineSeconds', 'ActiveDeadlineSeconds'],
  ['dnsPolicy', 'DNSPolicy'], ['nodeSelector', 'NodeSelector'], ['serviceAccountName', 'ServiceAccountName'], ['automountServiceAccountToken', 'AutomountServiceAccountToken'],
  ['nodeName', 'NodeName'], ['securityContext', 'SecurityContext'], ['imagePullSecrets', 'ImagePullSecrets'], ['hostname', 'Hostname'], ['subdomain', 'Subdomain'],
  ['setHostnameAsFQDN', 'SetHostnameAsFQDN'], ['affinity', 'Affinity'], ['schedulerName', 'SchedulerName'], ['tolerations', 'Tolerations'], ['hostAliases', 'HostAliases'],
  ['priorityClassName', 'PriorityClassName'], ['priority', 'Priority'], ['preemptionPolicy', 'PreemptionPolicy'], ['dnsConfig', 'DNSConfig'], ['readinessGates', 'ReadinessGates'],
  ['runtimeClassName', 'RuntimeClassName'], ['overhead', 'Overhead'], ['enableServiceLinks', 'EnableServiceLinks'], ['topologySpreadConstraints', 'TopologySpreadConstraints'],
  ['os', 'OS'], ['schedulingGates', 'SchedulingGates'], ['resourceClaims', 'ResourceClaims'], ['resources', 'Resources'],
];

/** The internal PodSpec's fields: host namespace fields live in its security context. */
function internalSpecView(spec: PodSpecV): Record<string, unknown> {
  const { hostNetwork: _hn, hostPID: _hp, hostIPC: _hi, shareProcessNamespace: _sp, hostUsers: _hu, serviceAccount: _sa, ...rest } = spec;
  return { ...rest, securityContext: securityContextOf(spec) };
}

/** The cmp.Diff(old, new) upstream appends to the pod update error (see diff.ts). */
export function podSpecDiff(oldSpec: PodSpecV, newSpec: PodSpecV): string {
  return structDiff('core.PodSpec', internalSpecView(oldSpec), internalSpecView(newSpec), podSpecGoFields);
}

function validateNodeSelectorTermHasOnlyAdditions(n: NodeSelectorTerm, o: NodeSelectorTerm): boolean {
  const oe = o.matchExpressions ?? [];
  const of = o.matchFields ?? [];
  const ne = n.matchExpressions ?? [];
  const nf = n.matchFields ?? [];
  if (oe.length === 0 && of.length === 0 && (ne.length > 0 || nf.length > 0)) return false;
  if (oe.length > 0 && (ne.length < oe.length || !deepEqual(ne.slice(0, oe.length), oe))) return false;
  if (of.length > 0 && (nf.length < of.length || !deepEqual(nf.slice(0, of.length), of))) return false;
  return true;
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations, removed scheduling gates (and for gated pods, additions to node selection). */
export function validatePodUpdate(newPod: Pod, oldPod: Pod, opts: PodValidationOptions = { ...podOptions(newPod.spec as PodSpecV, oldPod.spec as PodSpecV, newPod.metadata, oldPod.metadata), resourceIsPod: true }): FieldError[] {
  const fldPath = newPath('metadata');
  const errs = validateObjectMetaUpdate(newPod.metadata, oldPod.metadata, fldPath);
  errs.push(...validatePodMetadataAndSpec(newPod, opts));
  errs.push(...validatePodSpecificAnnotationUpdates(newPod, oldPod, fldPath.child('annotations'), opts));
  const specPath = newPath('spec');
  const ns = (newPod.spec ?? {}) as PodSpecV;
  const os = (oldPod.spec ?? {}) as PodSpecV;
  let r = validateContainerUpdates(ns.containers, os.containers, specPath.child('containers'));
  errs.push(...r.errs);
  if (r.stop) return errs;
  r = validateContainerUpdates(ns.initContainers, os.initContainers, specPath.child('initContainers'));
  errs.push(...r.errs);
  if (r.stop) return errs;
  if (ns.activeDeadlineSeconds !== undefined && ns.activeDeadlineSeconds !== null) {
    const v = ns.activeDeadlineSeconds;
    if (v < 0 || v > maxInt32) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), v, inclusiveRangeError(0, maxInt32)));
      return errs;
    }
    if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null && os.activeDeadlineSeconds < v) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), v, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null) {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(ns.tolerations, os.tolerations, specPath.child('tolerations')));
  // validateOnlyDeletedSchedulingGates
  const newGates = ns.schedulingGates ?? [];
  if (newGates.length > 0) {
    const additional = new Map<string, number>();
    newGates.forEach((g, i) => additional.set(g.name, i));
    for (const g of os.schedulingGates ?? []) additional.delete(g.name);
    for (const [gate, i] of additional) errs.push(forbidden(specPath.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${gate}'`));
  }
  if (deepEqual(internalSpecView(ns), internalSpecView(os))) return errs;
  // Munge the updatable fields to the old values, then compare what is left.
  const munged: PodSpecV = JSON.parse(JSON.stringify(ns));
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: os.containers[i]?.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: os.initContainers?.[i]?.image }));
  munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.schedulingGates = os.schedulingGates;
  munged.tolerations = os.tolerations;
  if ((os.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  if ((os.schedulingGates ?? []).length > 0) {
    if (!deepEqual(munged.nodeSelector, os.nodeSelector)) {
      for (const k of sortedKeys(os.nodeSelector)) {
        if (!hasKey(munged.nodeSelector, k) || munged.nodeSelector![k] !== os.nodeSelector![k]) {
          errs.push(invalid(specPath.child('nodeSelector'), goStringMap(munged.nodeSelector), 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
          break;
        }
      }
      munged.nodeSelector = os.nodeSelector;
    }
    const oldNA = os.affinity?.nodeAffinity;
    const newNA = munged.affinity?.nodeAffinity;
    if (!deepEqual(oldNA, newNA)) {
      const naPath = specPath.child('affinity').child('nodeAffinity');
      const oldTerms = oldNA?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
      if (oldTerms !== undefined) {
        const newTerms = newNA?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
        const termsPath = naPath.child('requiredDuringSchedulingIgnoredDuringExecution').child('nodeSelectorTerms');
        if (oldTerms.length > 0 && oldTerms.length !== newTerms.length) errs.push(invalid(termsPath, new GoValue('[]core.NodeSelectorTerm{...}'), 'no additions/deletions to non-empty NodeSelectorTerms list are allowed'));
        else oldTerms.forEach((t, i) => {
          if (!validateNodeSelectorTermHasOnlyAdditions(newTerms[i]!, t)) errs.push(invalid(termsPath.index(i), new GoValue('core.NodeSelectorTerm{...}'), 'only additions are allowed (no mutations or deletions)'));
        });
      }
      if (!munged.affinity && oldNA) munged.affinity = { nodeAffinity: oldNA };
      else if (munged.affinity && !os.affinity && !munged.affinity.podAntiAffinity && !munged.affinity.podAffinity) delete munged.affinity;
      else if (munged.affinity) munged.affinity.nodeAffinity = oldNA;
    }
  }
  if (!deepEqual(internalSpecView(munged), internalSpecView(os))) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${podSpecDiff(os, munged)}`));
  }
  return errs;
}

function validateContainerStateTransition(newS: readonly ContainerStatus[] | undefined, oldS: readonly ContainerStatus[] | undefined, fldPath: FieldPath, restartPolicy: string, initContainers?: readonly Container[]): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  (oldS ?? []).forEach((o, i) => {
    const term = o.state?.terminated;
    if (!term) return;
    if ((term.exitCode ?? 0) !== 0 && restartPolicy === 'OnFailure') return;
    if (initContainers?.some((c) => c.name === o.name && c.restartPolicy === 'Always')) return;
    for (const n of newS ?? []) if (n.name === o.name && !n.state?.terminated) errs.push(forbidden(fldPath.index(i).child('state'), 'may not be transitioned to non-terminated state'));
  });
  return errs;
}

function validateIPList(ips: readonly { ip: string }[] | undefined, fldPath: FieldPath, goType: string, hostIPs: boolean, hostIP?: string): FieldError[] {
  const list = ips ?? [];
  const errs: FieldError[] = [];
  if (hostIPs) {
    if (list.length === 0) return [];
    if (hostIP !== list[0]!.ip) errs.push(invalid(fldPath.index(0).child('ip'), list[0]!.ip, 'must be equal to `hostIP`'));
  }
  list.forEach((p, i) => errs.push(...isValidIP(fldPath.index(i), p.ip ?? '')));
  if (list.length > 1) {
    const strs = list.map((p) => p.ip ?? '');
    const goList = goSlice(list, `[]core.${goType}`, (p) => goStruct(`core.${goType}`, [['IP', p.ip ?? '']]).repr);
    const dupes: FieldError[] = [];
    const seen = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p.ip)) dupes.push(duplicate(fldPath.index(i), goStruct(`core.${goType}`, [['IP', p.ip ?? '']])));
      seen.add(p.ip);
    });
    // netutils.IsDualStackIPStrings: both families present (an unparsable entry is an error).
    let dual = false;
    let err = false;
    if (strs.some((s) => parseIPSloppy(s) === null)) err = true;
    else dual = strs.some(isIPv4String) && strs.some(isIPv6String);
    const famErr = err ? [internalError(fldPath, `failed to check for dual stack with error:${'invalid IP address'}`)] : [];
    const famInvalid = !dual || strs.length > 2 ? [invalid(fldPath, goList, 'may specify no more than one IP for each IP family')] : [];
    if (hostIPs) errs.push(...dupes, ...famErr, ...famInvalid);
    else errs.push(...famErr, ...famInvalid, ...dupes);
  }
  return errs;
}

/** ValidatePodStatusUpdate (the pods/status subresource). */
export function validatePodStatusUpdate(newPod: Pod, oldPod: Pod, opts: PodValidationOptions = { ...podOptions(newPod.spec as PodSpecV, oldPod.spec as PodSpecV, newPod.metadata, oldPod.metadata), resourceIsPod: true }): FieldError[] {
  let fldPath = newPath('metadata');
  const errs = validateObjectMetaUpdate(newPod.metadata, oldPod.metadata, fldPath);
  errs.push(...validatePodSpecificAnnotationUpdates(newPod, oldPod, fldPath.child('annotations'), opts));
  const status = newPod.status ?? {};
  const oldStatus = oldPod.status ?? {};
  const system = new Set(['PodScheduled', 'Ready', 'Initialized']);
  (status.conditions ?? []).forEach((c, i) => {
    if (!system.has(c.type)) errs.push(...validateQualifiedName(c.type ?? '', fldPath.child('conditions').index(i).child('Type')));
  });
  fldPath = newPath('status');
  if ((newPod.spec?.nodeName ?? '') !== (oldPod.spec?.nodeName ?? '')) errs.push(forbidden(fldPath.child('nodeName'), 'may not be changed directly'));
  const nnn = status.nominatedNodeName ?? '';
  if (nnn !== (oldStatus.nominatedNodeName ?? '') && nnn.length > 0) for (const m of nameIsDNSSubdomain(nnn, false)) errs.push(invalid(fldPath.child('nominatedNodeName'), nnn, m));
  errs.push(...validateImmutableField(status.qosClass ?? '', oldStatus.qosClass ?? '', fldPath.child('qosClass')));
  const oldSpec = (oldPod.spec ?? {}) as PodSpecV;
  const newSpec = (newPod.spec ?? {}) as PodSpecV;
  errs.push(...validateContainerStateTransition(status.containerStatuses, oldStatus.containerStatuses, fldPath.child('containerStatuses'), oldSpec.restartPolicy ?? ''));
  errs.push(...validateContainerStateTransition(status.initContainerStatuses, oldStatus.initContainerStatuses, fldPath.child('initContainerStatuses'), oldSpec.restartPolicy ?? '', oldSpec.initContainers ?? []));
  errs.push(...validateContainerStateTransition(status.ephemeralContainerStatuses, oldStatus.ephemeralContainerStatuses, fldPath.child('ephemeralContainerStatuses'), 'Never'));
  // validatePodResourceClaimStatuses
  const claimNames = new Set<string>();
  (status.resourceClaimStatuses ?? []).forEach((s, i) => {
    const p = fldPath.child('resourceClaimStatuses').index(i);
    if (!(newSpec.resourceClaims ?? []).some((c) => c.name === s.name)) errs.push(invalid(p.child('name'), s.name, 'must match the name of an entry in `spec.resourceClaims`'));
    if (claimNames.has(s.name)) errs.push(duplicate(p.child('name'), s.name));
    else claimNames.add(s.name);
    if (s.resourceClaimName !== undefined && s.resourceClaimName !== null) for (const m of nameIsDNSSubdomain(s.resourceClaimName, false)) errs.push(invalid(p.child('name'), s.resourceClaimName, m));
  });
  errs.push(...validateIPList(status.podIPs, newPath('status', 'podIPs'), 'PodIP', false));
  errs.push(...validateIPList(status.hostIPs, newPath('status', 'hostIPs'), 'HostIP', true, status.hostIP ?? ''));
  const osName = newSpec.os?.name ?? 'linux';
  for (const [list, name] of [
    [status.containerStatuses, 'containerStatuses'],
    [status.initContainerStatuses, 'initContainerStatuses'],
    [status.ephemeralContainerStatuses, 'ephemeralContainerStatuses'],
  ] as const) {
    (list ?? []).forEach((cs, i) => {
      const u = cs.user;
      if (!u) return;
      const p = fldPath.child(name).index(i).child('linux');
      if (osName === 'windows') {
        if (u.linux) errs.push(forbidden(p, 'cannot be set for a windows pod'));
      } else if (osName === 'linux' && u.linux) {
        for (const m of isValidUserID(u.linux.uid)) errs.push(invalid(p.child('uid'), u.linux.uid, m));
        for (const m of isValidGroupID(u.linux.gid)) errs.push(invalid(p.child('gid'), u.linux.gid, m));
        (u.linux.supplementalGroups ?? []).forEach((g, j) => isValidGroupID(g).forEach((m) => errs.push(invalid(p.child('supplementalGroups').index(j), g, m))));
      }
    });
  }
  errs.push(...validateAllocatedResourcesStatus(status.containerStatuses, fldPath.child('containerStatuses'), newSpec.containers ?? []));
  errs.push(...validateAllocatedResourcesStatus(status.initContainerStatuses, fldPath.child('initContainerStatuses'), newSpec.initContainers ?? []));
  (status.ephemeralContainerStatuses ?? []).forEach((cs, i) => {
    if ((cs.allocatedResourcesStatus ?? []).length > 0) errs.push(forbidden(fldPath.child('ephemeralContainerStatuses').index(i).child('allocatedResourcesStatus'), 'must not be specified in container status'));
  });
  return errs;
}

function validateAllocatedResourcesStatus(statuses: readonly ContainerStatus[] | undefined, fldPath: FieldPath, containers: readonly Container[]): FieldError[] {
  const errs: FieldError[] = [];
  (statuses ?? []).forEach((cs, i) => {
    (cs.allocatedResourcesStatus ?? []).forEach((ar, j) => {
      const p = fldPath.index(i).child('allocatedResourcesStatus').index(j);
      const container = containers.find((c) => c.name === cs.name);
      if (container) {
        let found: boolean;
        let msg: string;
        if (ar.name.startsWith('claim:')) {
          msg = "must match one of the container's resource claims in a format 'claim:<claimName>/<request>' or 'claim:<claimName>' if request is empty";
          found = (container.resources?.claims ?? []).some((c) => 'claim:' + c.name + (c.request ? '/' + c.request : '') === ar.name);
        } else {
          msg = "must match one of the container's resource requests";
          found = hasKey(container.resources?.requests, ar.name);
        }
        if (!found) errs.push(invalid(p.child('name'), ar.name, msg));
      }
      const ids = new Set<string>();
      (ar.resources ?? []).forEach((r, k) => {
        const h = r.health ?? '';
        if (!['Healthy', 'Unhealthy', 'Unknown'].includes(h)) errs.push(notSupported(p.child('resources').index(k).child('health'), h, ['Healthy', 'Unhealthy', 'Unknown']));
        if (ids.has(r.resourceID)) errs.push(duplicate(p.child('resources').index(k).child('resourceID'), r.resourceID));
        else ids.add(r.resourceID);
      });
    });
  });
  return errs;
}

// ---- templates ----

/** ValidatePodTemplateSpec: labels, annotations, the spec, and no ephemeral containers. */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, fldPath: FieldPath, opts: PodValidationOptions): FieldError[] {
  const tpl = t ?? {};
  const spec = (tpl.spec ?? {}) as PodSpecV;
  const meta = tpl.metadata ?? {};
  const errs = validateLabels(meta.labels, fldPath.child('labels'));
  errs.push(...validateAnnotations(meta.annotations, fldPath.child('annotations')));
  errs.push(...validatePodSpecificAnnotations(meta.annotations, spec, fldPath.child('annotations'), opts));
  errs.push(...validatePodSpec(spec, undefined, fldPath.child('spec'), opts));
  errs.push(...validateSeccompAnnotationsAndFields(meta, spec, fldPath.child('spec')));
  errs.push(...validateAppArmorAnnotationsAndFieldsMatchOnCreate(meta, spec, fldPath.child('spec')));
  if ((spec.ephemeralContainers ?? []).length > 0) errs.push(forbidden(fldPath.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** GetValidationOptionsFromPodTemplate. */
export function podTemplateOptions(t: PodTemplateSpec | undefined, old: PodTemplateSpec | undefined): PodValidationOptions {
  return podOptions(t?.spec as PodSpecV | undefined, old?.spec as PodSpecV | undefined, t?.metadata, old ? (old.metadata ?? {}) : undefined);
}

/** The template's labels as a map[string]string bad value. */
export function goLabels(m: Record<string, string> | undefined): GoValue {
  return goStringMap(m);
}

/** A selector built from a metav1.LabelSelector matches the template's labels (selector.Matches). */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  return labelSelectorAsSelector(sel).matches(labels ?? {});
}

export { defaultPodValidationOptions, labelSelectorHasInvalidLabelValue };
