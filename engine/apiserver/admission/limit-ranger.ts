// LimitRanger (plugin/pkg/admission/limitranger): its mutating half fills in a pod's missing
// requests and limits from the Container defaults of each LimitRange in the namespace (and says so
// in the kubernetes.io/limit-ranger annotation); its validating half bounds them by the
// Container and Pod min, max and maxLimitRequestRatio, refusing the pod with upstream's messages.

import { Quantity } from '../../api/quantity';
import type { Container, KubeObject, Pod } from '../../api/types';
import { podLimits, podRequests, toQuantityList, type QuantityList } from '../../quota';
import type { Co } from '../../sim/co';
import { forbidden, listCached, type AdmissionContext, type Attributes, type Plugin } from './context';

interface LimitItem {
  type: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}
type LimitRange = KubeObject & { spec?: { limits?: LimitItem[] } };

const limitRangerAnnotation = 'kubernetes.io/limit-ranger';
const q = (s: string) => Quantity.parse(s);
const sorted = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The LimitRanges of the request's namespace, in name order. */
function limitRangesOf(ctx: AdmissionContext, a: Attributes): LimitRange[] {
  return listCached(ctx, '', 'limitranges', a.obj.metadata.namespace ?? '') as LimitRange[];
}

// Models plugin/pkg/admission/limitranger/admission.go SupportsAttributes and runLimitFunc's deletion check
/** Pods on create (their containers are immutable after), nothing being deleted, no subresource. */
function supports(a: Attributes): boolean {
  if (a.subresource !== '' || a.info.group !== '' || a.info.resource !== 'pods' || a.op !== 'CREATE') return false;
  return !a.old?.metadata.deletionTimestamp;
}

// Models plugin/pkg/admission/limitranger/admission.go defaultContainerResourceRequirements
function defaultContainerResourceRequirements(lr: LimitRange): { requests: Record<string, string>; limits: Record<string, string> } {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

// Models plugin/pkg/admission/limitranger/admission.go mergeContainerResources
function mergeContainerResources(c: Container, defaults: { requests: Record<string, string>; limits: Record<string, string> }, prefix: string, annotations: string[]): void {
  const r = (c.resources = c.resources ?? {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(defaults.limits)) {
    r.limits = r.limits ?? {};
    if (r.limits[k] !== undefined) continue;
    r.limits[k] = v;
    setLimits.push(k);
  }
  for (const [k, v] of Object.entries(defaults.requests)) {
    r.requests = r.requests ?? {};
    if (r.requests[k] !== undefined) continue;
    r.requests[k] = v;
    setRequests.push(k);
  }
  if (setRequests.length) annotations.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) annotations.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
}

// Models plugin/pkg/admission/limitranger/admission.go PodMutateLimitFunc and mergePodResourceRequirements
function podMutateLimitFunc(lr: LimitRange, pod: Pod): void {
  const defaults = defaultContainerResourceRequirements(lr);
  const annotations: string[] = [];
  for (const c of pod.spec!.containers) mergeContainerResources(c, defaults, 'container', annotations);
  for (const c of pod.spec!.initContainers ?? []) mergeContainerResources(c, defaults, 'init container', annotations);
  if (annotations.length) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [limitRangerAnnotation]: 'LimitRanger plugin set: ' + annotations.join('; ') };
}

/** The milli values when none overflows, as requestLimitEnforcedValues compares them. */
const milli = (x: Quantity | undefined) => (x ? x.milliValue() : 0);

// Models plugin/pkg/admission/limitranger/admission.go minConstraint
function minConstraint(type: string, name: string, enforced: Quantity, req: QuantityList, lim: QuantityList): string | null {
  const r = req[name];
  const l = lim[name];
  if (r === undefined) return `minimum ${name} usage per ${type} is ${enforced.toString()}.  No request is specified`;
  if (milli(r) < enforced.milliValue()) return `minimum ${name} usage per ${type} is ${enforced.toString()}, but request is ${r.toString()}`;
  if (l !== undefined && milli(l) < enforced.milliValue()) return `minimum ${name} usage per ${type} is ${enforced.toString()}, but limit is ${l.toString()}`;
  return null;
}

// Models plugin/pkg/admission/limitranger/admission.go maxConstraint
function maxConstraint(type: string, name: string, enforced: Quantity, req: QuantityList, lim: QuantityList): string | null {
  const r = req[name];
  const l = lim[name];
  if (l === undefined) return `maximum ${name} usage per ${type} is ${enforced.toString()}.  No limit is specified`;
  if (milli(l) > enforced.milliValue()) return `maximum ${name} usage per ${type} is ${enforced.toString()}, but limit is ${l.toString()}`;
  if (r !== undefined && milli(r) > enforced.milliValue()) return `maximum ${name} usage per ${type} is ${enforced.toString()}, but request is ${r.toString()}`;
  return null;
}

// Models plugin/pkg/admission/limitranger/admission.go limitRequestRatioConstraint
function limitRequestRatioConstraint(type: string, name: string, enforced: Quantity, req: QuantityList, lim: QuantityList): string | null {
  const r = milli(req[name]);
  const l = milli(lim[name]);
  if (req[name] === undefined || r === 0) return `${name} max limit to request ratio per ${type} is ${enforced.toString()}, but no request is specified or request is 0`;
  if (lim[name] === undefined || l === 0) return `${name} max limit to request ratio per ${type} is ${enforced.toString()}, but no limit is specified or limit is 0`;
  const ratio = l / r;
  if (ratio * 1000 > enforced.milliValue()) return `${name} max limit to request ratio per ${type} is ${enforced.toString()}, but provided ratio is ${ratio.toFixed(6)}`;
  return null;
}

/** The three constraints of one limit item over one set of requests and limits. */
function constraints(item: LimitItem, req: QuantityList, lim: QuantityList): string[] {
  const errs: (string | null)[] = [];
  for (const [k, v] of sorted(item.min)) errs.push(minConstraint(item.type, k, q(v), req, lim));
  for (const [k, v] of sorted(item.max)) errs.push(maxConstraint(item.type, k, q(v), req, lim));
  for (const [k, v] of sorted(item.maxLimitRequestRatio)) errs.push(limitRequestRatioConstraint(item.type, k, q(v), req, lim));
  return errs.filter((e): e is string => e !== null);
}

const resourcesOf = (c: Container) => ({ req: toQuantityList(c.resources?.requests), lim: toQuantityList(c.resources?.limits) });

// Models plugin/pkg/admission/limitranger/admission.go PodValidateLimitFunc
function podValidateLimitFunc(lr: LimitRange, pod: Pod): string[] {
  const errs: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...pod.spec!.containers, ...(pod.spec!.initContainers ?? [])]) {
        const { req, lim } = resourcesOf(c);
        errs.push(...constraints(item, req, lim));
      }
    }
    if (item.type === 'Pod') errs.push(...constraints(item, podRequests(pod), podLimits(pod)));
  }
  return errs;
}

// Models k8s.io/apimachinery/pkg/util/errors/errors.go aggregate.Error: one message alone, several bracketed, repeats dropped.
const aggregate = (errs: string[]) => {
  const msgs = [...new Set(errs)];
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
};

// Models plugin/pkg/admission/limitranger/admission.go Admit
function* admit(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (!supports(a)) return;
  for (const lr of limitRangesOf(ctx, a)) podMutateLimitFunc(lr, a.obj as Pod);
}

// Models plugin/pkg/admission/limitranger/admission.go Validate
function* validate(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (!supports(a)) return;
  for (const lr of limitRangesOf(ctx, a)) {
    const errs = podValidateLimitFunc(lr, a.obj as Pod);
    if (errs.length) throw forbidden(a, aggregate(errs));
  }
}

/** The LimitRanger plugin. */
export const limitRanger: Plugin = { name: 'LimitRanger', admit, validate };
