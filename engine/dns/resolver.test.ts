// The kubernetes plugin's answers, case by case from CoreDNS 1.11.3's plugin/kubernetes tests
// (handler_test.go dnsTestCases over APIConnServeTest, handler_pod_insecure_test.go,
// reverse_test.go) and the examples of github.com/kubernetes/dns docs/specification.md.

import { describe, expect, it } from 'vitest';
import type { DnsMsg } from './backend';
import { DnsCache } from './cache';
import { kubeadmKubernetesConfig, type KubernetesConfig } from './kubernetes';
import type { DnsType } from './protocol';
import { inspectDns, resolve } from './resolver';
import { dnsState, endpointSlice, service } from './testing';

const lines = (rs: DnsMsg['answer']) => rs.map((r) => `${r.name} ${r.ttl} IN ${r.type} ${r.data}`).sort();

// APIConnServeTest's services and endpoints, as apiserver objects.
const serveTest = dnsState({
  namespaces: ['testns', 'kube-system', 'podns', 'unexposedns'],
  services: [
    service('kube-system', 'kubedns', { clusterIPs: ['10.0.0.10'], ports: [{ name: 'dns', protocol: 'UDP', port: 53 }] }),
    service('testns', 'svc1', { clusterIPs: ['10.0.0.1'], ports: [{ name: 'http', port: 80 }] }),
    service('testns', 'svcempty', { clusterIPs: ['10.0.0.1'], ports: [{ name: 'http', port: 80 }] }),
    service('testns', 'svc6', { clusterIPs: ['1234:abcd::1'], ports: [{ name: 'http', port: 80 }] }),
    service('testns', 'hdls1', { clusterIPs: ['None'] }),
    service('testns', 'external', { type: 'ExternalName', externalName: 'ext.interwebs.test', ports: [{ name: 'http', port: 80 }] }),
    service('testns', 'external-to-service', { type: 'ExternalName', externalName: 'svc1.testns.svc.cluster.local.', ports: [{ name: 'http', port: 80 }] }),
    service('testns', 'hdlsprtls', { clusterIPs: ['None'] }),
    service('unexposedns', 'svc1', { clusterIPs: ['10.0.0.2'], ports: [{ name: 'http', port: 80 }] }),
    service('testns', 'svc-dual-stack', { clusterIPs: ['10.0.0.3', '10::3'], ports: [{ name: 'http', port: 80 }] }),
  ],
  slices: [
    endpointSlice('kube-system', 'kubedns', 'kubedns', [{ ip: '172.0.0.100' }], [{ name: 'dns', protocol: 'UDP', port: 53 }]),
    endpointSlice('testns', 'svc1-slice1', 'svc1', [{ ip: '172.0.0.1', hostname: 'ep1a' }], [{ name: 'http', port: 80 }]),
    endpointSlice('testns', 'svcempty-slice1', 'svcempty', [], [{ name: 'http', port: 80 }]),
    endpointSlice('testns', 'hdls1-slice1', 'hdls1', [{ ip: '172.0.0.2' }, { ip: '172.0.0.3' }, { ip: '172.0.0.4', hostname: 'dup-name' }, { ip: '172.0.0.5', hostname: 'dup-name' }], [{ name: 'http', port: 80 }]),
    endpointSlice('testns', 'hdls1-slice2', 'hdls1', [{ ip: '5678:abcd::1' }, { ip: '5678:abcd::2' }], [{ name: 'http', port: 80 }]),
    endpointSlice('testns', 'hdlsprtls-slice1', 'hdlsprtls', [{ ip: '172.0.0.20' }]),
  ],
});

// TestServeDNS: ttl 5 (the plugin's default), only testns exposed.
const serveTestConfig: KubernetesConfig = { ...kubeadmKubernetesConfig, zones: ['cluster.local.'], ttl: 5, podMode: 'disabled', fallthrough: [], namespaces: ['testns'] };

type Case = { q: string; t: DnsType; rcode: string; answer?: string[]; extra?: string[]; soa?: boolean };

const dnsTestCases: Case[] = [
  { q: 'svc1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'] },
  { q: 'svcempty.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.1'] },
  { q: 'svc1.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['svc1.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc1.testns.svc.cluster.local.'], extra: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'] },
  { q: 'svc6.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['svc6.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc6.testns.svc.cluster.local.'], extra: ['svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1'] },
  { q: '_http._tcp.svc1.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['_http._tcp.svc1.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc1.testns.svc.cluster.local.'], extra: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'] },
  { q: '_http._tcp.svcempty.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['_http._tcp.svcempty.testns.svc.cluster.local. 5 IN SRV 0 100 80 svcempty.testns.svc.cluster.local.'], extra: ['svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.1'] },
  {
    q: 'hdls1.testns.svc.cluster.local.',
    t: 'A',
    rcode: 'NOERROR',
    answer: ['hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2', 'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3', 'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4', 'hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.5'],
  },
  { q: 'hdlsprtls.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['hdlsprtls.testns.svc.cluster.local. 5 IN A 172.0.0.20'] },
  { q: '172-0-0-20.hdlsprtls.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['172-0-0-20.hdlsprtls.testns.svc.cluster.local. 5 IN A 172.0.0.20'] },
  { q: '172-0-0-2.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['172-0-0-2.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2'] },
  { q: 'dup-name.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['dup-name.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4', 'dup-name.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.5'] },
  {
    q: '_http._tcp.hdls1.testns.svc.cluster.local.',
    t: 'SRV',
    rcode: 'NOERROR',
    // Six endpoints share priority 0: floor(100 / 600 × 100) = 16 each.
    answer: [
      '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 172-0-0-2.hdls1.testns.svc.cluster.local.',
      '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 172-0-0-3.hdls1.testns.svc.cluster.local.',
      '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 5678-abcd--1.hdls1.testns.svc.cluster.local.',
      '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 5678-abcd--2.hdls1.testns.svc.cluster.local.',
      '_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 16 80 dup-name.hdls1.testns.svc.cluster.local.',
    ],
    extra: [
      '172-0-0-2.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2',
      '172-0-0-3.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3',
      '5678-abcd--1.hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::1',
      '5678-abcd--2.hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::2',
      'dup-name.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4',
      'dup-name.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.5',
    ],
  },
  { q: '5678-abcd--2.hdls1.testns.svc.cluster.local', t: 'AAAA', rcode: 'NOERROR', answer: ['5678-abcd--2.hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::2'] },
  { q: 'external.testns.svc.cluster.local.', t: 'CNAME', rcode: 'NOERROR', answer: ['external.testns.svc.cluster.local. 5 IN CNAME ext.interwebs.test.'] },
  // Upstream has no answer in Kubeplay (forward fails): the CNAME stands alone (handler.go keeps it; e1 is nil).
  { q: 'external.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['external.testns.svc.cluster.local. 5 IN CNAME ext.interwebs.test.'] },
  { q: 'external-to-service.testns.svc.cluster.local', t: 'A', rcode: 'NOERROR', answer: ['external-to-service.testns.svc.cluster.local. 5 IN CNAME svc1.testns.svc.cluster.local.', 'svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'] },
  { q: 'svc1.testns.svc.cluster.local.', t: 'AAAA', rcode: 'NOERROR', soa: true },
  { q: 'svc0.testns.svc.cluster.local.', t: 'AAAA', rcode: 'NXDOMAIN', soa: true },
  { q: 'svc0.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', soa: true },
  { q: 'svc0.svc-nons.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', soa: true },
  { q: 'dns-version.cluster.local.', t: 'TXT', rcode: 'NOERROR', answer: ['dns-version.cluster.local. 28800 IN TXT "1.1.0"'] },
  { q: 'svc1.testns.svc.cluster.local.', t: 'TXT', rcode: 'NOERROR', soa: true },
  { q: 'svc0.svc-nons.svc.cluster.local.', t: 'TXT', rcode: 'NXDOMAIN', soa: true },
  { q: 'bogusendpoint.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', soa: true },
  { q: 'bogusendpoint.svc0.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', soa: true },
  { q: 'svc6.testns.svc.cluster.local.', t: 'AAAA', rcode: 'NOERROR', answer: ['svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1'] },
  { q: '_http._tcp.svc6.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['_http._tcp.svc6.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc6.testns.svc.cluster.local.'], extra: ['svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1'] },
  { q: 'hdls1.testns.svc.cluster.local.', t: 'AAAA', rcode: 'NOERROR', answer: ['hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::1', 'hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::2'] },
  { q: '5678-abcd--1.hdls1.testns.svc.cluster.local.', t: 'AAAA', rcode: 'NOERROR', answer: ['5678-abcd--1.hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::1'] },
  { q: 'svc.cluster.local.', t: 'A', rcode: 'NOERROR', soa: true },
  { q: 'pod.cluster.local.', t: 'A', rcode: 'NOERROR', soa: true },
  { q: 'testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', soa: true },
  { q: 'svc.cluster.local.', t: 'NS', rcode: 'NOERROR', soa: true },
  { q: 'testns.svc.cluster.local.', t: 'NS', rcode: 'NOERROR', soa: true },
  { q: 'foo.cluster.local.', t: 'NS', rcode: 'NXDOMAIN', soa: true },
  { q: 'foo.svc.cluster.local.', t: 'NS', rcode: 'NXDOMAIN', soa: true },
  { q: 'svc-dual-stack.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['svc-dual-stack.testns.svc.cluster.local. 5 IN A 10.0.0.3'] },
  { q: 'svc-dual-stack.testns.svc.cluster.local.', t: 'AAAA', rcode: 'NOERROR', answer: ['svc-dual-stack.testns.svc.cluster.local. 5 IN AAAA 10::3'] },
  {
    q: 'svc-dual-stack.testns.svc.cluster.local.',
    t: 'SRV',
    rcode: 'NOERROR',
    answer: ['svc-dual-stack.testns.svc.cluster.local. 5 IN SRV 0 50 80 svc-dual-stack.testns.svc.cluster.local.'],
    extra: ['svc-dual-stack.testns.svc.cluster.local. 5 IN A 10.0.0.3', 'svc-dual-stack.testns.svc.cluster.local. 5 IN AAAA 10::3'],
  },
  { q: 'svc1.testns.svc.cluster.local.', t: 'SOA', rcode: 'NOERROR', soa: true },
  { q: 'endpoint.external.testns.svc.cluster.local.', t: 'CNAME', rcode: 'NXDOMAIN', soa: true },
  { q: 'subdomain.subdomain.external.testns.svc.cluster.local.', t: 'CNAME', rcode: 'NXDOMAIN', soa: true },
];

function check(m: DnsMsg, c: Case): void {
  expect(m.rcode, `${c.q} ${c.t}`).toBe(c.rcode);
  expect(lines(m.answer), `${c.q} ${c.t} answer`).toEqual([...(c.answer ?? [])].sort());
  expect(lines(m.extra), `${c.q} ${c.t} extra`).toEqual([...(c.extra ?? [])].sort());
  if (c.soa) expect(m.ns.map((r) => r.type)).toEqual(['SOA']);
  else expect(m.ns).toEqual([]);
  expect(m.authoritative).toBe(true);
}

describe('kubernetes plugin: handler_test.go dnsTestCases', () => {
  for (const c of dnsTestCases) it(`${c.q} ${c.t} → ${c.rcode}`, () => check(resolve({ state: serveTest, kubernetes: serveTestConfig }, c.q, c.t), c));

  it('the SOA of a negative answer: ns.dns.<zone> hostmaster.<zone> serial 7200 1800 86400 ttl', () => {
    const m = resolve({ state: serveTest, kubernetes: serveTestConfig }, 'svc0.testns.svc.cluster.local.', 'A');
    expect(lines(m.ns)).toEqual(['cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1700000000 7200 1800 86400 5']);
  });

  it('keeps the case of the question in owner names and the zone (handler.go "maintain case")', () => {
    const m = resolve({ state: serveTest, kubernetes: serveTestConfig }, 'SVC1.testns.svc.Cluster.Local.', 'A');
    expect(lines(m.answer)).toEqual(['SVC1.testns.svc.Cluster.Local. 5 IN A 10.0.0.1']);
  });
});

describe('kubernetes plugin: namespaces, sync, pods insecure', () => {
  const all: KubernetesConfig = { ...serveTestConfig, namespaces: [] };

  it('every namespace is exposed when none is listed, but only existing ones answer (TestServeNamespaceDNS)', () => {
    check(resolve({ state: serveTest, kubernetes: all }, 'svc1.testns.svc.cluster.local.', 'A'), { q: '', t: 'A', rcode: 'NOERROR', answer: ['svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1'] });
    check(resolve({ state: serveTest, kubernetes: all }, 'svc1.nsnoexist.svc.cluster.local.', 'A'), { q: '', t: 'A', rcode: 'NXDOMAIN', soa: true });
  });

  it('SERVFAIL instead of NXDOMAIN before the informers have synced (TestNotSyncedServeDNS)', () => {
    const unsynced = { ...serveTest, synced: false };
    check(resolve({ state: unsynced, kubernetes: serveTestConfig }, 'svc0.testns.svc.cluster.local.', 'A'), { q: '', t: 'A', rcode: 'SERVFAIL', soa: true });
    // What is already known is still answered.
    expect(resolve({ state: unsynced, kubernetes: serveTestConfig }, 'svc1.testns.svc.cluster.local.', 'A').rcode).toBe('NOERROR');
  });

  const insecure: KubernetesConfig = { ...all, podMode: 'insecure' };
  const podCases: Case[] = [
    { q: '10-240-0-1.podns.pod.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['10-240-0-1.podns.pod.cluster.local. 5 IN A 10.240.0.1'] },
    { q: '172-0-0-2.podns.pod.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['172-0-0-2.podns.pod.cluster.local. 5 IN A 172.0.0.2'] },
    { q: 'blah.podns.pod.cluster.local.', t: 'A', rcode: 'NXDOMAIN', soa: true },
    { q: 'blah.podns.pod.cluster.local.', t: 'AAAA', rcode: 'NXDOMAIN', soa: true },
    { q: 'blah.podns.pod.cluster.local.', t: 'HINFO', rcode: 'NXDOMAIN', soa: true },
    { q: 'blah.pod-nons.pod.cluster.local.', t: 'A', rcode: 'NXDOMAIN', soa: true },
    { q: 'podns.pod.cluster.local.', t: 'A', rcode: 'NOERROR', soa: true },
  ];
  for (const c of podCases) it(`pods insecure: ${c.q} ${c.t} → ${c.rcode}`, () => check(resolve({ state: serveTest, kubernetes: insecure }, c.q, c.t), c));

  it('pods disabled: pod names are NXDOMAIN', () => {
    expect(resolve({ state: serveTest, kubernetes: serveTestConfig }, '10-240-0-1.testns.pod.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
  });
});

describe('kubernetes plugin: reverse_test.go', () => {
  const state = dnsState({
    namespaces: ['testns'],
    services: [service('testns', 'svc1', { clusterIPs: ['192.168.1.100'], ports: [{ name: 'http', port: 80 }] }), service('testns', 'svc2', { clusterIPs: ['None'] })],
    slices: [
      endpointSlice('testns', 'svc1-slice1', 'svc1', [{ ip: '10.0.0.100', hostname: 'ep1a' }, { ip: '10.0.0.99', hostname: 'double-ep' }], [{ name: 'http', port: 80 }]),
      endpointSlice('testns', 'svc1-slice2', 'svc1', [{ ip: '1234:abcd::1', hostname: 'ep1b' }, { ip: 'fd00:77:30::a', hostname: 'ip6svc1ex' }, { ip: 'fd00:77:30::2:9ba6', hostname: 'ip6svc1in' }], [{ name: 'http', port: 80 }]),
      endpointSlice('testns', 'svc1-ccccc', 'svc1', [{ ip: '10.0.0.100', hostname: 'ep1a' }], [{ name: 'http', port: 80 }]),
      endpointSlice('testns', 'svc2-slice1', 'svc2', [{ ip: '10.0.0.99', hostname: 'double-ep' }], [{ name: 'http', port: 80 }]),
    ],
  });
  const k: KubernetesConfig = {
    ...kubeadmKubernetesConfig,
    ttl: 5,
    fallthrough: [],
    zones: ['cluster.local.', '0.10.in-addr.arpa.', '168.192.in-addr.arpa.', '0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.', '0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.'],
  };
  const ptr = (q: string) => resolve({ state, kubernetes: k }, q, 'PTR');
  it.each([
    ['100.0.0.10.in-addr.arpa.', 'ep1a.svc1.testns.svc.cluster.local.'],
    ['100.1.168.192.in-addr.arpa.', 'svc1.testns.svc.cluster.local.'],
    ['1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.', 'ep1b.svc1.testns.svc.cluster.local.'],
    ['a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.', 'ip6svc1ex.svc1.testns.svc.cluster.local.'],
    ['6.a.b.9.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.7.7.0.0.0.0.d.f.ip6.arpa.', 'ip6svc1in.svc1.testns.svc.cluster.local.'],
  ])('PTR %s → %s', (q, target) => {
    const m = ptr(q);
    expect(m.rcode).toBe('NOERROR');
    expect(lines(m.answer)).toEqual([`${q} 5 IN PTR ${target}`]);
  });

  it('one endpoint in two services gives two PTRs; one in two slices of a service gives one', () => {
    expect(lines(ptr('99.0.0.10.in-addr.arpa.').answer)).toEqual(['99.0.0.10.in-addr.arpa. 5 IN PTR double-ep.svc1.testns.svc.cluster.local.', '99.0.0.10.in-addr.arpa. 5 IN PTR double-ep.svc2.testns.svc.cluster.local.']);
  });

  it.each([
    ['101.0.0.10.in-addr.arpa.', 'PTR', 'NXDOMAIN', '0.10.in-addr.arpa.'],
    ['example.org.cluster.local.', 'PTR', 'NXDOMAIN', 'cluster.local.'],
    ['svc1.testns.svc.cluster.local.', 'PTR', 'NOERROR', 'cluster.local.'],
    ['svc1.testns.svc.0.10.in-addr.arpa.', 'A', 'NXDOMAIN', '0.10.in-addr.arpa.'],
    ['100.0.0.10.cluster.local.', 'PTR', 'NXDOMAIN', 'cluster.local.'],
  ] as [string, DnsType, string, string][])('%s %s → %s with the SOA of %s', (q, t, rcode, zone) => {
    const m = resolve({ state, kubernetes: k }, q, t);
    expect(m.rcode).toBe(rcode);
    expect(m.answer).toEqual([]);
    expect(m.ns.map((r) => r.name)).toEqual([zone]);
  });
});

describe('kubeadm Corefile: the DNS specification examples and what lies outside the cluster', () => {
  const state = dnsState({
    namespaces: ['default', 'kube-system'],
    localIPs: ['10.244.1.2'],
    services: [
      service('default', 'kubernetes', { clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443 }] }),
      service('kube-system', 'kube-dns', { clusterIPs: ['10.96.0.10'], ports: [{ name: 'dns', protocol: 'UDP', port: 53 }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }] }),
      service('default', 'headless', { clusterIPs: ['None'], ports: [{ name: 'https', port: 443 }] }),
      service('default', 'foo', { type: 'ExternalName', externalName: 'www.example.com' }),
    ],
    slices: [
      endpointSlice('default', 'kubernetes', 'kubernetes', [{ ip: '10.0.0.2' }], [{ name: 'https', port: 6443 }]),
      endpointSlice('kube-system', 'kube-dns-abcde', 'kube-dns', [{ ip: '10.244.1.2', pod: 'coredns-1' }], [{ name: 'dns', protocol: 'UDP', port: 53 }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }]),
      endpointSlice(
        'default',
        'headless-xyz',
        'headless',
        [
          { ip: '10.3.0.1' },
          { ip: '10.3.0.2' },
          { ip: '10.3.0.100', hostname: 'my-pet' },
          { ip: '10.3.0.9', ready: false },
        ],
        [{ name: 'https', port: 443 }],
      ),
    ],
  });
  const ask = (q: string, t: DnsType) => resolve({ state }, q, t);

  it('§2.3.1 A for a ClusterIP service, TTL 30 (ttl 30)', () => {
    expect(lines(ask('kubernetes.default.svc.cluster.local.', 'A').answer)).toEqual(['kubernetes.default.svc.cluster.local. 30 IN A 10.96.0.1']);
  });
  it('§2.3.2 SRV for a named port', () => {
    const m = ask('_https._tcp.kubernetes.default.svc.cluster.local.', 'SRV');
    expect(lines(m.answer)).toEqual(['_https._tcp.kubernetes.default.svc.cluster.local. 30 IN SRV 0 100 443 kubernetes.default.svc.cluster.local.']);
    expect(lines(m.extra)).toEqual(['kubernetes.default.svc.cluster.local. 30 IN A 10.96.0.1']);
  });
  it('SRV weights split over the ports of one service: three ports, 33 each', () => {
    expect(lines(ask('kube-dns.kube-system.svc.cluster.local.', 'SRV').answer)).toEqual([
      'kube-dns.kube-system.svc.cluster.local. 30 IN SRV 0 33 53 kube-dns.kube-system.svc.cluster.local.',
      'kube-dns.kube-system.svc.cluster.local. 30 IN SRV 0 33 9153 kube-dns.kube-system.svc.cluster.local.',
    ]);
    expect(lines(ask('_dns._udp.kube-dns.kube-system.svc.cluster.local.', 'SRV').answer)).toEqual(['_dns._udp.kube-dns.kube-system.svc.cluster.local. 30 IN SRV 0 100 53 kube-dns.kube-system.svc.cluster.local.']);
    expect(ask('_dns._tcp.kube-dns.kube-system.svc.cluster.local.', 'SRV').rcode).toBe('NXDOMAIN');
  });
  it('§2.3.3 PTR for a cluster IP', () => {
    expect(lines(ask('1.0.96.10.in-addr.arpa.', 'PTR').answer)).toEqual(['1.0.96.10.in-addr.arpa. 30 IN PTR kubernetes.default.svc.cluster.local.']);
  });
  it('§2.4.1 one A per ready endpoint of a headless service; not-ready ones are left out', () => {
    expect(lines(ask('headless.default.svc.cluster.local.', 'A').answer)).toEqual([
      'headless.default.svc.cluster.local. 30 IN A 10.3.0.1',
      'headless.default.svc.cluster.local. 30 IN A 10.3.0.100',
      'headless.default.svc.cluster.local. 30 IN A 10.3.0.2',
    ]);
    expect(lines(ask('my-pet.headless.default.svc.cluster.local.', 'A').answer)).toEqual(['my-pet.headless.default.svc.cluster.local. 30 IN A 10.3.0.100']);
    expect(ask('10-3-0-9.headless.default.svc.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
  });
  it('§2.4.2 SRV per ready endpoint of a headless service, hostname or dashed IP as target', () => {
    expect(lines(ask('_https._tcp.headless.default.svc.cluster.local.', 'SRV').answer)).toEqual([
      '_https._tcp.headless.default.svc.cluster.local. 30 IN SRV 0 33 443 10-3-0-1.headless.default.svc.cluster.local.',
      '_https._tcp.headless.default.svc.cluster.local. 30 IN SRV 0 33 443 10-3-0-2.headless.default.svc.cluster.local.',
      '_https._tcp.headless.default.svc.cluster.local. 30 IN SRV 0 33 443 my-pet.headless.default.svc.cluster.local.',
    ]);
  });
  it('§2.4.3 PTR for an endpoint', () => {
    expect(lines(ask('100.0.3.10.in-addr.arpa.', 'PTR').answer)).toEqual(['100.0.3.10.in-addr.arpa. 30 IN PTR my-pet.headless.default.svc.cluster.local.']);
  });
  it('§2.5 CNAME for an ExternalName service', () => {
    expect(lines(ask('foo.default.svc.cluster.local.', 'CNAME').answer)).toEqual(['foo.default.svc.cluster.local. 30 IN CNAME www.example.com.']);
  });
  it('headless with no ready endpoints: NXDOMAIN (§2.4.1)', () => {
    const s = dnsState({ namespaces: ['default'], services: [service('default', 'h', { clusterIPs: ['None'] })], slices: [endpointSlice('default', 'h-1', 'h', [{ ip: '10.3.0.9', ready: false }])] });
    expect(resolve({ state: s }, 'h.default.svc.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
  });
  it('pods insecure: any dashed IP in an existing namespace', () => {
    expect(lines(ask('1-2-3-4.default.pod.cluster.local.', 'A').answer)).toEqual(['1-2-3-4.default.pod.cluster.local. 30 IN A 1.2.3.4']);
    expect(ask('1-2-3-4.nope.pod.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
  });
  it('NS at the zone: kube-dns, found from the endpoint holding CoreDNS own address', () => {
    const m = ask('cluster.local.', 'NS');
    expect(lines(m.answer)).toEqual(['cluster.local. 30 IN NS kube-dns.kube-system.svc.cluster.local.']);
    expect(lines(m.extra)).toEqual(['kube-dns.kube-system.svc.cluster.local. 30 IN A 10.96.0.10']);
  });
  it('names outside the cluster, and reverse names nobody has, fail with SERVFAIL saying why', () => {
    for (const [q, t] of [['example.com.', 'A'], ['9.9.9.9.in-addr.arpa.', 'PTR'], ['nosuch.', 'AAAA']] as [string, DnsType][]) {
      const m = ask(q, t);
      expect(m.rcode).toBe('SERVFAIL');
      expect(m.authoritative).toBe(false);
      expect(m.error).toMatch(/no upstream DNS server/);
    }
  });
  it('zone transfers are refused', () => {
    expect(ask('cluster.local.', 'AXFR').rcode).toBe('REFUSED');
  });

  it('inspect: rcode and RDATA', () => {
    expect(inspectDns(state, 'kubernetes.default.svc.cluster.local', 'A')).toEqual({ rcode: 'NOERROR', answers: ['10.96.0.1'], records: ['kubernetes.default.svc.cluster.local.\t30\tIN\tA\t10.96.0.1'] });
    expect(inspectDns(state, 'nope.default.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NXDOMAIN', answers: [] });
  });

  it('loadbalance puts CNAMEs first and shuffles addresses with the message id', () => {
    const plain = resolve({ state }, 'headless.default.svc.cluster.local.', 'A').answer.map((r) => r.data);
    const ids = [1, 0, 1];
    const shuffled = resolve({ state, id: () => ids.shift() ?? 0 }, 'headless.default.svc.cluster.local.', 'A').answer.map((r) => r.data);
    expect([...shuffled].sort()).toEqual([...plain].sort());
    expect(shuffled).not.toEqual(plain);
  });
});

describe('cache 30', () => {
  const mk = () => dnsState({ namespaces: ['default'], services: [service('default', 'web', { clusterIPs: ['10.96.5.5'], ports: [{ port: 80 }] })] });

  it('serves a deleted service from cache until its 30 s are up, counting the TTL down', () => {
    const state = mk();
    const cache = new DnsCache();
    const at = (ms: number) => resolve({ state, cache, nowMs: ms }, 'web.default.svc.cluster.local.', 'A');
    expect(at(0).answer.map((r) => r.ttl)).toEqual([30]);
    state.objects.deleteService(service('default', 'web'));
    const hit = at(12_500);
    expect(hit.rcode).toBe('NOERROR');
    expect(hit.answer.map((r) => r.ttl)).toEqual([18]);
    expect(at(30_000).rcode).toBe('NXDOMAIN');
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, successSize: 1, denialSize: 1 });
  });

  it('caps a long TTL at 30 s (dns-version is 28800) and caches denials for the SOA minimum', () => {
    const state = mk();
    const cache = new DnsCache();
    expect(resolve({ state, cache, nowMs: 0 }, 'dns-version.cluster.local.', 'TXT').answer.map((r) => r.ttl)).toEqual([30]);
    const miss = resolve({ state, cache, nowMs: 0 }, 'nope.default.svc.cluster.local.', 'A');
    expect(miss.ns.map((r) => r.ttl)).toEqual([30]);
    state.objects.putService(service('default', 'nope', { clusterIPs: ['10.96.7.7'], ports: [{ port: 80 }] }));
    expect(resolve({ state, cache, nowMs: 29_999 }, 'nope.default.svc.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
    expect(resolve({ state, cache, nowMs: 30_000 }, 'nope.default.svc.cluster.local.', 'A').rcode).toBe('NOERROR');
  });

  it('does not cache a failed forward (the server writes it outside the chain); caches SERVFAIL of an unsynced plugin for 5 s', () => {
    const state = mk();
    const cache = new DnsCache();
    resolve({ state, cache, nowMs: 0 }, 'example.com.', 'A');
    expect(cache.stats().denialSize).toBe(0);
    const unsynced = { ...state, synced: false };
    expect(resolve({ state: unsynced, cache, nowMs: 0 }, 'later.default.svc.cluster.local.', 'A').rcode).toBe('SERVFAIL');
    state.objects.putService(service('default', 'later', { clusterIPs: ['10.96.8.8'], ports: [{ port: 80 }] }));
    expect(resolve({ state, cache, nowMs: 4_999 }, 'later.default.svc.cluster.local.', 'A').rcode).toBe('SERVFAIL');
    expect(resolve({ state, cache, nowMs: 5_000 }, 'later.default.svc.cluster.local.', 'A').rcode).toBe('NOERROR');
  });
});
