// The schema bundle's shape lives beside the bundle in the engine (the apiserver serves the same
// file as OpenAPI v3); the editor names it from here.
export type { KindSchema, SchemaBundle, SchemaNode, SchemaType } from '../../../engine/api/openapi/types';
