// The admission chain kube-apiserver 1.32 enables by default, in its order, as upstream runs it:
// every plugin's mutating half first (each may change the object), then — after the registry's
// own validation — every validating half, on the final object (admission/chain.go, and the
// handlers' rest.AdmissionToValidateObjectFunc). Each half is a coroutine: it may look objects up in etcd.

import type { ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Co } from '../../sim/co';
import type { AdmissionContext, Attributes, Plugin } from './context';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { limitRanger } from './limit-ranger';
import { namespaceLifecycle } from './namespace-lifecycle';
import { priority } from './priority';
import { resourceQuota } from './resource-quota';
import { serviceAccount } from './service-account';
import { defaultStorageClass, storageObjectInUseProtection } from './storage-protection';
import { defaultIngressClass } from './default-ingress-class';
import { taintNodesByCondition } from './taint-nodes-by-condition';

export type { AdmissionContext, Attributes, Plugin } from './context';

/** --enable-admission-plugins' defaults that Kubeplay has, in upstream's order (AllOrderedPlugins). */
export const plugins: readonly Plugin[] = [
  namespaceLifecycle,
  limitRanger,
  serviceAccount,
  taintNodesByCondition,
  priority,
  defaultTolerationSeconds,
  defaultStorageClass,
  storageObjectInUseProtection,
  defaultIngressClass,
  { name: 'ResourceQuota', validate: resourceQuota },
];

/** The validating half of one request's admission, run on the object as it will be stored (rest.ValidateObjectFunc). */
export type ValidateObjectFunc = (obj: KubeObject, options?: { dryRun?: boolean }) => Co<void>;

// Models staging/src/k8s.io/apiserver/pkg/admission/chain.go Admit, and rest.AdmissionToValidateObjectFunc
/**
 * Runs the mutating halves on `obj` (in place) and answers the validating halves, which the
 * handler calls once the strategy has prepared and validated the object. A plugin refuses by
 * throwing a StatusError.
 */
export function* admit(ctx: AdmissionContext, op: Attributes['op'], info: ResourceInfo, obj: KubeObject, old: KubeObject | null, subresource: string, dryRun = false): Co<ValidateObjectFunc> {
  const a: Attributes = { op, info, subresource, obj, old, dryRun };
  for (const p of plugins) if (p.admit) yield* p.admit(ctx, a);
  return function* (final: KubeObject, options?: { dryRun?: boolean }): Co<void> {
    const v: Attributes = { ...a, obj: final, dryRun: options?.dryRun ?? dryRun };
    for (const p of plugins) if (p.validate) yield* p.validate(ctx, v);
  };
}
