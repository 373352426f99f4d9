import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from './json';
import { toNames } from './name';
import { isYamlTimestamp, resolveTag, toYaml, toYamlDocuments, yamlKeyLess } from './yaml';

// testdata/out/* is what kubectl v1.32.4 printed for testdata/objects/* (testdata/record.sh).
const dir = join(__dirname, 'testdata');
const fixtures = readdirSync(join(dir, 'objects')).map((f) => f.replace(/\.json$/, ''));
const read = (p: string) => readFileSync(join(dir, p), 'utf8');

describe('kubectl -o yaml, -o json, -o name (fixtures)', () => {
  it.each(fixtures)('%s.yaml', (name) => {
    const obj = JSON.parse(read(`objects/${name}.json`));
    expect(toYaml(obj)).toBe(read(`out/${name}.yaml`));
  });
  it.each(fixtures)('%s.json', (name) => {
    const obj = JSON.parse(read(`objects/${name}.json`));
    expect(toJson(obj)).toBe(read(`out/${name}.json`));
  });
  it.each(fixtures)('%s.name', (name) => {
    const obj = JSON.parse(read(`objects/${name}.json`));
    expect(toNames([obj])).toBe(read(`out/${name}.name`));
  });
});

describe('go-yaml v2 pieces', () => {
  it('resolves plain scalars as go-yaml does', () => {
    expect(resolveTag('abc')).toBe('str');
    expect(resolveTag('yes')).toBe('bool');
    expect(resolveTag('yES')).toBe('str');
    expect(resolveTag('~')).toBe('null');
    expect(resolveTag('')).toBe('null');
    expect(resolveTag('0x1F')).toBe('int');
    expect(resolveTag('1_000')).toBe('int');
    expect(resolveTag('08')).toBe('float');
    expect(resolveTag('1e400')).toBe('str');
    expect(resolveTag('1.2.3')).toBe('str');
    expect(resolveTag('0b-1')).toBe('int');
    expect(resolveTag('2024-01-01T00:00:00Z')).toBe('timestamp');
  });
  it('parses timestamps with time.Parse in go-yaml layouts', () => {
    expect(isYamlTimestamp('2024-1-2')).toBe(true);
    expect(isYamlTimestamp('2024-02-30')).toBe(false);
    expect(isYamlTimestamp('2024-01-01 10:00:00')).toBe(true);
    expect(isYamlTimestamp('2024-01-01T10:00:00')).toBe(false);
    expect(isYamlTimestamp('2024-01-01T10:00:00.5+02:00')).toBe(true);
  });
  it('orders keys naturally (sorter.go)', () => {
    expect(yamlKeyLess('a9', 'a10')).toBe(true);
    expect(yamlKeyLess('a10', 'a9')).toBe(false);
    expect(yamlKeyLess('_a', 'a')).toBe(true);
    expect(yamlKeyLess('B', 'a')).toBe(true);
  });
  it('separates documents with ---', () => {
    expect(toYamlDocuments([{ a: 1 }, { b: [] }])).toBe('a: 1\n---\nb: []\n');
  });
});
