import { describe, expect, it } from 'vitest';
import { boundText, scoredPlugins, verdictRows } from './PodPanel';
import { parseLabels, parseTaints } from './NodeDropForm';

const v = (total: number, filter: string | null = null, scores: Record<string, number> = { NodeResourcesFit: total }) => ({ filter, scores: filter ? {} : scores, total });

describe('why this node?', () => {
  it('lists the chosen node first, then the rest by total, the filtered ones last', () => {
    const rows = verdictRows({ a: v(10), b: v(0, 'node(s) had untolerated taint'), c: v(30), d: v(20) }, 'd');
    expect(rows.map(([n]) => n)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('orders plugin columns as the profile does', () => {
    const nodes = { a: { filter: null, scores: { ImageLocality: 0, TaintToleration: 100, NodeResourcesFit: 90 }, total: 390 } };
    expect(scoredPlugins(nodes, { TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, ImageLocality: 1 })).toEqual(['TaintToleration', 'NodeResourcesFit', 'ImageLocality']);
  });

  it('says when a tie was broken at random, and when one feasible node needed no scoring', () => {
    expect(boundText('a', { a: v(5), b: v(5), c: v(1) })).toContain('2 tied on the top score (5)');
    expect(boundText('a', { a: v(7), b: v(5) })).toBe('Bound to a: 2 of 2 nodes passed every filter; it had the highest weighted score (7).');
    expect(boundText('a', { a: v(0), b: v(0, 'Insufficient cpu') })).toBe('Bound to a: 1 of 2 nodes passed every filter, so no scoring was needed.');
  });
});

describe('the new node form', () => {
  it('parses labels and taints as kubectl writes them', () => {
    expect(parseLabels('disktype=ssd, zone=a')).toEqual({ disktype: 'ssd', zone: 'a' });
    expect(parseTaints('dedicated=gpu:NoSchedule,spot:PreferNoSchedule')).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'spot', effect: 'PreferNoSchedule' },
    ]);
  });

  it('says what is wrong with a bad one', () => {
    expect(() => parseLabels('ssd')).toThrow('label "ssd" is not key=value');
    expect(() => parseTaints('a=b:Sometimes')).toThrow('invalid taint effect: Sometimes, unsupported taint effect');
    expect(() => parseTaints('a=b')).toThrow('needs an effect');
  });
});
