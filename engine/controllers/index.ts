// kube-controller-manager's controllers, as its --controllers flag names them, each with the
// service account it runs as (--use-service-account-credentials, as kubeadm runs it: RBAC's
// system:controller:<name> roles are bound to these accounts).

import type { Controller, ControllerContext } from './controller';

/** One controller the manager can start. */
export interface ControllerEntry {
  /** --controllers name. */
  name: string;
  /** The kube-system service account its client authenticates as. */
  serviceAccount: string;
  make(ctx: ControllerContext): Controller;
}

/** Every controller, in the order kube-controller-manager starts them. */
export const controllerEntries: ControllerEntry[] = [];

/** The static bearer token of a controller's service account (see docs/FIDELITY.md: upstream issues JWTs). */
export function controllerToken(serviceAccount: string): string {
  return `kubeplay-static-token:kube-system:${serviceAccount}`;
}

/** The apiserver's static tokens for every controller's service account (its --token-auth-file rows). */
export function controllerTokens(): { token: string; user: string; uid: string; groups: string[] }[] {
  return controllerEntries.map((e) => ({ token: controllerToken(e.serviceAccount), user: `system:serviceaccount:kube-system:${e.serviceAccount}`, uid: '', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system'] }));
}

export type { Controller, ControllerContext } from './controller';
