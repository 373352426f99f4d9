import { describe, expect, it } from 'vitest';
import { parseFieldPath } from './field-path';
import { documentAt, keysAt, locatePath, nodeAt, parseManifests, positionOf } from './yaml-doc';

const manifest = `# a comment before anything
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: a
        image: nginx
      - name: b
        ports:
        - containerPort: 80
---
---
# only a comment
---
apiVersion: v1
kind: Service
metadata:
  name: web
`;

/** Line (1-based) and the text at a location, for readable expectations. */
function at(text: string, path: string, doc = 0) {
  const parsed = parseManifests(text);
  const md = parsed.docs.find((d) => d.object === doc)!;
  const loc = locatePath(md.doc, parseFieldPath(path));
  return { line: positionOf(parsed, loc.start).line, text: text.slice(loc.start, loc.end), depth: loc.depth };
}

describe('parseManifests', () => {
  it('numbers objects as kubectl sends them, skipping empty and comment-only documents', () => {
    const p = parseManifests(manifest);
    expect(p.errors).toEqual([]);
    expect(p.docs.map((d) => d.object)).toEqual([0, null, null, 1]);
    expect(documentAt(p, manifest.indexOf('kind: Service'))?.object).toBe(1);
    expect(documentAt(p, 0)?.object).toBe(0);
  });

  it('reads YAML as go-yaml v2 does, as kubectl label --local -o json shows', () => {
    // printf 'a: y\nb: n\nc: on\nd: 1:20\ne: 2024-01-01\nf: 0o17\ng: 1_000\nh: .5\ni: 0x1F\nj: ~\nk: Yes\n...' | kubectl label --local -f - a=b -o json
    const p = parseManifests('a: y\nb: n\nc: on\nd: 1:20\nf: 0o17\ng: 1_000\nh: .5\ni: 0x1F\nj: ~\nk: Yes\nl: 0755\n');
    const m = p.docs[0].doc.toJS() as Record<string, unknown>;
    expect(m).toEqual({ a: true, b: false, c: true, d: '1:20', f: 15, g: 1000, h: 0.5, i: 31, j: null, k: true, l: 493 });
  });

  it('warns of a duplicate key (kubectl keeps the last) without blocking', () => {
    const dup = parseManifests('metadata:\n  name: a\n  name: b\n');
    expect(dup.errors).toEqual([]);
    expect(dup.warnings).toHaveLength(1);
    expect(positionOf(dup, dup.warnings[0].start).line).toBe(3);
    expect((dup.docs[0].doc.toJS() as { metadata: { name: string } }).metadata.name).toBe('b');
  });

  it('reports a syntax error on its line', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n';
    const p = parseManifests(text);
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.errors[0].message).toMatch(/^yaml: /);
    expect(positionOf(p, p.errors[0].start).line).toBeGreaterThanOrEqual(4);
  });
});

describe('locatePath', () => {
  it('finds a field in a list item', () => {
    expect(at(manifest, 'spec.template.spec.containers[0].image')).toEqual({ line: 14, text: 'image: nginx', depth: 6 });
    expect(at(manifest, 'spec.template.spec.containers[1].ports[0].containerPort')).toMatchObject({ line: 17, text: 'containerPort: 80' });
  });

  it('marks a collection by its key only', () => {
    expect(at(manifest, 'spec.template')).toMatchObject({ line: 10, text: 'template' });
  });

  it('finds map keys that hold dots and slashes', () => {
    expect(at(manifest, 'metadata.labels[app.kubernetes.io/name]')).toMatchObject({ line: 7, text: 'app.kubernetes.io/name: web' });
  });

  it('falls back to the deepest ancestor for a missing field', () => {
    const r = at(manifest, 'spec.template.spec.containers[1].image');
    expect(r.line).toBe(15);
    expect(r.depth).toBe(5);
    expect(r.text.startsWith('name: b')).toBe(true);
  });

  it('finds fields of the second object', () => {
    expect(at(manifest, 'metadata.name', 1)).toMatchObject({ line: 25, text: 'name: web' });
  });
});

describe('nodeAt and keysAt', () => {
  const p = parseManifests(manifest);
  const doc = p.docs[0].doc;
  it('says whether the cursor is on a key or a value, with its path', () => {
    const off = manifest.indexOf('replicas') + 3;
    expect(nodeAt(doc, off)).toMatchObject({ path: ['spec', 'replicas'], onKey: true });
    const v = manifest.indexOf('nginx') + 2;
    expect(nodeAt(doc, v)).toMatchObject({ path: ['spec', 'template', 'spec', 'containers', 0, 'image'], onKey: false, value: 'nginx' });
  });
  it('lists the keys of a map', () => {
    expect(keysAt(doc, ['spec', 'template', 'spec', 'containers', 1])).toEqual(['name', 'ports']);
    expect(keysAt(doc, [])).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });
});
