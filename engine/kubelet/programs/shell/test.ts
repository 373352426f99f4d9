// test(1) / `[ … ]`, the POSIX forms scripts use: file tests, string tests, integer comparisons,
// `!`, and `-a`/`-o` between them. Errors as busybox prints them.

import type { FileSystem } from '../fs';

/** Evaluates test's arguments: 0 true, 1 false, 2 error. */
export function builtinTest(args: string[], fs: FileSystem, err: (text: string) => void): number {
  try {
    if (args.length === 0) return 1;
    return orExpr(args, fs) ? 0 : 1;
  } catch (e) {
    err(`sh: ${(e as Error).message}\n`);
    return 2;
  }
}

function orExpr(args: string[], fs: FileSystem): boolean {
  const i = args.indexOf('-o');
  if (i > 0) return andExpr(args.slice(0, i), fs) || orExpr(args.slice(i + 1), fs);
  return andExpr(args, fs);
}

function andExpr(args: string[], fs: FileSystem): boolean {
  const i = args.indexOf('-a', 1);
  if (i > 0 && args.length > 3) return primary(args.slice(0, i), fs) && andExpr(args.slice(i + 1), fs);
  return primary(args, fs);
}

function primary(args: string[], fs: FileSystem): boolean {
  if (args[0] === '!') return !primary(args.slice(1), fs);
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) return unary(args[0], args[1], fs);
  if (args.length === 3) return binary(args[0], args[1], args[2]);
  throw new Error(`${args[0]}: unknown operand`);
}

function unary(op: string, a: string, fs: FileSystem): boolean {
  switch (op) {
    case '-z': return a === '';
    case '-n': return a !== '';
    case '-e': return fs.exists(a);
    case '-f': return fs.exists(a) && !fs.isDir(a);
    case '-d': return fs.isDir(a);
    case '-s': {
      const f = fs.read(a);
      return 'text' in f && f.text.length > 0;
    }
    case '-r':
    case '-w':
    case '-x': return fs.exists(a);
    default: throw new Error(`${op}: unknown operand`);
  }
}

function binary(a: string, op: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==': return a === b;
    case '!=': return a !== b;
  }
  const x = toInt(a);
  const y = toInt(b);
  switch (op) {
    case '-eq': return x === y;
    case '-ne': return x !== y;
    case '-lt': return x < y;
    case '-le': return x <= y;
    case '-gt': return x > y;
    case '-ge': return x >= y;
    default: throw new Error(`${op}: unknown operand`);
  }
}

function toInt(s: string): number {
  if (!/^\s*-?\d+\s*$/.test(s)) throw new Error(`invalid number '${s}'`);
  return Number.parseInt(s, 10);
}
