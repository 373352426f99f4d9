// startEtcdctl: a run on its own Coroutine, stepped only by the client's continuations; interrupt()
// is Ctrl-C (exit 130, the open watch closed), and a bug inside a command still surfaces.

import { describe, expect, it } from 'vitest';
import type { RangeResponse } from '../etcd/types';
import { startEtcdctl, type EtcdctlResult } from './index';
import { epochMs, FakeClient } from './testdata/harness';

function start(line: string, client: FakeClient, onStdout?: (s: string) => void) {
  const results: { r: EtcdctlResult; error?: unknown }[] = [];
  const run = startEtcdctl(line, client, { nowMs: () => epochMs + client.clock.now, onStdout }, (r, error) => results.push({ r, error }));
  return { run, results };
}

describe('startEtcdctl', () => {
  it('runs up to its first wait synchronously and finishes on the answer', () => {
    const c = new FakeClient().on('Put', { header: { cluster_id: 1n, member_id: 2n, revision: 3, raft_term: 2 } });
    const { results } = start('put k v', c);
    expect(c.calls.map((x) => x.method)).toEqual(['Put']);
    expect(results).toEqual([]);
    c.clock.fireNext();
    expect(results).toEqual([{ r: { code: 0, stdout: 'OK\n', stderr: '' } }]);
  });

  it('interrupt() is Ctrl-C: the watch closes and the run ends with 130, once', () => {
    const c = new FakeClient();
    const out: string[] = [];
    const { run, results } = start('watch k', c, (s) => out.push(s));
    expect(c.watches).toHaveLength(1);
    c.watches[0].send({
      header: { cluster_id: 1n, member_id: 2n, revision: 5, raft_term: 2 },
      watch_id: 0,
      created: false,
      canceled: false,
      compact_revision: 0,
      cancel_reason: '',
      events: [{ type: 'PUT', kv: { key: 'k', value: 'v', create_revision: 5, mod_revision: 5, version: 1, lease: 0n } }],
    });
    expect(out.join('')).toBe('PUT\nk\nv\n');
    run.interrupt();
    run.interrupt();
    expect(results).toEqual([{ r: { code: 130, stdout: 'PUT\nk\nv\n', stderr: '' } }]);
    expect(c.watches[0].canceled).toBe(true);
  });

  it('interrupt() cancels the call in flight', () => {
    const c = new FakeClient().on('Range', { header: { cluster_id: 1n, member_id: 2n, revision: 3, raft_term: 2 }, kvs: [], more: false, count: 0 });
    const { run, results } = start('get k', c);
    run.interrupt();
    expect(results).toEqual([{ r: { code: 130, stdout: '', stderr: '' } }]);
    expect(c.clock.fireNext()).toBe(false);
  });

  it('an unexpected exception ends the run with code 1 and "Error: <message>"', () => {
    const c = new FakeClient().on('Range', { header: { cluster_id: 1n, member_id: 2n, revision: 3, raft_term: 2 } } as RangeResponse);
    const { results } = start('get k', c);
    c.clock.fireNext();
    expect(results).toHaveLength(1);
    expect(results[0].r.code).toBe(1);
    expect(results[0].r.stderr).toMatch(/^Error: .*\n$/);
    expect(results[0].error).toBeInstanceOf(TypeError);
  });
});
