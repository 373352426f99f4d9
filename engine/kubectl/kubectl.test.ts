// Kubeplay's kubectl against the real one: the scenario of testdata/scenario.ts, run here through
// the engine's kubectl, must print what kubectl v1.32.4 printed against the same apiserver
// (testdata/real-kubectl.json, recorded by scripts/record-kubectl.ts), byte for byte once uids,
// resourceVersions, timestamps and ages are normalised.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';
import { describeRecorded } from './testdata/compare-recorded';
import { scenario } from './testdata/scenario';

describeRecorded('kubectl prints what kubectl v1.32.4 prints', scenario, new URL('./testdata/real-kubectl.json', import.meta.url));

describe('kubectl errors', () => {
  it('reports bad flags and unknown commands as kubectl does', async () => {
    const c = await createCluster({ seed: 2, controllerManagers: 0, schedulers: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    expect(await c.kubectl('get --foo')).toEqual({ code: 1, stdout: '', stderr: "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" });
    const unknown = await c.kubectl('foo');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: unknown command "foo" for "kubectl"/);
    expect(await c.kubectl('get pods -o bogus')).toMatchObject({ code: 1, stderr: expect.stringContaining('unable to match a printer suitable for the output format "bogus"') });
  });

  it('maps each failed manifest document to its API Status (for the editor\'s markers)', async () => {
    const c = await createCluster({ seed: 3, controllerManagers: 0, schedulers: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    const doc = (name: string, ns?: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;
    const r = await c.kubectl('apply -f -', [doc('ok'), doc('lost', 'nowhere')].join('---\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('configmap/ok created\n');
    expect(r.stderr).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n');
    expect(r.apiErrors).toEqual([{ document: 1, status: expect.objectContaining({ reason: 'NotFound', code: 404 }) }]);
  });
});

// What real kubectl v1.32.4 prints for kubeadm's admin.conf (recorded with KUBECONFIG=admin.conf;
// the recording scenario cannot show it, as it runs kubectl with --server and no kubeconfig).
const configViewYaml = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://10.0.0.2:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;
const configViewJson = `{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "kubernetes",
            "cluster": {
                "server": "https://10.0.0.2:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        }
    ],
    "users": [
        {
            "name": "kubernetes-admin",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "kubernetes-admin@kubernetes",
            "context": {
                "cluster": "kubernetes",
                "user": "kubernetes-admin"
            }
        }
    ],
    "current-context": "kubernetes-admin@kubernetes"
}
`;

describe('kubectl commands the recording cannot cover', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster({ seed: 4, controllerManagers: 0, schedulers: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  });

  it('config view prints admin.conf as kubectl does', async () => {
    expect(await c.kubectl('config view')).toEqual({ code: 0, stdout: configViewYaml, stderr: '' });
    expect(await c.kubectl('config view -o json')).toEqual({ code: 0, stdout: configViewJson, stderr: '' });
    expect(await c.kubectl('config view -o jsonpath={.users[0].name}')).toEqual({ code: 0, stdout: 'kubernetes-admin', stderr: '' });
    expect(await c.kubectl('config current-context')).toEqual({ code: 0, stdout: 'kubernetes-admin@kubernetes\n', stderr: '' });
  });

  it('rollout status reads the Deployment status as the DeploymentStatusViewer does', async () => {
    await c.kubectl('create deployment st --image=nginx --replicas=2');
    expect(await c.kubectl('rollout status deploy/st --watch=false')).toEqual({ code: 0, stdout: 'Waiting for deployment spec update to be observed...\n', stderr: '' });
    expect(await c.kubectl('rollout status deploy/st --timeout=2s')).toEqual({ code: 1, stdout: 'Waiting for deployment spec update to be observed...\n', stderr: 'error: timed out waiting for the condition\n' });
    await c.kubectl(`patch deploy st --subresource=status --type=merge -p '{"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":1}}'`);
    expect((await c.kubectl('rollout status deploy/st --watch=false')).stdout).toBe('Waiting for deployment "st" rollout to finish: 1 out of 2 new replicas have been updated...\n');
    await c.kubectl(`patch deploy st --subresource=status --type=merge -p '{"status":{"updatedReplicas":2,"availableReplicas":2}}'`);
    expect(await c.kubectl('rollout status deploy/st')).toEqual({ code: 0, stdout: 'deployment "st" successfully rolled out\n', stderr: '' });
    expect(await c.kubectl('rollout status deploy/st --timeout=x')).toMatchObject({ code: 1, stderr: 'error: invalid argument "x" for "--timeout" flag: time: invalid duration "x"\n' });
  });

  it('rollout history and undo read the ReplicaSets a Deployment controls', async () => {
    await c.kubectl('create deployment hist --image=nginx:1');
    const uid = (await c.kubectl('get deploy hist -o jsonpath={.metadata.uid}')).stdout;
    const rs = (n: number, image: string, cause?: string) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: hist-${n}
  annotations:
    deployment.kubernetes.io/revision: "${n}"
${cause ? `    kubernetes.io/change-cause: ${cause}\n` : ''}  labels:
    app: hist
  ownerReferences:
  - apiVersion: apps/v1
    kind: Deployment
    name: hist
    uid: ${uid}
    controller: true
spec:
  replicas: 0
  selector:
    matchLabels:
      app: hist
  template:
    metadata:
      labels:
        app: hist
    spec:
      containers:
      - name: nginx
        image: ${image}
`;
    expect((await c.kubectl('create --validate=false -f -', rs(1, 'nginx:0', 'first'))).code).toBe(0);
    expect((await c.kubectl('create --validate=false -f -', rs(2, 'nginx:1'))).code).toBe(0);
    expect(await c.kubectl('rollout history deploy/hist')).toEqual({ code: 0, stdout: 'deployment.apps/hist \nREVISION  CHANGE-CAUSE\n1         first\n2         <none>\n\n', stderr: '' });
    expect(await c.kubectl('rollout undo deploy/hist --to-revision=7')).toEqual({ code: 1, stdout: '', stderr: 'error: unable to find specified revision 7 in history\n' });
    expect(await c.kubectl('rollout undo deploy/hist')).toEqual({ code: 0, stdout: 'deployment.apps/hist rolled back\n', stderr: '' });
    expect((await c.kubectl('get deploy hist -o jsonpath={.spec.template.spec.containers[0].image}')).stdout).toBe('nginx:0');
  });
});
