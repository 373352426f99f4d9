import { describe, expect, it } from 'vitest';
import { formatFieldPath, parseFieldPath } from './field-path';

describe('parseFieldPath', () => {
  it.each([
    ['spec.template.spec.containers[0].image', ['spec', 'template', 'spec', 'containers', 0, 'image']],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['spec.ports[1].targetPort', ['spec', 'ports', 1, 'targetPort']],
    ['.spec.replicas', ['spec', 'replicas']],
    ['data[game.properties]', ['data', 'game.properties']],
    ['metadata.name', ['metadata', 'name']],
    ['spec.containers[0].env[2].valueFrom', ['spec', 'containers', 0, 'env', 2, 'valueFrom']],
    ['items[0][1]', ['items', 0, 1]],
    ['', []],
  ])('%s', (path, want) => {
    expect(parseFieldPath(path)).toEqual(want);
  });

  it('formats indices as field.Path does', () => {
    expect(formatFieldPath(['spec', 'containers', 0, 'image'])).toBe('spec.containers[0].image');
  });
});
