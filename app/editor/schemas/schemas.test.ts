// The committed schemas are what scripts/gen-schemas.ts makes of the engine's types today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchemas, renderSchemas, schemaFile } from '../../../scripts/gen-schemas';

describe('engine/api/openapi/kubernetes.json', () => {
  const { bundle } = generateSchemas();

  it('is up to date with engine/api/types (else run npx tsx scripts/gen-schemas.ts)', () => {
    expect(readFileSync(schemaFile, 'utf8') === renderSchemas(bundle)).toBe(true);
  });

  it('has the kinds of the palette, with descriptions, enums, required fields and int-or-string', () => {
    const kinds = bundle.kinds.map((k) => `${k.apiVersion} ${k.kind}`);
    for (const k of ['apps/v1 Deployment', 'v1 Service', 'v1 Pod', 'v1 ConfigMap', 'v1 Secret', 'batch/v1 Job', 'batch/v1 CronJob', 'v1 Namespace', 'networking.k8s.io/v1 Ingress', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet']) {
      expect(kinds).toContain(k);
    }
    const spec = bundle.definitions['io.k8s.api.apps.v1.DeploymentSpec'];
    expect(spec.required).toEqual(['template']);
    expect(spec.properties?.revisionHistoryLimit).toEqual({ type: 'integer', description: 'Old ReplicaSets kept for rollback; defaulted to 10.' });
    expect(bundle.definitions['io.k8s.api.apps.v1.DeploymentStrategy'].properties?.type).toEqual({ type: 'string', enum: ['Recreate', 'RollingUpdate'] });
    expect(bundle.definitions['io.k8s.api.apps.v1.RollingUpdateDeployment'].properties?.maxSurge).toMatchObject({ type: ['integer', 'string'], format: 'int-or-string' });
    expect(bundle.definitions['io.k8s.api.core.v1.ResourceRequirements'].properties?.limits).toEqual({ type: 'object', additionalProperties: { type: ['integer', 'string'], format: 'quantity' } });
    expect(bundle.definitions['io.k8s.api.core.v1.PodSpec'].properties?.containers).toEqual({ type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' } });
    expect(bundle.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties?.labels).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    // events.k8s.io's EventsV1Event is upstream's io.k8s.api.events.v1.Event
    expect(bundle.kinds.find((k) => k.apiVersion === 'events.k8s.io/v1')?.$ref).toBe('#/definitions/io.k8s.api.events.v1.Event');
  });
});
