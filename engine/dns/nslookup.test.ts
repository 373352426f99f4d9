// BIND 9.18's nslookup over the kubeadm CoreDNS, from a pod in `default`: its search order, what
// it prints (nslookup.c printmessage, printsection) and its exit code (query_error | print_error).

import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { runNslookup, type NslookupQuestion } from './nslookup';
import { resolve, toDnsAnswer } from './resolver';
import { podResolvConf } from './search';
import { dnsState, endpointSlice, service } from './testing';

const state = dnsState({
  namespaces: ['default', 'kube-system'],
  services: [
    service('default', 'kubernetes', { clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443 }] }),
    service('default', 'web', { clusterIPs: ['None'], ports: [{ name: 'http', port: 80 }] }),
    service('default', 'ext', { type: 'ExternalName', externalName: 'kubernetes.default.svc.cluster.local' }),
  ],
  slices: [endpointSlice('default', 'web-1', 'web', [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], [{ name: 'http', port: 80 }])],
});
const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dnsutils', namespace: 'default' }, spec: { containers: [] } };
const conf = podResolvConf(pod);

function run(...argv: string[]) {
  const asked: string[] = [];
  const r = runNslookup(argv, conf, (q: NslookupQuestion) => {
    asked.push(`${q.type} ${q.name}`);
    return toDnsAnswer({ id: 1, name: q.name, type: q.type }, resolve({ state }, q.name, q.type));
  });
  return { ...r, asked };
}

const noRA = ';; Got recursion not available from 10.96.0.10\n';
const header = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n';

describe('nslookup (BIND 9.18) against the cluster DNS', () => {
  it('a short name: the search list first, then the AAAA of the name found', () => {
    const r = run('kubernetes.default');
    expect(r.asked).toEqual(['A kubernetes.default.default.svc.cluster.local.', 'A kubernetes.default.svc.cluster.local.', 'AAAA kubernetes.default.svc.cluster.local.']);
    expect(r.stdout).toBe(`${noRA}${noRA}${header}Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n${noRA}\n`);
    expect(r.code).toBe(0);
  });

  it('a server on the command line: no RA complaints', () => {
    const r = run('kubernetes.default.svc.cluster.local', '10.96.0.10');
    expect(r.stdout).toBe(`${header}Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n`);
  });

  it('a headless service: one Name/Address pair per ready endpoint', () => {
    const r = run('web', '10.96.0.10');
    expect(r.stdout).toBe(`${header}Name:\tweb.default.svc.cluster.local\nAddress: 10.244.1.5\nName:\tweb.default.svc.cluster.local\nAddress: 10.244.2.7\n\n`);
  });

  it('NXDOMAIN of a full name: "** server can\'t find", exit 1', () => {
    const r = run('nosuch.default.svc.cluster.local.', '10.96.0.10');
    expect(r.asked).toEqual(['A nosuch.default.svc.cluster.local.']);
    expect(r.stdout).toBe(`${header}** server can't find nosuch.default.svc.cluster.local: NXDOMAIN\n\n`);
    expect(r.code).toBe(1);
  });

  it('an unknown short name ends at the name as is, which only the (absent) upstream could answer', () => {
    const r = run('nosuch');
    expect(r.asked).toEqual(['A nosuch.default.svc.cluster.local.', 'A nosuch.svc.cluster.local.', 'A nosuch.cluster.local.', 'A nosuch.']);
    expect(r.stdout).toBe(`${noRA}${noRA}${noRA};; Got SERVFAIL reply from 10.96.0.10\n${header}** server can't find nosuch: SERVFAIL\n\n`);
    expect(r.code).toBe(1);
  });

  it('an IP: a PTR lookup, printed without the Server lines', () => {
    const r = run('10.96.0.1', '10.96.0.10');
    expect(r.asked).toEqual(['PTR 1.0.96.10.in-addr.arpa.']);
    expect(r.stdout).toBe('1.0.96.10.in-addr.arpa\tname = kubernetes.default.svc.cluster.local.\n\n');
  });

  it('-type=srv: service = priority weight port target', () => {
    const r = run('-type=srv', '_https._tcp.kubernetes.default.svc.cluster.local', '10.96.0.10');
    expect(r.asked).toEqual(['SRV _https._tcp.kubernetes.default.svc.cluster.local.']);
    expect(r.stdout).toBe(`${header}_https._tcp.kubernetes.default.svc.cluster.local\tservice = 0 100 443 kubernetes.default.svc.cluster.local.\n\n`);
  });

  it('-q=txt dns-version.cluster.local: text = "1.1.0"', () => {
    const r = run('-q=txt', 'dns-version.cluster.local', '10.96.0.10');
    expect(r.stdout).toBe(`${header}dns-version.cluster.local\ttext = "1.1.0"\n\n`);
  });

  it('a CNAME: canonical name, then the address; the AAAA lookup follows the CNAME', () => {
    const r = run('ext', '10.96.0.10');
    expect(r.stdout).toBe(`${header}ext.default.svc.cluster.local\tcanonical name = kubernetes.default.svc.cluster.local.\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n`);
    expect(r.asked.at(-1)).toBe('AAAA kubernetes.default.svc.cluster.local.');
  });

  it('NODATA for A and AAAA: "*** Can\'t find …: No answer"', () => {
    const r = run('default.svc.cluster.local.', '10.96.0.10');
    expect(r.stdout).toBe(`${header}*** Can't find default.svc.cluster.local: No answer\n\n`);
    expect(r.code).toBe(0);
  });

  it('-type=soa of the zone: the SOA fields, one per line', () => {
    const r = run('-type=soa', 'cluster.local.', '10.96.0.10');
    expect(r.stdout).toBe(`${header}cluster.local\n\torigin = ns.dns.cluster.local\n\tmail addr = hostmaster.cluster.local\n\tserial = 1700000000\n\trefresh = 7200\n\tretry = 1800\n\texpire = 86400\n\tminimum = 30\n\n`);
  });

  it('no answer at all: three timeouts, then "no servers could be reached"', () => {
    const r = runNslookup(['kubernetes.default.svc.cluster.local.'], conf, () => null);
    expect(r.stdout).toBe(`${';; communications error to 10.96.0.10#53: timed out\n'.repeat(3)};; no servers could be reached\n\n`);
    expect(r.code).toBe(1);
  });

  it('an unknown type is reported and the lookup goes on with A', () => {
    const r = run('-type=bogus', 'kubernetes.default.svc.cluster.local.', '10.96.0.10');
    expect(r.stdout.startsWith('unknown query type: bogus\n')).toBe(true);
    expect(r.asked[0]).toBe('A kubernetes.default.svc.cluster.local.');
  });
});
