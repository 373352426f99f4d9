// kubectl's human-readable output of the Tables the server prints: cli-runtime's
// HumanReadablePrinter (tableprinter.go: decorateTable adds NAMESPACE, `-L` label columns, LABELS
// and `kind/` name prefixes; printTable writes upper-case headers, skips `-o wide` columns,
// truncates multi-line cells) and the loop of `kubectl get` (get.go Run) around it: one tab writer
// whose column widths carry across the tables of one resource, a blank line before the next
// resource's table, and the "No resources found" message when nothing was printed.

import { formatLabels } from '../../api/labels';
import type { Table, TableColumnDefinition, TableRow } from '../../api/types';
import { goSprint } from './gofmt';
import { TabWriter } from './tabwriter';

export interface GroupKind {
  group: string;
  kind: string;
}

/** printers.PrintOptions (the parts the table printer reads). */
export interface PrintOptions {
  noHeaders?: boolean;
  /** `-A`: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** `--show-kind` (or several kinds asked for): names as `kind.group/name`. */
  withKind?: boolean;
  /** `-o wide`: the columns of priority > 0 too. */
  wide?: boolean;
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean;
  kind?: GroupKind;
  /** `-L key`: a column per label key. */
  columnLabels?: string[];
}

/** terminal.go's escaper: ESC and CR would let a cell drive the terminal. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/** schema.GroupKind.String(): `Kind.group`, or `Kind` for the core group. */
export function groupKindString(gk: GroupKind): string {
  return gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
}

interface RowMeta {
  namespace?: string;
  labels?: Record<string, string>;
}

/** meta.Accessor of a row's object (PartialObjectMetadata or the object itself), if it has metadata. */
function rowMeta(row: TableRow): RowMeta | undefined {
  const o = row.object;
  if (typeof o !== 'object' || o === null) return undefined;
  const m = (o as { metadata?: unknown }).metadata;
  if (typeof m !== 'object' || m === null) return undefined;
  return m as RowMeta;
}

function formatLabelHeaders(columnLabels: readonly string[]): string[] {
  return columnLabels.map((l) => {
    const p = l.split('/');
    return p[p.length - 1].toUpperCase();
  });
}

const deepEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** decorateTable: the columns and cells the options add, on a copy of the table. */
export function decorateTable(table: Table, options: PrintOptions): Table {
  const columnLabels = options.columnLabels ?? [];
  let width = table.columnDefinitions.length + columnLabels.length;
  if (options.withNamespace) width++;
  if (options.showLabels) width++;

  let columns: TableColumnDefinition[] = table.columnDefinitions;
  let nameColumn = -1;
  if (options.withKind && options.kind && options.kind.kind !== '') {
    nameColumn = columns.findIndex((c) => c.format === 'name' && c.type === 'string');
  }
  if (width !== table.columnDefinitions.length) {
    const col = (name: string): TableColumnDefinition => ({ name, type: 'string', format: '', description: '', priority: 0 });
    columns = [];
    if (options.withNamespace) columns.push(col('Namespace'));
    columns.push(...table.columnDefinitions);
    for (const label of formatLabelHeaders(columnLabels)) columns.push(col(label));
    if (options.showLabels) columns.push(col('Labels'));
  }

  const includeLabels = columnLabels.length > 0 || !!options.showLabels;
  let rows = table.rows;
  if (includeLabels || options.withNamespace || nameColumn !== -1) {
    rows = table.rows.map((r) => {
      const row: TableRow = { ...r, cells: [...r.cells] };
      if (nameColumn !== -1) row.cells[nameColumn] = `${groupKindString(options.kind!).toLowerCase()}/${goSprint(row.cells[nameColumn])}`;
      const m = rowMeta(row);
      if (!m) {
        if (options.withNamespace) row.cells = [null, ...row.cells];
        // Upstream's loop re-reads len(row.Cells) as it appends, so it pads only part of the gap.
        for (let j = 0; j < width - row.cells.length; j++) row.cells.push(null);
        return row;
      }
      if (options.withNamespace) row.cells = [m.namespace ?? '', ...row.cells];
      if (includeLabels) {
        const labels = m.labels ?? {};
        for (const key of columnLabels) row.cells.push(labels[key] ?? '');
        if (options.showLabels) row.cells.push(formatLabels(labels));
      }
      return row;
    });
  }
  return { ...table, columnDefinitions: columns, rows };
}

/** printTable: the header line (unless noHeaders, and only with rows) and a line per row. */
export function printTable(table: Table, options: PrintOptions): string {
  const wide = !!options.wide;
  let out = '';
  if (!options.noHeaders) {
    if (table.rows.length === 0) return '';
    out += `${table.columnDefinitions
      .filter((c) => wide || c.priority === 0)
      .map((c) => c.name.toUpperCase())
      .join('\t')}\n`;
  }
  for (const row of table.rows) {
    const cells: string[] = [];
    for (let i = 0; i < row.cells.length; i++) {
      if (i >= table.columnDefinitions.length) break;
      if (!wide && table.columnDefinitions[i].priority !== 0) continue;
      const cell = row.cells[i];
      if (cell === null || cell === undefined) {
        cells.push('');
      } else if (typeof cell === 'string') {
        const breakAt = cell.search(/[\f\n\r]/);
        cells.push(breakAt >= 0 ? `${escapeTerminal(cell.slice(0, breakAt))}...` : escapeTerminal(cell));
      } else {
        cells.push(escapeTerminal(goSprint(cell)));
      }
    }
    out += `${cells.join('\t')}\n`;
  }
  return out;
}

/**
 * HumanReadablePrinter for Tables: it remembers the last columns it printed headers for, so a
 * second table with the same columns (another page, another named object) continues the first.
 */
export class HumanReadablePrinter {
  private lastColumns: TableColumnDefinition[] | undefined;
  private printedHeaders = false;

  constructor(readonly options: PrintOptions) {}

  /** PrintObj(table, w): write the table's lines into the tab writer. */
  printObj(input: Table, w: TabWriter): void {
    let table = input;
    const local: PrintOptions = { ...this.options };
    if (this.printedHeaders && (table.columnDefinitions.length === 0 || deepEqual(table.columnDefinitions, this.lastColumns))) local.noHeaders = true;
    if (table.columnDefinitions.length === 0) table = { ...table, columnDefinitions: this.lastColumns ?? [] };
    else if (!deepEqual(table.columnDefinitions, this.lastColumns)) {
      this.lastColumns = table.columnDefinitions;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    w.write(printTable(decorateTable(table, local), local));
  }
}

/** What `kubectl get` fetched for one request: the Table and the resource it came from. */
export interface GetResult {
  table: Table;
  /** The plural resource (e.g. 'deployments'): a new one starts a new table. */
  resource: string;
  group: string;
  /** The object's version, to tell kinds apart as kubectl does (a GroupVersionKind). */
  version?: string;
  kind: string;
  namespaced: boolean;
}

export interface GetPrintOptions {
  noHeaders?: boolean;
  wide?: boolean;
  /** `-A` / `--all-namespaces`. */
  allNamespaces?: boolean;
  showKind?: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  /** The namespace asked for, for the "No resources found in ... namespace." message. */
  namespace?: string;
}

/** The message `kubectl get` writes to stderr when it printed nothing (get.go Run). */
export function noResourcesFoundMessage(namespace: string | undefined, allResourcesNamespaced: boolean): string {
  return allResourcesNamespaced ? `No resources found in ${namespace ?? 'default'} namespace.\n` : 'No resources found\n';
}

/**
 * get.go Run's printing loop over the fetched Tables: what goes to stdout, and to stderr the
 * "No resources found" message when nothing was printed.
 */
export function printGet(results: readonly GetResult[], opts: GetPrintOptions = {}): { out: string; err: string } {
  const gvk = (r: GetResult) => `${r.group}/${r.version ?? ''}/${r.kind}`;
  const printWithKind = results.length >= 2 && results.some((r) => gvk(r) !== gvk(results[0]));
  let out = '';
  let written = 0;
  let ready = false;
  // separatorWriterWrapper over trackingWriterWrapper: a blank line before the next table's output.
  const sink = (text: string) => {
    if (text.length === 0) return;
    if (ready) {
      out += '\n';
      written += 1;
      ready = false;
    }
    out += text;
    written += text.length;
  };
  const w = new TabWriter();
  let printer: HumanReadablePrinter | undefined;
  let last: GetResult | undefined;
  let allResourcesNamespaced = !opts.allNamespaces;
  for (const r of results) {
    allResourcesNamespaced = allResourcesNamespaced && r.namespaced;
    const printWithNamespace = !!opts.allNamespaces && r.namespaced;
    if (!printer || !last || last.resource !== r.resource || last.group !== r.group || last.version !== r.version) {
      sink(w.flush());
      w.setRememberedWidths(null);
      if (last && !opts.noHeaders && written > 0) ready = true;
      printer = new HumanReadablePrinter({
        kind: { group: r.group, kind: r.kind },
        withKind: !!opts.showKind || printWithKind,
        noHeaders: opts.noHeaders,
        wide: opts.wide,
        withNamespace: printWithNamespace,
        columnLabels: opts.labelColumns ?? [],
        showLabels: opts.showLabels,
      });
      last = r;
    }
    printer.printObj(r.table, w);
    sink(w.take());
  }
  sink(w.flush());
  const err = written === 0 ? noResourcesFoundMessage(opts.namespace, allResourcesNamespaced) : '';
  return { out, err };
}
