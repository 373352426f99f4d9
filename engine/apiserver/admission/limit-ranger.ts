// LimitRanger (plugin/pkg/admission/limitranger): the Container limits of the namespace's
// LimitRanges fill in a pod's missing requests and limits, then bound them (min, max and
// maxLimitRequestRatio), refusing the pod with upstream's messages.

import { Quantity } from '../../api/quantity';
import type { Container, KubeObject, Pod } from '../../api/types';
import type { Co } from '../../sim/co';
import { newForbidden } from '../errors';
import { isMain, listCached, type AdmissionContext, type Attributes } from './context';

interface LimitItem {
  type: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}
type LimitRange = KubeObject & { spec?: { limits?: LimitItem[] } };

export function* limitRanger(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE' || !isMain(a, '', 'pods')) return;
  const pod = a.obj as Pod;
  const ranges = listCached(ctx, '', 'limitranges', pod.metadata.namespace ?? '') as LimitRange[];
  const items = ranges.flatMap((r) => (r.spec?.limits ?? []).filter((l) => l.type === 'Container'));
  if (items.length === 0) return;
  const containers = [...(pod.spec!.initContainers ?? []), ...pod.spec!.containers];
  for (const item of items) for (const c of containers) applyDefaults(c, item);
  const errs: string[] = [];
  for (const item of items) for (const c of containers) errs.push(...check(c, item));
  if (errs.length) throw newForbidden({ group: '', resource: 'pods' }, pod.metadata.name ?? '', errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
}

/** defaultContainerResourceRequirements + mergeContainerResources: only what the container lacks. */
function applyDefaults(c: Container, item: LimitItem): void {
  const r = (c.resources = c.resources ?? {});
  for (const [k, v] of Object.entries(item.default ?? {})) {
    r.limits = r.limits ?? {};
    if (r.limits[k] === undefined) r.limits[k] = v;
  }
  for (const [k, v] of Object.entries(item.defaultRequest ?? {})) {
    r.requests = r.requests ?? {};
    if (r.requests[k] === undefined) r.requests[k] = v;
  }
}

const q = (s: string) => Quantity.parse(s);

function check(c: Container, item: LimitItem): string[] {
  const errs: string[] = [];
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  for (const [k, v] of Object.entries(item.min ?? {})) {
    if (req[k] === undefined) errs.push(`minimum ${k} usage per Container is ${v}.  No request is specified`);
    else if (q(req[k]).cmp(q(v)) < 0) errs.push(`minimum ${k} usage per Container is ${v}, but request is ${q(req[k]).toString()}`);
    if (lim[k] !== undefined && q(lim[k]).cmp(q(v)) < 0) errs.push(`minimum ${k} usage per Container is ${v}, but limit is ${q(lim[k]).toString()}`);
  }
  for (const [k, v] of Object.entries(item.max ?? {})) {
    if (lim[k] === undefined) errs.push(`maximum ${k} usage per Container is ${v}.  No limit is specified`);
    else if (q(lim[k]).cmp(q(v)) > 0) errs.push(`maximum ${k} usage per Container is ${v}, but limit is ${q(lim[k]).toString()}`);
    if (req[k] !== undefined && q(req[k]).cmp(q(v)) > 0) errs.push(`maximum ${k} usage per Container is ${v}, but request is ${q(req[k]).toString()}`);
  }
  for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    if (req[k] === undefined || lim[k] === undefined) continue;
    const ratio = q(lim[k]).milliValue() / q(req[k]).milliValue();
    if (ratio > q(v).asApproximateFloat64()) errs.push(`${k} max limit to request ratio per Container is ${v}, but provided ratio is ${ratio.toFixed(6)}`);
  }
  return errs;
}
