// The IPVS schedulers against the behaviour the kernel modules and the LVS documentation describe
// (http://www.linuxvirtualserver.org/docs/scheduling.html and the comments of ip_vs_*.c).

import { describe, expect, it } from 'vitest';
import { connOverhead, dhHashKey, hashTableSize, newScheduler, shHashKey, type IpvsSchedulerName, type SchedDest } from './schedulers';
import { IpvsTable } from './ipvs';

const pkt = (srcIP = '10.0.1.1', dstIP = '10.96.0.10') => ({ srcIP, srcPort: 40000, dstIP });

/** A virtual service with destinations added in `order` (each goes to the list head, as list_add_rcu does). */
function service(scheduler: IpvsSchedulerName, order: [string, number][]) {
  const t = new IpvsTable();
  const vs = t.applyVirtualServer({ address: '10.96.0.10', port: 80, protocol: 'TCP', scheduler, persistent: false, timeoutS: 0 });
  for (const [ip, w] of order) t.applyRealServer(vs, ip, 80, w);
  return { t, vs };
}

const names = (picks: (SchedDest | null)[]) => picks.map((d) => (d ? d.ip.split('.').pop() : '-')).join('');

function pickN(scheduler: IpvsSchedulerName, order: [string, number][], n: number, from = pkt()): string {
  const { vs } = service(scheduler, order);
  return names(Array.from({ length: n }, () => vs.sched.schedule(vs.dests, from)));
}

describe('rr (ip_vs_rr.c)', () => {
  it('walks the list from its head, the newest destination first, and wraps', () => {
    // Added 1, 2, 3: the kernel list is 3, 2, 1.
    expect(pickN('rr', [['10.0.0.1', 1], ['10.0.0.2', 1], ['10.0.0.3', 1]], 7)).toBe('3213213');
  });

  it('skips a quiesced (weight 0) destination and answers none when all are', () => {
    expect(pickN('rr', [['10.0.0.1', 1], ['10.0.0.2', 0], ['10.0.0.3', 1]], 4)).toBe('3131');
    expect(pickN('rr', [['10.0.0.1', 0]], 2)).toBe('--');
  });

  it('steps its cursor back when the destination under it is deleted (ip_vs_rr_del_dest)', () => {
    const { t, vs } = service('rr', [['10.0.0.1', 1], ['10.0.0.2', 1], ['10.0.0.3', 1]]);
    expect(names([vs.sched.schedule(vs.dests, pkt()), vs.sched.schedule(vs.dests, pkt())])).toBe('32');
    t.deleteRealServer(vs, '10.0.0.2', 80);
    // The cursor moved back to .3, so .1 is next, then .3.
    expect(names([vs.sched.schedule(vs.dests, pkt()), vs.sched.schedule(vs.dests, pkt())])).toBe('13');
  });
});

describe('wrr (ip_vs_wrr.c)', () => {
  it('gives the LVS example: weights 4, 3, 2 schedule AABABCABC', () => {
    // List order A, B, C: add C, B, A.
    const seq = pickN('wrr', [['10.0.0.3', 2], ['10.0.0.2', 3], ['10.0.0.1', 4]], 18);
    expect(seq).toBe('112123123112123123');
  });

  it('with equal weights is round robin, and uses the gcd of the weights', () => {
    expect(pickN('wrr', [['10.0.0.1', 1], ['10.0.0.2', 1]], 4)).toBe('2121');
    expect(pickN('wrr', [['10.0.0.2', 2], ['10.0.0.1', 4]], 6)).toBe('112112');
  });

  it('answers none when every weight is 0', () => {
    expect(pickN('wrr', [['10.0.0.1', 0], ['10.0.0.2', 0]], 1)).toBe('-');
  });
});

describe('lc, wlc, sed, nq (least-connection family)', () => {
  const dests = (spec: [number, number, number][]): SchedDest[] => spec.map(([w, a, i], k) => ({ ip: `10.0.0.${k + 1}`, port: 80, weight: w, activeConns: a, inactiveConns: i }));
  const pick = (s: IpvsSchedulerName, d: SchedDest[]) => newScheduler(s).schedule(d, pkt())?.ip ?? null;

  it('lc takes the least active*256 + inactive, ignoring weight but skipping weight 0; the first wins a tie', () => {
    expect(connOverhead({ ip: '', port: 0, weight: 1, activeConns: 2, inactiveConns: 3 })).toBe(515);
    expect(pick('lc', dests([[1, 1, 0], [5, 0, 300], [1, 0, 10]]))).toBe('10.0.0.3');
    // 256 inactive weigh as much as one active.
    expect(pick('lc', dests([[1, 1, 0], [1, 0, 256]]))).toBe('10.0.0.1');
    expect(pick('lc', dests([[0, 0, 0], [1, 4, 0]]))).toBe('10.0.0.2');
  });

  it('wlc divides the overhead by the weight (compared cross-multiplied)', () => {
    // 2*256/1 = 512 against 3*256/4 = 192.
    expect(pick('wlc', dests([[1, 2, 0], [4, 3, 0]]))).toBe('10.0.0.2');
    expect(pick('wlc', dests([[0, 0, 0], [1, 9, 9]]))).toBe('10.0.0.2');
    expect(pick('wlc', dests([[0, 0, 0]]))).toBe(null);
  });

  it('sed: the LVS example, one connection each on weights 1, 2, 3 goes to the weight-3 server', () => {
    expect(pick('sed', dests([[1, 1, 0], [2, 1, 0], [3, 1, 0]]))).toBe('10.0.0.3');
    // Inactive connections do not count for sed.
    expect(pick('sed', dests([[1, 0, 999], [1, 1, 0]]))).toBe('10.0.0.1');
  });

  it('nq sends to an idle server at once, else as sed', () => {
    expect(pick('nq', dests([[3, 1, 0], [1, 0, 0]]))).toBe('10.0.0.2');
    expect(pick('nq', dests([[1, 1, 0], [3, 1, 0]]))).toBe('10.0.0.2');
  });

  it('wlc over a live table: long connections steer new ones away', () => {
    const { t, vs } = service('wlc', [['10.0.0.1', 1], ['10.0.0.2', 1]]);
    const a = t.connect(vs, pkt(), 0)!;
    t.established(a.conn);
    const b = t.connect(vs, pkt(), 1)!;
    expect(b.dest.ip).not.toBe(a.dest.ip);
  });
});

describe('sh and dh (hashing)', () => {
  it('hash keys as the kernel computes them', () => {
    // hash_32(0x0a000101, 8) = (0x0a000101 * 0x61c88647) >> 24.
    expect(shHashKey('10.0.1.1')).toBe(Number((BigInt(0x0a000101) * 0x61c88647n) % 2n ** 32n) >>> 24);
    expect(dhHashKey('10.96.0.10')).toBe(Number((BigInt(0x0a60000a) * 2654435761n) & 255n));
    expect(hashTableSize).toBe(256);
  });

  it('sh sends one source to one server, and deals the buckets by weight', () => {
    const seq = pickN('sh', [['10.0.0.1', 1], ['10.0.0.2', 1], ['10.0.0.3', 1]], 5, pkt('10.0.1.1'));
    expect(new Set(seq).size).toBe(1);
    const { vs } = service('sh', [['10.0.0.1', 1], ['10.0.0.2', 1], ['10.0.0.3', 1]]);
    const seen = new Set<string>();
    for (let i = 0; i < 64; i++) seen.add(vs.sched.schedule(vs.dests, pkt(`10.244.1.${i}`))!.ip);
    expect(seen.size).toBe(3);
    // Bucket i belongs to the list's (i mod 3)-th destination: the list is .3, .2, .1.
    const key = shHashKey('10.0.1.1');
    expect(vs.sched.schedule(vs.dests, pkt('10.0.1.1'))!.ip).toBe(['10.0.0.3', '10.0.0.2', '10.0.0.1'][key % 3]);
  });

  it('sh without the fallback flag answers none for a source whose bucket is quiesced', () => {
    const { t, vs } = service('sh', [['10.0.0.1', 1], ['10.0.0.2', 1]]);
    const d = vs.sched.schedule(vs.dests, pkt('10.0.1.1'))!;
    t.applyRealServer(vs, d.ip, 80, 0);
    // The weight-0 server keeps its buckets (++count >= 0 moves on after each one), so its sources get nothing.
    expect(vs.sched.schedule(vs.dests, pkt('10.0.1.1'))).toBeNull();
  });

  it('dh sends everything for one destination address to one server', () => {
    const seq = pickN('dh', [['10.0.0.1', 1], ['10.0.0.2', 1], ['10.0.0.3', 1]], 6, pkt('10.0.1.9'));
    expect(new Set(seq).size).toBe(1);
    const other = pickN('dh', [['10.0.0.1', 1], ['10.0.0.2', 1], ['10.0.0.3', 1]], 3, pkt('10.0.1.1'));
    expect(other).toBe(seq.slice(0, 3));
  });
});
