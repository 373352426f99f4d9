// kubectl run: the Pod (and with --expose the Service) it generates, and the command against the
// headless cluster: created, printed as kubectl prints, refused with kubectl's messages.

import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { podFor, type RunFlags } from './run';

const flags = (f: Partial<RunFlags> = {}): RunFlags => ({ image: 'nginx', labels: '', env: [], annotations: [], port: '', restart: '', imagePullPolicy: '', command: false, privileged: false, ...f });

describe('the Pod kubectl run makes', () => {
  it('labels it run=NAME, one container named after the pod, ClusterFirst, Always', () => {
    expect(podFor('web', [], flags())).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { run: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx', resources: {} }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' },
      status: {},
    });
  });

  it('puts args after -- in args, or in command with --command; --env keeps commas; --port and --labels', () => {
    const pod = podFor('c', ['sleep', '3600'], flags({ image: 'busybox', env: ['A=1,2', 'B=x=y'], port: '8080', labels: 'app=c,tier=t', restart: 'Never' }));
    expect(pod.metadata.labels).toEqual({ app: 'c', tier: 't' });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers[0]).toEqual({ name: 'c', image: 'busybox', args: ['sleep', '3600'], env: [{ name: 'A', value: '1,2' }, { name: 'B', value: 'x=y' }], ports: [{ containerPort: 8080 }], resources: {} });
    expect(podFor('c', ['sleep', '1'], flags({ command: true })).spec.containers[0].command).toEqual(['sleep', '1']);
  });
});

describe('kubectl run against the apiserver', () => {
  it('creates the pod, and with --expose a service before it; refuses bad input', async () => {
    const c = await createCluster({ seed: 13, schedulers: 0 });
    // Pods need the default ServiceAccount the controller-manager makes.
    await c.runUntil(() => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default' && o.name === 'default'), 30_000);
    expect(await c.kubectl('run web --image=nginx')).toMatchObject({ stdout: 'pod/web created\n', code: 0 });
    expect(JSON.parse((await c.kubectl('get pod web -o json')).stdout).spec).toMatchObject({ containers: [{ name: 'web', image: 'nginx', imagePullPolicy: 'Always' }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
    expect(await c.kubectl('run api --image=nginx --port=80 --expose')).toMatchObject({ stdout: 'service/api created\npod/api created\n', code: 0 });
    expect(JSON.parse((await c.kubectl('get svc api -o json')).stdout).spec).toMatchObject({ selector: { run: 'api' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    expect((await c.kubectl('run tmp --image=busybox --dry-run=client -o yaml -- sleep 10')).stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: tmp\n  name: tmp\nspec:\n  containers:\n  - args:\n    - sleep\n    - "10"\n    image: busybox\n    name: tmp\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    expect(await c.kubectl('run web --image=nginx')).toMatchObject({ stderr: 'Error from server (AlreadyExists): pods "web" already exists\n', code: 1 });
    expect(await c.kubectl('run x')).toMatchObject({ stderr: 'error: required flag(s) "image" not set\n', code: 1 });
    // The refusals' texts are compared with the real kubectl's in kubectl.test.ts (testdata/scenario.ts).
    expect(await c.kubectl('run x --image=nginx --expose')).toMatchObject({ code: 1 });
  }, 60_000);
});
