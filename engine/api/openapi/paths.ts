// The paths of a group version's OpenAPI v3 document: the routes kube-apiserver installs for each
// resource (collection, all-namespaces list, object, status and the pod and namespace subresources
// Kubeplay serves), with the operation ids, tags, descriptions and x-kubernetes-action /
// x-kubernetes-group-version-kind that the endpoints installer and its OpenAPI namer give them.
// `kubectl explain` finds a resource's kind through these.

import type { ResourceInfo } from '../resources';
import type { GroupVersionKind, Json, SchemaConverter } from './schemas';
import type { KindSchema } from './types';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One operation of a path. */
interface Operation {
  method: Method;
  /** The operation id without its group version: `list` + `NamespacedPod` → listCoreV1NamespacedPod. */
  verb: string;
  rest: string;
  action?: string;
  description: string;
  query: string[];
  body?: 'object' | 'patch' | 'delete';
  response: Json;
  codes: number[];
  gvk?: GroupVersionKind;
  watchable?: boolean;
}

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** The query parameters Kubeplay's apiserver reads, with the OpenAPI type of each. */
const queryParams: Record<string, { type: string; description: string }> = {
  allowWatchBookmarks: { type: 'boolean', description: 'Ask a watch for BOOKMARK events.' },
  continue: { type: 'string', description: 'The token that resumes a chunked list.' },
  dryRun: { type: 'string', description: 'All: run every stage of the request but persist nothing.' },
  fieldManager: { type: 'string', description: 'The name of the actor making the change, for managed fields.' },
  fieldSelector: { type: 'string', description: 'Only objects whose fields match this selector.' },
  fieldValidation: { type: 'string', description: 'Ignore, Warn or Strict: what to do with unknown or duplicate fields.' },
  force: { type: 'boolean', description: 'Take over conflicting fields in a server-side apply.' },
  gracePeriodSeconds: { type: 'integer', description: 'Seconds before the object is deleted; 0 deletes at once.' },
  ignoreStoreReadErrorWithClusterBreakingPotential: { type: 'boolean', description: 'Delete an object that cannot be decoded from storage.' },
  labelSelector: { type: 'string', description: 'Only objects whose labels match this selector.' },
  limit: { type: 'integer', description: 'The most objects one list response holds.' },
  orphanDependents: { type: 'boolean', description: 'Deprecated: use propagationPolicy. Leave the dependents in place.' },
  pretty: { type: 'string', description: "'true' to indent the response." },
  propagationPolicy: { type: 'string', description: 'Orphan, Background or Foreground: what happens to the dependents.' },
  resourceVersion: { type: 'string', description: 'The resource version to list from, or to watch after.' },
  resourceVersionMatch: { type: 'string', description: 'NotOlderThan or Exact: how resourceVersion applies to a list.' },
  sendInitialEvents: { type: 'boolean', description: 'Start a watch with the current objects as ADDED events.' },
  timeoutSeconds: { type: 'integer', description: 'Seconds before a list or watch ends.' },
  watch: { type: 'boolean', description: 'Watch for changes instead of listing.' },
};

const listQuery = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'];
const writeQuery = ['dryRun', 'fieldManager', 'fieldValidation'];
const patchQuery = [...writeQuery, 'force'];
const deleteQuery = ['dryRun', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential', 'orphanDependents', 'propagationPolicy'];
const deleteCollectionQuery = [...new Set([...deleteQuery, ...listQuery])].filter((q) => q !== 'allowWatchBookmarks' && q !== 'watch');

const patchTypes = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
const codeText: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 401: 'Unauthorized' };

// Models k8s.io/apiserver/pkg/endpoints/openapi/openapi.go ToValidOperationID
function toValidOperationID(s: string, capitalizeFirstLetter: boolean): string {
  let out = '';
  let capitalize = capitalizeFirstLetter;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/[A-Za-z_]/.test(c) || (i !== 0 && /[0-9]/.test(c))) {
      out += capitalize ? c.toUpperCase() : c;
      capitalize = false;
    } else capitalize = true;
  }
  return out;
}

/** The names one group version's operations carry: `CoreV1` inside ids, `core_v1` as their tag. */
function groupVersionNames(group: string, version: string): { id: string; tag: string } {
  const trimmed = (group || 'core').replace(/\.k8s\.io$/, '');
  return { id: toValidOperationID(trimmed, true) + toValidOperationID(version, true), tag: `${toValidOperationID(trimmed, false)}_${toValidOperationID(version, false)}` };
}

function parameter(name: string, where: 'path' | 'query', description: string, type = 'string'): Json {
  return { description, in: where, name, ...(where === 'path' ? { required: true } : {}), schema: { type, uniqueItems: true } };
}

function responses(op: Operation): Json {
  const out: Json = {};
  for (const code of op.codes) {
    const content: Json = { 'application/json': { schema: op.response } };
    if (op.watchable) content['application/json;stream=watch'] = { schema: op.response };
    out[String(code)] = { content, description: codeText[code] };
  }
  out['401'] = { description: codeText[401] };
  return out;
}

function requestBody(op: Operation, kindRef: Json, conv: SchemaConverter): Json | undefined {
  if (op.body === 'object') return { content: { '*/*': { schema: kindRef } }, required: true };
  if (op.body === 'patch') return { content: Object.fromEntries(patchTypes.map((t) => [t, { schema: conv.need(`${meta}.Patch`) }])), required: true };
  if (op.body === 'delete') return { content: { '*/*': { schema: conv.need(`${meta}.DeleteOptions`) } } };
  return undefined;
}

/**
 * One path item: each operation with its own query parameters, the path parameters and the query
 * parameters every operation shares (pretty, or all of a lone operation's) lifted to the path.
 */
function pathItem(gv: { id: string; tag: string }, pathParams: Json[], ops: Operation[], kindRef: Json, conv: SchemaConverter): Json {
  const all = ops.map((op) => [...op.query, 'pretty']);
  const shared = all[0].filter((q) => all.every((qs) => qs.includes(q))).sort();
  const item: Json = {};
  for (const op of ops) {
    const own = op.query.filter((q) => !shared.includes(q)).sort();
    const body = requestBody(op, kindRef, conv);
    item[op.method] = {
      description: op.description,
      operationId: `${op.verb}${gv.id}${op.rest}`,
      ...(own.length ? { parameters: own.map((q) => parameter(q, 'query', queryParams[q].description, queryParams[q].type)) } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(op),
      tags: [gv.tag],
      ...(op.action ? { 'x-kubernetes-action': op.action } : {}),
      ...(op.gvk ? { 'x-kubernetes-group-version-kind': op.gvk } : {}),
    };
  }
  item.parameters = [...pathParams, ...shared.map((q) => parameter(q, 'query', queryParams[q].description, queryParams[q].type))];
  return item;
}

/** The group version's own path: its APIResourceList. */
export function resourceListPath(group: string, version: string, conv: SchemaConverter): [string, Json] {
  const gv = groupVersionNames(group, version);
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const ops: Operation[] = [{ method: 'get', verb: 'get', rest: 'APIResources', description: 'get available resources', query: [], response: conv.need(`${meta}.APIResourceList`), codes: [200] }];
  const item = pathItem(gv, [], ops, {}, conv);
  // The resource list takes no parameters at all.
  delete item.parameters;
  return [`${prefix}/`, item];
}

// Models k8s.io/apiserver/pkg/endpoints/installer.go registerResourceHandlers (the routes and their docs)
/** Every path of one resource, with the schemas its operations name added to `conv`. */
export function resourcePaths(r: ResourceInfo, k: KindSchema, conv: SchemaConverter): [string, Json][] {
  const gv = groupVersionNames(r.group, r.version);
  const prefix = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const kindRef = conv.need(k.$ref.slice(k.$ref.lastIndexOf('/') + 1));
  const gvk: GroupVersionKind = { group: r.group, kind: r.kind, version: r.version };
  const scope = r.namespaced ? 'Namespaced' : '';
  const K = r.kind;
  const can = (v: string) => (r.verbs as readonly string[]).includes(v);
  const nsParam = parameter('namespace', 'path', 'The namespace of the objects.');
  const nameParam = parameter('name', 'path', `name of the ${K}`);
  const collection = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.resource}` : `${prefix}/${r.resource}`;
  const collectionParams = r.namespaced ? [nsParam] : [];
  const out: [string, Json][] = [];
  const add = (path: string, params: Json[], ops: Operation[]) => {
    if (ops.length) out.push([path, pathItem(gv, params, ops, kindRef, conv)]);
  };

  const list = (rest: string): Operation => ({ method: 'get', verb: 'list', rest, action: 'list', description: `list or watch objects of kind ${K}`, query: listQuery, response: conv.needList(k), codes: [200], gvk, watchable: true });
  if (r.namespaced && can('list')) add(`${prefix}/${r.resource}`, [], [list(`${K}ForAllNamespaces`)]);
  add(collection, collectionParams, [
    ...(can('list') ? [list(`${scope}${K}`)] : []),
    ...(can('create') ? [{ method: 'post', verb: 'create', rest: `${scope}${K}`, action: 'post', description: `create a ${K}`, query: writeQuery, body: 'object', response: kindRef, codes: [200, 201, 202], gvk } satisfies Operation] : []),
    ...(can('deletecollection') ? [{ method: 'delete', verb: 'delete', rest: `Collection${scope}${K}`, action: 'deletecollection', description: `delete collection of ${K}`, query: deleteCollectionQuery, body: 'delete', response: conv.need(`${meta}.Status`), codes: [200], gvk } satisfies Operation] : []),
  ]);

  const object = `${collection}/{name}`;
  const objectParams = [nameParam, ...collectionParams];
  add(object, objectParams, [
    ...(can('get') ? [{ method: 'get', verb: 'read', rest: `${scope}${K}`, action: 'get', description: `read the specified ${K}`, query: [], response: kindRef, codes: [200], gvk } satisfies Operation] : []),
    ...(can('update') ? [{ method: 'put', verb: 'replace', rest: `${scope}${K}`, action: 'put', description: `replace the specified ${K}`, query: writeQuery, body: 'object', response: kindRef, codes: [200, 201], gvk } satisfies Operation] : []),
    ...(can('patch') ? [{ method: 'patch', verb: 'patch', rest: `${scope}${K}`, action: 'patch', description: `partially update the specified ${K}`, query: patchQuery, body: 'patch', response: kindRef, codes: [200, 201], gvk } satisfies Operation] : []),
    ...(can('delete') ? [{ method: 'delete', verb: 'delete', rest: `${scope}${K}`, action: 'delete', description: `delete a ${K}`, query: deleteQuery, body: 'delete', response: kindRef, codes: [200, 202], gvk } satisfies Operation] : []),
  ]);

  for (const sub of r.subresources) out.push(...subresourcePaths(r, sub, `${object}/${sub}`, objectParams, gv, kindRef, gvk, conv));
  return out;
}

/** The subresources whose bodies Kubeplay has types for: status, pods' binding and eviction, namespaces' finalize. */
function subresourcePaths(r: ResourceInfo, sub: string, path: string, params: Json[], gv: { id: string; tag: string }, kindRef: Json, gvk: GroupVersionKind, conv: SchemaConverter): [string, Json][] {
  const scope = r.namespaced ? 'Namespaced' : '';
  const K = r.kind;
  const S = sub[0].toUpperCase() + sub.slice(1);
  const item = (ops: Operation[], ref = kindRef): [string, Json][] => [[path, pathItem(gv, params, ops, ref, conv)]];
  switch (sub) {
    case 'status':
      return item([
        { method: 'get', verb: 'read', rest: `${scope}${K}Status`, action: 'get', description: `read status of the specified ${K}`, query: [], response: kindRef, codes: [200], gvk },
        { method: 'put', verb: 'replace', rest: `${scope}${K}Status`, action: 'put', description: `replace status of the specified ${K}`, query: writeQuery, body: 'object', response: kindRef, codes: [200, 201], gvk },
        { method: 'patch', verb: 'patch', rest: `${scope}${K}Status`, action: 'patch', description: `partially update status of the specified ${K}`, query: patchQuery, body: 'patch', response: kindRef, codes: [200, 201], gvk },
      ]);
    case 'binding':
    case 'eviction': {
      const body = sub === 'binding' ? { model: 'io.k8s.api.core.v1.Binding', gvk: { group: '', kind: 'Binding', version: 'v1' } } : { model: 'io.k8s.api.policy.v1.Eviction', gvk: { group: 'policy', kind: 'Eviction', version: 'v1' } };
      const ref = conv.need(body.model);
      return item([{ method: 'post', verb: 'create', rest: `${scope}${K}${S}`, action: 'post', description: `create ${sub} of a ${K}`, query: writeQuery, body: 'object', response: ref, codes: [200, 201, 202], gvk: body.gvk }], ref);
    }
    case 'finalize':
      return item([{ method: 'put', verb: 'replace', rest: `${scope}${K}${S}`, action: 'put', description: `replace finalize of the specified ${K}`, query: writeQuery, body: 'object', response: kindRef, codes: [200, 201], gvk }]);
    default:
      return [];
  }
}
