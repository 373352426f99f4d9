// Go formatting and parsing helpers against values computed with Go (fmt, strconv, time, go-humanize,
// text/tabwriter, tablewriter), plus the shell-word splitting of command lines.

import { describe, expect, it } from 'vitest';
import { base64, durationString, hex016, hex16, humanizeBytes, jsonString, quote, quoteRune } from './gofmt';
import { parseBool, parseDuration, parseInt64, parseUint64 } from './goparse';
import { shellWords, splitCommandLine } from './shell';
import { renderTable } from './tablewriter';
import { tabwrite } from './tabwriter';
import { zapTime } from './zap';

describe('Go formatting', () => {
  it('time.Duration.String', () => {
    const cases: [bigint, string][] = [
      [0n, '0s'],
      [999n, '999ns'],
      [1500n, '1.5µs'],
      [5_060_095n, '5.060095ms'],
      [1_000_000_000n, '1s'],
      [5_000_501_988n, '5.000501988s'],
      [123_500_000_000n, '2m3.5s'],
      [3_600_000_000_000n, '1h0m0s'],
    ];
    for (const [ns, s] of cases) expect(durationString(ns)).toBe(s);
  });

  it('go-humanize Bytes rounds %.0f ties to even', () => {
    expect([9, 10, 999, 1000, 20480, 20500, 21500, 28672, 1_500_000, 16_777_216].map(humanizeBytes)).toEqual([
      '9 B', '10 B', '999 B', '1.0 kB', '20 kB', '20 kB', '22 kB', '29 kB', '1.5 MB', '17 MB',
    ]);
  });

  it('%q, %x, JSON strings and base64', () => {
    expect(quote('a "b"\n\t\x01é')).toBe('"a \\"b\\"\\n\\t\\x01é"');
    expect(quoteRune("'")).toBe("'\\''");
    expect(hex016(0x1234)).toBe('0000000000001234');
    expect(hex16(0xabcn)).toBe('             abc');
    expect(hex016(0x484ca20e4cbda35cn)).toBe('484ca20e4cbda35c');
    expect(jsonString('<a&b>\u2028"')).toBe('"\\u003ca\\u0026b\\u003e\\u2028\\""');
    expect([base64('foo'), base64('bar4'), base64('é')]).toEqual(['Zm9v', 'YmFyNA==', 'w6k=']);
  });

  it('zap ISO8601 timestamps in UTC', () => {
    expect(zapTime(Date.UTC(2026, 10, 24, 15, 49, 50, 438))).toBe('2026-11-24T15:49:50.438Z');
    expect(zapTime(Date.UTC(2024, 1, 29, 23, 59, 59, 5))).toBe('2024-02-29T23:59:59.005Z');
  });
});

describe('Go parsing', () => {
  it('strconv.ParseInt with base 0 (pflag) and 16 (lease ids)', () => {
    expect([parseInt64('0x10', 0), parseInt64('010', 0), parseInt64('1_000', 0), parseInt64('-5', 0)]).toEqual([16n, 8n, 1000n, -5n]);
    expect(parseInt64('484ca20e4cbda35c', 16)).toBe(0x484ca20e4cbda35cn);
    expect(() => parseInt64('x', 0)).toThrow('strconv.ParseInt: parsing "x": invalid syntax');
    expect(() => parseInt64('0x10', 16)).toThrow('strconv.ParseInt: parsing "0x10": invalid syntax');
    expect(() => parseInt64('ffffffffffffffff', 16)).toThrow('strconv.ParseInt: parsing "ffffffffffffffff": value out of range');
    expect(parseUint64('ffffffffffffffff', 16)).toBe(2n ** 64n - 1n);
    expect(() => parseUint64('-1', 16)).toThrow('strconv.ParseUint: parsing "-1": invalid syntax');
  });

  it('strconv.ParseBool and time.ParseDuration', () => {
    expect(['t', 'TRUE', '0', 'False'].map(parseBool)).toEqual([true, true, false, false]);
    expect(parseDuration('1m30.5s')).toBe(90_500_000_000n);
    expect(parseDuration('500ms')).toBe(500_000_000n);
    expect(() => parseDuration('5')).toThrow('time: missing unit in duration "5"');
    expect(() => parseDuration('5x')).toThrow('time: unknown unit "x" in duration "5x"');
    expect(() => parseDuration('.s')).toThrow('time: invalid duration ".s"');
  });
});

describe('layout', () => {
  it('text/tabwriter pads cells with tabs to the column width', () => {
    expect(tabwrite('\tget\tGets\n\tmember list\tLists\nx\n\ta\tb\n')).toBe('\tget\t\tGets\n\tmember list\tLists\nx\n\ta\tb\n');
  });

  it('tablewriter wraps cells wider than 30 characters at spaces, with minimal raggedness', () => {
    const out = renderTable(['endpoint', 'error'], [['etcd-0', 'rpc error: code = Unknown desc = context deadline exceeded'], ['etcd-1', '']]);
    expect(out).toBe(
      [
        '+----------+--------------------------------+',
        '| ENDPOINT |             ERROR              |',
        '+----------+--------------------------------+',
        '|   etcd-0 | rpc error: code = Unknown desc |',
        '|          |    = context deadline exceeded |',
        '|   etcd-1 |                                |',
        '+----------+--------------------------------+',
        '',
      ].join('\n'),
    );
  });
});

describe('command lines', () => {
  it('splits words as sh does', () => {
    expect(shellWords(`put 'my key' "a \\"b\\" \\$x" c\\ d e\\'`)).toEqual(['put', 'my key', 'a "b" $x', 'c d', "e'"]);
    expect(shellWords(`put k ''`)).toEqual(['put', 'k', '']);
  });

  it('drops ETCDCTL_API=3 and etcdctl, keeping other assignments as environment', () => {
    expect(splitCommandLine('ETCDCTL_API=3 ETCDCTL_ENDPOINTS=etcd-1 etcdctl get foo')).toEqual({
      env: new Map([
        ['ETCDCTL_API', '3'],
        ['ETCDCTL_ENDPOINTS', 'etcd-1'],
      ]),
      args: ['get', 'foo'],
    });
  });
});
