// The ResourceQuota admission plugin inside kube-apiserver, on a headless cluster (the set-up of
// engine/apiserver/apiserver.test.ts): a quota whose status is set through /status, as the resource
// quota controller would, admits a pod, refuses the next with upstream's 403, and kubectl prints
// the usage the plugin wrote.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';

const json = (s: string) => JSON.parse(s) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ns = '/api/v1/namespaces/quota-demo';
const pod = (name: string, cpu: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu } } }] } });

describe('ResourceQuota in kube-apiserver', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster({ seed: 3 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    expect((await c.api('POST', '/api/v1/namespaces', { metadata: { name: 'quota-demo' } })).status).toBe(201);
    expect((await c.api('POST', `${ns}/serviceaccounts`, { metadata: { name: 'default' } })).status).toBe(201);
  });

  it('charges an admitted pod to the quota and refuses the one that would exceed it', async () => {
    const made = await c.api('POST', `${ns}/resourcequotas`, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute-quota' }, spec: { hard: { 'requests.cpu': '2', pods: '10' } } });
    expect(made.status).toBe(201);
    const q = json(made.body);
    expect(q.status).toEqual({});
    // What the resource quota controller writes on its first sync.
    const synced = await c.api('PUT', `${ns}/resourcequotas/compute-quota/status`, { ...q, status: { hard: { pods: '10', 'requests.cpu': '2' }, used: { pods: '0', 'requests.cpu': '0' } } });
    expect(synced.status).toBe(200);
    await c.run(100);

    expect((await c.api('POST', `${ns}/pods`, pod('p1', '1'))).status).toBe(201);
    const after = json((await c.api('GET', `${ns}/resourcequotas/compute-quota`)).body);
    expect(after.status.used).toEqual({ pods: '1', 'requests.cpu': '1' });
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(json(synced.body).metadata.resourceVersion));

    const refused = await c.api('POST', `${ns}/pods`, pod('p2', '2'));
    expect(refused.status).toBe(403);
    expect(json(refused.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "p2" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=2, used: requests.cpu=1, limited: requests.cpu=2',
      reason: 'Forbidden',
      details: { name: 'p2', kind: 'pods' , group: '' },
      code: 403,
    });
    expect((await c.api('GET', `${ns}/pods/p2`)).status).toBe(404);

    const noRequests = await c.api('POST', `${ns}/pods`, { ...pod('p3', '1'), spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    expect(json(noRequests.body).message).toBe('pods "p3" is forbidden: failed quota: compute-quota: must specify requests.cpu for: app');
  });

  it('lets the LimitRanger default the requests first', async () => {
    const lr = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '500m' } }] } };
    expect((await c.api('POST', `${ns}/limitranges`, lr)).status).toBe(201);
    await c.run(100);
    expect((await c.api('POST', `${ns}/pods`, { ...pod('p4', '1'), spec: { containers: [{ name: 'app', image: 'nginx' }] } })).status).toBe(201);
    expect(json((await c.api('GET', `${ns}/resourcequotas/compute-quota`)).body).status.used).toEqual({ pods: '2', 'requests.cpu': '1500m' });
  });

  it('shows the written usage in kubectl get quota and describe namespace', async () => {
    const get = await c.kubectl('get quota -n quota-demo');
    expect(get.stdout).toMatch(/^NAME\s+REQUEST\s+LIMIT\s+AGE\ncompute-quota\s+pods: 2\/10, requests.cpu: 1500m\/2\s+\S+\n$/);
    const ns = await c.kubectl('describe namespace quota-demo');
    expect(ns.stdout).toContain('Resource Quotas\n  Name:         compute-quota\n  Resource      Used   Hard\n  --------      ---    ---\n  pods          2      10\n  requests.cpu  1500m  2\n');
  });
});
