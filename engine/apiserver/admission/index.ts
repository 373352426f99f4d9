// The admission chain kube-apiserver 1.32 enables by default, in its order (the mutating plugins
// first, then the validating ones). Each plugin is a coroutine: it may look objects up in etcd.

import type { ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Co } from '../../sim/co';
import type { AdmissionContext, Attributes } from './context';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { limitRanger } from './limit-ranger';
import { namespaceLifecycle } from './namespace-lifecycle';
import { priority } from './priority';
import { resourceQuota } from './resource-quota';
import { serviceAccount } from './service-account';
import { storageProtection } from './storage-protection';
import { taintNodesByCondition } from './taint-nodes-by-condition';

export type { AdmissionContext } from './context';

type Plugin = (ctx: AdmissionContext, a: Attributes) => Co<void>;

/** --enable-admission-plugins' defaults that Kubeplay has, in upstream's order. */
const plugins: Plugin[] = [namespaceLifecycle, limitRanger, serviceAccount, taintNodesByCondition, priority, defaultTolerationSeconds, storageProtection, resourceQuota];

/** Runs the chain; a plugin refuses by throwing a StatusError. */
export function* admit(ctx: AdmissionContext, op: Attributes['op'], info: ResourceInfo, obj: KubeObject, old: KubeObject | null, subresource: string): Co<void> {
  const a: Attributes = { op, info, subresource, obj, old };
  for (const p of plugins) yield* p(ctx, a);
}
