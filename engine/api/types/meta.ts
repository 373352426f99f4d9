// The meta.k8s.io/v1 objects every API group shares (k8s.io/apimachinery/pkg/apis/meta/v1/types.go,
// watch.go), in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer). Times are RFC 3339
// strings, quantities strings, int-or-string fields `number | string`.

export interface TypeMeta {
  kind?: string;
  apiVersion?: string;
}

export interface ListMeta {
  selfLink?: string;
  resourceVersion?: string;
  /** The opaque token that resumes a chunked list (`?continue=`). */
  continue?: string;
  remainingItemCount?: number;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  selfLink?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  /** RFC 3339; null in the wire form of an embedded template's metadata (a zero metav1.Time). */
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any object the API serves: its TypeMeta and ObjectMeta, the rest left open. */
export interface KubeObject extends TypeMeta {
  metadata: ObjectMeta;
}

/** A `<Kind>List` (e.g. PodList): ListMeta and the items. */
export interface KubeList<T = KubeObject> extends TypeMeta {
  metadata: ListMeta;
  items: T[];
}

export type ResourceVersionMatch = 'NotOlderThan' | 'Exact';

export type DeletionPropagation = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions extends TypeMeta {
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  orphanDependents?: boolean;
  propagationPolicy?: DeletionPropagation;
  dryRun?: string[];
  ignoreStoreReadErrorWithClusterBreakingPotential?: boolean;
}

export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** The result of a call that returns no object, and every error body (kind Status, apiVersion v1). */
export interface Status extends TypeMeta {
  metadata?: ListMeta;
  /** 'Success' or 'Failure'. */
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code?: number;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** 'NotFound', 'AlreadyExists', 'Conflict', 'Invalid', ... ('' when unknown); open, as upstream's. */
export type StatusReason = string;

export interface StatusCause {
  reason?: CauseType;
  message?: string;
  /** The field path, e.g. `spec.containers[0].image`. */
  field?: string;
}

/** field.ErrorType's cause names (FieldValueRequired → 'FieldValueRequired', ...). */
export type CauseType = string;

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values?: string[];
}

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface FieldSelectorRequirement {
  key: string;
  operator: FieldSelectorOperator;
  values?: string[];
}

export type FieldSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: ManagedFieldsOperationType;
  apiVersion?: string;
  time?: string;
  /** Always 'FieldsV1'. */
  fieldsType?: string;
  fieldsV1?: FieldsV1;
  subresource?: string;
}

export type ManagedFieldsOperationType = 'Apply' | 'Update';

/** The field set, in its JSON encoding: `{"f:metadata": {"f:labels": {...}}, ...}`. */
export type FieldsV1 = Record<string, unknown>;

/** `Accept: application/json;as=Table;g=meta.k8s.io;v=v1`: what the server-side printers return. */
export interface Table extends TypeMeta {
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: 'string', 'integer', 'number', 'boolean', 'date'. */
  type: string;
  /** An OpenAPI format: '', 'name', 'date', ... */
  format: string;
  description: string;
  /** 0 for the default columns, higher for `-o wide` only. */
  priority: number;
}

export interface TableRow {
  /** One cell per column definition: string, number, boolean or null. */
  cells: unknown[];
  conditions?: TableRowCondition[];
  /** The object (or its PartialObjectMetadata), as `includeObject` asked. */
  object?: unknown;
}

export interface TableRowCondition {
  type: RowConditionType;
  status: ConditionStatus;
  reason?: string;
  message?: string;
}

/** 'Completed' is the only one defined: the row is done (kubectl hides it without --show-all). */
export type RowConditionType = string;

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** metav1.Condition, the standard condition shape for newer APIs. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One event of a watch stream (metav1.WatchEvent); an ERROR event carries a Status. */
export type WatchEvent<T = KubeObject> =
  | { type: Exclude<WatchEventType, 'ERROR'>; object: T }
  | { type: 'ERROR'; object: Status };

// Discovery (`/api`, `/apis`, `/apis/<group>/<version>`).

/** `GET /api`: the core group's versions. */
export interface APIVersions extends TypeMeta {
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

/** `GET /apis`. */
export interface APIGroupList extends TypeMeta {
  groups: APIGroup[];
}

export interface APIGroup extends TypeMeta {
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion?: GroupVersionForDiscovery;
  serverAddressByClientCIDRs?: ServerAddressByClientCIDR[];
}

export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

export interface GroupVersionForDiscovery {
  /** `apps/v1`, or `v1` for the core group. */
  groupVersion: string;
  version: string;
}

/** One resource of an APIResourceList; a subresource is named `pods/log`. */
export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

/** `GET /api/v1`, `GET /apis/<group>/<version>`. */
export interface APIResourceList extends TypeMeta {
  groupVersion: string;
  resources: APIResource[];
}

/** `GET /`: the paths served. */
export interface RootPaths {
  paths: string[];
}
