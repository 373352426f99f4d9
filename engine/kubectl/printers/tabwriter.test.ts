import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignRight, TabWriter, tabwrite } from './tabwriter';
import { formatFloatG, goSharpV, goSprint } from './gofmt';

// The whole table of Go's text/tabwriter tabwriter_test.go (as github.com/liggitt/tabwriter carries
// it), extracted into testdata/tabwriter-tests.json.
interface GoCase {
  name: string;
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  flags: number;
  src: string;
  expected: string;
}
const goCases = JSON.parse(readFileSync(join(__dirname, 'testdata', 'tabwriter-tests.json'), 'utf8')) as GoCase[];

describe('TabWriter (tabwriter_test.go)', () => {
  it.each(goCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const cfg = { minwidth: c.minwidth, tabwidth: c.tabwidth, padding: c.padding, padchar: c.padchar, flags: c.flags };
    expect(tabwrite(c.src, cfg)).toBe(c.expected);
    // Written in pieces, as upstream's test also writes it.
    const w = new TabWriter(cfg);
    for (const ch of c.src) w.write(ch);
    expect(w.flush()).toBe(c.expected);
  });

  it('AlignRight', () => {
    expect(tabwrite('a\tbb\tc\n', { minwidth: 0, tabwidth: 0, padding: 1, padchar: ' ', flags: AlignRight })).toBe(' a bb\tc\n'.replace('\t', ''));
  });
  it('a line without tabs ends a block: columns are aligned per block', () => {
    expect(tabwrite('a\tb\nlonger\tc\nno tabs here\nx\ty\n')).toBe('a        b\nlonger   c\nno tabs here\nx        y\n');
  });
  it('RememberWidths keeps widths across flushes until they are reset', () => {
    const w = new TabWriter();
    w.write('aaaaaaaaaa\tb\n');
    expect(w.flush()).toBe('aaaaaaaaaa   b\n');
    w.write('a\tb\n');
    expect(w.flush()).toBe('a            b\n');
    w.setRememberedWidths(null);
    w.write('a\tb\n');
    expect(w.flush()).toBe('a     b\n');
  });
});

describe('Go fmt', () => {
  it('formats floats as %v does', () => {
    expect(formatFloatG(1.5)).toBe('1.5');
    expect(formatFloatG(100000)).toBe('100000');
    expect(formatFloatG(1e6)).toBe('1e+06');
    expect(formatFloatG(1234567.5)).toBe('1.2345675e+06');
    expect(formatFloatG(0.0001)).toBe('0.0001');
    expect(formatFloatG(0.00001)).toBe('1e-05');
    expect(formatFloatG(-2.5e-300)).toBe('-2.5e-300');
  });
  it('prints maps, slices and nil as fmt.Sprint and %#v do', () => {
    expect(goSprint({ b: [1, 'x'], a: null })).toBe('map[a:<nil> b:[1 x]]');
    expect(goSharpV({ b: [1, 'x'], a: null, c: {} })).toBe('map[string]interface {}{"a":interface {}(nil), "b":[]interface {}{1, "x"}, "c":map[string]interface {}{}}');
  });
});
