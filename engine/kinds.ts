// Every process kind the engine knows, registered once: both hosts start processes by kind name and
// plain config, so one Worker entry can host any of them and a recording can name what it started.

import { etcdClientKind, etcdMemberKind } from './etcd';
import { apiserverKind } from './apiserver/server';
import { kubectlKind } from './kubectl/client';
import { controllerManagerKind } from './controllers/server';
import { kubeletKind } from './kubelet/server';
import { schedulerKind } from './scheduler/server';
import { kubeProxyKind } from './proxy/server';
import { trafficKind } from './proxy/traffic';
import { corednsKind } from './dns/server';
import { metricsServerKind } from './metrics/server';
import { ingressNginxKind } from './ingress/server';
import type { ProcessKind } from './sim/env';
import { testKinds } from './sim/test-kinds';

/** The registry, by name. */
export const processKinds: ProcessKind<never>[] = [etcdMemberKind, etcdClientKind, apiserverKind, kubectlKind, controllerManagerKind, schedulerKind, kubeletKind, kubeProxyKind, trafficKind, corednsKind, metricsServerKind, ingressNginxKind, ...testKinds] as ProcessKind<never>[];

/** The registry as a map, as a Runtime takes it. */
export const processKindMap: ReadonlyMap<string, ProcessKind<never>> = new Map(processKinds.map((k) => [k.name, k]));
