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
import { invalid, newPath, notSupported, type FieldError } from '../../api/validation/field';
import { invalidStatus } from '../../api/validation/errors';
import type { ValidateObjectFunc } from '../admission';

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
  /**
   * Admission: runs the mutating plugins on `obj` and answers the validating ones, which a verb
   * calls once the strategy has validated the object; either throws a StatusError to refuse.
   */
  admit(op: 'CREATE' | 'UPDATE' | 'DELETE', info: ResourceInfo, obj: KubeObject, old: KubeObject | null, sub: string): Co<ValidateObjectFunc>;
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

/** `?dryRun=` of a write: true for `All`; 422 for any other value (ValidateDryRun, checked before the body is read). */
function dryRunOf(c: Call, optionsKind: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions', fromBody: string[] = []): boolean {
  const values = [...fromBody, ...(c.url.query.get('dryRun') ?? [])];
  if (values.some((v) => v !== 'All')) throw optionsInvalid(optionsKind, [notSupported(newPath('dryRun'), values, ['All'])]);
  return values.length > 0;
}

/** The 422 of invalid request options: `DeleteOptions.meta.k8s.io "" is invalid: …`. */
function optionsInvalid(kind: string, errs: FieldError[]): StatusError {
  return new StatusError(invalidStatus({ group: 'meta.k8s.io', kind }, '', errs) as Status);
}

// Models staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go createHandler and registry/generic/registry/store.go Create
/**
 * POST: decoding (with defaulting), mutating admission, then what the store does — the system
 * fields, the generated name, BeforeCreate (the strategy's PrepareForCreate and validation) —
 * then validating admission, and a create-if-absent transaction unless it is a dry run.
 */
export function* create(ctx: RestContext, c: Call, body: string | undefined): Co<KubeObject> {
  const dryRun = dryRunOf(c, 'CreateOptions');
  const obj = decodeBody(c.info, body);
  checkNamespace(c, obj);
  ctx.defaults(obj);
  const validate = yield* ctx.admit('CREATE', c.info, obj, null, '');
  const m = obj.metadata;
  // FillObjectMetaSystemFields, then the name (after mutating admission, as upstream's plugins see no generated name).
  m.uid = uuid(ctx.rng);
  m.creationTimestamp = rfc3339(ctx.epochMs + ctx.now());
  if (!m.name && m.generateName) m.name = generateName(m.generateName, ctx.rng);
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.resourceVersion;
  delete m.selfLink;
  prepareForCreate(strategyFor(c.info.group, c.info.resource), obj as never);
  ctx.validateCreate(c.info, obj);
  yield* validate(obj, { dryRun });
  if (dryRun) return obj;
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
function* guaranteedUpdate(ctx: RestContext, c: Call, dryRun: boolean, tryUpdate: (cur: KubeObject) => Co<KubeObject | null>): Co<KubeObject> {
  for (let attempt = 0; ; attempt++) {
    const { obj: cur, rev } = yield* current(ctx, c);
    const next = yield* tryUpdate(clone(cur));
    if (next === null) return cur; // nothing to write
    const wanted = next.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== String(rev)) throw newConflict(gr(c.info), c.req.name, optimisticLockErrorMsg);
    if (dryRun) return next;
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

// Models staging/src/k8s.io/apiserver/pkg/registry/rest/update.go BeforeUpdate (its metadata rules)
/** What the server owns comes from the stored object: a missing uid, the creation time, a deletion once begun. */
function keepServerFields(next: KubeObject, cur: KubeObject): void {
  const n = next.metadata;
  const o = cur.metadata;
  if (!n.uid) n.uid = o.uid;
  if (o.creationTimestamp) n.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) n.deletionTimestamp = o.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined && n.deletionGracePeriodSeconds === undefined) n.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
}

// Models pkg/registry/core/namespace/strategy.go namespaceFinalizeStrategy PrepareForUpdate
/** The finalize subresource of a namespace: only spec.finalizers come from the request. */
function prepareForFinalize(sent: KubeObject, cur: KubeObject): KubeObject {
  const next = clone(cur) as KubeObject & { spec?: { finalizers?: string[] } };
  const finalizers = (sent as typeof next).spec?.finalizers;
  next.spec = { ...(next.spec ?? {}), finalizers };
  if (finalizers === undefined) delete next.spec.finalizers;
  next.metadata.resourceVersion = sent.metadata.resourceVersion;
  return next;
}

// Models staging/src/k8s.io/apiserver/pkg/endpoints/handlers/update.go and registry/generic/registry/store.go Update
/**
 * Builds the object an update writes from the one sent: mutating admission on the sent object
 * (the handler's transformers), then BeforeUpdate (the strategy of the main resource, the status
 * or the finalize subresource, and validation), then validating admission on the result.
 */
function* updated(ctx: RestContext, c: Call, sent: KubeObject, cur: KubeObject, dryRun: boolean): Co<KubeObject> {
  checkNamespace(c, sent);
  if (sent.metadata.name !== undefined && sent.metadata.name !== c.req.name) {
    throw newBadRequest(`the name of the object (${sent.metadata.name}) does not match the name on the URL (${c.req.name})`);
  }
  sent.metadata.name = c.req.name;
  const sub = c.req.subresource;
  if (sub === '') ctx.defaults(sent);
  const validate = yield* ctx.admit('UPDATE', c.info, sent, cur, sub);
  let next: KubeObject;
  if (sub === 'status') next = prepareForStatusUpdate(sent as never, cur as never);
  else if (sub === 'finalize') next = prepareForFinalize(sent, cur);
  else {
    next = sent;
    keepServerFields(next, cur);
    prepareForUpdate(strategyFor(c.info.group, c.info.resource), next as never, cur as never);
  }
  ctx.validateUpdate(c.info, next, cur);
  yield* validate(next, { dryRun });
  yield* ctx.hooks.beforeUpdate?.(c.info, next, cur, c.deadline) ?? noop();
  return next;
}

/** PUT. */
export function* update(ctx: RestContext, c: Call, body: string | undefined): Co<KubeObject> {
  const dryRun = dryRunOf(c, 'UpdateOptions');
  const sent = decodeBody(c.info, body);
  if (!sent.metadata.resourceVersion) {
    throw new StatusError(invalidRV(c.info, c.req.name));
  }
  const next = yield* guaranteedUpdate(ctx, c, dryRun, function* (cur) {
    const n = yield* updated(ctx, c, clone(sent), cur, dryRun);
    n.metadata.resourceVersion = sent.metadata.resourceVersion;
    return n;
  });
  return yield* finishIfDeleting(ctx, c, next, dryRun);
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
  const dryRun = dryRunOf(c, 'PatchOptions');
  const next = yield* guaranteedUpdate(ctx, c, dryRun, function* (cur) {
    const patched = ctx.patch(contentType, c.info, cur, body ?? '');
    const rv = patched.metadata?.resourceVersion;
    const n = yield* updated(ctx, c, withTypeMeta(c.info, patched), cur, dryRun);
    // A patch that names a resourceVersion is a precondition; one that does not applies to whatever is current.
    n.metadata.resourceVersion = rv !== cur.metadata.resourceVersion ? rv : undefined;
    if (n.metadata.resourceVersion === undefined) delete n.metadata.resourceVersion;
    return n;
  });
  return yield* finishIfDeleting(ctx, c, next, dryRun);
}

// Models staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go ShouldDeleteDuringUpdate (and the namespace store's)
/** An object being deleted whose last finalizer is gone is deleted now; a namespace also waits for its spec.finalizers. */
function* finishIfDeleting(ctx: RestContext, c: Call, obj: KubeObject, dryRun: boolean): Co<KubeObject> {
  if (!obj.metadata.deletionTimestamp || (obj.metadata.finalizers?.length ?? 0) > 0 || dryRun) return obj;
  if ((obj.metadata.deletionGracePeriodSeconds ?? 0) > 0) return obj;
  if (isNamespace(c.info) && ((obj as Namespace).spec?.finalizers?.length ?? 0) > 0) return obj;
  const res = yield* ctx.store.delete(keyOf(c), Number(obj.metadata.resourceVersion), c.deadline);
  if (res.ok) yield* ctx.hooks.afterDelete?.(c.info, obj, c.deadline) ?? noop();
  return obj;
}

type Namespace = KubeObject & { spec?: { finalizers?: string[] }; status?: { phase?: string } };
const isNamespace = (info: ResourceInfo) => info.group === '' && info.resource === 'namespaces';

/** DeleteOptions as the verbs use them. */
interface DeleteOpts {
  grace?: number;
  propagation?: 'Orphan' | 'Background' | 'Foreground';
  /** The deprecated orphanDependents, when it was sent. */
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

/** DeleteOptions from the body, else from the query. */
function deleteOptions(c: Call, body: string | undefined): Record<string, unknown> {
  if (body && body.trim()) {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw newBadRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
    }
  }
  return {};
}

// Models staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateDeleteOptions
/** The options of a DELETE, validated: 422 for an unknown propagationPolicy, or one beside orphanDependents. */
function parseDeleteOptions(c: Call, o: Record<string, unknown>): DeleteOpts {
  const q = (k: string) => queryParam(c.url.query, k);
  const grace = o.gracePeriodSeconds ?? (q('gracePeriodSeconds') !== undefined ? Number(q('gracePeriodSeconds')) : undefined);
  const propagation = (o.propagationPolicy as string | undefined) ?? q('propagationPolicy');
  const orphanRaw = o.orphanDependents ?? (q('orphanDependents') !== undefined ? q('orphanDependents') === 'true' : undefined);
  const orphanDependents = typeof orphanRaw === 'boolean' ? orphanRaw : undefined;
  const errs: FieldError[] = [];
  if (orphanDependents !== undefined && propagation !== undefined) errs.push(invalid(newPath('propagationPolicy'), propagation, 'orphanDependents and deletionPropagation cannot be both set'));
  if (propagation !== undefined && !['Foreground', 'Background', 'Orphan'].includes(propagation)) {
    errs.push(notSupported(newPath('propagationPolicy'), propagation, ['Foreground', 'Background', 'Orphan', 'nil']));
  }
  if (errs.length) throw optionsInvalid('DeleteOptions', errs);
  return {
    grace: typeof grace === 'number' && Number.isFinite(grace) ? grace : undefined,
    propagation: propagation as DeleteOpts['propagation'],
    orphanDependents,
    preconditions: o.preconditions as DeleteOpts['preconditions'],
    dryRun: dryRunOf(c, 'DeleteOptions', Array.isArray(o.dryRun) ? (o.dryRun as string[]) : []),
  };
}

// Models staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete (its precondition check)
function checkPreconditions(c: Call, cur: KubeObject, rev: number, pre: DeleteOpts['preconditions']): void {
  const gk = { group: c.info.group, resource: c.info.kind };
  if (pre?.uid && pre.uid !== cur.metadata.uid) {
    throw newConflict(gk, c.req.name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${cur.metadata.uid ?? ''}). The object might have been deleted and then recreated`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== String(rev)) {
    throw newConflict(gk, c.req.name, `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${rev}). The object might have been modified`);
  }
}

/** The strategies whose DefaultGarbageCollectionPolicy is OrphanDependents at the versions served (rcStrategy for v1, jobStrategy for batch/v1). */
const orphanByDefault = new Set(['/replicationcontrollers', 'batch/jobs']);

const orphanFinalizer = 'orphan';
const foregroundFinalizer = 'foregroundDeletion';

// Models staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go shouldOrphanDependents
/** The options first, then the finalizers already on the object, then the resource's default policy. */
function shouldOrphanDependents(info: ResourceInfo, obj: KubeObject, opts: DeleteOpts): boolean {
  if (opts.orphanDependents !== undefined) return opts.orphanDependents;
  if (opts.propagation === 'Orphan') return true;
  if (opts.propagation === 'Background' || opts.propagation === 'Foreground') return false;
  for (const f of obj.metadata.finalizers ?? []) {
    if (f === orphanFinalizer) return true;
    if (f === foregroundFinalizer) return false;
  }
  return orphanByDefault.has(`${info.group}/${info.resource}`);
}

// Models staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go shouldDeleteDependents
function shouldDeleteDependents(obj: KubeObject, opts: DeleteOpts): boolean {
  if (opts.orphanDependents !== undefined) return false;
  if (opts.propagation === 'Foreground') return true;
  if (opts.propagation === 'Background' || opts.propagation === 'Orphan') return false;
  for (const f of obj.metadata.finalizers ?? []) {
    if (f === foregroundFinalizer) return true;
    if (f === orphanFinalizer) return false;
  }
  return false;
}

// Models staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go deletionFinalizersForGarbageCollection
/** The object's finalizers with orphan and foregroundDeletion as the options decide, and whether that changes them. */
function gcFinalizers(info: ResourceInfo, obj: KubeObject, opts: DeleteOpts): { changed: boolean; finalizers: string[] } {
  const old = obj.metadata.finalizers ?? [];
  const next = old.filter((f) => f !== orphanFinalizer && f !== foregroundFinalizer);
  if (shouldOrphanDependents(info, obj, opts)) next.push(orphanFinalizer);
  if (shouldDeleteDependents(obj, opts)) next.push(foregroundFinalizer);
  const same = new Set(old).size === new Set(next).size && next.every((f) => old.includes(f));
  return same ? { changed: false, finalizers: old } : { changed: true, finalizers: next };
}

const addSeconds = (t: string, s: number) => rfc3339(Date.parse(t) + s * 1000);

// Models staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete (graceful deletion)
/**
 * For a resource with graceful deletion (pods): null when it is deleted at once, 'pending' when a
 * graceful deletion already runs that this one may not shorten, else the grace period and the
 * deletionTimestamp it ends at.
 */
function gracefulDelete(ctx: RestContext, c: Call, cur: KubeObject, opts: DeleteOpts): null | 'pending' | { grace: number; at: string } {
  const strategy = strategyFor(c.info.group, c.info.resource);
  if (!strategy.gracePeriod) return null;
  const m = cur.metadata;
  if (m.deletionTimestamp) {
    const pending = m.deletionGracePeriodSeconds ?? 0;
    if (pending === 0) return null;
    // Negative grace periods count as 1 s on the delete path.
    const grace = opts.grace === undefined ? undefined : opts.grace < 0 ? 1 : opts.grace;
    if (grace === undefined || grace >= pending) return 'pending';
    return { grace, at: addSeconds(m.deletionTimestamp, grace - pending) };
  }
  const grace = strategy.gracePeriod(cur as never, opts.grace);
  return grace === null ? null : { grace, at: rfc3339(ctx.epochMs + ctx.now() + grace * 1000) };
}

// Models staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go markAsDeleting
/** Deleting now, held only by finalizers: the earliest deletionTimestamp, grace 0, and a generation bump on the first time. */
function markAsDeleting(obj: KubeObject, now: string): void {
  const m = obj.metadata;
  if (!m.deletionTimestamp && (m.generation ?? 0) > 0) m.generation = m.generation! + 1;
  if (!m.deletionTimestamp || Date.parse(m.deletionTimestamp) > Date.parse(now)) m.deletionTimestamp = now;
  m.deletionGracePeriodSeconds = 0;
}

/**
 * DELETE (the store's Delete and updateForGracefulDeletionAndFinalizers): at once when nothing
 * holds it; else by setting deletionTimestamp — for finalizers, with orphan and foregroundDeletion
 * added or removed as the propagation policy decides, and for graceful deletion (pods on a node).
 * Answers the object while it lingers, a Success Status once it is gone. Namespaces first go Terminating.
 */
export function* remove(ctx: RestContext, c: Call, body: string | undefined): Co<KubeObject | Status> {
  const raw = deleteOptions(c, body);
  for (let attempt = 0; ; attempt++) {
    const { obj: cur, rev } = yield* current(ctx, c);
    const opts = parseDeleteOptions(c, raw);
    if (isNamespace(c.info)) {
      const started = yield* removeNamespace(ctx, c, cur, rev, opts);
      if (started) return started;
    }
    checkPreconditions(c, cur, rev, opts.preconditions);
    const validate = yield* ctx.admit('DELETE', c.info, cur, cur, '');
    const graceful = gracefulDelete(ctx, c, cur, opts);
    if (graceful === 'pending') return cur;
    const fin = gcFinalizers(c.info, cur, opts);
    const next = clone(cur);
    if (fin.changed) next.metadata.finalizers = fin.finalizers;
    if (next.metadata.finalizers?.length === 0) delete next.metadata.finalizers;
    const held = (next.metadata.finalizers?.length ?? 0) > 0;
    yield* validate(cur, { dryRun: opts.dryRun });
    if (graceful === null && !held) {
      // errDeleteNow: nothing holds the object.
      if (opts.dryRun) return success(c.info, cur);
      const res = yield* ctx.store.delete(keyOf(c), rev, c.deadline);
      if (res.ok) {
        yield* ctx.hooks.afterDelete?.(c.info, cur, c.deadline) ?? noop();
        return success(c.info, cur);
      }
    } else {
      if (graceful === null) markAsDeleting(next, rfc3339(ctx.epochMs + ctx.now()));
      else {
        if (!next.metadata.deletionTimestamp && (next.metadata.generation ?? 0) > 0) next.metadata.generation! += 1;
        next.metadata.deletionTimestamp = graceful.at;
        next.metadata.deletionGracePeriodSeconds = graceful.grace;
      }
      if (opts.dryRun) return next;
      if (encodeForStorage(c.info, next) === encodeForStorage(c.info, cur)) return cur;
      const res = yield* ctx.store.update(keyOf(c), encodeForStorage(c.info, next), rev, c.deadline);
      if (res.ok) {
        next.metadata.resourceVersion = String(res.rev);
        return next;
      }
    }
    if (attempt > 100) throw newConflict(gr(c.info), c.req.name, optimisticLockErrorMsg);
  }
}

// Models pkg/registry/core/namespace/storage/storage.go shouldHaveOrphanFinalizer and shouldHaveDeleteDependentsFinalizer
function namespaceFinalizers(ns: KubeObject, opts: DeleteOpts): string[] {
  const has = new Set(ns.metadata.finalizers ?? []);
  let orphan = has.has(orphanFinalizer);
  let foreground = has.has(foregroundFinalizer);
  if (opts.orphanDependents !== undefined) {
    orphan = opts.orphanDependents;
    foreground = false;
  } else if (opts.propagation !== undefined) {
    orphan = opts.propagation === 'Orphan';
    foreground = opts.propagation === 'Foreground';
  }
  const out = (ns.metadata.finalizers ?? []).filter((f) => f !== orphanFinalizer && f !== foregroundFinalizer);
  if (orphan) out.push(orphanFinalizer);
  if (foreground) out.push(foregroundFinalizer);
  return out;
}

// Models pkg/registry/core/namespace/storage/storage.go Delete
/**
 * A namespace's first DELETE only starts its termination (deletionTimestamp, phase Terminating,
 * the orphan/foreground finalizers); while spec.finalizers remain a DELETE changes nothing; once
 * the namespace controller has emptied them, null: the store's delete goes on.
 */
function* removeNamespace(ctx: RestContext, c: Call, cur: KubeObject, rev: number, opts: DeleteOpts): Co<KubeObject | null> {
  const gk = { group: '', resource: 'namespaces' };
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== cur.metadata.uid) throw newConflict(gk, c.req.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid ?? ''}`);
  if (pre?.resourceVersion && pre.resourceVersion !== String(rev)) {
    throw newConflict(gk, c.req.name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${rev}`);
  }
  const ns = cur as Namespace;
  if (!ns.metadata.deletionTimestamp) {
    const validate = yield* ctx.admit('DELETE', c.info, cur, cur, '');
    return yield* guaranteedUpdate(ctx, c, opts.dryRun, function* (existing) {
      yield* validate(existing, { dryRun: opts.dryRun });
      const next = existing as Namespace;
      next.metadata.deletionTimestamp = next.metadata.deletionTimestamp ?? rfc3339(ctx.epochMs + ctx.now());
      next.status = { ...(next.status ?? {}), phase: 'Terminating' };
      const finalizers = namespaceFinalizers(next, opts);
      if (finalizers.length) next.metadata.finalizers = finalizers;
      else delete next.metadata.finalizers;
      delete next.metadata.resourceVersion;
      return next;
    });
  }
  return (ns.spec?.finalizers?.length ?? 0) > 0 ? cur : null;
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
export function* updateScale(ctx: RestContext, c: Call, scaleFor: ScaleOf): Co<KubeObject> {
  const main: Call = { ...c, req: { ...c.req, subresource: '' } };
  const dryRun = dryRunOf(c, 'UpdateOptions');
  const next = yield* guaranteedUpdate(ctx, main, dryRun, function* (cur) {
    const scale = scaleFor(cur) as KubeObject & { spec?: { replicas?: number } };
    const replicas = validScaleReplicas(c, scale);
    // A resourceVersion the Scale names is a precondition (a PATCH's is the current one unless it says otherwise).
    if (scale.metadata?.resourceVersion && scale.metadata.resourceVersion !== cur.metadata.resourceVersion) {
      throw newConflict(gr(c.info), c.req.name, optimisticLockErrorMsg);
    }
    const n = clone(cur) as KubeObject & { spec: { replicas?: number } };
    n.spec.replicas = replicas;
    const out = yield* updated(ctx, main, n, cur, dryRun);
    delete out.metadata.resourceVersion;
    return out;
  });
  return scaleOf(next, c.info);
}

/** The Scale a request sends, given the object as it is now (a PATCH is applied to that object's Scale). */
export type ScaleOf = (cur: KubeObject) => KubeObject;

/** spec.replicas of a Scale, or the 422 upstream's scale validation answers. */
function validScaleReplicas(c: Call, scale: KubeObject & { spec?: { replicas?: number } }): number {
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
  return replicas;
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
  yield* guaranteedUpdate(ctx, podCall, false, function* (cur) {
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
