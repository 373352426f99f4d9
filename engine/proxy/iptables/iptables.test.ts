// iptables mode against upstream: chain names and rule lines as pkg/proxy/iptables/proxier_test.go
// expects them (its test data, ns1/svc1 at 172.30.0.41 with endpoints in 10.180.0.0/16 and a
// 10.0.0.0/8 cluster CIDR), probabilities as kube-proxy writes them and as iptables-save prints
// them back, and the statistic walk that spreads connections over the endpoints.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import type { EndpointInfo } from '../endpointschangetracker';
import { newServicePortInfo } from '../serviceport';
import type { Service } from '../../api/types';
import { walk, type WalkContext } from './datapath';
import { buildIptables, portProtoHash, servicePortEndpointChainName, servicePortPolicyClusterChain } from './proxier';
import { computeProbability, iptablesSave, kernelProbability, saveLine, saveProbability, saveString, splitWords, parseRule } from './rules';

const ep = (ip: string, port = 80, extra: Partial<EndpointInfo> = {}): EndpointInfo => ({ ip, port, endpoint: `${ip}:${port}`, isLocal: false, ready: true, serving: true, terminating: false, zoneHints: [], ...extra });

function svc(name: string, ip: string, spec: Partial<NonNullable<Service['spec']>> = {}): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: name.split('/')[0], name: name.split('/')[1] }, spec: { type: 'ClusterIP', clusterIP: ip, ports: [{ name: 'p80', port: 80, protocol: 'TCP' }], ...spec } };
}

function build(services: Service[], eps: Record<string, EndpointInfo[]>) {
  const ports = services.map((s) => newServicePortInfo(s, s.spec!.ports![0]));
  return buildIptables({ ports, endpointsOf: (p) => eps[p.nameString] ?? [], nodeLabels: {}, clusterCIDR: '10.0.0.0/8', masqueradeMark: '0x4000', changedServices: null });
}

const restoreLines = (r: ReturnType<typeof build>) => r.nat.rules.map((x) => `-A ${x.chain} ${x.restore}`);

describe('chain names (portProtoHash)', () => {
  it('are the names upstream tests and every cluster show', () => {
    expect(servicePortPolicyClusterChain('ns1/svc1:p80', 'tcp')).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(servicePortPolicyClusterChain('ns2/svc2:p80', 'tcp')).toBe('KUBE-SVC-GNZBNJ2PO5MGZ6GT');
    expect(servicePortPolicyClusterChain('ns3/svc3:p80', 'tcp')).toBe('KUBE-SVC-X27LE4BHSL4DOUIK');
    expect(servicePortPolicyClusterChain('ns5/svc5:p80', 'tcp')).toBe('KUBE-SVC-NUKIZ6OKUXPJNT4C');
    expect(portProtoHash('default/kubernetes:https', 'tcp')).toBe('NPX46M4PTMTKRN6Y');
    expect(portProtoHash('kube-system/kube-dns:dns', 'udp')).toBe('TCOU7JCQXEZGVUNU');
    expect(servicePortEndpointChainName('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(servicePortEndpointChainName('ns1/svc1:p80', 'tcp', '10.180.0.2:80')).toBe('KUBE-SEP-LXVODXWDISEETFEF');
    expect(servicePortEndpointChainName('ns2/svc2:p80', 'tcp', '10.180.0.2:80')).toBe('KUBE-SEP-RS4RBKLTHTF2IUXJ');
  });
});

describe('probabilities', () => {
  it('are written with %0.10f and printed back by iptables-save as the kernel keeps them', () => {
    expect(computeProbability(3)).toBe('0.3333333333');
    expect(computeProbability(2)).toBe('0.5000000000');
    expect(kernelProbability('0.3333333333')).toBe(715827883);
    expect(saveProbability('0.3333333333')).toBe('0.33333333349');
    expect(saveProbability('0.5000000000')).toBe('0.50000000000');
    expect(saveProbability(computeProbability(4))).toBe('0.25000000000');
  });
});

describe('buildIptables', () => {
  it('writes the rules upstream expects for a port with two endpoints and a node port', () => {
    const r = build([svc('ns1/svc1', '172.30.0.41', { type: 'NodePort', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }] })], { 'ns1/svc1:p80': [ep('10.180.0.1'), ep('10.180.0.2')] });
    const lines = restoreLines(r);
    // Lines from proxier_test.go, in the order kube-proxy writes them.
    for (const l of [
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-XPGD46QRK7WJZT7O',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "masquerade traffic for ns1/svc1:p80 external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80" -j KUBE-SEP-LXVODXWDISEETFEF',
      '-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80',
      '-A KUBE-SEP-LXVODXWDISEETFEF -m comment --comment ns1/svc1:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-LXVODXWDISEETFEF -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
    ])
      expect(lines).toContain(l);
    expect(lines[lines.length - 1]).toBe('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
  });

  it('counts down 1/3, 1/2 and rejects in the filter table when there are no endpoints', () => {
    const r = build([svc('ns1/svc1', '172.30.0.41'), svc('ns2/svc2', '172.30.0.42')], { 'ns1/svc1:p80': [ep('10.180.0.1'), ep('10.180.0.2'), ep('10.180.0.3')] });
    const probs = r.nat.rules.filter((x) => x.chain === 'KUBE-SVC-XPGD46QRK7WJZT7O' && x.target.startsWith('KUBE-SEP')).map((x) => x.restore.match(/--probability (\S+)/)?.[1] ?? '-');
    expect(probs).toEqual(['0.3333333333', '0.5000000000', '-']);
    expect(r.filter.rules.map((x) => `-A ${x.chain} ${x.restore}`)).toContain('-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j REJECT');
  });

  it('writes recent checks and sets for ClientIP affinity', () => {
    const r = build([svc('ns1/svc1', '172.30.0.41', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } })], { 'ns1/svc1:p80': [ep('10.180.0.1')] });
    const lines = restoreLines(r);
    expect(lines).toContain('-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m recent --name KUBE-SEP-SXIVWICOYRO3J4NJ --rcheck --seconds 10800 --reap -j KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(lines).toContain('-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m recent --name KUBE-SEP-SXIVWICOYRO3J4NJ --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80');
    const save = r.nat.rules.map(saveLine);
    expect(save).toContain('-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-SXIVWICOYRO3J4NJ --mask 255.255.255.255 --rsource -j KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(save).toContain('-A KUBE-SEP-SXIVWICOYRO3J4NJ -p tcp -m comment --comment "ns1/svc1:p80" -m recent --set --name KUBE-SEP-SXIVWICOYRO3J4NJ --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.180.0.1:80');
  });

  it('counts only changed Services in a partial sync', () => {
    const services = [svc('ns1/svc1', '172.30.0.41'), svc('ns2/svc2', '172.30.0.42')];
    const eps = { 'ns1/svc1:p80': [ep('10.180.0.1')], 'ns2/svc2:p80': [ep('10.180.0.2'), ep('10.180.0.3')] };
    const ports = services.map((s) => newServicePortInfo(s, s.spec!.ports![0]));
    const full = buildIptables({ ports, endpointsOf: (p) => eps[p.nameString as keyof typeof eps] ?? [], nodeLabels: {}, clusterCIDR: '10.0.0.0/8', masqueradeMark: '0x4000', changedServices: null });
    const partial = buildIptables({ ports, endpointsOf: (p) => eps[p.nameString as keyof typeof eps] ?? [], nodeLabels: {}, clusterCIDR: '10.0.0.0/8', masqueradeMark: '0x4000', changedServices: new Set(['ns1/svc1']) });
    // svc2's SVC chain (masq + 2) and its two SEP chains (2 each) are left out: 7 rules.
    expect(full.rulesWritten - partial.rulesWritten).toBe(7);
    expect(partial.natRules).toBe(full.natRules);
  });
});

describe('iptables-save', () => {
  it('quotes as xtables_save_string does', () => {
    expect(saveString('KUBE-SERVICES')).toBe('KUBE-SERVICES');
    expect(saveString('ns1/svc1:p80')).toBe('"ns1/svc1:p80"');
    expect(splitWords('-m comment --comment "a b" -j X')).toEqual(['-m', 'comment', '--comment', 'a b', '-j', 'X']);
  });

  it('prints rules in its canonical order, /32 addresses and MARK as --set-xmark', () => {
    const r = parseRule('KUBE-SVC-X', splitWords('-m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ'));
    expect(saveLine(r)).toBe('-A KUBE-SVC-X ! -s 10.0.0.0/8 -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ');
    expect(saveLine(parseRule('KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', '0x4000']))).toBe('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000');
    expect(saveLine(parseRule('KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', '0x4000']))).toBe('-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0');
  });

  it('prints a whole nat table with its header, chains and COMMIT', () => {
    const r = build([svc('default/kubernetes', '10.96.0.1', { ports: [{ name: 'https', port: 443, protocol: 'TCP' }] })], { 'default/kubernetes:https': [ep('10.0.0.2', 6443)] });
    const text = iptablesSave(r.nat, Date.UTC(2026, 0, 1));
    expect(text).toBe(
      [
        '# Generated by iptables-save v1.8.9 (nf_tables) on Thu Jan  1 00:00:00 2026',
        '*nat',
        ':PREROUTING ACCEPT [0:0]',
        ':INPUT ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':POSTROUTING ACCEPT [0:0]',
        ':KUBE-KUBELET-CANARY - [0:0]',
        ':KUBE-MARK-MASQ - [0:0]',
        ':KUBE-NODEPORTS - [0:0]',
        ':KUBE-POSTROUTING - [0:0]',
        ':KUBE-PROXY-CANARY - [0:0]',
        ':KUBE-SEP-HSRFD4S3AHFNRYNO - [0:0]',
        ':KUBE-SERVICES - [0:0]',
        ':KUBE-SVC-NPX46M4PTMTKRN6Y - [0:0]',
        '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
        '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
        '-A KUBE-SEP-HSRFD4S3AHFNRYNO -s 10.0.0.2/32 -m comment --comment "default/kubernetes:https" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-HSRFD4S3AHFNRYNO -p tcp -m comment --comment "default/kubernetes:https" -m tcp -j DNAT --to-destination 10.0.0.2:6443',
        '-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y',
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
        '-A KUBE-SVC-NPX46M4PTMTKRN6Y ! -s 10.0.0.0/8 -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ',
        '-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> 10.0.0.2:6443" -j KUBE-SEP-HSRFD4S3AHFNRYNO',
        'COMMIT',
        '# Completed on Thu Jan  1 00:00:00 2026',
        '',
      ].join('\n'),
    );
  });
});

describe('the packet walk', () => {
  const ctx = (seed = 1): WalkContext => ({ rng: new Rng(seed), now: 0, recent: new Map(), localIPs: new Set(['10.0.1.1']) });
  const pkt = { srcIP: '10.0.1.1', dstIP: '172.30.0.41', dstPort: 80, proto: 'tcp' };

  it('spreads connections evenly over three endpoints with the 1/3, 1/2, 1 rules', () => {
    const r = build([svc('ns1/svc1', '172.30.0.41')], { 'ns1/svc1:p80': [ep('10.180.0.1'), ep('10.180.0.2'), ep('10.180.0.3')] });
    const c = ctx();
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const v = walk(r.nat, 'OUTPUT', pkt, c).verdict;
      if (v.kind === 'dnat') counts[v.to] = (counts[v.to] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['10.180.0.1:80', '10.180.0.2:80', '10.180.0.3:80']);
    // 3000 draws: each within 4.5 standard deviations (sqrt(3000 * 1/3 * 2/3) ≈ 25.8) of 1000.
    for (const n of Object.values(counts)) expect(Math.abs(n - 1000)).toBeLessThan(116);
  });

  it('keeps a client on its endpoint with recent, and finds no rule for an unknown address', () => {
    const r = build([svc('ns1/svc1', '172.30.0.41', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } })], { 'ns1/svc1:p80': [ep('10.180.0.1'), ep('10.180.0.2'), ep('10.180.0.3')] });
    const c = ctx(7);
    const first = walk(r.nat, 'OUTPUT', pkt, c).verdict;
    for (let i = 0; i < 20; i++) expect(walk(r.nat, 'OUTPUT', pkt, c).verdict).toEqual(first);
    const miss = walk(r.nat, 'OUTPUT', { ...pkt, dstIP: '172.30.9.9' }, c);
    expect(miss.verdict.kind).toBe('none');
    // KUBE-SERVICES is scanned to its end: the per-packet cost grows with the number of Services.
    expect(miss.rulesEvaluated).toBeGreaterThanOrEqual(3);
  });
});
