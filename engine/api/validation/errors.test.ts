// apierrors.NewInvalid's Status, compared field for field (JSON key order included).
import { describe, expect, it } from 'vitest';
import { invalidStatus } from './errors';
import { invalid, newPath, required } from './field';
import { goStringMap } from './gofmt';

describe('invalidStatus', () => {
  it('builds the 422 Status of a Deployment as the apiserver does', () => {
    const errs = [
      invalid(newPath('spec', 'replicas'), -1, 'must be greater than or equal to 0'),
      invalid(newPath('spec', 'template', 'metadata', 'labels'), goStringMap({ app: 'x' }), '`selector` does not match template `labels`'),
    ];
    const s = invalidStatus({ group: 'apps', kind: 'Deployment' }, 'web', errs);
    expect(JSON.stringify(s)).toBe(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`]',
        reason: 'Invalid',
        details: {
          name: 'web',
          group: 'apps',
          kind: 'Deployment',
          causes: [
            { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
            { reason: 'FieldValueInvalid', message: 'Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`', field: 'spec.template.metadata.labels' },
          ],
        },
        code: 422,
      }),
    );
  });
  it('core kinds have no group; one error prints without brackets', () => {
    const s = invalidStatus({ group: '', kind: 'Pod' }, 'p', [required(newPath('spec', 'containers'), '')]);
    expect(s).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Pod "p" is invalid: spec.containers: Required value',
      reason: 'Invalid',
      details: { name: 'p', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' }] },
      code: 422,
    });
  });
  it('keeps duplicate causes but prints the message once', () => {
    const e = required(newPath('metadata', 'name'), 'name or generateName is required');
    const s = invalidStatus({ group: '', kind: 'ConfigMap' }, '', [e, e]);
    expect(s.message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    expect(s.details?.causes?.length).toBe(2);
    expect(s.details?.name).toBeUndefined();
  });
});
