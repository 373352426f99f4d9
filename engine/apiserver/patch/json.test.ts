import { describe, expect, it } from 'vitest';
import { goEncode, goMarshal } from './go-json';
import { goSort, goSortStable } from './go-sort';
import { deepEqual, goFormat, goQuote, goStringCompare, goTypeName } from './json';

describe('goFormat: fmt %v and %s of decoded JSON', () => {
  const v: [unknown, string][] = [
    [null, '<nil>'],
    [true, 'true'],
    ['s', 's'],
    [80, '80'],
    [-3, '-3'],
    [0.5, '0.5'],
    [1.5e-7, '1.5e-07'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [[1, 'a', null], '[1 a <nil>]'],
    [{ b: [1], a: { c: 'x' } }, 'map[a:map[c:x] b:[1]]'],
    [[[1, 2], [3]], '[[1 2] [3]]'],
    [{}, 'map[]'],
  ];
  for (const [x, want] of v) it(`%v ${JSON.stringify(x)}`, () => expect(goFormat(x as never)).toBe(want));
  it('%s of non-strings', () => {
    expect(goFormat(5, 's')).toBe('%!s(int64=5)');
    expect(goFormat(true, 's')).toBe('%!s(bool=true)');
    expect(goFormat(null, 's')).toBe('%!s(<nil>)');
    expect(goFormat(1.5, 's')).toBe('%!s(float64=1.5)');
  });
  it('type names as reflect prints them', () => {
    expect([goTypeName({}), goTypeName([]), goTypeName('x'), goTypeName(1), goTypeName(1.5), goTypeName(null)]).toEqual(['map[string]interface {}', '[]interface {}', 'string', 'int64', 'float64', '%!s(<nil>)']);
  });
  it('%q', () => expect(goQuote('a"b\\c\n\x01')).toBe('"a\\"b\\\\c\\n\\x01"'));
  it('strings order by code point, as Go compares bytes', () => {
    expect(goStringCompare('\uffff', '😀')).toBe(-1); // UTF-16 units would say the opposite
    expect(['b', 'a', 'B', '10', '9'].sort(goStringCompare)).toEqual(['10', '9', 'B', 'a', 'b']);
  });
  it('deepEqual', () => {
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(deepEqual({ a: null }, {})).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });
});

describe('goMarshal: encoding/json', () => {
  it('sorts keys, escapes HTML and control characters, keeps the rest', () => {
    expect(goMarshal({ b: '<a href="x">&</a>\u2028\u2029\b\f\u0001\t\n\r\u007f\\"é😀', a: [1, null, true] })).toBe('{"a":[1,null,true],"b":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\u2029\\b\\f\\u0001\\t\\n\\r\u007f\\\\\\"é😀"}');
  });
  it('numbers', () => expect(goMarshal([1.5, 1e21, 1e-7, 12345678901234, -3, 0, 0.000001, 1e20])).toBe('[1.5,1e+21,1e-7,12345678901234,-3,0,0.000001,100000000000000000000]'));
  it('a lone surrogate becomes U+FFFD', () => expect(goMarshal('a\ud800b')).toBe('"a\ufffdb"'));
  it('Encode adds a newline', () => expect(goEncode({})).toBe('{}\n'));
});

describe('Go sort algorithms', () => {
  it('sort.Sort on a short slice is an insertion sort: a "less or equal" comparator reverses equal items', () => {
    const items = [
      { k: 'b', i: 0 },
      { k: 'a', i: 1 },
      { k: 'b', i: 2 },
    ];
    expect(goSort(items, (x, y) => x.k <= y.k).map((x) => x.i)).toEqual([1, 2, 0]);
  });
  it('sort.SliceStable keeps equal items in order, over the block size too', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ k: (i * 37) % 10, i }));
    const sorted = goSortStable([...items], (x, y) => x.k < y.k);
    expect(sorted).toEqual([...items].sort((x, y) => x.k - y.k || x.i - y.i));
  });
});
