// kubectl expose: the Service built from a pod, a workload or a service (polymorphichelpers'
// selector, ports and protocols; createService's port names and target ports), and the command end
// to end against the headless cluster's apiserver.

import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { serviceFor, type ExposeFlags } from './expose';

const none: ExposeFlags = { name: '', port: '', protocol: '', targetPort: '', type: '', selector: '', labels: '', externalIP: '', loadBalancerIP: '', sessionAffinity: '', clusterIP: '' };
const deployment = (ports: { containerPort: number; protocol?: string }[], selector: Record<string, unknown> = { matchLabels: { app: 'web' } }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { selector, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports }] } } },
});

describe('the Service kubectl expose makes', () => {
  it('takes one container port as port and target port, TCP, with the object\'s labels', () => {
    expect(serviceFor(deployment([{ containerPort: 80, protocol: 'TCP' }]), none)).toEqual({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' } },
      status: { loadBalancer: {} },
    });
  });

  it('names several ports port-1, port-2 and keeps each one\'s protocol; --target-port applies to all', () => {
    const svc = serviceFor(deployment([{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]), { ...none, targetPort: 'http' });
    expect(svc.spec.ports).toEqual([
      { name: 'port-1', port: 80, protocol: 'TCP', targetPort: 'http' },
      { name: 'port-2', port: 53, protocol: 'UDP', targetPort: 'http' },
    ]);
  });

  it('splits a port served on two protocols into port-N-tcp and port-N-udp', () => {
    const svc = serviceFor(deployment([{ containerPort: 53, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]), none);
    expect(svc.spec.ports.map((p: { name: string }) => p.name)).toEqual(['port-1-tcp', 'port-1-udp', 'port-2-tcp', 'port-2-udp']);
  });

  it('uses --port, --name, --type and --session-affinity as given', () => {
    const svc = serviceFor(deployment([]), { ...none, port: '8080', targetPort: '80', name: 'front', type: 'NodePort', sessionAffinity: 'ClientIP' });
    expect(svc.metadata.name).toBe('front');
    expect(svc.spec).toEqual({ ports: [{ port: 8080, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' }, type: 'NodePort', sessionAffinity: 'ClientIP' });
  });

  it('refuses what kubectl refuses, with its messages', () => {
    expect(() => serviceFor(deployment([]), none)).toThrow("couldn't find port via --port flag or introspection");
    expect(() => serviceFor(deployment([{ containerPort: 80 }], { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }), none)).toThrow(
      'couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - "[{Key:app Operator:In Values:[web]}]" to map-based selector format',
    );
    expect(() => serviceFor({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } }, { ...none, port: '80' })).toThrow('the pod has no labels and cannot be exposed');
    expect(() => serviceFor(deployment([{ containerPort: 80 }]), { ...none, sessionAffinity: 'Sticky' })).toThrow('unknown session affinity: Sticky');
  });

  it('a headless service needs no port', () => {
    expect(serviceFor(deployment([]), { ...none, clusterIP: 'None' }).spec).toEqual({ ports: [], selector: { app: 'web' }, clusterIP: 'None' });
  });
});

describe('kubectl expose against the apiserver', () => {
  it('exposes a deployment as a ClusterIP service; a second time is AlreadyExists; a node cannot be exposed', async () => {
    const c = await createCluster({ seed: 12, controllerManagers: 0, schedulers: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    expect((await c.kubectl('create deployment web --image=nginx --port=80')).stdout).toBe('deployment.apps/web created\n');
    const made = await c.kubectl('expose deployment web');
    expect(made).toMatchObject({ stdout: 'service/web exposed\n', code: 0 });
    const svc = JSON.parse((await c.kubectl('get svc web -o json')).stdout);
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None' });
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|1[01]\d)\./);
    expect(await c.kubectl('expose deployment/web')).toMatchObject({ stderr: 'Error from server (AlreadyExists): services "web" already exists\n', code: 1 });
    expect((await c.kubectl('expose deployment web --port=8080 --target-port=80 --name=web-alt --dry-run=client')).stdout).toBe('service/web-alt exposed (dry run)\n');
    expect(await c.kubectl('expose deployment missing')).toMatchObject({ stderr: 'Error from server (NotFound): deployments.apps "missing" not found\n', code: 1 });
    expect(await c.kubectl('expose namespace default --port=80')).toMatchObject({ stderr: 'error: cannot expose a Namespace\n', code: 1 });
  }, 60_000);
});
