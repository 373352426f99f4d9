// host-local IPAM over a node's podCIDR (containernetworking/plugins host-local's allocator
// behaviour: the gateway is skipped, allocation is round-robin after the last reserved address).

import { describe, expect, it } from 'vitest';
import { HostLocalIpam } from './ipam';

describe('HostLocalIpam', () => {
  it('skips the gateway, goes round-robin, and reuses freed addresses only after wrapping', () => {
    const ipam = new HostLocalIpam('10.244.1.0/29');
    expect(ipam.gateway).toBe('10.244.1.1');
    expect(['a', 'b', 'c'].map((id) => ipam.allocate(id))).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
    ipam.release('a');
    expect(ipam.allocate('d')).toBe('10.244.1.5');
    expect(ipam.allocate('e')).toBe('10.244.1.6');
    expect(ipam.allocate('f')).toBe('10.244.1.2');
  });

  it('fails with host-local\'s message when the range is full', () => {
    const ipam = new HostLocalIpam('10.244.1.0/30');
    expect(ipam.allocate('a')).toBe('10.244.1.2');
    expect(() => ipam.allocate('b')).toThrowError('failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.2');
  });
});
