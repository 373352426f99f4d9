// What admission plugins see: the object under admission and lookups of other objects, from the
// watch cache first and from etcd when the cache has not seen them yet (upstream's plugins do the
// same "live lookup" when an informer misses a fresh object).

import type { ResourceInfo } from '../../api/resources';
import { etcdKeyOf, resourceFor } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Co } from '../../sim/co';
import type { Rng } from '../../sim/rng';
import type { Cacher } from '../storage/cacher';
import { decodeObject } from '../storage/cacher';
import type { Etcd3Store } from '../storage/etcd3';
import { newForbidden, type StatusError } from '../errors';

/** One admission call. */
export interface Attributes {
  op: 'CREATE' | 'UPDATE' | 'DELETE';
  info: ResourceInfo;
  subresource: string;
  obj: KubeObject;
  old: KubeObject | null;
  /** `?dryRun=All`: plugins with side effects (quota's usage writes) must not make them. */
  dryRun?: boolean;
}

/** An admission plugin's two halves: admit (MutationInterface) may change the object, validate (ValidationInterface) only judges it. */
export interface Plugin {
  readonly name: string;
  admit?(ctx: AdmissionContext, a: Attributes): Co<void>;
  validate?(ctx: AdmissionContext, a: Attributes): Co<void>;
}

/** The apiserver's view, for plugins. */
export interface AdmissionContext {
  cacher: Cacher;
  store: Etcd3Store;
  rng: Rng;
  /** Simulated ms. */
  now(): number;
  deadline: number;
  /** The DefaultTolerationSeconds plugin's flags (300 s upstream; the fast profile's 30 s). */
  defaultTolerationSeconds?: number;
}

/** An object by resource and name: the cache's copy, else a quorum read; null when there is none. */
export function* lookup(ctx: AdmissionContext, group: string, resource: string, namespace: string, name: string): Co<KubeObject | null> {
  const info = resourceFor(group, 'v1', resource)!;
  const key = etcdKeyOf(info, namespace, name);
  const cached = ctx.cacher.get(key);
  if (cached) return cached.obj;
  const { kv } = yield* ctx.store.get(key, ctx.deadline);
  return kv ? decodeObject(kv) : null;
}

/** Every object of a resource in a namespace, from the cache. */
export function listCached(ctx: AdmissionContext, group: string, resource: string, namespace: string): KubeObject[] {
  const info = resourceFor(group, 'v1', resource)!;
  return ctx.cacher.list(etcdKeyOf(info, namespace, '')).map((o) => o.obj);
}

/** Whether the call is on `group/resource` with no subresource. */
export function isMain(a: Attributes, group: string, resource: string): boolean {
  return a.info.group === group && a.info.resource === resource && a.subresource === '';
}

// Models staging/src/k8s.io/apiserver/pkg/admission/errors.go NewForbidden
/** The 403 a plugin refuses with, naming the object as upstream's extractResourceName does (generateName before a name is generated). */
export function forbidden(a: Attributes, message: string): StatusError {
  const m = a.obj.metadata;
  return newForbidden({ group: a.info.group, resource: a.info.resource }, m.name || m.generateName || 'Unknown', message);
}
