// What `kubectl get -o json|yaml|jsonpath|name|custom-columns` prints for several objects
// (get.go printGeneric): they are put in one `v1` List whose metadata carries only the
// resourceVersion (empty when the objects came from several requests).

export interface ListObject {
  apiVersion: 'v1';
  items: unknown[];
  kind: 'List';
  metadata: { resourceVersion: string };
}

export function asList(items: readonly unknown[], resourceVersion = ''): ListObject {
  return { apiVersion: 'v1', items: [...items], kind: 'List', metadata: { resourceVersion } };
}
