// Tests ported from pkg/controller/certificates/rootcacertpublisher/publisher_test.go (1.32):
// TestConfigMapCreation's table, driven through the informers' event handlers.

import { describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace } from '../api/types/core';
import { res } from '../client/clientset';
import { newRootCACertPublisher, rootCA } from './rootcacertpublisher';
import { fakeContext, runSync } from './testing';

const nsR = res('', 'namespaces');
const cmR = res('', 'configmaps');
const description =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const newNs = (phase: 'Active' | 'Terminating' = 'Active'): Namespace => ({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'test' }, status: { phase } });
function caConfigMap(o: { data?: Record<string, string>; annotations?: Record<string, string> } = {}): ConfigMap {
  return { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'kube-root-ca.crt', namespace: 'test', resourceVersion: '1', annotations: o.annotations ?? { 'kubernetes.io/description': description } }, data: o.data ?? { 'ca.crt': rootCA } };
}
const otherConfigMap: ConfigMap = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'other', namespace: 'test' }, data: {} };

describe('TestConfigMapCreation', () => {
  const cases: { name: string; existing?: ConfigMap[]; addedNamespace?: Namespace; updatedNamespace?: Namespace; deleted?: ConfigMap; updated?: ConfigMap; expect: string }[] = [
    { name: 'create new namespace', addedNamespace: newNs(), expect: 'create' },
    { name: 'delete other configmap', existing: [otherConfigMap, caConfigMap()], deleted: otherConfigMap, expect: '' },
    { name: 'delete ca configmap', existing: [otherConfigMap, caConfigMap()], deleted: caConfigMap(), expect: 'create' },
    { name: 'update ca configmap with adding field', existing: [caConfigMap()], updated: caConfigMap({ data: { 'ca.crt': rootCA, test: 'test' } }), expect: 'update' },
    { name: 'update ca configmap with modifying field', existing: [caConfigMap()], updated: caConfigMap({ data: { 'ca.crt': 'changed' } }), expect: 'update' },
    { name: 'update with other configmap', existing: [caConfigMap(), otherConfigMap], updated: otherConfigMap, expect: '' },
    { name: 'update namespace with terminating state', existing: [caConfigMap()], updatedNamespace: newNs('Terminating'), expect: '' },
    { name: 'update ca configmap with adding annotation', existing: [caConfigMap({ annotations: {} })], updated: caConfigMap({ annotations: { test: 'test' } }), expect: 'update' },
    { name: 'update ca configmap with annotation and the description', existing: [caConfigMap()], updated: caConfigMap({ annotations: { 'kubernetes.io/description': description, test: 'test' } }), expect: '' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ctx = fakeContext();
      const p = newRootCACertPublisher(ctx);
      const cmInf = ctx.informers.informerFor<ConfigMap>(cmR);
      const nsInf = ctx.informers.informerFor<Namespace>(nsR);
      // The apiserver no longer has what the informer saw deleted.
      ctx.client.seed(cmR, ...(c.existing ?? []).filter((x) => x.metadata.name !== c.deleted?.metadata.name));
      cmInf.preload(...(c.existing ?? []));
      if (c.addedNamespace) nsInf.emitUpsert(c.addedNamespace);
      if (c.updatedNamespace) {
        nsInf.preload(newNs());
        nsInf.emitUpsert(c.updatedNamespace);
      }
      if (c.deleted) cmInf.emitDelete(c.deleted);
      if (c.updated) {
        ctx.client.seed(cmR, c.updated);
        cmInf.emitUpsert(c.updated);
      }
      for (const key of ctx.queues.get('root_ca_cert_publisher')!.added) runSync(p.sync(key));
      const w = ctx.client.writes();
      expect(w.map((a) => a.verb).join(',')).toBe(c.expect);
      for (const a of w) {
        expect((a.object as ConfigMap).data).toEqual({ 'ca.crt': rootCA });
        expect((a.object as ConfigMap).metadata.annotations?.['kubernetes.io/description']).toBe(description);
      }
    });
  }

  it('the CA is a PEM certificate', () => {
    expect(rootCA).toMatch(/^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]+\n-----END CERTIFICATE-----\n$/);
  });
});
