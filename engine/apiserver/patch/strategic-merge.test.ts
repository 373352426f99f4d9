import { describe, expect, it } from 'vitest';
import { PatchError } from './errors';
import { goMarshal } from './go-json';
import type { Json, JsonObject } from './json';
import { patchSchemaFor } from './schema';
import { strategicMergePatch } from './strategic-merge';
import kubectlCasesJson from './testdata/kubectl-patch.json';

interface PatchFixture {
  name: string;
  type: string;
  doc: Json;
  patch: Json | string;
  result?: Json;
  error?: string;
}
const kubectlCases = kubectlCasesJson as unknown as PatchFixture[];

function schemaOf(doc: JsonObject) {
  const s = patchSchemaFor(doc.apiVersion as string, doc.kind as string);
  if (!s) throw new Error(`no schema for ${String(doc.kind)}`);
  return s;
}

function errorOf(f: () => unknown): PatchError {
  try {
    f();
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('no error');
}

// `kubectl patch --local --type strategic` runs strategicpatch.StrategicMergePatch with the Go type
// of the object, which is what kube-apiserver runs for a strategic merge PATCH.
describe('strategicMergePatch: kubectl v1.32.4 `patch --local --type strategic` fixtures', () => {
  for (const c of kubectlCases.filter((x) => x.type === 'strategic')) {
    it(c.name, () => {
      const doc = c.doc as JsonObject;
      const run = () => strategicMergePatch(doc, c.patch as JsonObject, schemaOf(doc));
      // (kubectl's error line loses a message's trailing newline.)
      if (c.error !== undefined) expect(errorOf(run).message.trimEnd()).toBe(c.error);
      // Exact bytes: list order included.
      else expect(goMarshal(run())).toBe(goMarshal(c.result as JsonObject));
    });
  }
});

describe('strategicMergePatch: as the apiserver answers', () => {
  const pod: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x' }] } };
  const schema = schemaOf(pod);
  it('a custom resource has no schema: 400 strategic merge patch format is not supported', () => {
    const e = errorOf(() => strategicMergePatch({}, {}, patchSchemaFor('example.com/v1', 'Widget')));
    expect([e.code, e.message]).toEqual([400, 'strategic merge patch format is not supported']);
  });
  it('malformed directives are 400s', () => {
    expect(errorOf(() => strategicMergePatch(pod, { spec: { containers: [{ name: 'a', $retainKeys: 'x' }] } }, schema)).code).toBe(400);
    expect(errorOf(() => strategicMergePatch(pod, { metadata: { '$deleteFromPrimitiveListX/finalizers': [] } }, schema)).code).toBe(400);
  });
  it('a list of lists is a 422', () => {
    const e = errorOf(() => strategicMergePatch({ ...pod, metadata: { name: 'p', finalizers: [] } }, { metadata: { finalizers: [['b']] } }, schema));
    expect([e.code, e.message]).toEqual([422, 'lists of lists are not supported']);
    const mixed = errorOf(() => strategicMergePatch({ ...pod, metadata: { name: 'p', finalizers: ['a'] } }, { metadata: { finalizers: [['b']] } }, schema));
    expect([mixed.code, mixed.message]).toEqual([500, 'list element types are not identical: [[a] [[b]]]']);
  });
  it('any other error is a plain 500', () => {
    const e = errorOf(() => strategicMergePatch(pod, { spec: { containers: [{ image: 'y' }] } }, schema));
    expect([e.code, e.message]).toEqual([500, 'map: map[image:y] does not contain declared merge key: name']);
  });
  it('leaves its inputs alone', () => {
    const before = JSON.stringify(pod);
    const patch: JsonObject = { spec: { containers: [{ name: 'a', $patch: 'delete' }, { name: 'b', image: 'y', x: null }] } };
    const patchBefore = JSON.stringify(patch);
    expect(strategicMergePatch(pod, patch, schema)).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'b', image: 'y', x: null }] } });
    expect(JSON.stringify(pod)).toBe(before);
    expect(JSON.stringify(patch)).toBe(patchBefore);
  });
});
