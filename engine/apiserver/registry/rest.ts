// The REST verbs of one resource (k8s.io/apiserver/pkg/registry/generic/registry/store.go and the
// endpoints/handlers): get, list, watch, create, update, patch, delete, deletecollection, and the
// status, scale and binding subresources. Reads go to the watch cache unless they must be quorum
// reads; writes are etcd transactions conditioned on the revision read. Every verb is a coroutine:
// it waits on etcd through the store, never on a Promise.

import type { ResourceInfo } from '../../api/resources';
import { etcdKeyOf, etcdPrefixOf, groupVersion } from '../../api/resources';
import type { KubeObject, Status } from '../../api/types';
import { labelSelectorAsSelector, parseSelector, selectorFromSet, type Selector } from '../../api/labels';
import { parseFieldSelector, type FieldSelector } from '../../api/fields';
import type { Co } from '../../sim/co';
import { newAlreadyExists, newBadRequest, newConflict, newNotFound, newResourceExpired, optimisticLockErrorMsg, StatusError } from '../errors';
import { queryParam, type ParsedUrl } from '../http';
import type { RequestInfo } from '../request-info';
import { decodeObject, type Cacher, type CachedObject } from '../storage/cacher';
import { prefixEnd, type Etcd3Store } from '../storage/etcd3';
import { fieldSet, isSelectableField } from './field-sets';
import { clone, decodeContinue, encodeContinue, encodeForStorage, generateName, listOf, rfc3339, uuid, withTypeMeta } from './objects';
import { prepareForCreate, prepareForStatusUpdate, prepareForUpdate, strategyFor } from './strategy';
import type { Rng } from '../../sim/rng';

/** What the verbs need from the server. */
export interface RestContext {
  store: Etcd3Store;
  cacher: Cacher;
  rng: Rng;
  /** Simulated ms. */
  now(): number;
  /** Calls back after `ms` simulated ms (a timer of the apiserver). */
  after(ms: number, fn: () => void): () => void;
  /** Wall ms that simulated 0 stands for (creationTimestamp). */
  epochMs: number;
  /** Defaults an object in place (engine/api/defaults). */
  defaults(obj: KubeObject): void;
  /** Validates a create / an update; throws a 422 StatusError. */
  validateCreate(info: ResourceInfo, obj: KubeObject): void;
  validateUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): void;
  /** Mutating then validating admission; throws a StatusError to refuse. */
  admit(op: 'CREATE' | 'UPDATE' | 'DELETE', info: ResourceInfo, obj: KubeObject, old: KubeObject | null, sub: string): Co<void>;
  /** Applies a PATCH body of the given content type to the object's JSON. */
  patch(contentType: string, info: ResourceInfo, current: KubeObject, body: string): KubeObject;
  /** Hooks a resource needs around its writes (allocating a Service's cluster IP, …). */
  hooks: RegistryHooks;
}

/** Resource-specific work beside storing (what upstream's REST wrappers around the generic store do). */
export interface RegistryHooks {
  beforeCreate?(info: ResourceInfo, obj: KubeObject, deadline: number): Co<void>;
  afterDelete?(info: ResourceInfo, obj: KubeObject, deadline: number): Co<void>;
  beforeUpdate?(info: ResourceInfo, obj: KubeObject, old: KubeObject, deadline: number): Co<void>;
}

/** One call: what it is on, and by when it must be done. */
export interface Call {
  info: ResourceInfo;
  req: RequestInfo;
  url: ParsedUrl;
  deadline: number;
}

const gr = (info: ResourceInfo) => ({ group: info.group, resource: info.resource });
const isDryRun = (url: ParsedUrl) => (url.query.get('dryRun') ?? []).includes('All');

/** The etcd key of the call's object. */
function keyOf(c: Call, name = c.req.name): string {
  return etcdKeyOf(c.info, c.req.namespace, name);
}

/** The prefix a list or watch covers: the resource, or its objects in the request's namespace. */
function prefixOf(c: Call): string {
  return c.info.namespaced && c.req.namespace ? `${etcdPrefixOf(c.info)}${c.req.namespace}/` : etcdPrefixOf(c.info);
}

/** The label and field selectors of a list or watch; 400 when one does not parse or names a field the resource lacks. */
export function selectorsOf(c: Call): (obj: KubeObject) => boolean {
  let labels: Selector | null = null;
  let fields: FieldSelector | null = null;
  const ls = queryParam(c.url.query, 'labelSelector');
  const fs = queryParam(c.url.query, 'fieldSelector');
  try {
    if (ls) labels = parseSelector(ls);
  } catch (e) {
    throw newBadRequest(`unable to parse requirement: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    if (fs) fields = parseFieldSelector(fs);
  } catch (e) {
    throw newBadRequest(e instanceof Error ? e.message : String(e));
  }
  if (fields) {
    for (const r of fields.requirements()) {
      if (!isSelectableField(c.info.group, c.info.resource, c.info.namespaced, r.field)) throw newBadRequest(`field label not supported: ${r.field}`);
    }
  }
  const byName = c.req.name;
  return (obj) =>
    (!byName || obj.metadata.name === byName || fields !== null) &&
    (labels === null || labels.matches(obj.metadata.labels ?? {})) &&
    (fields === null || fields.matches(fieldSet(c.info.group, c.info.resource, c.info.namespaced, obj)));
}

/** A resourceVersion parameter: '' (none), '0' (any), or a revision; 400 when it is not a number. */
function parseRV(v: string | undefined): number | null {
  if (v === undefined || v === '') return null;
  if (!/^\d+$/.test(v)) throw newBadRequest(`Invalid value: "${v}": strconv.ParseUint: parsing "${v}": invalid syntax`);
  return Number(v);
}

// ---- reads -----------------------------------------------------------------------------------

/** GET of one object: a quorum read from etcd, or from the cache when a resourceVersion is given. */
export function* get(ctx: RestContext, c: Call): Co<KubeObject> {
  const rv = parseRV(queryParam(c.url.query, 'resourceVersion'));
  let obj: KubeObject | null;
  if (rv === null) {
    const { kv } = yield* ctx.store.get(keyOf(c), c.deadline);
    obj = kv ? decodeObject(kv) : null;
  } else {
    if (rv > 0) yield* ctx.cacher.waitFresh(rv);
    else yield* ctx.cacher.waitReady();
    obj = ctx.cacher.get(keyOf(c))?.obj ?? null;
    if (obj) obj = clone(obj);
  }
  if (!obj) throw newNotFound(gr(c.info), c.req.name);
  return withTypeMeta(c.info, obj);
}

/**
 * LIST. With a limit (and not resourceVersion=0) it pages through etcd at one revision and answers a
 * continue token, as upstream's delegated list does; otherwise it answers from the watch cache,
 * after a quorum read of etcd's revision unless any state will do.
 */
export function* list(ctx: RestContext, c: Call): Co<{ items: KubeObject[]; rev: number; continue?: string; remaining?: number }> {
  const match = selectorsOf(c);
  const rvParam = queryParam(c.url.query, 'resourceVersion');
  const rv = parseRV(rvParam);
  const limit = Number(queryParam(c.url.query, 'limit') ?? 0) || 0;
  const token = queryParam(c.url.query, 'continue');
  if (token || (limit > 0 && rvParam !== '0')) return yield* listFromEtcd(ctx, c, match, limit, token, rv);
  if (rv === null) yield* ctx.cacher.waitFresh(yield* ctx.store.currentRevision(c.deadline));
  else if (rv > 0) yield* ctx.cacher.waitFresh(rv);
  else yield* ctx.cacher.waitReady();
  const items = ctx.cacher.list(prefixOf(c)).filter((o: CachedObject) => match(o.obj)).map((o) => withTypeMeta(c.info, clone(o.obj)));
  return { items, rev: ctx.cacher.rev };
}

function* listFromEtcd(ctx: RestContext, c: Call, match: (o: KubeObject) => boolean, limit: number, token: string | undefined, rv: number | null): Co<{ items: KubeObject[]; rev: number; continue?: string; remaining?: number }> {
  const prefix = prefixOf(c);
  let key = prefix;
  let revision = rv ?? 0;
  if (token) {
    const t = decodeContinue(token);
    if (!t) throw newBadRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
    key = prefix + t.start;
    revision = t.rev;
  }
  const end = prefixEnd(prefix);
  const items: KubeObject[] = [];
  const unfiltered = c.url.query.get('labelSelector') === undefined && c.url.query.get('fieldSelector') === undefined;
  for (;;) {
    let res;
    try {
      res = yield* ctx.store.range(key, end, { limit: limit > 0 ? limit : 0, revision }, c.deadline);
    } catch (e) {
      if (e instanceof Error && /required revision has been compacted/.test(e.message) && token) {
        throw newResourceExpired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
      throw e;
    }
    if (revision === 0) revision = res.header.revision;
    for (const kv of res.kvs) {
      const obj = decodeObject(kv);
      if (obj && match(obj)) items.push(withTypeMeta(c.info, obj));
    }
    const last = res.kvs[res.kvs.length - 1];
    if (!res.more || !last) return { items, rev: revision };
    key = last.key + '\0';
    if (limit > 0 && items.length >= limit) {
      const remaining = unfiltered ? res.count - res.kvs.length : undefined;
      return { items, rev: revision, continue: encodeContinue(revision, key.slice(prefix.length)), remaining };
    }
  }
}

/** The starting point of a WATCH: a revision to replay from, or null for "send the current state first". */
export function watchStart(c: Call): number | null {
  const rv = parseRV(queryParam(c.url.query, 'resourceVersion'));
  return rv === null || rv === 0 ? null : rv;
}

/** The prefix and filter of a WATCH. */
export function watchSpec(c: Call): { prefix: string; filter: (o: KubeObject) => boolean } {
  return { prefix: prefixOf(c), filter: selectorsOf(c) };
}

// ---- writes ----------------------------------------------------------------------------------

/** Reads the body as an object of this resource; 400 for bad JSON or another kind. */
export function decodeBody(info: ResourceInfo, body: string | undefined): KubeObject {
  let obj: unknown;
  try {
    obj = JSON.parse(body ?? '');
  } catch (e) {
    throw newBadRequest(`json: cannot unmarshal: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw newBadRequest('Object \'Kind\' is missing in \'' + String(body) + "'");
  const o = obj as KubeObject;
  const gv = groupVersion(info.group, info.version);
  if (o.apiVersion !== undefined && o.apiVersion !== gv) throw newBadRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${gv})`);
  if (o.kind !== undefined && o.kind !== info.kind) throw newBadRequest(`the kind in the data (${o.kind}) does not match the expected kind (${info.kind})`);
  if (typeof o.metadata !== 'object' || o.metadata === null) o.metadata = {};
  return withTypeMeta(info, o);
}

/** The request's namespace on the object: set when absent, 400 when it differs (rest.BeforeCreate). */
function checkNamespace(c: Call, obj: KubeObject): void {
  if (!c.info.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  if (obj.metadata.namespace && obj.metadata.namespace !== c.req.namespace) {
    throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  obj.metadata.namespace = c.req.namespace;
}

/** POST: defaulting, strategy, admission, validation, then a create-if-absent transaction. */
export function* create(ctx: RestContext, c: Call, body: string | undefined): Co<KubeObject> {
  const obj = decodeBody(c.info, body);
  checkNamespace(c, obj);
  const m = obj.metadata;
  if (!m.name && m.generateName) m.name = generateName(m.generateName, ctx.rng);
  // BeforeCreate: the server owns these.
  m.uid = uuid(ctx.rng);
  m.creationTimestamp = rfc3339(ctx.epochMs + ctx.now());
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.resourceVersion;
  delete m.selfLink;
  ctx.defaults(obj);
  const strategy = strategyFor(c.info.group, c.info.resource);
  prepareForCreate(strategy, obj as never);
  yield* ctx.admit('CREATE', c.info, obj, null, '');
  ctx.validateCreate(c.info, obj);
  if (isDryRun(c.url)) return obj;
  yield* ctx.hooks.beforeCreate?.(c.info, obj, c.deadline) ?? noop();
  const res = yield* ctx.store.create(keyOf(c, m.name!), encodeForStorage(c.info, obj), c.deadline);
  if (!res.ok) throw newAlreadyExists(gr(c.info), m.name!);
  m.resourceVersion = String(res.rev);
  return obj;
}

function* noop(): Co<void> {}

/** The stored object and its revision; 404 when it is not there. */
function* current(ctx: RestContext, c: Call): Co<{ obj: KubeObject; rev: number }> {
  const { kv } = yield* ctx.store.get(keyOf(c), c.deadline);
  const obj = kv ? decodeObject(kv) : null;
  if (!kv || !obj) throw newNotFound(gr(c.info), c.req.name);
  return { obj: withTypeMeta(c.info, obj), rev: kv.mod_revision };
}

/**
 * The update loop every write of an existing object goes through (GuaranteedUpdate): read, let
 * `tryUpdate` build the new object from the current one, write it if nothing changed in between,
 * else read again. A caller that named a resourceVersion gets 409 instead of a retry.
 */
function* guaranteedUpdate(ctx: RestContext, c: Call, tryUpdate: (cur: KubeObject) => Co<KubeObject | null>): Co<KubeObject> {
  for (let attempt = 0; ; attempt++) {
    const { obj: cur, rev } = yield* current(ctx, c);
    const next = yield* tryUpdate(clone(cur));
    if (next === null) return cur; // nothing to write
    const wanted = next.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== String(rev)) throw newConflict(gr(c.info), c.req.name, optimisticLockErrorMsg);
    if (isDryRun(c.url)) return next;
    // An update that changes nothing is not written (upstream's no-op update keeps the revision).
    if (encodeForStorage(c.info, next) === encodeForStorage(c.info, cur)) return cur;
    const res = yield* ctx.store.update(keyOf(c), encodeForStorage(c.info, next), rev, c.deadline);
    if (res.ok) {
      next.metadata.resourceVersion = String(res.rev);
      return next;
    }
    if (res.current === null) throw newNotFound(gr(c.info), c.req.name);
    if (wanted) throw newConflict(gr(c.info), c.req.name, optimisticLockErrorMsg);
    if (attempt > 100) throw newConflict(gr(c.info), c.req.name, optimisticLockErrorMsg);
  }
}

/** Builds the object an update writes from the one sent, for the main resource or the status subresource. */
function* updated(ctx: RestContext, c: Call, sent: KubeObject, cur: KubeObject): Co<KubeObject> {
  checkNamespace(c, sent);
  if (sent.metadata.name !== undefined && sent.metadata.name !== c.req.name) {
    throw newBadRequest(`the name of the object (${sent.metadata.name}) does not match the name on the URL (${c.req.name})`);
  }
  sent.metadata.name = c.req.name;
  const strategy = strategyFor(c.info.group, c.info.resource);
  let next: KubeObject;
  if (c.req.subresource === 'status') next = prepareForStatusUpdate(sent as never, cur as never);
  else {
    next = sent;
    // BeforeUpdate: what the server owns comes from the stored object.
    next.metadata.uid = cur.metadata.uid;
    next.metadata.creationTimestamp = cur.metadata.creationTimestamp;
    next.metadata.deletionTimestamp = cur.metadata.deletionTimestamp;
    next.metadata.deletionGracePeriodSeconds = cur.metadata.deletionGracePeriodSeconds;
    if (next.metadata.deletionTimestamp === undefined) delete next.metadata.deletionTimestamp;
    if (next.metadata.deletionGracePeriodSeconds === undefined) delete next.metadata.deletionGracePeriodSeconds;
    ctx.defaults(next);
    prepareForUpdate(strategy, next as never, cur as never);
  }
  yield* ctx.admit('UPDATE', c.info, next, cur, c.req.subresource);
  ctx.validateUpdate(c.info, next, cur);
  yield* ctx.hooks.beforeUpdate?.(c.info, next, cur, c.deadline) ?? noop();
  return next;
}

/** PUT. */
export function* update(ctx: RestContext, c: Call, body: string | undefined): Co<KubeObject> {
  const sent = decodeBody(c.info, body);
  if (!sent.metadata.resourceVersion) {
    throw new StatusError(invalidRV(c.info, c.req.name));
  }
  const next = yield* guaranteedUpdate(ctx, c, function* (cur) {
    const n = yield* updated(ctx, c, clone(sent), cur);
    n.metadata.resourceVersion = sent.metadata.resourceVersion;
    return n;
  });
  return yield* finishIfDeleting(ctx, c, next);
}

/** The 422 for an update without a resourceVersion. */
function invalidRV(info: ResourceInfo, name: string): Status {
  const kind = info.group ? `${info.kind}.${info.group}` : info.kind;
  const message = 'metadata.resourceVersion: Invalid value: 0x0: must be specified for an update';
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${kind} "${name}" is invalid: ${message}`,
    reason: 'Invalid',
    details: { name, group: info.group, kind: info.kind, causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' }] },
    code: 422,
  };
}

/** PATCH: the patch applies to the current object on every attempt of the update loop. */
export function* patch(ctx: RestContext, c: Call, contentType: string, body: string | undefined): Co<KubeObject> {
  const next = yield* guaranteedUpdate(ctx, c, function* (cur) {
    const patched = ctx.patch(contentType, c.info, cur, body ?? '');
    const rv = patched.metadata?.resourceVersion;
    const n = yield* updated(ctx, c, withTypeMeta(c.info, patched), cur);
    // A patch that names a resourceVersion is a precondition; one that does not applies to whatever is current.
    n.metadata.resourceVersion = rv !== cur.metadata.resourceVersion ? rv : undefined;
    if (n.metadata.resourceVersion === undefined) delete n.metadata.resourceVersion;
    return n;
  });
  return yield* finishIfDeleting(ctx, c, next);
}

/** An object being deleted whose last finalizer is gone is deleted now (the store's deleteForEmptyFinalizers). */
function* finishIfDeleting(ctx: RestContext, c: Call, obj: KubeObject): Co<KubeObject> {
  if (!obj.metadata.deletionTimestamp || (obj.metadata.finalizers?.length ?? 0) > 0 || isDryRun(c.url)) return obj;
  if ((obj.metadata.deletionGracePeriodSeconds ?? 0) > 0) return obj;
  const res = yield* ctx.store.delete(keyOf(c), Number(obj.metadata.resourceVersion), c.deadline);
  if (res.ok) yield* ctx.hooks.afterDelete?.(c.info, obj, c.deadline) ?? noop();
  return obj;
}

/** DeleteOptions from the body and the query. */
function deleteOptions(c: Call, body: string | undefined): { grace?: number; propagation?: string; preconditions?: { uid?: string; resourceVersion?: string } } {
  let o: Record<string, unknown> = {};
  if (body && body.trim()) {
    try {
      o = JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw newBadRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
    }
  }
  const q = (k: string) => queryParam(c.url.query, k);
  const grace = o.gracePeriodSeconds ?? (q('gracePeriodSeconds') !== undefined ? Number(q('gracePeriodSeconds')) : undefined);
  let propagation = (o.propagationPolicy as string | undefined) ?? q('propagationPolicy');
  if (propagation === undefined && (o.orphanDependents === true || q('orphanDependents') === 'true')) propagation = 'Orphan';
  if (propagation !== undefined && !['Orphan', 'Background', 'Foreground'].includes(propagation)) {
    throw new StatusError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${propagation}": supported values: "Foreground", "Background", "Orphan"`,
      reason: 'Invalid',
      details: { group: 'meta.k8s.io', kind: 'DeleteOptions', causes: [{ reason: 'FieldValueNotSupported', message: `Unsupported value: "${propagation}": supported values: "Foreground", "Background", "Orphan"`, field: 'propagationPolicy' }] },
      code: 422,
    });
  }
  return { grace: typeof grace === 'number' && Number.isFinite(grace) ? grace : undefined, propagation, preconditions: o.preconditions as { uid?: string; resourceVersion?: string } | undefined };
}

/**
 * DELETE: at once when nothing holds it, else by setting deletionTimestamp — for finalizers (the
 * ones a Foreground or Orphan propagation adds, too) and for graceful deletion (pods on a node).
 * Answers the object while it lingers, a Success Status once it is gone.
 */
export function* remove(ctx: RestContext, c: Call, body: string | undefined): Co<KubeObject | Status> {
  const opts = deleteOptions(c, body);
  const strategy = strategyFor(c.info.group, c.info.resource);
  for (let attempt = 0; ; attempt++) {
    const { obj: cur, rev } = yield* current(ctx, c);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== cur.metadata.uid) {
      throw newConflict(gr(c.info), c.req.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid ?? ''}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== String(rev)) {
      throw newConflict(gr(c.info), c.req.name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${rev}`);
    }
    yield* ctx.admit('DELETE', c.info, cur, cur, '');
    const next = clone(cur);
    const fin = new Set(next.metadata.finalizers ?? []);
    if (opts.propagation === 'Foreground') fin.add('foregroundDeletion');
    if (opts.propagation === 'Orphan') fin.add('orphan');
    const grace = strategy.gracePeriod?.(cur as never, opts.grace) ?? null;
    const hold = fin.size > 0 || grace !== null;
    if (isDryRun(c.url)) return hold ? next : success(c.info, cur);
    if (hold) {
      if (cur.metadata.deletionTimestamp && (grace === null || (cur.metadata.deletionGracePeriodSeconds ?? 0) <= grace) && fin.size === (cur.metadata.finalizers ?? []).length) {
        return cur; // already being deleted: nothing changes
      }
      next.metadata.finalizers = [...fin];
      if (!next.metadata.deletionTimestamp || grace !== null) next.metadata.deletionTimestamp = rfc3339(ctx.epochMs + ctx.now() + (grace ?? 0) * 1000);
      next.metadata.deletionGracePeriodSeconds = grace ?? 0;
      const res = yield* ctx.store.update(keyOf(c), encodeForStorage(c.info, next), rev, c.deadline);
      if (res.ok) {
        next.metadata.resourceVersion = String(res.rev);
        return next;
      }
    } else {
      const res = yield* ctx.store.delete(keyOf(c), rev, c.deadline);
      if (res.ok) {
        yield* ctx.hooks.afterDelete?.(c.info, cur, c.deadline) ?? noop();
        return success(c.info, cur);
      }
    }
    if (attempt > 100) throw newConflict(gr(c.info), c.req.name, optimisticLockErrorMsg);
  }
}

/** The Status a delete answers once the object is gone. */
function success(info: ResourceInfo, obj: KubeObject): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: obj.metadata.name, group: info.group, kind: info.resource, uid: obj.metadata.uid } };
}

/** DELETE on a collection: every object the selectors pick, one by one; answers the list of what was deleted. */
export function* removeCollection(ctx: RestContext, c: Call, body: string | undefined): Co<{ items: KubeObject[]; rev: number }> {
  const { items, rev } = yield* list(ctx, c);
  const gone: KubeObject[] = [];
  for (const o of items) {
    const one: Call = { ...c, req: { ...c.req, name: o.metadata.name!, namespace: o.metadata.namespace ?? '' } };
    try {
      const r = yield* remove(ctx, one, body);
      gone.push('metadata' in r && (r as KubeObject).metadata.name ? (r as KubeObject) : o);
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }
  return { items: gone, rev };
}

/** The answer of a list call, as the API writes it. */
export function listBody(info: ResourceInfo, r: { items: KubeObject[]; rev: number; continue?: string; remaining?: number }): Record<string, unknown> {
  return listOf(info, r.items, String(r.rev), { continue: r.continue, remainingItemCount: r.remaining });
}

// ---- scale and binding -----------------------------------------------------------------------

/** The autoscaling/v1 Scale of a workload (GET …/scale). */
export function scaleOf(obj: KubeObject & { spec?: { replicas?: number; selector?: unknown }; status?: { replicas?: number; selector?: string } }, info: ResourceInfo): KubeObject {
  const sel = obj.spec?.selector;
  // The scale subresource's status.selector is the selector's String(), as the registries print it.
  const selector = info.resource === 'replicationcontrollers' ? selectorFromSet((sel ?? {}) as Record<string, string>).toString() : sel ? labelSelectorAsSelector(sel as never).toString() : '';
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  } as KubeObject;
}

/** PUT/PATCH …/scale: changes spec.replicas of the workload through the update loop. */
export function* updateScale(ctx: RestContext, c: Call, scale: KubeObject & { spec?: { replicas?: number } }): Co<KubeObject> {
  const replicas = scale.spec?.replicas ?? 0;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new StatusError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Scale.autoscaling "${c.req.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
      reason: 'Invalid',
      details: { name: c.req.name, group: 'autoscaling', kind: 'Scale', causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: 'spec.replicas' }] },
      code: 422,
    });
  }
  const main: Call = { ...c, req: { ...c.req, subresource: '' } };
  const next = yield* guaranteedUpdate(ctx, main, function* (cur) {
    if (scale.metadata.resourceVersion && scale.metadata.resourceVersion !== cur.metadata.resourceVersion) {
      throw newConflict(gr(c.info), c.req.name, optimisticLockErrorMsg);
    }
    const n = clone(cur) as KubeObject & { spec: { replicas?: number } };
    n.spec.replicas = replicas;
    const out = yield* updated(ctx, main, n, cur);
    delete out.metadata.resourceVersion;
    return out;
  });
  return scaleOf(next, c.info);
}

/** POST pods/binding (or /bindings): sets spec.nodeName once (pkg/registry/core/pod/storage BindingREST). */
export function* bind(ctx: RestContext, c: Call, body: string | undefined): Co<Status> {
  let b: { target?: { name?: string; kind?: string }; metadata?: { name?: string; namespace?: string } };
  try {
    b = JSON.parse(body ?? '') as typeof b;
  } catch {
    throw newBadRequest('invalid binding body');
  }
  const name = c.req.subresource === 'binding' ? c.req.name : (b.metadata?.name ?? '');
  const node = b.target?.name ?? '';
  if (!node) throw newBadRequest('Binding.target.name: Required value');
  const podCall: Call = { ...c, req: { ...c.req, name, subresource: '' } };
  yield* guaranteedUpdate(ctx, podCall, function* (cur) {
    const pod = cur as KubeObject & { spec: { nodeName?: string }; status?: { conditions?: unknown[] } };
    if (pod.metadata.deletionTimestamp) throw newConflict({ group: '', resource: 'pods' }, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (pod.spec.nodeName) throw newConflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    pod.spec.nodeName = node;
    const conditions = (pod.status?.conditions ?? []) as { type: string }[];
    pod.status = { ...(pod.status ?? {}), conditions: [...conditions.filter((x) => x.type !== 'PodScheduled'), { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(ctx.epochMs + ctx.now()) }] };
    delete pod.metadata.resourceVersion;
    return pod;
  });
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}
