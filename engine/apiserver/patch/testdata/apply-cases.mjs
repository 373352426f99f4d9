// The `kubectl apply` cases record-kubectl.mjs runs against fake-apiserver.mjs: a manifest, and the
// live object at `path` (none: apply creates). `lastApplied(m)` is the annotation a previous
// apply of manifest m left (kubectl's form: sorted compact JSON with `annotations: {}` and the
// namespace, and a newline).

const LA = 'kubectl.kubernetes.io/last-applied-configuration';

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
function lastApplied(m, namespaced = true) {
  const md = { ...m.metadata, annotations: { ...(m.metadata.annotations ?? {}) } };
  delete md.annotations[LA];
  if (namespaced && !md.namespace) md.namespace = 'default';
  return `${JSON.stringify(sortKeys({ ...m, metadata: md }))}\n`;
}
function live(m, extra = {}, namespaced = true) {
  const md = { ...m.metadata, namespace: namespaced ? 'default' : undefined, uid: 'uid-1', resourceVersion: '7', creationTimestamp: '2025-01-01T00:00:00Z', annotations: { ...(m.metadata.annotations ?? {}), [LA]: lastApplied(m, namespaced) }, ...(extra.metadata ?? {}) };
  return { ...m, ...extra, metadata: md };
}

const cm1 = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', labels: { a: '1', b: '2' } }, data: { k1: 'v1', k2: 'v2' } };
const dep1 = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }, { name: 'log', image: 'fluentd' }] },
    },
  },
};
const depLive = live(dep1, {
  spec: {
    ...dep1.spec,
    progressDeadlineSeconds: 600,
    revisionHistoryLimit: 10,
    template: { ...dep1.spec.template, spec: { ...dep1.spec.template.spec, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: dep1.spec.template.spec.containers.map((c) => ({ ...c, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' })) } },
  },
  status: { replicas: 2, conditions: [{ type: 'Available', status: 'True' }] },
});
const pod1 = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', finalizers: ['a/x', 'b/y', 'c/z'] }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
const svc1 = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443 }] } };
const widget1 = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: '1' } }, spec: { size: 3, colors: ['red', 'blue'], nested: { x: 1, y: 2 } } };
const pdb1 = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } };
const node1 = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { zone: 'a' } }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } };

const edit = (m, f) => {
  const c = structuredClone(m);
  f(c);
  return c;
};
const cmPath = '/api/v1/namespaces/default/configmaps/cfg';
const depPath = '/apis/apps/v1/namespaces/default/deployments/web';
const podPath = '/api/v1/namespaces/default/pods/p';
const svcPath = '/api/v1/namespaces/default/services/web';
const widgetPath = '/apis/example.com/v1/namespaces/default/widgets/w';

export const applyCases = [
  { name: 'create: the annotation kubectl stores', manifest: edit(cm1, (m) => (m.data.html = '<a href="x">&</a>\u2028\u2029\b\f\u0001\t\n\r\u007f\\"é😀')), path: cmPath },
  { name: 'create with an annotation of its own', manifest: edit(cm1, (m) => (m.metadata.annotations = { note: 'hi', [LA]: 'stale' })), path: cmPath },
  { name: 'create: numbers as Go encodes them', manifest: edit(widget1, (m) => (m.spec = { half: 1.5, big: 1e21, small: 1e-7, int: 12345678901234, neg: -3, zero: 0, frac: 0.000001, e20: 1e20 })), path: widgetPath },
  { name: 'create of a cluster-scoped object', manifest: node1, path: '/api/v1/nodes/n1' },
  { name: 'unchanged: no patch sent', manifest: cm1, path: cmPath, live: live(cm1) },
  { name: 'label removed, data changed and added', manifest: edit(cm1, (m) => { delete m.metadata.labels.b; m.data.k1 = 'one'; m.data.k3 = 'v3'; }), path: cmPath, live: live(cm1) },
  { name: 'no last-applied annotation: nothing deleted', manifest: edit(cm1, (m) => { delete m.data.k2; }), path: cmPath, live: edit(live(cm1), (l) => { delete l.metadata.annotations[LA]; }) },
  { name: 'changes made on the server are kept', manifest: cm1, path: cmPath, live: edit(live(cm1), (l) => { l.data.k9 = 'server'; l.metadata.labels.c = 'added-by-server'; }) },
  { name: 'field changed on the server is set back', manifest: cm1, path: cmPath, live: edit(live(cm1), (l) => { l.data.k1 = 'drift'; }) },
  { name: 'deployment: image changed, env var removed, container added', manifest: edit(dep1, (m) => { const c = m.spec.template.spec.containers; c[0].image = 'nginx:2'; c[0].env = [{ name: 'A', value: '1' }]; c.push({ name: 'metrics', image: 'prom' }); }), path: depPath, live: depLive },
  { name: 'deployment: container removed', manifest: edit(dep1, (m) => { m.spec.template.spec.containers.pop(); }), path: depPath, live: depLive },
  { name: 'deployment: containers reordered', manifest: edit(dep1, (m) => { m.spec.template.spec.containers.reverse(); }), path: depPath, live: depLive },
  { name: 'deployment: env reordered and changed', manifest: edit(dep1, (m) => { m.spec.template.spec.containers[0].env = [{ name: 'B', value: '2' }, { name: 'A', value: 'one' }]; }), path: depPath, live: depLive },
  { name: 'deployment: strategy switched to Recreate', manifest: edit(dep1, (m) => { m.spec.strategy = { type: 'Recreate' }; }), path: depPath, live: depLive },
  { name: 'deployment: replicas removed from the manifest', manifest: edit(dep1, (m) => { delete m.spec.replicas; }), path: depPath, live: depLive },
  { name: 'pod: finalizer removed and one added', manifest: edit(pod1, (m) => { m.metadata.finalizers = ['c/z', 'a/x', 'd/w']; }), path: podPath, live: live(pod1) },
  { name: 'pod: finalizers reordered only', manifest: edit(pod1, (m) => { m.metadata.finalizers = ['c/z', 'b/y', 'a/x']; }), path: podPath, live: live(pod1) },
  { name: 'pod: finalizers all removed', manifest: edit(pod1, (m) => { delete m.metadata.finalizers; }), path: podPath, live: live(pod1) },
  { name: 'service: port changed and one removed', manifest: edit(svc1, (m) => { m.spec.ports = [{ name: 'http', port: 80, targetPort: 9090 }]; }), path: svcPath, live: live(svc1, { spec: { ...svc1.spec, clusterIP: '10.96.0.10', type: 'ClusterIP', ports: svc1.spec.ports.map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p })) } }) },
  { name: 'pdb: selector (replace strategy) sent whole', manifest: edit(pdb1, (m) => { m.spec.minAvailable = 2; }), path: '/apis/policy/v1/namespaces/default/poddisruptionbudgets/pdb', live: live(pdb1) },
  { name: 'node: taints replaced', manifest: edit(node1, (m) => { m.spec.taints = [{ key: 'b', effect: 'NoExecute' }]; }), path: '/api/v1/nodes/n1', live: live(node1, {}, false) },
  { name: 'custom resource: JSON merge patch', manifest: edit(widget1, (m) => { m.spec.size = 4; delete m.spec.nested.y; m.spec.colors = ['green']; delete m.metadata.labels; }), path: widgetPath, live: live(widget1) },
  { name: 'custom resource: unchanged', manifest: widget1, path: widgetPath, live: live(widget1) },
  { name: 'custom resource: server-side additions kept', manifest: edit(widget1, (m) => { m.spec.size = 5; }), path: widgetPath, live: edit(live(widget1), (l) => { l.spec.extra = true; l.status = { ready: true }; }) },
];
