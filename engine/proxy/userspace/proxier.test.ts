// The userspace proxier: a proxy port per Service port, portal rules that REDIRECT (pods) and DNAT
// (the node) the cluster IP to it, and LoadBalancerRR: round robin over the shuffled endpoints, a
// client kept on its endpoint under ClientIP affinity until the TTL, unless the dial failed.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import type { Service } from '../../api/types';
import type { EndpointInfo } from '../endpointschangetracker';
import { newServicePortInfo, servicePortKey } from '../serviceport';
import { saveLine } from '../iptables/rules';
import { UserspaceProxier } from './proxier';

const ep = (ip: string): EndpointInfo => ({ ip, port: 80, endpoint: `${ip}:80`, isLocal: false, ready: true, serving: true, terminating: false, zoneHints: [] });

function port(spec: Partial<NonNullable<Service['spec']>> = {}) {
  const s: Service = { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name: 'web' }, spec: { type: 'ClusterIP', clusterIP: '10.96.12.7', ports: [{ port: 80, protocol: 'TCP' }], ...spec } };
  return newServicePortInfo(s, s.spec!.ports![0]);
}

describe('UserspaceProxier', () => {
  it('opens a proxy port in the ephemeral range and writes the portal rules', () => {
    const u = new UserspaceProxier(new Rng(1));
    const p = port();
    u.sync([p], () => [ep('10.244.1.2')]);
    const proxyPort = u.proxyPorts.get(servicePortKey(p.name))!;
    expect(proxyPort).toBeGreaterThanOrEqual(32768);
    expect(proxyPort).toBeLessThanOrEqual(60999);
    const lines = u.natTable([p], '10.0.1.1').rules.map(saveLine);
    expect(lines).toContain(`-A KUBE-PORTALS-CONTAINER -d 10.96.12.7/32 -p tcp -m comment --comment "default/web" -m tcp --dport 80 -j REDIRECT --to-ports ${proxyPort}`);
    expect(lines).toContain(`-A KUBE-PORTALS-HOST -d 10.96.12.7/32 -p tcp -m comment --comment "default/web" -m tcp --dport 80 -j DNAT --to-destination 10.0.1.1:${proxyPort}`);
    expect(u.portOwner(proxyPort)).toBe(servicePortKey(p.name));
  });

  it('round-robins, keeps a ClientIP client on its endpoint, and moves it when the dial failed', () => {
    const u = new UserspaceProxier(new Rng(2));
    const rr = port();
    const key = servicePortKey(rr.name);
    u.sync([rr], () => [ep('10.0.0.1'), ep('10.0.0.2'), ep('10.0.0.3')]);
    const picks = Array.from({ length: 6 }, () => u.nextEndpoint(key, '10.0.1.1', false, 0));
    expect(new Set(picks.slice(0, 3)).size).toBe(3);
    expect(picks.slice(3)).toEqual(picks.slice(0, 3));
    const sticky = new UserspaceProxier(new Rng(2));
    const sp = port({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } });
    sticky.sync([sp], () => [ep('10.0.0.1'), ep('10.0.0.2'), ep('10.0.0.3')]);
    const first = sticky.nextEndpoint(key, '10.0.1.1', false, 0);
    expect(sticky.nextEndpoint(key, '10.0.1.1', false, 5_000)).toBe(first);
    expect(sticky.nextEndpoint(key, '10.0.1.1', true, 5_000)).not.toBe(first);
    expect(sticky.nextEndpoint(key, '10.0.1.9', false, 5_000)).not.toBeNull();
  });
});
