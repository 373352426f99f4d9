// kube-apiserver's /openapi/v3: the index and the group-version documents as kube-openapi's handler3
// serves them (content negotiation, ETags, hashed URLs), and the documents' shape as builder3
// writes Kubernetes' models and the endpoints installer names its routes.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { serveOpenAPIV3 } from './openapi';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const wallMs = Date.UTC(2026, 0, 1);
const get = (url: string, headers: Record<string, string> = {}) => {
  const q = url.indexOf('?');
  const query = new Map<string, string[]>();
  if (q >= 0) for (const kv of url.slice(q + 1).split('&')) query.set(kv.split('=')[0], [kv.split('=')[1]]);
  return serveOpenAPIV3(q < 0 ? url : url.slice(0, q), query, headers, wallMs)!;
};
const doc = (gv: string): Doc => JSON.parse(get(`/openapi/v3/${gv}`).body);
const sha512 = (s: string) => createHash('sha512').update(s).digest('hex').toUpperCase();

describe('/openapi/v3 (handler3)', () => {
  it('indexes every group version by the SHA-512 of its document, as constructServerRelativeURL writes it', () => {
    const index = JSON.parse(get('/openapi/v3').body) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toEqual([...Object.keys(index.paths)].sort());
    expect(Object.keys(index.paths)).toEqual(expect.arrayContaining(['api/v1', 'apis/apps/v1', 'apis/batch/v1', 'apis/rbac.authorization.k8s.io/v1', 'apis/events.k8s.io/v1']));
    for (const [gv, { serverRelativeURL }] of Object.entries(index.paths)) {
      const body = get(`/openapi/v3/${gv}`).body;
      expect(serverRelativeURL).toBe(`/openapi/v3/${gv}?hash=${sha512(body)}`);
    }
  });

  // handler3's TestRegisterOpenAPIVersionedService, its JSON rows (Kubeplay serves no protobuf).
  it.each([
    ['', 'openapi/v3', 200],
    ['', 'openapi/v3/apis/apps/v1', 200],
    ['*/*', 'openapi/v3/apis/apps/v1', 200],
    ['application/json', 'openapi/v3/apis/apps/v1', 200],
    ['application/*', 'openapi/v3/apis/apps/v1', 200],
    ['test/test', 'openapi/v3/apis/apps/v1', 406],
    ['application/test', 'openapi/v3/apis/apps/v1', 406],
    ['application/test,  */*', 'openapi/v3/apis/apps/v1', 200],
    ['application/json, application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'openapi/v3/apis/apps/v1', 200],
    ['application/com.github.proto-openapi.spec.v3.v1.0+protobuf; q=0.5, application/json', 'openapi/v3/apis/apps/v1', 200],
  ])('Accept %j on /%s: %i', (accept, path, status) => {
    const res = get(`/${path}`, accept ? { accept } : {});
    expect(res.status).toBe(status);
    if (status !== 200) return expect(res.body).toBe('');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers.etag).toBe(`"${sha512(res.body)}"`);
    // The same request with that ETag is answered 304 Not Modified.
    const again = get(`/${path}`, { ...(accept ? { accept } : {}), 'if-none-match': res.headers.etag });
    expect([again.status, again.body]).toEqual([304, '']);
  });

  // handler3's TestCacheBusting: a current hash is cacheable forever, a stale one is redirected, none is not cached.
  it('makes a hashed URL immutable, redirects a stale hash, and leaves an unhashed URL uncached', () => {
    const hash = sha512(get('/openapi/v3/apis/apps/v1').body);
    const hashed = get(`/openapi/v3/apis/apps/v1?hash=${hash}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, immutable');
    expect(hashed.headers.expires).toBe('Fri, 01 Jan 2027 00:00:00 UTC');
    const stale = get('/openapi/v3/apis/apps/v1?hash=OUTDATEDHASH');
    expect(stale.status).toBe(301);
    expect(stale.headers.location).toBe(`/openapi/v3/apis/apps/v1?hash=${hash}`);
    expect(get('/openapi/v3/apis/apps/v1').headers['cache-control']).toBeUndefined();
  });

  it('answers a group version nobody serves with a bare 404, as kube-aggregator does', () => {
    expect(get('/openapi/v3/apis/foo/v1')).toEqual({ status: 404, headers: {}, body: '' });
    expect(serveOpenAPIV3('/openapi/v2', new Map(), {}, wallMs)).toBeNull();
  });

  it('is routed by kube-apiserver; /openapi/v2 is not served', async () => {
    const c = await createCluster({ seed: 1, nodes: 0, addons: [] });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    const index = await c.api('GET', '/openapi/v3');
    expect(index.status).toBe(200);
    expect(JSON.parse(index.body).paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    const v2 = await c.api('GET', '/openapi/v2');
    expect([v2.status, JSON.parse(v2.body).reason]).toEqual([404, 'NotFound']);
  });
});

describe('the group-version documents (builder3)', () => {
  const apps = doc('apis/apps/v1');
  const core = doc('api/v1');
  const schemas = (d: Doc) => d.components.schemas as Record<string, Doc>;

  it('is an OpenAPI 3.0 document of the served version, keys sorted', () => {
    expect(Object.keys(apps)).toEqual(['components', 'info', 'openapi', 'paths']);
    expect(apps.openapi).toBe('3.0.0');
    expect(apps.info).toEqual({ title: 'Kubernetes', version: 'v1.32.4' });
    expect(apps.components.securitySchemes.BearerToken).toEqual({ description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' });
  });

  it('marks each kind and its list with x-kubernetes-group-version-kind', () => {
    const s = schemas(apps);
    expect(s['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(s['io.k8s.api.apps.v1.DeploymentList']).toMatchObject({
      properties: { items: { items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.Deployment' }], default: {} }, type: 'array' } },
      required: ['items'],
      'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'DeploymentList', version: 'v1' }],
    });
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.Status']['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Status', version: 'v1' }]);
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']['x-kubernetes-group-version-kind']).toContainEqual({ group: 'apps', kind: 'DeleteOptions', version: 'v1' });
  });

  it('writes references as builder3 does: allOf beside siblings, default {} on non-pointer structs', () => {
    const s = schemas(apps);
    const deployment = s['io.k8s.api.apps.v1.Deployment'].properties;
    expect(deployment.metadata).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], default: {} });
    expect(s['io.k8s.api.apps.v1.Deployment'].required).toBeUndefined(); // never metadata
    const strategy = s['io.k8s.api.apps.v1.DeploymentStrategy'].properties;
    // *RollingUpdateDeployment: a pointer, so no default, and no siblings, so a bare $ref.
    expect(strategy.rollingUpdate).toEqual({ $ref: '#/components/schemas/io.k8s.api.apps.v1.RollingUpdateDeployment' });
    expect(strategy.type).toEqual({ description: 'Possible enum values:\n - `"Recreate"`\n - `"RollingUpdate"`', enum: ['Recreate', 'RollingUpdate'], type: 'string' });
    const spec = s['io.k8s.api.apps.v1.DeploymentSpec'].properties;
    expect(spec.replicas).toEqual({ format: 'int32', type: 'integer' });
    expect(spec.revisionHistoryLimit).toEqual({ description: 'Old ReplicaSets kept for rollback; defaulted to 10.', format: 'int32', type: 'integer' });
  });

  it('refers to the self-marshalling scalars by model: IntOrString, Quantity, Time', () => {
    const s = schemas(apps);
    expect(s['io.k8s.api.apps.v1.RollingUpdateDeployment'].properties.maxSurge).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }],
      description: "A count or a percentage of desired pods ('25%'), defaulted to 25%.",
    });
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
    expect(s['io.k8s.api.core.v1.ResourceRequirements'].properties.limits).toEqual({ additionalProperties: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' }, type: 'object' });
    expect(s['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.creationTimestamp).toMatchObject({ allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time' }] });
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ format: 'date-time', type: 'string' });
    expect(schemas(core)['io.k8s.api.core.v1.Secret'].properties.data.additionalProperties).toEqual({ format: 'byte', type: 'string' });
  });

  it('carries the patch strategies and merge keys of the Go struct tags', () => {
    const s = schemas(apps);
    expect(s['io.k8s.api.core.v1.PodSpec'].properties.containers).toEqual({
      items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} },
      type: 'array',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(s['io.k8s.api.core.v1.Container'].properties.ports['x-kubernetes-patch-merge-key']).toBe('containerPort');
  });

  it('holds every schema its references reach, and no other', () => {
    for (const gv of Object.keys(JSON.parse(get('/openapi/v3').body).paths)) {
      const d = doc(gv);
      const refs = new Set<string>();
      JSON.stringify(d, (k, v) => (k === '$ref' ? (refs.add(v), v) : v));
      for (const ref of refs) expect(Object.keys(d.components.schemas), `${gv}: ${ref}`).toContain(ref.replace('#/components/schemas/', ''));
    }
  });

  // The routes of apiserver/pkg/endpoints/installer.go, named by endpoints/openapi's GetOperationIDAndTags.
  it('names the routes as the endpoints installer does', () => {
    const item = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(Object.keys(item)).toEqual(['delete', 'get', 'parameters', 'patch', 'put']);
    expect(item.get).toMatchObject({ description: 'read the specified Deployment', operationId: 'readAppsV1NamespacedDeployment', tags: ['apps_v1'], 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': { group: 'apps', kind: 'Deployment', version: 'v1' } });
    expect(item.get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/io.k8s.api.apps.v1.Deployment' });
    expect(item.parameters.map((p: Doc) => p.name)).toEqual(['name', 'namespace', 'pretty']);
    expect(item.patch.parameters.map((p: Doc) => p.name)).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    expect(item.patch.requestBody.content['application/strategic-merge-patch+json'].schema).toEqual({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' });
    const all = apps.paths['/apis/apps/v1/deployments'];
    expect(all.get.operationId).toBe('listAppsV1DeploymentForAllNamespaces');
    expect(all.parameters.map((p: Doc) => p.name)).toContain('labelSelector'); // a lone operation's parameters sit on the path
    expect(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status'].put.operationId).toBe('replaceAppsV1NamespacedDeploymentStatus');
    expect(apps.paths['/apis/apps/v1/'].get).toMatchObject({ description: 'get available resources', operationId: 'getAppsV1APIResources' });
    expect(core.paths['/api/v1/namespaces/{namespace}/pods'].delete.operationId).toBe('deleteCoreV1CollectionNamespacedPod');
    expect(core.paths['/api/v1/namespaces/{namespace}/pods/{name}/binding'].post).toMatchObject({ operationId: 'createCoreV1NamespacedPodBinding', 'x-kubernetes-group-version-kind': { group: '', kind: 'Binding', version: 'v1' } });
    expect(core.paths['/api/v1/namespaces/{name}/finalize'].put.operationId).toBe('replaceCoreV1NamespaceFinalize');
    const rbac = doc('apis/rbac.authorization.k8s.io/v1');
    expect(rbac.paths['/apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/roles'].get).toMatchObject({ operationId: 'listRbacAuthorizationV1NamespacedRole', tags: ['rbacAuthorization_v1'] });
    const authz = doc('apis/authorization.k8s.io/v1');
    expect(authz.paths['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'].post.operationId).toBe('createAuthorizationV1SelfSubjectAccessReview');
  });
});
