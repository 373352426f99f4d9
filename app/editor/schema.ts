// The Kubernetes schemas shipped with the app (engine/api/openapi/kubernetes.json, generated from the
// engine's types by scripts/gen-schemas.ts; the apiserver serves the same file): looking a kind up,
// walking a schema along a field path, and naming a field's type the way `kubectl explain` does
// (`<[]Container>`, `<map[string]string>`).

import { schemaBundle } from '../../engine/api/openapi';
import type { PathSegment } from './field-path';
import type { KindSchema, SchemaBundle, SchemaNode, SchemaType } from './schemas/types';

/** The bundle the app ships. */
export const schemas: SchemaBundle = schemaBundle;

/** Every served kind, in discovery order. */
export function allKinds(bundle: SchemaBundle = schemas): readonly KindSchema[] {
  return bundle.kinds;
}

/** The kind a document's apiVersion and kind name, if the apiserver serves it. */
export function findKind(apiVersion: string | undefined, kind: string | undefined, bundle: SchemaBundle = schemas): KindSchema | undefined {
  if (!apiVersion || !kind) return undefined;
  return bundle.kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
}

/** The model name a `$ref` points at (`io.k8s.api.apps.v1.DeploymentSpec`). */
export function refName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '');
}

/** A schema node with its `$ref` followed; the referring node's description wins over the model's. */
export interface Resolved {
  node: SchemaNode;
  /** The OpenAPI model it is, if it is a definition. */
  model?: string;
}

/** Follows a node's `$ref`, if any. */
export function resolve(node: SchemaNode, bundle: SchemaBundle = schemas): Resolved {
  if (!node.$ref) return { node };
  const model = refName(node.$ref);
  const def = bundle.definitions[model] ?? {};
  return { node: node.description ? { ...def, description: node.description } : def, model };
}

/** The root schema of a kind. */
export function kindRoot(k: KindSchema, bundle: SchemaBundle = schemas): Resolved {
  return resolve({ $ref: k.$ref }, bundle);
}

/** The types a node admits, as a list. */
export function typesOf(node: SchemaNode): SchemaType[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

/** Whether the node is an object with named fields (a struct), not a map. */
export function isStruct(node: SchemaNode): boolean {
  return typesOf(node).includes('object') && !!node.properties;
}

/** The schema one step down: a field of a struct, a map's value, a list's item. */
export function child(node: SchemaNode, seg: PathSegment, bundle: SchemaBundle = schemas): Resolved | undefined {
  const n = resolve(node, bundle).node;
  if (typeof seg === 'number') return n.items ? resolve(n.items, bundle) : undefined;
  const p = n.properties?.[seg];
  if (p) return resolve(p, bundle);
  return n.additionalProperties ? resolve(n.additionalProperties, bundle) : undefined;
}

/** The schema at a path under `root`, or undefined where the schema does not go. */
export function schemaAt(root: SchemaNode, path: readonly PathSegment[], bundle: SchemaBundle = schemas): Resolved | undefined {
  let at: Resolved = resolve(root, bundle);
  for (const seg of path) {
    const next = child(at.node, seg, bundle);
    if (!next) return undefined;
    at = next;
  }
  return at;
}

/** The short model name (`DeploymentSpec`) of `io.k8s.api.apps.v1.DeploymentSpec`. */
export function shortModel(model: string): string {
  return model.slice(model.lastIndexOf('.') + 1);
}

/** The type inside `kubectl explain`'s angle brackets: `integer`, `[]Container`, `map[string]string`. */
export function typeName(node: SchemaNode, bundle: SchemaBundle = schemas): string {
  if (node.$ref) return shortModel(refName(node.$ref));
  if (node.format === 'int-or-string') return 'IntOrString';
  if (node.format === 'quantity') return 'Quantity';
  const types = typesOf(node).filter((t) => t !== 'null');
  if (types.includes('array')) return `[]${node.items ? typeName(node.items, bundle) : 'Object'}`;
  if (types.includes('object')) {
    if (node.properties) return 'Object';
    return node.additionalProperties ? `map[string]${typeName(node.additionalProperties, bundle)}` : 'Object';
  }
  return types[0] ?? 'Object';
}
