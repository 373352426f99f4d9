// The components.schemas of an OpenAPI v3 document, converted from the generated bundle (the
// editor's JSON Schema subset) the way kube-openapi's builder3 writes Kubernetes' models: a `$ref`
// with siblings wrapped in `allOf`, `default: {}` on a non-pointer struct, the scalars that marshal
// themselves (Time, Quantity, IntOrString, …) as references to their own models, integer formats,
// patch strategies and merge keys from the Go struct tags, enums with their "Possible enum values"
// paragraph, and `x-kubernetes-group-version-kind` on every served kind and list.

import type { KindSchema, SchemaBundle, SchemaNode } from './types';

/** A JSON object of the document. */
export type Json = Record<string, unknown>;

/**
 * Go's view of the structs (engine/apiserver/patch/schema-data.ts): struct name (qualified by
 * package where two share a name) to its JSON fields, each `<Go type>[;<patchStrategy>[;<patchMergeKey>]]`.
 */
export type GoStructs = Record<string, Record<string, string>>;

/** One group/version/kind, as `x-kubernetes-group-version-kind` lists it. */
export interface GroupVersionKind {
  group: string;
  kind: string;
  version: string;
}

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** The models of the Go types that marshal themselves as JSON scalars or raw JSON. */
const scalarModels: Record<string, string> = {
  Time: `${meta}.Time`,
  MicroTime: `${meta}.MicroTime`,
  Duration: `${meta}.Duration`,
  FieldsV1: `${meta}.FieldsV1`,
  Quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  IntOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  RawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
};

/** Their schemas, as kube-openapi writes them (OpenAPIDefinitionGetter / OpenAPIV3OneOfTypes); descriptions are ours. */
const scalarSchemas: Record<string, Json> = {
  [`${meta}.Time`]: { description: 'An RFC 3339 time, to the second, in UTC.', format: 'date-time', type: 'string' },
  [`${meta}.MicroTime`]: { description: 'An RFC 3339 time with microseconds, in UTC.', format: 'date-time', type: 'string' },
  [`${meta}.Duration`]: { description: 'A duration as Go prints one (`1h30m`).', type: 'string' },
  [`${meta}.FieldsV1`]: { description: 'The set of fields a manager owns, as a JSON trie.', type: 'object' },
  [`${meta}.Patch`]: { description: 'The body of a PATCH request, in the format its Content-Type names.', type: 'object' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description: 'A fixed-point number with an optional SI or binary suffix (`100m`, `1.5Gi`, `2`).',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    description: 'An integer or a string (a count, or a percentage such as `25%`).',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { description: 'An embedded object, kept as the JSON it was given.', type: 'object' },
};

/** The Go integer types of API fields to their OpenAPI format (kube-openapi's OpenAPITypeFormat). */
const intFormats: Record<string, string> = { int32: 'int32', int64: 'int64' };

/** The JSON reference of a model. */
function componentRef(model: string): Json {
  return { $ref: `#/components/schemas/${model}` };
}

/** The model a bundle `$ref` names. */
function modelOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** The struct of a model in Go's table: `core.Event` where the name is shared, else `Event`. */
function structKey(model: string, structs: GoStructs): string | undefined {
  const name = model.slice(model.lastIndexOf('.') + 1);
  const pkg = model.startsWith('io.k8s.api.') ? model.split('.')[3] : '';
  if (pkg && Object.hasOwn(structs, `${pkg}.${name}`)) return `${pkg}.${name}`;
  return Object.hasOwn(structs, name) ? name : undefined;
}

// Models k8s.io/kube-openapi/pkg/generators/enum.go (DescriptionLines, as generateDescription joins them)
function withEnumValues(description: string | undefined, values: readonly string[]): string {
  const lines = [...values].sort().map((v) => ` - \`${JSON.stringify(v)}\``);
  return `${description ? `${description}\n\n` : ''}Possible enum values:\n${lines.join('\n')}`;
}

/** A copy of `v` with every object's keys sorted, as api/openapi-spec/v3 holds the documents. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Json = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Json)[k]);
  return out;
}

/** A converted model (its keys sorted) and the models it references. */
interface Converted {
  schema: Json;
  refs: string[];
}

/** Conversions by bundle and Go table: every document of a group version shares the models it reaches. */
const conversions = new WeakMap<SchemaBundle, WeakMap<GoStructs, Map<string, Converted>>>();

function conversionsOf(bundle: SchemaBundle, structs: GoStructs): Map<string, Converted> {
  let byStructs = conversions.get(bundle);
  if (!byStructs) conversions.set(bundle, (byStructs = new WeakMap()));
  let out = byStructs.get(structs);
  if (!out) byStructs.set(structs, (out = new Map()));
  return out;
}

/** Builds the schemas one document needs, starting from its roots and following every reference. */
export class SchemaConverter {
  private readonly done = new Map<string, Json>();
  private readonly queue: string[] = [];
  private readonly cache: Map<string, Converted>;
  /** The references the model being converted makes. */
  private refs: string[] = [];

  constructor(
    private readonly bundle: SchemaBundle,
    private readonly structs: GoStructs,
    /** Models besides the served kinds that carry a group-version-kind (Status, DeleteOptions, …); the same for every document. */
    private readonly extraKinds: Record<string, GroupVersionKind[]>,
  ) {
    this.cache = conversionsOf(bundle, structs);
  }

  /** The schema of a model, and those it references, are part of the document. */
  need(model: string): Json {
    this.refs.push(model);
    if (!this.done.has(model) && !this.queue.includes(model)) this.queue.push(model);
    return componentRef(model);
  }

  /** The list model of a served kind (`io.k8s.api.apps.v1.DeploymentList`), which the bundle does not hold. */
  needList(k: KindSchema): Json {
    const model = `${modelOf(k.$ref)}List`;
    if (!this.done.has(model)) {
      this.need(modelOf(k.$ref));
      this.need(`${meta}.ListMeta`);
      this.done.set(model, sortKeys({
        description: `${k.kind}List is a list of ${k.kind} objects.`,
        properties: {
          apiVersion: { type: 'string' },
          items: { items: { allOf: [componentRef(modelOf(k.$ref))], default: {} }, type: 'array' },
          kind: { type: 'string' },
          metadata: { allOf: [componentRef(`${meta}.ListMeta`)], default: {} },
        },
        required: ['items'],
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: k.group, kind: `${k.kind}List`, version: k.version }],
      }) as Json);
    }
    return componentRef(model);
  }

  /** Every schema needed so far, converted, by model name in order. */
  schemas(): Record<string, Json> {
    for (let model = this.queue.shift(); model !== undefined; model = this.queue.shift()) {
      if (this.done.has(model)) continue;
      let c = this.cache.get(model);
      if (!c) {
        this.refs = [];
        const schema = sortKeys(this.model(model)) as Json;
        this.cache.set(model, (c = { schema, refs: this.refs }));
      }
      this.done.set(model, c.schema);
      for (const ref of c.refs) if (!this.done.has(ref) && !this.queue.includes(ref)) this.queue.push(ref);
    }
    return Object.fromEntries([...this.done.keys()].sort().map((k) => [k, this.done.get(k)!]));
  }

  private model(model: string): Json {
    const scalar = scalarSchemas[model];
    if (scalar) return scalar;
    const def = this.bundle.definitions[model];
    if (!def) throw new Error(`openapi: no schema for ${model}`);
    const key = structKey(model, this.structs);
    const out = this.object(def, key ? this.structs[key] : undefined);
    const gvks = this.gvksOf(model);
    if (gvks.length) out['x-kubernetes-group-version-kind'] = gvks;
    return out;
  }

  private gvksOf(model: string): GroupVersionKind[] {
    const ref = `#/definitions/${model}`;
    const kinds = this.bundle.kinds.filter((k) => k.$ref === ref).map((k) => ({ group: k.group, kind: k.kind, version: k.version }));
    return [...kinds, ...(this.extraKinds[model] ?? [])];
  }

  /** A struct: its description, fields, required fields (never `metadata`, which upstream omits when empty). */
  private object(n: SchemaNode, fields: Record<string, string> | undefined): Json {
    const out: Json = {};
    if (n.description) out.description = n.description;
    if (n.properties) {
      const props: Json = {};
      for (const [name, p] of Object.entries(n.properties)) props[name] = this.property(p, fields?.[name]);
      out.properties = props;
    }
    const required = (n.required ?? []).filter((r) => !(r === 'metadata' && n.properties?.metadata?.$ref));
    if (required.length) out.required = required;
    if (n.additionalProperties) out.additionalProperties = this.node(n.additionalProperties, undefined);
    out.type = 'object';
    return out;
  }

  /** A field, with the patch strategy and merge key of its Go struct tag. */
  private property(n: SchemaNode, goField: string | undefined): Json {
    const [goType, strategy = '', mergeKey = ''] = (goField ?? '').split(';');
    const out = this.node(n, goType || undefined);
    if (mergeKey) out['x-kubernetes-patch-merge-key'] = mergeKey;
    if (strategy) out['x-kubernetes-patch-strategy'] = strategy;
    return out;
  }

  /** One schema node; `goType` is the Go type behind it when known (`*Probe`, `[]Container`, `map[string]Quantity`). */
  private node(n: SchemaNode, goType: string | undefined): Json {
    const pointer = goType?.startsWith('*') ?? false;
    const t = pointer ? goType!.slice(1) : goType;
    const scalar = (t && scalarModels[t]) ?? (n.format === 'int-or-string' ? scalarModels.IntOrString : n.format === 'quantity' ? scalarModels.Quantity : undefined);
    if (scalar) return this.reference(scalar, n.description, false);
    if (n.$ref) return this.reference(modelOf(n.$ref), n.description, t !== undefined && !pointer && Object.hasOwn(this.structs, t));
    const out: Json = {};
    const description = n.enum ? withEnumValues(n.description, n.enum) : n.description;
    if (description) out.description = description;
    if (n.items) out.items = this.node(n.items, t?.startsWith('[]') ? t.slice(2) : undefined);
    if (n.additionalProperties) out.additionalProperties = this.node(n.additionalProperties, t?.startsWith('map[string]') ? t.slice('map[string]'.length) : undefined);
    if (n.properties) Object.assign(out, this.object({ ...n, description: undefined }, undefined));
    if (n.enum) out.enum = n.enum;
    const types = (Array.isArray(n.type) ? n.type : n.type ? [n.type] : []).filter((x) => x !== 'null');
    if (types.length === 1) out.type = types[0];
    // []byte marshals as a base64 string.
    if (t === '[]uint8' && types[0] === 'string') {
      delete out.items;
      out.format = 'byte';
    } else if (types[0] === 'integer' && t && intFormats[t]) out.format = intFormats[t];
    return out;
  }

  /** A reference to a model, wrapped in `allOf` when it has siblings, as builder3 writes it. */
  private reference(model: string, description: string | undefined, defaulted: boolean): Json {
    const ref = this.need(model);
    if (!description && !defaulted) return ref;
    return { allOf: [ref], ...(defaulted ? { default: {} } : {}), ...(description ? { description } : {}) };
  }
}
