// kube-apiserver's REST semantics against a headless cluster (etcd + apiserver on SimHost), as raw
// requests: the Status bodies upstream answers, resourceVersion = etcd's mod_revision, optimistic
// concurrency, chunked lists, watches from a resourceVersion (and 410 after compaction), admission,
// authentication and authorization, allocation of Service addresses, finalizers, and what happens
// without an etcd quorum.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';

const json = (s: string) => JSON.parse(s) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cm = (name: string, data: Record<string, string> = { a: '1' }, labels?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data });

async function ready(seed = 1, apiserver?: { watchCacheSize?: number }): Promise<Cluster> {
  const c = await createCluster({ seed, apiserver, controllerManagers: 0, schedulers: 0 });
  await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  return c;
}

describe('kube-apiserver', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await ready();
  });

  it('makes the system namespaces and the kubernetes Service at 10.96.0.1 on start', async () => {
    const ns = json((await c.api('GET', '/api/v1/namespaces')).body);
    expect(ns.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(ns.items[0].spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.items[0].metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'default' });
    const svc = json((await c.api('GET', '/api/v1/namespaces/default/services/kubernetes')).body);
    expect(svc.spec.clusterIP).toBe('10.96.0.1');
    expect(svc.spec.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
  });

  it('stores objects under /registry/<resource>/<namespace>/<name>; resourceVersion is the mod_revision', async () => {
    const res = await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('stored'));
    expect(res.status).toBe(201);
    const obj = json(res.body);
    const kv = json((await c.etcdctl('get /registry/configmaps/default/stored -w json')).stdout).kvs[0];
    expect(String(kv.mod_revision)).toBe(obj.metadata.resourceVersion);
    expect(obj.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(obj.metadata.creationTimestamp).toMatch(/^2026-01-01T00:00:\d\dZ$/);
  });

  it('answers 409 AlreadyExists and 404 NotFound with upstream Status bodies', async () => {
    await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('twice'));
    const again = await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('twice'));
    expect(again.status).toBe(409);
    expect(json(again.body)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "twice" already exists', reason: 'AlreadyExists', details: { name: 'twice', group: '', kind: 'configmaps' }, code: 409 });
    const missing = await c.api('GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    expect(missing.status).toBe(404);
    expect(json(missing.body)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'deployments.apps "nope" not found', reason: 'NotFound', details: { name: 'nope', group: 'apps', kind: 'deployments' }, code: 404 });
  });

  it('refuses an update from a stale resourceVersion with 409 Conflict, and one without any with 422', async () => {
    const made = json((await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('occ'))).body);
    const first = await c.api('PUT', '/api/v1/namespaces/default/configmaps/occ', { ...made, data: { a: '2' } });
    expect(first.status).toBe(200);
    expect(Number(json(first.body).metadata.resourceVersion)).toBeGreaterThan(Number(made.metadata.resourceVersion));
    const stale = await c.api('PUT', '/api/v1/namespaces/default/configmaps/occ', { ...made, data: { a: '3' } });
    expect(stale.status).toBe(409);
    expect(json(stale.body).message).toBe('Operation cannot be fulfilled on configmaps "occ": the object has been modified; please apply your changes to the latest version and try again');
    const { resourceVersion: _rv, ...meta } = made.metadata;
    const none = await c.api('PUT', '/api/v1/namespaces/default/configmaps/occ', { ...made, metadata: meta });
    expect(none.status).toBe(422);
    expect(json(none.body).message).toBe('ConfigMap "occ" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  });

  it('pages a list with limit and continue at one revision', async () => {
    for (let i = 0; i < 5; i++) await c.api('POST', '/api/v1/namespaces/default/configmaps', cm(`page-${i}`, { a: '1' }, { set: 'pages' }));
    const first = json((await c.api('GET', '/api/v1/namespaces/default/configmaps?limit=2')).body);
    expect(first.items).toHaveLength(2);
    expect(first.metadata.continue).toBeTruthy();
    expect(first.metadata.remainingItemCount).toBeGreaterThan(0);
    const names: string[] = first.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    let token = first.metadata.continue;
    // Objects written after the first page are not in the later pages: they read the first page's revision.
    await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('aaa-late'));
    while (token) {
      const page = json((await c.api('GET', `/api/v1/namespaces/default/configmaps?limit=2&continue=${encodeURIComponent(token)}`)).body);
      names.push(...page.items.map((i: { metadata: { name: string } }) => i.metadata.name));
      expect(page.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      token = page.metadata.continue;
    }
    const all = json((await c.api('GET', '/api/v1/namespaces/default/configmaps')).body);
    expect(names).toEqual(all.items.map((i: { metadata: { name: string } }) => i.metadata.name).filter((n: string) => n !== 'aaa-late'));
    const bySelector = json((await c.api('GET', '/api/v1/namespaces/default/configmaps?labelSelector=set%3Dpages')).body);
    expect(bySelector.items).toHaveLength(5);
  });

  it('serves server-side Tables to kubectl', async () => {
    const t = json((await c.api('GET', '/api/v1/namespaces', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' })).body);
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((d: { name: string }) => d.name)).toEqual(['Name', 'Status', 'Age']);
    expect(t.rows[0].cells.slice(0, 2)).toEqual(['default', 'Active']);
  });

  it('refuses creates in a missing namespace and deleting the system namespaces (NamespaceLifecycle)', async () => {
    const res = await c.api('POST', '/api/v1/namespaces/nope/configmaps', cm('x'));
    expect(res.status).toBe(404);
    expect(json(res.body).message).toBe('namespaces "nope" not found');
    const del = await c.api('DELETE', '/api/v1/namespaces/default');
    expect(del.status).toBe(403);
    expect(json(del.body).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('authenticates bearer tokens and authorizes with RBAC', async () => {
    const bad = await c.api('GET', '/api/v1/namespaces', undefined, { authorization: 'Bearer wrong' });
    expect(bad.status).toBe(401);
    expect(json(bad.body)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    const bob = await c.api('GET', '/api/v1/namespaces/default/pods', undefined, { 'impersonate-user': 'bob' });
    expect(bob.status).toBe(403);
    expect(json(bob.body).message).toBe('pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"');
  });

  it('allocates cluster IPs from 10.96.0.0/12 and node ports from 30000-32767, never twice', async () => {
    const svc = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...extra } });
    const a = json((await c.api('POST', '/api/v1/namespaces/default/services', svc('a', { type: 'NodePort' }))).body);
    expect(a.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(a.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(a.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(a.spec.ports[0].targetPort).toBe(80);
    const clash = await c.api('POST', '/api/v1/namespaces/default/services', svc('b', { clusterIP: a.spec.clusterIP }));
    expect(clash.status).toBe(422);
    expect(json(clash.body).message).toContain('provided IP is already allocated');
    await c.api('DELETE', '/api/v1/namespaces/default/services/a');
    const reuse = await c.api('POST', '/api/v1/namespaces/default/services', svc('c', { clusterIP: a.spec.clusterIP }));
    expect(reuse.status).toBe(201);
  });

  it('keeps an object with finalizers until the last one is removed', async () => {
    await c.api('POST', '/api/v1/namespaces/default/configmaps', { ...cm('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    const del = await c.api('DELETE', '/api/v1/namespaces/default/configmaps/held');
    expect(del.status).toBe(200);
    expect(json(del.body).metadata.deletionTimestamp).toBeTruthy();
    expect((await c.api('GET', '/api/v1/namespaces/default/configmaps/held')).status).toBe(200);
    const patched = await c.api('PATCH', '/api/v1/namespaces/default/configmaps/held', { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(patched.status).toBe(200);
    expect((await c.api('GET', '/api/v1/namespaces/default/configmaps/held')).status).toBe(404);
  });

  it('scales through the scale subresource', async () => {
    await c.kubectl('create deployment scaled --image=nginx');
    const s = json((await c.api('GET', '/apis/apps/v1/namespaces/default/deployments/scaled/scale')).body);
    expect(s).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { replicas: 0, selector: 'app=scaled' } });
    const up = await c.api('PATCH', '/apis/apps/v1/namespaces/default/deployments/scaled/scale', { spec: { replicas: 4 } }, { 'content-type': 'application/merge-patch+json' });
    expect(json(up.body).spec.replicas).toBe(4);
    const d = json((await c.api('GET', '/apis/apps/v1/namespaces/default/deployments/scaled')).body);
    expect(d.spec.replicas).toBe(4);
    expect(d.metadata.generation).toBe(2);
  });

  it('refuses a scale PATCH naming a stale resourceVersion with upstream\'s Conflict (kubectl scale names none: engine/workloads.test.ts)', async () => {
    await c.kubectl('create deployment raced --image=nginx');
    const path = '/apis/apps/v1/namespaces/default/deployments/raced/scale';
    const merge = { 'content-type': 'application/merge-patch+json' };
    const stale = json((await c.api('GET', path)).body).metadata.resourceVersion;
    expect((await c.api('PATCH', path, { spec: { replicas: 7 } }, merge)).status).toBe(200);
    const refused = await c.api('PATCH', path, { metadata: { resourceVersion: stale }, spec: { replicas: 8 } }, merge);
    expect(refused.status).toBe(409);
    expect(json(refused.body).message).toBe('Operation cannot be fulfilled on deployments.apps "raced": the object has been modified; please apply your changes to the latest version and try again');
    expect(json((await c.api('GET', '/apis/apps/v1/namespaces/default/deployments/raced')).body).spec.replicas).toBe(7);
    // A PUT whose body is not a Scale is a 400, and changes nothing.
    expect((await c.api('PUT', path, '{"spec": {"replicas": 9')).status).toBe(400);
    expect((await c.api('PUT', path, { kind: 'Deployment', spec: { replicas: 9 } })).status).toBe(400);
    expect(json((await c.api('GET', path)).body).spec.replicas).toBe(7);
    const missing = await c.api('PATCH', '/apis/apps/v1/namespaces/default/deployments/nope/scale', { spec: { replicas: 1 } }, merge);
    expect(missing.status).toBe(404);
    expect(json(missing.body).message).toBe('deployments.apps "nope" not found');
  });
});

describe('kube-apiserver watches', () => {
  it('replays events after a resourceVersion, in order, and filters by label (an object leaving the selector is DELETED)', async () => {
    const c = await ready(2);
    const start = json((await c.api('GET', '/api/v1/namespaces/default/configmaps')).body).metadata.resourceVersion;
    await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('w', { a: '1' }, { team: 'x' }));
    await c.api('PATCH', '/api/v1/namespaces/default/configmaps/w', { data: { a: '2' } }, { 'content-type': 'application/merge-patch+json' });
    await c.api('PATCH', '/api/v1/namespaces/default/configmaps/w', { metadata: { labels: { team: 'y' } } }, { 'content-type': 'application/merge-patch+json' });
    await c.api('DELETE', '/api/v1/namespaces/default/configmaps/w');
    const all = await c.api('GET', `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${start}&timeoutSeconds=1`);
    const events = all.body.trim().split('\n').map((l) => json(l));
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
    const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    const team = await c.api('GET', `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${start}&timeoutSeconds=1&labelSelector=team%3Dx`);
    expect(team.body.trim().split('\n').map((l) => json(l).type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('answers a watch from before the watch cache\'s window with a 410 Expired ERROR event', async () => {
    // A cache that keeps 20 events: the bootstrap's hundred writes push revision 1 out of its window.
    const c = await ready(3, { watchCacheSize: 20 });
    const res = await c.api('GET', `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1&timeoutSeconds=1`);
    const ev = json(res.body.trim().split('\n')[0]);
    expect(ev.type).toBe('ERROR');
    expect(ev.object).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    expect(ev.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });
});

describe('kube-apiserver without etcd quorum', () => {
  it('fails writes with etcd\'s error and serves again once quorum is back', async () => {
    const c = await ready(4);
    c.chaos.killEtcd('etcd-1');
    c.chaos.killEtcd('etcd-2');
    // The killed members' connections are gone, so the client sends the write to etcd-0, which cannot
    // commit it: etcd's own request timeout (5 s + 2 election timeouts) ends it before the apiserver's,
    // and the apiserver passes etcd's error on as a 500 ("Error from server: etcdserver: request timed out").
    const res = await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('noquorum'));
    expect(res.status).toBe(500);
    expect(json(res.body)).toMatchObject({ status: 'Failure', message: 'etcdserver: request timed out', code: 500 });
    // With no member to connect to, the write waits for one until the request timeout: 504.
    c.chaos.killEtcd('etcd-0');
    const none = await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('nomember'));
    expect(none.status).toBe(504);
    expect(json(none.body)).toMatchObject({ reason: 'Timeout', message: 'Timeout: request did not complete within requested timeout - context deadline exceeded', code: 504 });
    c.chaos.restartEtcd('etcd-0');
    c.chaos.restartEtcd('etcd-1');
    c.chaos.restartEtcd('etcd-2');
    await c.run(5000);
    const again = await c.api('POST', '/api/v1/namespaces/default/configmaps', cm('quorum'));
    expect(again.status).toBe(201);
  });
});

describe('a restarted kube-apiserver', () => {
  it('fills its cache again and serves, finding its bootstrap objects already there', async () => {
    const c = await ready(5);
    c.chaos.killApiserver('kube-apiserver-0');
    expect((await c.kubectl('get ns')).stderr).toBe('The connection to the server 10.0.0.2:6443 was refused - did you specify the right host or port?\n');
    c.chaos.restartApiserver('kube-apiserver-0');
    expect(await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000)).toBe(true);
    expect((await c.kubectl('get ns -o name')).stdout).toBe('namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n');
  });
});

describe('two kube-apiservers behind one endpoint', () => {
  it('both bootstrap, and kubectl keeps working when the one it used dies', async () => {
    const c = await createCluster({ seed: 6, apiservers: 2, controllerManagers: 0, schedulers: 0 });
    expect(await c.runUntil(() => c.apiserverNames.every((n) => c.inspect.apiserver(n)?.bootstrapped === true), 30_000)).toBe(true);
    expect((await c.kubectl('create namespace ha')).stdout).toBe('namespace/ha created\n');
    c.chaos.killApiserver('kube-apiserver-0');
    expect((await c.kubectl('get ns ha -o name')).stdout).toBe('namespace/ha\n');
    expect(c.inspect.apiserver('kube-apiserver-1')?.served).toBeGreaterThan(0);
  });
});

describe("the apiserver's recent requests", () => {
  it("keep a person's request while the components' lease renewals and watches go on", async () => {
    const c = await createCluster({ seed: 3 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    expect((await c.api('GET', '/api/v1/namespaces')).status).toBe(200);
    await c.run(120_000);
    const recent = c.inspect.apiserver()!.recent;
    expect(recent.length).toBe(50);
    expect(recent.filter((r) => r.user.startsWith('system:')).length).toBeGreaterThan(40);
    expect(recent.filter((r) => !r.user.startsWith('system:')).map((r) => `${r.verb} ${r.path} ${r.code}`)).toContain('list /api/v1/namespaces 200');
  }, 60_000);
});
