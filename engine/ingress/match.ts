// How ingress-nginx turns Ingresses into nginx servers and locations, and how nginx picks one for a
// request. Pure: no process, no clock. Models ingress-nginx v1.12 internal/ingress/controller
// (controller.go createServers, getBackendServers, updateServerLocations; the template's
// buildServerName and buildLocation) and nginx's server_name and location selection:
//
// - Ingresses are taken oldest first (sortIngressSlice: creationTimestamp, then namespace/name), so
//   the oldest wins a conflict (a server's default, the same path with the same pathType).
// - One server per host; rules without a host go to the catch-all server `_`. Every server starts
//   with a root location `/` that goes to the default backend: for a host, the spec.defaultBackend of
//   the oldest Ingress that names the host (else the controller's own, a 404); for `_`, the
//   defaultBackend of the newest Ingress that has one (createServers overwrites it each time), else
//   the controller's. A rule's `/` Prefix path replaces a root location that is still a default.
// - pathType Exact is `location = /p`; Prefix `/p` becomes `location /p/` plus `location = /p`
//   (updateServerLocations), so it matches by path element; ImplementationSpecific is nginx's plain
//   prefix location, a string prefix (`/foo` matches `/foobar`), as ingress-nginx renders it
//   without use-regex.
// - nginx: an exact location equal to the URI wins; else the longest prefix location; a prefix
//   location ending in `/` whose name is the URI plus `/` answers 301 to it (proxy_pass's auto-redirect).
// - server_name: the Host header without its port, case-insensitive; an exact name first, then a
//   wildcard `*.foo.com`, which ingress-nginx renders as the regex `^[\w-]+\.foo\.com$` (one label);
//   no match → the `_` server.

import type { Ingress, IngressBackend, PathType } from '../api/types';

/** The catch-all server's name (defServerName). */
export const defaultServerName = '_';

/** Where a location sends requests: a Service port of the Ingress's namespace, or the controller's own default backend (404). */
export type Backend = { kind: 'service'; namespace: string; name: string; port: { name?: string; number?: number } } | { kind: 'default' };

/** One nginx location. */
export interface Location {
  /** The location's name: `/foo/` (prefix) or `/foo` (exact). */
  path: string;
  exact: boolean;
  /** The Ingress path it came from, and its type (the root default is a Prefix `/`). */
  ingressPath: string;
  pathType: PathType;
  backend: Backend;
  /** Still the server's default root (a rule's `/` Prefix may replace it). */
  isDefBackend: boolean;
  /** `namespace/name` of the Ingress it came from, when it did. */
  ingress?: string;
}

/** One nginx server. */
export interface Server {
  hostname: string;
  locations: Location[];
}

/** The whole configuration: servers by hostname (`_` always there). */
export type Servers = Map<string, Server>;

const key = (ing: Ingress) => `${ing.metadata.namespace ?? ''}/${ing.metadata.name ?? ''}`;

/** sortIngressSlice: oldest first, then by namespace/name. */
export function sortIngresses(ingresses: readonly Ingress[]): Ingress[] {
  const ts = (i: Ingress) => Date.parse(i.metadata.creationTimestamp ?? '') || 0;
  return [...ingresses].sort((a, b) => ts(a) - ts(b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function backendOf(ing: Ingress, b: IngressBackend | undefined): Backend | null {
  if (!b?.service) return null;
  return { kind: 'service', namespace: ing.metadata.namespace ?? 'default', name: b.service.name, port: { ...b.service.port } };
}

const lowerHost = (h: string) => h.toLowerCase();

/** createServers + getBackendServers + updateServerLocations, over the Ingresses this controller serves. */
export function buildServers(ingresses: readonly Ingress[]): Servers {
  const data = sortIngresses(ingresses);
  const root = (backend: Backend, ing?: string): Location => ({ path: '/', exact: false, ingressPath: '/', pathType: 'Prefix', backend, isDefBackend: true, ...(ing ? { ingress: ing } : {}) });
  const servers: Servers = new Map([[defaultServerName, { hostname: defaultServerName, locations: [root({ kind: 'default' })] }]]);
  for (const ing of data) {
    const def = backendOf(ing, ing.spec?.defaultBackend);
    if (def) {
      const defLoc = servers.get(defaultServerName)!.locations[0];
      defLoc.backend = def;
      defLoc.ingress = key(ing);
      if (defLoc.isDefBackend && (ing.spec?.rules ?? []).length === 0) defLoc.isDefBackend = false;
    }
    for (const rule of ing.spec?.rules ?? []) {
      const host = rule.host ? lowerHost(rule.host) : defaultServerName;
      if (servers.has(host)) continue;
      servers.set(host, { hostname: host, locations: [root(def ?? { kind: 'default' }, key(ing))] });
    }
  }
  for (const ing of data) {
    for (const rule of ing.spec?.rules ?? []) {
      const server = servers.get(rule.host ? lowerHost(rule.host) : defaultServerName)!;
      for (const p of rule.http?.paths ?? []) {
        const backend = backendOf(ing, p.backend);
        // A path without a service backend (a resource) uses the default backend.
        if (!backend) continue;
        const path = p.path || '/';
        const pathType: PathType = p.pathType ?? 'ImplementationSpecific';
        let add = true;
        for (const loc of server.locations) {
          if (loc.ingressPath !== path) continue;
          // Same paths but different types are allowed.
          if (loc.pathType !== pathType) break;
          add = false;
          // Already configured by an older Ingress: it keeps it.
          if (!loc.isDefBackend) break;
          loc.backend = backend;
          loc.isDefBackend = false;
          loc.ingress = key(ing);
          break;
        }
        if (add) server.locations.push({ path, exact: pathType === 'Exact', ingressPath: path, pathType, backend, isDefBackend: false, ingress: key(ing) });
      }
    }
  }
  for (const s of servers.values()) s.locations = updateServerLocations(s.locations);
  return servers;
}

// Models updateServerLocations: a Prefix `/p` (not `/`, not ending in `/`) becomes `/p/` plus an exact `= /p`, unless an Exact `/p` exists.
function updateServerLocations(locations: Location[]): Location[] {
  const exact = new Set(locations.filter((l) => l.pathType === 'Exact').map((l) => l.path));
  const out: Location[] = [];
  for (const l of locations) {
    if (l.path === '/' || l.pathType !== 'Prefix' || l.path.endsWith('/')) {
      out.push(l);
      continue;
    }
    if (exact.has(l.path)) {
      out.push({ ...l, path: `${l.path}/` });
      continue;
    }
    out.push({ ...l, path: `${l.path}/` }, { ...l, exact: true });
  }
  return out;
}

/** The server_name regex ingress-nginx writes for `*.foo.com` (buildServerName): exactly one label before it. */
function wildcardMatches(pattern: string, host: string): boolean {
  const rest = pattern.slice(2);
  if (!host.endsWith(`.${rest}`)) return false;
  const label = host.slice(0, host.length - rest.length - 1);
  return /^[\w-]+$/.test(label);
}

/** The server nginx picks for a Host header: exact name, then a wildcard, then `_`. */
export function selectServer(servers: Servers, hostHeader: string | undefined): Server {
  const host = lowerHost((hostHeader ?? '').replace(/:\d+$/, '').replace(/\.$/, ''));
  const exact = servers.get(host);
  if (exact && host !== defaultServerName && !host.startsWith('*')) return exact;
  // Regex servers in the order of the configuration: ingress-nginx sorts servers by hostname.
  const wild = [...servers.keys()].filter((h) => h.startsWith('*.')).sort();
  for (const w of wild) if (wildcardMatches(w, host)) return servers.get(w)!;
  return servers.get(defaultServerName)!;
}

/** What nginx does with a URI in a server: a location, or a 301 to the URI with a slash. */
export type LocationMatch = { location: Location } | { redirect: string };

/** nginx's location selection for a request's path (its query is not part of the match). */
export function selectLocation(server: Server, uri: string): LocationMatch | null {
  const q = uri.indexOf('?');
  const path = q < 0 ? uri : uri.slice(0, q);
  const query = q < 0 ? '' : uri.slice(q);
  for (const l of server.locations) if (l.exact && l.path === path) return { location: l };
  let best: Location | null = null;
  let redirect: Location | null = null;
  for (const l of server.locations) {
    if (l.exact) continue;
    if (path.startsWith(l.path)) {
      if (!best || l.path.length > best.path.length) best = l;
    } else if (l.path.endsWith('/') && l.path === `${path}/`) redirect = l;
  }
  // The auto-redirect location is longer than any prefix that matched.
  if (redirect && (!best || redirect.path.length > best.path.length)) return { redirect: `${path}/${query}` };
  return best ? { location: best } : null;
}

/** Where one request goes. */
export type Route = { backend: Backend; location: Location; server: string } | { redirect: string; server: string };

/** The route of a request with this Host header and URI. */
export function route(servers: Servers, host: string | undefined, uri: string): Route {
  const server = selectServer(servers, host);
  const m = selectLocation(server, uri);
  // Every server has a root location, so only a path that does not start with `/` finds nothing.
  if (!m) return { backend: { kind: 'default' }, location: server.locations[0], server: server.hostname };
  if ('redirect' in m) return { redirect: m.redirect, server: server.hostname };
  return { backend: m.location.backend, location: m.location, server: server.hostname };
}

/** The IngressClass annotation that makes a class the default (networking.k8s.io/v1 AnnotationIsDefaultIngressClass). */
export const isDefaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';

/** The legacy annotation ingress-nginx still reads (--ingress-class's value). */
export const legacyClassAnnotation = 'kubernetes.io/ingress.class';

/** This controller's identity: --controller-class and --ingress-class. */
export interface ClassConfig {
  controllerClass: string;
  annotationValue: string;
  /** --watch-ingress-without-class (false by default). */
  watchWithoutClass?: boolean;
}

/** ingress-nginx's defaults: controller k8s.io/ingress-nginx, class nginx. */
export const nginxClassConfig: ClassConfig = { controllerClass: 'k8s.io/ingress-nginx', annotationValue: 'nginx' };

// Models store.go GetIngressClass and IsValid: spec.ingressClassName naming a class of this
// controller, else the legacy annotation equal to --ingress-class, else only with --watch-ingress-without-class.
// (The default class reaches an Ingress through the DefaultIngressClass admission plugin, which fills spec.ingressClassName.)
/** Whether this controller serves the Ingress. */
export function servesIngress(ing: Ingress, classes: ReadonlyMap<string, { spec?: { controller?: string } }>, c: ClassConfig = nginxClassConfig): boolean {
  const name = ing.spec?.ingressClassName;
  if (name !== undefined && name !== null) return classes.get(name)?.spec?.controller === c.controllerClass;
  const ann = ing.metadata.annotations?.[legacyClassAnnotation];
  if (ann !== undefined) return ann === c.annotationValue;
  return !!c.watchWithoutClass;
}
