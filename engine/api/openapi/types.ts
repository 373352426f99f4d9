// The shape of the generated schema bundle (scripts/gen-schemas.ts writes kubernetes.json beside
// this file): a small JSON Schema subset, definitions named as Kubernetes' OpenAPI models. The
// manifest editor reads it as it is; the apiserver serves it as OpenAPI v3 (v3.ts).

/** One schema node. */
export interface SchemaNode {
  type?: SchemaType | SchemaType[];
  /** 'int-or-string' (IntOrString) and 'quantity' (resource.Quantity) take a number or a string. */
  format?: 'int-or-string' | 'quantity';
  enum?: string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  /** The values of a map (`map[string]string`). */
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
  /** `#/definitions/<model>`, e.g. `#/definitions/io.k8s.api.apps.v1.DeploymentSpec`. */
  $ref?: string;
}

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'boolean' | 'null';

/** One kind the apiserver serves, and where its schema is. */
export interface KindSchema {
  group: string;
  version: string;
  apiVersion: string;
  kind: string;
  resource: string;
  namespaced: boolean;
  $ref: string;
}

/** The generated file. */
export interface SchemaBundle {
  kinds: KindSchema[];
  definitions: Record<string, SchemaNode>;
}
