// The sessionStorage slot for kubectl edit's unsaved text: written as typed, read once by the next page.
import { describe, expect, it } from 'vitest';
import { takeEditSlot, writeEditSlot } from './edit-slot';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    size: () => m.size,
  };
}

describe('edit slot', () => {
  it('gives back what was written, once', () => {
    const s = memoryStorage();
    const pending = [{ commandLine: 'kubectl edit deploy/web', text: 'a', buffer: 'b' }];
    writeEditSlot(pending, s);
    expect(takeEditSlot(s)).toEqual(pending);
    expect(takeEditSlot(s)).toEqual([]);
  });

  it('is emptied when no file is open, and ignores what it cannot read', () => {
    const s = memoryStorage();
    writeEditSlot([{ commandLine: 'kubectl edit deploy/web', text: 'a', buffer: 'b' }], s);
    writeEditSlot([], s);
    expect(s.size()).toBe(0);
    s.setItem('kubeplay:kubectl-edit', '[{"commandLine":"kubectl edit x","text":"a"},{"commandLine":"k","text":"t","buffer":"u"},7]');
    expect(takeEditSlot(s)).toEqual([{ commandLine: 'k', text: 't', buffer: 'u' }]);
    s.setItem('kubeplay:kubectl-edit', '{not json');
    expect(takeEditSlot(s)).toEqual([]);
  });

  it('survives storage that refuses writes', () => {
    const refusing = { setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    expect(() => writeEditSlot([{ commandLine: 'k', text: 't', buffer: 'u' }], refusing)).not.toThrow();
  });
});
