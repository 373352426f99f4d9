// The POSIX shell grammar (IEEE 1003.1 "Shell Command Language", 2.9/2.10), the part container
// commands use: lists with `;` `&` `&&` `||` and newlines, pipelines, `while`/`until`/`for`/`if`,
// `( … )` and `{ …; }`, assignments, redirections, and words with quotes, `$VAR`, `${VAR}`,
// `$( … )` and `$(( … ))`. Errors read as busybox ash prints them.

/** A piece of a word, before expansion. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'cmd'; source: string; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean };

/** A shell word: its parts, concatenated after expansion. */
export interface Word {
  parts: WordPart[];
}

/** A redirection of a command's output or input. */
export interface Redir {
  fd: 0 | 1 | 2;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

/** A parsed command. */
export type Node =
  | { kind: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redir[] }
  | { kind: 'pipeline'; cmds: Node[]; negate: boolean }
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'list'; items: { node: Node; background: boolean }[] }
  | { kind: 'loop'; until: boolean; cond: Node; body: Node }
  | { kind: 'for'; name: string; items: Word[] | null; body: Node }
  | { kind: 'if'; branches: { cond: Node; body: Node }[]; otherwise: Node | null }
  | { kind: 'group'; body: Node; subshell: boolean };

/** A syntax error, with the text the shell prints. */
export class ShellSyntaxError extends Error {}

type Token = { kind: 'word'; word: Word; raw: string } | { kind: 'op'; op: string } | { kind: 'redir'; fd: 0 | 1 | 2; op: Redir['op'] };

const operators = ['&&', '||', ';', '&', '|', '(', ')', '\n'];
const redirOps: [string, 0 | 1 | 2, Redir['op']][] = [
  ['2>&1', 2, '>&'], ['1>&2', 1, '>&'], ['>&2', 1, '>&'], ['2>>', 2, '>>'], ['1>>', 1, '>>'], ['2>', 2, '>'], ['1>', 1, '>'], ['>>', 1, '>>'], ['>', 1, '>'], ['<', 0, '<'],
];
const keywords = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', '{', '}', '!']);

/** Parses a script (the argument of `sh -c`). */
export function parseScript(src: string): Node {
  const p = new Parser(tokenize(src));
  const node = p.list(new Set());
  p.expectEnd();
  return node;
}

/** Parses the words of a `$( … )` or a string into tokens; exported for tests. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const redir = redirOps.find(([op]) => src.startsWith(op, i));
    if (redir) {
      out.push({ kind: 'redir', fd: redir[1], op: redir[2] });
      i += redir[0].length;
      if (redir[2] === '>&') out.push({ kind: 'word', word: { parts: [{ kind: 'lit', text: redir[0].endsWith('1') ? '1' : '2', quoted: true }] }, raw: '' });
      continue;
    }
    const op = operators.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', op });
      i += op.length;
      continue;
    }
    const [word, raw, next] = readWord(src, i);
    out.push({ kind: 'word', word, raw });
    i = next;
  }
  return out;
}

function isWordEnd(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
}

// One word from `start`: its parts, its raw text (for keywords) and where it ends.
function readWord(src: string, start: number): [Word, string, number] {
  const parts: WordPart[] = [];
  const lit = (text: string, quoted: boolean) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
    else parts.push({ kind: 'lit', text, quoted });
  };
  let i = start;
  while (i < src.length && !isWordEnd(src[i])) {
    const c = src[i];
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
      lit(src.slice(i + 1, end), true);
      i = end + 1;
    } else if (c === '"') {
      i = readDoubleQuoted(src, i + 1, parts, lit);
    } else if (c === '\\') {
      if (i + 1 < src.length) lit(src[i + 1], true);
      i += 2;
    } else if (c === '$') {
      i = readDollar(src, i, false, parts, lit);
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
      parts.push({ kind: 'cmd', source: src.slice(i + 1, end), quoted: false });
      i = end + 1;
    } else {
      lit(c, false);
      i++;
    }
  }
  return [{ parts }, src.slice(start, i), i];
}

function readDoubleQuoted(src: string, i: number, parts: WordPart[], lit: (t: string, q: boolean) => void): number {
  for (;;) {
    if (i >= src.length) throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
    const c = src[i];
    if (c === '"') return i + 1;
    if (c === '\\' && '$`"\\\n'.includes(src[i + 1] ?? '')) {
      if (src[i + 1] !== '\n') lit(src[i + 1], true);
      i += 2;
    } else if (c === '$') {
      i = readDollar(src, i, true, parts, lit);
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
      parts.push({ kind: 'cmd', source: src.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else {
      lit(c, true);
      i++;
    }
  }
}

// `$NAME`, `${NAME}`, `$?`, `$1`, `$( … )` or `$(( … ))` at src[i] === '$'.
function readDollar(src: string, i: number, quoted: boolean, parts: WordPart[], lit: (t: string, q: boolean) => void): number {
  const next = src[i + 1];
  if (src.startsWith('$((', i)) {
    const end = matchClose(src, i + 3, 2);
    parts.push({ kind: 'arith', expr: src.slice(i + 3, end), quoted });
    return end + 2;
  }
  if (next === '(') {
    const end = matchClose(src, i + 2, 1);
    parts.push({ kind: 'cmd', source: src.slice(i + 2, end), quoted });
    return end + 1;
  }
  if (next === '{') {
    const end = src.indexOf('}', i + 2);
    if (end < 0) throw new ShellSyntaxError('sh: syntax error: missing \'}\'');
    parts.push({ kind: 'var', name: src.slice(i + 2, end), quoted });
    return end + 1;
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])/.exec(src.slice(i + 1));
  if (!m) {
    lit('$', quoted);
    return i + 1;
  }
  parts.push({ kind: 'var', name: m[1], quoted });
  return i + 1 + m[1].length;
}

// The index of the `)` (or `))` with depth 2) closing a group opened just before `from`.
function matchClose(src: string, from: number, closers: 1 | 2): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === "'") {
      i = src.indexOf("'", i + 1);
      if (i < 0) break;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0 && (closers === 1 || src[i + 1] === ')')) return i;
      depth--;
    }
  }
  throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  expectEnd(): void {
    this.skipNewlines();
    const t = this.toks[this.i];
    if (t) throw new ShellSyntaxError(`sh: syntax error: unexpected "${t.kind === 'op' ? t.op : t.kind === 'word' ? t.raw : '>'}"`);
  }

  // A list, stopping before any of the keywords in `stop` (at command position).
  list(stop: Set<string>): Node {
    const items: { node: Node; background: boolean }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atEnd() || this.atKeyword(stop) || this.atOp(')')) break;
      const node = this.andOr();
      const t = this.peekOp();
      const background = t === '&';
      if (t === ';' || t === '&' || t === '\n') this.i++;
      items.push({ node, background });
      if (!t || (t !== ';' && t !== '&' && t !== '\n')) break;
    }
    if (items.length === 0) throw new ShellSyntaxError(`sh: syntax error: unexpected ${this.describeNext()}`);
    return items.length === 1 && !items[0].background ? items[0].node : { kind: 'list', items };
  }

  private andOr(): Node {
    let left = this.pipeline();
    for (;;) {
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') return left;
      this.i++;
      this.skipNewlines();
      const right = this.pipeline();
      left = { kind: op === '&&' ? 'and' : 'or', left, right };
    }
  }

  private pipeline(): Node {
    let negate = false;
    if (this.atKeyword(new Set(['!']))) {
      this.i++;
      negate = true;
    }
    const cmds = [this.command()];
    while (this.peekOp() === '|') {
      this.i++;
      this.skipNewlines();
      cmds.push(this.command());
    }
    return cmds.length === 1 && !negate ? cmds[0] : { kind: 'pipeline', cmds, negate };
  }

  private command(): Node {
    const t = this.toks[this.i];
    if (t?.kind === 'op' && t.op === '(') {
      this.i++;
      const body = this.list(new Set());
      this.expectOp(')');
      return { kind: 'group', body, subshell: true };
    }
    if (t?.kind === 'word' && keywords.has(t.raw)) return this.compound(t.raw);
    return this.simple();
  }

  private compound(kw: string): Node {
    this.i++;
    switch (kw) {
      case 'while':
      case 'until': {
        const cond = this.list(new Set(['do']));
        this.expectKeyword('do');
        const body = this.list(new Set(['done']));
        this.expectKeyword('done');
        return { kind: 'loop', until: kw === 'until', cond, body };
      }
      case 'for':
        return this.forLoop();
      case 'if':
        return this.ifClause();
      case '{': {
        const body = this.list(new Set(['}']));
        this.expectKeyword('}');
        return { kind: 'group', body, subshell: false };
      }
      default:
        throw new ShellSyntaxError(`sh: syntax error: unexpected "${kw}"`);
    }
  }

  private forLoop(): Node {
    const nameTok = this.toks[this.i++];
    if (nameTok?.kind !== 'word') throw new ShellSyntaxError('sh: syntax error: bad for loop variable');
    let items: Word[] | null = null;
    this.skipNewlines();
    if (this.atKeyword(new Set(['in']))) {
      this.i++;
      items = [];
      for (let t = this.toks[this.i]; t?.kind === 'word'; t = this.toks[++this.i]) items.push(t.word);
    }
    if (this.peekOp() === ';' || this.peekOp() === '\n') this.i++;
    this.skipNewlines();
    this.expectKeyword('do');
    const body = this.list(new Set(['done']));
    this.expectKeyword('done');
    return { kind: 'for', name: nameTok.raw, items, body };
  }

  private ifClause(): Node {
    const branches: { cond: Node; body: Node }[] = [];
    let otherwise: Node | null = null;
    for (;;) {
      const cond = this.list(new Set(['then']));
      this.expectKeyword('then');
      const body = this.list(new Set(['elif', 'else', 'fi']));
      branches.push({ cond, body });
      const kw = this.nextRaw();
      if (kw !== 'elif' && kw !== 'else' && kw !== 'fi') throw new ShellSyntaxError(`sh: syntax error: unexpected ${this.describeNext()} (expecting "fi")`);
      this.i++;
      if (kw === 'elif') continue;
      if (kw === 'else') {
        otherwise = this.list(new Set(['fi']));
        this.expectKeyword('fi');
      }
      return { kind: 'if', branches, otherwise };
    }
  }

  private simple(): Node {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.toks[this.i];
      if (!t || t.kind === 'op') break;
      this.i++;
      if (t.kind === 'redir') {
        const target = this.toks[this.i++];
        if (target?.kind !== 'word') throw new ShellSyntaxError('sh: syntax error: unexpected newline');
        redirs.push({ fd: t.fd, op: t.op, target: target.word });
        continue;
      }
      const m = words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw) : null;
      if (m) assigns.push({ name: m[1], value: dropPrefix(t.word, m[0].length) });
      else words.push(t.word);
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) throw new ShellSyntaxError(`sh: syntax error: unexpected ${this.describeNext()}`);
    return { kind: 'simple', assigns, words, redirs };
  }

  private describeNext(): string {
    const t = this.toks[this.i];
    if (!t) return 'end of file';
    if (t.kind === 'op') return t.op === '\n' ? 'newline' : `"${t.op}"`;
    return t.kind === 'word' ? `"${t.raw}"` : 'redirection';
  }

  private skipNewlines(): void {
    while (this.peekOp() === '\n') this.i++;
  }
  private atEnd(): boolean {
    return this.i >= this.toks.length;
  }
  private peekOp(): string | undefined {
    const t = this.toks[this.i];
    return t?.kind === 'op' ? t.op : undefined;
  }
  private atOp(op: string): boolean {
    return this.peekOp() === op;
  }
  private nextRaw(): string | undefined {
    const t = this.toks[this.i];
    return t?.kind === 'word' ? t.raw : undefined;
  }
  private atKeyword(set: Set<string>): boolean {
    const raw = this.nextRaw();
    return raw !== undefined && set.has(raw);
  }
  private expectKeyword(kw: string): void {
    this.skipNewlines();
    if (this.nextRaw() !== kw) throw new ShellSyntaxError(`sh: syntax error: unexpected ${this.describeNext()} (expecting "${kw}")`);
    this.i++;
  }
  private expectOp(op: string): void {
    if (this.peekOp() !== op) throw new ShellSyntaxError(`sh: syntax error: unexpected ${this.describeNext()} (expecting "${op}")`);
    this.i++;
  }
}

// The word with its first `n` raw characters (an assignment's `NAME=`) removed; they are literal.
function dropPrefix(word: Word, n: number): Word {
  const parts = word.parts.map((p) => ({ ...p }));
  let left = n;
  while (left > 0 && parts.length > 0) {
    const p = parts[0];
    if (p.kind !== 'lit') break;
    if (p.text.length <= left) {
      left -= p.text.length;
      parts.shift();
    } else {
      parts[0] = { ...p, text: p.text.slice(left) };
      left = 0;
    }
  }
  return { parts };
}
