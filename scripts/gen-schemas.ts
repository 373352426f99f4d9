// Writes the JSON schemas the manifest editor completes, hovers and validates with, and that
// kube-apiserver serves as OpenAPI v3 (engine/api/openapi/v3.ts): one per served
// kind (apiVersion + kind → its object's schema), read from the engine's own API types
// (engine/api/types/*.ts) with the TypeScript compiler API. Descriptions are the doc comments, enums
// the string-literal unions, required fields the properties that are neither optional nor nullable.
// Definitions are named as Kubernetes' OpenAPI names its models (io.k8s.api.apps.v1.DeploymentSpec),
// so the editor's messages read as kubectl's client-side validation did (kube-openapi's
// pkg/util/proto/validation).
//
//   npx tsx scripts/gen-schemas.ts           writes engine/api/openapi/kubernetes.json
//   npx tsx scripts/gen-schemas.ts --check   fails when the committed file is out of date

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { groupVersion, resources } from '../engine/api/resources';
import type { KindSchema, SchemaBundle, SchemaNode } from '../engine/api/openapi/types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const schemaFile = resolve(root, 'engine/api/openapi/kubernetes.json');
const typesIndex = resolve(root, 'engine/api/types/index.ts');

// The Go package each types file mirrors (its OpenAPI model prefix).
const packages: Record<string, string> = {
  meta: 'io.k8s.apimachinery.pkg.apis.meta.v1',
  core: 'io.k8s.api.core.v1',
  apps: 'io.k8s.api.apps.v1',
  authorization: 'io.k8s.api.authorization.v1',
  autoscaling: 'io.k8s.api.autoscaling.v2',
  batch: 'io.k8s.api.batch.v1',
  coordination: 'io.k8s.api.coordination.v1',
  discovery: 'io.k8s.api.discovery.v1',
  events: 'io.k8s.api.events.v1',
  networking: 'io.k8s.api.networking.v1',
  policy: 'io.k8s.api.policy.v1',
  rbac: 'io.k8s.api.rbac.v1',
  scheduling: 'io.k8s.api.scheduling.v1',
  storage: 'io.k8s.api.storage.v1',
};

// Fields the types spell `string` that are resource.Quantity upstream: YAML may give them a number.
const quantityFields = new Set([
  'EmptyDirVolumeSource.sizeLimit',
  'ResourceFieldSelector.divisor',
  'MetricTarget.value',
  'MetricTarget.averageValue',
  'MetricValueStatus.value',
  'MetricValueStatus.averageValue',
  'CSIStorageCapacity.capacity',
  'CSIStorageCapacity.maximumVolumeSize',
]);
const quantityAliases = new Set(['ResourceList']);

// Models the apiserver's OpenAPI documents name besides the kinds' own: list metadata, the Status of
// every error and delete, DeleteOptions, a group version's APIResourceList and pods/eviction's body.
const extraModels: [file: string, name: string][] = [
  ['meta', 'ListMeta'],
  ['meta', 'Status'],
  ['meta', 'DeleteOptions'],
  ['meta', 'APIResourceList'],
  ['policy', 'Eviction'],
];

/** The types' Go name: events.k8s.io's EventsV1Event is Event, DiscoveryV1EndpointPort EndpointPort. */
function goName(tsName: string): string {
  return tsName.replace(/^(?:Events|Discovery)V1(?=[A-Z])/, '');
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string | undefined {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  return text ? text.replace(/\s*\n\s*/g, ' ') : undefined;
}

/** Generates the schemas from the engine's types as they are now. */
export function generateSchemas(): { bundle: SchemaBundle; skipped: string[] } {
  const program = ts.createProgram([typesIndex], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const indexFile = program.getSourceFile(typesIndex);
  if (!indexFile) throw new Error(`cannot read ${typesIndex}`);
  const moduleSymbol = checker.getSymbolAtLocation(indexFile);
  if (!moduleSymbol) throw new Error(`${typesIndex} is not a module`);

  // Every exported type, by its TypeScript name, with the file (Go package) it is declared in.
  const exported = new Map<string, { symbol: ts.Symbol; file: string }>();
  for (const s of checker.getExportsOfModule(moduleSymbol)) {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const decl = target.declarations?.[0];
    if (!decl) continue;
    exported.set(target.name, { symbol: target, file: basename(decl.getSourceFile().fileName, '.ts') });
  }

  const definitions: Record<string, SchemaNode> = {};
  const modelOf = (symbol: ts.Symbol): string | undefined => {
    const decl = symbol.declarations?.[0];
    if (!decl) return undefined;
    const file = basename(decl.getSourceFile().fileName, '.ts');
    const pkg = packages[file];
    if (!pkg) return undefined;
    // authentication.k8s.io's reviews live beside authorization's in the engine's types.
    const name = goName(symbol.name);
    const p = /^(TokenReview|SelfSubjectReview|UserInfo)/.test(name) ? 'io.k8s.api.authentication.v1' : pkg;
    return `${p}.${name}`;
  };

  const isNamedObject = (t: ts.Type): t is ts.InterfaceType =>
    !!(t.flags & ts.TypeFlags.Object) && !!t.symbol && !!(t.symbol.flags & ts.SymbolFlags.Interface) && !checker.isArrayType(t);

  const objectSchema = (t: ts.Type, ownerName: string | undefined): SchemaNode => {
    const out: SchemaNode = { type: 'object' };
    const props: Record<string, SchemaNode> = {};
    const required: string[] = [];
    for (const p of checker.getPropertiesOfType(t)) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const pt = decl ? checker.getTypeOfSymbolAtLocation(p, decl) : checker.getTypeOfSymbol(p);
      const optional = !!(p.flags & ts.SymbolFlags.Optional);
      const alias = decl && ts.isPropertySignature(decl) && decl.type && ts.isTypeReferenceNode(decl.type) ? decl.type.typeName.getText() : undefined;
      let node = toSchema(pt, { quantity: quantityFields.has(`${ownerName}.${p.name}`) || (alias !== undefined && quantityAliases.has(alias)) });
      const doc = docOf(p, checker);
      if (doc) node = { ...node, description: doc };
      props[p.name] = node;
      const types = Array.isArray(node.type) ? node.type : [node.type];
      if (!optional && !types.includes('null')) required.push(p.name);
    }
    const index = t.getStringIndexType();
    if (Object.keys(props).length) out.properties = props;
    if (required.length) out.required = required;
    if (index) out.additionalProperties = toSchema(index, { quantity: false });
    return out;
  };

  const definitionRef = (t: ts.InterfaceType): SchemaNode => {
    const model = modelOf(t.symbol);
    if (!model) return objectSchema(t, t.symbol.name);
    if (!definitions[model]) {
      definitions[model] = {}; // placeholder: recursive types (JSONSchemaProps-like) stop here
      const node = objectSchema(t, t.symbol.name);
      const doc = docOf(t.symbol, checker);
      definitions[model] = doc ? { description: doc, ...node } : node;
    }
    return { $ref: `#/definitions/${model}` };
  };

  function toSchema(t: ts.Type, opts: { quantity: boolean }): SchemaNode {
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (t.isUnion()) {
      const parts = t.types.filter((x) => !(x.flags & ts.TypeFlags.Undefined));
      const nullable = parts.some((x) => x.flags & ts.TypeFlags.Null);
      const rest = parts.filter((x) => !(x.flags & ts.TypeFlags.Null));
      let node: SchemaNode;
      if (rest.length === 0) node = { type: 'null' };
      else if (rest.every((x) => x.flags & ts.TypeFlags.BooleanLiteral)) node = { type: 'boolean' };
      // Sorted, as Kubernetes' OpenAPI lists enum values (and validation its supported values).
      else if (rest.every((x) => x.isStringLiteral())) node = { type: 'string', enum: rest.map((x) => (x as ts.StringLiteralType).value).sort() };
      else if (rest.length === 1) node = toSchema(rest[0], opts);
      else if (rest.length === 2 && rest.some((x) => x.flags & ts.TypeFlags.Number) && rest.some((x) => x.flags & ts.TypeFlags.String)) node = { type: ['integer', 'string'], format: 'int-or-string' };
      else node = {};
      if (!nullable || node.type === undefined) return node;
      const types = Array.isArray(node.type) ? node.type : [node.type];
      return { ...node, type: types.includes('null') ? types : [...types, 'null'] };
    }
    if (t.flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(t as ts.StringLiteralType).value] };
    if (t.flags & ts.TypeFlags.String) return opts.quantity ? { type: ['integer', 'string'], format: 'quantity' } : { type: 'string' };
    if (t.flags & ts.TypeFlags.Number) return { type: 'integer' };
    if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (t.flags & ts.TypeFlags.Null) return { type: 'null' };
    if (checker.isArrayType(t)) {
      const [item] = checker.getTypeArguments(t as ts.TypeReference);
      return { type: 'array', items: item ? toSchema(item, opts) : {} };
    }
    if (t.flags & ts.TypeFlags.Object) {
      if (isNamedObject(t)) return definitionRef(t);
      // Record<string, X> and inline object types.
      const index = t.getStringIndexType();
      if (index && checker.getPropertiesOfType(t).length === 0) {
        const values = toSchema(index, opts);
        return { type: 'object', additionalProperties: values };
      }
      return objectSchema(t, undefined);
    }
    return {};
  }

  const kinds: KindSchema[] = [];
  const skipped: string[] = [];
  const groupFile = (group: string) => {
    const first = group === '' ? 'core' : group.split('.')[0];
    return first === 'authentication' ? 'authorization' : first === 'rbac' ? 'rbac' : first;
  };
  for (const r of resources) {
    const file = groupFile(r.group);
    const candidates = [...exported.values()].filter(
      (e) => e.file === file && goName(e.symbol.name) === r.kind && e.symbol.flags & ts.SymbolFlags.Interface,
    );
    if (candidates.length !== 1) {
      skipped.push(`${groupVersion(r.group, r.version)} ${r.kind}`);
      continue;
    }
    const t = checker.getDeclaredTypeOfSymbol(candidates[0].symbol);
    if (!isNamedObject(t)) {
      skipped.push(`${groupVersion(r.group, r.version)} ${r.kind}`);
      continue;
    }
    const ref = definitionRef(t).$ref!;
    // The kind's root model is named for its group, not the file it is declared in.
    kinds.push({ group: r.group, version: r.version, apiVersion: groupVersion(r.group, r.version), kind: r.kind, resource: r.resource, namespaced: r.namespaced, $ref: ref });
  }
  for (const [file, name] of extraModels) {
    const e = [...exported.values()].find((x) => x.file === file && x.symbol.name === name);
    const t = e && checker.getDeclaredTypeOfSymbol(e.symbol);
    if (!t || !isNamedObject(t)) throw new Error(`no type ${name} in engine/api/types/${file}.ts`);
    definitionRef(t);
  }
  const sorted: Record<string, SchemaNode> = {};
  for (const k of Object.keys(definitions).sort()) sorted[k] = definitions[k];
  return { bundle: { kinds, definitions: sorted }, skipped };
}

/** The file's text: stable, one definition per few lines, so a diff of it reads. */
export function renderSchemas(bundle: SchemaBundle): string {
  return `${JSON.stringify(bundle)}\n`;
}

function main(): void {
  const { bundle, skipped } = generateSchemas();
  const text = renderSchemas(bundle);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(schemaFile, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${schemaFile} is out of date: run npx tsx scripts/gen-schemas.ts`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(schemaFile, text);
  console.log(`wrote ${bundle.kinds.length} kinds, ${Object.keys(bundle.definitions).length} definitions (${(text.length / 1024).toFixed(0)} KiB) to ${schemaFile}`);
  if (skipped.length) console.log(`no type for: ${skipped.join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
