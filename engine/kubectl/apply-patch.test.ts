import { describe, expect, it } from 'vitest';
import { goMarshal } from '../apiserver/patch/go-json';
import type { JsonObject } from '../apiserver/patch/json';
import { applyMergePatch } from '../apiserver/patch/merge-patch';
import { strategicMergePatch } from '../apiserver/patch/strategic-merge';
import { patchSchemaFor } from '../apiserver/patch/schema';
import fixturesJson from '../apiserver/patch/testdata/kubectl-apply.json';
import { createThreeWayJsonMergePatch, createThreeWayMergePatch, creatingPatchErrorMessage, lastAppliedAnnotation, lastAppliedValue, modifiedConfiguration, originalConfiguration } from './apply-patch';

interface ApplyFixture {
  name: string;
  manifest: JsonObject;
  live: JsonObject | null;
  requests: { method: string; contentType: string; body: string }[];
  patched?: JsonObject;
}
const fixtures = fixturesJson as unknown as ApplyFixture[];

/** The manifest as kubectl holds it once read: namespace defaulted for namespaced kinds. */
function asRead(manifest: JsonObject): JsonObject {
  const m = structuredClone(manifest);
  const md = m.metadata as JsonObject;
  if (m.kind !== 'Node' && md.namespace === undefined) md.namespace = 'default';
  return m;
}

// Recorded from the real kubectl v1.32.4 running `kubectl apply` against a loopback stand-in for
// the apiserver (testdata/record-kubectl.mjs): the exact request bodies it sent.
describe('kubectl apply: fixtures from kubectl v1.32.4', () => {
  for (const c of fixtures) {
    it(c.name, () => {
      const manifest = asRead(c.manifest);
      const modifiedText = modifiedConfiguration(manifest, true);
      if (c.live === null) {
        // apply creates: the POST body is the manifest with its annotation, as encoded.
        expect(c.requests).toHaveLength(1);
        expect(c.requests[0].method).toBe('POST');
        expect(modifiedText).toBe(c.requests[0].body);
        return;
      }
      const live = c.live;
      const patch = createThreeWayMergePatch(originalConfiguration(live), JSON.parse(modifiedText) as JsonObject, live, patchSchemaFor(live.apiVersion as string, live.kind as string));
      if (c.requests.length === 0) {
        expect(patch.body).toBe('{}');
        return;
      }
      expect(c.requests[0].method).toBe('PATCH');
      expect(c.requests[0].contentType).toBe(patch.type === 'strategic' ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json');
      expect(patch.body).toBe(c.requests[0].body);
      // And the server's result: the patch applied to the live object, as `kubectl patch --local`.
      const schema = patchSchemaFor(live.apiVersion as string, live.kind as string);
      const patched = patch.type === 'strategic' ? strategicMergePatch(live, patch.patch, schema) : applyMergePatch(live, patch.patch);
      expect(goMarshal(patched)).toBe(goMarshal(c.patched ?? null));
    });
  }
});

describe('the last-applied-configuration annotation', () => {
  it('is the manifest without the annotation, sorted compact JSON, HTML-escaped, with a newline', () => {
    const m: JsonObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x', namespace: 'default', annotations: { [lastAppliedAnnotation]: 'old', b: '<&>' } }, data: { z: '1', a: '\u2028' } };
    expect(lastAppliedValue(m)).toBe('{"apiVersion":"v1","data":{"a":"\\u2028","z":"1"},"kind":"ConfigMap","metadata":{"annotations":{"b":"\\u003c\\u0026\\u003e"},"name":"x","namespace":"default"}}\n');
  });
  it('leaves `annotations: {}` behind, even where there were none', () => {
    expect(lastAppliedValue({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } })).toBe('{"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{},"name":"n"}}\n');
  });
  it('originalConfiguration reads it back, or null', () => {
    expect(originalConfiguration({ metadata: { annotations: { [lastAppliedAnnotation]: '{}\n' } } })).toBe('{}\n');
    expect(originalConfiguration({ metadata: { name: 'x' } })).toBeNull();
  });
  it('does not change the manifest', () => {
    const m: JsonObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } };
    modifiedConfiguration(m, true);
    expect(m).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
  });
});

describe('createThreeWayMergePatch errors', () => {
  const live: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
  it('a last-applied annotation that is not JSON', () => {
    expect(() => createThreeWayMergePatch('{nope', live, live, patchSchemaFor('v1', 'ConfigMap'))).toThrow('invalid JSON document');
    expect(() => createThreeWayMergePatch('[]', live, live, undefined)).toThrow('Invalid JSON Document');
  });
  it('the JSON merge patch of a custom resource may not change apiVersion, kind or name', () => {
    const w: JsonObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(() => createThreeWayJsonMergePatch(w, { ...w, metadata: { name: 'v' } }, w)).not.toThrow();
    expect(() => createThreeWayMergePatch(null, { ...w, metadata: { name: 'v' } }, w, undefined)).toThrow('precondition failed for: map[metadata:map[name:v]]');
    expect(() => createThreeWayMergePatch(null, { ...w, kind: 'Gadget' }, w, undefined)).toThrow('precondition failed for: map[kind:Gadget]');
  });
  it('kubectl wraps a failure with the three documents', () => {
    expect(creatingPatchErrorMessage(null, 'M\n', 'C\n', 'boom')).toBe('creating patch with:\noriginal:\n\nmodified:\nM\n\ncurrent:\nC\n\nfor:: boom');
  });
});
