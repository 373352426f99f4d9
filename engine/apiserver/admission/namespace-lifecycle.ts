// NamespaceLifecycle (plugin/pkg/admission/namespace/lifecycle): nothing is created in a namespace
// that does not exist or is being terminated, and the system namespaces cannot be deleted. It only
// validates (upstream's plugin implements ValidationInterface alone).

import type { Co } from '../../sim/co';
import { newForbidden, newNotFound } from '../errors';
import { forbidden, lookup, type AdmissionContext, type Attributes, type Plugin } from './context';

const immortal = new Set(['default', 'kube-system', 'kube-public']);

// Models plugin/pkg/admission/namespace/lifecycle/admission.go Validate
function* validate(ctx: AdmissionContext, a: Attributes): Co<void> {
  const name = a.obj.metadata.name ?? '';
  if (a.op === 'DELETE' && a.info.resource === 'namespaces' && a.info.group === '' && immortal.has(name)) {
    throw newForbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted');
  }
  if (a.op !== 'CREATE' || !a.info.namespaced) return;
  const ns = a.obj.metadata.namespace ?? '';
  const namespace = yield* lookup(ctx, '', 'namespaces', '', ns);
  if (!namespace) throw newNotFound({ group: '', resource: 'namespaces' }, ns);
  const phase = (namespace as { status?: { phase?: string } }).status?.phase;
  if (phase === 'Terminating') throw forbidden(a, `unable to create new content in namespace ${ns} because it is being terminated`);
}

/** The NamespaceLifecycle plugin. */
export const namespaceLifecycle: Plugin = { name: 'NamespaceLifecycle', validate };
