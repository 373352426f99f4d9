// Shell arithmetic, `$(( … ))` (POSIX 2.6.4): integers with C's operators and precedence, bare
// variable names read as numbers (unset or empty is 0), and `name=`, `name+=`, `name-=` assignments.

/** An arithmetic error, with the text busybox ash prints. */
export class ArithError extends Error {}

/** The variables arithmetic reads and assigns. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const binaryLevels: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<=', '>=', '<', '>'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

/** Evaluates an arithmetic expression. */
export function evalArith(expr: string, vars: ArithVars): number {
  const toks = expr.match(/\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|\+=|-=|\*=|\|\||&&|==|!=|<=|>=|<<|>>|[-+*/%()<>!~&|^=])/g)?.map((t) => t.trim()) ?? [];
  if (toks.join('') !== expr.replace(/\s+/g, '')) throw new ArithError(`sh: arithmetic syntax error`);
  let i = 0;
  const peek = () => toks[i];
  const num = (name: string): number => {
    const v = vars.get(name);
    if (v === undefined || v === '') return 0;
    const n = Number.parseInt(v, 10);
    if (!/^\s*-?\d+\s*$/.test(v)) throw new ArithError(`sh: arithmetic syntax error`);
    return n;
  };
  const primary = (): number => {
    const t = toks[i++];
    if (t === undefined) throw new ArithError('sh: arithmetic syntax error');
    if (t === '(') {
      const v = assignment();
      if (toks[i++] !== ')') throw new ArithError('sh: arithmetic syntax error');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() === 0 ? 1 : 0;
    if (t === '~') return ~primary();
    if (/^\d+$/.test(t)) return Number.parseInt(t, 10);
    if (/^[A-Za-z_]/.test(t)) return num(t);
    throw new ArithError('sh: arithmetic syntax error');
  };
  const level = (n: number): number => {
    if (n === binaryLevels.length) return primary();
    let left = level(n + 1);
    while (binaryLevels[n].includes(peek())) {
      const op = toks[i++];
      const right = level(n + 1);
      left = apply(op, left, right);
    }
    return left;
  };
  const assignment = (): number => {
    const name = toks[i];
    const op = toks[i + 1];
    if (/^[A-Za-z_]/.test(name ?? '') && (op === '=' || op === '+=' || op === '-=' || op === '*=')) {
      i += 2;
      const rhs = assignment();
      const v = op === '=' ? rhs : apply(op[0], num(name), rhs);
      vars.set(name, String(v));
      return v;
    }
    return level(0);
  };
  if (toks.length === 0) return 0;
  const v = assignment();
  if (i !== toks.length) throw new ArithError('sh: arithmetic syntax error');
  return v;
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ArithError('sh: divide by zero');
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '<': return a < b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '&': return a & b;
    case '^': return a ^ b;
    case '|': return a | b;
    case '&&': return a !== 0 && b !== 0 ? 1 : 0;
    case '||': return a !== 0 || b !== 0 ? 1 : 0;
    default: throw new ArithError('sh: arithmetic syntax error');
  }
}
