// Ports the cases of pkg/scheduler/framework/plugins/volumebinding/volume_binding_test.go (TestVolumeBinding),
// volumerestrictions/volume_restrictions_test.go (TestGCEDiskConflicts, TestAccessModeConflicts),
// volumezone/volume_zone_test.go (TestSingleZone) and nodevolumelimits that this simplified volume
// model covers.

import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from '../../api/types/core';
import type { StorageClass } from '../../api/types/storage';
import { CycleState } from '../framework/cycle-state';
import type { ClusterListers } from '../framework/interface';
import { NodeInfo } from '../framework/node-info';
import { handleFor, makeNode, makePod, runFilter, statusOf } from '../framework/testing';
import { NodeVolumeLimits } from './node-volume-limits';
import { AnnBindCompleted, ConflictReason } from './volumebinding/binder';
import { VolumeBinding } from './volumebinding/volume-binding';
import { VolumeRestrictions } from './volume-restrictions';
import { VolumeZone } from './volume-zone';

const immediateSC: StorageClass = { metadata: { name: 'immediate-sc' }, provisioner: 'example.com/p', volumeBindingMode: 'Immediate' };
const waitSC: StorageClass = { metadata: { name: 'wait-sc' }, provisioner: '', volumeBindingMode: 'WaitForFirstConsumer' };
const waitProvisionSC: StorageClass = { metadata: { name: 'wait-provision-sc' }, provisioner: 'example.com/p', volumeBindingMode: 'WaitForFirstConsumer' };

const boundPVC = (name: string, pv: string): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', annotations: { [AnnBindCompleted]: 'true' } },
  spec: { volumeName: pv, storageClassName: waitSC.metadata.name },
  status: { phase: 'Bound' },
});
const unboundPVC = (name: string, sc: StorageClass, storage = '1Gi'): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default' },
  spec: { storageClassName: sc.metadata.name, accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
});
const pv = (name: string, extra: { hostname?: string; labels?: Record<string, string>; storage?: string; claimRef?: string } = {}): PersistentVolume => ({
  metadata: { name, labels: extra.labels },
  spec: {
    storageClassName: waitSC.metadata.name,
    capacity: { storage: extra.storage ?? '1Gi' },
    accessModes: ['ReadWriteOnce'],
    ...(extra.claimRef ? { claimRef: { name: extra.claimRef, namespace: 'default' } } : {}),
    ...(extra.hostname
      ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: [extra.hostname] }] }] } } }
      : {}),
  },
  status: { phase: extra.claimRef ? 'Bound' : 'Available' },
});
const listers = (pvcs: PersistentVolumeClaim[], pvs: PersistentVolume[] = [], scs: StorageClass[] = [immediateSC, waitSC, waitProvisionSC]): ClusterListers => ({
  getPersistentVolumeClaim: (ns, n) => pvcs.find((c) => c.metadata.namespace === ns && c.metadata.name === n),
  getPersistentVolume: (n) => pvs.find((p) => p.metadata.name === n),
  listPersistentVolumes: () => pvs,
  getStorageClass: (n) => scs.find((s) => s.metadata.name === n),
});
const podWithClaims = (...claims: string[]): Pod => makePod('pod-a', { volumes: claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })) });
const nodeInfo = (name = 'node-a', labels: Record<string, string> = {}) => {
  const ni = new NodeInfo();
  ni.setNode(makeNode(name, {}, { labels }));
  return ni;
};

describe('VolumeBinding (TestVolumeBinding)', () => {
  const unresolvable = (...reasons: string[]) => ({ code: 'UnschedulableAndUnresolvable', reasons });
  const cases: { name: string; pod: Pod; l: ClusterListers; node?: NodeInfo; want: ReturnType<typeof statusOf> | 'Skip'; wantNodes?: string[] }[] = [
    { name: 'pod has not pvcs', pod: makePod('pod-a'), l: listers([]), want: 'Skip' },
    { name: 'all bound', pod: podWithClaims('pvc-a'), l: listers([boundPVC('pvc-a', 'pv-a')], [pv('pv-a', { claimRef: 'pvc-a' })]), want: null },
    {
      name: 'all bound with local volumes',
      pod: podWithClaims('pvc-a', 'pvc-b'),
      l: listers([boundPVC('pvc-a', 'pv-a'), boundPVC('pvc-b', 'pv-b')], [pv('pv-a', { hostname: 'node-a', claimRef: 'pvc-a' }), pv('pv-b', { hostname: 'node-a', claimRef: 'pvc-b' })]),
      node: nodeInfo('node-a', { 'kubernetes.io/hostname': 'node-a' }),
      want: null,
      wantNodes: ['node-a'],
    },
    { name: 'PVC does not exist', pod: podWithClaims('pvc-a'), l: listers([]), want: unresolvable('persistentvolumeclaim "pvc-a" not found') },
    {
      name: 'Part of PVCs do not exist',
      pod: podWithClaims('pvc-a', 'pvc-b'),
      l: listers([boundPVC('pvc-a', 'pv-a')], [pv('pv-a')]),
      want: unresolvable('persistentvolumeclaim "pvc-b" not found'),
    },
    { name: 'immediate claims not bound', pod: podWithClaims('pvc-a'), l: listers([unboundPVC('pvc-a', immediateSC)]), want: unresolvable('pod has unbound immediate PersistentVolumeClaims') },
    { name: 'unbound claims no matches', pod: podWithClaims('pvc-b'), l: listers([unboundPVC('pvc-b', waitSC)]), want: unresolvable(ConflictReason.ErrReasonBindConflict) },
    { name: 'unbound claim matches an available PV on the node', pod: podWithClaims('pvc-b'), l: listers([unboundPVC('pvc-b', waitSC)], [pv('pv-b', { hostname: 'node-a' })]), node: nodeInfo('node-a', { 'kubernetes.io/hostname': 'node-a' }), want: null },
    { name: 'unbound claim with a provisioner is provisioned', pod: podWithClaims('pvc-b'), l: listers([unboundPVC('pvc-b', waitProvisionSC)]), want: null },
    {
      name: 'bound and unbound unsatisfied',
      pod: podWithClaims('pvc-a', 'pvc-b'),
      l: listers([boundPVC('pvc-a', 'pv-a'), unboundPVC('pvc-b', waitSC)], [pv('pv-a', { hostname: 'node-b', claimRef: 'pvc-a' }), pv('pv-b', { hostname: 'node-b' })]),
      node: nodeInfo('node-a', { 'kubernetes.io/hostname': 'node-a' }),
      want: unresolvable(ConflictReason.ErrReasonNodeConflict, ConflictReason.ErrReasonBindConflict),
      wantNodes: ['node-b'],
    },
    { name: 'pv not found', pod: podWithClaims('pvc-a'), l: listers([boundPVC('pvc-a', 'pv-a')]), want: unresolvable(ConflictReason.ErrReasonPVNotExist) },
    {
      name: 'an unbound claim too small for the only PV is provisioned instead, or fails without a provisioner',
      pod: podWithClaims('pvc-b'),
      l: listers([unboundPVC('pvc-b', waitSC, '5Gi')], [pv('pv-b', { storage: '1Gi' })]),
      want: unresolvable(ConflictReason.ErrReasonBindConflict),
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { handle } = handleFor([], [], tc.l);
      const p = new VolumeBinding(handle);
      const ni = tc.node ?? nodeInfo();
      const s = runFilter(p, tc.pod, ni);
      if (tc.want === 'Skip') expect(s?.code()).toBe('Skip');
      else expect(statusOf(s)).toEqual(tc.want);
      if (tc.wantNodes) {
        const [result] = p.preFilter(new CycleState(), tc.pod);
        expect([...(result?.nodeNames ?? [])]).toEqual(tc.wantNodes);
      }
    });
  }
});

describe('VolumeRestrictions (TestGCEDiskConflicts, TestAccessModeConflicts)', () => {
  const gce = (pdName: string, readOnly = false): Volume => ({ name: 'v', gcePersistentDisk: { pdName, readOnly } });
  const withVolumes = (name: string, ...volumes: Volume[]) => makePod(name, { volumes, nodeName: 'node-a' });
  const diskConflict = { code: 'Unschedulable', reasons: ['node(s) had no available disk'] };
  const cases: { name: string; pod: Pod; existing: Pod[]; want: ReturnType<typeof statusOf> | 'Skip' }[] = [
    { name: 'nothing', pod: makePod('p'), existing: [], want: 'Skip' },
    { name: 'one state', pod: withVolumes('p', gce('foo')), existing: [withVolumes('e', gce('foo'))], want: diskConflict },
    { name: 'two state', pod: withVolumes('p', gce('foo')), existing: [withVolumes('e', gce('bar'))], want: null },
    { name: 'same state, both read-only', pod: withVolumes('p', gce('foo', true)), existing: [withVolumes('e', gce('foo', true))], want: null },
    {
      name: 'same EBS volume id conflicts',
      pod: withVolumes('p', { name: 'v', awsElasticBlockStore: { volumeID: 'foo' } }),
      existing: [withVolumes('e', { name: 'v', awsElasticBlockStore: { volumeID: 'foo' } })],
      want: diskConflict,
    },
    {
      name: 'RBD images sharing a monitor, pool and image conflict',
      pod: withVolumes('p', { name: 'v', rbd: { monitors: ['a', 'b'], pool: 'foo', image: 'bar' } }),
      existing: [withVolumes('e', { name: 'v', rbd: { monitors: ['b', 'c'], pool: 'foo', image: 'bar' } })],
      want: diskConflict,
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { handle, snapshot } = handleFor([makeNode('node-a')], tc.existing);
      const s = runFilter(new VolumeRestrictions(handle), tc.pod, snapshot.get('node-a'));
      if (tc.want === 'Skip') expect(s?.code()).toBe('Skip');
      else expect(statusOf(s)).toEqual(tc.want);
    });
  }

  it('a ReadWriteOncePod claim already in use keeps the pod off every node', () => {
    const rwop: PersistentVolumeClaim = { metadata: { name: 'claim-with-rwop-1', namespace: 'default' }, spec: { accessModes: ['ReadWriteOncePod'] } };
    const user = makePod('user', { nodeName: 'node-b', volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'claim-with-rwop-1' } }] });
    const { handle, snapshot } = handleFor([makeNode('node-a'), makeNode('node-b')], [user], listers([rwop]));
    const pod = makePod('p', { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'claim-with-rwop-1' } }] });
    expect(statusOf(runFilter(new VolumeRestrictions(handle), pod, snapshot.get('node-a')))).toEqual({
      code: 'Unschedulable',
      reasons: ['node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode'],
    });
  });

  it('a missing claim is UnschedulableAndUnresolvable', () => {
    const { handle, snapshot } = handleFor([makeNode('node-a')], [], listers([]));
    const s = runFilter(new VolumeRestrictions(handle), podWithClaims('nope'), snapshot.get('node-a'));
    expect(statusOf(s)).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['persistentvolumeclaim "nope" not found'] });
  });
});

describe('VolumeZone (TestSingleZone)', () => {
  const zonePV = (name: string, labels: Record<string, string>) => pv(name, { labels, claimRef: name });
  const l = listers(
    [boundPVC('pvc_a', 'Vol_1'), boundPVC('pvc_b', 'Vol_2'), boundPVC('pvc_c', 'Vol_3'), boundPVC('pvc_d', 'Vol_4')],
    [
      zonePV('Vol_1', { 'failure-domain.beta.kubernetes.io/zone': 'us-west1-a' }),
      zonePV('Vol_2', { 'failure-domain.beta.kubernetes.io/region': 'us-west1', uselessLabel: 'none' }),
      zonePV('Vol_3', { 'failure-domain.beta.kubernetes.io/region': 'us-west1-b', uselessLabel: 'none' }),
      zonePV('Vol_4', { 'topology.kubernetes.io/zone': 'us-west1-a__us-west1-b' }),
    ],
  );
  const conflict = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had no available volume zone'] };
  const cases: { name: string; pod: Pod; labels: Record<string, string>; want: ReturnType<typeof statusOf> | 'Skip' }[] = [
    { name: 'pod without volume', pod: makePod('p'), labels: { 'failure-domain.beta.kubernetes.io/zone': 'us-west1-a' }, want: 'Skip' },
    { name: 'node without labels', pod: podWithClaims('pvc_a'), labels: {}, want: null },
    { name: 'beta zone label matched', pod: podWithClaims('pvc_a'), labels: { 'failure-domain.beta.kubernetes.io/zone': 'us-west1-a', uselessLabel: 'none' }, want: null },
    { name: 'beta region label matched', pod: podWithClaims('pvc_b'), labels: { 'failure-domain.beta.kubernetes.io/region': 'us-west1', uselessLabel: 'none' }, want: null },
    { name: 'beta region label doesn\'t match', pod: podWithClaims('pvc_c'), labels: { 'failure-domain.beta.kubernetes.io/region': 'us-west1-a' }, want: conflict },
    { name: 'beta zone label doesn\'t match', pod: podWithClaims('pvc_a'), labels: { 'failure-domain.beta.kubernetes.io/zone': 'no_us-west1-a', uselessLabel: 'none' }, want: conflict },
    { name: 'pv beta label matches a node\'s GA label', pod: podWithClaims('pvc_a'), labels: { 'topology.kubernetes.io/zone': 'us-west1-a' }, want: null },
    { name: 'multi-zone PV label matches one of its zones', pod: podWithClaims('pvc_d'), labels: { 'topology.kubernetes.io/zone': 'us-west1-b' }, want: null },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { handle } = handleFor([], [], l);
      const s = runFilter(new VolumeZone(handle), tc.pod, nodeInfo('host1', tc.labels));
      if (tc.want === 'Skip') expect(s?.code()).toBe('Skip');
      else expect(statusOf(s)).toEqual(tc.want);
    });
  }
});

describe('NodeVolumeLimits (without CSINode objects)', () => {
  it('skips pods without attachable volumes and admits the others everywhere', () => {
    const p = new NodeVolumeLimits();
    expect(runFilter(p, makePod('p', { volumes: [{ name: 'e', emptyDir: {} }] }), nodeInfo())?.code()).toBe('Skip');
    expect(runFilter(p, podWithClaims('pvc-a'), nodeInfo())).toBeNull();
  });
});
