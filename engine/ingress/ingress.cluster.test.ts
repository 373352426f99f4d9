// ingress-nginx end to end on the headless cluster: the addon's controller Deployment and NodePort
// Service come up, an Ingress routes foo.example.com by path to two Services (requests sent to a
// node's NodePort with the Host header, counted per backend endpoint, round robin), a path no rule
// matches and an unknown host get the controller's 404, a backend without endpoints 503, the
// Ingress's status lists the controller's node IP, `kubectl get ingress` prints kubectl's columns,
// and an Ingress without a class gets the default IngressClass from admission.

import { describe, expect, it } from 'vitest';
import { createCluster, replay, type Cluster } from '../cluster';

async function waitFor(c: Cluster, cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (await cond()) return true;
    await c.run(500);
  }
  return cond();
}

const ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'site', namespace: 'default' },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'foo.example.com',
        http: {
          paths: [
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } },
            { path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } },
            { path: '/empty', pathType: 'Prefix', backend: { service: { name: 'empty', port: { number: 80 } } } },
          ],
        },
      },
    ],
  },
};

describe('ingress-nginx', () => {
  it('routes by host and path to two Services, 404s the rest, 503s a backend with no endpoints', async () => {
    const c = await createCluster({ seed: 11, nodes: 2, addons: ['coredns', 'kube-proxy', 'ingress-nginx'] });
    const pods = () => c.inspect.apiserver()?.workloads.pods ?? [];
    const controllerReady = () => pods().some((p) => p.namespace === 'ingress-nginx' && p.phase === 'Running' && p.ready);
    expect(await waitFor(c, () => c.inspect.apiserver()?.bootstrapped === true, 30_000)).toBe(true);
    expect(await waitFor(c, async () => (await c.kubectl('get serviceaccount default')).code === 0, 30_000)).toBe(true);
    expect((await c.kubectl('create deployment web --image=nginx --replicas=2')).code).toBe(0);
    expect((await c.kubectl('create deployment api --image=traefik/whoami --replicas=2')).code).toBe(0);
    expect((await c.kubectl('expose deployment web --port=80')).code).toBe(0);
    expect((await c.kubectl('expose deployment api --port=80')).code).toBe(0);
    expect((await c.kubectl('create service clusterip empty --tcp=80')).code).toBe(0);
    expect((await c.kubectl('apply -f -', JSON.stringify(ingress))).code).toBe(0);
    const appsReady = () => pods().filter((p) => p.namespace === 'default' && p.phase === 'Running' && p.ready).length === 4;
    expect(await waitFor(c, () => appsReady() && controllerReady(), 120_000)).toBe(true);

    const svc = JSON.parse((await c.kubectl('get service -n ingress-nginx ingress-nginx-controller -o json')).stdout);
    expect(svc.spec.type).toBe('NodePort');
    const nodePort = svc.spec.ports.find((p: { name: string }) => p.name === 'http').nodePort as number;
    const classes = await c.kubectl('get ingressclass');
    expect(classes.stdout).toMatch(/^NAME\s+CONTROLLER\s+PARAMETERS\s+AGE\nnginx\s+k8s\.io\/ingress-nginx\s+<none>\s+\S+\n$/);

    const podIPs = async (app: string) =>
      (JSON.parse((await c.kubectl(`get pods -l app=${app} -o json`)).stdout).items as { status: { podIP: string } }[]).map((p) => `${p.status.podIP}:80`).sort();
    const api = await podIPs('api');
    const web = await podIPs('web');
    // The endpoints must be in the controller's informers before traffic: give the slices a moment.
    expect(await waitFor(c, async () => (await c.traffic.send({ from: 'node-1', to: 'http://foo.example.com/api', via: 'node-2', requests: 1 })).byStatus?.['200'] === 1, 30_000)).toBe(true);

    // /api/… goes to api, round robin: exactly even; the NodePort of either node reaches the controller.
    const r1 = await c.traffic.send({ from: 'node-1', to: 'http://foo.example.com/api/v1/items', via: 'node-2', requests: 40 });
    expect(r1.ok).toBe(40);
    expect(r1.byStatus).toEqual({ '200': 40 });
    expect(Object.keys(r1.byEndpoint).sort()).toEqual(api);
    expect(Object.values(r1.byEndpoint)).toEqual([20, 20]);
    const r2 = await c.traffic.send({ from: 'node-2', to: 'http://foo.example.com/', via: `node-1:${nodePort}`, requests: 10 });
    expect(r2.byStatus).toEqual({ '200': 10 });
    expect(Object.keys(r2.byEndpoint).sort()).toEqual(web);

    // Exact / does not cover /missing, /apix is not under the /api prefix, and another host has no rules: the controller's 404.
    for (const to of ['http://foo.example.com/missing', 'http://foo.example.com/apix', 'http://bar.example.com/api']) {
      const r = await c.traffic.send({ from: 'node-1', to, via: 'node-1', requests: 3 });
      expect(r.ok).toBe(3);
      expect(r.byStatus).toEqual({ '404': 3 });
    }
    // A backend Service without endpoints.
    const r3 = await c.traffic.send({ from: 'node-1', to: 'http://foo.example.com/empty', via: 'node-1', requests: 2 });
    expect(r3.byStatus).toEqual({ '503': 2 });

    // Status: the IP of the node the controller runs on, as with no --publish-service.
    const controllerNode = JSON.parse((await c.kubectl('get pods -n ingress-nginx -o json')).stdout).items[0].spec.nodeName as string;
    const nodeIP = (JSON.parse((await c.kubectl(`get node ${controllerNode} -o json`)).stdout).status.addresses as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')!.address;
    expect(await waitFor(c, async () => JSON.parse((await c.kubectl('get ingress site -o json')).stdout).status?.loadBalancer?.ingress?.[0]?.ip === nodeIP, 70_000)).toBe(true);
    const get = await c.kubectl('get ingress');
    expect(get.stdout).toMatch(new RegExp(`^NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE\\nsite\\s+nginx\\s+foo\\.example\\.com\\s+${nodeIP.replace(/\./g, '\\.')}\\s+80\\s+\\S+\\n$`));

    // The default IngressClass: admission fills spec.ingressClassName of an Ingress that names none.
    expect((await c.kubectl('annotate ingressclass nginx ingressclass.kubernetes.io/is-default-class=true')).code).toBe(0);
    const bare = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'bare', namespace: 'default' }, spec: { rules: [{ host: 'bar.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } };
    expect(await waitFor(c, async () => (await c.kubectl('apply -f -', JSON.stringify(bare))).code === 0, 5_000)).toBe(true);
    expect(JSON.parse((await c.kubectl('get ingress bare -o json')).stdout).spec.ingressClassName).toBe('nginx');
    expect(await waitFor(c, async () => (await c.traffic.send({ from: 'node-1', to: 'http://bar.example.com/', via: 'node-1', requests: 1 })).byStatus?.['200'] === 1, 10_000)).toBe(true);
    // The same Host with a path nginx (the web pods) has no page for: the backend's own 404, from one of its endpoints.
    const r4 = await c.traffic.send({ from: 'node-1', to: 'http://bar.example.com/x', via: 'node-1', requests: 2 });
    expect(r4.byStatus).toEqual({ '404': 2 });
    expect(Object.keys(r4.byEndpoint).every((e) => web.includes(e))).toBe(true);
  }, 240_000);
});

describe('ingress-nginx installed into a running cluster', () => {
  it('starts its process, applies its manifest, routes, and replays to the same history', async () => {
    const c = await createCluster({ seed: 12, nodes: 2 });
    expect(await waitFor(c, async () => (await c.kubectl('get serviceaccount default')).code === 0, 30_000)).toBe(true);
    await expect(c.installAddon('coredns')).rejects.toThrow('the coredns addon cannot be added to a running cluster');
    const installed = await c.installAddon('ingress-nginx');
    expect(installed.code).toBe(0);
    expect(installed.stdout.split('\n').filter(Boolean)).toEqual([
      'namespace/ingress-nginx created',
      'serviceaccount/ingress-nginx created',
      'clusterrole.rbac.authorization.k8s.io/ingress-nginx created',
      'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx created',
      'configmap/ingress-nginx-controller created',
      'service/ingress-nginx-controller created',
      'deployment.apps/ingress-nginx-controller created',
      'ingressclass.networking.k8s.io/nginx created',
    ]);
    await expect(c.installAddon('ingress-nginx')).rejects.toThrow('ingress-nginx is already installed');

    expect((await c.kubectl('create deployment web --image=nginx --replicas=2')).code).toBe(0);
    expect((await c.kubectl('expose deployment web --port=80')).code).toBe(0);
    const site = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'site', namespace: 'default' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } };
    expect((await c.kubectl('apply -f -', JSON.stringify(site))).code).toBe(0);
    const pods = () => c.inspect.apiserver()?.workloads.pods ?? [];
    expect(await waitFor(c, () => pods().some((p) => p.namespace === 'ingress-nginx' && p.phase === 'Running' && p.ready), 120_000)).toBe(true);
    expect(await waitFor(c, async () => (await c.traffic.send({ from: 'node-1', to: 'http://foo.example.com/', via: 'node-2', requests: 1 })).byStatus?.['200'] === 1, 30_000)).toBe(true);
    const r = await c.traffic.send({ from: 'node-2', to: 'http://foo.example.com/', via: 'node-1', requests: 10 });
    expect(r.byStatus).toEqual({ '200': 10 });
    expect(Object.values(r.byEndpoint)).toEqual([5, 5]);

    const again = await replay(c.recording());
    expect(again.digest()).toBe(c.digest());
  }, 240_000);
});
