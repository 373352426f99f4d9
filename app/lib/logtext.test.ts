import { describe, expect, it } from 'vitest';
import { readableLogText, zapLineText } from './logtext';

const zap =
  '{"level":"warn","ts":"2024-01-01T00:00:05.000Z","caller":"clientv3/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"endpoint://client-x/etcd-0","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}';

describe('readableLogText', () => {
  it('turns a zap JSON line from etcdctl into a sentence', () => {
    expect(zapLineText(zap)).toBe('retrying of unary invoker failed: rpc error: code = DeadlineExceeded desc = context deadline exceeded (attempt 0)');
  });
  it('keeps plain text, and joins a zap line with the error that follows it', () => {
    expect(readableLogText('etcd-1 is down')).toBe('etcd-1 is down');
    const out = readableLogText(`Remove member: ${zap}\nError: context deadline exceeded\n`);
    expect(out).not.toMatch(/[{}]/);
    expect(out).toContain('retrying of unary invoker failed');
    expect(out).toContain('Error: context deadline exceeded');
  });
  it('leaves text that only looks like JSON alone', () => {
    expect(zapLineText('{not json}')).toBeNull();
    expect(readableLogText('{"a":1}')).toBe('{"a":1}');
  });
});
