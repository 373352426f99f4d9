// The Ingress matching of engine/ingress/match.ts: the Kubernetes docs' Ingress "Examples" table
// of path matches, hostname wildcards, merging several Ingresses as ingress-nginx does (oldest
// wins), default backends and IngressClass selection.

import { describe, expect, it } from 'vitest';
import type { Ingress, PathType } from '../api/types';
import { buildServers, route, selectServer, servesIngress, type Route } from './match';

let seq = 0;
function ingress(name: string, spec: Ingress['spec'], created = seq++, extra: Partial<Ingress['metadata']> = {}): Ingress {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default', creationTimestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, created)).toISOString(), ...extra }, spec };
}

const svc = (name: string) => ({ service: { name, port: { number: 80 } } });

/** One Ingress with paths on the host-less rule, each to a Service named after its path and type. */
function paths(...ps: [PathType, string][]): Ingress {
  return ingress('paths', { ingressClassName: 'nginx', rules: [{ http: { paths: ps.map(([pathType, path]) => ({ path, pathType, backend: svc(`${pathType}:${path}`) })) } }] });
}

/** The Service a request goes to, 'default' for the controller's default backend, or `301 <location>`. */
function target(r: Route): string {
  if ('redirect' in r) return `301 ${r.redirect}`;
  return r.backend.kind === 'service' ? r.backend.name : 'default';
}

const to = (ings: Ingress[], host: string | undefined, path: string) => target(route(buildServers(ings), host, path));

describe('path matching: the Kubernetes docs examples table', () => {
  // https://kubernetes.io/docs/concepts/services-networking/ingress/#examples
  const rows: { kind: string; paths: [PathType, string][]; request: string; matches: string | null }[] = [
    { kind: 'Prefix', paths: [['Prefix', '/']], request: '/anything/at/all', matches: 'Prefix:/' },
    { kind: 'Exact', paths: [['Exact', '/foo']], request: '/foo', matches: 'Exact:/foo' },
    { kind: 'Exact', paths: [['Exact', '/foo']], request: '/bar', matches: null },
    { kind: 'Exact', paths: [['Exact', '/foo']], request: '/foo/', matches: null },
    { kind: 'Exact', paths: [['Exact', '/foo/']], request: '/foo', matches: null },
    { kind: 'Prefix', paths: [['Prefix', '/foo']], request: '/foo', matches: 'Prefix:/foo' },
    { kind: 'Prefix', paths: [['Prefix', '/foo']], request: '/foo/', matches: 'Prefix:/foo' },
    { kind: 'Prefix', paths: [['Prefix', '/foo/']], request: '/foo/', matches: 'Prefix:/foo/' },
    { kind: 'Prefix', paths: [['Prefix', '/aaa/bb']], request: '/aaa/bbb', matches: null },
    { kind: 'Prefix', paths: [['Prefix', '/aaa/bbb']], request: '/aaa/bbb', matches: 'Prefix:/aaa/bbb' },
    { kind: 'Prefix', paths: [['Prefix', '/aaa/bbb']], request: '/aaa/bbb/', matches: 'Prefix:/aaa/bbb' },
    { kind: 'Prefix', paths: [['Prefix', '/aaa/bbb']], request: '/aaa/bbb/ccc', matches: 'Prefix:/aaa/bbb' },
    { kind: 'Prefix', paths: [['Prefix', '/aaa/bbb']], request: '/aaa/bbbxyz', matches: null },
    { kind: 'Prefix', paths: [['Prefix', '/'], ['Prefix', '/aaa']], request: '/aaa/ccc', matches: 'Prefix:/aaa' },
    { kind: 'Prefix', paths: [['Prefix', '/'], ['Prefix', '/aaa'], ['Prefix', '/aaa/bbb']], request: '/aaa/bbb', matches: 'Prefix:/aaa/bbb' },
    { kind: 'Prefix', paths: [['Prefix', '/'], ['Prefix', '/aaa'], ['Prefix', '/aaa/bbb']], request: '/ccc', matches: 'Prefix:/' },
    { kind: 'Prefix', paths: [['Prefix', '/aaa']], request: '/ccc', matches: null },
    { kind: 'Mixed', paths: [['Prefix', '/foo'], ['Exact', '/foo']], request: '/foo', matches: 'Exact:/foo' },
    { kind: 'Mixed', paths: [['Exact', '/foo'], ['Prefix', '/foo']], request: '/foo', matches: 'Exact:/foo' },
  ];
  for (const r of rows) {
    it(`${r.kind} ${r.paths.map((p) => p[1]).join(', ')} ← ${r.request}: ${r.matches ?? 'no match (default backend)'}`, () => {
      expect(to([paths(...r.paths)], 'example.com', r.request)).toBe(r.matches ?? 'default');
    });
  }

  it('Prefix /aaa/bbb/ ← /aaa/bbb: the docs say it matches (trailing slash ignored); nginx answers 301 to /aaa/bbb/, which does', () => {
    const ings = [paths(['Prefix', '/aaa/bbb/'])];
    expect(to(ings, 'example.com', '/aaa/bbb')).toBe('301 /aaa/bbb/');
    expect(to(ings, 'example.com', '/aaa/bbb?x=1')).toBe('301 /aaa/bbb/?x=1');
    expect(to(ings, 'example.com', '/aaa/bbb/')).toBe('Prefix:/aaa/bbb/');
  });

  it('the longest path wins, whatever the order of the paths', () => {
    const ings = [paths(['Prefix', '/a'], ['Prefix', '/a/b/c'], ['Prefix', '/a/b'])];
    expect(to(ings, undefined, '/a/b/c/d')).toBe('Prefix:/a/b/c');
    expect(to(ings, undefined, '/a/b/x')).toBe('Prefix:/a/b');
    expect(to(ings, undefined, '/a/x')).toBe('Prefix:/a');
  });

  it('an Exact match beats a longer Prefix only when it equals the path', () => {
    const ings = [paths(['Exact', '/api'], ['Prefix', '/api/v1'])];
    expect(to(ings, undefined, '/api')).toBe('Exact:/api');
    expect(to(ings, undefined, '/api/v1/pods')).toBe('Prefix:/api/v1');
    expect(to(ings, undefined, '/api/v2')).toBe('default');
  });

  it('ImplementationSpecific is nginx\'s plain prefix location: a string prefix', () => {
    const ings = [paths(['ImplementationSpecific', '/foo'])];
    expect(to(ings, undefined, '/foo')).toBe('ImplementationSpecific:/foo');
    expect(to(ings, undefined, '/foo/bar')).toBe('ImplementationSpecific:/foo');
    expect(to(ings, undefined, '/foobar')).toBe('ImplementationSpecific:/foo');
    expect(to(ings, undefined, '/fo')).toBe('default');
  });

  it('the query string is not part of the match', () => {
    expect(to([paths(['Exact', '/foo'])], undefined, '/foo?bar=1')).toBe('Exact:/foo');
  });
});

describe('hosts', () => {
  const ings = [
    ingress('hosts', {
      rules: [
        { host: 'foo.bar.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('exact-host') }] } },
        { host: '*.foo.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('wildcard') }] } },
        { http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('any-host') }] } },
      ],
    }),
  ];

  it('an exact host, case-insensitively and without the port', () => {
    expect(to(ings, 'foo.bar.com', '/')).toBe('exact-host');
    expect(to(ings, 'FOO.bar.com:8080', '/')).toBe('exact-host');
  });

  it('a wildcard matches one DNS label only', () => {
    expect(to(ings, 'bar.foo.com', '/')).toBe('wildcard');
    expect(to(ings, 'baz.bar.foo.com', '/')).toBe('any-host');
    expect(to(ings, 'foo.com', '/')).toBe('any-host');
  });

  it('an exact host beats a wildcard that also matches it', () => {
    const both = [
      ingress('w', { rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('wild') }] } }] }),
      ingress('e', { rules: [{ host: 'www.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('www') }] } }] }),
    ];
    expect(to(both, 'www.example.com', '/')).toBe('www');
    expect(to(both, 'api.example.com', '/')).toBe('wild');
  });

  it('a host no rule names gets the host-less rules, else the default backend', () => {
    expect(to(ings, 'unknown.example', '/x')).toBe('any-host');
    const hostOnly = [ingress('h', { rules: [{ host: 'a.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('a') }] } }] })];
    expect(to(hostOnly, 'b.com', '/')).toBe('default');
    expect(to(hostOnly, undefined, '/')).toBe('default');
  });

  it('selectServer names the server it picked', () => {
    const s = buildServers(ings);
    expect(selectServer(s, 'x.foo.com').hostname).toBe('*.foo.com');
    expect(selectServer(s, 'nothing').hostname).toBe('_');
  });
});

describe('several Ingresses, merged as ingress-nginx does', () => {
  it('paths of the same host from several Ingresses make one server', () => {
    const a = ingress('a', { rules: [{ host: 'shop.com', http: { paths: [{ path: '/cart', pathType: 'Prefix', backend: svc('cart') }] } }] });
    const b = ingress('b', { rules: [{ host: 'shop.com', http: { paths: [{ path: '/pay', pathType: 'Prefix', backend: svc('pay') }] } }] });
    expect(to([a, b], 'shop.com', '/cart/1')).toBe('cart');
    expect(to([a, b], 'shop.com', '/pay')).toBe('pay');
    expect(to([a, b], 'shop.com', '/')).toBe('default');
  });

  it('the oldest Ingress wins the same path and pathType, whatever the list order', () => {
    const old = ingress('zzz-old', { rules: [{ host: 'x.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('old') }] } }] }, 1);
    const young = ingress('aaa-young', { rules: [{ host: 'x.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('young') }] } }] }, 2);
    expect(to([young, old], 'x.com', '/')).toBe('old');
    expect(to([old, young], 'x.com', '/')).toBe('old');
  });

  it('at the same creation time, namespace/name breaks the tie', () => {
    const b = ingress('b', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('b') }] } }] }, 5);
    const a = ingress('a', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('a') }] } }] }, 5);
    expect(to([b, a], undefined, '/')).toBe('a');
  });

  it('the same path with another pathType is another location', () => {
    const a = ingress('a', { rules: [{ http: { paths: [{ path: '/foo', pathType: 'Prefix', backend: svc('prefix') }] } }] }, 1);
    const b = ingress('b', { rules: [{ http: { paths: [{ path: '/foo', pathType: 'Exact', backend: svc('exact') }] } }] }, 2);
    expect(to([a, b], undefined, '/foo')).toBe('exact');
    expect(to([a, b], undefined, '/foo/x')).toBe('prefix');
  });
});

describe('default backends', () => {
  it('an Ingress with only a defaultBackend catches everything', () => {
    const ing = ingress('catch', { defaultBackend: svc('catch-all') });
    expect(to([ing], 'any.host', '/whatever')).toBe('catch-all');
  });

  it('an Ingress\'s defaultBackend serves the paths of its hosts that no rule matches', () => {
    const ing = ingress('site', { defaultBackend: svc('fallback'), rules: [{ host: 'site.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: svc('api') }] } }] });
    expect(to([ing], 'site.com', '/api/x')).toBe('api');
    expect(to([ing], 'site.com', '/other')).toBe('fallback');
    // createServers also sets the catch-all server's root to it.
    expect(to([ing], 'elsewhere.com', '/')).toBe('fallback');
  });

  it('a rule\'s own / path takes the root location from the default backend', () => {
    const ing = ingress('site', { defaultBackend: svc('fallback'), rules: [{ host: 'site.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('root') }] } }] });
    expect(to([ing], 'site.com', '/x')).toBe('root');
  });

  it('without one, the controller\'s default backend', () => {
    expect(to([], 'a.com', '/')).toBe('default');
  });
});

describe('IngressClass', () => {
  const classes = new Map([
    ['nginx', { spec: { controller: 'k8s.io/ingress-nginx' } }],
    ['other', { spec: { controller: 'example.com/other' } }],
  ]);
  const with_ = (spec: Ingress['spec'], annotations?: Record<string, string>) => ingress('i', spec, 0, annotations ? { annotations } : {});

  it('serves Ingresses whose class is one of its controller\'s', () => {
    expect(servesIngress(with_({ ingressClassName: 'nginx' }), classes)).toBe(true);
    expect(servesIngress(with_({ ingressClassName: 'other' }), classes)).toBe(false);
    expect(servesIngress(with_({ ingressClassName: 'missing' }), classes)).toBe(false);
  });

  it('the legacy annotation must say nginx; no class at all is not served (no --watch-ingress-without-class)', () => {
    expect(servesIngress(with_({}, { 'kubernetes.io/ingress.class': 'nginx' }), classes)).toBe(true);
    expect(servesIngress(with_({}, { 'kubernetes.io/ingress.class': 'traefik' }), classes)).toBe(false);
    expect(servesIngress(with_({}), classes)).toBe(false);
    expect(servesIngress(with_({}), classes, { controllerClass: 'k8s.io/ingress-nginx', annotationValue: 'nginx', watchWithoutClass: true })).toBe(true);
  });
});
