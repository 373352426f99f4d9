// Deployment, ReplicaSet, DaemonSet and StatefulSet validation, after upstream's
// pkg/apis/apps/validation/validation_test.go; full error strings compared.
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { DaemonSet, Deployment, StatefulSet } from '../types';
import { fieldErrorString } from './field';
import { validateDaemonSet, validateDeployment, validateDeploymentUpdate, validateStatefulSet, validateStatefulSetUpdate } from './apps';
import { invalidStatus } from './errors';
import { validateCreate } from './index';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

function deploy(spec: Record<string, unknown> = {}): Deployment {
  const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1' }, spec: { selector: { matchLabels: { app: 'web' } }, template: structuredClone(template), ...spec } } as unknown as Deployment;
  applyDefaults(d);
  return d;
}
const msgs = (errs: Parameters<typeof fieldErrorString>[0][]) => errs.map(fieldErrorString);

describe('Deployment', () => {
  it('accepts a defaulted deployment', () => {
    expect(validateDeployment(deploy())).toEqual([]);
  });
  it('replicas must not be negative', () => {
    expect(msgs(validateDeployment(deploy({ replicas: -1 })))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });
  it('the selector must match the template labels', () => {
    expect(msgs(validateDeployment(deploy({ selector: { matchLabels: { app: 'other' } } })))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(msgs(validateDeployment(deploy({ selector: {} })))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });
  it('the template must restart always', () => {
    const d = deploy();
    d.spec!.template.spec!.restartPolicy = 'Never';
    expect(msgs(validateDeployment(d))).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });
  it('rolling update: not both zero, at most 100%', () => {
    expect(msgs(validateDeployment(deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
    expect(msgs(validateDeployment(deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: '120%' } } })))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    ]);
    expect(msgs(validateDeployment(deploy({ strategy: { type: 'Recreate', rollingUpdate: {} } })))).toEqual(["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
  });
  it('revisionHistoryLimit and progressDeadlineSeconds', () => {
    expect(msgs(validateDeployment(deploy({ revisionHistoryLimit: -1 })))).toEqual(['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0']);
    expect(msgs(validateDeployment(deploy({ minReadySeconds: 10, progressDeadlineSeconds: 10 })))).toEqual(['spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds']);
  });
  it('the selector is immutable in apps/v1', () => {
    const old = deploy();
    const n = deploy({ selector: { matchLabels: { app: 'web2' } }, template: { ...structuredClone(template), metadata: { labels: { app: 'web2' } } } });
    expect(msgs(validateDeploymentUpdate(n, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
  it('makes the 422 Status the apiserver returns', () => {
    const d = deploy({ replicas: -1, selector: { matchLabels: { app: 'x' } } });
    const st = invalidStatus({ group: 'apps', kind: 'Deployment' }, 'web', validateCreate(d));
    expect(st.message).toBe(
      'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    expect(st.details?.causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`', field: 'spec.template.metadata.labels' },
    ]);
  });
});

describe('DaemonSet', () => {
  it('rolling update: exactly one of maxSurge and maxUnavailable', () => {
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: structuredClone(template), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } } } as unknown as DaemonSet;
    applyDefaults(ds);
    expect(msgs(validateDaemonSet(ds))).toEqual(['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']);
  });
});

describe('StatefulSet', () => {
  function sts(spec: Record<string, unknown> = {}): StatefulSet {
    const s = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default', uid: 'u', resourceVersion: '1' }, spec: { serviceName: 'db', selector: { matchLabels: { app: 'web' } }, template: structuredClone(template), ...spec } } as unknown as StatefulSet;
    applyDefaults(s);
    return s;
  }
  it('accepts a defaulted statefulset; podManagementPolicy is an enumeration', () => {
    expect(validateStatefulSet(sts())).toEqual([]);
    expect(msgs(validateStatefulSet(sts({ podManagementPolicy: 'Random' })))).toEqual(["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"]);
  });
  it('updates may only change replicas, template, updateStrategy and friends', () => {
    const old = sts();
    const n = structuredClone(old);
    n.spec!.replicas = 5;
    expect(validateStatefulSetUpdate(n, old)).toEqual([]);
    n.spec!.serviceName = 'other';
    expect(msgs(validateStatefulSetUpdate(n, old))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});
