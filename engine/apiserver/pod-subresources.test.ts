// The pod subresources kube-apiserver serves beside storage, through the whole handler chain of a
// headless control plane with no kubelets: pods/log and pods/exec (their option checks, the
// container choice, an unscheduled pod, a node whose kubelet cannot be dialled) and pods/eviction
// with PodDisruptionBudgets (pkg/registry/core/pod/storage/eviction_test.go TestEviction's cases).
// What a kubelet answers is covered by engine/kubectl/pods.cluster.test.ts.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';

const json = (s: string) => JSON.parse(s) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const pod = (name: string, containers = ['web'], labels: Record<string, string> = { a: 'true' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: containers.map((c) => ({ name: c, image: 'nginx' })) } });
const pdb = (name: string, matchLabels: Record<string, string>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { minAvailable: 1, selector: { matchLabels } } });
const eviction = (name: string) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } });
const pods = '/api/v1/namespaces/default/pods';

describe('pod subresources', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster({ seed: 21, controllerManagers: 0, schedulers: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    // No controller-manager here: the default ServiceAccount the ServiceAccount admission plugin wants is made by hand.
    await c.api('POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  }, 120_000);

  /** A pod as if a kubelet ran it: bound, Running and Ready. */
  async function runningPod(name: string, labels?: Record<string, string>) {
    expect((await c.api('POST', pods, pod(name, ['web'], labels))).status).toBe(201);
    expect((await c.api('POST', `${pods}/${name}/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: 'node-9' } })).status).toBe(201);
    const cur = json((await c.api('GET', `${pods}/${name}`)).body);
    cur.status = { ...cur.status, phase: 'Running', conditions: [...cur.status.conditions, { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' }] };
    expect((await c.api('PUT', `${pods}/${name}/status`, cur)).status).toBe(200);
  }

  async function setPdbStatus(name: string, status: Record<string, unknown>) {
    const cur = json((await c.api('GET', `/apis/policy/v1/namespaces/default/poddisruptionbudgets/${name}`)).body);
    expect((await c.api('PUT', `/apis/policy/v1/namespaces/default/poddisruptionbudgets/${name}/status`, { ...cur, status: { currentHealthy: 1, desiredHealthy: 1, expectedPods: 1, observedGeneration: 1, ...status } })).status).toBe(200);
  }

  it('pods/log checks PodLogOptions (422) and the container (400), and streams nothing for an unscheduled pod', async () => {
    await c.api('POST', pods, pod('web-1', ['a', 'b']));
    await c.api('POST', pods, pod('solo'));
    const bad = await c.api('GET', `${pods}/web-1/log?tailLines=-1`);
    expect(bad.status).toBe(422);
    expect(json(bad.body).message).toBe('PodLogOptions "web-1" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
    const which = await c.api('GET', `${pods}/web-1/log`);
    expect(which.status).toBe(400);
    expect(json(which.body)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'a container name must be specified for pod web-1, choose one of: [a b]', reason: 'BadRequest', code: 400 });
    expect((await c.api('GET', `${pods}/web-1/log?container=c`)).body).toContain('container c is not valid for pod web-1');
    const empty = await c.api('GET', `${pods}/solo/log`);
    expect([empty.status, empty.body]).toEqual([204, '']);
    expect((await c.api('GET', `${pods}/nope/log`)).status).toBe(404);
  });

  it('pods/exec refuses a pod without a node, and a node that is not there', async () => {
    const res = await c.api('POST', `${pods}/solo/exec?command=env&stdout=true`);
    expect(res.status).toBe(400);
    expect(json(res.body).message).toBe('pod solo does not have a host assigned');
    await c.api('POST', pods, pod('lost'));
    await c.api('POST', `${pods}/lost/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'lost' }, target: { kind: 'Node', name: 'ghost' } });
    const ghost = await c.api('GET', `${pods}/lost/log`);
    expect([ghost.status, json(ghost.body).message]).toEqual([404, 'nodes "ghost" not found']);
    expect((await c.api('GET', `${pods}/lost/eviction`)).status).toBe(405);
  });

  it('a kubelet that cannot be dialled fails after the 30 s dial timeout, as upstream words it', async () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-9' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.1.9' }, { type: 'Hostname', address: 'node-9' }], daemonEndpoints: { kubeletEndpoint: { Port: 10250 } } } };
    expect((await c.api('POST', '/api/v1/nodes', node)).status).toBe(201);
    await runningPod('far');
    const t0 = c.clock.now();
    const logs = await c.api('GET', `${pods}/far/log?tailLines=10`);
    expect(c.clock.now() - t0).toBeGreaterThanOrEqual(30_000);
    expect(logs.status).toBe(500);
    expect(json(logs.body).message).toBe('Get "https://10.0.1.9:10250/containerLogs/default/far/web?tailLines=10": dial tcp 10.0.1.9:10250: i/o timeout');
    const exec = await c.api('POST', `${pods}/far/exec?command=env&stdout=true`);
    expect([exec.status, json(exec.body).message]).toEqual([500, 'error dialing backend: dial tcp 10.0.1.9:10250: i/o timeout']);
  });

  it('evicts a Pending pod at once, whatever its PDB says (TestEviction: pod pending)', async () => {
    await c.api('POST', pods, pod('t2'));
    await c.api('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('p-pending', { a: 'true', p: 'pending' }));
    const res = await c.api('POST', `${pods}/t2/eviction`, eviction('t2'));
    expect([res.status, json(res.body)]).toEqual([201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }]);
    expect((await c.api('GET', `${pods}/t2`)).status).toBe(404);
  });

  it('refuses a running pod its PDB has no disruption for with 429, and spends one when there is', async () => {
    await runningPod('t1', { e: 'pdb' });
    await c.api('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('foo', { e: 'pdb' }));
    await setPdbStatus('foo', { disruptionsAllowed: 0 });
    const refused = await c.api('POST', `${pods}/t1/eviction`, eviction('t1'));
    expect(refused.status).toBe(429);
    expect(json(refused.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget foo needs 1 healthy pods and has 1 currently' }] },
      code: 429,
    });
    await setPdbStatus('foo', { disruptionsAllowed: 1, currentHealthy: 2 });
    const ok = await c.api('POST', `${pods}/t1/eviction`, eviction('t1'));
    expect(ok.status).toBe(201);
    const after = json((await c.api('GET', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/foo')).body).status;
    expect(after.disruptionsAllowed).toBe(0);
    expect(Object.keys(after.disruptedPods)).toEqual(['t1']);
    // Bound to a node, the pod is deleted gracefully: it lingers with the DisruptionTarget condition.
    const gone = json((await c.api('GET', `${pods}/t1`)).body);
    expect(gone.metadata.deletionTimestamp).toBeDefined();
    expect(gone.status.conditions.find((x: { type: string }) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
  });

  it('cannot evict a pod two PDBs cover (500), nor one the body does not name (400)', async () => {
    await runningPod('t3', { two: 'x' });
    await c.api('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('one', { two: 'x' }));
    await c.api('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', pdb('other', { two: 'x' }));
    const res = await c.api('POST', `${pods}/t3/eviction`, eviction('t3'));
    expect([res.status, json(res.body).message]).toEqual([500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
    const named = await c.api('POST', `${pods}/t3/eviction`, eviction('t4'));
    expect([named.status, json(named.body).message]).toEqual([400, 'name in URL does not match name in Eviction object']);
  });
});
