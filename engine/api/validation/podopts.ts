// PodValidationOptions (pkg/apis/core/validation) and how the apiserver chooses them
// (pkg/api/pod/util.go GetValidationOptionsFromPodSpecAndMeta), with the Kubernetes 1.32 default
// feature gates: PodDeletionCost beta (on), RelaxedEnvironmentVariableValidation beta (on),
// RelaxedDNSSearchValidation, PodLifecycleSleepActionAllowZero, PodLevelResources and SELinuxMount
// alpha (off).

import type { Container, ObjectMeta, PodSpec } from '../types';

/** An ephemeral container (core/v1 EphemeralContainer); the API types leave them out, validation still sees them. */
export interface EphemeralContainer extends Container {
  targetContainerName?: string;
}

/** A PodSpec as validation reads it, ephemeral containers included. */
export type PodSpecV = PodSpec & { ephemeralContainers?: EphemeralContainer[] };

/** PodValidationOptions. */
export interface PodValidationOptions {
  allowInvalidPodDeletionCost: boolean;
  allowInvalidLabelValueInSelector: boolean;
  allowIndivisibleHugePagesValues: boolean;
  allowInvalidTopologySpreadConstraintLabelSelector: boolean;
  allowNonLocalProjectedTokenPath: boolean;
  allowNamespacedSysctlsForHostNetAndHostIPC: boolean;
  /** The object validated is a Pod, not a PodSpec embedded in a template. */
  resourceIsPod: boolean;
  allowRelaxedEnvironmentVariableValidation: boolean;
  allowRelaxedDNSSearchValidation: boolean;
  allowPodLifecycleSleepActionZeroValue: boolean;
  allowOnlyRecursiveSELinuxChangePolicy: boolean;
  podLevelResourcesEnabled: boolean;
  allowSidecarResizePolicy: boolean;
  /** kube-apiserver --allow-privileged (capabilities.Get().AllowPrivileged); true as kubeadm and kind run it. */
  allowPrivileged: boolean;
}

/** The options for a new object with 1.32's default gates (before looking at an old object). */
export function defaultPodValidationOptions(): PodValidationOptions {
  return {
    allowInvalidPodDeletionCost: false,
    allowInvalidLabelValueInSelector: false,
    allowIndivisibleHugePagesValues: false,
    allowInvalidTopologySpreadConstraintLabelSelector: false,
    allowNonLocalProjectedTokenPath: false,
    allowNamespacedSysctlsForHostNetAndHostIPC: false,
    resourceIsPod: false,
    allowRelaxedEnvironmentVariableValidation: true,
    allowRelaxedDNSSearchValidation: false,
    allowPodLifecycleSleepActionZeroValue: false,
    allowOnlyRecursiveSELinuxChangePolicy: true,
    podLevelResourcesEnabled: false,
    allowSidecarResizePolicy: false,
    allowPrivileged: true,
  };
}

/** The checks the option choice needs, injected to avoid an import cycle with the validators. */
export interface PodOptionProbes {
  hasInvalidLabelValueInAffinitySelector(spec: PodSpec): boolean;
  hasInvalidTopologySpreadConstraintLabelSelector(spec: PodSpec): boolean;
  hasNonLocalProjectedTokenPath(spec: PodSpec): boolean;
  usesIndivisibleHugePagesValues(spec: PodSpec): boolean;
  hostSysctlInvalid(spec: PodSpec): boolean;
  deletionCostInvalid(annotations: Record<string, string> | undefined): boolean;
}

/** GetValidationOptionsFromPodSpecAndMeta: lenient where the old object already was invalid. */
export function podValidationOptionsFor(
  spec: PodSpecV | undefined,
  oldSpec: PodSpecV | undefined,
  _meta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  probes: PodOptionProbes,
): PodValidationOptions {
  const opts = defaultPodValidationOptions();
  // RelaxedDNSSearchValidation is off: allowed only when the old spec already used '.' or '_'.
  opts.allowRelaxedDNSSearchValidation = (oldSpec?.dnsConfig?.searches ?? []).some((d) => d === '.' || d.includes('_'));
  // SELinuxMount is off: only Recursive, unless the old spec had any policy.
  opts.allowOnlyRecursiveSELinuxChangePolicy = !oldSpec?.securityContext?.seLinuxChangePolicy;
  if (oldSpec !== undefined) {
    opts.allowIndivisibleHugePagesValues = probes.usesIndivisibleHugePagesValues(oldSpec);
    opts.allowInvalidLabelValueInSelector = probes.hasInvalidLabelValueInAffinitySelector(oldSpec);
    opts.allowInvalidTopologySpreadConstraintLabelSelector = probes.hasInvalidTopologySpreadConstraintLabelSelector(oldSpec);
    opts.allowNonLocalProjectedTokenPath = probes.hasNonLocalProjectedTokenPath(oldSpec);
    opts.allowNamespacedSysctlsForHostNetAndHostIPC = probes.hostSysctlInvalid(oldSpec);
    opts.allowPodLifecycleSleepActionZeroValue = sleepZeroInUse(spec);
    opts.allowSidecarResizePolicy = (oldSpec.initContainers ?? []).some((c) => c.restartPolicy === 'Always' && (c.resizePolicy ?? []).length > 0);
  }
  if (oldMeta !== undefined) opts.allowInvalidPodDeletionCost = probes.deletionCostInvalid(oldMeta.annotations);
  return opts;
}

/** podLifecycleSleepActionZeroValueInUse. */
function sleepZeroInUse(spec: PodSpecV | undefined): boolean {
  if (!spec) return false;
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  return all.some((c) => c.lifecycle?.preStop?.sleep?.seconds === 0 || (c.lifecycle?.postStart?.sleep !== undefined && c.lifecycle?.preStop?.sleep?.seconds === 0));
}
