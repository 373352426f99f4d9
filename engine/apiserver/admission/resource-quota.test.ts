// Ports of plugin/pkg/admission/resourcequota/admission_test.go (kube 1.32) and of
// staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/admission_test.go (TestPrettyPrint,
// TestHasUsageStats, TestExcludedOperations), against the plugin with a fake watch cache and etcd.
// The tests that need an AdmissionConfiguration (limited resources) are left out: Kubeplay has none.

import { describe, expect, it } from 'vitest';
import { etcdKeyOf, resourceFor } from '../../api/resources';
import type { KubeObject, ResourceQuota } from '../../api/types';
import type { KeyValue } from '../../etcd/types';
import { hasUsageStats, prettyPrint, toQuantityList } from '../../quota';
import { Coroutine, suspend, type Co } from '../../sim/co';
import { StatusError } from '../errors';
import type { Cacher } from '../storage/cacher';
import type { Etcd3Store } from '../storage/etcd3';
import type { AdmissionContext, Attributes } from './context';
import { resourceQuota } from './resource-quota';

/** etcd and the watch cache in one: `lagging` keeps the cache at what it saw at the last sync(). */
class FakeStorage {
  rev = 100;
  readonly kvs = new Map<string, KeyValue>();
  cached = new Map<string, KeyValue>();
  readonly writes: { key: string; obj: ResourceQuota }[] = [];
  /** Calls waiting to be answered, when `parked`. */
  readonly waiting: (() => void)[] = [];
  parked = false;
  lagging = false;

  put(obj: KubeObject, info = resourceFor('', 'v1', 'resourcequotas')!): void {
    const key = etcdKeyOf(info, obj.metadata.namespace, obj.metadata.name!);
    this.rev++;
    this.kvs.set(key, { key, create_revision: this.rev, mod_revision: this.rev, version: 1, value: JSON.stringify(obj), lease: 0n });
    if (!this.lagging) this.sync();
  }

  sync(): void {
    this.cached = new Map(this.kvs);
  }

  flush(): void {
    while (this.waiting.length) this.waiting.shift()!();
  }

  private *answer<T>(f: () => T): Co<T> {
    if (!this.parked) return f();
    return yield* suspend<T>((resume) => void this.waiting.push(() => resume(f())));
  }

  readonly cacher = {
    /** A cache still filling: the plugin reads etcd when it lists nothing. */
    ready: true,
    list: (prefix: string) => [...this.cached.values()].filter((kv) => kv.key.startsWith(prefix)).map((kv) => ({ key: kv.key, rev: kv.mod_revision, obj: decode(kv) })),
    get: (key: string) => {
      const kv = this.cached.get(key);
      return kv ? { key, rev: kv.mod_revision, obj: decode(kv) } : undefined;
    },
  };

  readonly store = {
    range: (key: string, end: string) => this.answer(() => ({ header: { revision: this.rev }, kvs: [...this.kvs.values()].filter((kv) => kv.key >= key && kv.key < end), more: false, count: 0 })),
    update: (key: string, value: string, modRevision: number) =>
      this.answer(() => {
        const cur = this.kvs.get(key);
        if (!cur || cur.mod_revision !== modRevision) return { ok: false as const, current: cur ?? null };
        this.rev++;
        this.kvs.set(key, { ...cur, mod_revision: this.rev, version: cur.version + 1, value });
        this.writes.push({ key, obj: JSON.parse(value) as ResourceQuota });
        if (!this.lagging) this.sync();
        return { ok: true as const, rev: this.rev };
      }),
  };

  ctx(): AdmissionContext {
    return { cacher: this.cacher as unknown as Cacher, store: this.store as unknown as Etcd3Store, rng: undefined as never, now: () => 0, deadline: 10_000 };
  }
}

function decode(kv: KeyValue): KubeObject {
  const o = JSON.parse(kv.value) as KubeObject;
  o.metadata.resourceVersion = String(kv.mod_revision);
  return o;
}

/** Starts one admission call; `result()` is undefined while it waits, then null (admitted) or the error. */
function start(s: FakeStorage, a: Partial<Attributes> & { obj: KubeObject }, dryRun = false) {
  let outcome: { error: unknown } | undefined;
  const attrs = { op: 'CREATE' as const, info: resourceFor('', 'v1', 'pods')!, subresource: '', old: null, ...a, dryRun };
  new Coroutine(resourceQuota(s.ctx(), attrs), (o) => (outcome = { error: o.ok ? null : o.error })).start();
  return () => outcome?.error;
}

/** One admission call run to its end: null when admitted, else the error's message. */
function admit(s: FakeStorage, a: Partial<Attributes> & { obj: KubeObject }, dryRun = false): string | null {
  const result = start(s, a, dryRun);
  s.flush();
  const e = result();
  if (e === undefined) throw new Error('admission did not finish');
  return e === null ? null : e instanceof Error ? e.message : String(e);
}

const quota = (name: string, hard: Record<string, string>, used: Record<string, string>, spec: ResourceQuota['spec'] = {}): ResourceQuota => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'test' },
  spec: { hard, ...spec },
  status: { hard, used },
});

const res = (cpu: string, memory: string) => ({ ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) });
/** validPod: `n` containers with the same requirements. */
const validPod = (name: string, n: number, requests: Record<string, string>, limits: Record<string, string> = {}): KubeObject =>
  ({ metadata: { name, namespace: 'test' }, spec: { containers: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: `foo:V${i}`, resources: { requests, limits } })) } }) as KubeObject;
const pvc = (name: string, storage: string, rv?: string): KubeObject =>
  ({ metadata: { name, namespace: 'test', ...(rv !== undefined ? { resourceVersion: rv } : {}) }, spec: { resources: { requests: { storage } } } }) as KubeObject;
const service = (type: string, ports: number[] = [], rv?: string): KubeObject =>
  ({ metadata: { name: 'service', namespace: 'test', ...(rv !== undefined ? { resourceVersion: rv } : {}) }, spec: { type, ports: ports.map((port) => ({ port })) } }) as KubeObject;
const info = (resource: string) => resourceFor('', 'v1', resource)!;
const used = (s: FakeStorage, i = -1) => s.writes.at(i)?.obj.status?.used;

describe('ResourceQuota admission', () => {
  it('ignores deletes (TestAdmissionIgnoresDelete)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { memory: '2Gi' }, { memory: '1Gi' }));
    expect(admit(s, { op: 'DELETE', obj: validPod('name', 1, res('', '3Gi')) })).toBeNull();
  });

  it('ignores subresources (TestAdmissionIgnoresSubresources)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { memory: '2Gi' }, { memory: '1Gi' }));
    const p = validPod('123', 1, res('100m', '2Gi'));
    expect(admit(s, { obj: p })).toBe('pods "123" is forbidden: exceeded quota: quota, requested: memory=2Gi, used: memory=1Gi, limited: memory=2Gi');
    expect(admit(s, { obj: p, subresource: 'subresource' })).toBeNull();
  });

  it('writes the new usage to the quota (TestAdmitBelowQuotaLimit)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { cpu: '3', memory: '100Gi', pods: '5' }, { cpu: '1', memory: '50Gi', pods: '3' }));
    expect(admit(s, { obj: validPod('allowed-pod', 1, res('100m', '2Gi')) })).toBeNull();
    expect(s.writes).toHaveLength(1);
    expect(used(s)).toEqual({ cpu: '1100m', memory: '52Gi', pods: '4' });
    expect(s.writes[0].obj.status?.hard).toEqual({ cpu: '3', memory: '100Gi', pods: '5' });
  });

  it('checks but does not charge a dry run (TestAdmitDryRun)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { cpu: '3', memory: '100Gi', pods: '5' }, { cpu: '1', memory: '50Gi', pods: '3' }));
    expect(admit(s, { obj: validPod('allowed-pod', 1, res('100m', '2Gi')) }, true)).toBeNull();
    expect(admit(s, { obj: validPod('too-large-pod', 1, res('100m', '60Gi')) }, true)).toMatch(/exceeded quota: quota/);
    expect(s.writes).toHaveLength(0);
  });

  it('charges an update only its growth (TestAdmitHandlesOldObjects)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { services: '10', 'services.loadbalancers': '10', 'services.nodeports': '10' }, { services: '1', 'services.loadbalancers': '1', 'services.nodeports': '0' }));
    expect(admit(s, { op: 'UPDATE', info: info('services'), obj: service('NodePort', [1234]), old: service('LoadBalancer', [], '1') })).toBeNull();
    // Usage is never given back in admission: the load balancer stays counted until the controller recalculates.
    expect(used(s)).toEqual({ services: '1', 'services.loadbalancers': '1', 'services.nodeports': '1' });
  });

  it('writes nothing for an update that shrinks a claim (TestAdmitHandlesNegativePVCUpdates)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { persistentvolumeclaims: '3', 'requests.storage': '100Gi' }, { persistentvolumeclaims: '1', 'requests.storage': '10Gi' }));
    expect(admit(s, { op: 'UPDATE', info: info('persistentvolumeclaims'), obj: pvc('pvc-to-update', '5Gi'), old: pvc('pvc-to-update', '10Gi', '1') })).toBeNull();
    expect(s.writes).toHaveLength(0);
  });

  it('charges an expanded claim the difference (TestAdmitHandlesPVCUpdates)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { persistentvolumeclaims: '3', 'requests.storage': '100Gi' }, { persistentvolumeclaims: '1', 'requests.storage': '10Gi' }));
    expect(admit(s, { op: 'UPDATE', info: info('persistentvolumeclaims'), obj: pvc('pvc-to-update', '15Gi'), old: pvc('pvc-to-update', '10Gi', '1') })).toBeNull();
    expect(used(s)).toEqual({ persistentvolumeclaims: '1', 'requests.storage': '15Gi' });
  });

  it('charges a create-on-update in full (TestAdmitHandlesCreatingUpdates)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { services: '10', 'services.loadbalancers': '10', 'services.nodeports': '10' }, { services: '1', 'services.loadbalancers': '1', 'services.nodeports': '0' }));
    expect(admit(s, { op: 'UPDATE', info: info('services'), obj: service('NodePort', [1234]), old: service('LoadBalancer', [], '') })).toBeNull();
    expect(used(s)).toEqual({ services: '2', 'services.loadbalancers': '1', 'services.nodeports': '1' });
  });

  it('refuses a pod over the limit with upstream\'s message (TestAdmitExceedQuotaLimit)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { cpu: '3', memory: '100Gi', pods: '5' }, { cpu: '1', memory: '50Gi', pods: '3' }));
    expect(admit(s, { obj: validPod('not-allowed-pod', 1, res('3', '2Gi')) })).toBe('pods "not-allowed-pod" is forbidden: exceeded quota: quota, requested: cpu=3, used: cpu=1, limited: cpu=3');
    expect(s.writes).toHaveLength(0);
  });

  it('refuses a pod that does not state what the quota tracks (TestAdmitEnforceQuotaConstraints)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { cpu: '3', memory: '100Gi', 'limits.memory': '200Gi', pods: '5' }, { cpu: '1', memory: '50Gi', 'limits.memory': '100Gi', pods: '3' }));
    const err = admit(s, { obj: validPod('not-allowed-pod', 1, res('100m', '2Gi'), res('200m', '')) });
    expect(err).toBe('pods "not-allowed-pod" is forbidden: failed quota: quota: must specify limits.memory for: c0');
  });

  it('reads the quotas from etcd while the watch cache is still filling (resource_access.go live lookup)', () => {
    const s = new FakeStorage();
    s.lagging = true;
    s.cacher.ready = false;
    s.put(quota('quota', { pods: '1' }, { pods: '1' }));
    expect(admit(s, { obj: validPod('p', 1, {}) })).toBe('pods "p" is forbidden: exceeded quota: quota, requested: pods=1, used: pods=1, limited: pods=1');
    s.cacher.ready = true;
    expect(admit(s, { obj: validPod('p', 1, {}) })).toBeNull();
  });

  it('admits a pod in a namespace without quota (TestAdmitPodInNamespaceWithoutQuota)', () => {
    const s = new FakeStorage();
    s.put({ ...quota('quota', { cpu: '3' }, { cpu: '3' }), metadata: { name: 'quota', namespace: 'other' } });
    expect(admit(s, { obj: validPod('allowed-pod', 1, res('100m', '2Gi'), res('200m', '')) })).toBeNull();
  });

  it('charges a terminating pod to the Terminating quota only (TestAdmitBelowTerminatingQuotaLimit)', () => {
    const s = new FakeStorage();
    const hard = { cpu: '3', memory: '100Gi', pods: '5' };
    const before = { cpu: '1', memory: '50Gi', pods: '3' };
    s.put(quota('quota-non-terminating', hard, before, { scopes: ['NotTerminating'] }));
    s.put(quota('quota-terminating', hard, before, { scopes: ['Terminating'] }));
    const p = validPod('allowed-pod', 1, res('100m', '2Gi')) as KubeObject & { spec: { activeDeadlineSeconds?: number } };
    p.spec.activeDeadlineSeconds = 30;
    expect(admit(s, { obj: p })).toBeNull();
    expect(s.writes.map((w) => w.obj.metadata.name)).toEqual(['quota-terminating']);
    expect(used(s)).toEqual({ cpu: '1100m', memory: '52Gi', pods: '4' });
  });

  it('charges a best-effort pod to the BestEffort quota (TestAdmitBelowBestEffortQuotaLimit)', () => {
    const s = new FakeStorage();
    s.put(quota('quota-besteffort', { pods: '5' }, { pods: '3' }, { scopes: ['BestEffort'] }));
    s.put(quota('quota-not-besteffort', { pods: '5' }, { pods: '3' }, { scopes: ['NotBestEffort'] }));
    expect(admit(s, { obj: validPod('allowed-pod', 1, {}) })).toBeNull();
    expect(s.writes.map((w) => w.obj.metadata.name)).toEqual(['quota-besteffort']);
    expect(used(s)).toEqual({ pods: '4' });
  });

  it('leaves a BestEffort quota alone for a burstable pod (TestAdmitBestEffortQuotaLimitIgnoresBurstable)', () => {
    const s = new FakeStorage();
    s.put(quota('quota-besteffort', { pods: '5' }, { pods: '3' }, { scopes: ['BestEffort'] }));
    expect(admit(s, { obj: validPod('allowed-pod', 1, res('100m', '1Gi')) })).toBeNull();
    expect(s.writes).toHaveLength(0);
  });

  it('refuses negative usage (TestAdmitRejectsNegativeUsage)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { persistentvolumeclaims: '3', 'requests.storage': '100Gi' }, { persistentvolumeclaims: '1', 'requests.storage': '10Gi' }));
    expect(admit(s, { info: info('persistentvolumeclaims'), obj: pvc('not-allowed-pvc', '-1Gi') })).toBe(
      'persistentvolumeclaims "not-allowed-pvc" is forbidden: quota usage is negative for resource(s): requests.storage',
    );
    expect(admit(s, { info: info('persistentvolumeclaims'), obj: pvc('not-allowed-pvc', '1Gi') })).toBeNull();
  });

  it('does not let one exhausted resource block another (TestAdmitWhenUnrelatedResourceExceedsQuota)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { services: '3', pods: '4' }, { services: '4', pods: '1' }));
    expect(admit(s, { obj: validPod('allowed-pod', 1, {}) })).toBeNull();
  });

  it('refuses while a matching quota has no usage for what it limits (controller.go hasUsageStats)', () => {
    const s = new FakeStorage();
    s.put(<KubeObject>{ ...quota('compute-quota', { 'requests.cpu': '2', pods: '3' }, {}), status: { hard: { 'requests.cpu': '2', pods: '3' }, used: { pods: '0' } } });
    expect(admit(s, { obj: validPod('p', 1, { cpu: '1' }) })).toBe('pods "p" is forbidden: status unknown for quota: compute-quota, resources: pods,requests.cpu');
    // A quota the controller has not yet given any status matches nothing (generic.Matches reads status.hard).
    const t = new FakeStorage();
    t.put(<KubeObject>{ ...quota('compute-quota', { 'requests.cpu': '2' }, {}), status: {} });
    expect(admit(t, { obj: validPod('p', 1, {}) })).toBeNull();
    expect(t.writes).toHaveLength(0);
  });

  it('counts other resources under count/<resource>.<group> (object count evaluator)', () => {
    const s = new FakeStorage();
    s.put(quota('objects', { 'count/deployments.apps': '1', configmaps: '1' }, { 'count/deployments.apps': '1', configmaps: '0' }));
    const deploy = { metadata: { name: 'web', namespace: 'test' } };
    expect(admit(s, { info: resourceFor('apps', 'v1', 'deployments')!, obj: deploy })).toBe(
      'deployments.apps "web" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    expect(admit(s, { info: info('configmaps'), obj: { metadata: { name: 'c', namespace: 'test' } } })).toBeNull();
    expect(used(s)).toEqual({ configmaps: '1', 'count/deployments.apps': '1' });
    // Events are never quota'd.
    expect(admit(s, { info: info('events'), obj: { metadata: { name: 'e', namespace: 'test' } } })).toBeNull();
  });

  it('retries a conflicting write against the newer quota, and charges on top of what it wrote itself', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { pods: '5' }, { pods: '1' }));
    s.lagging = true;
    // Someone else (the controller) writes the quota; the watch cache has not seen it yet.
    s.put(quota('quota', { pods: '5' }, { pods: '2' }));
    expect(admit(s, { obj: validPod('a', 1, {}) })).toBe('Operation cannot be fulfilled on resourcequotas "quota": the object has been modified; please apply your changes to the latest version and try again');
    s.sync();
    expect(admit(s, { obj: validPod('b', 1, {}) })).toBeNull();
    expect(used(s)).toEqual({ pods: '3' });
    // The cache still holds pods=2; the plugin's own write (pods=3) is newer and is used.
    expect(admit(s, { obj: validPod('c', 1, {}) })).toBeNull();
    expect(used(s)).toEqual({ pods: '4' });
    expect(s.writes).toHaveLength(2);
  });

  it('checks concurrent requests of a namespace in one batch with one write (controller.go checkQuotas)', () => {
    const s = new FakeStorage();
    s.put(quota('quota', { pods: '3' }, { pods: '0' }));
    s.parked = true;
    const first = start(s, { obj: validPod('p0', 1, {}) });
    // While the first batch waits on etcd, four more queue up.
    const rest = [1, 2, 3, 4].map((i) => start(s, { obj: validPod(`p${i}`, 1, {}) }));
    s.flush();
    expect(first()).toBeNull();
    const outcomes = rest.map((r) => (r() === null ? 'admitted' : (r() as StatusError).status.message));
    const full = (name: string) => `pods "${name}" is forbidden: exceeded quota: quota, requested: pods=1, used: pods=3, limited: pods=3`;
    expect(outcomes).toEqual(['admitted', 'admitted', full('p3'), full('p4')]);
    expect(s.writes.map((w) => w.obj.status?.used?.pods)).toEqual(['1', '3']);
  });

  it('prints lists sorted by name (TestPrettyPrint)', () => {
    expect(prettyPrint(toQuantityList({ cpu: '100m' }))).toBe('cpu=100m');
    const all = { pods: '10', services: '10', replicationcontrollers: '10', 'services.nodeports': '10', 'requests.cpu': '100m', 'requests.memory': '100Mi', 'limits.cpu': '100m', 'limits.memory': '100Mi' };
    expect(prettyPrint(toQuantityList(all))).toBe('limits.cpu=100m,limits.memory=100Mi,pods=10,replicationcontrollers=10,requests.cpu=100m,requests.memory=100Mi,services=10,services.nodeports=10');
  });

  it('knows when usage is known (TestHasUsageStats)', () => {
    const q = (hard: Record<string, string>, used: Record<string, string>) => ({ metadata: {}, status: { hard, used } }) as ResourceQuota;
    expect(hasUsageStats({ metadata: {}, status: { hard: {} } }, ['memory'])).toBe(true);
    expect(hasUsageStats(q({ memory: '1Gi' }, {}), ['memory'])).toBe(false);
    expect(hasUsageStats(q({ memory: '1Gi' }, { memory: '500Mi' }), ['memory'])).toBe(true);
    expect(hasUsageStats(q({ memory: '1Gi', pods: '1' }, { memory: '500Mi' }), ['memory'])).toBe(true);
  });

  it('leaves cluster-scoped objects and namespaces alone (TestExcludedOperations)', () => {
    const s = new FakeStorage();
    s.parked = true; // any lookup would hang the call
    expect(start(s, { info: info('namespaces'), obj: { metadata: { name: 'namespace' } } })()).toBeNull();
    expect(start(s, { info: info('nodes'), obj: { metadata: { name: 'n' } } })()).toBeNull();
    expect(start(s, { obj: validPod('p', 1, {}), subresource: 'status', op: 'UPDATE' })()).toBeNull();
  });
});
