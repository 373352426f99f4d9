// Colours for YAML shown read-only (the resource browser), line by line, without a parser: a key
// up to its colon, a `- ` list marker, a comment, and the value after them.

/** A run of one line's text and what it is. */
export interface YamlToken {
  text: string;
  kind: 'key' | 'punct' | 'string' | 'number' | 'bool' | 'comment' | 'plain';
}

const scalarKind = (v: string): YamlToken['kind'] => {
  const t = v.trim();
  if (/^(true|false|null|~)$/.test(t)) return 'bool';
  if (/^-?\d+(\.\d+)?$/.test(t)) return 'number';
  if (/^["']/.test(t)) return 'string';
  return 'plain';
};

/** The tokens of one line. */
export function highlightYamlLine(line: string): YamlToken[] {
  const out: YamlToken[] = [];
  const m = /^(\s*)((?:- )*)(.*)$/.exec(line)!;
  const [, indent, dashes, rest] = m;
  if (indent) out.push({ text: indent, kind: 'plain' });
  if (dashes) out.push({ text: dashes, kind: 'punct' });
  if (rest.startsWith('#')) return [...out, { text: rest, kind: 'comment' }];
  const key = /^("[^"]*"|'[^']*'|[^\s:#][^:#]*?):(\s|$)/.exec(rest);
  if (key) {
    out.push({ text: key[1], kind: 'key' }, { text: ':', kind: 'punct' });
    const value = rest.slice(key[1].length + 1);
    if (value) out.push({ text: value, kind: scalarKind(value) });
    return out;
  }
  if (rest) out.push({ text: rest, kind: scalarKind(rest) });
  return out;
}
