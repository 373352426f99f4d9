// The page's façade over the cluster Worker (in-thread stand-ins over real MessageChannels): what
// only the façade can get wrong. The verbs themselves run against both hosts in browser-cluster.test.ts.

import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserCluster } from './browser-cluster';
import { inThreadClusterWorker } from './in-thread-worker';
import { createRemoteCluster } from './remote-cluster';
import type { WorkerLike } from './worker-handle';

const clusters: BrowserCluster[] = [];
afterEach(() => {
  for (const c of clusters.splice(0)) c.dispose();
});

async function start(worker: WorkerLike = inThreadClusterWorker(), controlPlane = false): Promise<BrowserCluster> {
  const c = await createRemoteCluster({ seed: 3, etcdMembers: 1, profile: 'fast', speed: 100, controlPlane, nodes: 0, addons: [] }, () => worker);
  clusters.push(c);
  return c;
}

/** Runs `line` until it succeeds (the cluster is still electing, the apiserver still bootstrapping). */
async function eventually(c: BrowserCluster, tool: 'etcdctl' | 'kubectl', line: string) {
  for (let i = 0; ; i++) {
    const r = await c[tool](line);
    if (r.code === 0 || i === 100) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A cluster Worker whose `error` event the test fires, as a Worker's crash or failed load fires it. */
function failable(worker: WorkerLike = inThreadClusterWorker()): { worker: WorkerLike; crash(message?: string): void } {
  const onError = new Set<EventListener>();
  return {
    worker: {
      ...worker,
      addEventListener: ((type: string, fn: EventListener, o?: AddEventListenerOptions) => (type === 'error' ? onError.add(fn) : worker.addEventListener(type, fn, o))) as WorkerLike['addEventListener'],
      removeEventListener: ((type: string, fn: EventListener, o?: EventListenerOptions) => (type === 'error' ? onError.delete(fn) : worker.removeEventListener(type, fn, o))) as WorkerLike['removeEventListener'],
    },
    crash: (message) => onError.forEach((fn) => fn(Object.assign(new Event('error'), message ? { message } : {}))),
  };
}

describe('createRemoteCluster', () => {
  it('streams a command’s output as it is printed, and Ctrl-C ends it', async () => {
    const c = await start();
    expect((await eventually(c, 'etcdctl', 'put /k 1')).code).toBe(0);
    const seen: string[] = [];
    const abort = new AbortController();
    const watching = c.etcdctl('watch /k', undefined, { onStdout: (chunk) => seen.push(chunk), signal: abort.signal });
    await eventually(c, 'etcdctl', 'put /k 2');
    for (let i = 0; i < 100 && seen.join('').length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen.join('')).toBe('PUT\n/k\n2\n');
    abort.abort();
    const r = await watching;
    expect(r.stdout).toBe('PUT\n/k\n2\n');
  });

  it('opens kubectl edit’s editor on the page and applies what was saved', async () => {
    const c = await start(undefined, true);
    expect((await eventually(c, 'kubectl', 'create configmap demo --from-literal=greeting=hello')).stdout).toBe('configmap/demo created\n');
    const opened: string[] = [];
    const r = await c.kubectl('edit configmap demo', undefined, {
      editor: async (text) => (opened.push(text), text.replace('greeting: hello', 'greeting: bonjour')),
    });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain('greeting: hello');
    expect(r).toMatchObject({ code: 0, stdout: 'configmap/demo edited\n' });
    expect((await c.kubectl("get configmap demo -o 'jsonpath={.data.greeting}'")).stdout).toBe('bonjour');
  }, 60_000);

  it('ends every waiting command with an error when its Worker dies, and answers errors afterwards', async () => {
    const { worker, crash } = failable();
    const c = await start(worker);
    await eventually(c, 'etcdctl', 'put /k 1');
    const watching = c.etcdctl('watch /k');
    // Once the Worker has taken the command (its call answered), only its end event could end it.
    await new Promise((r) => setTimeout(r, 50));
    crash('boom');
    expect(await watching).toEqual({ code: 1, stdout: '', stderr: 'Error: cluster Worker error: boom\n' });
    expect((await c.killEtcd('etcd-0')).stderr).toBe('Error: cluster Worker error: boom\n');
    expect(await c.step()).toEqual([]);
    await expect(c.digest()).rejects.toThrow('cluster Worker error: boom');
  });

  it('refuses to start when its Worker fails to load', async () => {
    const { worker, crash } = failable();
    // A script that fails to load never answers; the Worker fires `error` instead.
    const failing: WorkerLike = { ...worker, postMessage: () => queueMicrotask(() => crash()) };
    await expect(createRemoteCluster({ seed: 1, etcdMembers: 1, profile: 'fast' }, () => failing)).rejects.toThrow('cluster Worker error: the worker failed to load or crashed');
  });
});
