import { describe, expect, it } from 'vitest';
import fixture from './testdata/labels-kubectl.json';
import {
  everything,
  formatLabels,
  formatLabelSelector,
  goCompare,
  goQuote,
  labelSelectorAsMap,
  labelSelectorAsSelector,
  labelsConflict,
  labelsEqual,
  labelsToString,
  mergeLabels,
  newRequirement,
  nothing,
  parseSelector,
  parseToLabelSelector,
  parseToRequirements,
  Requirement,
  SelectorError,
  selectorFromSet,
  validatedSelectorFromSet,
  type Labels,
  type Operator,
} from './labels';

// Tables from apimachinery's pkg/labels/selector_test.go, labels_test.go and
// pkg/apis/meta/v1/helpers_test.go (v0.32), transcribed.

const req = (key: string, op: Operator, vals: string[] = []) => newRequirement(key, op, vals);
const sel = (...reqs: Requirement[]) => everything().add(...reqs);
const parseError = (s: string): string | undefined => {
  try {
    parseSelector(s);
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorError);
    return (e as Error).message;
  }
  return undefined;
};

describe('real kubectl fixtures (labels.ParseToRequirements)', () => {
  for (const c of fixture.cases as { in: string; ok?: boolean; error?: string }[]) {
    it(JSON.stringify(c.in), () => {
      expect(parseError(c.in)).toBe(c.error);
    });
  }
});

describe('parseSelector', () => {
  // TestSelectorParse
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])('parses %j and restrings it', (s) => {
    expect(parseSelector(s).toString()).toBe(s.replaceAll(' ', ''));
  });
  it.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a'])('rejects %j', (s) => {
    expect(parseError(s)).toBeDefined();
  });

  it('is deterministic (TestDeterministicParse)', () => {
    expect(parseSelector('x=a,a=x').toString()).toBe(parseSelector('a=x,x=a').toString());
    expect(parseSelector('x=a,a=x').toString()).toBe('a=x,x=a');
  });

  // TestParseOperator: the operator slot
  it.each([
    ['x !', "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"],
    ['x exists', "unable to parse requirement: found 'exists', expected: in, notin, =, ==, !=, gt, lt"],
    ['x (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
  ])('operator error for %j', (s, msg) => {
    expect(parseError(s)).toBe(msg);
  });

  // TestSetSelectorParser: [input, expected canonical string or undefined for an error]
  it.each([
    ['', ''],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,def)', 'x in (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['x,y in (a)', 'x,y in (a)'],
    ['x=a', 'x=a'],
    ['x>1', 'x>1'],
    ['x<7', 'x<7'],
    ['x=a,y!=b', 'x=a,y!=b'],
    ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
    ['x=a||y=b', undefined],
    ['x,,y', undefined],
    [',x,y', undefined],
    ['x nott in (y)', undefined],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a in (xyz),', undefined],
    ['a in (xyz)b notin ()', undefined],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['a in (xyz abc)', undefined],
    ['a notin(', undefined],
    ['a (', undefined],
    ['(', undefined],
  ])('%j → %j', (input, out) => {
    if (out === undefined) expect(parseError(input)).toBeDefined();
    else expect(parseSelector(input).toString()).toBe(out);
  });

  it('parses into sorted, de-duplicated requirements', () => {
    const reqs = parseToRequirements('x notin (abc,,def),bar,z in (),w');
    expect(reqs.map((r) => [r.key, r.operator, r.values])).toEqual([
      ['bar', 'exists', []],
      ['w', 'exists', []],
      ['x', 'notin', ['', 'abc', 'def']],
      ['z', 'in', ['']],
    ]);
    expect(parseToRequirements('a in (b,b,a)')[0].values).toEqual(['a', 'b']);
    expect(parseToRequirements('!a')[0].operator).toBe('!');
    expect(parseToRequirements('a==b')[0].operator).toBe('==');
  });

  it('reads a NUL as the end of the input, as the Go lexer does', () => {
    expect(parseSelector('a=b \0 c=d').toString()).toBe('a=b');
    expect(parseError('a=b, \0c')).toBe("found '', expected: identifier after ','");
    // Right after an identifier or operator the NUL ends that token and is swallowed.
    expect(parseSelector('a=b\0,c').toString()).toBe('a=b,c');
    expect(parseSelector('a=\0b').toString()).toBe('a=b');
  });

  it('puts the field path in key errors when given one', () => {
    expect(parseError('x')).toBeUndefined();
    expect(() => parseSelector('-x', 'spec.selector')).toThrow(/^unable to parse requirement: spec\.selector: Invalid value: "-x": name part/);
  });
});

describe('Selector.matches', () => {
  const expectMatch = (s: string, ls: Labels) => expect(parseSelector(s).matches(ls), `${s} ${JSON.stringify(ls)}`).toBe(true);
  const expectNoMatch = (s: string, ls: Labels) => expect(parseSelector(s).matches(ls), `${s} ${JSON.stringify(ls)}`).toBe(false);

  it('TestSelectorMatches', () => {
    expectMatch('', { x: 'y' });
    expectMatch('x=y', { x: 'y' });
    expectMatch('x=y,z=w', { x: 'y', z: 'w' });
    expectMatch('x!=y,z!=w', { x: 'z', z: 'a' });
    expectMatch('notin=in', { notin: 'in' });
    expectMatch('x', { x: 'z' });
    expectMatch('!x', { y: 'z' });
    expectMatch('x>1', { x: '2' });
    expectMatch('x<1', { x: '0' });
    expectNoMatch('x=z', {});
    expectNoMatch('x=y', { x: 'z' });
    expectNoMatch('x=y,z=w', { x: 'w', z: 'w' });
    expectNoMatch('x!=y,z!=w', { x: 'z', z: 'w' });
    expectNoMatch('x', { y: 'z' });
    expectNoMatch('!x', { x: 'z' });
    expectNoMatch('x>1', { x: '0' });
    expectNoMatch('x<1', { x: '2' });
    const labelset = { foo: 'bar', baz: 'blah' };
    expectMatch('foo=bar', labelset);
    expectMatch('baz=blah', labelset);
    expectMatch('foo=bar,baz=blah', labelset);
    expectNoMatch('foo=blah', labelset);
    expectNoMatch('baz=bar', labelset);
    expectNoMatch('foo=bar,foobar=bar,baz=blah', labelset);
  });

  it('treats undefined labels as an empty set', () => {
    expect(parseSelector('!x').matches(undefined)).toBe(true);
    expect(parseSelector('x').matches(undefined)).toBe(false);
    expect(everything().matches(undefined)).toBe(true);
  });

  it('does not see inherited properties as labels', () => {
    expect(parseSelector('toString').matches({})).toBe(false);
    expect(parseSelector('!constructor').matches({})).toBe(true);
  });

  // TestRequirementSelectorMatching
  it.each([
    [{ x: 'foo', y: 'baz' }, [req('x', 'in', ['foo']), req('y', 'notin', ['alpha'])], true],
    [{ x: 'foo', y: 'baz' }, [req('x', 'in', ['foo']), req('y', 'in', ['alpha'])], false],
    [{ y: '' }, [req('x', 'notin', ['']), req('y', 'exists')], true],
    [{ y: '' }, [req('x', '!'), req('y', 'exists')], true],
    [{ y: '' }, [req('x', 'notin', ['']), req('y', '!')], false],
    [{ y: 'baz' }, [req('x', 'in', [''])], false],
    [{ z: '2' }, [req('z', 'gt', ['1'])], true],
    [{ z: 'v2' }, [req('z', 'gt', ['1'])], false],
  ] as [Labels, Requirement[], boolean][])('%j', (ls, reqs, want) => {
    expect(sel(...reqs).matches(ls)).toBe(want);
  });

  it('compares > and < as int64s', () => {
    expect(parseSelector('x>9').matches({ x: '10' })).toBe(true); // not a string comparison
    expect(parseSelector('x<10').matches({ x: '-3' })).toBe(true);
    expect(parseSelector('x>1').matches({ x: '99999999999999999999' })).toBe(false); // out of range
    expect(parseSelector('x>1').matches({ x: '+2' })).toBe(true);
  });

  // TestSetMatches
  it('selectorFromSet matches', () => {
    const labelset = { foo: 'bar', baz: 'blah' };
    expect(selectorFromSet({}).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: 'bar' }).matches(labelset)).toBe(true);
    expect(selectorFromSet({ baz: 'blah' }).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: 'bar', baz: 'blah' }).matches(labelset)).toBe(true);
    expect(selectorFromSet({ foo: 'baz' }).matches(labelset)).toBe(false);
  });
});

describe('Everything, Nothing, empty', () => {
  it('TestEverything, TestNilMapIsValid, TestSetIsEmpty', () => {
    expect(everything().matches({ x: 'y' })).toBe(true);
    expect(everything().empty()).toBe(true);
    expect(selectorFromSet(undefined).empty()).toBe(true);
    expect(selectorFromSet({}).empty()).toBe(true);
    expect(parseSelector('').empty()).toBe(true);
    expect(parseSelector('a').empty()).toBe(false);
  });
  it('Nothing matches nothing and is not selectable', () => {
    expect(nothing().matches({})).toBe(false);
    expect(nothing().empty()).toBe(false);
    expect(nothing().toString()).toBe('');
    expect(nothing().requirements().selectable).toBe(false);
    expect(nothing().add(req('a', 'exists')).matches({ a: '' })).toBe(false);
    expect(everything().requirements()).toEqual({ requirements: [], selectable: true });
  });
});

describe('newRequirement (TestRequirementConstructor)', () => {
  const valueRegexErr =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  it.each([
    ['x1', 'in', undefined, `values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty`],
    ['x2', 'notin', [], `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`],
    ['x3', 'in', ['foo'], undefined],
    ['x4', 'notin', ['foo'], undefined],
    ['x5', '=', ['bar', 'foo'], `values: Invalid value: []string{"bar", "foo"}: exact-match compatibility requires one single value`],
    ['x6', 'exists', [], undefined],
    ['x7', '!', [], undefined],
    ['x8', 'exists', ['foo'], `values: Invalid value: []string{"foo"}: values set must be empty for exists and does not exist`],
    ['x9', 'in', ['bar'], undefined],
    ['x11', 'gt', ['1'], undefined],
    ['x12', 'lt', ['6'], undefined],
    ['x13', 'gt', [], `values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required`],
    ['x14', 'gt', ['bar'], `values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x15', 'lt', ['bar'], `values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      'a'.repeat(254),
      'exists',
      [],
      `key: Invalid value: "${'a'.repeat(254)}": name part must be no more than 63 characters`,
    ],
    ['x16', '=', ['a'.repeat(254)], `values[0][x16]: Invalid value: "${'a'.repeat(254)}": must be no more than 63 characters`],
    ['x17', '=', ['a b'], `values[0][x17]: Invalid value: "a b": ${valueRegexErr}`],
    [
      'x18',
      'unsupportedOp',
      [],
      'operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
    ],
  ] as [string, string, string[] | undefined, string | undefined][])('%s %s %j', (key, op, vals, msg) => {
    if (msg === undefined) expect(() => newRequirement(key, op, vals)).not.toThrow();
    else expect(() => newRequirement(key, op, vals)).toThrow(new SelectorError(msg));
  });

  it('aggregates several errors in brackets', () => {
    expect(() => newRequirement('-k', 'gt', ['-x'])).toThrow(
      new SelectorError(
        `[key: Invalid value: "-k": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values[0]: Invalid value: "-x": for 'Gt', 'Lt' operators, the value must be an integer, values[0][-k]: Invalid value: "-x": ${valueRegexErr}]`,
      ),
    );
  });

  it('nests paths under a prefix', () => {
    expect(() => newRequirement('k', 'in', [], 'spec.selector')).toThrow(
      "spec.selector.values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
  });
});

describe('Selector.toString (TestToString, TestSafeSort)', () => {
  it.each([
    [[req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')], 'x in (abc,def),y notin (jkl),z'],
    [[req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')], 'x notin (abc,def),y!=jkl,!z'],
    [[req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])], 'x notin (abc),y in (jkl,mno),z notin ()'],
    [[req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')], 'x=abc,y==jkl,z!=a,z'],
    [[req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')], 'x>2,y<8,z'],
  ] as [Requirement[], string][])('%s', (reqs, out) => {
    expect(sel(...reqs).toString()).toBe(out);
  });

  it('sorts values for output without mutating them', () => {
    const r = new Requirement('k', 'in', ['foo', 'bar', 'foo', 'bar']);
    expect(r.toString()).toBe('k in (bar,bar,foo,foo)');
    expect(r.values).toEqual(['foo', 'bar', 'foo', 'bar']);
  });

  it('add sorts by key and leaves the original alone (TestAdd)', () => {
    const a = sel(req('key', 'in', ['value']));
    const b = a.add(req('key2', '=', ['value2']), req('a', 'exists'));
    expect(b.toString()).toBe('a,key in (value),key2=value2');
    expect(a.toString()).toBe('key in (value)');
  });

  // TestSetSelectorString
  it.each([
    [{}, ''],
    [{ app: 'foo' }, 'app=foo'],
    [{ app: 'foo', a: 'b' }, 'a=b,app=foo'],
  ])('selectorFromSet(%j) = %j', (set, out) => {
    expect(selectorFromSet(set).toString()).toBe(out);
  });
});

describe('requiresExactMatch (TestRequiresExactMatch)', () => {
  it.each([
    [[new Requirement('key', 'in', ['value'])], 'key', 'value'],
    [[new Requirement('key', 'in', ['value', 'value2'])], 'key', undefined],
    [[new Requirement('key', 'in', ['value', 'value1']), new Requirement('key2', 'in', ['value2'])], 'key2', 'value2'],
    [[new Requirement('key', '=', ['value'])], 'key', 'value'],
    [[new Requirement('key', '==', ['value'])], 'key', 'value'],
    [[new Requirement('key', '!=', ['value'])], 'key', undefined],
    [[new Requirement('key', 'in', ['value']), new Requirement('key2', 'in', ['value2'])], 'key', 'value'],
  ] as [Requirement[], string, string | undefined][])('%s %s', (reqs, label, want) => {
    expect(sel(...reqs).requiresExactMatch(label)).toBe(want);
  });
});

describe('validatedSelectorFromSet (TestValidatedSelectorFromSet)', () => {
  it('accepts a valid set', () => {
    expect(validatedSelectorFromSet({ key: 'val' }).toString()).toBe('key=val');
  });
  it('rejects a value that is too long', () => {
    const v = 'axahm2EJ8Phiephe2eixohbee9eGeiyees1thuozi1xoh0GiuH3diewi8iem7Nui';
    expect(() => validatedSelectorFromSet({ Key: v })).toThrow(`values[0][Key]: Invalid value: "${v}": must be no more than 63 characters`);
  });
});

describe('Requirement.equal (TestRequirementEqual)', () => {
  it('compares key, operator and values in order', () => {
    const r = new Requirement('key', '=', ['foo', 'bar']);
    expect(r.equal(new Requirement('key', '=', ['foo', 'bar']))).toBe(true);
    expect(r.equal(new Requirement('key2', '=', ['foo', 'bar']))).toBe(false);
    expect(r.equal(new Requirement('key', '!=', ['foo', 'bar']))).toBe(false);
    expect(r.equal(new Requirement('key', '=', ['bar', 'foo']))).toBe(false);
  });
});

describe('labelSelectorAsSelector (TestLabelSelectorAsSelector)', () => {
  const matchLabels = { foo: 'bar' };
  const matchExpressions = [{ key: 'baz', operator: 'In', values: ['qux', 'norf'] }];
  it.each([
    [null, nothing()],
    [undefined, nothing()],
    [{}, everything()],
    [{ matchLabels: {}, matchExpressions: [] }, everything()],
    [{ matchLabels }, parseSelector('foo=bar')],
    [{ matchExpressions }, parseSelector('baz in (norf,qux)')],
    [{ matchLabels, matchExpressions }, parseSelector('baz in (norf,qux),foo=bar')],
  ])('%j', (ls, want) => {
    const got = labelSelectorAsSelector(ls);
    expect(got.toString()).toBe(want.toString());
    expect(got.empty()).toBe(want.empty());
    expect(got.requirements().selectable).toBe(want.requirements().selectable);
  });

  it('nil selects nothing, empty selects everything', () => {
    expect(labelSelectorAsSelector(null).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorAsSelector({ matchLabels: { app: 'web' } }).matches({ app: 'web', x: 'y' })).toBe(true);
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }).matches({})).toBe(true);
  });

  it('reports upstream errors', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'baz', operator: 'Exists', values: ['qux', 'norf'] }] })).toThrow(
      'values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist',
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'baz', operator: 'In' }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'baz', operator: 'Gt', values: ['1'] }] })).toThrow(
      '"Gt" is not a valid label selector operator',
    );
    expect(() => labelSelectorAsSelector({ matchLabels: { app: 'a b' } })).toThrow(/^values\[0\]\[app\]: Invalid value: "a b": a valid label/);
  });

  it('does not modify its input', () => {
    const ls = { matchLabels: { b: '1', a: '2' }, matchExpressions: [{ key: 'z', operator: 'In', values: ['y', 'x'] }] };
    const copy = structuredClone(ls);
    labelSelectorAsSelector(ls);
    expect(ls).toEqual(copy);
  });

  it('formatLabelSelector prints <none> and <error> as kubectl describe does', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(null)).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe('<error>');
  });
});

describe('labelSelectorAsMap (TestLabelSelectorAsMap)', () => {
  const matchLabels = { foo: 'bar' };
  const expr = (operator: string, values: string[]) => [{ key: 'baz', operator, values }];
  it.each([
    [null, undefined, ''],
    [{ matchLabels }, { foo: 'bar' }, ''],
    [{ matchLabels, matchExpressions: expr('In', ['norf']) }, { foo: 'bar', baz: 'norf' }, ''],
    [{ matchExpressions: expr('In', ['norf']) }, { baz: 'norf' }, ''],
    [{ matchLabels, matchExpressions: expr('In', ['norf', 'qux']) }, undefined, 'without a single value cannot be converted'],
    [{ matchExpressions: expr('NotIn', ['norf', 'qux']) }, undefined, 'cannot be converted'],
    [{ matchLabels, matchExpressions: expr('Exists', []) }, undefined, 'cannot be converted'],
    [{ matchExpressions: expr('DoesNotExist', []) }, undefined, 'cannot be converted'],
  ])('%j', (ls, out, err) => {
    if (err) expect(() => labelSelectorAsMap(ls)).toThrow(err);
    else expect(labelSelectorAsMap(ls)).toEqual(out);
  });
});

describe('parseToLabelSelector', () => {
  it('splits = into matchLabels and the rest into expressions', () => {
    expect(parseToLabelSelector('app=web,tier in (fe,be),!legacy')).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
        { key: 'tier', operator: 'In', values: ['be', 'fe'] },
      ],
    });
  });
  it('refuses > and < and prefixes parse errors as upstream', () => {
    expect(() => parseToLabelSelector('x>1')).toThrow('"gt" isn\'t supported in label selectors');
    expect(() => parseToLabelSelector('a b')).toThrow(
      `couldn't parse the selector string "a b": unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt`,
    );
  });
});

describe('label sets (labels.go)', () => {
  it('formatLabels (TestSetString, FormatLabels)', () => {
    expect(formatLabels({ x: 'y' })).toBe('x=y');
    expect(formatLabels({ foo: 'bar', baz: 'qup' })).toBe('baz=qup,foo=bar');
    expect(formatLabels({ app: 'web', tier: 'fe' })).toBe('app=web,tier=fe');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
    // Sorted as "k=v" strings, not by key: '-' (0x2d) sorts before '=' (0x3d).
    expect(formatLabels({ a: '1', 'a-b': '2' })).toBe('a-b=2,a=1');
    expect(labelsToString({})).toBe('');
  });

  // TestLabelConflict
  it.each([
    [{}, {}, false],
    [{ env: 'test' }, { infra: 'true' }, false],
    [{ env: 'test' }, { infra: 'true', env: 'test' }, false],
    [{ env: 'test' }, { env: 'dev' }, true],
    [{ env: 'test', infra: 'false' }, { infra: 'true', color: 'blue' }, true],
  ])('conflicts %j %j', (a, b, want) => {
    expect(labelsConflict(a, b)).toBe(want);
    expect(labelsConflict(b, a)).toBe(want);
  });

  it('merge and equals', () => {
    expect(mergeLabels({ a: '1', b: '2' }, { b: '3', c: '4' })).toEqual({ a: '1', b: '3', c: '4' });
    expect(labelsEqual({ a: '1' }, { a: '1' })).toBe(true);
    expect(labelsEqual({ a: '1' }, { a: '2' })).toBe(false);
    expect(labelsEqual({ a: '1' }, { a: '1', b: '2' })).toBe(false);
    expect(labelsEqual({}, undefined)).toBe(true);
  });
});

describe('Go formatting helpers', () => {
  it('goQuote matches strconv.Quote', () => {
    expect(goQuote('a b')).toBe('"a b"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\t\n\x00\x7f')).toBe('"\\t\\n\\x00\\x7f"');
    expect(goQuote('é')).toBe('"é"');
    expect(goQuote('\u200b')).toBe('"\\u200b"');
  });
  it('goCompare orders by code point, like Go byte order', () => {
    expect(['b', 'a', 'B'].sort(goCompare)).toEqual(['B', 'a', 'b']);
    expect(['\uffff', '\u{10000}'].sort(goCompare)).toEqual(['\uffff', '\u{10000}']);
  });
});
