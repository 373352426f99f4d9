// `kubectl create ingress` against the real kubectl v1.32.4: the lines of
// testdata/create-ingress-scenario.ts, run here through Kubeplay's kubectl on a headless cluster,
// must print what the real one printed (testdata/create-ingress.json, recorded by
// testdata/record-create-ingress.ts), byte for byte once uids, resourceVersions, timestamps and
// ages are normalised; a panic's goroutine stack is not compared, its first lines and exit code are.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { describeRecorded } from '../testdata/compare-recorded';
import { ingressScenario } from '../testdata/create-ingress-scenario';

describeRecorded('kubectl create ingress prints what kubectl v1.32.4 prints', ingressScenario, new URL('../testdata/create-ingress.json', import.meta.url));

describe('kubectl create ingress on a cluster', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster({ seed: 5, controllerManagers: 0, schedulers: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  });

  it('creates the Ingress, which get then shows', async () => {
    expect(await c.kubectl('kubectl create ingress site --class=nginx --rule="foo.example.com/*=web:80"')).toEqual({ code: 0, stdout: 'ingress.networking.k8s.io/site created\n', stderr: '' });
    const got = await c.kubectl('kubectl get ingress site -o json');
    expect(got.code).toBe(0);
    const ing = JSON.parse(got.stdout) as { apiVersion: string; kind: string; metadata: { name: string; namespace: string; uid?: string }; spec: unknown };
    expect(ing).toMatchObject({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'site', namespace: 'default' } });
    expect(ing.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    });
  });
});
