// Upstream's own tables for strategicpatch (k8s.io/apimachinery v0.32.4 patch_test.go:
// TestStrategicMergePatch, TestCustomStrategicMergePatch, TestReplaceWithRawExtension,
// TestUnknownField), run against the struct schema of its MergeItem test type.
import { describe, expect, it } from 'vitest';
import { goMarshal } from './go-json';
import type { Json, JsonObject } from './json';
import type { LookupPatchMeta } from './schema';
import { ConflictError, createThreeWayMergePatch, createTwoWayMergePatch } from './strategic-diff';
import { strategicMergePatch } from './strategic-merge';
import { mergeItemSchema, sortMergeListsByName } from './testdata/merge-item-schema';
import upstreamJson from './testdata/upstream-strategicpatch.json';

interface Case {
  description: string;
  original?: Json;
  modified?: Json;
  current?: Json;
  twoWay?: Json;
  threeWay?: Json;
  result?: Json;
  twoWayResult?: Json;
  expectedError?: string;
}

const upstream = upstreamJson as unknown as Record<'createCases' | 'rawCases' | 'customCases' | 'customRawCases' | 'replaceRawExtensionCases', Case[]>;

const obj = (v: Json | undefined): JsonObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const bytes = (v: Json | undefined) => (v === undefined || v === null ? 'null' : goMarshal(v));

function applyExpectingError(original: JsonObject, patch: JsonObject, schema: LookupPatchMeta, expectedError: string | undefined): JsonObject | undefined {
  if (!expectedError) return strategicMergePatch(original, patch, schema);
  expect(() => strategicMergePatch(original, patch, schema)).toThrow(expectedError);
  return undefined;
}

/** testTwoWayPatch / testTwoWayPatchForRawTestCase. */
function twoWay(c: Case, sorted: boolean) {
  const prep = (v: Json | undefined) => (sorted && v ? sortMergeListsByName(obj(v), mergeItemSchema) : v);
  const original = obj(prep(c.original));
  const modified = obj(prep(c.modified));
  const patch = createTwoWayMergePatch(original, modified, mergeItemSchema);
  expect(goMarshal(patch)).toBe(bytes(prep(c.twoWay)));
  const result = applyExpectingError(original, patch, mergeItemSchema, c.expectedError);
  if (result) expect(goMarshal(result)).toBe(bytes(prep(c.twoWayResult ?? c.modified)));
}

/** testThreeWayPatch / testThreeWayPatchForRawTestCase. */
function threeWay(c: Case, sorted: boolean) {
  const prep = (v: Json | undefined) => (sorted && v ? sortMergeListsByName(obj(v), mergeItemSchema) : v);
  const original = obj(prep(c.original));
  const modified = obj(prep(c.modified));
  const current = obj(prep(c.current));
  let patch: JsonObject;
  try {
    patch = createThreeWayMergePatch(original, modified, current, mergeItemSchema, false);
    expect(c.description).not.toContain('conflict');
    expect(c.result).toBeDefined();
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    expect(c.description).toContain('conflict');
    if (c.result === undefined) return;
    patch = createThreeWayMergePatch(original, modified, current, mergeItemSchema, true);
  }
  expect(goMarshal(patch)).toBe(bytes(prep(c.threeWay)));
  const result = applyExpectingError(current, patch, mergeItemSchema, c.expectedError);
  if (result) expect(goMarshal(result)).toBe(bytes(prep(c.result)));
}

describe('strategicpatch TestStrategicMergePatch: createStrategicMergePatchTestCaseData', () => {
  for (const c of upstream.createCases) {
    it(`${c.description}/TwoWay`, () => twoWay(c, true));
    it(`${c.description}/ThreeWay`, () => threeWay(c, true));
  }
});

describe('strategicpatch TestStrategicMergePatch: strategicMergePatchRawTestCases', () => {
  for (const c of upstream.rawCases) {
    it(`${c.description}/TwoWay`, () => twoWay(c, false));
    it(`${c.description}/ThreeWay`, () => threeWay(c, false));
  }
});

describe('strategicpatch TestReplaceWithRawExtension', () => {
  for (const c of upstream.replaceRawExtensionCases) {
    it(`${c.description}/TwoWay`, () => twoWay(c, false));
    it(`${c.description}/ThreeWay`, () => threeWay(c, false));
  }
});

describe('strategicpatch TestCustomStrategicMergePatch: applying hand-written patches', () => {
  for (const c of upstream.customCases) {
    it(c.description, () => {
      const original = sortMergeListsByName(obj(c.original), mergeItemSchema);
      const result = strategicMergePatch(original, sortMergeListsByName(obj(c.twoWay), mergeItemSchema), mergeItemSchema);
      expect(goMarshal(result)).toBe(goMarshal(sortMergeListsByName(obj(c.twoWayResult ?? c.modified), mergeItemSchema)));
    });
  }
  for (const c of upstream.customRawCases) {
    it(c.description, () => {
      const result = applyExpectingError(obj(c.original), obj(c.twoWay), mergeItemSchema, c.expectedError);
      if (result) expect(goMarshal(result)).toBe(bytes(c.twoWayResult ?? c.modified));
    });
  }
});

describe('strategicpatch TestUnknownField', () => {
  const cases: Record<string, { o: string; c: string; m: string; two?: string; twoResult?: string; three?: string; threeResult?: string; err?: string }> = {
    'no diff': {
      o: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      c: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      m: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      two: '{}',
      twoResult: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      three: '{}',
      threeResult: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
    },
    'no diff even if modified null': {
      o: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      c: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      m: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":{"key":null},"name":"foo","scalar":true}',
      two: '{"complex_nullable":{"key":null}}',
      twoResult: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":{},"name":"foo","scalar":true}',
      three: '{"complex_nullable":{"key":null}}',
      threeResult: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":{},"name":"foo","scalar":true}',
    },
    'discard nulls in nested and adds not nulls': {
      o: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      c: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      m: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":{"key":{"keynotnull":"value","keynull":null}},"name":"foo","scalar":true}',
      two: '{"complex_nullable":{"key":{"keynotnull":"value","keynull":null}}}',
      twoResult: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":{"key":{"keynotnull":"value"}},"name":"foo","scalar":true}',
      three: '{"complex_nullable":{"key":{"keynotnull":"value","keynull":null}}}',
      threeResult: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":{"key":{"keynotnull":"value"}},"name":"foo","scalar":true}',
    },
    'discard if modified all nulls': { o: '{}', c: '{}', m: '{"complex":{"nested":null}}', two: '{"complex":{"nested":null}}', twoResult: '{"complex":{}}', three: '{"complex":{"nested":null}}', threeResult: '{"complex":{}}' },
    'add only not nulls': { o: '{}', c: '{}', m: '{"complex":{"nested":null,"nested2":"foo"}}', two: '{"complex":{"nested":null,"nested2":"foo"}}', twoResult: '{"complex":{"nested2":"foo"}}', three: '{"complex":{"nested":null,"nested2":"foo"}}', threeResult: '{"complex":{"nested2":"foo"}}' },
    'null values in original are preserved': { o: '{"thing":null}', c: '{"thing":null}', m: '{"nested":{"value":5},"thing":null}', two: '{"nested":{"value":5}}', twoResult: '{"nested":{"value":5},"thing":null}', three: '{"nested":{"value":5}}', threeResult: '{"nested":{"value":5},"thing":null}' },
    'nested null values in original are preserved': {
      o: '{"complex":{"key":null},"thing":null}',
      c: '{"complex":{"key":null},"thing":null}',
      m: '{"complex":{"key":null},"nested":{"value":5},"thing":null}',
      two: '{"nested":{"value":5}}',
      twoResult: '{"complex":{"key":null},"nested":{"value":5},"thing":null}',
      three: '{"nested":{"value":5}}',
      threeResult: '{"complex":{"key":null},"nested":{"value":5},"thing":null}',
    },
    'add empty slices': {
      o: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      c: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      m: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":[],"name":"foo","scalar":true}',
      two: '{"complex_nullable":[]}',
      twoResult: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":[],"name":"foo","scalar":true}',
      three: '{"complex_nullable":[]}',
      threeResult: '{"array":[1,2,3],"complex":{"nested":true},"complex_nullable":[],"name":"foo","scalar":true}',
    },
    'filter nulls from nested slices': {
      o: '{}',
      c: '{}',
      m: '{"complex_nullable":[{"inner_one":{"key_one":"foo","key_two":null}}]}',
      two: '{"complex_nullable":[{"inner_one":{"key_one":"foo","key_two":null}}]}',
      twoResult: '{"complex_nullable":[{"inner_one":{"key_one":"foo"}}]}',
      three: '{"complex_nullable":[{"inner_one":{"key_one":"foo","key_two":null}}]}',
      threeResult: '{"complex_nullable":[{"inner_one":{"key_one":"foo"}}]}',
    },
    'filter if slice is all empty': {
      o: '{}',
      c: '{}',
      m: '{"complex_nullable":[{"inner_one":{"key_one":null,"key_two":null}}]}',
      two: '{"complex_nullable":[{"inner_one":{"key_one":null,"key_two":null}}]}',
      twoResult: '{"complex_nullable":[{"inner_one":{}}]}',
      three: '{"complex_nullable":[{"inner_one":{"key_one":null,"key_two":null}}]}',
      threeResult: '{"complex_nullable":[{"inner_one":{}}]}',
    },
    'not filter nulls from non-associative slice': { o: '{}', c: '{}', m: '{"complex_nullable":["key1",null,"key2"]}', two: '{"complex_nullable":["key1",null,"key2"]}', twoResult: '{"complex_nullable":["key1",null,"key2"]}', three: '{"complex_nullable":["key1",null,"key2"]}', threeResult: '{"complex_nullable":["key1",null,"key2"]}' },
    'added only': {
      o: '{"name":"foo"}',
      c: '{"name":"foo"}',
      m: '{"name":"foo","scalar":true,"complex":{"nested":true},"array":[1,2,3]}',
      two: '{"array":[1,2,3],"complex":{"nested":true},"scalar":true}',
      twoResult: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      three: '{"array":[1,2,3],"complex":{"nested":true},"scalar":true}',
      threeResult: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
    },
    'removed only': {
      o: '{"name":"foo","scalar":true,"complex":{"nested":true}}',
      c: '{"name":"foo","scalar":true,"complex":{"nested":true},"array":[1,2,3]}',
      m: '{"name":"foo"}',
      two: '{"complex":null,"scalar":null}',
      twoResult: '{"name":"foo"}',
      three: '{"complex":null,"scalar":null}',
      threeResult: '{"array":[1,2,3],"name":"foo"}',
    },
    diff: {
      o: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      c: '{"array":[1,2,3],"complex":{"nested":true},"name":"foo","scalar":true}',
      m: '{"array":[1,2,3],"complex":{"nested":false},"name":"foo","scalar":true}',
      err: 'unable to find api field',
    },
  };
  const p = (s: string) => JSON.parse(s) as JsonObject;
  for (const [name, tc] of Object.entries(cases)) {
    it(`${name}/TwoWay`, () => {
      if (tc.err) {
        expect(() => createTwoWayMergePatch(p(tc.o), p(tc.m), mergeItemSchema)).toThrow(tc.err);
        return;
      }
      const patch = createTwoWayMergePatch(p(tc.o), p(tc.m), mergeItemSchema);
      expect(goMarshal(patch)).toBe(tc.two);
      expect(goMarshal(strategicMergePatch(p(tc.o), patch, mergeItemSchema))).toBe(tc.twoResult);
    });
    it(`${name}/ThreeWay`, () => {
      if (tc.err) {
        expect(() => createThreeWayMergePatch(p(tc.o), p(tc.m), p(tc.c), mergeItemSchema, false)).toThrow(tc.err);
        return;
      }
      const patch = createThreeWayMergePatch(p(tc.o), p(tc.m), p(tc.c), mergeItemSchema, false);
      expect(goMarshal(patch)).toBe(tc.three);
      expect(goMarshal(strategicMergePatch(p(tc.c), patch, mergeItemSchema))).toBe(tc.threeResult);
    });
  }
});
