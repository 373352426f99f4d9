// The strategic-merge metadata of the built-in kinds: which lists merge, by which key, and which
// fields are replaced or keep only listed keys. Upstream reads it from the Go struct tags
// `patchStrategy` and `patchMergeKey` of k8s.io/api through reflection
// (strategicpatch.PatchMetaFromStruct over forked encoding/json's field lookup); here the same
// tags come from schema-data.ts, generated from k8s.io/api v0.32.4 by testdata/gen-schema.mjs.
// LookupPatchMeta mirrors strategicpatch.LookupPatchMeta, errors included.

import { PatchError } from './errors';
import { goQuote } from './json';
import { kinds, structs } from './schema-data';

/** strategicpatch.PatchMeta: the strategies of a field (comma-split tag) and its merge key. */
export interface PatchMeta {
  patchStrategies: string[];
  patchMergeKey: string;
}

/** strategicpatch.LookupPatchMeta. The lookups throw PatchError where upstream returns an error. */
export interface LookupPatchMeta {
  /** The schema of a field that holds an object, and the field's metadata. */
  lookupPatchMetadataForStruct(key: string): [LookupPatchMeta, PatchMeta];
  /** The schema of the elements of a field that holds a list, and the field's metadata. */
  lookupPatchMetadataForSlice(key: string): [LookupPatchMeta, PatchMeta];
  /** The Go kind of the type (`struct`, `ptr`, `map`, …), as upstream names it in errors. */
  name(): string;
}

type GoType =
  | { kind: 'ptr' | 'slice' | 'map'; elem: GoType }
  | { kind: 'struct'; key: string }
  | { kind: 'basic'; name: string };

interface Field {
  name: string;
  type: GoType;
  strategy: string;
  mergeKey: string;
}

const basicKinds = new Set(['string', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'interface']);

/** A table of structs: name to fields, each '<Go type>[;<patchStrategy>[;<patchMergeKey>]]'. */
export type StructTable = Record<string, Record<string, string>>;

function parseType(table: StructTable, s: string): GoType {
  if (s.startsWith('*')) return { kind: 'ptr', elem: parseType(table, s.slice(1)) };
  if (s.startsWith('[]')) return { kind: 'slice', elem: parseType(table, s.slice(2)) };
  if (s.startsWith('map[string]')) return { kind: 'map', elem: parseType(table, s.slice('map[string]'.length)) };
  if (basicKinds.has(s)) return { kind: 'basic', name: s };
  if (!Object.hasOwn(table, s)) throw new Error(`patch schema: unknown type ${s}`);
  return { kind: 'struct', key: s };
}

const parsedFields = new WeakMap<StructTable, Map<string, Field[]>>();

/** A struct's JSON fields in declaration order (the order forked json's typeFields keeps). */
function fieldsOf(table: StructTable, key: string): Field[] {
  let byKey = parsedFields.get(table);
  if (!byKey) {
    byKey = new Map();
    parsedFields.set(table, byKey);
  }
  let fields = byKey.get(key);
  if (!fields) {
    fields = Object.entries(table[key]).map(([name, spec]) => {
      const [type, strategy = '', mergeKey = ''] = spec.split(';');
      return { name, type: parseType(table, type), strategy, mergeKey };
    });
    byKey.set(key, fields);
  }
  return fields;
}

function kindName(t: GoType): string {
  return t.kind === 'basic' ? t.name : t.kind;
}

/** The Go type name of a struct (t.Name()): the table key without its group qualifier. */
function structName(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

/** strategicpatch.PatchMetaFromStruct: lookups over a Go type. */
class PatchMetaFromStruct implements LookupPatchMeta {
  constructor(
    private readonly table: StructTable,
    private readonly t: GoType,
  ) {}

  lookupPatchMetadataForStruct(key: string): [LookupPatchMeta, PatchMeta] {
    // forked encoding/json LookupPatchMetadataForStruct
    const t = this.t.kind === 'ptr' ? this.t.elem : this.t;
    if (t.kind !== 'struct') {
      throw new PatchError(`merging an object in json but data type is not struct, instead is: ${kindName(t)}`);
    }
    const fields = fieldsOf(this.table, t.key);
    // The exact name wins, else the first case-insensitive match, as encoding/json finds fields.
    const lower = key.toLowerCase();
    const f = fields.find((x) => x.name === key) ?? fields.find((x) => x.name.toLowerCase() === lower);
    if (!f) throw new PatchError(`unable to find api field in struct ${structName(t.key)} for the json field ${goQuote(key)}`);
    return [new PatchMetaFromStruct(this.table, f.type), { patchStrategies: f.strategy.split(','), patchMergeKey: f.mergeKey }];
  }

  lookupPatchMetadataForSlice(key: string): [LookupPatchMeta, PatchMeta] {
    const [sub, meta] = this.lookupPatchMetadataForStruct(key);
    const t = (sub as PatchMetaFromStruct).t;
    let elem: GoType;
    if (t.kind === 'slice') {
      elem = t.elem;
      if (elem.kind === 'slice') throw new PatchError('unexpected slice of slice');
    } else if (t.kind === 'ptr') {
      elem = t.elem.kind === 'slice' ? t.elem.elem : t.elem;
    } else {
      // Upstream names the kind of the type looked in, not of the field.
      throw new PatchError(`expected slice or array type, but got: ${kindName(this.t)}`);
    }
    return [new PatchMetaFromStruct(this.table, elem), meta];
  }

  name(): string {
    return kindName(this.t);
  }
}

/** The schema of struct `root` of a table (the built-in kinds use the generated one). */
export function structSchema(table: StructTable, root: string): LookupPatchMeta {
  if (!Object.hasOwn(table, root)) throw new Error(`patch schema: unknown type ${root}`);
  return new PatchMetaFromStruct(table, { kind: 'struct', key: root });
}

const schemas = new Map<string, LookupPatchMeta>();

/**
 * The strategic merge schema of a built-in kind (`apps/v1`, `Deployment`), or undefined for a kind
 * without one (a custom resource: the apiserver refuses strategic merge patches for it and kubectl
 * apply sends a JSON merge patch instead).
 */
export function patchSchemaFor(apiVersion: string, kind: string): LookupPatchMeta | undefined {
  const id = `${apiVersion}/${kind}`;
  if (!Object.hasOwn(kinds, id)) return undefined;
  let s = schemas.get(id);
  if (!s) {
    s = structSchema(structs, kinds[id]);
    schemas.set(id, s);
  }
  return s;
}

/** A field's patch metadata: `patchStrategy` as tagged ('' when untagged), and `patchMergeKey`. */
export interface FieldPatchMeta {
  patchStrategy: string;
  patchMergeKey: string;
}

/**
 * The patch metadata of the field at a dotted path of a kind, list elements stepped through
 * implicitly: `patchMetaAt('v1', 'Pod', 'spec.containers.ports')` is merge by `containerPort`.
 * Undefined when the kind has no schema or the path names no field.
 */
export function patchMetaAt(apiVersion: string, kind: string, path: string | string[]): FieldPatchMeta | undefined {
  const id = `${apiVersion}/${kind}`;
  if (!Object.hasOwn(kinds, id)) return undefined;
  const segments = typeof path === 'string' ? path.split('.') : path;
  let t: GoType = { kind: 'struct', key: kinds[id] };
  let meta: FieldPatchMeta | undefined;
  for (const seg of segments) {
    while (t.kind === 'ptr' || t.kind === 'slice') t = t.elem;
    if (t.kind !== 'struct') return undefined;
    const f: Field | undefined = fieldsOf(structs, t.key).find((x) => x.name === seg);
    if (!f) return undefined;
    meta = { patchStrategy: f.strategy, patchMergeKey: f.mergeKey };
    t = f.type;
  }
  return meta;
}
