// The fields each resource can be selected by (`--field-selector`), as each registry's
// GetAttrs / field label conversion declares them (pkg/registry/*/strategy.go ToSelectableFields,
// pkg/apis/*/v1/conversion.go AddFieldLabelConversionFunc). Every resource has metadata.name and,
// when namespaced, metadata.namespace.

import type { KubeObject } from '../../api/types';

type Getter = (o: Record<string, any>) => unknown;

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** The extra selectable fields, by `group/resource`. */
const extra: Record<string, Record<string, Getter>> = {
  '/pods': {
    'spec.nodeName': (o) => o.spec?.nodeName,
    'spec.restartPolicy': (o) => o.spec?.restartPolicy,
    'spec.schedulerName': (o) => o.spec?.schedulerName,
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
    'spec.hostNetwork': (o) => String(o.spec?.hostNetwork ?? false),
    'status.phase': (o) => o.status?.phase,
    'status.podIP': (o) => o.status?.podIP,
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName,
  },
  '/events': {
    'involvedObject.kind': (o) => o.involvedObject?.kind,
    'involvedObject.namespace': (o) => o.involvedObject?.namespace,
    'involvedObject.name': (o) => o.involvedObject?.name,
    'involvedObject.uid': (o) => o.involvedObject?.uid,
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion,
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion,
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath,
    reason: (o) => o.reason,
    reportingComponent: (o) => o.reportingComponent,
    source: (o) => o.source?.component,
    type: (o) => o.type,
  },
  '/nodes': { 'spec.unschedulable': (o) => String(o.spec?.unschedulable ?? false) },
  '/namespaces': { 'status.phase': (o) => o.status?.phase },
  '/secrets': { type: (o) => o.type },
  '/replicationcontrollers': { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  'apps/replicasets': { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  'batch/jobs': { 'status.successful': (o) => String(o.status?.succeeded ?? 0) },
  '/services': { 'spec.clusterIP': (o) => o.spec?.clusterIP, 'spec.type': (o) => o.spec?.type },
  '/persistentvolumeclaims': { 'spec.volumeName': (o) => o.spec?.volumeName },
  'certificates.k8s.io/certificatesigningrequests': { 'spec.signerName': (o) => o.spec?.signerName },
};

/** The selectable fields of one object of `group/resource`. */
export function fieldSet(group: string, resource: string, namespaced: boolean, obj: KubeObject): Record<string, string> {
  const out: Record<string, string> = { 'metadata.name': s(obj.metadata.name) };
  if (namespaced) out['metadata.namespace'] = s(obj.metadata.namespace);
  for (const [k, get] of Object.entries(extra[`${group}/${resource}`] ?? {})) out[k] = s(get(obj as unknown as Record<string, unknown>));
  return out;
}

/** Whether `field` can be selected on `group/resource`. */
export function isSelectableField(group: string, resource: string, namespaced: boolean, field: string): boolean {
  if (field === 'metadata.name') return true;
  if (field === 'metadata.namespace') return namespaced;
  return field in (extra[`${group}/${resource}`] ?? {});
}
