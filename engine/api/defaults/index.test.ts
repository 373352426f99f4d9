// applyDefaults: dispatch by apiVersion and kind, lists, and whole objects as kubectl v1.32.4 sends
// them (testdata/*.input.json) against what a 1.32 apiserver's defaulting makes of them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { applyDefaults, hasDefaults } from './index';

const testdata = join(import.meta.dirname, 'testdata');
const read = (name: string): KubeObject => JSON.parse(readFileSync(join(testdata, name), 'utf8')) as KubeObject;

describe('fixtures', () => {
  const names = readdirSync(testdata).filter((f) => f.endsWith('.input.json')).map((f) => f.replace('.input.json', ''));
  it('exist', () => expect(names.length).toBeGreaterThan(5));
  it.each(names)('%s', (name) => {
    const obj = read(`${name}.input.json`);
    applyDefaults(obj);
    expect(obj).toEqual(read(`${name}.expected.json`));
  });
});

describe('applyDefaults', () => {
  it('leaves kinds without defaults and unknown kinds untouched', () => {
    for (const obj of [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's' } },
      { apiVersion: 'example.com/v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} },
      { apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'd' } },
      { kind: 'Pod', metadata: {} },
    ] as KubeObject[]) {
      const before = JSON.stringify(obj);
      applyDefaults(obj);
      expect(JSON.stringify(obj)).toBe(before);
    }
  });

  it('defaults a list item by item', () => {
    const list = { apiVersion: 'v1', kind: 'SecretList', metadata: {}, items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' }, type: 'kubernetes.io/tls' }] } as unknown as KubeObject;
    applyDefaults(list);
    expect((list as unknown as { items: { type: string }[] }).items.map((s) => s.type)).toEqual(['Opaque', 'kubernetes.io/tls']);
  });

  it('an object without metadata gets one (ObjectMeta is a Go struct)', () => {
    const obj = { apiVersion: 'v1', kind: 'Secret' } as KubeObject;
    applyDefaults(obj);
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: {}, type: 'Opaque' });
  });

  it('hasDefaults', () => {
    expect(hasDefaults('apps/v1', 'Deployment')).toBe(true);
    expect(hasDefaults('apps/v1', 'DeploymentList')).toBe(true);
    expect(hasDefaults('v1', 'ConfigMap')).toBe(true);
    expect(hasDefaults('v1', 'ServiceAccount')).toBe(false);
    expect(hasDefaults('coordination.k8s.io/v1', 'Lease')).toBe(false);
  });
});
