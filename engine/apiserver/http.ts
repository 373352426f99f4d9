// HTTP as the apiserver sees it, as plain data: a request is (method, path, query, headers, body), a
// response (status, headers, body), and a watch a response whose body arrives in chunks. Between
// processes they travel on a stream (one per client connection, as HTTP/2 multiplexes requests on
// one TCP connection); a later adapter can serve the same handler over real HTTP unchanged.

/** HTTP methods the apiserver serves. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request. Header names are lower case. */
export interface HttpRequest {
  method: Method;
  /** Path and query, as on the request line: `/api/v1/namespaces/default/pods?limit=500`. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A response's head; the body follows in `body` (whole) or in chunks (a watch). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** client → apiserver on a connection. */
export type ClientFrame = { t: 'req'; id: number; req: HttpRequest } | { t: 'cancel'; id: number };

/**
 * apiserver → client: a whole response, or the head of a streamed one (`stream: true`) followed by
 * chunks and an end (the server closing the response, as a watch timeout or an error does).
 */
export type ServerFrame =
  | { t: 'res'; id: number; res: HttpResponse; stream?: boolean }
  | { t: 'chunk'; id: number; data: string }
  | { t: 'end'; id: number };

/** A URL split into path and decoded query parameters (repeated keys keep every value). */
export interface ParsedUrl {
  path: string;
  query: Map<string, string[]>;
}

/** Splits `path?a=1&b=x%20y`; `+` is a space, as in application/x-www-form-urlencoded. */
export function parseUrl(url: string): ParsedUrl {
  const q = url.indexOf('?');
  // net/http hands handlers the decoded path (URL.Path): `system%3Anodes` is `system:nodes`.
  const path = decodePath(q < 0 ? url : url.slice(0, q));
  const query = new Map<string, string[]>();
  if (q >= 0) {
    for (const part of url.slice(q + 1).split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const k = decode(eq < 0 ? part : part.slice(0, eq));
      const v = eq < 0 ? '' : decode(part.slice(eq + 1));
      query.set(k, [...(query.get(k) ?? []), v]);
    }
  }
  return { path, query };
}

/** Percent-escapes decoded, `+` kept (it is a plus in a path); a bad escape leaves the path as it is. */
function decodePath(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A path segment escaped as Go's url.PathEscape does: `:` and `@` stay as they are. */
export function pathEscape(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Builds `path?k=v&…` with every value percent-encoded; undefined values are left out. */
export function buildUrl(path: string, query: Record<string, string | number | boolean | undefined> = {}): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** The first value of a query parameter. */
export function queryParam(q: Map<string, string[]>, key: string): string | undefined {
  return q.get(key)?.[0];
}

/** A boolean query parameter as apimachinery's conversion reads it (`1`, `true`, `t`…). */
export function queryBool(q: Map<string, string[]>, key: string): boolean {
  const v = queryParam(q, key);
  return v !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);
}
