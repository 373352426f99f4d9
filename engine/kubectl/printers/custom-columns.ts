// kubectl's `-o custom-columns=NAME:.metadata.name,...` and `-o custom-columns-file=<file>`
// (kubectl/pkg/cmd/get/customcolumn.go): each column a relaxed JSONPath evaluated with missing
// keys allowed, `<none>` when it finds nothing, several results joined by commas, laid out by
// kubectl's tab writer.

import { JSONPath, sprintValue } from './jsonpath';
import { TabWriter } from './tabwriter';
import { escapeTerminal } from './table';

export interface Column {
  header: string;
  /** A complete JSONPath template, e.g. `{.metadata.name}`. */
  fieldSpec: string;
}

const jsonRegexp = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJSONPathExpression(pathExpression: string): string {
  if (pathExpression.length === 0) return pathExpression;
  const m = pathExpression.match(jsonRegexp);
  if (!m) throw new Error("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec's parsing of `HEADER:path,HEADER:path`. */
export function parseCustomColumnsSpec(spec: string): Column[] {
  if (spec.length === 0) throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJSONPathExpression(part.slice(i + 1)) };
  });
}

/** NewCustomColumnsPrinterFromTemplate: a line of headers, then a line of field specs. */
export function parseCustomColumnsTemplate(text: string): Column[] {
  // bufio.Scanner lines: split on \n, a trailing \r dropped.
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (text.length === 0 || lines.length < 1) throw new Error('invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.');
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '' && text.endsWith('\n'))) {
    throw new Error('invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.');
  }
  const words = (l: string) => l.split(/[\s\u0085\u00a0]+/u).filter((w) => w.length > 0);
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) throw new Error(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJSONPathExpression(specs[i]) }));
}

/**
 * The output of CustomColumnsPrinter.PrintObj for these objects (a List's items, or one object):
 * the header line unless noHeaders, then a row per object. Throws where a column's template does
 * not parse or run.
 */
export function printCustomColumns(columns: readonly Column[], objects: readonly unknown[], opts: { noHeaders?: boolean } = {}): string {
  const w = new TabWriter();
  if (!opts.noHeaders) w.write(`${columns.map((c) => c.header).join('\t')}\n`);
  const parsers = columns.map((c, ix) => {
    const j = new JSONPath(`column${ix}`).allowMissingKeys(true);
    j.parse(c.fieldSpec);
    return j;
  });
  for (const obj of objects) {
    const data = JSON.parse(JSON.stringify(obj ?? null)) as unknown;
    const cells = parsers.map((parser) => {
      const values = parser.findResults(data);
      const strings: string[] = [];
      if (values.length === 0 || values[0].length === 0) strings.push('<none>');
      for (const group of values) for (const v of group) strings.push(escapeTerminal(sprintValue(v)));
      return strings.join(',');
    });
    w.write(`${cells.join('\t')}\n`);
  }
  return w.flush();
}
