// The RBAC objects kube-apiserver 1.32 creates at start (its rbac/bootstrap-roles post-start hook,
// pkg/registry/rbac/rest/storage_rbac.go), with the default feature gates: the ClusterRoles and
// ClusterRoleBindings of plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go and
// controller_policy.go, and the Roles and RoleBindings of namespace_policy.go in kube-system and
// kube-public. Each carries the label `kubernetes.io/bootstrapping: rbac-defaults` and the
// annotation `rbac.authorization.kubernetes.io/autoupdate: "true"`.
//
// Kubeplay also creates what `kubeadm init` (1.29+) adds for its admin kubeconfig: the
// `kubeadm:cluster-admins` ClusterRoleBinding of the group `kubeadm:cluster-admins` to cluster-admin
// (cmd/kubeadm/app/phases/kubeconfig EnsureAdminClusterRoleBinding). Kubeplay's kubectl talks as
// `kubernetes-admin` in that group, as kubeadm's admin.conf does.

import type { ClusterRole, ClusterRoleBinding, ObjectMeta, PolicyRule, Role, RoleBinding, Subject } from '../../api/types';

const rbacGroup = 'rbac.authorization.k8s.io';
const rbacAPIVersion = 'rbac.authorization.k8s.io/v1';

const legacy = '';
const apps = 'apps';
const authentication = 'authentication.k8s.io';
const authorization = 'authorization.k8s.io';
const autoscaling = 'autoscaling';
const batch = 'batch';
const certificates = 'certificates.k8s.io';
const coordination = 'coordination.k8s.io';
const discovery = 'discovery.k8s.io';
const extensions = 'extensions';
const policy = 'policy';
const networking = 'networking.k8s.io';
const storage = 'storage.k8s.io';
const node = 'node.k8s.io';
const events = 'events.k8s.io';
const admissionregistration = 'admissionregistration.k8s.io';

const Read = ['get', 'list', 'watch'];
const ReadWrite = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const Write = ['create', 'update', 'patch', 'delete', 'deletecollection'];

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (xs: readonly string[]): string[] => [...xs].sort(byteOrder);

/** rbacv1helpers.NewRule(verbs).Groups(groups).Resources(resources)[.Names(names)].RuleOrDie(): lists sorted. */
function rule(verbs: readonly string[], groups: readonly string[], resources: readonly string[], names?: readonly string[]): PolicyRule {
  const r: PolicyRule = { verbs: sorted(verbs), apiGroups: sorted(groups), resources: sorted(resources) };
  if (names && names.length > 0) r.resourceNames = sorted(names);
  return r;
}

/** NewRule(verbs).URLs(urls). */
function urls(verbs: readonly string[], paths: readonly string[]): PolicyRule {
  return { verbs: sorted(verbs), nonResourceURLs: sorted(paths) };
}

/** eventsRule(): what every component needs to record events. */
const eventsRule = (): PolicyRule => rule(['create', 'update', 'patch'], [legacy, events], ['events']);

export const bootstrappingLabel = 'kubernetes.io/bootstrapping';
export const bootstrappingLabelValue = 'rbac-defaults';
export const autoUpdateAnnotation = 'rbac.authorization.kubernetes.io/autoupdate';

/** addDefaultMetadata: the bootstrapping label (kept beside any others) and the autoupdate annotation. */
function meta(name: string, extraLabels: Record<string, string> = {}, namespace?: string): ObjectMeta {
  const m: ObjectMeta = { name, labels: { [bootstrappingLabel]: bootstrappingLabelValue, ...extraLabels }, annotations: { [autoUpdateAnnotation]: 'true' } };
  if (namespace !== undefined) m.namespace = namespace;
  return m;
}

function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}): ClusterRole {
  return { apiVersion: rbacAPIVersion, kind: 'ClusterRole', metadata: meta(name, labels), rules };
}

/** An aggregated role: its rules are the aggregation controller's to fill. */
function aggregatedClusterRole(name: string, aggregateFrom: string, labels: Record<string, string> = {}): ClusterRole {
  return {
    apiVersion: rbacAPIVersion,
    kind: 'ClusterRole',
    metadata: meta(name, labels),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregateFrom}`]: 'true' } }] },
  };
}

const user = (name: string): Subject => ({ apiGroup: rbacGroup, kind: 'User', name });
const group = (name: string): Subject => ({ apiGroup: rbacGroup, kind: 'Group', name });
const serviceAccount = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

function clusterRoleBinding(name: string, subjects: Subject[], roleName = name): ClusterRoleBinding {
  const b: ClusterRoleBinding = { apiVersion: rbacAPIVersion, kind: 'ClusterRoleBinding', metadata: meta(name), roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: roleName } };
  if (subjects.length > 0) b.subjects = subjects;
  return b;
}

const aggregateTo = (role: 'admin' | 'edit' | 'view') => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: 'true' });

/** policy.go ClusterRoles() with 1.32's default feature gates, sorted by name. */
function policyClusterRoles(): ClusterRole[] {
  const roles: ClusterRole[] = [
    // "root": anything at all.
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
    // Enough to discover API versions for negotiation.
    clusterRole('system:discovery', [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*'])]),
    // Health and metrics endpoints for monitoring.
    clusterRole('system:monitoring', [urls(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*'])]),
    // Information about themselves for a "normal" user.
    clusterRole('system:basic-user', [rule(['create'], [authorization], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], [authentication], ['selfsubjectreviews'])]),
    // Non-sensitive cluster information for everyone.
    clusterRole('system:public-info-viewer', [urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])]),
    aggregatedClusterRole('admin', 'admin'),
    aggregatedClusterRole('edit', 'edit', aggregateTo('admin')),
    aggregatedClusterRole('view', 'view', aggregateTo('edit')),
    clusterRole('system:aggregate-to-admin', [rule(['create'], [authorization], ['localsubjectaccessreviews']), rule(ReadWrite, [rbacGroup], ['roles', 'rolebindings'])], aggregateTo('admin')),
    clusterRole(
      'system:aggregate-to-edit',
      [
        // Secrets and the pod/service proxies read; these are escalating, so edit, not view.
        rule(Read, [legacy], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
        rule(['impersonate'], [legacy], ['serviceaccounts']),
        rule(Write, [legacy], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
        rule(['create'], [legacy], ['pods/eviction']),
        rule(Write, [legacy], ['replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events']),
        rule(['create'], [legacy], ['serviceaccounts/token']),
        rule(Write, [apps], ['statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale']),
        rule(Write, [autoscaling], ['horizontalpodautoscalers']),
        rule(Write, [batch], ['jobs', 'cronjobs']),
        rule(Write, [extensions], ['daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies']),
        rule(Write, [policy], ['poddisruptionbudgets']),
        rule(Write, [networking], ['networkpolicies', 'ingresses']),
        rule(ReadWrite, [coordination], ['leases']),
      ],
      aggregateTo('edit'),
    ),
    clusterRole(
      'system:aggregate-to-view',
      [
        rule(Read, [legacy], ['pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps']),
        rule(Read, [legacy], ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log']),
        // Reading namespaces at namespace scope means reading *this* namespace.
        rule(Read, [legacy], ['namespaces']),
        rule(Read, [discovery], ['endpointslices']),
        rule(Read, [apps], ['controllerrevisions', 'statefulsets', 'statefulsets/status', 'statefulsets/scale', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/status', 'deployments/scale', 'replicasets', 'replicasets/status', 'replicasets/scale']),
        rule(Read, [autoscaling], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
        rule(Read, [batch], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
        rule(Read, [extensions], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale', 'networkpolicies']),
        rule(Read, [policy], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
        rule(Read, [networking], ['networkpolicies', 'ingresses', 'ingresses/status']),
      ],
      aggregateTo('view'),
    ),
    clusterRole('system:heapster', [rule(Read, [legacy], ['events', 'pods', 'nodes', 'namespaces']), rule(Read, [extensions], ['deployments'])]),
    clusterRole('system:node', [
      // API access checks; these creates do not mutate.
      rule(['create'], [authentication], ['tokenreviews']),
      rule(['create'], [authorization], ['subjectaccessreviews', 'localsubjectaccessreviews']),
      rule(Read, [legacy], ['services']),
      rule(['create', 'get', 'list', 'watch'], [legacy], ['nodes']),
      rule(['update', 'patch'], [legacy], ['nodes/status']),
      rule(['update', 'patch'], [legacy], ['nodes']),
      rule(['create', 'update', 'patch'], [legacy], ['events']),
      rule(Read, [legacy], ['pods']),
      // Mirror pods.
      rule(['create', 'delete'], [legacy], ['pods']),
      rule(['update', 'patch'], [legacy], ['pods/status']),
      rule(['create'], [legacy], ['pods/eviction']),
      rule(Read, [legacy], ['secrets', 'configmaps']),
      rule(['get'], [legacy], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(['get'], [legacy], ['endpoints']),
      rule(['create', 'get', 'list', 'watch'], [certificates], ['certificatesigningrequests']),
      rule(['get', 'create', 'update', 'patch', 'delete'], [coordination], ['leases']),
      rule(['get'], [storage], ['volumeattachments']),
      rule(['create'], [legacy], ['serviceaccounts/token']),
      rule(['get', 'update', 'patch'], [legacy], ['persistentvolumeclaims/status']),
      rule(Read, [storage], ['csidrivers']),
      rule(['get', 'create', 'update', 'patch', 'delete'], [storage], ['csinodes']),
      rule(Read, [node], ['runtimeclasses']),
    ]),
    clusterRole('system:node-problem-detector', [rule(['get'], [legacy], ['nodes']), rule(['patch'], [legacy], ['nodes/status']), eventsRule()]),
    clusterRole('system:kubelet-api-admin', [rule(Read, [legacy], ['nodes']), rule(['proxy'], [legacy], ['nodes']), rule(['*'], [legacy], ['nodes/proxy', 'nodes/metrics', 'nodes/stats', 'nodes/log'])]),
    clusterRole('system:node-bootstrapper', [rule(['create', 'get', 'list', 'watch'], [certificates], ['certificatesigningrequests'])]),
    clusterRole('system:auth-delegator', [rule(['create'], [authentication], ['tokenreviews']), rule(['create'], [authorization], ['subjectaccessreviews'])]),
    clusterRole('system:kube-aggregator', [rule(Read, [legacy], ['services', 'endpoints'])]),
    clusterRole('system:kube-controller-manager', [
      eventsRule(),
      // Leader election.
      rule(['create'], [coordination], ['leases']),
      rule(['get', 'update'], [coordination], ['leases'], ['kube-controller-manager']),
      // The controllers' own service accounts and their token secrets.
      rule(['create'], [legacy], ['secrets', 'serviceaccounts']),
      rule(['delete'], [legacy], ['secrets']),
      rule(['get'], [legacy], ['namespaces', 'secrets', 'serviceaccounts', 'configmaps']),
      rule(['update'], [legacy], ['secrets', 'serviceaccounts']),
      // Delegated authentication and authorization.
      rule(['create'], [authentication], ['tokenreviews']),
      rule(['create'], [authorization], ['subjectaccessreviews']),
      // Shared informers for everything.
      rule(['list', 'watch'], ['*'], ['*']),
      rule(['create'], [legacy], ['serviceaccounts/token']),
    ]),
    clusterRole('system:kube-dns', [rule(['list', 'watch'], [legacy], ['endpoints', 'services'])]),
    clusterRole('system:persistent-volume-provisioner', [
      rule(['get', 'list', 'watch', 'create', 'delete'], [legacy], ['persistentvolumes']),
      // update: the provisioner annotates claims.
      rule(['get', 'list', 'watch', 'update'], [legacy], ['persistentvolumeclaims']),
      rule(Read, [storage], ['storageclasses']),
      // The controller watches events to report on provisioning.
      rule(['watch'], [legacy], ['events']),
      eventsRule(),
    ]),
    clusterRole('system:certificates.k8s.io:kube-apiserver-client-approver', [rule(['approve'], [certificates], ['signers'], ['kubernetes.io/kube-apiserver-client'])]),
    clusterRole('system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', [rule(['approve'], [certificates], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet'])]),
    clusterRole('system:certificates.k8s.io:kubelet-serving-approver', [rule(['approve'], [certificates], ['signers'], ['kubernetes.io/kubelet-serving'])]),
    clusterRole('system:certificates.k8s.io:legacy-unknown-approver', [rule(['approve'], [certificates], ['signers'], ['kubernetes.io/legacy-unknown'])]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [rule(['create'], [certificates], ['certificatesigningrequests/nodeclient'])]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [rule(['create'], [certificates], ['certificatesigningrequests/selfnodeclient'])]),
    clusterRole('system:kube-scheduler', [
      eventsRule(),
      rule(['create'], [coordination], ['leases']),
      rule(['get', 'update'], [coordination], ['leases'], ['kube-scheduler']),
      rule(Read, [legacy], ['nodes']),
      rule(['get', 'list', 'watch', 'delete'], [legacy], ['pods']),
      rule(['create'], [legacy], ['pods/binding', 'bindings']),
      rule(['patch', 'update'], [legacy], ['pods/status']),
      // Things that select pods.
      rule(Read, [legacy], ['services', 'replicationcontrollers']),
      rule(Read, [apps, extensions], ['replicasets']),
      rule(Read, [apps], ['statefulsets']),
      rule(Read, [policy], ['poddisruptionbudgets']),
      rule(Read, [legacy], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(['create'], [authentication], ['tokenreviews']),
      rule(['create'], [authorization], ['subjectaccessreviews']),
      rule(Read, [storage], ['csinodes']),
      // The namespaceSelector of pod affinity.
      rule(Read, [legacy], ['namespaces']),
      rule(Read, [storage], ['csidrivers']),
      rule(Read, [storage], ['csistoragecapacities']),
    ]),
    clusterRole('system:volume-scheduler', [
      rule(['get', 'list', 'watch', 'update', 'patch'], [legacy], ['persistentvolumes']),
      rule(Read, [storage], ['storageclasses']),
      rule(['get', 'list', 'watch', 'update', 'patch'], [legacy], ['persistentvolumeclaims']),
    ]),
    clusterRole('system:node-proxier', [
      rule(['list', 'watch'], [legacy], ['services', 'endpoints']),
      rule(Read, [legacy], ['nodes']),
      eventsRule(),
      rule(['list', 'watch'], [discovery], ['endpointslices']),
    ]),
    clusterRole('system:service-account-issuer-discovery', [urls(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])]),
  ];
  return roles.sort((a, b) => byteOrder(a.metadata.name!, b.metadata.name!));
}

/** policy.go ClusterRoleBindings(), sorted by name. */
function policyClusterRoleBindings(): ClusterRoleBinding[] {
  const bindings = [
    clusterRoleBinding('cluster-admin', [group('system:masters')]),
    clusterRoleBinding('system:monitoring', [group('system:monitoring')]),
    clusterRoleBinding('system:discovery', [group('system:authenticated')]),
    clusterRoleBinding('system:basic-user', [group('system:authenticated')]),
    clusterRoleBinding('system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
    // Bound to no one: the Node authorizer grants nodes their access.
    clusterRoleBinding('system:node', []),
    clusterRoleBinding('system:node-proxier', [user('system:kube-proxy')]),
    clusterRoleBinding('system:kube-controller-manager', [user('system:kube-controller-manager')]),
    clusterRoleBinding('system:kube-dns', [serviceAccount('kube-system', 'kube-dns')]),
    clusterRoleBinding('system:kube-scheduler', [user('system:kube-scheduler')]),
    clusterRoleBinding('system:volume-scheduler', [user('system:kube-scheduler')]),
    clusterRoleBinding('system:service-account-issuer-discovery', [group('system:serviceaccounts')]),
  ];
  return bindings.sort((a, b) => byteOrder(a.metadata.name!, b.metadata.name!));
}

/**
 * controller_policy.go ControllerRoles(): one `system:controller:<name>` role per controller that
 * kube-controller-manager runs with its own service account, with 1.32's default feature gates
 * (the DynamicResourceAllocation, MultiCIDRServiceAllocator, SELinuxChangePolicy and
 * VolumeAttributesClass controllers' roles are absent, as their gates are off).
 */
function controllerRoleDefinitions(): Array<[string, PolicyRule[]]> {
  return [
    ['attachdetach-controller', [
      rule(['list', 'watch'], [legacy], ['persistentvolumes', 'persistentvolumeclaims']),
      rule(Read, [legacy], ['nodes']),
      rule(['patch', 'update'], [legacy], ['nodes/status']),
      rule(['list', 'watch'], [legacy], ['pods']),
      eventsRule(),
      rule(['get', 'create', 'delete', 'list', 'watch'], [storage], ['volumeattachments']),
      rule(Read, [storage], ['csidrivers']),
      rule(Read, [storage], ['csinodes']),
    ]],
    ['certificate-controller', [
      rule(['get', 'list', 'watch', 'delete'], [certificates], ['certificatesigningrequests']),
      rule(['update'], [certificates], ['certificatesigningrequests/status', 'certificatesigningrequests/approval']),
      rule(['approve'], [certificates], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
      rule(['sign'], [certificates], ['signers'], ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown']),
      rule(['create'], [authorization], ['subjectaccessreviews']),
      eventsRule(),
    ]],
    ['clusterrole-aggregation-controller', [
      // Full access to clusterroles, to write the aggregated ones.
      rule(['escalate', 'get', 'list', 'watch', 'update', 'patch'], [rbacGroup], ['clusterroles']),
    ]],
    ['cronjob-controller', [
      rule(['get', 'list', 'watch', 'update'], [batch], ['cronjobs']),
      rule(['get', 'list', 'watch', 'create', 'update', 'delete', 'patch'], [batch], ['jobs']),
      rule(['update'], [batch], ['cronjobs/status']),
      rule(['update'], [batch], ['cronjobs/finalizers']),
      rule(['list', 'watch', 'delete'], [legacy], ['pods']),
      eventsRule(),
    ]],
    ['daemon-set-controller', [
      rule(Read, [extensions, apps], ['daemonsets']),
      rule(['update'], [extensions, apps], ['daemonsets/status']),
      rule(['update'], [extensions, apps], ['daemonsets/finalizers']),
      rule(['list', 'watch'], [legacy], ['nodes']),
      rule(['list', 'watch', 'create', 'delete', 'patch'], [legacy], ['pods']),
      rule(['create'], [legacy], ['pods/binding']),
      rule(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'], [apps], ['controllerrevisions']),
      eventsRule(),
    ]],
    ['deployment-controller', [
      rule(['get', 'list', 'watch', 'update'], [extensions, apps], ['deployments']),
      rule(['update'], [extensions, apps], ['deployments/status']),
      rule(['update'], [extensions, apps], ['deployments/finalizers']),
      rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], [extensions, apps], ['replicasets']),
      // Pods are read for recreate deployments and updated to adopt orphans.
      rule(['get', 'list', 'watch', 'update'], [legacy], ['pods']),
      eventsRule(),
    ]],
    ['disruption-controller', [
      rule(Read, [extensions, apps], ['deployments']),
      rule(Read, [apps, extensions], ['replicasets']),
      rule(Read, [legacy], ['replicationcontrollers']),
      rule(Read, [policy], ['poddisruptionbudgets']),
      rule(Read, [apps], ['statefulsets']),
      rule(['update'], [policy], ['poddisruptionbudgets/status']),
      rule(['patch', 'update'], [legacy], ['pods/status']),
      rule(['get'], ['*'], ['*/scale']),
      eventsRule(),
    ]],
    ['endpoint-controller', [
      rule(Read, [legacy], ['services', 'pods']),
      rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [legacy], ['endpoints']),
      rule(['create'], [legacy], ['endpoints/restricted']),
      eventsRule(),
    ]],
    ['endpointslice-controller', [
      rule(Read, [legacy], ['services', 'pods', 'nodes']),
      // Owner references need finalizers access on services.
      rule(['update'], [legacy], ['services/finalizers']),
      rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [discovery], ['endpointslices']),
      eventsRule(),
    ]],
    ['endpointslicemirroring-controller', [
      rule(Read, [legacy], ['services', 'endpoints']),
      rule(['update'], [legacy], ['services/finalizers']),
      rule(['update'], [legacy], ['endpoints/finalizers']),
      rule(['get', 'list', 'watch', 'create', 'update', 'delete'], [discovery], ['endpointslices']),
      eventsRule(),
    ]],
    ['ephemeral-volume-controller', [
      rule(['get', 'list', 'watch'], [legacy], ['pods']),
      rule(['update'], [legacy], ['pods/finalizers']),
      rule(['get', 'list', 'watch', 'create'], [legacy], ['persistentvolumeclaims']),
      eventsRule(),
    ]],
    ['expand-controller', [
      rule(['get', 'list', 'watch', 'update', 'patch'], [legacy], ['persistentvolumes']),
      rule(['update', 'patch'], [legacy], ['persistentvolumeclaims/status']),
      rule(['get', 'list', 'watch'], [legacy], ['persistentvolumeclaims']),
      eventsRule(),
    ]],
    ['generic-garbage-collector', [
      // It reads and deletes (and orphans by updating) anything.
      rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*']),
      eventsRule(),
    ]],
    ['horizontal-pod-autoscaler', [
      rule(['get', 'list', 'watch'], [autoscaling], ['horizontalpodautoscalers']),
      rule(['update'], [autoscaling], ['horizontalpodautoscalers/status']),
      rule(['get', 'update'], ['*'], ['*/scale']),
      rule(['list', 'watch'], [legacy], ['pods']),
      // Resource metrics (metrics-server), custom and external metrics.
      rule(['list', 'watch'], ['metrics.k8s.io'], ['pods']),
      rule(['get', 'list', 'watch'], ['custom.metrics.k8s.io'], ['*']),
      rule(['get', 'list', 'watch'], ['external.metrics.k8s.io'], ['*']),
      eventsRule(),
    ]],
    ['job-controller', [
      rule(['get', 'list', 'watch', 'update', 'patch'], [batch], ['jobs']),
      rule(['update'], [batch], ['jobs/status']),
      rule(['update'], [batch], ['jobs/finalizers']),
      rule(['list', 'watch', 'create', 'delete', 'patch'], [legacy], ['pods']),
      eventsRule(),
    ]],
    ['legacy-service-account-token-cleaner', [
      rule(['get'], [legacy], ['configmaps'], ['kube-apiserver-legacy-service-account-token-tracking']),
      rule(['delete', 'patch'], [legacy], ['secrets']),
    ]],
    ['namespace-controller', [
      rule(['get', 'list', 'watch', 'delete'], [legacy], ['namespaces']),
      rule(['update'], [legacy], ['namespaces/finalize', 'namespaces/status']),
      rule(['get', 'list', 'watch', 'delete', 'deletecollection'], ['*'], ['*']),
    ]],
    ['node-controller', [
      rule(['get', 'list', 'update', 'delete', 'patch', 'watch'], [legacy], ['nodes']),
      rule(['patch', 'update'], [legacy], ['nodes/status']),
      // Evicting pods from lost nodes.
      rule(['patch', 'update'], [legacy], ['pods/status']),
      rule(['list', 'delete', 'get', 'watch'], [legacy], ['pods']),
      eventsRule(),
    ]],
    ['persistent-volume-binder', [
      rule(['get', 'list', 'watch', 'update', 'create', 'delete'], [legacy], ['persistentvolumes']),
      rule(['update'], [legacy], ['persistentvolumes/status']),
      rule(['get', 'list', 'watch', 'update'], [legacy], ['persistentvolumeclaims']),
      rule(['update'], [legacy], ['persistentvolumeclaims/status']),
      rule(['list', 'watch', 'get', 'create', 'delete'], [legacy], ['pods']),
      rule(['get', 'list', 'watch'], [storage], ['storageclasses']),
      rule(['list', 'watch'], [legacy], ['nodes']),
      eventsRule(),
      rule(['watch'], [legacy], ['events']),
    ]],
    ['pod-garbage-collector', [
      rule(['list', 'watch', 'delete'], [legacy], ['pods']),
      rule(['get', 'list', 'watch'], [legacy], ['nodes']),
      rule(['patch'], [legacy], ['pods/status']),
    ]],
    ['pv-protection-controller', [
      rule(['get', 'list', 'watch', 'update'], [legacy], ['persistentvolumes']),
      eventsRule(),
    ]],
    ['pvc-protection-controller', [
      rule(['get', 'list', 'watch', 'update'], [legacy], ['persistentvolumeclaims']),
      rule(['update'], [legacy], ['persistentvolumeclaims/status']),
      rule(['list', 'watch', 'get'], [legacy], ['pods']),
      eventsRule(),
    ]],
    ['replicaset-controller', [
      rule(['get', 'list', 'watch', 'update'], [apps, extensions], ['replicasets']),
      rule(['update'], [apps, extensions], ['replicasets/status']),
      rule(['update'], [apps, extensions], ['replicasets/finalizers']),
      rule(['list', 'watch', 'patch', 'create', 'delete'], [legacy], ['pods']),
      eventsRule(),
    ]],
    ['replication-controller', [
      // 1.0 controllers needed get, update, so without these old controllers break on new servers.
      rule(['get', 'list', 'watch', 'update'], [legacy], ['replicationcontrollers']),
      rule(['update'], [legacy], ['replicationcontrollers/status']),
      rule(['update'], [legacy], ['replicationcontrollers/finalizers']),
      rule(['list', 'watch', 'patch', 'create', 'delete'], [legacy], ['pods']),
      eventsRule(),
    ]],
    ['resourcequota-controller', [
      // Quota can count quota on anything for reconciliation, so it needs full list and watch.
      rule(['list', 'watch'], ['*'], ['*']),
      rule(['update'], [legacy], ['resourcequotas/status']),
      eventsRule(),
    ]],
    ['root-ca-cert-publisher', [
      rule(['create', 'update'], [legacy], ['configmaps']),
      eventsRule(),
    ]],
    ['route-controller', [
      rule(['list', 'watch'], [legacy], ['nodes']),
      rule(['patch'], [legacy], ['nodes/status']),
      eventsRule(),
    ]],
    ['service-account-controller', [
      rule(['create'], [legacy], ['serviceaccounts']),
      eventsRule(),
    ]],
    ['service-controller', [
      rule(Read, [legacy], ['services']),
      rule(['patch', 'update'], [legacy], ['services/status']),
      rule(['list', 'watch'], [legacy], ['nodes']),
      eventsRule(),
    ]],
    ['statefulset-controller', [
      rule(['list', 'watch'], [legacy], ['pods']),
      rule(['get', 'list', 'watch'], [apps], ['statefulsets']),
      rule(['update'], [apps], ['statefulsets/status']),
      rule(['update'], [apps], ['statefulsets/finalizers']),
      rule(['get', 'create', 'delete', 'update', 'patch'], [legacy], ['pods']),
      rule(['get', 'create', 'delete', 'update', 'patch', 'list', 'watch'], [apps], ['controllerrevisions']),
      rule(['get', 'create', 'list', 'watch'], [legacy], ['persistentvolumeclaims']),
      rule(['update', 'delete'], [legacy], ['persistentvolumeclaims']),
      rule(['update'], [legacy], ['pods/finalizers']),
      eventsRule(),
    ]],
    ['taint-eviction-controller', [
      // Used for pod deletion.
      rule(['patch', 'update'], [legacy], ['pods/status']),
      rule(['list', 'get', 'watch', 'delete'], [legacy], ['pods']),
      eventsRule(),
    ]],
    ['ttl-after-finished-controller', [
      rule(['get', 'list', 'watch', 'delete'], [batch], ['jobs']),
      eventsRule(),
    ]],
    ['ttl-controller', [
      rule(['update', 'patch', 'list', 'watch'], [legacy], ['nodes']),
      eventsRule(),
    ]],
    ['validatingadmissionpolicy-status-controller', [
      rule(['get', 'list', 'watch'], [admissionregistration], ['validatingadmissionpolicies']),
      rule(['get', 'patch', 'update'], [admissionregistration], ['validatingadmissionpolicies/status']),
      eventsRule(),
    ]],
  ];
}

export const controllerRolePrefix = 'system:controller:';

/** ControllerRoles(). */
export function controllerRoles(): ClusterRole[] {
  return controllerRoleDefinitions().map(([name, rules]) => clusterRole(controllerRolePrefix + name, rules));
}

/** ControllerRoleBindings(): each role bound to its controller's service account in kube-system. */
export function controllerRoleBindings(): ClusterRoleBinding[] {
  return controllerRoleDefinitions().map(([name]) => clusterRoleBinding(controllerRolePrefix + name, [serviceAccount('kube-system', name)]));
}

/** The binding `kubeadm init` creates for its admin kubeconfig's group (no bootstrapping label). */
export function kubeadmClusterAdminsBinding(): ClusterRoleBinding {
  return {
    apiVersion: rbacAPIVersion,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'kubeadm:cluster-admins' },
    roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [group('kubeadm:cluster-admins')],
  };
}

/** The user and group Kubeplay's kubectl authenticates as (kubeadm's admin.conf identity). */
export const defaultAdminUser = 'kubernetes-admin';
export const defaultAdminGroup = 'kubeadm:cluster-admins';

/** Every ClusterRole the apiserver creates at start: policy roles and controller roles. */
export function bootstrapClusterRoles(): ClusterRole[] {
  return [...policyClusterRoles(), ...controllerRoles()];
}

/** Every ClusterRoleBinding created at start: policy, controllers, then kubeadm's. */
export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [...policyClusterRoleBindings(), ...controllerRoleBindings(), kubeadmClusterAdminsBinding()];
}

function role(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { apiVersion: rbacAPIVersion, kind: 'Role', metadata: meta(name, {}, namespace), rules };
}

function roleBinding(namespace: string, name: string, roleName: string, subjects: Subject[]): RoleBinding {
  return { apiVersion: rbacAPIVersion, kind: 'RoleBinding', metadata: meta(name, {}, namespace), roleRef: { apiGroup: rbacGroup, kind: 'Role', name: roleName }, subjects };
}

/** namespace_policy.go NamespaceRoles(): kube-public and kube-system, each sorted by name. */
export function bootstrapNamespaceRoles(): Record<string, Role[]> {
  return {
    'kube-public': [
      role('kube-public', 'system:controller:bootstrap-signer', [rule(Read, [legacy], ['configmaps']), rule(['update'], [legacy], ['configmaps'], ['cluster-info']), eventsRule()]),
    ],
    'kube-system': [
      // Extension apiservers read the client-CA configmap to authenticate front proxies.
      role('kube-system', 'extension-apiserver-authentication-reader', [rule(Read, [legacy], ['configmaps'], ['extension-apiserver-authentication'])]),
      // Leader locking on the components' configmaps.
      role('kube-system', 'system::leader-locking-kube-controller-manager', [rule(['watch'], [legacy], ['configmaps']), rule(['get', 'update'], [legacy], ['configmaps'], ['kube-controller-manager'])]),
      role('kube-system', 'system::leader-locking-kube-scheduler', [rule(['watch'], [legacy], ['configmaps']), rule(['get', 'update'], [legacy], ['configmaps'], ['kube-scheduler'])]),
      role('kube-system', 'system:controller:bootstrap-signer', [rule(Read, [legacy], ['secrets'])]),
      role('kube-system', 'system:controller:cloud-provider', [rule(['create', 'get', 'list', 'watch'], [legacy], ['configmaps'])]),
      role('kube-system', 'system:controller:token-cleaner', [rule(['delete', 'get', 'list', 'watch'], [legacy], ['secrets']), eventsRule()]),
    ],
  };
}

/** namespace_policy.go NamespaceRoleBindings(). */
export function bootstrapNamespaceRoleBindings(): Record<string, RoleBinding[]> {
  const sa = (name: string) => serviceAccount('kube-system', name);
  return {
    'kube-public': [roleBinding('kube-public', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [sa('bootstrap-signer')])],
    'kube-system': [
      roleBinding('kube-system', 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', [user('system:kube-controller-manager'), user('system:kube-scheduler')]),
      roleBinding('kube-system', 'system::leader-locking-kube-controller-manager', 'system::leader-locking-kube-controller-manager', [sa('kube-controller-manager')]),
      roleBinding('kube-system', 'system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', [sa('kube-scheduler')]),
      roleBinding('kube-system', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [sa('bootstrap-signer')]),
      roleBinding('kube-system', 'system:controller:cloud-provider', 'system:controller:cloud-provider', [sa('cloud-provider')]),
      roleBinding('kube-system', 'system:controller:token-cleaner', 'system:controller:token-cleaner', [sa('token-cleaner')]),
    ],
  };
}
