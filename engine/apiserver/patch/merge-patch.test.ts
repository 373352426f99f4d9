import { describe, expect, it } from 'vitest';
import { PatchError } from './errors';
import { goMarshal } from './go-json';
import type { Json } from './json';
import { applyMergePatch, createMergePatch } from './merge-patch';
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

const j = (s: string): Json => JSON.parse(s) as Json;

describe('applyMergePatch: kubectl v1.32.4 `patch --local --type merge` fixtures', () => {
  for (const c of kubectlCases.filter((x) => x.type === 'merge')) {
    it(c.name, () => {
      const patch = typeof c.patch === 'string' ? j(c.patch) : c.patch;
      if (c.error !== undefined) expect(() => applyMergePatch(c.doc, patch)).toThrow(c.error);
      else expect(applyMergePatch(c.doc, patch)).toEqual(c.result);
    });
  }
});

// evanphx/json-patch v4.12.0 merge_test.go: rfcTests (RFC 7386 appendix A) and the MergePatch tests.
describe('applyMergePatch: RFC 7386 appendix A, as evanphx merge_test.go runs it', () => {
  const rfc: [string, string, string][] = [
    ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
    ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
    ['{"a":"b"}', '{"a":null}', '{}'],
    ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
    ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
    ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
    ['{"a":{"b": "c"}}', '{"a": {"b": "d","c": null}}', '{"a":{"b":"d"}}'],
    ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
    ['["a","b"]', '["c","d"]', '["c","d"]'],
    ['{"a":"b"}', '["c"]', '["c"]'],
    ['{"e":null}', '{"a":1}', '{"a":1,"e":null}'],
    ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
    ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
  ];
  for (const [target, patch, expected] of rfc) {
    it(`${target} + ${patch}`, () => expect(applyMergePatch(j(target), j(patch))).toEqual(j(expected)));
  }
  // The RFC's last two rows replace the document; evanphx (and so the apiserver) refuses them.
  for (const patch of ['null', '"bar"']) {
    it(`{"a":"foo"} + ${patch} is "Invalid JSON Patch", a 400`, () => {
      let err: unknown;
      try {
        applyMergePatch(j('{"a":"foo"}'), j(patch));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PatchError);
      expect((err as PatchError).message).toBe('Invalid JSON Patch');
      expect((err as PatchError).code).toBe(400);
    });
  }
  it('TestMergePatchNilDoc', () => expect(applyMergePatch(j('{ "title": null }'), j('{ "title": {"foo": "bar"} }'))).toEqual(j('{ "title": {"foo": "bar"} }')));
  it('TestMergePatchNilArray: nulls in arrays are kept', () => {
    const cases: [string, string, string][] = [
      ['{"a": [ {"b":"c"} ] }', '{"a": [1]}', '{"a": [1]}'],
      ['{"a": [ {"b":"c"} ] }', '{"a": [null, 1]}', '{"a": [null, 1]}'],
      ['["a",null]', '[null]', '[null]'],
      ['["a"]', '[null]', '[null]'],
      ['["a", "b"]', '["a", null]', '["a", null]'],
      ['{"a":["b"]}', '{"a": ["b", null]}', '{"a":["b", null]}'],
      ['{"a":[]}', '{"a": ["b", null, null, "a"]}', '{"a":["b", null, null, "a"]}'],
    ];
    for (const [o, p, r] of cases) expect(applyMergePatch(j(o), j(p))).toEqual(j(r));
  });
  it('TestMergePatchRecursesIntoObjects', () => {
    expect(applyMergePatch(j('{ "person": { "title": "hello", "age": 18 } }'), j('{ "person": { "title": "goodbye" } }'))).toEqual(j('{ "person": { "title": "goodbye", "age": 18 } }'));
  });
  it('TestMergePatchReplacesNonObjectsWholesale', () => {
    expect(applyMergePatch(j('[1]'), j('[2]'))).toEqual([2]);
    expect(applyMergePatch(j('{ "a": 1 }'), j('[2]'))).toEqual([2]);
    expect(applyMergePatch(j('[1]'), j('{ "a": 1 }'))).toEqual({ a: 1 });
    expect(applyMergePatch(j('{ "a": 1, "b": 1 }'), j('{ "a": 2 }'))).toEqual({ a: 2, b: 1 });
  });
  it('TestMergePatchReturnsEmptyArrayOnEmptyArray', () => {
    expect(applyMergePatch(j('{ "array": ["one", "two"] }'), j('{ "array": [] }'))).toEqual({ array: [] });
  });
  it('nulls of a value landing on a scalar are pruned, even in arrays; on an object they are not', () => {
    expect(applyMergePatch({ a: 1 }, { a: [{ b: null, c: 1 }, null] })).toEqual({ a: [{ c: 1 }, null] });
    expect(applyMergePatch({ a: { x: 1 } }, { a: [{ b: null }] })).toEqual({ a: [{ b: null }] });
  });
  it('leaves its inputs alone', () => {
    const doc = { a: { b: 1 } };
    const patch = { a: { b: null, c: { d: null } } };
    applyMergePatch(doc, patch);
    expect(doc).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { b: null, c: { d: null } } });
  });
});

describe('createMergePatch: evanphx merge_test.go', () => {
  const cmp = (a: string, b: string) => createMergePatch(j(a), j(b));
  it('TestCreateMergePatchReplaceKey', () => expect(cmp('{ "title": "hello", "nested": {"one": 1, "two": 2} }', '{ "title": "goodbye", "nested": {"one": 2, "two": 2}  }')).toEqual(j('{ "title": "goodbye", "nested": {"one": 2}  }')));
  it('TestCreateMergePatchGetArray', () => expect(cmp('{ "title": "hello", "array": ["one", "two"], "notmatch": [1, 2, 3] }', '{ "title": "hello", "array": ["one", "two", "three"], "notmatch": [1, 2, 3]  }')).toEqual(j('{ "array": ["one", "two", "three"] }')));
  it('TestCreateMergePatchGetObjArray', () => expect(cmp('{ "title": "hello", "array": [{"banana": true}, {"evil": false}], "notmatch": [{"one":1}, {"two":2}, {"three":3}] }', '{ "title": "hello", "array": [{"banana": false}, {"evil": true}], "notmatch": [{"one":1}, {"two":2}, {"three":3}] }')).toEqual(j('{  "array": [{"banana": false}, {"evil": true}] }')));
  it('TestCreateMergePatchDeleteKey', () => expect(goMarshal(cmp('{ "title": "hello", "nested": {"one": 1, "two": 2} }', '{ "title": "hello", "nested": {"one": 1}  }'))).toBe('{"nested":{"two":null}}'));
  it('TestCreateMergePatchEmptyArray', () => expect(goMarshal(cmp('{ "array": null }', '{ "array": [] }'))).toBe('{"array":[]}'));
  it('TestCreateMergePatchNil', () => {
    const doc = '{ "title": "hello", "nested": {"one": 1, "two": [{"one":null}, {"two":null}, {"three":null}]} }';
    expect(cmp(doc, doc)).toEqual({});
  });
  it('TestCreateMergePatchObjArray', () => {
    const doc = '{ "array": [ {"a": {"b": 2}}, {"a": {"b": 3}} ]}';
    expect(goMarshal(cmp(doc, doc))).toBe('{}');
  });
  it('TestCreateMergePatchSameOuterArray', () => expect(cmp('[{"foo": "bar"}]', '[{"foo": "bar"}]')).toEqual([{}]));
  it('TestCreateMergePatchModifiedOuterArray', () => expect(cmp('[{"name": "John"}, {"name": "Will"}]', '[{"name": "Jane"}, {"name": "Will"}]')).toEqual([{ name: 'Jane' }, {}]));
  it('TestCreateMergePatchMismatchedOuterArray', () => expect(() => cmp('[{"name": "John"}, {"name": "Will"}]', '[{"name": "Jane"}]')).toThrow('Invalid JSON Document'));
  it('TestCreateMergePatchMismatchedOuterTypes', () => expect(() => cmp('[{"name": "John"}]', '{"name": "Jane"}')).toThrow('Mismatched JSON Documents'));
  it('TestCreateMergePatchNoDifferences', () => expect(cmp('{ "title": "hello", "nested": {"one": 1, "two": 2} }', '{ "title": "hello", "nested": {"one": 1, "two": 2} }')).toEqual({}));
  it('TestCreateMergePatchComplexRemoveAll', () => {
    const doc = '{"hello": "world","t": true ,"f": false, "n": null,"i": 123,"pi": 3.1416,"a": [1, 2, 3, 4], "nested": {"hello": "world","t": true ,"f": false, "n": null,"i": 123,"pi": 3.1416,"a": [1, 2, 3, 4]} }';
    expect(goMarshal(cmp(doc, '{}'))).toBe('{"a":null,"f":null,"hello":null,"i":null,"n":null,"nested":null,"pi":null,"t":null}');
  });
  it('TestCreateMergePatchObjectWithInnerArray', () => {
    const doc = '{"OuterArray": [{"InnerArray": [{"StringAttr": "abc123"}], "StringAttr": "def456"}]}';
    expect(goMarshal(cmp(doc, doc))).toBe('{}');
  });
  it('TestCreateMergePatchReplaceKeyNotEscape', () => expect(goMarshal(cmp('{ "title": "hello", "nested": {"title/escaped": 1, "two": 2} }', '{ "title": "goodbye", "nested": {"title/escaped": 2, "two": 2}  }'))).toBe('{"nested":{"title/escaped":2},"title":"goodbye"}'));
});
