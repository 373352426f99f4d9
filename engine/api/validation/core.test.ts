// Services, ConfigMaps, Secrets, Namespaces, RBAC and the smaller kinds, after upstream's
// validation_test.go tables; full error strings compared.
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { ConfigMap, Namespace, PersistentVolumeClaim, Role, RoleBinding, Secret, Service } from '../types';
import { fieldErrorString } from './field';
import { validateConfigMap, validateConfigMapUpdate, validateNamespace, validatePersistentVolumeClaimUpdate, validateSecret } from './core';
import { validateService, validateServiceUpdate } from './core-service';
import { validateRoleBindingUpdate, validateRole } from './rbac';
import { validatePriorityClass } from './scheduling';
import { validateIngress } from './networking';
import { validateStorageClass } from './storage';

const msgs = (errs: Parameters<typeof fieldErrorString>[0][]) => errs.map(fieldErrorString);

function service(spec: Record<string, unknown>, name = 'web'): Service {
  const s = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports: [{ port: 80 }], selector: { app: 'web' }, ...spec } } as unknown as Service;
  applyDefaults(s);
  // The registry allocates a cluster IP before validation.
  if (!s.spec!.clusterIP && s.spec!.type !== 'ExternalName') {
    s.spec!.clusterIP = '10.96.0.10';
    s.spec!.clusterIPs = ['10.96.0.10'];
    s.spec!.ipFamilies = ['IPv4'];
    s.spec!.ipFamilyPolicy = 'SingleStack';
  }
  return s;
}

describe('Service', () => {
  it('accepts a ClusterIP service', () => {
    expect(msgs(validateService(service({})))).toEqual([]);
  });
  it('names are DNS-1035 labels', () => {
    expect(msgs(validateService(service({}, '1web')))).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
  it('ports: required, named when several, valid, unique', () => {
    expect(msgs(validateService(service({ ports: [] })))).toEqual(['spec.ports: Required value']);
    expect(msgs(validateService(service({ ports: [{ port: 80 }, { port: 80, name: 'b' }] })))).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
    expect(msgs(validateService(service({ ports: [{ port: 0, protocol: 'ICMP' }] })))).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      // Defaulting copied the port into targetPort.
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });
  it('type rules: nodePort only outside ClusterIP, ExternalName needs a name', () => {
    expect(msgs(validateService(service({ ports: [{ port: 80, nodePort: 30080 }] })))).toEqual(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
    expect(msgs(validateService(service({ type: 'ExternalName', externalName: 'Bad_Name' })))).toEqual([
      "spec.externalName: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(msgs(validateService(service({ type: 'Bogus' })))).toEqual(['spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']);
  });
  it('cluster IPs cannot change', () => {
    const old = service({});
    const n = structuredClone(old);
    n.spec!.clusterIP = '10.96.0.11';
    n.spec!.clusterIPs = ['10.96.0.11'];
    expect(msgs(validateServiceUpdate(n, old))).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
  });
});

describe('ConfigMap and Secret', () => {
  const cm = (data: Record<string, string>, extra: Partial<ConfigMap> = {}): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data, ...extra });
  it('keys must be config keys', () => {
    expect(msgs(validateConfigMap(cm({ 'a b': 'x', '..': 'y' })))).toEqual([
      "data[..]: Invalid value: \"..\": must not be '..'",
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });
  it('1 MiB in all', () => {
    expect(msgs(validateConfigMap(cm({ a: 'x'.repeat(1024 * 1024 + 1) })))).toEqual(['[]: Too long: may not be more than 1048576 bytes']);
  });
  it('immutable configmaps keep their data', () => {
    const old = cm({ a: '1' }, { immutable: true });
    expect(msgs(validateConfigMapUpdate(cm({ a: '2' }, { immutable: true }), old))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(msgs(validateConfigMapUpdate(cm({ a: '1' }), old))).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
  });
  it('typed secrets need their keys', () => {
    const s: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==' } };
    expect(msgs(validateSecret(s))).toEqual(['data[tls.key]: Required value']);
    const d: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{' } };
    expect(msgs(validateSecret(d))).toEqual(['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input']);
  });
});

describe('Namespace', () => {
  it('names are DNS labels; finalizers standard or qualified', () => {
    const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' }, spec: { finalizers: ['custom'] } };
    expect(msgs(validateNamespace(ns))).toEqual([
      'metadata.name: Invalid value: "a.b": must not contain dots',
      'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});

describe('PersistentVolumeClaim', () => {
  it('the spec is immutable but storage may grow', () => {
    const old = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'default', uid: 'u' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Bound' } } as unknown as PersistentVolumeClaim;
    const grown = structuredClone(old);
    grown.spec!.resources!.requests!.storage = '2Gi';
    expect(validatePersistentVolumeClaimUpdate(grown, old)).toEqual([]);
    const changed = structuredClone(old);
    changed.spec!.accessModes = ['ReadWriteMany'];
    const errs = msgs(validatePersistentVolumeClaimUpdate(changed, old));
    expect(errs).toHaveLength(1);
    expect(errs[0]!.startsWith('spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n')).toBe(true);
  });
});

describe('RBAC', () => {
  it('rules need verbs, groups and resources', () => {
    const r: Role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{ verbs: [] }] as never };
    expect(msgs(validateRole(r))).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]);
  });
  it('roleRef cannot change', () => {
    const old: RoleBinding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'default' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'a' } };
    const n = structuredClone(old);
    n.roleRef.name = 'z';
    expect(msgs(validateRoleBindingUpdate(n, old))).toEqual(['roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"z"}: cannot change roleRef']);
  });
});

describe('smaller kinds', () => {
  it('PriorityClass: system- prefix reserved, user values at most 1e9', () => {
    expect(msgs(validatePriorityClass({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-x' }, value: 5 }))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-x is not a known system priority class",
    ]);
    expect(msgs(validatePriorityClass({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 2000000000 }))).toEqual([
      'value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    ]);
  });
  it('Ingress: pathType required, Prefix paths absolute, a backend port', () => {
    const ing = {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'default' },
      spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }, { path: 'x', pathType: 'Prefix', backend: { service: { name: 'web' } } }] } }] },
    };
    expect(msgs(validateIngress(ing as never))).toEqual([
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      'spec.rules[0].http.paths[1].path: Invalid value: "x": must be an absolute path',
      'spec.rules[0].http.paths[1].backend: Required value: port name or number is required',
    ]);
  });
  it('StorageClass: provisioner required, reclaimPolicy Delete or Retain', () => {
    expect(msgs(validateStorageClass({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 's' }, provisioner: '', reclaimPolicy: 'Recycle', volumeBindingMode: 'Immediate' }))).toEqual([
      'provisioner: Required value',
      'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
    ]);
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('replica bounds and metric sources', async () => {
    const { validateHorizontalPodAutoscaler } = await import('./autoscaling');
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'default' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }] },
    };
    expect(msgs(validateHorizontalPodAutoscaler(hpa as never))).toEqual([
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ]);
  });
});
