// kubectl's -o flag and its printers, as the commands share them (cli-runtime PrintFlags): human
// tables from the server's Table, and json, yaml, name, jsonpath, custom-columns of the objects.

import type { Table } from '../api/types';
import type { FlagDef } from '../etcdctl/flags';
import type { ApiResource, KubectlContext } from './context';
import { CommandError } from './errors';
import { parseCustomColumnsSpec, printCustomColumns } from './printers/custom-columns';
import { toJson } from './printers/json';
import { printJsonPath } from './printers/jsonpath';
import { asList } from './printers/list';
import { toNames } from './printers/name';
import { printGet, type GetResult } from './printers/table';
import { toYaml } from './printers/yaml';

/** The Accept header kubectl sends for human output. */
export const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** -o and the flags of the human printer. */
export const outputFlags: FlagDef[] = [
  { name: 'output', shorthand: 'o', kind: 'string', def: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).' },
  { name: 'no-headers', kind: 'bool', def: 'false', usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
  { name: 'show-labels', kind: 'bool', def: 'false', usage: 'When printing, show all labels as the last column (default hide labels column)' },
  { name: 'show-kind', kind: 'bool', def: 'false', usage: 'If present, list the resource type for the requested object(s).' },
  { name: 'label-columns', shorthand: 'L', kind: 'stringSlice', def: '[]', usage: 'Accepts a comma separated list of labels that are going to be presented as columns.' },
  { name: 'sort-by', kind: 'string', def: '', usage: 'If non-empty, sort list types using this field specification.' },
  { name: 'allow-missing-template-keys', kind: 'bool', def: 'true', usage: 'If true, ignore any errors in templates when a field or map key is missing in the template.' },
];

/** What -o asks for. */
export interface OutputOptions {
  /** '' (human), 'wide', 'json', 'yaml', 'name', 'jsonpath', 'custom-columns'. */
  format: string;
  /** The template of jsonpath / custom-columns. */
  template: string;
  noHeaders: boolean;
  showLabels: boolean;
  showKind: boolean;
  labelColumns: string[];
  allowMissingKeys: boolean;
  allNamespaces?: boolean;
}

const formats = ['', 'wide', 'json', 'yaml', 'name', 'jsonpath', 'jsonpath-as-json', 'custom-columns'];

/** Reads -o; `error: unable to match a printer suitable for the output format "x"…` for an unknown one. */
export function readOutputOptions(ctx: KubectlContext): OutputOptions {
  const o = ctx.flag<string>('output') ?? '';
  const eq = o.indexOf('=');
  const format = eq < 0 ? o : o.slice(0, eq);
  const template = eq < 0 ? '' : o.slice(eq + 1);
  if (!formats.includes(format)) {
    throw new CommandError(`unable to match a printer suitable for the output format "${o}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
  }
  if ((format === 'jsonpath' || format === 'custom-columns') && !template) throw new CommandError(`${format} template format specified but no ${format} template given`);
  return {
    format,
    template,
    noHeaders: ctx.flag<boolean>('no-headers') ?? false,
    showLabels: ctx.flag<boolean>('show-labels') ?? false,
    showKind: ctx.flag<boolean>('show-kind') ?? false,
    labelColumns: ctx.flag<string[]>('label-columns') ?? [],
    allowMissingKeys: ctx.flag<boolean>('allow-missing-template-keys') ?? true,
  };
}

/** Prints objects with a non-human format; `single` prints the object itself rather than a List; `typed`: built by kubectl (toJson). */
export function printObjects(ctx: KubectlContext, objects: Record<string, unknown>[], opts: OutputOptions, single: boolean, typed = false): void {
  const value = single && objects.length === 1 ? objects[0] : asList(objects);
  switch (opts.format) {
    case 'json':
      ctx.io.out(toJson(value, typed));
      return;
    case 'yaml':
      ctx.io.out(toYaml(value));
      return;
    case 'name':
      ctx.io.out(toNames(objects as never));
      return;
    case 'jsonpath':
    case 'jsonpath-as-json': {
      const r = printJsonPath(opts.template, value, { allowMissingKeys: opts.allowMissingKeys, jsonOutput: opts.format === 'jsonpath-as-json' });
      if ('error' in r) throw new CommandError(r.error);
      ctx.io.out(r.out);
      return;
    }
    case 'custom-columns':
      ctx.io.out(printCustomColumns(parseCustomColumnsSpec(opts.template), objects, { noHeaders: opts.noHeaders }));
      return;
  }
}

/**
 * Prints server Tables as kubectl's get does (a blank line between kinds, kind prefixes when several
 * kinds are shown); answers whether anything was printed, after writing "No resources found…" when
 * nothing was and `namespace` says where it looked.
 */
export function printTables(ctx: KubectlContext, tables: { resource: ApiResource; table: Table }[], opts: OutputOptions, namespace?: string): boolean {
  const results: GetResult[] = tables.map(({ resource, table }) => ({ table, resource: resource.name, group: resource.group, version: resource.version, kind: resource.kind, namespaced: resource.namespaced }));
  const { out, err } = printGet(results, {
    noHeaders: opts.noHeaders,
    wide: opts.format === 'wide',
    allNamespaces: opts.allNamespaces,
    showKind: opts.showKind,
    showLabels: opts.showLabels,
    labelColumns: opts.labelColumns,
    namespace,
  });
  ctx.io.out(out);
  if (namespace !== undefined || opts.allNamespaces) ctx.io.err(err);
  return out.length > 0;
}
