// Problems found at offsets of the text, as line/column marks an editor draws: one line each (a
// mark on a list item or a map is its first line), never empty.

import { positionOf, type ParsedManifests, type TextProblem } from './yaml-doc';

/** Where problems come from: the YAML parse, the shipped schemas, or the apiserver's answer. */
export type DiagnosticSource = 'yaml' | 'schema' | 'server';

/** A mark in the editor (1-based lines and columns, end exclusive). */
export interface Diagnostic {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  message: string;
  source: DiagnosticSource;
}

/** Puts a problem on its first line. */
export function toDiagnostic(parsed: ParsedManifests, p: TextProblem, source: DiagnosticSource): Diagnostic {
  const text = parsed.text;
  const start = Math.max(0, Math.min(p.start, text.length));
  const nl = text.indexOf('\n', start);
  const lineEnd = nl < 0 ? text.length : nl;
  let end = Math.min(Math.max(p.end, start), lineEnd);
  if (end === start) end = Math.min(lineEnd, start + 1);
  const a = positionOf(parsed, start);
  const b = positionOf(parsed, end);
  const endColumn = b.line === a.line && b.col > a.col ? b.col : a.col + 1;
  return { startLine: a.line, startColumn: a.col, endLine: a.line, endColumn, severity: p.severity, message: p.message, source };
}
