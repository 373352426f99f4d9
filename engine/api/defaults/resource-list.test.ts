// SetDefaults_ResourceList: pkg/apis/core/v1/defaults_test.go TestSetDefaultRequestsPod /
// TestDefaultRequestIsNotSetForReplicationController round the same way; the canonical forms
// follow apimachinery's quantity_test.go.
import { describe, expect, it } from 'vitest';
import { setDefaultsResourceList } from './resource-list';

describe('setDefaultsResourceList', () => {
  it.each([
    ['0.0001', '1m'],
    ['1n', '1m'],
    ['1.0001', '1001m'],
    ['100m', '100m'],
    ['1000m', '1'],
    ['0.5', '500m'],
    ['2.5', '2500m'],
    ['1.5Gi', '1536Mi'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['123Mi', '123Mi'],
    ['1Ki', '1Ki'],
    ['0', '0'],
  ])('%s → %s', (input, want) => {
    const list: Record<string, string> = { cpu: input };
    setDefaultsResourceList(list);
    expect(list.cpu).toBe(want);
  });

  it('reads a JSON number as a quantity', () => {
    const list = { cpu: 2 } as unknown as Record<string, string>;
    setDefaultsResourceList(list);
    expect(list).toEqual({ cpu: '2' });
  });

  it('leaves what does not parse to validation', () => {
    const list = { cpu: 'lots', memory: '1.5Gi' };
    setDefaultsResourceList(list);
    expect(list).toEqual({ cpu: 'lots', memory: '1536Mi' });
  });

  it('tolerates nil', () => {
    expect(() => setDefaultsResourceList(undefined)).not.toThrow();
    expect(() => setDefaultsResourceList(null)).not.toThrow();
  });
});
