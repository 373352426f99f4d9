// Ported from pkg/apis/core/v1/defaults_test.go (Kubernetes 1.32): TestWorkloadDefaults and
// TestPodDefaults (every default under a pod template and a pod, found by diffing a template with
// every optional struct present), and the per-kind TestSetDefault* cases.
import { describe, expect, it } from 'vitest';
import type {
  Container,
  Endpoints,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodSpec,
  ReplicationController,
  Secret,
  Service,
} from '../types';
import {
  namespaceLabel,
  setDefaultsEndpoints,
  setDefaultsLimitRange,
  setDefaultsNamespace,
  setDefaultsNode,
  setDefaultsPersistentVolume,
  setDefaultsPersistentVolumeClaim,
  setDefaultsPod,
  setDefaultsPodSpec,
  setDefaultsReplicationController,
  setDefaultsSecret,
  setDefaultsService,
} from './core';

/** Every leaf of a JSON value by path (`.spec.containers[0].name`); empty objects count as leaves. */
function flatten(v: unknown, path = '', out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(v)) v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
  else if (typeof v === 'object' && v !== null && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) flatten(x, `${path}.${k}`, out);
  } else out[path] = JSON.stringify(v);
  return out;
}

/** The leaves defaulting added or changed (detectDefaults). */
function defaultsOf<T>(obj: T, setDefaults: (o: T) => void): Record<string, string> {
  const before = flatten(obj);
  setDefaults(obj);
  const after = flatten(obj);
  const changed: Record<string, string> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) changed[k] = v;
  return changed;
}

/** A container with every optional struct that has defaults under it present, and nothing set. */
function fullContainer(): Container {
  const probe = () => ({ httpGet: { port: 80 }, grpc: { port: 9000 } });
  return {
    name: 'c',
    ports: [{ containerPort: 80 }],
    env: [{ name: 'E', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
    lifecycle: { postStart: { httpGet: { port: 80 } }, preStop: { httpGet: { port: 80 } } },
    livenessProbe: probe(),
    readinessProbe: probe(),
    startupProbe: probe(),
  };
}

function fullPodSpec(): PodSpec {
  return {
    containers: [fullContainer()],
    initContainers: [fullContainer()],
    volumes: [
      {
        name: 'v',
        azureDisk: { diskName: 'd', diskURI: 'u' },
        configMap: {},
        downwardAPI: { items: [{ path: 'p', fieldRef: { fieldPath: 'metadata.name' } }] },
        hostPath: { path: '/p' },
        iscsi: { targetPortal: 't', iqn: 'i', lun: 0 },
        projected: {
          sources: [{ downwardAPI: { items: [{ path: 'p', fieldRef: { fieldPath: 'metadata.name' } }] }, serviceAccountToken: { path: 't' } }],
        },
        rbd: { monitors: ['m'], image: 'i' },
        scaleIO: { gateway: 'g', system: 's', secretRef: { name: 's' } },
        secret: {},
        ephemeral: { volumeClaimTemplate: { spec: {} } },
      },
    ],
  };
}

const containerDefaults = (prefix: string): Record<string, string> => {
  const out: Record<string, string> = {
    [`${prefix}.env[0].valueFrom.fieldRef.apiVersion`]: '"v1"',
    [`${prefix}.imagePullPolicy`]: '"IfNotPresent"',
    [`${prefix}.lifecycle.postStart.httpGet.path`]: '"/"',
    [`${prefix}.lifecycle.postStart.httpGet.scheme`]: '"HTTP"',
    [`${prefix}.lifecycle.preStop.httpGet.path`]: '"/"',
    [`${prefix}.lifecycle.preStop.httpGet.scheme`]: '"HTTP"',
    [`${prefix}.ports[0].protocol`]: '"TCP"',
    [`${prefix}.terminationMessagePath`]: '"/dev/termination-log"',
    [`${prefix}.terminationMessagePolicy`]: '"File"',
  };
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    Object.assign(out, {
      [`${prefix}.${probe}.failureThreshold`]: '3',
      [`${prefix}.${probe}.grpc.service`]: '""',
      [`${prefix}.${probe}.httpGet.path`]: '"/"',
      [`${prefix}.${probe}.httpGet.scheme`]: '"HTTP"',
      [`${prefix}.${probe}.periodSeconds`]: '10',
      [`${prefix}.${probe}.successThreshold`]: '1',
      [`${prefix}.${probe}.timeoutSeconds`]: '1',
    });
  }
  return out;
};

/** TestWorkloadDefaults' expectedDefaults, in JSON paths (ephemeral containers left out, as in the types). */
const templateDefaults: Record<string, string> = {
  ...containerDefaults('.containers[0]'),
  ...containerDefaults('.initContainers[0]'),
  '.dnsPolicy': '"ClusterFirst"',
  '.restartPolicy': '"Always"',
  '.schedulerName': '"default-scheduler"',
  '.securityContext': '{}',
  '.terminationGracePeriodSeconds': '30',
  '.volumes[0].azureDisk.cachingMode': '"ReadWrite"',
  '.volumes[0].azureDisk.fsType': '"ext4"',
  '.volumes[0].azureDisk.kind': '"Shared"',
  '.volumes[0].azureDisk.readOnly': 'false',
  '.volumes[0].configMap.defaultMode': '420',
  '.volumes[0].downwardAPI.defaultMode': '420',
  '.volumes[0].downwardAPI.items[0].fieldRef.apiVersion': '"v1"',
  '.volumes[0].ephemeral.volumeClaimTemplate.spec.volumeMode': '"Filesystem"',
  '.volumes[0].hostPath.type': '""',
  '.volumes[0].iscsi.iscsiInterface': '"default"',
  '.volumes[0].projected.defaultMode': '420',
  '.volumes[0].projected.sources[0].downwardAPI.items[0].fieldRef.apiVersion': '"v1"',
  '.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds': '3600',
  '.volumes[0].rbd.keyring': '"/etc/ceph/keyring"',
  '.volumes[0].rbd.pool': '"rbd"',
  '.volumes[0].rbd.user': '"admin"',
  '.volumes[0].scaleIO.fsType': '"xfs"',
  '.volumes[0].scaleIO.storageMode': '"ThinProvisioned"',
  '.volumes[0].secret.defaultMode': '420',
};

describe('TestWorkloadDefaults: the defaults under a pod template', () => {
  it('are exactly these', () => {
    expect(defaultsOf(fullPodSpec(), setDefaultsPodSpec)).toEqual(templateDefaults);
  });
});

describe('TestPodDefaults: the defaults under a pod', () => {
  it('are the template defaults plus enableServiceLinks and requests from limits', () => {
    const spec = fullPodSpec();
    spec.containers[0].resources = { limits: { cpu: '1' } };
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec };
    const want: Record<string, string> = {};
    for (const [k, v] of Object.entries(templateDefaults)) want[`.spec${k}`] = v;
    want['.spec.enableServiceLinks'] = 'true';
    want['.spec.containers[0].resources.requests.cpu'] = '"1"';
    expect(defaultsOf(pod, setDefaultsPod)).toEqual(want);
  });
});

describe('pods', () => {
  const pod = (spec: Partial<PodSpec>): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], ...spec } });

  it('TestSetDefaultPodSpecHostNetwork: container ports become host ports', () => {
    const p = pod({ hostNetwork: true, containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 1 }] }], initContainers: [{ name: 'i', ports: [{ containerPort: 53 }] }] });
    setDefaultsPod(p);
    expect(p.spec?.containers[0].ports?.map((x) => x.hostPort)).toEqual([8080, 1]);
    expect(p.spec?.initContainers?.[0].ports?.[0].hostPort).toBe(53);
  });

  it('leaves host ports alone without host networking', () => {
    const p = pod({ containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] });
    setDefaultsPod(p);
    expect(p.spec?.containers[0].ports?.[0].hostPort).toBeUndefined();
  });

  it('TestSetDefaultRequestsPod: requests default to limits, keep their own, and are not invented', () => {
    const p = pod({
      containers: [
        { name: 'a', resources: { limits: { cpu: '100m', memory: '1Gi' }, requests: { cpu: '50m' } } },
        { name: 'b', resources: {} },
        { name: 'c', resources: { limits: {} } },
      ],
      initContainers: [{ name: 'i', resources: { limits: { cpu: '2' } } }],
    });
    setDefaultsPod(p);
    const [a, b, c] = p.spec?.containers ?? [];
    expect(a.resources?.requests).toEqual({ cpu: '50m', memory: '1Gi' });
    expect(b.resources).toEqual({});
    expect(c.resources).toEqual({ limits: {} });
    expect(p.spec?.initContainers?.[0].resources?.requests).toEqual({ cpu: '2' });
  });

  it('TestDefaultRequestIsNotSetForReplicationController: templates get no requests from limits', () => {
    const rc: ReplicationController = {
      metadata: {},
      spec: { template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: '100m' } } }] } } },
    };
    setDefaultsReplicationController(rc);
    expect(rc.spec?.template?.spec?.containers[0].resources?.requests).toBeUndefined();
    expect(rc.spec?.template?.spec?.enableServiceLinks).toBeUndefined();
  });

  it('keeps explicit values', () => {
    const p = pod({ restartPolicy: 'Never', dnsPolicy: 'Default', schedulerName: 'mine', terminationGracePeriodSeconds: 0, enableServiceLinks: false, securityContext: { runAsUser: 1 } });
    setDefaultsPod(p);
    expect(p.spec).toMatchObject({ restartPolicy: 'Never', dnsPolicy: 'Default', schedulerName: 'mine', terminationGracePeriodSeconds: 0, enableServiceLinks: false, securityContext: { runAsUser: 1 } });
  });

  it('a pod without a spec gets one, as the Go struct always exists', () => {
    const p: Pod = { metadata: {} };
    setDefaultsPod(p);
    expect(p.spec).toEqual({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', enableServiceLinks: true });
  });

  it('TestSetDefaultProbe: zero values are unset; set ones stay', () => {
    const p = pod({ containers: [{ name: 'c', livenessProbe: { exec: { command: ['true'] }, timeoutSeconds: 0, periodSeconds: 5, successThreshold: 1, failureThreshold: 7 } }] });
    setDefaultsPod(p);
    expect(p.spec?.containers[0].livenessProbe).toEqual({ exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 7 });
  });

  it('TestSetDefaultVolume: a volume with no source is an emptyDir; one with a source is not', () => {
    const p = pod({ volumes: [{ name: 'a' }, { name: 'b', persistentVolumeClaim: { claimName: 'c' } }] });
    setDefaultsPod(p);
    expect(p.spec?.volumes).toEqual([{ name: 'a', emptyDir: {} }, { name: 'b', persistentVolumeClaim: { claimName: 'c' } }]);
  });

  it('TestSetDefaultSecretVolumeSource and friends: an explicit mode stays', () => {
    const p = pod({ volumes: [{ name: 's', secret: { secretName: 's', defaultMode: 0o400 } }] });
    setDefaultsPod(p);
    expect(p.spec?.volumes?.[0].secret?.defaultMode).toBe(256);
  });

  it('image volumes are not defaulted (ImageVolume is off in 1.32)', () => {
    const p = pod({ volumes: [{ name: 'i', image: { reference: 'busybox' } }] });
    setDefaultsPod(p);
    expect(p.spec?.volumes?.[0]).toEqual({ name: 'i', image: { reference: 'busybox' } });
  });

  it('TestSetDefaultsContainer... pull policy by tag', () => {
    const p = pod({ containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx:latest' }, { name: 'c', image: 'nginx:1' }, { name: 'd', image: 'nginx', imagePullPolicy: 'Never' }] });
    setDefaultsPod(p);
    expect(p.spec?.containers.map((c) => c.imagePullPolicy)).toEqual(['Always', 'Always', 'IfNotPresent', 'Never']);
  });

  it('rounds the resource lists of containers, overhead and statuses', () => {
    const p: Pod = {
      metadata: {},
      spec: { containers: [{ name: 'c', resources: { limits: { cpu: '0.0001' }, requests: { memory: '1.5Gi' } } }], overhead: { cpu: '1000m' } },
      status: { containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'x', imageID: '', allocatedResources: { cpu: '0.5' } }] },
    };
    setDefaultsPod(p);
    expect(p.spec?.containers[0].resources).toEqual({ limits: { cpu: '1m' }, requests: { memory: '1536Mi', cpu: '1m' } });
    expect(p.spec?.overhead).toEqual({ cpu: '1' });
    expect(p.status?.containerStatuses?.[0].allocatedResources).toEqual({ cpu: '500m' });
  });
});

describe('TestSetDefaultReplicationController', () => {
  const rc = (labels: Record<string, string> | undefined, selector: Record<string, string> | undefined, templateLabels: Record<string, string>): ReplicationController => ({
    metadata: { labels },
    spec: { selector, template: { metadata: { labels: templateLabels } } },
  });

  it.each([
    [undefined, undefined, true, true],
    [{ bar: 'foo' }, undefined, false, true],
    [{ bar: 'foo' }, { some: 'other' }, false, false],
    [undefined, { some: 'other' }, true, false],
  ])('labels %j selector %j', (labels, selector, expectLabels, expectSelector) => {
    const obj = rc(labels, selector, { foo: 'bar' });
    setDefaultsReplicationController(obj);
    expect(JSON.stringify(obj.metadata.labels) === JSON.stringify({ foo: 'bar' })).toBe(expectLabels);
    expect(JSON.stringify(obj.spec?.selector) === JSON.stringify({ foo: 'bar' })).toBe(expectSelector);
  });

  it.each([
    [undefined, 1],
    [0, 0],
    [3, 3],
  ])('TestSetDefaultReplicationControllerReplicas %j → %d', (replicas, want) => {
    const obj: ReplicationController = { metadata: {}, spec: { replicas, template: { metadata: { labels: { foo: 'bar' } } } } };
    setDefaultsReplicationController(obj);
    expect(obj.spec?.replicas).toBe(want);
  });

  it('copies rather than shares the template labels', () => {
    const obj = rc(undefined, undefined, { foo: 'bar' });
    setDefaultsReplicationController(obj);
    obj.metadata.labels!.extra = 'x';
    expect(obj.spec?.selector).toEqual({ foo: 'bar' });
  });
});

describe('TestSetDefaultService', () => {
  const svc = (spec: Service['spec'], status?: Service['status']): Service => ({ metadata: { name: 's' }, spec, status });

  it('an empty service', () => {
    const s = svc(undefined);
    setDefaultsService(s);
    expect(s.spec).toEqual({ sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster' });
  });

  it('TestSetDefaultServiceSessionAffinityConfig: ClientIP gets a 3h timeout; None drops the config', () => {
    const a = svc({ sessionAffinity: 'ClientIP' });
    setDefaultsService(a);
    expect(a.spec?.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    const b = svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
    setDefaultsService(b);
    expect(b.spec?.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 60 } });
    const c = svc({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
    setDefaultsService(c);
    expect(c.spec?.sessionAffinityConfig).toBeUndefined();
  });

  it('TestSetDefaultServiceTargetPort / TestSetDefaultServicePort', () => {
    const s = svc({ ports: [{ port: 1234 }, { port: 80, targetPort: 0 }, { port: 81, targetPort: '' }, { port: 82, targetPort: 'http', protocol: 'UDP' }, { port: 83, targetPort: 8080 }] });
    setDefaultsService(s);
    expect(s.spec?.ports).toEqual([
      { port: 1234, protocol: 'TCP', targetPort: 1234 },
      { port: 80, targetPort: 80, protocol: 'TCP' },
      { port: 81, targetPort: 81, protocol: 'TCP' },
      { port: 82, targetPort: 'http', protocol: 'UDP' },
      { port: 83, targetPort: 8080, protocol: 'TCP' },
    ]);
  });

  it.each([
    ['ClusterIP', [], undefined],
    ['ClusterIP', ['1.2.3.4'], 'Cluster'],
    ['NodePort', [], 'Cluster'],
    ['LoadBalancer', [], 'Cluster'],
    ['ExternalName', ['1.2.3.4'], undefined],
  ] as const)('TestSetDefaultServiceExternalTraffic: %s with externalIPs %j → %s', (type, externalIPs, want) => {
    const s = svc({ type, externalIPs: [...externalIPs] });
    setDefaultsService(s);
    expect(s.spec?.externalTrafficPolicy).toBe(want);
  });

  it.each([
    ['ClusterIP', 'Cluster'],
    ['NodePort', 'Cluster'],
    ['LoadBalancer', 'Cluster'],
    ['ExternalName', undefined],
  ] as const)('TestSetDefaultServiceInternalTrafficPolicy: %s → %s', (type, want) => {
    const s = svc({ type });
    setDefaultsService(s);
    expect(s.spec?.internalTrafficPolicy).toBe(want);
  });

  it('an explicit internalTrafficPolicy stays', () => {
    const s = svc({ internalTrafficPolicy: 'Local' });
    setDefaultsService(s);
    expect(s.spec?.internalTrafficPolicy).toBe('Local');
  });

  it('TestSetDefaultServiceLoadbalancerIPMode and allocateLoadBalancerNodePorts', () => {
    const s = svc({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb' }, { ip: '5.6.7.8', ipMode: 'Proxy' }] } });
    setDefaultsService(s);
    expect(s.spec?.allocateLoadBalancerNodePorts).toBe(true);
    expect(s.status?.loadBalancer?.ingress).toEqual([{ ip: '1.2.3.4', ipMode: 'VIP' }, { hostname: 'lb' }, { ip: '5.6.7.8', ipMode: 'Proxy' }]);
    const n = svc({ type: 'NodePort' });
    setDefaultsService(n);
    expect(n.spec?.allocateLoadBalancerNodePorts).toBeUndefined();
  });
});

describe('other core kinds', () => {
  it('TestSetDefaultSecret', () => {
    const s: Secret = { metadata: {} };
    setDefaultsSecret(s);
    expect(s.type).toBe('Opaque');
    const t: Secret = { metadata: {}, type: 'kubernetes.io/tls' };
    setDefaultsSecret(t);
    expect(t.type).toBe('kubernetes.io/tls');
  });

  it('TestSetDefaultPersistentVolume', () => {
    const pv: PersistentVolume = { metadata: {}, spec: { hostPath: { path: '/x' }, capacity: { storage: '1000Mi' } } };
    setDefaultsPersistentVolume(pv);
    expect(pv.status?.phase).toBe('Pending');
    expect(pv.spec).toEqual({ hostPath: { path: '/x', type: '' }, capacity: { storage: '1000Mi' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
  });

  it('TestSetDefaultPersistentVolumeClaim', () => {
    const pvc: PersistentVolumeClaim = { metadata: {}, spec: { resources: { requests: { storage: '1.5Gi' } } } };
    setDefaultsPersistentVolumeClaim(pvc);
    expect(pvc.status).toEqual({ phase: 'Pending' });
    expect(pvc.spec).toEqual({ resources: { requests: { storage: '1536Mi' } }, volumeMode: 'Filesystem' });
    const block: PersistentVolumeClaim = { metadata: {}, spec: { volumeMode: 'Block' }, status: { phase: 'Bound' } };
    setDefaultsPersistentVolumeClaim(block);
    expect(block.spec?.volumeMode).toBe('Block');
    expect(block.status?.phase).toBe('Bound');
  });

  it('TestSetDefaultEndpointsProtocol', () => {
    const ep: Endpoints = { metadata: {}, subsets: [{ ports: [{ port: 1 }, { port: 2, protocol: 'UDP' }] }] };
    setDefaultsEndpoints(ep);
    expect(ep.subsets?.[0].ports?.map((p) => p.protocol)).toEqual(['TCP', 'UDP']);
  });

  it('TestSetDefaultNamespace: phase Active and the name label', () => {
    const ns: Namespace = { metadata: { name: 'dev', labels: { team: 'a', 'kubernetes.io/metadata.name': 'wrong' } } };
    setDefaultsNamespace(ns);
    expect(ns.status?.phase).toBe('Active');
    expect(ns.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'dev' });
  });

  it('a namespace with only generateName gets no label yet; namespaceLabel adds it once named', () => {
    const ns: Namespace = { metadata: { generateName: 'dev-' } };
    setDefaultsNamespace(ns);
    expect(ns.metadata.labels).toBeUndefined();
    ns.metadata.name = 'dev-x7k2p';
    namespaceLabel(ns);
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev-x7k2p' });
  });

  it('TestSetDefaultNodeStatusAllocatable', () => {
    const a: Node = { metadata: {}, status: { capacity: { cpu: '1000m', memory: '1Gi' } } };
    setDefaultsNode(a);
    expect(a.status?.allocatable).toEqual({ cpu: '1', memory: '1Gi' });
    const b: Node = { metadata: {}, status: { capacity: { cpu: '2' }, allocatable: { cpu: '1500m' } } };
    setDefaultsNode(b);
    expect(b.status?.allocatable).toEqual({ cpu: '1500m' });
    const c: Node = { metadata: {} };
    setDefaultsNode(c);
    expect(c.status).toEqual({});
  });

  it('TestSetDefaultLimitRangeItem: a container default from max, default request from the default, then min', () => {
    const lr: LimitRange = {
      metadata: {},
      spec: {
        limits: [
          { type: 'Container', max: { cpu: '100m' }, min: { cpu: '50m', memory: '10Mi' } },
          { type: 'Pod', max: { cpu: '1' } },
          { type: 'Container', default: { memory: '1Gi' }, defaultRequest: { memory: '512Mi' } },
          { type: 'Container' },
        ],
      },
    };
    setDefaultsLimitRange(lr);
    expect(lr.spec?.limits).toEqual([
      { type: 'Container', max: { cpu: '100m' }, min: { cpu: '50m', memory: '10Mi' }, default: { cpu: '100m' }, defaultRequest: { cpu: '100m', memory: '10Mi' } },
      { type: 'Pod', max: { cpu: '1' } },
      { type: 'Container', default: { memory: '1Gi' }, defaultRequest: { memory: '512Mi' } },
      { type: 'Container' },
    ]);
  });
});
