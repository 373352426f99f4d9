// Server-side printing: the meta.k8s.io/v1 Table kube-apiserver returns for
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Each resource with a printer in
// pkg/printers/internalversion/printers.go gets its columns and cells (printed wide, as
// printerstorage.TableConvertor asks); every other one rest.NewDefaultTableConvertor's NAME and
// CREATED AT. handlers/response.go asTable then puts the object, its PartialObjectMetadata or nothing
// in each row, as includeObject says.

import type { EventsV1Event, KubeObject, Table, TableColumnDefinition, TableRow } from '../../api/types';
import * as cols from './columns';
import { printPod } from './pod';
import * as w from './workloads';
import * as core from './core';
import * as cl from './cluster';
import type { PrintedRow } from './row';
import { apiServiceColumns, printAPIService } from '../aggregator';

export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** The clock the AGE cells are measured against. */
  nowMs: number;
  /** metav1.TableOptions.includeObject; Metadata (PartialObjectMetadata) by default. */
  includeObject?: IncludeObjectPolicy;
  /** metav1.TableOptions.noHeaders: leave the column definitions out. */
  noHeaders?: boolean;
  /** The list's ListMeta, carried into the Table's metadata; a single object's resourceVersion otherwise. */
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

interface Printer {
  columns: TableColumnDefinition[];
  // Each printer narrows the object to its own type; the registry is keyed by resource, so the
  // objects that reach a printer are of that type.
  print: (obj: never, nowMs: number) => PrintedRow;
}

const p = <T>(columns: TableColumnDefinition[], print: (obj: T, nowMs: number) => PrintedRow): Printer => ({ columns, print: print as Printer['print'] });

/** The printers by `group/resource` ('' is the core group). */
const printers: Record<string, Printer> = {
  '/pods': p(cols.podColumns, printPod),
  '/podtemplates': p(cols.podTemplateColumns, w.printPodTemplate),
  '/replicationcontrollers': p(cols.replicationControllerColumns, w.printReplicationController),
  '/services': p(cols.serviceColumns, core.printService),
  '/endpoints': p(cols.endpointsColumns, core.printEndpoints),
  '/nodes': p(cols.nodeColumns, core.printNode),
  '/namespaces': p(cols.namespaceColumns, core.printNamespace),
  '/events': p(cols.eventColumns, core.printEvent),
  '/secrets': p(cols.secretColumns, core.printSecret),
  '/serviceaccounts': p(cols.serviceAccountColumns, core.printServiceAccount),
  '/configmaps': p(cols.configMapColumns, core.printConfigMap),
  '/persistentvolumes': p(cols.persistentVolumeColumns, core.printPersistentVolume),
  '/persistentvolumeclaims': p(cols.persistentVolumeClaimColumns, core.printPersistentVolumeClaim),
  '/resourcequotas': p(cols.resourceQuotaColumns, core.printResourceQuota),
  'apps/replicasets': p(cols.replicaSetColumns, w.printReplicaSet),
  'apps/deployments': p(cols.deploymentColumns, w.printDeployment),
  'apps/daemonsets': p(cols.daemonSetColumns, w.printDaemonSet),
  'apps/statefulsets': p(cols.statefulSetColumns, w.printStatefulSet),
  'apps/controllerrevisions': p(cols.controllerRevisionColumns, w.printControllerRevision),
  'batch/jobs': p(cols.jobColumns, w.printJob),
  'batch/cronjobs': p(cols.cronJobColumns, w.printCronJob),
  'autoscaling/horizontalpodautoscalers': p(cols.horizontalPodAutoscalerColumns, w.printHorizontalPodAutoscaler),
  'policy/poddisruptionbudgets': p(cols.podDisruptionBudgetColumns, w.printPodDisruptionBudget),
  'networking.k8s.io/ingresses': p(cols.ingressColumns, cl.printIngress),
  'networking.k8s.io/ingressclasses': p(cols.ingressClassColumns, cl.printIngressClass),
  'networking.k8s.io/networkpolicies': p(cols.networkPolicyColumns, cl.printNetworkPolicy),
  'discovery.k8s.io/endpointslices': p(cols.endpointSliceColumns, cl.printEndpointSlice),
  'coordination.k8s.io/leases': p(cols.leaseColumns, cl.printLease),
  'apiregistration.k8s.io/apiservices': p(apiServiceColumns, printAPIService),
  'storage.k8s.io/storageclasses': p(cols.storageClassColumns, cl.printStorageClass),
  'scheduling.k8s.io/priorityclasses': p(cols.priorityClassColumns, cl.printPriorityClass),
  'rbac.authorization.k8s.io/rolebindings': p(cols.roleBindingColumns, cl.printRoleBinding),
  'rbac.authorization.k8s.io/clusterrolebindings': p(cols.clusterRoleBindingColumns, cl.printRoleBinding),
  // events.k8s.io/v1 Events are the core Events, stored once and printed by the same printer.
  'events.k8s.io/events': p(cols.eventColumns, (e: EventsV1Event, nowMs: number) => core.printEvent(core.coreEventOf(e), nowMs)),
};

/** The columns a resource's Table carries (the default convertor's for resources without a printer). */
export function columnsFor(resource: string, group: string): TableColumnDefinition[] {
  return (printers[`${group}/${resource}`]?.columns ?? cols.defaultColumns).map((c) => ({ ...c }));
}

/** rest.NewDefaultTableConvertor's row: the name and the creation time in RFC 3339 (UTC, seconds). */
function defaultRow(obj: KubeObject): PrintedRow {
  const ts = obj.metadata.creationTimestamp;
  // metav1.Time's zero value formats as 0001-01-01T00:00:00Z.
  const ms = ts ? Date.parse(ts) : NaN;
  const created = Number.isNaN(ms) ? '0001-01-01T00:00:00Z' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { cells: [obj.metadata.name ?? '', created] };
}

function rowObject(obj: KubeObject, includeObject: IncludeObjectPolicy): unknown {
  switch (includeObject) {
    case 'Object':
      return obj;
    case 'None':
      return null;
    default:
      // meta.AsPartialObjectMetadata, typed as meta.k8s.io/v1 PartialObjectMetadata.
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  }
}

/** The Table kube-apiserver returns for these objects of one resource (plural, e.g. 'pods'). */
export function tableFor(resource: string, group: string, objects: readonly KubeObject[], opts: TableOptions): Table {
  const printer = printers[`${group}/${resource}`];
  const includeObject = opts.includeObject ?? 'Metadata';
  const rows: TableRow[] = objects.map((obj) => {
    const printed = printer ? printer.print(obj as never, opts.nowMs) : defaultRow(obj);
    const row: TableRow = { cells: printed.cells };
    if (printed.conditions) row.conditions = printed.conditions.map((c) => ({ ...c }));
    row.object = rowObject(obj, includeObject);
    return row;
  });
  let resourceVersion = opts.resourceVersion;
  if (resourceVersion === undefined && objects.length === 1) resourceVersion = objects[0].metadata.resourceVersion;
  const metadata: Table['metadata'] = {};
  if (resourceVersion) metadata.resourceVersion = resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? [] : columnsFor(resource, group),
    rows,
  };
}

/** Whether a resource has its own printer (else it prints NAME and CREATED AT). */
export function hasPrinter(resource: string, group: string): boolean {
  return `${group}/${resource}` in printers;
}

export type { PrintedRow };
