// kubectl describe quota (k8s.io/kubectl/pkg/describe/describe.go ResourceQuotaDescriber): the
// name, the scopes with what each one matches, and a Resource/Used/Hard row per hard limit of
// the quota's status, the used amount written in the hard amount's format.

import { Quantity } from '../../api/quantity';
import type { Co } from '../../sim/co';
import { compareGoStrings } from '../printers/gofmt';
import { obj, str, strMap, strings, type Obj } from './helpers';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './writer';

// Models describe.go helpTextForResourceQuotaScope
function helpTextForResourceQuotaScope(scope: string): string {
  switch (scope) {
    case 'Terminating':
      return 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.';
    case 'NotTerminating':
      return 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.';
    case 'BestEffort':
      return 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.';
    case 'NotBestEffort':
      return 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.';
    default:
      return '';
  }
}

/** The used amount as describe prints it: in the hard amount's format when the two differ (resource.NewQuantity(used.Value(), hard.Format)). */
function usedString(used: string | undefined, hard: string): string {
  const h = Quantity.parse(hard);
  const u = used === undefined ? Quantity.zero() : Quantity.parse(used);
  return (u.format === h.format ? u : Quantity.fromValue(u.value(), h.format)).toString();
}

const scopesOf = (q: Obj) => strings(obj(q.spec).scopes).sort(compareGoStrings);
const canonical = (q: string | undefined) => (q === undefined ? Quantity.zero() : Quantity.parse(q)).toString();

// Models describe.go DescribeResourceQuotas
/** The Resource Quotas section of describe namespace: each quota's scopes and Resource/Used/Hard rows, by name. */
export function describeResourceQuotas(w: PrefixWriter, quotas: Obj[]): void {
  if (quotas.length === 0) return w.write(LEVEL_0, 'No resource quota.\n');
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => compareGoStrings(str(obj(a.metadata).name), str(obj(b.metadata).name)))) {
    w.write(LEVEL_1, `Name:\t${str(obj(q.metadata).name)}\n`);
    const scopes = scopesOf(q);
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) {
        const help = helpTextForResourceQuotaScope(s);
        if (help) w.write(LEVEL_1, `* ${help}\n`);
      }
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard = strMap(obj(q.status).hard);
    const used = strMap(obj(q.status).used);
    for (const name of Object.keys(hard).sort(compareGoStrings)) w.write(LEVEL_1, `${name}\t${canonical(used[name])}\t${canonical(hard[name])}\n`);
  }
}

// Models describe.go describeQuota
/** The ResourceQuota describer. */
export function* describeQuota(o: Obj): Co<string> {
  return tabbedString((w) => {
    const m = obj(o.metadata);
    w.write(LEVEL_0, `Name:\t${str(m.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(m.namespace)}\n`);
    const scopes = scopesOf(o);
    if (scopes.length > 0) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) {
        const help = helpTextForResourceQuotaScope(s);
        if (help) w.write(LEVEL_0, ` * ${help}\n`);
      }
    }
    w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '--------\t----\t----\n');
    const hard = strMap(obj(o.status).hard);
    const used = strMap(obj(o.status).used);
    for (const name of Object.keys(hard).sort(compareGoStrings)) w.write(LEVEL_0, `${name}\t${usedString(used[name], hard[name])}\t${Quantity.parse(hard[name]).toString()}\n`);
  });
}
