import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSONPath, parseJsonPath, printJsonPath } from './jsonpath';

const dir = join(__dirname, 'testdata');

/** testJSONPath of client-go's jsonpath_test.go. */
function run(template: string, input: unknown, allowMissingKeys = false): string {
  const j = new JSONPath('test').allowMissingKeys(allowMissingKeys);
  j.parse(template);
  return j.execute(input);
}
const fails = (template: string, input: unknown, allowMissingKeys = false): string => {
  try {
    run(template, input, allowMissingKeys);
  } catch (e) {
    return (e as Error).message;
  }
  return 'nil';
};

describe('kubectl -o jsonpath (fixtures)', () => {
  const cases = JSON.parse(readFileSync(join(dir, 'jsonpath-cases.json'), 'utf8')) as { name: string; template: string; allowMissing?: boolean; asJson?: boolean }[];
  const obj = JSON.parse(readFileSync(join(dir, 'objects', 'deploy.json'), 'utf8'));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const want = readFileSync(join(dir, 'out', 'jsonpath', `${c.name}.out`), 'utf8');
    const errPath = join(dir, 'out', 'jsonpath', `${c.name}.err`);
    const r = printJsonPath(c.template, obj, { allowMissingKeys: c.allowMissing ?? true, jsonOutput: c.asJson });
    if (existsSync(errPath)) {
      expect('error' in r).toBe(true);
      const msg = 'error' in r ? r.error : '';
      expect(`error: ${msg}${msg.endsWith('\n') ? '' : '\n'}`).toBe(readFileSync(errPath, 'utf8'));
      expect(want).toBe('');
    } else {
      expect(r).toEqual({ out: want });
    }
  });
});

// The data of TestStructInput, as JSON (kubectl only ever evaluates decoded JSON).
const storeData = {
  Name: 'jsonpath',
  Book: [
    { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
    { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
    { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
  ],
  Bicycle: [
    { Color: 'red', Price: 19.95, IsNew: true },
    { Color: 'green', Price: 20.01, IsNew: false },
  ],
  Labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
  Employees: { jason: 'manager', dan: 'clerk' },
};

describe('client-go jsonpath_test.go', () => {
  it('TestTypesInput', () => {
    const types = {
      bools: [true, false, true, false],
      integers: [1, 2, 3, 4],
      strings: ['one', 'two', 'three', 'four'],
      interfaces: [true, 'one', 1, 1.1],
      maps: [
        { name: 'one', value: 1 },
        { name: 'two', value: 2.02 },
        { name: 'three', value: 3.03 },
        { name: 'four', value: 4.04 },
      ],
    };
    const cases: [string, string][] = [
      ['{ .bools }', '[true,false,true,false]'],
      ['{ .bools[0] }', 'true'],
      ['{ .bools[-1] }', 'false'],
      ['{ .bools[0:2] }', 'true false'],
      ['{ .bools[:2] }', 'true false'],
      ['{ .bools[:4:2] }', 'true true'],
      ['{ .integers }', '[1,2,3,4]'],
      ['{ .integers[-2] }', '3'],
      ['{ .integers[:4:2] }', '1 3'],
      ['{ .strings }', '["one","two","three","four"]'],
      ['{ .strings[-2] }', 'three'],
      ['{ .strings[:4:2] }', 'one three'],
      ['{ .interfaces }', '[true,"one",1,1.1]'],
      ['{ .interfaces[0:2] }', 'true one'],
      ['{ .interfaces[:4:2] }', 'true 1'],
      ['{ .maps }', '[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]'],
      ['{ .maps[-2] }', '{"name":"three","value":3.03}'],
      ['{ .maps[0:2] }', '{"name":"one","value":1} {"name":"two","value":2.02}'],
      ['{ .maps[::2] }', '{"name":"one","value":1} {"name":"three","value":3.03}'],
      ['{ .maps[1::2] }', '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
    ];
    for (const [template, want] of cases) expect(run(template, types), template).toBe(want);
  });

  it('TestStructInput', () => {
    const cases: [string, unknown, string][] = [
      ['hello jsonpath', null, 'hello jsonpath'],
      ['{..}', [1, 2, 3], '[1,2,3]'],
      ['{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
      ['{"{"}', null, '{'],
      ['{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
      ['{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
      ['hello {.Name}', storeData, 'hello jsonpath'],
      ['{$.Labels.web/html}', storeData, '15'],
      ['{$.Employees.jason}', storeData, 'manager'],
      ['{$.Employees.dan}', storeData, 'clerk'],
      ['{.Labels.k8s-app}', storeData, '20'],
      ['{.Bicycle[*].Color}', storeData, 'red green'],
      ['{.Book[*].Author}', storeData, 'Nigel Rees Evelyn Waugh Herman Melville'],
      // Maps print with their keys sorted, as Go's json.Marshal prints them.
      ['{.Bicycle}', storeData, '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]'],
      ['{range .Bicycle[*]}{ @ }{ " " }{end}', storeData, '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} '],
      ['{.Book[-1:]}', storeData, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
      ['{..Book[2]}', storeData, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
      ['{.Bicycle[?(@.IsNew==true)]}', storeData, '{"Color":"red","IsNew":true,"Price":19.95}'],
    ];
    for (const [template, input, want] of cases) expect(run(template, input), template).toBe(want);
    // recurfields: a map's values in no fixed order upstream; sorted here.
    expect(run('{..Price}', storeData).split(' ').sort()).toEqual('8.95 12.99 8.99 19.95 20.01'.split(' ').sort());
    expect(run('{...Price}', storeData).split(' ').sort()).toEqual('8.95 12.99 8.99 19.95 20.01'.split(' ').sort());
    expect(() => parseJsonPath('{............................................................Price}')).toThrow();
    expect(run('{.hello}', storeData, true)).toBe('');
    expect(run('before-{.hello}after', storeData, true)).toBe('before-after');
    expect(fails('{hello}', storeData)).toBe('unrecognized identifier hello');
    expect(fails('{.hello}', storeData)).toBe('hello is not found');
    expect(fails('{.Labels[0]}', storeData)).toBe('map[string]interface {} is not array or slice');
    expect(fails('{.Book[?(@.Price<>10)]}', storeData)).toBe('unrecognized filter operator <>');
    expect(fails('{range .Labels.*}{@}{end}{end}', storeData)).toBe('not in range, nothing to end');
  });

  it('visits a map in key order (upstream: Go map order)', () => {
    expect(run('{.m.*}', { m: { b: 1, a: 2 } })).toBe('2 1');
  });

  it('TestJSONInput', () => {
    const points = JSON.parse(`[
      {"id": "i1", "x":4, "y":-5}, {"id": "i2", "x":-2, "y":-5, "z":1}, {"id": "i3", "x":  8, "y":  3 },
      {"id": "i4", "x": -6, "y": -1 }, {"id": "i5", "x":  0, "y":  2, "z": 1 }, {"id": "i6", "x":  1, "y":  4 }, {"id": "i7", "x":  null, "y":  4 }]`);
    expect(run('{[?(@.z)].id}', points)).toBe('i2 i5');
    expect(run("{[0]['id']}", points)).toBe('i1');
    expect(run("{[-1]['x']}", points)).toBe('null');
  });

  it('TestKubernetes', () => {
    const nodes = JSON.parse(readFileSync(join(dir, 'jsonpath-kubernetes.json'), 'utf8'));
    const cases: [string, string][] = [
      ['{range .items[*]}{.metadata.name}, {end}{.kind}', '127.0.0.1, 127.0.0.2, List'],
      ['{range .items[*]}{.metadata.name}{"\\t"}{end}', '127.0.0.1\t127.0.0.2\t'],
      ['{.items[*].status.addresses[*].address}', '127.0.0.1 127.0.0.2 127.0.0.3'],
      ['{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}', '127.0.0.1, 127.0.0.2, 127.0.0.3, '],
      ['{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
      ["{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
      ['{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
      ['{.users[?(@.name=="e2e")].user.password}', 'secret'],
      ['{.items[0].metadata.labels.kubernetes\\.io/hostname}', '127.0.0.1'],
      ['{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', 'None'],
      ['{.items[?(@..ready==true)].metadata.name}', '127.0.0.1'],
    ];
    for (const [template, want] of cases) expect(run(template, nodes), template).toBe(want);
    expect(run('{..name}', nodes).split(' ').sort()).toEqual(['127.0.0.1', '127.0.0.2', 'e2e', 'myself'].sort());
  });

  it('TestEmptyRange and TestNestedRanges', () => {
    expect(run('{range .items[*]}{.metadata.name}{end}', { items: [] }, true)).toBe('');
    expect(run('{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', { items: [] }, true)).toBe('');
    const another = [{ name: 'value1' }, { name: 'value2' }];
    const data = {
      items: [
        { metadata: { name: 'pod1' }, spec: { containers: [{ name: 'foo', another }, { name: 'bar', another }] } },
        { metadata: { name: 'pod2' }, spec: { containers: [{ name: 'baz', another }] } },
      ],
    };
    expect(run('{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', data)).toBe('pod1:foo,bar,+pod2:baz,+');
    expect(run('{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}', data)).toBe(
      'pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#',
    );
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}', data)).toBe(
      'pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n',
    );
  });

  it('TestFilterPartialMatchesSometimesMissingAnnotations and TestRunningPodsJSONPathOutput', () => {
    const data = { kind: 'List', items: [{ metadata: { name: 'pod1', annotations: { color: 'blue' } } }, { metadata: { name: 'pod2' } }, { metadata: { name: 'pod3', annotations: { color: 'green' } } }, { metadata: { name: 'pod4', annotations: { color: 'blue' } } }] };
    expect(run('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', data, true)).toBe('pod1 pod4');
    expect(fails('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', data)).not.toBe('nil');
    const pods = { kind: 'List', items: [1, 2, 3].map((i) => ({ kind: 'Pod', metadata: { name: `pod${i}` }, status: { phase: 'Running' } })).concat([{ resourceVersion: '' } as never]) };
    expect(run('{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', pods, true)).toBe('pod1 is Running\npod2 is Running\npod3 is Running\n');
  });

  it('TestNegativeIndex and TestStep', () => {
    const c = (n: number) => ({ spec: { containers: Array.from({ length: n }, (_, i) => ({ image: 'radial/busyboxplus:curl', name: `fake${i}` })) } });
    const four = c(4);
    const ok: [string, string][] = [
      ['{.spec.containers[0].name}', 'fake0'],
      ['{.spec.containers[0:0].name}', ''],
      ['{.spec.containers[0:-1].name}', 'fake0 fake1 fake2'],
      ['{.spec.containers[-1].name}', 'fake3'],
      ['{.spec.containers[-1:].name}', 'fake3'],
      ['{.spec.containers[-2].name}', 'fake2'],
      ['{.spec.containers[-2:].name}', 'fake2 fake3'],
      ['{.spec.containers[-3].name}', 'fake1'],
      ['{.spec.containers[-4].name}', 'fake0'],
      ['{.spec.containers[-4:].name}', 'fake0 fake1 fake2 fake3'],
      ['{.spec.containers[5:5].name}', ''],
      ['{.spec.containers[-5:-5].name}', ''],
    ];
    for (const [t, want] of ok) expect(run(t, four), t).toBe(want);
    for (const t of ['{.spec.containers[-1:0].name}', '{.spec.containers[-5].name}', '{.spec.containers[3:1].name}', '{.spec.containers[-1:-2].name}']) expect(fails(t, four), t).not.toBe('nil');
    const six = c(6);
    const steps: [string, string][] = [
      ['{.spec.containers[0:].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'],
      ['{.spec.containers[0:6:].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'],
      ['{.spec.containers[0:6:1].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'],
      ['{.spec.containers[1:4:2].name}', 'fake1 fake3'],
      ['{.spec.containers[1:4:3].name}', 'fake1'],
      ['{.spec.containers[1:4:4].name}', 'fake1'],
      ['{.spec.containers[0:6:2].name}', 'fake0 fake2 fake4'],
      ['{.spec.containers[0:6:3].name}', 'fake0 fake3'],
      ['{.spec.containers[0:6:5].name}', 'fake0 fake5'],
      ['{.spec.containers[0:6:6].name}', 'fake0'],
    ];
    for (const [t, want] of steps) expect(run(t, six), t).toBe(want);
    expect(fails('{.spec.containers[0:6:0].name}', six)).toBe('step must be > 0');
    expect(fails('{.spec.containers[0:6:-1].name}', six)).toBe('step must be > 0');
  });
});

describe('client-go parser_test.go', () => {
  it('TestFailParser', () => {
    const cases: [string, string][] = [
      ['{.hello', 'unclosed action'],
      ['{*}', "unrecognized character in action: U+002A '*'"],
      ['{+12.3.0}', 'cannot parse number +12.3.0'],
      ['{[1}', 'unterminated array'],
      ['{[?(.price]}', 'unterminated filter'],
      ['{........}', 'invalid multiple recursive descent'],
    ];
    for (const [t, want] of cases) expect(() => parseJsonPath(t), t).toThrow(want);
  });
  it('TestParser (the node trees)', () => {
    expect(parseJsonPath('hello {.jsonpath}').nodes).toEqual([{ type: 'Text', text: 'hello ' }, { type: 'List', nodes: [{ type: 'Field', value: 'jsonpath' }] }]);
    expect(parseJsonPath("hello {['jsonpath']}").nodes[1]).toEqual({ type: 'List', nodes: [{ type: 'Field', value: 'jsonpath' }] });
    expect(parseJsonPath('{[1:3]}').nodes[0]).toEqual({
      type: 'List',
      nodes: [{ type: 'Array', params: [{ value: 1, known: true, derived: false }, { value: 3, known: true, derived: false }, { value: 0, known: false, derived: false }] }],
    });
    expect(parseJsonPath('{[-1]}').nodes[0]).toEqual({
      type: 'List',
      nodes: [{ type: 'Array', params: [{ value: -1, known: true, derived: false }, { value: 0, known: true, derived: true }, { value: 0, known: false, derived: false }] }],
    });
    const filter = (t: string) => (parseJsonPath(t).nodes[0] as { nodes: { right: { nodes: unknown[] } }[] }).nodes[0].right.nodes[0];
    expect(filter('{[?(@.status.nodeInfo.osImage == "()")]}')).toEqual({ type: 'Text', text: '()' });
    expect(filter('{[?(@.status.nodeInfo.osImage == "(\\"\\")")]}')).toEqual({ type: 'Text', text: '("")' });
    expect(filter('{[?(@.test == "())(")]}')).toEqual({ type: 'Text', text: '())(' });
    expect(filter("{[?(@.status.nodeInfo.osImage == 'Linux')]}")).toEqual({ type: 'Text', text: 'Linux' });
    expect(filter('{[?(@.status.nodeInfo.osImage == "{[()]}")]}')).toEqual({ type: 'Text', text: '{[()]}' });
    expect(filter(`{[?(@.status.nodeInfo.osImage == "''")]}`)).toEqual({ type: 'Text', text: "''" });
    expect(filter(`{[?(@.status.nodeInfo.osImage == '""')]}`)).toEqual({ type: 'Text', text: '""' });
    expect(filter("{[?(@.status.nodeInfo.osImage == '\\\\\\'')]}")).toEqual({ type: 'Text', text: "\\'" });
    expect(() => parseJsonPath('{\\\\\\}')).toThrow();
  });
});
