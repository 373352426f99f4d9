// Who a request is from, as k8s.io/apiserver/pkg/authentication/user (user.go) names it, and the
// service-account name mapping of k8s.io/apiserver/pkg/authentication/serviceaccount (util.go).

import { isDNS1123Label, isDNS1123Subdomain } from '../../api/validation/names';

/** user.Info: the authenticated (or impersonated) identity a request carries. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** The groups and users upstream reserves (user.go). */
export const SystemPrivilegedGroup = 'system:masters';
export const NodesGroup = 'system:nodes';
export const MonitoringGroup = 'system:monitoring';
export const AllUnauthenticated = 'system:unauthenticated';
export const AllAuthenticated = 'system:authenticated';
export const Anonymous = 'system:anonymous';
export const APIServerUser = 'system:apiserver';
export const KubeProxy = 'system:kube-proxy';
export const KubeControllerManager = 'system:kube-controller-manager';
export const KubeScheduler = 'system:kube-scheduler';

export const ServiceAccountUsernamePrefix = 'system:serviceaccount:';
export const ServiceAccountGroupPrefix = 'system:serviceaccounts:';
export const AllServiceAccountsGroup = 'system:serviceaccounts';

/** The user.Info.Extra keys a bound service-account token carries (serviceaccount/util.go). */
export const PodNameKey = 'authentication.kubernetes.io/pod-name';
export const PodUIDKey = 'authentication.kubernetes.io/pod-uid';
export const NodeNameKey = 'authentication.kubernetes.io/node-name';
export const NodeUIDKey = 'authentication.kubernetes.io/node-uid';
export const CredentialIDKey = 'authentication.kubernetes.io/credential-id';

/** serviceaccount.MakeUsername: `system:serviceaccount:<namespace>:<name>`. */
export function makeServiceAccountUsername(namespace: string, name: string): string {
  return `${ServiceAccountUsernamePrefix}${namespace}:${name}`;
}

/** serviceaccount.MakeGroupNames: every service account's two groups. */
export function makeServiceAccountGroupNames(namespace: string): string[] {
  return [AllServiceAccountsGroup, ServiceAccountGroupPrefix + namespace];
}

/** serviceaccount.MatchesUsername: whether `username` is the service account namespace/name. */
export function matchesServiceAccountUsername(namespace: string, name: string, username: string): boolean {
  return username === makeServiceAccountUsername(namespace, name);
}

/**
 * serviceaccount.SplitUsername: the namespace and name of a `system:serviceaccount:` username,
 * or undefined when it is not one (a namespace must be a DNS label, a name a DNS subdomain).
 */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(ServiceAccountUsernamePrefix)) return undefined;
  const parts = username.slice(ServiceAccountUsernamePrefix.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts;
  if (isDNS1123Label(namespace).length > 0 || isDNS1123Subdomain(name).length > 0) return undefined;
  return { namespace, name };
}
