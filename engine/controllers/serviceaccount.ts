// The service account controller (pkg/controller/serviceaccount/serviceaccounts_controller.go,
// 1.32): every active namespace has a `default` ServiceAccount, made when the namespace appears
// and made again when someone deletes it. Pods that name no service account run as it.

import type { Namespace, ServiceAccount } from '../api/types/core';
import type { StatusError } from '../apiserver/errors';
import { isAlreadyExists, res } from '../client/clientset';
import { Cancelled, type Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';

const namespaces = res('', 'namespaces');
const serviceAccounts = res('', 'serviceaccounts');

/** The service accounts made in every namespace (DefaultServiceAccountsControllerOptions). */
const serviceAccountsToEnsure = ['default'];

// Models k8s.io/apimachinery/pkg/api/errors HasStatusCause with v1.NamespaceTerminatingCause
/** Whether the error says the namespace is being terminated (a create refused by NamespaceLifecycle). */
export function isNamespaceTerminating(e: unknown): boolean {
  return ((e as StatusError | undefined)?.status?.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
}

// Models serviceaccounts_controller.go NewServiceAccountsController
/** The service account controller, over the shared namespace and service account informers. */
export function newServiceAccountsController(ctx: ControllerContext): Controller {
  const nsInformer = ctx.informers.informerFor<Namespace>(namespaces);
  const saInformer = ctx.informers.informerFor<ServiceAccount>(serviceAccounts);
  const queue = ctx.newQueue('serviceaccount');
  saInformer.addEventHandler({ delete: (sa) => queue.add(sa.metadata.namespace ?? '') });
  nsInformer.addEventHandler({ add: (ns) => queue.add(ns.metadata.name!), update: (_, ns) => queue.add(ns.metadata.name!) });

  // Models serviceaccounts_controller.go syncNamespace
  function* syncNamespace(key: string): Co<void> {
    const ns = nsInformer.lister.get('', key);
    // A namespace that is not Active gets nothing new.
    if (!ns || ns.status?.phase !== 'Active') return;
    const failures: unknown[] = [];
    for (const name of serviceAccountsToEnsure) {
      if (saInformer.lister.get(key, name)) continue;
      try {
        yield* ctx.client.create<ServiceAccount>(serviceAccounts, key, { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name, namespace: key } });
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        if (!isAlreadyExists(e) && !isNamespaceTerminating(e)) failures.push(e);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length) throw new Error(`[${failures.map((e) => (e instanceof Error ? e.message : String(e))).join(', ')}]`);
  }

  return { name: 'serviceaccount', workers: 1, queue, sync: syncNamespace };
}
