// The API's schemas: the bundle scripts/gen-schemas.ts generates from engine/api/types (the manifest
// editor reads it as JSON Schema) and the OpenAPI v3 documents kube-apiserver builds from it.

import bundleJson from './kubernetes.json' with { type: 'json' };
import type { SchemaBundle } from './types';

/** The generated schema bundle: every served kind and the models it reaches. */
export const schemaBundle = bundleJson as SchemaBundle;

export type { KindSchema, SchemaBundle, SchemaNode, SchemaType } from './types';
export { openAPIGroupVersions, openAPIV3Document, type OpenAPIGroupVersion } from './document';
export type { GoStructs, GroupVersionKind, Json } from './schemas';
export { sha512, sha512Hex } from './sha512';
