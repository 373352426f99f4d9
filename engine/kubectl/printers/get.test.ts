import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFor } from '../../apiserver/printers/index';
import type { KubeObject } from '../../api/types';
import { parseCustomColumnsSpec, printCustomColumns } from './custom-columns';
import { toJson } from './json';
import { printJsonPath } from './jsonpath';
import { asList } from './list';
import { toNames } from './name';
import { printGet, type GetPrintOptions } from './table';
import { toYaml } from './yaml';
import { genericCases, getCases, type GetRequest } from './testdata/get/cases';
import { fixedNowMs } from './testdata/get/fake-apiserver';

// testdata/get/out/* is what kubectl v1.32.4 printed when the fake apiserver (testdata/get/record.ts)
// served testdata/get/objects.json and the Tables engine/apiserver/printers made of them.
const dir = join(__dirname, 'testdata', 'get');
const objects = JSON.parse(readFileSync(join(dir, 'objects.json'), 'utf8')) as Record<string, KubeObject[]>;
const recorded = (name: string, ext: string) => {
  const p = join(dir, 'out', `${name}.${ext}`);
  return existsSync(p) ? readFileSync(p, 'utf8') : '';
};

function itemsFor(r: GetRequest): KubeObject[] {
  return (objects[r.resource] ?? []).filter((o) => (!r.namespace || o.metadata.namespace === r.namespace) && (!r.name || o.metadata.name === r.name));
}

function optionsOf(args: string[]): GetPrintOptions {
  const o: GetPrintOptions = { namespace: 'default', labelColumns: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' && args[i + 1] === 'wide') o.wide = true;
    if (a === '-A') o.allNamespaces = true;
    if (a === '--no-headers') o.noHeaders = true;
    if (a === '--show-labels') o.showLabels = true;
    if (a === '--show-kind') o.showKind = true;
    if (a === '-L') o.labelColumns!.push(args[i + 1]);
  }
  return o;
}

describe('kubectl get: tables (fixtures)', () => {
  it.each(getCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const results = c.requests.map((r) => ({
      table: tableFor(r.resource, r.group, itemsFor(r), { nowMs: fixedNowMs, resourceVersion: r.name ? undefined : '100' }),
      resource: r.resource,
      group: r.group,
      version: r.version,
      kind: r.kind,
      namespaced: r.namespaced,
    }));
    const got = printGet(results, optionsOf(c.args));
    expect(got.out).toBe(recorded(c.name, 'out'));
    expect(got.err).toBe(recorded(c.name, 'err'));
  });
});

describe('kubectl get: yaml, json, name, jsonpath, custom-columns (fixtures)', () => {
  const items = (name: string) => genericCases.find((c) => c.name === name)!.requests.flatMap(itemsFor);
  const arg = (name: string) => genericCases.find((c) => c.name === name)!.args.find((a) => a.includes('='))!;
  it('pods-yaml: several objects print as one List', () => expect(toYaml(asList(items('pods-yaml')))).toBe(recorded('pods-yaml', 'out')));
  it('pods-json', () => expect(toJson(asList(items('pods-json')))).toBe(recorded('pods-json', 'out')));
  it('pod-yaml: one named object prints as itself', () => expect(toYaml(items('pod-yaml')[0])).toBe(recorded('pod-yaml', 'out')));
  it('pods-name', () => expect(toNames(items('pods-name'))).toBe(recorded('pods-name', 'out')));
  it('pods-jsonpath', () => {
    const template = arg('pods-jsonpath').slice('jsonpath='.length);
    expect(printJsonPath(template, asList(items('pods-jsonpath')))).toEqual({ out: recorded('pods-jsonpath', 'out') });
  });
  it.each(['pods-custom-columns', 'pods-custom-columns-no-headers', 'deploy-custom-columns'])('%s', (name) => {
    const c = genericCases.find((x) => x.name === name)!;
    const spec = arg(name).slice('custom-columns='.length);
    expect(printCustomColumns(parseCustomColumnsSpec(spec), items(name), { noHeaders: c.args.includes('--no-headers') })).toBe(recorded(name, 'out'));
  });
});
