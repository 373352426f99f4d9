// Ports of staging/src/k8s.io/apiserver/pkg/quota/v1/resources_test.go (TestEquals, TestLessThanOrEqual,
// TestMax, TestAdd, TestSubtract, TestIsZero, TestRemoveZeros, TestIsNegative, TestIntersection,
// TestDifference) and the SubtractWithNonNegativeResult cases admission relies on.

import { describe, expect, it } from 'vitest';
import type { ResourceList } from '../api/types';
import { add, difference, equals, intersection, isNegative, isZero, lessThanOrEqual, max, removeZeros, subtract, subtractWithNonNegativeResult, toQuantityList as ql, toResourceList } from './resources';

const same = (actual: ReturnType<typeof ql>, want: ResourceList) => {
  if (!equals(actual, ql(want))) expect(toResourceList(actual)).toEqual(toResourceList(ql(want)));
};

describe('quota resource lists', () => {
  it('Equals (TestEquals)', () => {
    expect(equals(ql({}), ql({}))).toBe(true);
    expect(equals(ql({ cpu: '100m', memory: '1Gi' }), ql({ cpu: '100m', memory: '1Gi' }))).toBe(true);
    expect(equals(ql({ cpu: '200m', memory: '1Gi' }), ql({ cpu: '100m', memory: '1Gi' }))).toBe(false);
    expect(equals(ql({ cpu: '100m', memory: '1Gi' }), ql({ cpu: '100m', memory: '1Gi', pods: '1' }))).toBe(false);
    expect(equals(ql({ cpu: '1' }), ql({ cpu: '1000m' }))).toBe(true);
  });

  it('LessThanOrEqual names what exceeds (TestLessThanOrEqual)', () => {
    expect(lessThanOrEqual(ql({}), ql({}))).toEqual({ allowed: true, exceeded: [] });
    expect(lessThanOrEqual(ql({ cpu: '100m' }), ql({ cpu: '100m' }))).toEqual({ allowed: true, exceeded: [] });
    expect(lessThanOrEqual(ql({ cpu: '100m' }), ql({ cpu: '200m' }))).toEqual({ allowed: true, exceeded: [] });
    expect(lessThanOrEqual(ql({ cpu: '200m' }), ql({ cpu: '100m' }))).toEqual({ allowed: false, exceeded: ['cpu'] });
    // Only names b limits count.
    expect(lessThanOrEqual(ql({ cpu: '200m', pods: '9' }), ql({ pods: '10' }))).toEqual({ allowed: true, exceeded: [] });
  });

  it('Max, Add and Subtract (TestMax, TestAdd, TestSubtract)', () => {
    same(max(ql({}), ql({})), {});
    same(max(ql({ cpu: '100m' }), ql({})), { cpu: '100m' });
    same(max(ql({ cpu: '100m' }), ql({ cpu: '150m' })), { cpu: '150m' });
    same(max(ql({ cpu: '150m' }), ql({ cpu: '100m' })), { cpu: '150m' });
    same(add(ql({ cpu: '100m' }), ql({})), { cpu: '100m' });
    same(add(ql({ cpu: '100m' }), ql({ cpu: '100m' })), { cpu: '200m' });
    same(subtract(ql({ cpu: '100m' }), ql({})), { cpu: '100m' });
    same(subtract(ql({}), ql({ cpu: '100m' })), { cpu: '-100m' });
    same(subtract(ql({ cpu: '200m' }), ql({ cpu: '100m' })), { cpu: '100m' });
  });

  it('SubtractWithNonNegativeResult never goes below zero', () => {
    same(subtractWithNonNegativeResult(ql({ cpu: '100m', pods: '1' }), ql({ cpu: '200m', memory: '1Gi' })), { cpu: '0', pods: '1', memory: '0' });
  });

  it('IsZero, RemoveZeros, IsNegative (TestIsZero, TestRemoveZeros, TestIsNegative)', () => {
    expect(isZero(ql({}))).toBe(true);
    expect(isZero(ql({ cpu: '0', memory: '0' }))).toBe(true);
    expect(isZero(ql({ cpu: '200m', memory: '1Gi' }))).toBe(false);
    same(removeZeros(ql({ cpu: '0', memory: '0', storage: '100Gi' })), { storage: '100Gi' });
    expect(isNegative(ql({ cpu: '-10', memory: '0' }))).toEqual(['cpu']);
    expect(isNegative(ql({ cpu: '-200m', memory: '-1Gi' })).sort()).toEqual(['cpu', 'memory']);
  });

  it('Intersection and Difference dedupe and sort (TestIntersection, TestDifference)', () => {
    expect(intersection([], [])).toEqual([]);
    expect(intersection(['cpu', 'cpu', 'memory', 'memory'], ['cpu'])).toEqual(['cpu']);
    expect(intersection(['memory', 'memory', 'cpu', 'cpu'], ['memory', 'memory', 'cpu', 'cpu'])).toEqual(['cpu', 'memory']);
    expect(difference(['cpu', 'memory'], ['cpu', 'memory'])).toEqual([]);
    expect(difference(['cpu', 'cpu', 'memory', 'memory'], ['cpu'])).toEqual(['memory']);
    expect(difference(['memory', 'memory', 'cpu', 'cpu'], [])).toEqual(['cpu', 'memory']);
  });

  it('writes lists back in canonical form with sorted names', () => {
    expect(Object.keys(toResourceList(ql({ pods: '1', cpu: '1', 'limits.cpu': '2' })))).toEqual(['cpu', 'limits.cpu', 'pods']);
    expect(toResourceList(add(ql({ cpu: '1' }), ql({ cpu: '100m' })))).toEqual({ cpu: '1100m' });
    expect(toResourceList(add(ql({ memory: '50Gi' }), ql({ memory: '2Gi' })))).toEqual({ memory: '52Gi' });
  });
});
