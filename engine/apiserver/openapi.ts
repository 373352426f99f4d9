// kube-apiserver's OpenAPI v3 endpoints: GET /openapi/v3 (the index of group-version documents,
// each named by the SHA-512 of its JSON) and GET /openapi/v3/<api/v1 | apis/group/version>, as
// kube-openapi's handler3 serves them behind kube-aggregator's spec proxier. `kubectl explain`
// reads them. /openapi/v2 is not served: kubectl then says so when asked for plaintext-openapiv2.

import { openAPIGroupVersions, openAPIV3Document, schemaBundle, sha512Hex } from '../api/openapi';
import { versionInfo } from './discovery';
import type { HttpResponse } from './http';
import { structs } from './patch/schema-data';

/** One served document: its bytes and their ETag. */
interface Spec {
  body: string;
  etag: string;
}

/** The documents never change while the program runs, so they are built once, on first use. */
let built: { index: Spec; groups: Map<string, Spec> } | null = null;

function spec(body: string): Spec {
  return { body, etag: sha512Hex(new TextEncoder().encode(body)) };
}

// Models k8s.io/kube-openapi/pkg/handler3/handler.go constructServerRelativeURL
function serverRelativeURL(gvPath: string, etag: string): string {
  return `/openapi/v3/${gvPath}?hash=${etag}`;
}

function specs(): { index: Spec; groups: Map<string, Spec> } {
  if (built) return built;
  const groups = new Map<string, Spec>();
  const serverVersion = versionInfo().gitVersion as string;
  for (const gv of openAPIGroupVersions()) groups.set(gv.path, spec(JSON.stringify(openAPIV3Document(gv, schemaBundle, structs, serverVersion))));
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const path of [...groups.keys()].sort()) paths[path] = { serverRelativeURL: serverRelativeURL(path, groups.get(path)!.etag) };
  built = { index: spec(JSON.stringify({ paths })), groups };
  return built;
}

/** Whether an Accept header admits JSON (goautoneg over application/json, application/*, * / *). */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((clause) => {
    const type = clause.split(';')[0].trim().toLowerCase();
    return type === 'application/json' || type === 'application/*' || type === '*/*';
  });
}

/** A year after `ms` (Go's AddDate(1, 0, 0)), in RFC 1123 as Go formats a UTC time (`Mon, 02 Jan 2006 15:04:05 UTC`). */
function aYearOn(ms: number): string {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toUTCString().replace(/GMT$/, 'UTC');
}

// Models k8s.io/kube-openapi/pkg/handler3/handler.go HandleDiscovery and HandleGroupVersion
/**
 * The answer to a GET under /openapi/v3, or null for any other path. `wallMs` is the wall time
 * (for the year-long Expires of a hashed URL).
 */
export function serveOpenAPIV3(path: string, query: Map<string, string[]>, headers: Record<string, string>, wallMs: number): HttpResponse | null {
  if (path !== '/openapi/v3' && !path.startsWith('/openapi/v3/')) return null;
  const { index, groups } = specs();
  const cached = (s: Spec, extra: Record<string, string> = {}): HttpResponse =>
    headers['if-none-match'] === `"${s.etag}"` ? { status: 304, headers: { etag: `"${s.etag}"`, ...extra }, body: '' } : { status: 200, headers: { 'content-type': 'application/json', etag: `"${s.etag}"`, ...extra }, body: s.body };
  if (path === '/openapi/v3') return cached(index);
  const gvPath = path.slice('/openapi/v3/'.length);
  const s = groups.get(gvPath);
  // kube-aggregator answers a group version nobody serves with a bare 404.
  if (!s) return { status: 404, headers: {}, body: '' };
  if (!acceptsJson(headers['accept'])) return { status: 406, headers: { vary: 'Accept' }, body: '' };
  const hash = query.get('hash')?.[0];
  if (hash) {
    // A stale hash is redirected to the current document, whose URL can then be cached forever.
    if (hash !== s.etag) return { status: 301, headers: { location: serverRelativeURL(gvPath, s.etag), vary: 'Accept' }, body: '' };
    return cached(s, { vary: 'Accept', 'cache-control': 'public, immutable', expires: aYearOn(wallMs) });
  }
  return cached(s, { vary: 'Accept' });
}
