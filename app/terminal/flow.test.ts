// FlowWriter: xterm gets bounded chunks, in order, and nothing is dropped.
import { describe, expect, it } from 'vitest';
import { FlowWriter } from './flow';

describe('FlowWriter', () => {
  it('hands out at most `high` characters at a time and delivers everything in order', async () => {
    const got: string[] = [];
    const pending: (() => void)[] = [];
    let inflight = 0;
    let maxInflight = 0;
    const w = new FlowWriter(
      (data, done) => {
        got.push(data);
        inflight += data.length;
        maxInflight = Math.max(maxInflight, inflight);
        pending.push(() => {
          inflight -= data.length;
          done();
        });
      },
      1000,
      300,
    );
    const text = Array.from({ length: 500 }, (_, i) => `line ${i}\r\n`).join('');
    for (let i = 0; i < text.length; i += 7) w.write(text.slice(i, i + 7));
    let order = '';
    w.then(() => (order = got.join('')));
    const drained = w.drained();
    while (pending.length) pending.shift()!();
    await drained;
    expect(got.join('')).toBe(text);
    expect(order).toBe(text);
    expect(maxInflight).toBeLessThanOrEqual(1000 + 300);
    expect(Math.max(...got.map((g) => g.length))).toBeLessThanOrEqual(300);
    expect(w.backlog).toBe(0);
  });
});
