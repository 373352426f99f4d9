// What a request is about, read off its path and method as the apiserver's RequestInfoFactory does
// (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): the verb, API group and version,
// namespace, resource, subresource and name, or a non-resource path (`/healthz`, `/version`).

import type { Method, ParsedUrl } from './http';
import { queryBool, queryParam } from './http';

/** The request's attributes, as authorization and the REST handlers see them. */
export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  /** get, list, watch, create, update, patch, delete, deletecollection; or the lower-cased method for non-resource requests. */
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const apiPrefixes = ['api', 'apis'];
/** Namespace subresources that are not namespaced resources (`/api/v1/namespaces/x/status`). */
const namespaceSubresources = new Set(['status', 'finalize']);

/** Parses a request's path and method; `?watch=1` and the legacy `/watch/` prefix make a watch. */
export function requestInfo(method: Method, url: ParsedUrl): RequestInfo {
  const path = url.path;
  const info: RequestInfo = { isResourceRequest: false, path, verb: method.toLowerCase(), apiPrefix: '', apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', parts: [] };
  let parts = path.split('/').filter((p) => p !== '');
  if (parts.length < 3 || !apiPrefixes.includes(parts[0])) return info; // /api, /apis, /apis/apps: discovery
  info.apiPrefix = parts[0];
  parts = parts.slice(1);
  if (info.apiPrefix === 'apis') {
    info.apiGroup = parts[0];
    parts = parts.slice(1);
  }
  info.apiVersion = parts[0];
  parts = parts.slice(1);
  if (parts.length === 0) return info; // /api/v1: the resource list
  info.isResourceRequest = true;
  let legacyWatch = false;
  if (parts[0] === 'watch') {
    legacyWatch = true;
    parts = parts.slice(1);
  }
  switch (method) {
    case 'POST':
      info.verb = 'create';
      break;
    case 'GET':
      info.verb = 'get';
      break;
    case 'PUT':
      info.verb = 'update';
      break;
    case 'PATCH':
      info.verb = 'patch';
      break;
    case 'DELETE':
      info.verb = 'delete';
      break;
  }
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1];
      // /namespaces/x is the namespace itself; /namespaces/x/status its subresource; anything else is namespaced.
      if (parts.length > 2 && !namespaceSubresources.has(parts[2])) parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2];
  if (parts.length >= 2) info.name = parts[1];
  if (parts.length >= 1) info.resource = parts[0];
  if (parts.length < 2 && info.verb === 'get') info.verb = 'list';
  if (parts.length < 2 && info.verb === 'delete') info.verb = 'deletecollection';
  if ((legacyWatch || queryBool(url.query, 'watch')) && (info.verb === 'get' || info.verb === 'list')) info.verb = 'watch';
  // A field selector on metadata.name makes a list or watch of one name.
  if (info.verb === 'list' || info.verb === 'watch') {
    const fs = queryParam(url.query, 'fieldSelector');
    const m = fs ? /^metadata\.name==?([^,]+)$/.exec(fs) : null;
    if (m && !info.name) info.name = m[1];
  }
  return info;
}
