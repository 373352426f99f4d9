// One OpenAPI v3 document per served group version, as kube-apiserver serves them at
// /openapi/v3/api/v1, /openapi/v3/apis/apps/v1, …: the routes of its resources and every schema
// they reach, keys sorted (as api/openapi-spec/v3 holds them), built from the resource table and
// the generated schema bundle.

import { apiGroups, resources } from '../resources';
import { resourceListPath, resourcePaths } from './paths';
import { SchemaConverter, sortKeys, type GoStructs, type GroupVersionKind, type Json } from './schemas';
import type { SchemaBundle } from './types';

/** A served group version and the name its document has in the /openapi/v3 index. */
export interface OpenAPIGroupVersion {
  group: string;
  version: string;
  /** `api/v1`, `apis/apps/v1`. */
  path: string;
}

/** Every group version the apiserver serves, in discovery order. */
export function openAPIGroupVersions(): OpenAPIGroupVersion[] {
  return apiGroups().flatMap((g) => g.versions.map((version) => ({ group: g.group, version, path: g.group ? `apis/${g.group}/${version}` : `api/${version}` })));
}

const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** The group-version-kinds of the meta models, which every group version shares. */
function metaKinds(): Record<string, GroupVersionKind[]> {
  const gvs = openAPIGroupVersions();
  // DeleteOptions is registered in every group version, listed in group order (kube-openapi sorts them).
  const deleteOptions = [...gvs].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)).map((gv) => ({ group: gv.group, kind: 'DeleteOptions', version: gv.version }));
  return {
    [`${meta}.DeleteOptions`]: deleteOptions,
    [`${meta}.Status`]: [{ group: '', kind: 'Status', version: 'v1' }],
    [`${meta}.APIResourceList`]: [{ group: '', kind: 'APIResourceList', version: 'v1' }],
    'io.k8s.api.policy.v1.Eviction': [{ group: 'policy', kind: 'Eviction', version: 'v1' }],
  };
}

// Models k8s.io/kube-openapi/pkg/builder3 BuildOpenAPISpecFromRoutes (one spec per group version)
/** The OpenAPI v3 document of one group version, as /openapi/v3/<gv.path> serves it. */
export function openAPIV3Document(gv: OpenAPIGroupVersion, bundle: SchemaBundle, structs: GoStructs, serverVersion: string): Json {
  const conv = new SchemaConverter(bundle, structs, metaKinds());
  const paths: Json = {};
  const [rootPath, rootItem] = resourceListPath(gv.group, gv.version, conv);
  paths[rootPath] = rootItem;
  for (const r of resources) {
    if (r.group !== gv.group || r.version !== gv.version) continue;
    const k = bundle.kinds.find((x) => x.group === r.group && x.version === r.version && x.kind === r.kind);
    if (!k) continue; // a kind without a type in engine/api/types has no schema to describe it
    for (const [path, item] of resourcePaths(r, k, conv)) paths[path] = item;
  }
  // Keys sorted throughout (the schemas come sorted from the converter).
  return {
    components: {
      schemas: conv.schemas(),
      securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    },
    info: { title: 'Kubernetes', version: serverVersion },
    openapi: '3.0.0',
    paths: sortKeys(paths),
  };
}
