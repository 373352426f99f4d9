// The IPVS table: connection counting through a connection's states, persistence for ClientIP
// affinity, and `ipvsadm -Ln` as ipvsadm prints it (print_title and print_service_entry's
// "  -> %-28s %-7s %-6d %-10u %-10u" lines, sorted by protocol, address and port).

import { describe, expect, it } from 'vitest';
import { IpvsTable, ipvsadmList } from './ipvs';

describe('IpvsTable', () => {
  it('counts a connection inactive (SYN), active (ESTABLISHED), inactive (TIME_WAIT), then forgets it', () => {
    const t = new IpvsTable({ synRecvMs: 60_000, timeWaitMs: 120_000, closeMs: 10_000, udpMs: 300_000 });
    const vs = t.applyVirtualServer({ address: '10.96.0.10', port: 80, protocol: 'TCP', scheduler: 'rr', persistent: false, timeoutS: 0 });
    const d = t.applyRealServer(vs, '10.244.1.2', 80, 1);
    const c = t.connect(vs, { srcIP: '10.0.1.1', srcPort: 1, dstIP: vs.address }, 0)!;
    expect([d.activeConns, d.inactiveConns]).toEqual([0, 1]);
    t.established(c.conn);
    expect([d.activeConns, d.inactiveConns]).toEqual([1, 0]);
    t.closed(c.conn, 'fin', 50);
    expect([d.activeConns, d.inactiveConns]).toEqual([0, 1]);
    expect(t.nextExpiry()).toBe(120_050);
    t.expire(120_049);
    expect(d.inactiveConns).toBe(1);
    t.expire(120_050);
    expect([d.activeConns, d.inactiveConns, t.connections]).toEqual([0, 0, 0]);
  });

  it('an unanswered SYN stays inactive for SYN_RECV, a reset for CLOSE', () => {
    const t = new IpvsTable();
    const vs = t.applyVirtualServer({ address: '10.96.0.10', port: 80, protocol: 'TCP', scheduler: 'rr', persistent: false, timeoutS: 0 });
    t.applyRealServer(vs, '10.244.1.2', 80, 1);
    t.connect(vs, { srcIP: '10.0.1.1', srcPort: 1, dstIP: vs.address }, 0);
    const r = t.connect(vs, { srcIP: '10.0.1.1', srcPort: 2, dstIP: vs.address }, 0)!;
    t.closed(r.conn, 'rst', 0);
    expect(t.nextExpiry()).toBe(10_000);
    t.expire(10_000);
    expect(t.connections).toBe(1);
    t.expire(60_000);
    expect(t.connections).toBe(0);
  });

  it('persistence sends one client to one server until the template expires or the server is quiesced', () => {
    const t = new IpvsTable();
    const vs = t.applyVirtualServer({ address: '10.96.0.10', port: 80, protocol: 'TCP', scheduler: 'rr', persistent: true, timeoutS: 10800 });
    t.applyRealServer(vs, '10.244.1.2', 80, 1);
    t.applyRealServer(vs, '10.244.2.2', 80, 1);
    const from = (srcIP: string, at: number) => t.connect(vs, { srcIP, srcPort: at, dstIP: vs.address }, at)!.dest.ip;
    const first = from('10.0.1.1', 0);
    expect([from('10.0.1.1', 1), from('10.0.1.1', 2)]).toEqual([first, first]);
    expect(from('10.0.1.2', 3)).not.toBe(first);
    // expire_quiescent_template=1: a weight-0 server's templates no longer hold.
    t.applyRealServer(vs, first, 80, 0);
    expect(from('10.0.1.1', 4)).not.toBe(first);
    // The template lasts timeoutS.
    const t2 = new IpvsTable();
    const vs2 = t2.applyVirtualServer({ address: '10.96.0.10', port: 80, protocol: 'TCP', scheduler: 'rr', persistent: true, timeoutS: 10 });
    t2.applyRealServer(vs2, '10.244.1.2', 80, 1);
    t2.applyRealServer(vs2, '10.244.2.2', 80, 1);
    const a = t2.connect(vs2, { srcIP: '10.0.1.1', srcPort: 1, dstIP: vs2.address }, 0)!.dest.ip;
    expect(t2.connect(vs2, { srcIP: '10.0.1.1', srcPort: 2, dstIP: vs2.address }, 9_999)!.dest.ip).toBe(a);
    expect(t2.connect(vs2, { srcIP: '10.0.1.1', srcPort: 3, dstIP: vs2.address }, 9_999 + 10_001)!.dest.ip).not.toBe(a);
  });
});

describe('ipvsadm -Ln', () => {
  it('prints the header, services sorted TCP before UDP by address and port, and dests by address', () => {
    const t = new IpvsTable();
    const dns = t.applyVirtualServer({ address: '10.96.0.10', port: 53, protocol: 'UDP', scheduler: 'rr', persistent: false, timeoutS: 0 });
    t.applyRealServer(dns, '10.244.2.3', 53, 1);
    t.applyRealServer(dns, '10.244.1.4', 53, 1);
    const web = t.applyVirtualServer({ address: '10.96.12.7', port: 80, protocol: 'TCP', scheduler: 'wlc', persistent: true, timeoutS: 10800 });
    t.applyRealServer(web, '10.244.1.10', 80, 1);
    t.applyRealServer(web, '10.244.1.9', 80, 0);
    const api = t.applyVirtualServer({ address: '10.96.0.1', port: 443, protocol: 'TCP', scheduler: 'rr', persistent: false, timeoutS: 0 });
    t.applyRealServer(api, '10.0.0.2', 6443, 1);
    const c = t.connect(api, { srcIP: '10.0.1.1', srcPort: 1, dstIP: api.address }, 0)!;
    t.established(c.conn);
    t.connect(api, { srcIP: '10.0.1.1', srcPort: 2, dstIP: api.address }, 0);
    expect(ipvsadmList(t.view(0))).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.96.0.1:443 rr',
        '  -> 10.0.0.2:6443                Masq    1      1          1         ',
        'TCP  10.96.12.7:80 wlc persistent 10800',
        '  -> 10.244.1.9:80                Masq    0      0          0         ',
        '  -> 10.244.1.10:80               Masq    1      0          0         ',
        'UDP  10.96.0.10:53 rr',
        '  -> 10.244.1.4:53                Masq    1      0          0         ',
        '  -> 10.244.2.3:53                Masq    1      0          0         ',
        '',
      ].join('\n'),
    );
  });
});
