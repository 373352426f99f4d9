// Ported from pkg/kubelet/images/image_manager_test.go: the pull policy cases of
// pullerTestCases, the back-off after a failed pull, TestApplyDefaultImageTag, and the events.

import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../api/types';
import { Backoff } from '../backoff';
import { EventRecorder } from '../events';
import { ImageService } from '../runtime/image-service';
import { Scheduler } from '../scheduler';
import { applyDefaultImageTag, ImageManager, type EnsureResult } from './image-manager';

function setup(preload: string[] = []) {
  const sched = new Scheduler();
  const images = new ImageService(sched, { bytesPerSecond: 10_000_000, latencyMs: 500 });
  for (const p of preload) images.preload(p);
  const recorder = new EventRecorder('node-1', () => sched.now());
  const mgr = new ImageManager(images, sched, recorder, new Backoff(() => sched.now(), 10_000, 300_000));
  const pod: Pod = { metadata: { uid: 'uid', name: 'p', namespace: 'ns' }, spec: { containers: [] } };
  const ensure = (c: Container): EnsureResult => {
    let out: EnsureResult | null = null;
    sched.spawn(mgr.ensureImageExists(pod, c), (o) => (out = o.ok ? o.value : null));
    while (out === null) sched.runUntil(sched.now() + 10);
    return out;
  };
  return { sched, images, recorder, ensure };
}

describe('ImageManager.ensureImageExists', () => {
  it('image present, IfNotPresent: no pull', () => {
    const t = setup(['nginx:1.27']);
    expect(t.ensure({ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' })).toMatchObject({ ok: true });
    expect(t.recorder.take().map((e) => e.message)).toEqual(['Container image "nginx:1.27" already present on machine']);
  });

  it('image present, Always: pull it', () => {
    const t = setup(['nginx:1.27']);
    expect(t.ensure({ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'Always' })).toMatchObject({ ok: true });
    expect(t.recorder.take().map((e) => e.reason)).toEqual(['Pulling', 'Pulled']);
  });

  it('image missing, IfNotPresent: pull it, and say how long it took', () => {
    const t = setup();
    expect(t.ensure({ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent' })).toMatchObject({ ok: true });
    const [pulling, pulled] = t.recorder.take();
    expect(pulling.message).toBe('Pulling image "busybox:1.36"');
    expect(pulled.message).toBe('Successfully pulled image "busybox:1.36" in 715ms (715ms including waiting). Image size: 2152262 bytes.');
    expect(pulled.involvedObject).toMatchObject({ kind: 'Pod', name: 'p', fieldPath: 'spec.containers{c}' });
  });

  it('image missing, Never: ErrImageNeverPull', () => {
    const t = setup();
    expect(t.ensure({ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'Never' })).toEqual({ ok: false, err: 'ErrImageNeverPull', message: 'Container image "nginx:1.27" is not present with pull policy of Never' });
  });

  it('backs off after a failed pull: ErrImagePull, then ImagePullBackOff until 10 s, 20 s pass', () => {
    const t = setup();
    const c: Container = { name: 'c', image: 'nosuch/repo:1', imagePullPolicy: 'IfNotPresent' };
    const seq: string[] = [];
    const at = (ms: number) => {
      t.sched.runUntil(ms);
      const r = t.ensure(c);
      seq.push(r.ok ? 'ok' : r.err);
    };
    // Each failed pull ends 500 ms after it starts; the back-off counts from then.
    for (const ms of [0, 5_000, 11_000, 20_000, 32_000]) at(ms);
    expect(seq).toEqual(['ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull']);
  });

  it('serializes pulls: the second waits for the first, and says so', () => {
    const t = setup();
    const pod: Pod = { metadata: { uid: 'uid', name: 'p', namespace: 'ns' }, spec: { containers: [] } };
    const mgr = new ImageManager(t.images, t.sched, t.recorder, new Backoff(() => t.sched.now()));
    t.sched.spawn(mgr.ensureImageExists(pod, { name: 'a', image: 'nginx', imagePullPolicy: 'IfNotPresent' }));
    t.sched.spawn(mgr.ensureImageExists(pod, { name: 'b', image: 'redis', imagePullPolicy: 'IfNotPresent' }));
    t.sched.runUntil(60_000);
    const pulled = t.recorder.take().filter((e) => e.reason === 'Pulled').map((e) => e.message);
    expect(pulled[1]).toBe('Successfully pulled image "redis" in 5.071s (12.79s including waiting). Image size: 45714839 bytes.');
  });
});

describe('applyDefaultImageTag (TestApplyDefaultImageTag)', () => {
  const sha = 'sha256:e9ee0ffa9117588ad23ca6962c24bcb52e9848b90415f2f9616f73f73b09bf10';
  it.each([
    ['root', 'root:latest'],
    ['root:tag', 'root:tag'],
    [`root@${sha}`, `root@${sha}`],
    [`root:latest@${sha}`, `root:latest@${sha}`],
    ['root:latest', 'root:latest'],
    ['Not/Valid', null],
  ])('%s → %s', (input, output) => expect(applyDefaultImageTag(input)).toBe(output));
});
