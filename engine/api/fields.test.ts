import { describe, expect, it } from 'vitest';
import {
  andFieldSelectors,
  escapeFieldValue,
  everythingFields,
  fieldSelectorFromSet,
  FieldSelectorError,
  fieldsToString,
  nothingFields,
  oneTermEqualSelector,
  oneTermNotEqualSelector,
  parseAndTransformFieldSelector,
  parseFieldSelector,
  splitTerm,
  splitTerms,
  unescapeFieldValue,
  type FieldTransformFunc,
  type Fields,
} from './fields';

// Tables from apimachinery's pkg/fields/selector_test.go and fields_test.go (v0.32), transcribed.

describe('splitTerms (TestSplitTerms)', () => {
  it.each([
    ['a', ['a']],
    ['a=avalue', ['a=avalue']],
    ['a=avalue,b=bvalue', ['a=avalue', 'b=bvalue']],
    ['a=avalue,b==bvalue,c!=cvalue', ['a=avalue', 'b==bvalue', 'c!=cvalue']],
    ['', []],
    ['a=a,', ['a=a', '']],
    [',a=a', ['', 'a=a']],
    ['k=\\,,k2=v2', ['k=\\,', 'k2=v2']],
    ['k=\\\\,k2=v2', ['k=\\\\', 'k2=v2']],
    ['k=\\\\\\,,k2=v2', ['k=\\\\\\,', 'k2=v2']],
    ['k=\\a\\b\\', ['k=\\a\\b\\']],
    ['k=\\', ['k=\\']],
    ['함=수,목=록', ['함=수', '목=록']],
  ])('%j', (s, terms) => {
    expect(splitTerms(s)).toEqual(terms);
  });
});

describe('splitTerm (TestSplitTerm)', () => {
  it.each([
    ['a=value', { lhs: 'a', op: '=', rhs: 'value' }],
    ['b==value', { lhs: 'b', op: '==', rhs: 'value' }],
    ['c!=value', { lhs: 'c', op: '!=', rhs: 'value' }],
    ['', undefined],
    ['a', undefined],
    ['k=\\,', { lhs: 'k', op: '=', rhs: '\\,' }],
    ['k=\\=', { lhs: 'k', op: '=', rhs: '\\=' }],
    ['k=\\\\\\a\\b\\=\\,\\', { lhs: 'k', op: '=', rhs: '\\\\\\a\\b\\=\\,\\' }],
    ['함=수', { lhs: '함', op: '=', rhs: '수' }],
  ])('%j', (term, want) => {
    expect(splitTerm(term)).toEqual(want);
  });
});

describe('escaping (TestEscapeValue)', () => {
  it.each([
    ['', ''],
    ['a', 'a'],
    ['=', '\\='],
    [',', '\\,'],
    ['\\', '\\\\'],
    ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
  ])('%j ⇄ %j', (raw, escaped) => {
    expect(escapeFieldValue(raw)).toBe(escaped);
    expect(unescapeFieldValue(escaped)).toBe(raw);
  });

  it.each([
    ['\\', 'invalid field selector: invalid escape sequence: \\'],
    ['\\\\\\', 'invalid field selector: invalid escape sequence: \\'],
    ['\\a', 'invalid field selector: invalid escape sequence: \\a'],
    ['\\😀', 'invalid field selector: invalid escape sequence: \\😀'],
    ['a=b', 'invalid field selector: unescaped character in value: 61'],
    ['a,b', 'invalid field selector: unescaped character in value: 44'],
  ])('rejects %j', (s, msg) => {
    expect(() => unescapeFieldValue(s)).toThrow(new FieldSelectorError(msg));
  });
});

describe('parseFieldSelector', () => {
  // TestSelectorParse
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b'])('parses %j and restrings it', (s) => {
    expect(parseFieldSelector(s).toString()).toBe(s);
  });
  it.each([
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x in (a,b,c)', "invalid selector: 'x in (a,b,c)'; can't understand 'b'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
  ])('rejects %j', (s, msg) => {
    expect(() => parseFieldSelector(s)).toThrow(new FieldSelectorError(msg));
  });

  it('sorts terms and is deterministic (TestDeterministicParse)', () => {
    expect(parseFieldSelector('x=a,a=x').toString()).toBe(parseFieldSelector('a=x,x=a').toString());
    expect(parseFieldSelector('x=a,a=x').toString()).toBe('a=x,x=a');
  });

  it('reads == as = and skips empty terms', () => {
    expect(parseFieldSelector('a==b').toString()).toBe('a=b');
    expect(parseFieldSelector(',a=b,,').toString()).toBe('a=b');
    expect(parseFieldSelector('metadata.name=web,status.phase!=Running').requirements()).toEqual([
      { field: 'metadata.name', operator: '=', value: 'web' },
      { field: 'status.phase', operator: '!=', value: 'Running' },
    ]);
  });

  it('keeps whitespace, as upstream does', () => {
    expect(parseFieldSelector('a = b').requirements()).toEqual([{ field: 'a ', operator: '=', value: ' b' }]);
  });
});

describe('matches (TestSelectorMatches)', () => {
  const expectMatch = (s: string, fs: Fields) => expect(parseFieldSelector(s).matches(fs), s).toBe(true);
  const expectNoMatch = (s: string, fs: Fields) => expect(parseFieldSelector(s).matches(fs), s).toBe(false);
  it('matches as upstream', () => {
    expectMatch('', { x: 'y' });
    expectMatch('x=y', { x: 'y' });
    expectMatch('x=y,z=w', { x: 'y', z: 'w' });
    expectMatch('x!=y,z!=w', { x: 'z', z: 'a' });
    expectMatch('notin=in', { notin: 'in' });
    expectNoMatch('x=y', { x: 'z' });
    expectNoMatch('x=y,z=w', { x: 'w', z: 'w' });
    expectNoMatch('x!=y,z!=w', { x: 'z', z: 'w' });
    const fieldset = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
    expectMatch('foo=bar', fieldset);
    expectMatch('baz=blah', fieldset);
    expectMatch('foo=bar,baz=blah', fieldset);
    expectMatch('foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', fieldset);
    expectNoMatch('foo=blah', fieldset);
    expectNoMatch('baz=bar', fieldset);
    expectNoMatch('foo=bar,foobar=bar,baz=blah', fieldset);
  });

  it('reads a missing field as ""', () => {
    expectMatch('spec.nodeName=', {});
    expectNoMatch('spec.nodeName!=', {});
    expect(parseFieldSelector('constructor=').matches({})).toBe(true);
    expect(parseFieldSelector('a=b').matches(undefined)).toBe(false);
  });

  it('oneTermEqualSelector (TestOneTermEqualSelector)', () => {
    expect(oneTermEqualSelector('x', 'y').matches({ x: 'y' })).toBe(true);
    expect(oneTermEqualSelector('x', 'y').matches({ x: 'z' })).toBe(false);
    expect(oneTermNotEqualSelector('x', 'y').matches({ x: 'z' })).toBe(true);
    expect(oneTermEqualSelector('x', 'a,b').toString()).toBe('x=a\\,b');
  });

  // TestSetMatches
  it('fieldSelectorFromSet matches', () => {
    const fs = { foo: 'bar', baz: 'blah' };
    expect(fieldSelectorFromSet({}).matches(fs)).toBe(true);
    expect(fieldSelectorFromSet({ foo: 'bar' }).matches(fs)).toBe(true);
    expect(fieldSelectorFromSet({ baz: 'blah' }).matches(fs)).toBe(true);
    expect(fieldSelectorFromSet({ foo: 'bar', baz: 'blah' }).matches(fs)).toBe(true);
    expect(fieldSelectorFromSet({ foo: '=blah' }).matches(fs)).toBe(false);
    expect(fieldSelectorFromSet({ baz: '=bar' }).matches(fs)).toBe(false);
    expect(fieldSelectorFromSet({ foo: '=bar', foobar: 'bar', baz: 'blah' }).matches(fs)).toBe(false);
    expect(fieldSelectorFromSet({ b: '1', a: '2' }).toString()).toBe('a=2,b=1');
  });
});

describe('empty, Everything, Nothing (TestEverything, TestNilMapIsValid, TestSetIsEmpty)', () => {
  it('behaves as upstream', () => {
    expect(everythingFields().matches({ x: 'y' })).toBe(true);
    expect(everythingFields().empty()).toBe(true);
    expect(fieldSelectorFromSet(undefined).empty()).toBe(true);
    expect(fieldSelectorFromSet({}).empty()).toBe(true);
    expect(oneTermEqualSelector('', '').empty()).toBe(false);
    expect(oneTermNotEqualSelector('', '').empty()).toBe(false);
    expect(andFieldSelectors(andFieldSelectors()).empty()).toBe(true);
    expect(andFieldSelectors(oneTermEqualSelector('a', 'b')).empty()).toBe(false);
    expect(nothingFields().matches({})).toBe(false);
    expect(nothingFields().empty()).toBe(false);
    expect(nothingFields().toString()).toBe('');
  });
});

describe('requiresExactMatch (TestRequiresExactMatch)', () => {
  it.each([
    ['empty set', fieldSelectorFromSet({}), 'test', undefined],
    ['empty hasTerm', oneTermEqualSelector('', ''), 'test', undefined],
    ['skipped hasTerm', oneTermEqualSelector('a', 'b'), 'test', undefined],
    ['valid hasTerm', oneTermEqualSelector('test', 'b'), 'test', 'b'],
    ['valid hasTerm no value', oneTermEqualSelector('test', ''), 'test', ''],
    ['valid notHasTerm', oneTermNotEqualSelector('test', 'b'), 'test', undefined],
    ['valid notHasTerm no value', oneTermNotEqualSelector('test', ''), 'test', undefined],
    ['empty andTerm', andFieldSelectors(), 'test', undefined],
    ['nested andTerm', andFieldSelectors(andFieldSelectors()), 'test', undefined],
    ['nested andTerm matches', andFieldSelectors(oneTermEqualSelector('test', 'b')), 'test', 'b'],
    ['andTerm with non-match', andFieldSelectors(oneTermEqualSelector('', ''), oneTermEqualSelector('test', 'b')), 'test', 'b'],
  ])('%s', (_name, s, field, want) => {
    expect(s.requiresExactMatch(field)).toBe(want);
  });
});

describe('parseAndTransformFieldSelector (TestTransform)', () => {
  const id: FieldTransformFunc = (f, v) => [f, v];
  it.each([
    ['empty selector', '', id, '', true],
    ['no-op transform', 'a=b,c=d', id, 'a=b,c=d', false],
    ['transform one field', 'a=b,c=d', ((f, v) => (f === 'a' ? ['e', 'f'] : [f, v])) as FieldTransformFunc, 'e=f,c=d', false],
    ['remove field to make empty', 'a=b', (() => ['', '']) as FieldTransformFunc, '', true],
    ['remove only one field', 'a=b,c=d,e=f', ((f, v) => (f === 'c' ? ['', ''] : [f, v])) as FieldTransformFunc, 'a=b,e=f', false],
  ])('%s', (_name, selector, fn, result, isEmpty) => {
    const s = parseAndTransformFieldSelector(selector, fn);
    expect(s.empty()).toBe(isEmpty);
    expect(s.toString()).toBe(result);
  });
});

describe('fieldsToString (TestSetString)', () => {
  it('sorts k=v pairs', () => {
    expect(fieldsToString({ x: 'y' })).toBe('x=y');
    expect(fieldsToString({ foo: 'bar' })).toBe('foo=bar');
    expect(fieldsToString({ foo: 'bar', baz: 'qup' })).toBe('baz=qup,foo=bar');
  });
});
