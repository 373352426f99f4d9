import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng';
import { DeltaEncoder, applyDelta, deepFreeze, type Delta } from './telemetry-delta';

/** Sends `values` one after another over one stream, through a structured clone as postMessage makes. */
function roundTrip(values: unknown[]): { received: unknown[]; deltas: (Delta | null)[] } {
  const enc = new DeltaEncoder();
  let held: unknown = undefined;
  const received: unknown[] = [];
  const deltas: (Delta | null)[] = [];
  for (const v of values) {
    const d = enc.encode('p', v);
    deltas.push(d);
    if (d) held = applyDelta(held, structuredClone(d));
    // What the main thread holds must be what a full copy would have given, key order included.
    expect(JSON.stringify(held)).toBe(JSON.stringify(v));
    received.push(held);
  }
  return { received, deltas };
}

describe('telemetry deltas', () => {
  it('sends a frozen subtree once, and keeps its identity on the receiving side', () => {
    const inspection = deepFreeze({ node: 'node-1', scores: [{ plugin: 'NodeResourcesFit', score: 87 }] });
    const first = { scheduled: 1, scheduling: { 'default/a': inspection } };
    const second = { scheduled: 2, scheduling: { 'default/a': inspection, 'default/b': deepFreeze({ node: 'node-2', scores: [] }) } };
    const { received, deltas } = roundTrip([first, second]);
    const d = deltas[1] as { o: [string, Delta][] };
    // Only the counter and the new pod travel.
    expect(JSON.stringify(d)).not.toContain('NodeResourcesFit');
    expect(JSON.stringify(d)).toContain('node-2');
    const [a, b] = received as { scheduling: Record<string, unknown> }[];
    expect(b.scheduling['default/a']).toBe(a.scheduling['default/a']);
  });

  it('sends nothing when nothing changed', () => {
    const row = deepFreeze({ name: 'web-1', phase: 'Running' });
    const { deltas } = roundTrip([{ pods: [row], n: 1 }, { pods: [row], n: 1 }]);
    expect(deltas[1]).toBeNull();
  });

  it('finds a frozen element wherever it moved in an array', () => {
    const rows = ['a', 'b', 'c', 'd'].map((name) => deepFreeze({ name, big: 'x'.repeat(100) }));
    const inserted = deepFreeze({ name: 'a2', big: 'y' });
    const { deltas } = roundTrip([rows, [rows[0], inserted, ...rows.slice(1)]]);
    expect(deltas[1]).toEqual({ a: [0, -1, 1, 2, 3], n: [inserted] });
  });

  it('resends what a producer mutated in place, however the container is shared', () => {
    const pod = { name: 'web-1', restarts: 0 };
    const list = [pod];
    const state = { pods: list, counts: { running: 1 } };
    const enc = new DeltaEncoder();
    const opaque = new Map([['a', 1]]);
    const withMap = { state, opaque };
    let held = applyDelta(undefined, structuredClone(enc.encode('p', withMap)!));
    pod.restarts = 3;
    list.push({ name: 'web-2', restarts: 0 });
    state.counts.running = 2;
    opaque.set('b', 2);
    const d = enc.encode('p', withMap);
    expect(d).not.toBeNull();
    held = applyDelta(held, structuredClone(d!));
    expect(held).toEqual(withMap);
  });

  it('tracks removed keys and a changed key order', () => {
    roundTrip([
      { a: 1, b: 2, c: 3 },
      { a: 1, c: 3 },
      { c: 3, a: 1 },
      { c: 3, a: 1, b: { x: 1 } },
      { b: { x: 2 }, c: 3 },
    ]);
  });

  it('replaces whole what changes type, and forgets a stream on request', () => {
    roundTrip([{ v: [1, 2] }, { v: { 0: 1 } }, { v: null }, { v: 'text' }, 42, [1], { v: new Map([[1, 2]]) }]);
    const enc = new DeltaEncoder();
    const frozen = deepFreeze({ a: 1 });
    enc.encode('p', frozen);
    expect(enc.encode('p', frozen)).toBeNull();
    enc.forget('p');
    expect(enc.encode('p', frozen)).toEqual({ s: frozen });
  });

  // Seeded random telemetry-shaped values, edited between reports the ways producers edit them:
  // in place, by replacing frozen rows, by moving, inserting and dropping them.
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i: what arrives is always what was sent', (seed) => {
    const rng = new Rng(seed);
    const row = (i: number) => deepFreeze({ name: `pod-${i}`, phase: rng.chance(0.5) ? 'Pending' : 'Running', ready: rng.next() < 0.5, tags: [rng.int(0, 4)] });
    const state: { now: number; rows: ReturnType<typeof row>[]; byName: Record<string, unknown>; mutable: { n: number; list: number[] }; opaque?: unknown } = {
      now: 0,
      rows: Array.from({ length: 8 }, (_, i) => row(i)),
      byName: {},
      mutable: { n: 0, list: [] },
    };
    let next = 8;
    const values: unknown[] = [];
    for (let step = 0; step < 60; step++) {
      state.now += 1;
      switch (rng.int(0, 8)) {
        case 0:
          state.rows.splice(rng.int(0, state.rows.length + 1), 0, row(next++));
          break;
        case 1:
          if (state.rows.length) state.rows.splice(rng.int(0, state.rows.length), 1);
          break;
        case 2:
          if (state.rows.length) state.rows[rng.int(0, state.rows.length)] = row(next++);
          break;
        case 3:
          state.rows.reverse();
          break;
        case 4:
          state.mutable.n++;
          state.mutable.list.push(step);
          break;
        case 5: {
          const k = `k${rng.int(0, 6)}`;
          if (k in state.byName && rng.next() < 0.5) delete state.byName[k];
          else state.byName[k] = rng.next() < 0.5 ? row(next++) : { plain: step };
          break;
        }
        case 6:
          state.opaque = rng.next() < 0.5 ? undefined : [step, 'x'];
          break;
        default:
          break;
      }
      // A producer builds its top-level object afresh each time, around rows it keeps.
      values.push({ ...state, rows: [...state.rows], byName: { ...state.byName } });
    }
    roundTrip(values);
  });
});
