// A pod's resolv.conf (pkg/kubelet/network/dns/dns_test.go's ClusterFirst cases) and the names
// glibc's res_nsearch and musl's name_from_dns_search try, in order.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { continueSearch, formatResolvConf, ndotsOf, parseResolvConf, podResolvConf, searchCandidates } from './search';

const pod = (ns: string, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: ns }, spec: { containers: [], ...spec } });

describe('resolv.conf of a pod', () => {
  it('ClusterFirst: kube-dns, the namespace search path, ndots:5, written as containerd writes it', () => {
    const c = podResolvConf(pod('shop'));
    expect(c).toEqual({ nameservers: ['10.96.0.10'], searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] });
    expect(formatResolvConf(c)).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('dnsConfig adds nameservers and searches and overrides options by name', () => {
    const c = podResolvConf(pod('default', { dnsConfig: { nameservers: ['1.2.3.4'], searches: ['ns1.svc.cluster.local', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }));
    expect(c.nameservers).toEqual(['10.96.0.10', '1.2.3.4']);
    expect(c.searches).toEqual(['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'ns1.svc.cluster.local', 'my.dns.search.suffix']);
    expect(c.options).toEqual(['ndots:2', 'edns0']);
  });

  it('hostNetwork with ClusterFirst falls back to the node resolver; None starts empty', () => {
    expect(podResolvConf(pod('default', { hostNetwork: true })).nameservers).toEqual([]);
    expect(podResolvConf(pod('default', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })).nameservers).toEqual(['10.96.0.10']);
    expect(podResolvConf(pod('default', { dnsPolicy: 'None', dnsConfig: { nameservers: ['8.8.8.8'] } }))).toEqual({ nameservers: ['8.8.8.8'], searches: [], options: [] });
  });

  it('parses back what it writes', () => {
    const text = formatResolvConf(podResolvConf(pod('a')));
    expect(parseResolvConf(`# generated\n${text}`)).toEqual(podResolvConf(pod('a')));
    expect(ndotsOf(parseResolvConf('options ndots:5 timeout:2'))).toBe(5);
    expect(ndotsOf(parseResolvConf('nameserver 1.1.1.1'))).toBe(1);
  });
});

describe('search candidates', () => {
  const conf = podResolvConf(pod('default'));

  it('fewer than ndots dots: every search domain, then the name as is', () => {
    expect(searchCandidates('web', conf)).toEqual(['web.default.svc.cluster.local.', 'web.svc.cluster.local.', 'web.cluster.local.', 'web.']);
    expect(searchCandidates('kubernetes.default', conf)).toEqual(['kubernetes.default.default.svc.cluster.local.', 'kubernetes.default.svc.cluster.local.', 'kubernetes.default.cluster.local.', 'kubernetes.default.']);
    // Four dots is still fewer than five: even a full service name goes through the search list first.
    expect(searchCandidates('web.default.svc.cluster.local', conf)[0]).toBe('web.default.svc.cluster.local.default.svc.cluster.local.');
  });

  it('ndots or more: glibc tries the name first and then still the search list; musl only the name', () => {
    expect(searchCandidates('a.b.c.d.e.f', conf, 'glibc')).toEqual(['a.b.c.d.e.f.', 'a.b.c.d.e.f.default.svc.cluster.local.', 'a.b.c.d.e.f.svc.cluster.local.', 'a.b.c.d.e.f.cluster.local.']);
    expect(searchCandidates('a.b.c.d.e.f', conf, 'musl')).toEqual(['a.b.c.d.e.f.']);
  });

  it('a final dot: the name alone', () => {
    expect(searchCandidates('web.default.svc.cluster.local.', conf)).toEqual(['web.default.svc.cluster.local.']);
  });

  it('glibc goes on after NXDOMAIN, NODATA and SERVFAIL; musl only after NXDOMAIN', () => {
    expect(continueSearch('glibc', 'NXDOMAIN', 0)).toBe(true);
    expect(continueSearch('glibc', 'NOERROR', 0)).toBe(true);
    expect(continueSearch('glibc', 'SERVFAIL', 0)).toBe(true);
    expect(continueSearch('glibc', 'REFUSED', 0)).toBe(false);
    expect(continueSearch('glibc', 'NOERROR', 1)).toBe(false);
    expect(continueSearch('musl', 'NXDOMAIN', 0)).toBe(true);
    expect(continueSearch('musl', 'NOERROR', 0)).toBe(false);
    expect(continueSearch('musl', 'SERVFAIL', 0)).toBe(false);
  });
});
