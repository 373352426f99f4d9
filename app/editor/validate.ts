// Client-side checks of manifests against the shipped schemas, before anything is sent: unknown
// fields, wrong types, missing required fields, values outside a closed enum. Messages are worded as
// kubectl's client-side validation words them (k8s.io/kube-openapi/pkg/util/proto/validation:
// `ValidationError(Deployment.spec): unknown field "replicaz" in io.k8s.api.apps.v1.DeploymentSpec`);
// apiVersion/kind as kubectl reports them (`kind not set`, `no matches for kind "X" in version "v"`).

import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { findKind, kindRoot, resolve, typesOf, type Resolved } from './schema';
import type { SchemaBundle, SchemaNode } from './schemas/types';
import { schemas } from './schema';
import { topLevelString, type ManifestDocument, type ParsedManifests, type TextProblem } from './yaml-doc';

/** A YAML node's JSON type as kube-openapi names it (getObjectKind): map, array, string, integer, number, boolean. */
export function jsonKind(node: unknown): 'map' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null' {
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'array';
  if (!isScalar(node)) return 'null';
  const v = node.value;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number' || typeof v === 'bigint') return typeof v === 'number' && !Number.isInteger(v) ? 'number' : 'integer';
  // Timestamps and everything else reach the JSON as strings.
  return 'string';
}

/** The JSON type a schema expects, as kube-openapi prints it. */
function expectedKind(node: SchemaNode): string {
  const t = typesOf(node).filter((x) => x !== 'null');
  if (t.includes('object')) return 'map';
  return t[0] ?? 'map';
}

function accepts(node: SchemaNode, kind: ReturnType<typeof jsonKind>): boolean {
  const types = typesOf(node);
  if (types.length === 0 || kind === 'null') return true;
  if (node.format === 'quantity') return kind === 'string' || kind === 'integer' || kind === 'number';
  switch (kind) {
    case 'map':
      return types.includes('object');
    case 'array':
      return types.includes('array');
    case 'integer':
      return types.includes('integer');
    case 'number':
      return false;
    default:
      return types.includes(kind);
  }
}

function range(n: unknown): [number, number] {
  const r = (n as Node | null)?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** Checks one document against the schema of its kind. */
export function validateDocument(md: ManifestDocument, bundle: SchemaBundle = schemas): TextProblem[] {
  if (md.object === null) return [];
  const doc = md.doc;
  const out: TextProblem[] = [];
  const root = doc.contents;
  // What is wrong with the document as a whole is marked on its first line.
  const head = range(root);
  if (!isMap(root)) {
    const [s, e] = range(root);
    out.push({ start: s, end: e, severity: 'error', message: `json: cannot unmarshal ${jsonKind(root)} into Go value of type map[string]interface {}` });
    return out;
  }
  const apiVersion = topLevelString(doc, 'apiVersion');
  const kind = topLevelString(doc, 'kind');
  const missing = [apiVersion === undefined && 'apiVersion not set', kind === undefined && 'kind not set'].filter((x): x is string => !!x);
  if (missing.length) {
    out.push({ start: head[0], end: head[1], severity: 'error', message: `error validating data: [${missing.join(', ')}]` });
    return out;
  }
  const k = findKind(apiVersion, kind, bundle);
  if (!k) {
    const kindPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
    const [s, e] = range(kindPair?.value ?? kindPair?.key);
    out.push({ start: s, end: e, severity: 'error', message: `no matches for kind "${kind}" in version "${apiVersion}"` });
    return out;
  }
  walk(root, kindRoot(k, bundle), k.kind, k.kind, head, out, bundle);
  return out;
}

/**
 * Checks `node` against `schema`. `label` is the object's path for the message
 * (`Deployment.spec.template`), `typePath` the schema's (its model, or the model.field it is in),
 * `at` where to mark what is missing from it (its key).
 */
function walk(node: unknown, schema: Resolved, label: string, typePath: string, at: [number, number], out: TextProblem[], bundle: SchemaBundle): void {
  const s = schema.node;
  const path = schema.model ?? typePath;
  const kind = jsonKind(node);
  if (kind === 'null') return;
  if (!accepts(s, kind)) {
    const [a, b] = range(node);
    out.push({ start: a, end: b, severity: 'error', message: `ValidationError(${label}): invalid type for ${path}: got "${kind}", expected "${expectedKind(s)}"` });
    return;
  }
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      seen.add(key);
      const prop = s.properties?.[key];
      const keyRange = range(pair.key);
      if (!prop && !s.additionalProperties) {
        if (s.properties) out.push({ start: keyRange[0], end: keyRange[1], severity: 'error', message: `ValidationError(${label}): unknown field "${key}" in ${path}` });
        continue;
      }
      const sub = resolve(prop ?? s.additionalProperties!, bundle);
      walk(pair.value, sub, `${label}.${key}`, `${path}.${key}`, keyRange, out, bundle);
    }
    for (const req of s.required ?? []) {
      if (seen.has(req)) continue;
      out.push({ start: at[0], end: at[1], severity: 'warning', message: `ValidationError(${label}): missing required field "${req}" in ${path}` });
    }
    return;
  }
  if (isSeq(node)) {
    if (!s.items) return;
    const items = resolve(s.items, bundle);
    node.items.forEach((item, i) => {
      walk(item, items, `${label}[${i}]`, path, range(item), out, bundle);
    });
    return;
  }
  if (isScalar(node) && s.enum && typeof node.value === 'string' && !s.enum.includes(node.value)) {
    const [a, b] = range(node);
    const field = label.slice(label.indexOf('.') + 1);
    out.push({ start: a, end: b, severity: 'warning', message: `${field}: Unsupported value: "${node.value}": supported values: ${s.enum.map((v) => `"${v}"`).join(', ')}` });
  }
}

/** Every problem of a text: its YAML syntax errors, else what the schemas find in each document. */
export function validateManifests(parsed: ParsedManifests, bundle: SchemaBundle = schemas): TextProblem[] {
  if (parsed.errors.length) return parsed.errors;
  return [...parsed.warnings, ...parsed.docs.flatMap((d) => validateDocument(d, bundle))];
}
