import { describe, expect, it } from 'vitest';
import { manifestForEditing } from './strip';

// As `kubectl get deploy web -o yaml` prints a Deployment made by kubectl apply.
const live = `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "1"
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":1}}
  creationTimestamp: "2025-01-01T00:00:00Z"
  generation: 1
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "123"
  uid: 0a4d1b2c-0000-4000-8000-000000000001
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
status:
  observedGeneration: 1
  replicas: 1
`;

describe('manifestForEditing', () => {
  it('cuts the server-set fields and keeps the rest as printed', () => {
    expect(manifestForEditing(live)).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "1"
  labels:
    app: web
  name: web
  namespace: default
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
`);
  });

  it('drops annotations that held only last-applied-configuration', () => {
    const only = live.replace('    deployment.kubernetes.io/revision: "1"\n', '');
    expect(manifestForEditing(only)).not.toContain('annotations');
  });

  it('leaves text it cannot read alone', () => {
    expect(manifestForEditing('a: [b\n')).toBe('a: [b\n');
  });
});
