import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types';
import { loadBalancerStatusStringer } from './core';
import { tableFor } from './index';

const now = Date.parse('2025-01-01T00:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const s = 1000;
const y = 365 * 24 * 3600 * s;
const cells = (resource: string, group: string, obj: unknown) => tableFor(resource, group, [obj as KubeObject], { nowMs: now }).rows[0].cells;

describe('tableFor: the Table object', () => {
  it('carries the columns, the rows, PartialObjectMetadata and the resourceVersion', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', resourceVersion: '7', creationTimestamp: ago(5 * s) }, spec: { containers: [{ name: 'c' }] } };
    const t = tableFor('pods', '', [pod as KubeObject], { nowMs: now, resourceVersion: '42' });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '42' });
    expect(t.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
    expect(t.columnDefinitions[0]).toMatchObject({ type: 'string', format: 'name' });
    expect(t.rows[0].cells).toEqual(['web', '0/1', '', '0', '5s', '<none>', '<none>', '<none>', '<none>']);
    expect(t.rows[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata });
    expect(tableFor('pods', '', [pod as KubeObject], { nowMs: now, includeObject: 'Object' }).rows[0].object).toBe(pod);
    expect(tableFor('pods', '', [pod as KubeObject], { nowMs: now, includeObject: 'None' }).rows[0].object).toBeNull();
    expect(tableFor('pods', '', [pod as KubeObject], { nowMs: now }).metadata).toEqual({ resourceVersion: '7' });
  });

  it('prints NAME and CREATED AT for resources without a printer (rest.NewDefaultTableConvertor)', () => {
    const role = { metadata: { name: 'reader', creationTimestamp: '2024-03-04T05:06:07Z' } };
    const t = tableFor('roles', 'rbac.authorization.k8s.io', [role as KubeObject], { nowMs: now });
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
    expect(t.rows[0].cells).toEqual(['reader', '2024-03-04T05:06:07Z']);
  });
});

describe('services (TestPrintServiceLoadBalancer)', () => {
  const lb = (name: string, ip: string, ports: { port: number; protocol: string }[], ingress: { ip?: string; hostname?: string }[], selector?: Record<string, string>) => ({
    metadata: { name },
    spec: { clusterIPs: [ip], type: 'LoadBalancer', ports, selector },
    status: { loadBalancer: { ingress } },
  });
  it('lists the ingress IPs, <pending>, and every port', () => {
    expect(cells('services', '', lb('service1', '1.2.3.4', [{ port: 80, protocol: 'TCP' }], [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }]))).toEqual([
      'service1',
      'LoadBalancer',
      '1.2.3.4',
      '2.3.4.5,3.4.5.6',
      '80/TCP',
      '<unknown>',
      '<none>',
    ]);
    const ports = [
      { port: 80, protocol: 'TCP' },
      { port: 8090, protocol: 'UDP' },
      { port: 8000, protocol: 'TCP' },
      { port: 7777, protocol: 'SCTP' },
    ];
    expect(cells('services', '', lb('service2', '1.3.4.5', ports, [])).slice(3, 5)).toEqual(['<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP']);
    // The server prints wide: the list is never elided (kubectl's own -o wide shows it whole too).
    const wide = lb('service4', '1.5.6.7', ports.slice(0, 3), [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }], { foo: 'bar' });
    expect(cells('services', '', wide)).toEqual(['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,5.6.7.8', '80/TCP,8090/UDP,8000/TCP', '<unknown>', 'foo=bar']);
    expect(loadBalancerStatusStringer(wide.status.loadBalancer, false)).toBe('2.3.4.5,3.4.5...');
  });
  it('prints node ports, ClusterIP <none> and ExternalName', () => {
    const np = { metadata: { name: 'np' }, spec: { type: 'NodePort', clusterIPs: ['10.0.0.1'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] } };
    expect(cells('services', '', np).slice(1, 5)).toEqual(['NodePort', '10.0.0.1', '<none>', '80:30080/TCP']);
    const ext = { metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } };
    expect(cells('services', '', ext).slice(1, 5)).toEqual(['ExternalName', '<none>', 'example.com', '<none>']);
  });
});

describe('nodes (TestPrintNodeStatus, TestPrintNodeExternalIP, TestPrintNodeInternalIP)', () => {
  it('prints the Ready condition, SchedulingDisabled and the first addresses', () => {
    const n = (name: string, status: unknown, spec: unknown = {}) => ({ metadata: { name }, spec, status });
    expect(cells('nodes', '', n('foo1', { conditions: [{ type: 'Ready', status: 'True' }] })).slice(0, 2)).toEqual(['foo1', 'Ready']);
    expect(cells('nodes', '', n('foo2', { conditions: [{ type: 'Ready', status: 'True' }] }, { unschedulable: true })).slice(0, 2)).toEqual(['foo2', 'Ready,SchedulingDisabled']);
    expect(cells('nodes', '', n('foo3', { conditions: [{ type: 'Ready', status: 'False' }] })).slice(0, 2)).toEqual(['foo3', 'NotReady']);
    expect(cells('nodes', '', n('foo4', {}, { unschedulable: true })).slice(0, 2)).toEqual(['foo4', 'Unknown,SchedulingDisabled']);
    const addresses = [
      { type: 'ExternalIP', address: '2.2.2.2' },
      { type: 'InternalIP', address: '3.3.3.3' },
      { type: 'ExternalIP', address: '4.4.4.4' },
    ];
    expect(cells('nodes', '', n('foo3', { addresses }))).toEqual(['foo3', 'Unknown', '<none>', '<unknown>', '', '3.3.3.3', '2.2.2.2', '<unknown>', '<unknown>', '<unknown>']);
  });
  it('finds the roles from node-role labels (TestPrintNodeRole)', () => {
    const node = { metadata: { name: 'foo', labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'node' } } };
    expect(cells('nodes', '', node)[2]).toBe('control-plane,node,worker');
  });
});

describe('ingresses and ingress classes (TestPrintIngress, TestPrintIngressClass)', () => {
  it('prints the class, * for no hosts, the address and the ports', () => {
    const ing = {
      metadata: { name: 'test1', creationTimestamp: ago(10 * y) },
      spec: { ingressClassName: 'foo', defaultBackend: { service: { name: 'default-backend', port: { name: 'default-backend', number: 80 } } } },
      status: { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'localhost.localdomain' }] } },
    };
    expect(cells('ingresses', 'networking.k8s.io', ing)).toEqual(['test1', 'foo', '*', '2.3.4.5', '80', '10y']);
  });
  it('prints the parameters reference', () => {
    const ic = (parameters?: unknown) => ({ metadata: { name: 'test1', creationTimestamp: ago(10 * y) }, spec: { controller: 'example.com/controller', parameters } });
    expect(cells('ingressclasses', 'networking.k8s.io', ic({ kind: 'customgroup', name: 'example' }))).toEqual(['test1', 'example.com/controller', 'customgroup/example', '10y']);
    expect(cells('ingressclasses', 'networking.k8s.io', ic({ apiGroup: 'example.com', kind: 'customgroup', name: 'example' }))[2]).toBe('customgroup.example.com/example');
    expect(cells('ingressclasses', 'networking.k8s.io', ic())[2]).toBe('<none>');
  });
});

describe('workloads', () => {
  it('deployments: READY, UP-TO-DATE, AVAILABLE and the wide cells', () => {
    const dep = {
      metadata: { name: 'web', creationTimestamp: ago(3 * 60 * s + 10 * s) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } } },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(cells('deployments', 'apps', dep)).toEqual(['web', '2/3', 3, 2, '3m10s', 'nginx,side', 'nginx:1.27,busybox', 'app=web']);
  });
  it('jobs: STATUS, COMPLETIONS and DURATION as 1.32 prints them', () => {
    const job = (status: unknown, spec: unknown = {}, deletionTimestamp?: string) => ({ metadata: { name: 'pi', creationTimestamp: ago(70 * s), deletionTimestamp }, spec: { template: { spec: { containers: [] } }, ...(spec as object) }, status });
    expect(cells('jobs', 'batch', job({ startTime: ago(60 * s) }, { completions: 3 })).slice(0, 5)).toEqual(['pi', 'Running', '0/3', '60s', '70s']);
    expect(cells('jobs', 'batch', job({ succeeded: 1, startTime: ago(60 * s), completionTime: ago(10 * s), conditions: [{ type: 'Complete', status: 'True' }] })).slice(1, 4)).toEqual(['Complete', '1/1', '50s']);
    expect(cells('jobs', 'batch', job({ conditions: [{ type: 'Failed', status: 'True' }] }, { parallelism: 2 })).slice(1, 4)).toEqual(['Failed', '0/1 of 2', '']);
    expect(cells('jobs', 'batch', job({ conditions: [{ type: 'Suspended', status: 'True' }] }))[1]).toBe('Suspended');
    expect(cells('jobs', 'batch', job({}, {}, ago(0)))[1]).toBe('Terminating');
  });
  it('cronjobs, statefulsets, daemonsets, replicasets, controllerrevisions', () => {
    const cj = { metadata: { name: 'c' }, spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'h', image: 'busybox' }] } } } } }, status: {} };
    expect(cells('cronjobs', 'batch', cj)).toEqual(['c', '*/1 * * * *', '<none>', 'False', 0, '<none>', '<unknown>', 'h', 'busybox', '<none>']);
    const sts = { metadata: { name: 'db' }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'pg', image: 'postgres' }] } } }, status: { readyReplicas: 1 } };
    expect(cells('statefulsets', 'apps', sts)).toEqual(['db', '1/3', '<unknown>', 'pg', 'postgres']);
    const ds = {
      metadata: { name: 'agent' },
      spec: { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }], matchLabels: { app: 'agent' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [] } } },
      status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 },
    };
    expect(cells('daemonsets', 'apps', ds)).toEqual(['agent', 2, 2, 1, 2, 1, 'kubernetes.io/os=linux', '<unknown>', '', '', 'app=agent,tier in (a,b)']);
    const rs = { metadata: { name: 'web-5d' }, spec: { replicas: 2, template: { spec: { containers: [] } } }, status: { replicas: 2, readyReplicas: 2 } };
    expect(cells('replicasets', 'apps', rs)).toEqual(['web-5d', 2, 2, 2, '<unknown>', '', '', '<none>']);
    const cr = { metadata: { name: 'agent-7b', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u', controller: true }] }, revision: 1 };
    expect(cells('controllerrevisions', 'apps', cr)).toEqual(['agent-7b', 'daemonset.apps/agent', 1, '<unknown>']);
  });
});

describe('the other core resources', () => {
  it('endpoints, events, secrets, configmaps, namespaces, PVs and PVCs', () => {
    const ep = { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: 'fd00::3' }, { ip: '10.0.0.4' }], ports: [{ port: 80 }] }] };
    expect(cells('endpoints', '', ep)[1]).toBe('10.0.0.1:80,10.0.0.2:80,[fd00::3]:80 + 1 more...');
    expect(cells('endpoints', '', { metadata: { name: 'x' } })[1]).toBe('<none>');
    const ev = {
      metadata: { name: 'web.17' },
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{c}' },
      reason: 'Pulled',
      message: 'Pulled image\n',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(120 * s),
      lastTimestamp: ago(30 * s),
      count: 2,
      type: 'Normal',
    };
    expect(cells('events', '', ev)).toEqual(['30s', 'Normal', 'Pulled', 'pod/web', 'spec.containers{c}', 'kubelet, node-1', 'Pulled image', '2m', 2, 'web.17']);
    const evV1 = { metadata: { name: 'e' }, eventTime: ago(5 * s), regarding: { kind: 'Node', name: 'n1' }, reason: 'R', note: 'N', type: 'Warning', reportingController: 'ctl' };
    expect(cells('events', 'events.k8s.io', evV1)).toEqual(['5s', 'Warning', 'R', 'node/n1', '', 'ctl', 'N', '5s', 1, 'e']);
    expect(cells('secrets', '', { metadata: { name: 's' }, type: 'Opaque', data: { a: '', b: '' } })).toEqual(['s', 'Opaque', 2, '<unknown>']);
    expect(cells('configmaps', '', { metadata: { name: 'c' }, data: { a: '' }, binaryData: { b: '' } })).toEqual(['c', 2, '<unknown>']);
    expect(cells('namespaces', '', { metadata: { name: 'default' }, status: { phase: 'Active' } })).toEqual(['default', 'Active', '<unknown>']);
    const pv = { metadata: { name: 'pv1' }, spec: { capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'ns', name: 'claim' }, storageClassName: 'fast' }, status: { phase: 'Bound' } };
    expect(cells('persistentvolumes', '', pv)).toEqual(['pv1', '1Gi', 'RWO,RWX', 'Retain', 'Bound', 'ns/claim', 'fast', '<unset>', '', '<unknown>', '<unset>']);
    const pvc = { metadata: { name: 'c' }, spec: { volumeName: 'pv1', storageClassName: 'fast', volumeMode: 'Filesystem' }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } };
    expect(cells('persistentvolumeclaims', '', pvc)).toEqual(['c', 'Bound', 'pv1', '1Gi', 'RWO', 'fast', '<unset>', '<unknown>', 'Filesystem']);
  });
  it('resource quotas split requests from limits', () => {
    const rq = { metadata: { name: 'q' }, status: { hard: { 'limits.cpu': '2', pods: '10', 'requests.memory': '1Gi' }, used: { pods: '3', 'requests.memory': '512Mi' } } };
    expect(cells('resourcequotas', '', rq)).toEqual(['q', 'pods: 3/10, requests.memory: 512Mi/1Gi', 'limits.cpu: 0/2', '<unknown>']);
  });
  it('storage classes mark the default; bindings list their subjects', () => {
    const sc = { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
    expect(cells('storageclasses', 'storage.k8s.io', sc)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '<unknown>']);
    const rb = {
      metadata: { name: 'rb' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'alice' },
        { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', namespace: 'kube-system', name: 'default' },
        { kind: 'User', name: 'bob' },
      ],
    };
    expect(cells('rolebindings', 'rbac.authorization.k8s.io', rb)).toEqual(['rb', 'ClusterRole/view', '<unknown>', 'alice, bob', 'devs', 'kube-system/default']);
  });
  it('endpoint slices, leases, priority classes, network policies, PDBs and HPAs', () => {
    const es = { metadata: { name: 'web-abc' }, addressType: 'IPv4', ports: [{ port: 80 }, { name: 'x' }], endpoints: [{ addresses: ['10.0.0.1'] }] };
    expect(cells('endpointslices', 'discovery.k8s.io', es)).toEqual(['web-abc', 'IPv4', '80,x', '10.0.0.1', '<unknown>']);
    expect(cells('endpointslices', 'discovery.k8s.io', { metadata: { name: 'e' }, addressType: 'IPv4' }).slice(2, 4)).toEqual(['<unset>', '<unset>']);
    expect(cells('leases', 'coordination.k8s.io', { metadata: { name: 'l' }, spec: { holderIdentity: 'me' } })).toEqual(['l', 'me', '<unknown>']);
    expect(cells('priorityclasses', 'scheduling.k8s.io', { metadata: { name: 'p' }, value: 1000, preemptionPolicy: 'Never' })).toEqual(['p', 1000, false, '<unknown>', 'Never']);
    expect(cells('networkpolicies', 'networking.k8s.io', { metadata: { name: 'np' }, spec: { podSelector: {} } })).toEqual(['np', '<none>', '<unknown>']);
    expect(cells('poddisruptionbudgets', 'policy', { metadata: { name: 'pdb' }, spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } })).toEqual(['pdb', '50%', 'N/A', 1, '<unknown>']);
    const hpa = {
      metadata: { name: 'h' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
          { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
        ],
      },
      status: { currentReplicas: 2, desiredReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } }] },
    };
    expect(cells('horizontalpodautoscalers', 'autoscaling', hpa)).toEqual(['h', 'Deployment/web', 'cpu: 12%/80%, memory: <unknown>/100Mi + 1 more...', '1', 5, 2, '<unknown>']);
  });
});
