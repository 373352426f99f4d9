// Names and addresses as Go's net package and CoreDNS's dnsutil read and print them
// (net/ip_test.go parseIPTests, dnsutil/reverse_test.go).

import { describe, expect, it } from 'vitest';
import { addressFromReverse, isSubDomain, matchZone, parseIP, reverseName, trimZone } from './names';

describe('parseIP (net.ParseIP, IP.String)', () => {
  it.each([
    ['127.0.1.2', 4, '127.0.1.2'],
    ['::ffff:127.1.2.3', 4, '127.1.2.3'],
    ['2001:4860:0:2001::68', 6, '2001:4860:0:2001::68'],
    ['2001:4860:0000:2001:0000:0000:0000:0068', 6, '2001:4860:0:2001::68'],
    ['1234:abcd::1', 6, '1234:abcd::1'],
    ['10::3', 6, '10::3'],
    ['::', 6, '::'],
    ['1:0:0:1:0:0:0:1', 6, '1:0:0:1::1'],
    ['FD00:77:30::A', 6, 'fd00:77:30::a'],
  ] as [string, number, string][])('%s', (s, family, text) => {
    expect(parseIP(s)).toMatchObject({ family, text });
  });
  it.each(['127.001.002.003', '256.0.0.1', '1.2.3', '::ffff:127.001.002.003', '1:2:3:4:5:6:7:8:9', 'a::b::c', '', 'example.com', '1-2-3-4'])('rejects %s', (s) => {
    expect(parseIP(s)).toBeNull();
  });
});

describe('reverse names', () => {
  it('in-addr.arpa and ip6.arpa both ways', () => {
    expect(addressFromReverse('54.119.58.176.in-addr.arpa.')).toBe('176.58.119.54');
    expect(addressFromReverse('8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.2.ip6.arpa.')).toBe('2001::8');
    expect(addressFromReverse('119.58.176.in-addr.arpa.')).toBe('');
    expect(addressFromReverse('example.com.')).toBe('');
    expect(reverseName('10.96.0.1')).toBe('1.0.96.10.in-addr.arpa.');
    expect(reverseName('2001::8')).toBe('8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.2.ip6.arpa.');
    expect(reverseName('web')).toBeNull();
  });
});

describe('zones', () => {
  it('subdomains ignore case; the longest zone wins; trimming leaves the labels in front', () => {
    expect(isSubDomain('cluster.local.', 'A.Svc.CLUSTER.local.')).toBe(true);
    expect(isSubDomain('cluster.local.', 'local.')).toBe(false);
    expect(matchZone(['in-addr.arpa.', '0.10.in-addr.arpa.'], '5.0.0.10.in-addr.arpa.')).toBe('0.10.in-addr.arpa.');
    expect(matchZone(['cluster.local.'], 'example.com.')).toBe('');
    expect(trimZone('web.default.svc.cluster.local.', 'cluster.local.')).toBe('web.default.svc');
    expect(trimZone('cluster.local.', 'cluster.local.')).toBe('');
  });
});
