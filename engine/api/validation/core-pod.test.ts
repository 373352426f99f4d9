// Pod validation, after upstream's validation_test.go (TestValidatePodSpec, TestValidateContainers,
// TestValidatePodUpdate ...), on defaulted core/v1 pods; full error strings compared.
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { Pod } from '../types';
import { fieldErrorString } from './field';
import { validatePodCreate, validatePodUpdate, validatePodStatusUpdate } from './core-pod';
import { validateCreate, validateUpdate } from './index';

function pod(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): Pod {
  const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...meta }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } } as unknown as Pod;
  applyDefaults(p);
  return p;
}
const msgs = (p: Pod) => validatePodCreate(p).map(fieldErrorString);

describe('ValidatePodCreate', () => {
  it('accepts a defaulted minimal pod', () => {
    expect(msgs(pod({}))).toEqual([]);
  });
  it('requires containers', () => {
    expect(msgs(pod({ containers: [] }))).toEqual(['spec.containers: Required value']);
  });
  it('container names: required, DNS labels, unique across init and regular containers', () => {
    expect(msgs(pod({ containers: [{ name: 'Web', image: 'x' }] }))).toEqual([
      "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(msgs(pod({ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] }))).toEqual(['spec.containers[1].name: Duplicate value: "a"']);
    expect(msgs(pod({ initContainers: [{ name: 'c', image: 'x' }] }))).toEqual(['spec.initContainers[0].name: Duplicate value: "c"']);
  });
  it('image required, without surrounding whitespace on pods', () => {
    expect(msgs(pod({ containers: [{ name: 'c' }] }))).toEqual(['spec.containers[0].image: Required value']);
    expect(msgs(pod({ containers: [{ name: 'c', image: ' nginx ' }] }))).toEqual(['spec.containers[0].image: Invalid value: " nginx ": must not have leading or trailing whitespace']);
  });
  it('restartPolicy and dnsPolicy are enumerations', () => {
    expect(msgs(pod({ restartPolicy: 'Sometimes' }))).toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
    expect(msgs(pod({ dnsPolicy: 'Bogus' }))).toEqual(['spec.dnsPolicy: Unsupported value: "Bogus": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']);
    expect(msgs(pod({ dnsPolicy: 'None' }))).toEqual(['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
  });
  it('ports: valid numbers, names and protocols; host ports unique', () => {
    expect(msgs(pod({ containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 70000, name: 'Http', protocol: 'ICMP' }] }] }))).toEqual([
      'spec.containers[0].ports[0].name: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    expect(msgs(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'b', image: 'x', ports: [{ containerPort: 81, hostPort: 8080 }] }] }))).toEqual([
      'spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"',
    ]);
  });
  it('env names (relaxed in 1.32) and valueFrom', () => {
    expect(msgs(pod({ containers: [{ name: 'c', image: 'x', env: [{ name: 'A=B' }, { name: 'X', value: 'v', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] }))).toEqual([
      "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      'spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    ]);
    expect(msgs(pod({ containers: [{ name: 'c', image: 'x', env: [{ name: 'X', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.bogus' } } }] }] }))).toEqual([
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.bogus": error converting fieldPath: field label not supported: spec.bogus',
    ]);
  });
  it('resources: requests within limits, quantities non-negative, names standard', () => {
    expect(msgs(pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
    expect(msgs(pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { memory: '-1Gi', blah: '1' } } }] }))).toEqual([
      'spec.containers[0].resources.requests[blah]: Invalid value: "blah": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[blah]: Invalid value: "blah": must be a standard resource for containers',
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
    ]);
  });
  it('volumes and mounts must match', () => {
    expect(msgs(pod({ containers: [{ name: 'c', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/d' }] }] }))).toEqual(['spec.containers[0].volumeMounts[0].name: Not found: "data"']);
    // Defaulting gives a source-less volume an emptyDir, so only the duplicate name remains.
    expect(msgs(pod({ volumes: [{ name: 'v' }, { name: 'v', emptyDir: {} }] }))).toEqual(['spec.volumes[1].name: Duplicate value: "v"']);
    expect(msgs(pod({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] }))).toEqual(['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']);
  });
  it('probes need a handler; liveness successThreshold must be 1', () => {
    expect(msgs(pod({ containers: [{ name: 'c', image: 'x', livenessProbe: { successThreshold: 2, failureThreshold: 3, periodSeconds: 10, timeoutSeconds: 1 } }] }))).toEqual([
      'spec.containers[0].livenessProbe: Required value: must specify a handler type',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ]);
  });
  it('activeDeadlineSeconds, hostname, tolerations', () => {
    expect(msgs(pod({ activeDeadlineSeconds: 0 }))).toEqual(['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']);
    expect(msgs(pod({ hostname: 'a.b' }))).toEqual(['spec.hostname: Invalid value: "a.b": must not contain dots']);
    expect(msgs(pod({ tolerations: [{ operator: 'Equal', value: 'v' }] }))).toEqual([
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ]);
    expect(msgs(pod({ tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 5 }] }))).toEqual(["spec.tolerations[0].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set"]);
  });
  it('topology spread constraints', () => {
    expect(msgs(pod({ topologySpreadConstraints: [{ maxSkew: 0, topologyKey: '', whenUnsatisfiable: 'Maybe' }] }))).toEqual([
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
      'spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty',
      'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
    ]);
  });
});

describe('ValidatePodUpdate', () => {
  const old = pod({}, { uid: 'u', resourceVersion: '1' });
  it('allows image changes', () => {
    const n = structuredClone(old);
    n.spec!.containers[0]!.image = 'nginx:2';
    expect(validatePodUpdate(n, old)).toEqual([]);
  });
  it('forbids other spec changes with the list of mutable fields', () => {
    const n = structuredClone(old);
    n.spec!.restartPolicy = 'Never';
    const errs = validatePodUpdate(n, old).map(fieldErrorString);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.startsWith(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n',
    )).toBe(true);
    expect(errs[0]).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",');
  });
  it('forbids adding containers and raising activeDeadlineSeconds', () => {
    const n = structuredClone(old);
    n.spec!.containers.push({ name: 'd', image: 'x', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' });
    expect(validatePodUpdate(n, old).map(fieldErrorString)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
    const o2 = structuredClone(old);
    o2.spec!.activeDeadlineSeconds = 10;
    const n2 = structuredClone(o2);
    n2.spec!.activeDeadlineSeconds = 20;
    expect(validatePodUpdate(n2, o2).map(fieldErrorString)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value']);
  });
  it('tolerations may only be added', () => {
    const o = pod({ tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }] }, { uid: 'u' });
    const n = structuredClone(o);
    n.spec!.tolerations = [{ key: 'b', operator: 'Exists', effect: 'NoSchedule' }];
    expect(validatePodUpdate(n, o).map(fieldErrorString)[0]).toBe('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });
  it('status updates may not move terminated containers back', () => {
    const o = pod({ restartPolicy: 'Never' }, { uid: 'u' });
    o.status = { containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: { terminated: { exitCode: 0 } } }] };
    const n = structuredClone(o);
    n.status!.containerStatuses![0]!.state = { running: {} };
    expect(validatePodStatusUpdate(n, o).map(fieldErrorString)).toEqual(['status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state']);
  });
});

describe('index: rest.BeforeCreate / BeforeUpdate wrapping', () => {
  it('runs the generic metadata checks only when the kind has no errors', () => {
    const p = pod({});
    expect(validateCreate(p)).toEqual([]);
  });
  it('prepends the common metadata errors on update (messages repeat as upstream)', () => {
    const old = pod({}, { uid: 'u', resourceVersion: '1' });
    const n = structuredClone(old);
    n.metadata.name = 'q';
    expect(validateUpdate(n, old).map(fieldErrorString)).toEqual(['metadata.name: Invalid value: "q": field is immutable', 'metadata.name: Invalid value: "q": field is immutable']);
  });
});
