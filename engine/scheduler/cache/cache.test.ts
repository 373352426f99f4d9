// The scheduler cache: the scenarios of upstream's cache_test.go (assume, confirm, forget, a node
// removed while its pods remain, UpdateSnapshot copying only what changed), and a seeded random walk
// of informer events whose every incremental snapshot must equal the snapshot rebuilt from scratch
// (Snapshot.from over the bound and assumed pods), which is what kube-scheduler did here before.

import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types/core';
import { Rng } from '../../sim/rng';
import type { NodeInfo } from '../framework/node-info';
import { Snapshot } from '../framework/snapshot';
import { container, makeNode, makePod } from '../framework/testing';
import { Cache } from './cache';

const on = (pod: Pod, nodeName: string): Pod => ({ ...pod, spec: { ...pod.spec!, nodeName } });

/** Everything a plugin can read of a snapshot, in a form `toEqual` compares. */
function view(s: Snapshot) {
  const info = (ni: NodeInfo) => ({
    name: ni.nodeName(),
    pods: ni.pods.map((p) => p.pod.metadata.uid).sort(),
    withAffinity: ni.podsWithAffinity.length,
    withRequiredAntiAffinity: ni.podsWithRequiredAntiAffinity.length,
    requested: { ...ni.requested, scalarResources: Object.fromEntries(Object.entries(ni.requested.scalarResources).filter(([, v]) => v !== 0)) },
    nonZeroRequested: { cpu: ni.nonZeroRequested.milliCPU, memory: ni.nonZeroRequested.memory },
    allocatable: ni.allocatable,
    ports: [...ni.usedPorts.byIP].map(([ip, set]) => [ip, [...set].sort()]).sort(),
    images: [...ni.imageStates].sort(([a], [b]) => (a < b ? -1 : 1)),
    pvcs: [...ni.pvcRefCounts].sort(),
  });
  const pvcKeys = ['default/data-0', 'default/data-1', 'default/data-2'];
  return {
    nodes: s.list().map(info),
    withAffinity: s.havePodsWithAffinityList().map((n) => n.nodeName()),
    withRequiredAntiAffinity: s.havePodsWithRequiredAntiAffinityList().map((n) => n.nodeName()),
    pvcsInUse: pvcKeys.filter((k) => s.isPVCUsedByPods(k)),
  };
}

describe('Cache (cache_test.go)', () => {
  const n1 = makeNode('node-1', { cpu: '4', memory: '8Gi' });
  const n2 = makeNode('node-2', { cpu: '4', memory: '8Gi' });
  const web = makePod('web', { containers: [container({ cpu: '1', memory: '1Gi' })] });

  it('counts an assumed pod on its node until it is forgotten (TestForgetPod)', () => {
    const cache = new Cache();
    cache.addNode(n1);
    const snap = new Snapshot();
    cache.assumePod(on(web, 'node-1'));
    cache.updateSnapshot(snap);
    expect([snap.get('node-1').requested.milliCPU, cache.isAssumedPod(web), cache.assumedPodCount()]).toEqual([1000, true, 1]);
    expect(() => cache.assumePod(on(web, 'node-2'))).toThrow('is in the cache, so can\'t be assumed');
    cache.forgetPod(on(web, 'node-1'));
    cache.updateSnapshot(snap);
    expect([snap.get('node-1').requested.milliCPU, snap.get('node-1').pods.length, cache.podCount()]).toEqual([0, 0, 0]);
  });

  it('replaces the assumed copy with the bound one the informer brings, even on another node (TestAddPodAfterExpiration, TestAddPodWillReplaceAssumed)', () => {
    const cache = new Cache();
    cache.addNode(n1);
    cache.addNode(n2);
    cache.assumePod(on(web, 'node-1'));
    cache.addPod(on(web, 'node-2'));
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    expect([snap.get('node-1').pods.length, snap.get('node-2').pods.length, cache.isAssumedPod(web)]).toEqual([0, 1, false]);
    cache.forgetPod(on(web, 'node-2'));
    expect(cache.podCount()).toBe(1);
  });

  it('keeps a removed node’s pods until they go, out of the snapshot (TestNodeOperators, TestRemovePod)', () => {
    const cache = new Cache();
    cache.addNode(n1);
    cache.addNode(n2);
    cache.addPod(on(web, 'node-1'));
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    cache.removeNode(n1);
    cache.updateSnapshot(snap);
    expect([snap.numNodes(), snap.tryGet('node-1'), cache.nodeCount()]).toEqual([1, undefined, 1]);
    // The node comes back before its pod's delete: the pod is still counted on it.
    cache.addNode(n1);
    cache.updateSnapshot(snap);
    expect(snap.get('node-1').pods.map((p) => p.pod.metadata.name)).toEqual(['web']);
    cache.removePod(web);
    cache.removeNode(n1);
    cache.updateSnapshot(snap);
    expect(snap.list().map((n) => n.nodeName())).toEqual(['node-2']);
  });

  it('a pod bound to a node not yet known counts once the node comes (TestSchedulerCache_UpdateSnapshot: add pod before node)', () => {
    const cache = new Cache();
    cache.addPod(on(web, 'node-1'));
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    expect(snap.numNodes()).toBe(0);
    cache.addNode(n1);
    cache.updateSnapshot(snap);
    expect(snap.get('node-1').requested.milliCPU).toBe(1000);
  });

  it('copies only the node infos changed since the snapshot, in place, keeping the others (UpdateSnapshot by generation)', () => {
    const cache = new Cache();
    const nodes = Array.from({ length: 5 }, (_, i) => makeNode(`node-${i}`, { cpu: '4' }));
    for (const n of nodes) cache.addNode(n);
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    const before = snap.list().slice();
    const generations = before.map((ni) => ni.generation);
    cache.addPod(on(web, 'node-3'));
    cache.updateSnapshot(snap);
    const after = snap.list();
    // The same objects (the list is not rebuilt); only node-3's generation moved.
    expect(after.every((ni, i) => ni === before[i])).toBe(true);
    expect(after.map((ni, i) => ni.generation > generations[i])).toEqual([false, false, false, true, false]);
    expect(after[3].pods.length).toBe(1);
  });

  it('keeps every node’s image count exact when an image comes to another node', () => {
    const img = (names: string[], sizeBytes: number) => ({ names, sizeBytes });
    const withImages = (n: Node, images: { names: string[]; sizeBytes: number }[]): Node => ({ ...n, status: { ...n.status, images } });
    const cache = new Cache();
    cache.addNode(withImages(n1, [img(['nginx:1.27'], 200)]));
    cache.addNode(n2);
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    expect(snap.get('node-1').imageStates.get('nginx:1.27')).toEqual({ size: 200, numNodes: 1 });
    cache.updateNode(n2, withImages(n2, [img(['nginx:1.27'], 200)]));
    cache.updateSnapshot(snap);
    expect(snap.get('node-1').imageStates.get('nginx:1.27')).toEqual({ size: 200, numNodes: 2 });
    cache.removeNode(n2);
    cache.updateSnapshot(snap);
    expect(snap.get('node-1').imageStates.get('nginx:1.27')).toEqual({ size: 200, numNodes: 1 });
  });
});

describe('Cache against a snapshot rebuilt from scratch (seeded random informer events)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: 400 events, every snapshot equal`, () => {
      const rng = new Rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[rng.int(0, xs.length)];
      const names = ['node-1', 'node-2', 'node-3', 'node-10', 'node-11', 'node-20'];
      const zones = ['a', 'b', ''];
      const images = ['nginx:1.27', 'redis:7', 'busybox:1.36'];
      const node = (name: string): Node => {
        const labels: Record<string, string> = {};
        const zone = pick(zones);
        if (zone) labels['topology.kubernetes.io/zone'] = zone;
        const own = images.filter(() => rng.chance(0.4)).map((n, i) => ({ names: [n], sizeBytes: (i + 1) * 100 * 1024 * 1024 }));
        return makeNode(name, { cpu: String(rng.int(2, 9)), memory: `${rng.int(4, 17)}Gi`, 'example.com/gpu': String(rng.int(0, 3)) }, { labels, status: { images: own } });
      };
      const pod = (i: number, gen: number): Pod => {
        // Host ports are the pod's own: NodeInfo counts a port once, as upstream's HostPortInfo does.
        const spec: Partial<Pod['spec']> = { containers: [container({ cpu: `${rng.int(1, 10) * 100}m`, ...(rng.chance(0.5) ? { memory: `${rng.int(1, 5)}Gi` } : {}), ...(rng.chance(0.2) ? { 'example.com/gpu': '1' } : {}) }, rng.chance(0.2) ? { ports: [{ containerPort: 80, hostPort: 8000 + i }] } : {})] };
        if (rng.chance(0.2)) spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } }] } };
        else if (rng.chance(0.2)) spec.affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } };
        if (rng.chance(0.3)) spec.volumes = [{ name: 'd', persistentVolumeClaim: { claimName: `data-${rng.int(0, 3)}` } }];
        return makePod(`p${i}`, spec as Pod['spec'], { uid: `uid-${i}`, labels: { gen: String(gen) } });
      };
      const cache = new Cache();
      const nodes = new Map<string, Node>();
      const bound = new Map<string, Pod>();
      const assumed = new Map<string, Pod>();
      const snap = new Snapshot();
      let next = 0;
      for (let step = 0; step < 400; step++) {
        const r = rng.next();
        if (r < 0.15) {
          const name = pick(names);
          const n = node(name);
          const old = nodes.get(name);
          nodes.set(name, n);
          if (old) cache.updateNode(old, n);
          else cache.addNode(n);
        } else if (r < 0.2 && nodes.size > 0) {
          const name = pick([...nodes.keys()]);
          cache.removeNode(nodes.get(name)!);
          nodes.delete(name);
        } else if (r < 0.4) {
          const p = on(pod(next++, 0), pick(names));
          assumed.set(p.metadata.uid!, p);
          cache.assumePod(p);
        } else if (r < 0.55 && assumed.size > 0) {
          // The informer brings the binding (sometimes to another node than assumed).
          const p = pick([...assumed.values()]);
          const b = rng.chance(0.8) ? p : on(p, pick(names));
          assumed.delete(p.metadata.uid!);
          bound.set(b.metadata.uid!, b);
          cache.addPod(b);
        } else if (r < 0.62 && assumed.size > 0) {
          const p = pick([...assumed.values()]);
          assumed.delete(p.metadata.uid!);
          cache.forgetPod(p);
        } else if (r < 0.72) {
          const p = on(pod(next++, 0), pick(names));
          bound.set(p.metadata.uid!, p);
          cache.addPod(p);
        } else if (r < 0.85 && bound.size > 0) {
          // A bound pod changes (its labels; its requests, as an in-place resize would).
          const old = pick([...bound.values()]);
          const fresh = pod(Number(old.metadata.uid!.slice('uid-'.length)), step);
          const p = { ...old, metadata: { ...old.metadata, labels: fresh.metadata.labels }, spec: { ...fresh.spec!, nodeName: old.spec!.nodeName } };
          bound.set(p.metadata.uid!, p);
          cache.updatePod(old, p);
        } else if (bound.size + assumed.size > 0) {
          const p = pick([...bound.values(), ...assumed.values()]);
          bound.delete(p.metadata.uid!);
          assumed.delete(p.metadata.uid!);
          cache.removePod(p);
        }
        if (rng.chance(0.7) || step === 399) {
          cache.updateSnapshot(snap);
          const sorted = [...nodes.keys()].sort().map((n) => nodes.get(n)!);
          const want = Snapshot.from([...bound.values(), ...assumed.values()], sorted);
          expect(view(snap), `seed ${seed} step ${step}`).toEqual(view(want));
        }
      }
    });
  }
});
