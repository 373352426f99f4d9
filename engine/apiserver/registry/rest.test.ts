// The order of a write inside kube-apiserver (handlers/create.go, update.go, delete.go over
// registry/generic/registry/store.go), on a headless cluster: mutating admission before the
// strategy and validation, validating admission after them, ?dryRun=All persisting nothing, and
// DELETE's propagation policies as the store turns them into finalizers.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';

const json = (s: string) => JSON.parse(s) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ns = '/api/v1/namespaces/rest-order';
const pod = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx', ...extra }] } });
const rc = (name: string) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name }, spec: { replicas: 0, selector: { app: name }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } } });
const deployment = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 0, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } } });

describe('a write through kube-apiserver', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster({ seed: 5, nodes: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    expect((await c.api('POST', '/api/v1/namespaces', { metadata: { name: 'rest-order' } })).status).toBe(201);
    await c.runUntil(() => false, 2_000); // the service account controller makes `default`
    const quota = json((await c.api('POST', `${ns}/resourcequotas`, { metadata: { name: 'q' }, spec: { hard: { pods: '10', 'requests.cpu': '4' } } })).body);
    await c.api('PUT', `${ns}/resourcequotas/q/status`, { ...quota, status: { hard: { pods: '10', 'requests.cpu': '4' }, used: { pods: '0', 'requests.cpu': '0' } } });
    const lr = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '64Mi' }, defaultRequest: { cpu: '500m', memory: '64Mi' } }] } };
    expect((await c.api('POST', `${ns}/limitranges`, lr)).status).toBe(201);
    await c.run(200);
  });

  const used = async () => json((await c.api('GET', `${ns}/resourcequotas/q`)).body).status.used;

  it('runs mutating admission before PrepareForCreate: the LimitRanger defaults decide the QoS class', async () => {
    const res = await c.api('POST', `${ns}/pods`, pod('guaranteed'));
    expect(res.status).toBe(201);
    const p = json(res.body);
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '64Mi' }, requests: { cpu: '500m', memory: '64Mi' } });
    expect(p.status.qosClass).toBe('Guaranteed');
    expect(p.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app');
    expect(await used()).toEqual({ pods: '1', 'requests.cpu': '500m' });
  });

  it('validates before validating admission: an invalid pod is refused with 422 and charged nothing', async () => {
    const res = await c.api('POST', `${ns}/pods`, pod('Bad_Name'));
    expect(res.status).toBe(422);
    expect(await used()).toEqual({ pods: '1', 'requests.cpu': '500m' });
  });

  it('names a generateName pod that admission refuses by its prefix (admission.NewForbidden)', async () => {
    const res = await c.api('POST', `${ns}/pods`, { ...pod(''), metadata: { generateName: 'web-' }, spec: { priorityClassName: 'missing', containers: [{ name: 'app', image: 'nginx' }] } });
    expect(res.status).toBe(403);
    expect(json(res.body).message).toBe('pods "web-" is forbidden: no PriorityClass with name missing was found');
  });

  it('persists nothing on ?dryRun=All, and charges no quota', async () => {
    const created = await c.api('POST', `${ns}/pods?dryRun=All`, pod('dry'));
    expect(created.status).toBe(201);
    expect(json(created.body).metadata.uid).toBeTruthy();
    expect((await c.api('GET', `${ns}/pods/dry`)).status).toBe(404);
    expect(await used()).toEqual({ pods: '1', 'requests.cpu': '500m' });

    const cur = json((await c.api('GET', `${ns}/pods/guaranteed`)).body);
    const put = await c.api('PUT', `${ns}/pods/guaranteed?dryRun=All`, { ...cur, metadata: { ...cur.metadata, labels: { x: 'y' } } });
    expect(put.status).toBe(200);
    expect(json(put.body).metadata.labels).toEqual({ x: 'y' });
    expect(json((await c.api('GET', `${ns}/pods/guaranteed`)).body).metadata).toEqual(cur.metadata);

    const patched = await c.api('PATCH', `${ns}/pods/guaranteed?dryRun=All`, { metadata: { labels: { y: 'z' } } }, { 'content-type': 'application/merge-patch+json' });
    expect(json(patched.body).metadata.labels).toEqual({ y: 'z' });
    expect(json((await c.api('GET', `${ns}/pods/guaranteed`)).body).metadata.resourceVersion).toBe(cur.metadata.resourceVersion);

    expect((await c.api('DELETE', `${ns}/pods/guaranteed?dryRun=All`)).status).toBe(200);
    expect((await c.api('DELETE', `${ns}/pods/guaranteed`, { dryRun: ['All'] })).status).toBe(200);
    expect((await c.api('GET', `${ns}/pods/guaranteed`)).status).toBe(200);
  });

  it('refuses a dryRun other than All (ValidateDryRun)', async () => {
    const res = await c.api('POST', `${ns}/pods?dryRun=Some`, pod('never'));
    expect(res.status).toBe(422);
    expect(json(res.body).message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Some"}: supported values: "All"');
  });

  it('orphans a ReplicationController by default (rcStrategy DefaultGarbageCollectionPolicy), deletes it with Background', async () => {
    expect((await c.api('POST', `${ns}/replicationcontrollers`, rc('legacy'))).status).toBe(201);
    const del = json((await c.api('DELETE', `${ns}/replicationcontrollers/legacy`)).body);
    expect(del.metadata.finalizers).toEqual(['orphan']);
    expect(del.metadata.deletionTimestamp).toBeTruthy();
    expect(del.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(del.metadata.generation).toBe(2);
    // A second delete with another policy swaps the finalizer; Background drops it and the object goes.
    const again = json((await c.api('DELETE', `${ns}/replicationcontrollers/legacy`, { propagationPolicy: 'Foreground' })).body);
    expect(again.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(again.metadata.deletionTimestamp).toBe(del.metadata.deletionTimestamp);
    const gone = json((await c.api('DELETE', `${ns}/replicationcontrollers/legacy`, { propagationPolicy: 'Background' })).body);
    expect(gone).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'legacy', kind: 'replicationcontrollers' } });
    expect((await c.api('GET', `${ns}/replicationcontrollers/legacy`)).status).toBe(404);

    expect((await c.api('POST', `${ns}/replicationcontrollers`, rc('cascade'))).status).toBe(201);
    expect(json((await c.api('DELETE', `${ns}/replicationcontrollers/cascade`, { orphanDependents: false })).body).status).toBe('Success');
  });

  it('adds foregroundDeletion on Foreground and deletes a Deployment at once by default', async () => {
    expect((await c.api('POST', '/apis/apps/v1/namespaces/rest-order/deployments', deployment('fg'))).status).toBe(201);
    const fg = json((await c.api('DELETE', '/apis/apps/v1/namespaces/rest-order/deployments/fg', { propagationPolicy: 'Foreground' })).body);
    expect(fg.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect((await c.api('POST', '/apis/apps/v1/namespaces/rest-order/deployments', deployment('bg'))).status).toBe(201);
    expect(json((await c.api('DELETE', '/apis/apps/v1/namespaces/rest-order/deployments/bg')).body).status).toBe('Success');
  });

  it('answers upstream\'s 422 and 409 for bad delete options and preconditions', async () => {
    expect((await c.api('POST', `${ns}/configmaps`, { metadata: { name: 'cm' } })).status).toBe(201);
    const both = await c.api('DELETE', `${ns}/configmaps/cm`, { orphanDependents: true, propagationPolicy: 'Orphan' });
    expect(json(both.body).message).toBe('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set');
    const bad = await c.api('DELETE', `${ns}/configmaps/cm`, { propagationPolicy: 'Later' });
    expect(bad.status).toBe(422);
    expect(json(bad.body).message).toBe('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan", "nil"');
    const uid = await c.api('DELETE', `${ns}/configmaps/cm`, { preconditions: { uid: 'other' } });
    expect(uid.status).toBe(409);
    expect(json(uid.body).message).toMatch(/^Operation cannot be fulfilled on ConfigMap "cm": the UID in the precondition \(other\) does not match the UID in record \(.+\)\. The object might have been deleted and then recreated$/);
  });

  it('refuses a patch carrying another uid, as the garbage collector\'s patches rely on (ValidateObjectMetaUpdate)', async () => {
    const res = await c.api('PATCH', `${ns}/configmaps/cm`, { metadata: { uid: 'not-this-one', ownerReferences: [] } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(res.status).toBe(422);
    expect(json(res.body).message).toContain('metadata.uid: Invalid value: "not-this-one": field is immutable');
  });

  it('starts a namespace\'s termination on its first DELETE (namespace storage Delete)', async () => {
    expect((await c.api('POST', '/api/v1/namespaces', { metadata: { name: 'going' } })).status).toBe(201);
    const del = json((await c.api('DELETE', '/api/v1/namespaces/going', { propagationPolicy: 'Orphan' })).body);
    expect(del.status.phase).toBe('Terminating');
    expect(del.metadata.deletionTimestamp).toBeTruthy();
    expect(del.metadata.finalizers).toEqual(['orphan']);
    expect(del.spec.finalizers).toEqual(['kubernetes']);
    expect((await c.api('GET', '/api/v1/namespaces/going')).status).toBe(200);
  });
});
