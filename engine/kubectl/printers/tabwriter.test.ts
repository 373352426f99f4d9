import { describe, expect, it } from 'vitest';
import { AlignRight, Debug, TabWriter, tabwrite } from './tabwriter';
import { formatFloatG, goSharpV, goSprint } from './gofmt';

// Cases of Go's text/tabwriter tabwriter_test.go (minwidth 8, tabwidth 0, padding 1, padchar '.').
const dots = { minwidth: 8, tabwidth: 0, padding: 1, padchar: '.', flags: 0 };

describe('TabWriter (text/tabwriter tests)', () => {
  it.each([
    ['1a', '', ''],
    ['1b', '\n\n\n', '\n\n\n'],
    ['1c', 'a\nb\nc', 'a\nb\nc'],
    ['2', '\t', '........'],
    ['4a', '*\t', '*.......'],
    ['5', '*\t*\t', '*.......*.......'],
    ['6', '*\t*\t*', '*.......*.......*'],
    ['7a', 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a.......b.......c\naa......bbb.....cccc\naaa.....bbbb\n'],
  ])('%s', (_n, input, want) => expect(tabwrite(input, dots)).toBe(want));

  it('7b (Debug)', () => {
    expect(tabwrite('a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', { ...dots, padchar: ' ', flags: Debug })).toBe('a       |b       |c\naa      |bbb     |cccc\naaa     |bbbb\n');
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
    expect(w.flush()).toBe('a      b\n');
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
