// The ipvs proxier's sync: a virtual service per cluster IP and per node address for a node port,
// real servers at weight 1, ClientIP persistence, the ipsets and kube-ipvs0 addresses, and the
// graceful termination of real servers that still have connections (graceful_termination.go).

import { describe, expect, it } from 'vitest';
import type { Service } from '../../api/types';
import type { EndpointInfo } from '../endpointschangetracker';
import { newServicePortInfo, type ServicePortInfo } from '../serviceport';
import { iptablesSave } from '../iptables/rules';
import { IpvsTable } from './ipvs';
import { IpvsProxier } from './proxier';

const ep = (ip: string, local = false): EndpointInfo => ({ ip, port: 8080, endpoint: `${ip}:8080`, isLocal: local, ready: true, serving: true, terminating: false, zoneHints: [] });

function port(spec: Partial<NonNullable<Service['spec']>> = {}, nodePort?: number): ServicePortInfo {
  const s: Service = { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name: 'web' }, spec: { type: nodePort ? 'NodePort' : 'ClusterIP', clusterIP: '10.96.12.7', ports: [{ port: 80, protocol: 'TCP', nodePort }], ...spec } };
  return newServicePortInfo(s, s.spec!.ports![0]);
}

function sync(p: IpvsProxier, ports: ServicePortInfo[], eps: EndpointInfo[], now = 0) {
  return p.sync({ ports, endpointsOf: () => eps, nodeLabels: {}, nodeIPs: ['10.0.1.1', '10.244.1.1'], scheduler: 'rr', clusterCIDR: '10.244.0.0/16', masqueradeMark: '0x4000' }, now);
}

describe('IpvsProxier', () => {
  it('programs virtual services, real servers, ipsets and the dummy interface', () => {
    const p = new IpvsProxier(new IpvsTable());
    const r = sync(p, [port({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } }, 30080)], [ep('10.244.1.5', true), ep('10.244.2.5')]);
    const vss = p.table.virtualServers().map((v) => `${v.protocol} ${v.address}:${v.port} ${v.scheduler} ${v.persistent ? v.timeoutS : '-'} ${v.dests.map((d) => `${d.ip}:${d.port}/${d.weight}`).join(',')}`);
    expect(vss).toEqual([
      'TCP 10.96.12.7:80 rr 600 10.244.2.5:8080/1,10.244.1.5:8080/1',
      'TCP 10.0.1.1:30080 rr 600 10.244.2.5:8080/1,10.244.1.5:8080/1',
      'TCP 10.244.1.1:30080 rr 600 10.244.2.5:8080/1,10.244.1.5:8080/1',
    ]);
    expect(r.ops).toBe(9);
    expect(p.bound).toEqual(['10.96.12.7']);
    expect(p.ipsets.get('KUBE-CLUSTER-IP')).toEqual(['10.96.12.7,tcp:80']);
    expect(p.ipsets.get('KUBE-LOOP-BACK')).toEqual(['10.244.1.5,tcp:8080,10.244.1.5']);
    expect(p.ipsets.get('KUBE-NODE-PORT-TCP')).toEqual(['30080']);
    const save = iptablesSave(r.nat, 0);
    expect(save).toContain('-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ');
    expect(save).toContain('-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ');
    // A second sync with nothing changed makes no netlink call.
    expect(sync(p, [port({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } }, 30080)], [ep('10.244.1.5', true), ep('10.244.2.5')]).ops).toBe(0);
  });

  it('deletes an idle real server at once, and quiesces a busy one (weight 0) until it drains', () => {
    const t = new IpvsTable({ synRecvMs: 60_000, timeWaitMs: 12_000, closeMs: 1_000, udpMs: 30_000 });
    const p = new IpvsProxier(t);
    sync(p, [port()], [ep('10.244.1.5'), ep('10.244.2.5'), ep('10.244.3.5')]);
    const vs = t.virtualServers()[0];
    const c = t.connect(vs, { srcIP: '10.0.1.1', srcPort: 1, dstIP: vs.address }, 0)!;
    t.established(c.conn);
    const busy = c.dest.ip;
    const [idle, kept] = ['10.244.1.5', '10.244.2.5', '10.244.3.5'].filter((ip) => ip !== busy);
    sync(p, [port()], [ep(kept)], 10);
    // The idle one is gone at once; the busy one stays at weight 0.
    expect(vs.dests.map((d) => `${d.ip}/${d.weight}`).sort()).toEqual([`${busy}/0`, `${kept}/1`].sort());
    expect(vs.dests.some((d) => d.ip === idle)).toBe(false);
    expect(p.drainingCount).toBe(1);
    // No new connection goes to the quiesced one.
    for (let i = 0; i < 4; i++) expect(t.connect(vs, { srcIP: '10.0.1.1', srcPort: 2 + i, dstIP: vs.address }, 20)!.dest.ip).not.toBe(busy);
    t.closed(c.conn, 'fin', 100);
    expect(p.drain(5_000)).toBe(1);
    expect(p.drain(12_100)).toBe(0);
    expect(vs.dests.some((d) => d.ip === busy)).toBe(false);
  });

  it('removes a Service\'s virtual services and addresses when it goes', () => {
    const p = new IpvsProxier(new IpvsTable());
    sync(p, [port()], [ep('10.244.1.5')]);
    sync(p, [], []);
    expect(p.table.virtualServers()).toEqual([]);
    expect(p.bound).toEqual([]);
  });
});
