// autoscaling/v2 HorizontalPodAutoscaler, as pkg/apis/autoscaling/validation/validation.go
// (HPAScaleToZero is alpha and off in 1.32: minReplicas at least 1 unless the old object had 0).

import type { CrossVersionObjectReference, HorizontalPodAutoscaler, HPAScalingRules, MetricIdentifier, MetricSpec, MetricTarget } from '../types';
import { forbidden, invalid, newPath, notSupported, required, type FieldError, type FieldPath } from './field';
import { validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isValidPathSegmentName, nameIsDNSSubdomain } from './names';
import { goQuantity, parseQuantity, validateContainerResourceName } from './resources';
import { validateDNS1123Label } from './core-volumes';

const maxPeriodSeconds = 1800;
const maxStabilizationWindowSeconds = 3600;
const metricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

/** ValidateCrossVersionObjectReference. */
export function validateCrossVersionObjectReference(ref: CrossVersionObjectReference | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['kind', 'name'] as const) {
    const v = ref?.[k] ?? '';
    if (v.length === 0) errs.push(required(p.child(k), ''));
    else for (const m of isValidPathSegmentName(v)) errs.push(invalid(p.child(k), v, m));
  }
  return errs;
}

function validateMetricIdentifier(id: MetricIdentifier | undefined, p: FieldPath): FieldError[] {
  const name = id?.name ?? '';
  if (name.length === 0) return [required(p.child('name'), 'must specify a metric name')];
  return isValidPathSegmentName(name).map((m) => invalid(p.child('name'), name, m));
}

function validateMetricTarget(mt: MetricTarget | undefined, p: FieldPath): FieldError[] {
  const t = mt ?? ({} as MetricTarget);
  const errs: FieldError[] = [];
  const type: string = t.type ?? '';
  if (type.length === 0) errs.push(required(p.child('type'), 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') errs.push(invalid(p.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  for (const k of ['value', 'averageValue'] as const) {
    const q = parseQuantity(t[k]);
    if (q !== null && q.sign() !== 1) errs.push(invalid(p.child(k), goQuantity(q), 'must be positive'));
  }
  if (t.averageUtilization !== undefined && t.averageUtilization !== null && t.averageUtilization < 1) errs.push(invalid(p.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  return errs;
}

function set(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function validateMetricSpec(spec: MetricSpec, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type: string = spec.type ?? '';
  if (type.length === 0) errs.push(required(p.child('type'), 'must specify a metric source type'));
  if (!metricSourceTypes.includes(type)) errs.push(notSupported(p.child('type'), type, metricSourceTypes));
  const present: string[] = [];
  if (spec.object) {
    present.push('object');
    if (present.length === 1) {
      const op = p.child('object');
      errs.push(...validateCrossVersionObjectReference(spec.object.describedObject, op.child('describedObject')));
      errs.push(...validateMetricIdentifier(spec.object.metric, op.child('metric')));
      errs.push(...validateMetricTarget(spec.object.target, op.child('target')));
      if (!set(spec.object.target?.value) && !set(spec.object.target?.averageValue)) errs.push(required(op.child('target').child('averageValue'), 'must set either a target value or averageValue'));
    }
  }
  if (spec.external) {
    present.push('external');
    if (present.length === 1) {
      const ep = p.child('external');
      errs.push(...validateMetricIdentifier(spec.external.metric, ep.child('metric')));
      errs.push(...validateMetricTarget(spec.external.target, ep.child('target')));
      const t = spec.external.target;
      if (!set(t?.value) && !set(t?.averageValue)) errs.push(required(ep.child('target').child('averageValue'), 'must set either a target value for metric or a per-pod target'));
      if (set(t?.value) && set(t?.averageValue)) errs.push(forbidden(ep.child('target').child('value'), 'may not set both a target value for metric and a per-pod target'));
    }
  }
  if (spec.pods) {
    present.push('pods');
    if (present.length === 1) {
      const pp = p.child('pods');
      errs.push(...validateMetricIdentifier(spec.pods.metric, pp.child('metric')));
      errs.push(...validateMetricTarget(spec.pods.target, pp.child('target')));
      if (!set(spec.pods.target?.averageValue)) errs.push(required(pp.child('target').child('averageValue'), 'must specify a positive target averageValue'));
    }
  }
  for (const [key, src] of [['resource', spec.resource], ['containerResource', spec.containerResource]] as const) {
    if (!src) continue;
    present.push(key);
    if (present.length !== 1) continue;
    const rp = p.child(key);
    const name = src.name ?? '';
    if (name.length === 0) errs.push(required(rp.child('name'), 'must specify a resource name'));
    else if (key === 'containerResource') errs.push(...validateContainerResourceName(name, rp.child('name')));
    if (key === 'containerResource') {
      const c = (src as { container?: string }).container ?? '';
      if (c.length === 0) errs.push(required(rp.child('container'), 'must specify a container'));
      else errs.push(...validateDNS1123Label(c, rp.child('container')));
    }
    errs.push(...validateMetricTarget(src.target, rp.child('target')));
    const t = src.target;
    if (!set(t?.averageUtilization) && !set(t?.averageValue)) errs.push(required(rp.child('target').child('averageUtilization'), 'must set either a target raw value or a target utilization'));
    if (set(t?.averageUtilization) && set(t?.averageValue)) errs.push(forbidden(rp.child('target').child('averageValue'), 'may not set both a target raw value and a target utilization'));
  }
  const expected: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };
  const exp = expected[type];
  if (exp !== undefined) {
    if (!set((spec as unknown as Record<string, unknown>)[exp])) errs.push(required(p.child(exp), 'must populate information for the given metric source'));
  } else errs.push(notSupported(p.child('type'), type, metricSourceTypes));
  if (present.length !== 1) for (const t of [...new Set(present)].filter((x) => x !== exp).sort()) errs.push(forbidden(p.child(t), 'must populate the given metric source only'));
  return errs;
}

function validateScalingRules(rules: HPAScalingRules | undefined, p: FieldPath): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const sw = rules.stabilizationWindowSeconds;
  if (set(sw) && sw! < 0) errs.push(invalid(p.child('stabilizationWindowSeconds'), sw, 'must be greater than or equal to zero'));
  if (set(sw) && sw! > maxStabilizationWindowSeconds) errs.push(invalid(p.child('stabilizationWindowSeconds'), sw, `must be less than or equal to ${maxStabilizationWindowSeconds}`));
  const sp: string | undefined = rules.selectPolicy;
  if (set(sp) && !['Disabled', 'Max', 'Min'].includes(sp!)) errs.push(notSupported(p.child('selectPolicy'), sp, ['Disabled', 'Max', 'Min']));
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(required(p.child('policies'), 'must specify at least one Policy'));
  policies.forEach((pol, i) => {
    const ip = p.child('policies').index(i);
    const t: string = pol.type ?? '';
    if (t !== 'Pods' && t !== 'Percent') errs.push(notSupported(ip.child('type'), t, ['Percent', 'Pods']));
    if ((pol.value ?? 0) <= 0) errs.push(invalid(ip.child('value'), pol.value ?? 0, 'must be greater than zero'));
    const ps = pol.periodSeconds ?? 0;
    if (ps <= 0) errs.push(invalid(ip.child('periodSeconds'), ps, 'must be greater than zero'));
    if (ps > maxPeriodSeconds) errs.push(invalid(ip.child('periodSeconds'), ps, `must be less than or equal to ${maxPeriodSeconds}`));
  });
  return errs;
}

function validateHPASpec(hpa: HorizontalPodAutoscaler, minReplicasLowerBound: number): FieldError[] {
  const spec = hpa.spec ?? ({} as NonNullable<HorizontalPodAutoscaler['spec']>);
  const p = newPath('spec');
  const errs: FieldError[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  if (set(min) && min! < minReplicasLowerBound) errs.push(invalid(p.child('minReplicas'), min, `must be greater than or equal to ${minReplicasLowerBound}`));
  if (max < 1) errs.push(invalid(p.child('maxReplicas'), max, 'must be greater than 0'));
  if (set(min) && max < min!) errs.push(invalid(p.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, p.child('scaleTargetRef')));
  let hasObjectOrExternal = false;
  (spec.metrics ?? []).forEach((m, i) => {
    errs.push(...validateMetricSpec(m, p.child('metrics').index(i)));
    if (m.type === 'Object' || m.type === 'External') hasObjectOrExternal = true;
  });
  if (min === 0 && !hasObjectOrExternal) errs.push(forbidden(p.child('metrics'), 'must specify at least one Object or External metric to support scaling to zero replicas'));
  if (spec.behavior) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, p.child('behavior').child('scaleUp')));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, p.child('behavior').child('scaleDown')));
  }
  return errs;
}

/** ValidateHorizontalPodAutoscaler. */
export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validateHPASpec(hpa, 1)];
}

/** ValidateHorizontalPodAutoscalerUpdate. */
export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMetaUpdate(hpa.metadata, old.metadata, newPath('metadata')), ...validateHPASpec(hpa, old.spec?.minReplicas === 0 ? 0 : 1)];
}

/** ValidateHorizontalPodAutoscalerStatusUpdate. */
export function validateHorizontalPodAutoscalerStatusUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  return [
    ...validateObjectMetaUpdate(hpa.metadata, old.metadata, newPath('metadata')),
    ...validateNonnegativeField(hpa.status?.currentReplicas ?? 0, newPath('status', 'currentReplicas')),
    ...validateNonnegativeField(hpa.status?.desiredReplicas ?? 0, newPath('status', 'desiredReplicas')),
  ];
}
