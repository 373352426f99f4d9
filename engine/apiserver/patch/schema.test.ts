import { describe, expect, it } from 'vitest';
import { groupVersion, resources } from '../../api/resources';
import { patchMetaAt, patchSchemaFor } from './schema';

describe('patchMetaAt: the k8s.io/api v1.32 struct tags', () => {
  const cases: [string, string, string, string, string][] = [
    // apiVersion, kind, path, patchStrategy, patchMergeKey
    ['v1', 'Pod', 'spec.containers', 'merge', 'name'],
    ['v1', 'Pod', 'spec.initContainers', 'merge', 'name'],
    ['v1', 'Pod', 'spec.ephemeralContainers', 'merge', 'name'],
    ['v1', 'Pod', 'spec.volumes', 'merge,retainKeys', 'name'],
    ['v1', 'Pod', 'spec.imagePullSecrets', 'merge', 'name'],
    ['v1', 'Pod', 'spec.tolerations', '', ''],
    ['v1', 'Pod', 'spec.hostAliases', 'merge', 'ip'],
    ['v1', 'Pod', 'spec.topologySpreadConstraints', 'merge', 'topologyKey'],
    ['v1', 'Pod', 'spec.readinessGates', '', ''],
    ['v1', 'Pod', 'spec.schedulingGates', 'merge', 'name'],
    ['v1', 'Pod', 'spec.resourceClaims', 'merge,retainKeys', 'name'],
    ['v1', 'Pod', 'spec.containers.ports', 'merge', 'containerPort'],
    ['v1', 'Pod', 'spec.containers.env', 'merge', 'name'],
    ['v1', 'Pod', 'spec.containers.envFrom', '', ''],
    ['v1', 'Pod', 'spec.containers.volumeMounts', 'merge', 'mountPath'],
    ['v1', 'Pod', 'spec.containers.volumeDevices', 'merge', 'devicePath'],
    ['v1', 'Pod', 'spec.containers.resizePolicy', '', ''],
    ['v1', 'Pod', 'metadata.finalizers', 'merge', ''],
    ['v1', 'Pod', 'metadata.ownerReferences', 'merge', 'uid'],
    ['v1', 'Pod', 'metadata.managedFields', '', ''],
    ['v1', 'Pod', 'status.conditions', 'merge', 'type'],
    ['v1', 'Pod', 'status.podIPs', 'merge', 'ip'],
    ['v1', 'Pod', 'status.containerStatuses', '', ''],
    ['v1', 'Service', 'spec.ports', 'merge', 'port'],
    ['v1', 'Node', 'spec.taints', '', ''],
    ['v1', 'Node', 'spec.podCIDRs', 'merge', ''],
    ['v1', 'Node', 'status.conditions', 'merge', 'type'],
    ['v1', 'Node', 'status.addresses', 'merge', 'type'],
    ['v1', 'Endpoints', 'subsets', '', ''],
    ['v1', 'ServiceAccount', 'secrets', 'merge', 'name'],
    ['v1', 'Namespace', 'status.conditions', 'merge', 'type'],
    ['apps/v1', 'Deployment', 'spec.strategy', 'retainKeys', ''],
    ['apps/v1', 'Deployment', 'spec.template.spec.containers', 'merge', 'name'],
    ['apps/v1', 'Deployment', 'status.conditions', 'merge', 'type'],
    ['apps/v1', 'ReplicaSet', 'status.conditions', 'merge', 'type'],
    ['apps/v1', 'DaemonSet', 'status.conditions', 'merge', 'type'],
    ['apps/v1', 'StatefulSet', 'status.conditions', 'merge', 'type'],
    ['apps/v1', 'DaemonSet', 'spec.updateStrategy', '', ''],
    ['batch/v1', 'Job', 'status.conditions', 'merge', 'type'],
    ['batch/v1', 'CronJob', 'spec.jobTemplate.spec.template.spec.containers', 'merge', 'name'],
    ['policy/v1', 'PodDisruptionBudget', 'spec.selector', 'replace', ''],
    ['policy/v1', 'PodDisruptionBudget', 'status.conditions', 'merge', 'type'],
    ['rbac.authorization.k8s.io/v1', 'Role', 'rules', '', ''],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'subjects', '', ''],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'status.conditions', 'merge', 'type'],
  ];
  for (const [av, kind, path, strategy, key] of cases) {
    it(`${kind} ${path}`, () => expect(patchMetaAt(av, kind, path)).toEqual({ patchStrategy: strategy, patchMergeKey: key }));
  }
  it('undefined for an unknown path or kind', () => {
    expect(patchMetaAt('v1', 'Pod', 'spec.nope')).toBeUndefined();
    expect(patchMetaAt('example.com/v1', 'Widget', 'spec')).toBeUndefined();
  });
});

describe('patchSchemaFor', () => {
  it('has a schema for every served kind', () => {
    for (const r of resources) expect(patchSchemaFor(groupVersion(r.group, r.version), r.kind), r.kind).toBeDefined();
  });
  it('and for the scale subresource', () => expect(patchSchemaFor('autoscaling/v1', 'Scale')).toBeDefined());
  it('looks fields up as forked encoding/json does, with upstream errors', () => {
    const pod = patchSchemaFor('v1', 'Pod');
    if (!pod) throw new Error('no Pod');
    const [spec, specMeta] = pod.lookupPatchMetadataForStruct('spec');
    expect(specMeta).toEqual({ patchStrategies: [''], patchMergeKey: '' });
    expect(spec.name()).toBe('struct');
    const [container, meta] = spec.lookupPatchMetadataForSlice('containers');
    expect(meta).toEqual({ patchStrategies: ['merge'], patchMergeKey: 'name' });
    expect(container.name()).toBe('struct');
    // Case-insensitive match when no exact one, as encoding/json.
    expect(spec.lookupPatchMetadataForSlice('Containers')[1].patchMergeKey).toBe('name');
    expect(() => spec.lookupPatchMetadataForStruct('frob')).toThrow('unable to find api field in struct PodSpec for the json field "frob"');
    expect(spec.lookupPatchMetadataForStruct('securityContext')[0].name()).toBe('ptr');
    expect(() => spec.lookupPatchMetadataForSlice('nodeSelector')).toThrow('expected slice or array type, but got: struct');
    const [labels] = pod.lookupPatchMetadataForStruct('metadata')[0].lookupPatchMetadataForStruct('labels');
    expect(() => labels.lookupPatchMetadataForStruct('x')).toThrow('merging an object in json but data type is not struct, instead is: map');
  });
  it('flattens embedded structs (Volume inlines VolumeSource)', () => {
    const volume = patchSchemaFor('v1', 'Pod')?.lookupPatchMetadataForStruct('spec')[0].lookupPatchMetadataForSlice('volumes')[0];
    expect(volume?.lookupPatchMetadataForStruct('configMap')[0].name()).toBe('ptr');
    expect(volume?.lookupPatchMetadataForStruct('name')[1]).toEqual({ patchStrategies: [''], patchMergeKey: '' });
  });
});
