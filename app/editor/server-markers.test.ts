import { describe, expect, it } from 'vitest';
import type { Status } from '../../engine/api/types';
import invalid from './testdata/invalid-deployment-status.json';
import { toDiagnostic } from './diagnostics';
import { fieldsInMessage, serverProblems, type ApiError } from './server-markers';
import { parseManifests } from './yaml-doc';

const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: "1"
---
# the deployment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
`;

function marks(errors: ApiError[], source = text) {
  const parsed = parseManifests(source);
  return serverProblems(parsed, errors).map((p) => {
    const d = toDiagnostic(parsed, p, 'server');
    return `${d.startLine}:${d.startColumn} ${d.message}`;
  });
}

describe('serverProblems', () => {
  it('puts each cause of a Status on the line of its field, in the document it is about', () => {
    // document 1 is the Deployment: the engine's kubectl counts YAML documents as they come.
    expect(marks([{ document: 1, status: invalid as Status }])).toEqual([
      // image is missing: its container is marked
      '24:9 spec.template.spec.containers[0].image: Required value',
      '14:3 spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('finds the fields a strict decoding error names', () => {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.selector.matchLabelz"',
      reason: 'BadRequest',
      code: 400,
    };
    expect(marks([{ document: 1, status }], text.replace('matchLabels', 'matchLabelz'))).toEqual([`16:5 ${status.message}`]);
  });

  it('marks a Status about no field on the object\'s name, a missing namespace on metadata.namespace', () => {
    const status: Status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'configmaps "settings" already exists', reason: 'AlreadyExists', code: 409 };
    expect(marks([{ document: 0, status }])).toEqual(['4:3 configmaps "settings" already exists']);
    const lost: Status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'namespaces "nowhere" not found', reason: 'NotFound', details: { name: 'nowhere', kind: 'namespaces' }, code: 404 };
    expect(marks([{ document: 0, status: lost }], text.replace('  name: settings\n', '  name: settings\n  namespace: nowhere\n'))).toEqual(['5:3 namespaces "nowhere" not found']);
  });

  it('counts empty documents as the engine\'s kubectl does', () => {
    const status: Status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'configmaps "b" already exists', reason: 'AlreadyExists', code: 409 };
    const two = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n# nothing here\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
    expect(marks([{ document: 2, status }], two)).toEqual(['11:3 configmaps "b" already exists']);
  });

  it('reads field paths out of decode errors', () => {
    expect(fieldsInMessage('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32')).toEqual(['spec.replicas']);
    expect(fieldsInMessage('strict decoding error: unknown field "spec.a", duplicate field "metadata.name"')).toEqual(['spec.a', 'metadata.name']);
  });
});
