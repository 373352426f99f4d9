// Tests ported from pkg/controller/serviceaccount/serviceaccounts_controller_test.go (1.32):
// TestServiceAccountCreation's table, driven through the informers' event handlers.

import { describe, expect, it } from 'vitest';
import type { Namespace, ServiceAccount } from '../api/types/core';
import { StatusError } from '../apiserver/errors';
import { res } from '../client/clientset';
import { newServiceAccountsController } from './serviceaccount';
import { fakeContext, runSync } from './testing';

const nsR = res('', 'namespaces');
const saR = res('', 'serviceaccounts');
const ns = (phase: 'Active' | 'Terminating'): Namespace => ({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'ns', resourceVersion: '1' }, status: { phase } });
const sa = (name: string): ServiceAccount => ({ kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name, namespace: 'ns' } });

describe('TestServiceAccountCreation', () => {
  const cases: { name: string; existingNamespace?: Namespace; existingServiceAccounts?: string[]; addedNamespace?: Namespace; updatedNamespace?: Namespace; deletedServiceAccount?: string; expectCreated: string[] }[] = [
    { name: 'new active namespace missing serviceaccounts', existingServiceAccounts: [], addedNamespace: ns('Active'), expectCreated: ['default'] },
    { name: 'new active namespace missing serviceaccount', existingServiceAccounts: ['other'], addedNamespace: ns('Active'), expectCreated: ['default'] },
    { name: 'new active namespace with serviceaccounts', existingServiceAccounts: ['default'], addedNamespace: ns('Active'), expectCreated: [] },
    { name: 'new terminating namespace', addedNamespace: ns('Terminating'), expectCreated: [] },
    { name: 'updated active namespace missing serviceaccounts', updatedNamespace: ns('Active'), expectCreated: ['default'] },
    { name: 'updated active namespace with serviceaccounts', existingServiceAccounts: ['default'], updatedNamespace: ns('Active'), expectCreated: [] },
    { name: 'updated terminating namespace', updatedNamespace: ns('Terminating'), expectCreated: [] },
    { name: 'deleted serviceaccount without namespace', deletedServiceAccount: 'default', expectCreated: [] },
    { name: 'deleted serviceaccount with active namespace', existingNamespace: ns('Active'), deletedServiceAccount: 'default', expectCreated: ['default'] },
    { name: 'deleted serviceaccount with terminating namespace', existingNamespace: ns('Terminating'), deletedServiceAccount: 'default', expectCreated: [] },
    { name: 'deleted unmanaged serviceaccount with active namespace', existingNamespace: ns('Active'), existingServiceAccounts: ['default'], deletedServiceAccount: 'other', expectCreated: [] },
    { name: 'deleted unmanaged serviceaccount with terminating namespace', existingNamespace: ns('Terminating'), existingServiceAccounts: ['default'], deletedServiceAccount: 'other', expectCreated: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ctx = fakeContext();
      const c1 = newServiceAccountsController(ctx);
      const nsInf = ctx.informers.informerFor<Namespace>(nsR);
      const saInf = ctx.informers.informerFor<ServiceAccount>(saR);
      if (c.existingNamespace) nsInf.preload(c.existingNamespace);
      saInf.preload(...(c.existingServiceAccounts ?? []).map(sa));
      if (c.addedNamespace) nsInf.emitUpsert(c.addedNamespace);
      if (c.updatedNamespace) {
        nsInf.preload(c.updatedNamespace);
        nsInf.emitUpsert(c.updatedNamespace);
      }
      if (c.deletedServiceAccount) saInf.emitDelete(sa(c.deletedServiceAccount));
      for (const key of ctx.queues.get('serviceaccount')!.added) runSync(c1.sync(key));
      const created = ctx.client.writes().filter((a) => a.verb === 'create');
      expect(created.map((a) => a.name)).toEqual(c.expectCreated);
      for (const a of created) expect([a.resource, a.namespace, a.object]).toEqual(['serviceaccounts', 'ns', { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'default', namespace: 'ns' } }]);
    });
  }

  it('AlreadyExists and a terminating namespace are not failures; others are retried', () => {
    const ctx = fakeContext();
    const c = newServiceAccountsController(ctx);
    ctx.informers.informerFor<Namespace>(nsR).preload(ns('Active'));
    const forbidden = new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 403, reason: 'Forbidden', message: 'unable to create new content in namespace ns because it is being terminated', details: { causes: [{ reason: 'NamespaceTerminating', field: 'metadata.namespace' }] } });
    ctx.client.prependReactor('create', 'serviceaccounts', () => forbidden);
    runSync(c.sync('ns'));
    const boom = new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, reason: 'InternalError', message: 'etcd is down' });
    ctx.client.prependReactor('create', 'serviceaccounts', () => boom);
    expect(() => runSync(c.sync('ns'))).toThrow('etcd is down');
  });
});
