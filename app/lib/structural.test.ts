import { describe, expect, it } from 'vitest';
import { keepEqual } from './structural';

describe('keepEqual', () => {
  it('answers the previous value when the next is deep-equal', () => {
    const prev = { id: 'node-1', data: { pods: [{ name: 'a', ready: true }], up: true }, position: { x: 1, y: 2 } };
    const next = { id: 'node-1', data: { pods: [{ name: 'a', ready: true }], up: true }, position: { x: 1, y: 2 } };
    expect(keepEqual(prev, next)).toBe(prev);
  });

  it('keeps the unchanged parts of a changed value', () => {
    const prev = { data: { pods: [{ name: 'a', ready: true }, { name: 'b', ready: true }] }, position: { x: 1, y: 2 } };
    const next = { data: { pods: [{ name: 'a', ready: true }, { name: 'b', ready: false }] }, position: { x: 1, y: 2 } };
    const out = keepEqual(prev, next);
    expect(out).not.toBe(prev);
    expect(out).toEqual(next);
    expect(out.position).toBe(prev.position);
    expect(out.data.pods[0]).toBe(prev.data.pods[0]);
    expect(out.data.pods[1]).toBe(next.data.pods[1]);
  });

  it('sees added, removed and undefined-valued keys, and length changes', () => {
    const prev: Record<string, unknown> = { a: 1 };
    expect(keepEqual(prev, { a: 1, b: undefined })).not.toBe(prev);
    expect(keepEqual({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    const list = [1, 2];
    expect(keepEqual(list, [1, 2, 3])).toEqual([1, 2, 3]);
    expect(keepEqual(list, [1])).toEqual([1]);
    expect(keepEqual(list, [1, 2])).toBe(list);
  });

  it('compares class instances and functions by identity', () => {
    const f = () => 1;
    expect(keepEqual({ f }, { f: () => 1 }).f).not.toBe(f);
    const d = new Date(0);
    expect(keepEqual({ d }, { d: new Date(0) }).d).not.toBe(d);
    expect(keepEqual(NaN, NaN)).toBeNaN();
  });
});
