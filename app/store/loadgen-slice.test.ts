import { describe, expect, it } from 'vitest';
import { addResult, emptyTotals } from './loadgen-slice';

describe('the load generator totals', () => {
  it('add each batch to the totals and keep the last batch alone', () => {
    let t = addResult(emptyTotals(), { ok: 3, failed: 1, byEndpoint: { '10.244.1.2:80': 2, '10.244.2.2:80': 1 }, errors: { 'connection timed out': 1 }, resolved: '10.96.0.20' });
    t = addResult(t, { ok: 2, failed: 0, byEndpoint: { '10.244.2.2:80': 2 }, errors: {} });
    expect(t).toMatchObject({ ok: 5, failed: 1, batches: 2, resolved: '10.96.0.20', byEndpoint: { '10.244.1.2:80': 2, '10.244.2.2:80': 3 }, errors: { 'connection timed out': 1 } });
    expect(t.last).toEqual({ ok: 2, failed: 0, byEndpoint: { '10.244.2.2:80': 2 } });
  });
});
