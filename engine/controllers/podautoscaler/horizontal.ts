// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go, Kubernetes
// 1.32): every --horizontal-pod-autoscaler-sync-period (15 s) each HPA reads its target's scale
// subresource, computes the replicas each metric asks for (replica-calculator.ts, over
// metrics.k8s.io), takes the largest, stabilizes it (the highest recommendation of the last
// --horizontal-pod-autoscaler-downscale-stabilization, 5 min, or the HPA's behavior: windows and
// Pods/Percent policies per period), clamps it to [minReplicas, maxReplicas] and the scale-up
// limit, writes the new size to the scale subresource, and reports it: SuccessfulRescale events,
// status.currentMetrics, and the AbleToScale / ScalingActive / ScalingLimited conditions with
// upstream's reasons and messages.
//
// Only the resource metrics API exists here (metrics-server): Pods, Object and External metrics
// fail as they do in a cluster without a custom or external metrics adapter.

import { resources } from '../../api/resources';
import { Quantity } from '../../api/quantity';
import { parseSelector, type Selector } from '../../api/labels';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HPAScalingRules, MetricSpec, MetricStatus, MetricTarget, MetricValueStatus, Pod } from '../../api/types';
import { rfc3339 } from '../../apiserver/registry/objects';
import { res } from '../../client/clientset';
import { keyOf, splitKey } from '../../client/store';
import { Cancelled, type Co } from '../../sim/co';
import type { Controller, ControllerContext } from '../controller';
import { clientErrorText, getResourceMetric } from './metrics-client';
import { ReplicaCalcError, ReplicaCalculator } from './replica-calculator';

const hpas = res('autoscaling', 'horizontalpodautoscalers');
const podsRes = res('', 'pods');

/** --horizontal-pod-autoscaler-tolerance. */
export const defaultTolerance = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period (5m) and --horizontal-pod-autoscaler-initial-readiness-delay (30s). */
const cpuInitializationPeriodMs = 5 * 60_000;
const delayOfInitialReadinessStatusMs = 30_000;
/** The default sync period the others are scaled against. */
const upstreamSyncPeriodMs = 15_000;
/** Without behavior, a scale-up goes at most to max(2 × current, 4) (horizontal.go scaleUpLimitFactor/Minimum). */
const scaleUpLimitFactor = 2.0;
const scaleUpLimitMinimum = 4.0;
/** --concurrent-horizontal-pod-autoscaler-syncs. */
const concurrentSyncs = 5;

/** The Scale subresource (autoscaling/v1). */
interface Scale {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; resourceVersion?: string };
  spec: { replicas?: number };
  status: { replicas?: number; selector?: string };
}

interface TimestampedRecommendation {
  recommendation: number;
  at: number;
}

interface TimestampedScaleEvent {
  replicaChange: number;
  at: number;
  outdated: boolean;
}

/** A condition to set, as setCondition takes it. */
type Cond = { type: string; status: 'True' | 'False' | 'Unknown'; reason: string; message: string };

/** The value a metric asked for, and what it measured. */
interface Proposal {
  replicas: number;
  metric: string;
  timestamp: number;
  status: MetricStatus;
}

/** An error computing one metric: the condition it leaves. */
class MetricError extends Error {
  constructor(
    message: string,
    readonly condition: Cond,
  ) {
    super(message);
  }
}

// Models horizontal.go NewHorizontalController: the HPA and pod informers, the queue that syncs each HPA every resync period.
/** The HPA controller. */
export function newHorizontalController(ctx: ControllerContext): Controller {
  const queue = ctx.newQueue('horizontalpodautoscaler');
  const informer = ctx.informers.informerFor<HorizontalPodAutoscaler>(hpas);
  const podLister = ctx.informers.informerFor<Pod>(podsRes).lister;
  const recorder = ctx.recorder('horizontal-pod-autoscaler');
  // The fast profile scales the controller's periods as it scales the sync period.
  const scale = ctx.timings.hpaSyncPeriodMs / upstreamSyncPeriodMs;
  const resyncMs = ctx.timings.hpaSyncPeriodMs;
  const downscaleStabilisationMs = ctx.timings.hpaDownscaleStabilizationMs;
  const calc = new ReplicaCalculator({ tolerance: defaultTolerance, cpuInitializationPeriodMs: cpuInitializationPeriodMs * scale, delayOfInitialReadinessStatusMs: delayOfInitialReadinessStatusMs * scale });
  const recommendations = new Map<string, TimestampedRecommendation[]>();
  const scaleUpEvents = new Map<string, TimestampedScaleEvent[]>();
  const scaleDownEvents = new Map<string, TimestampedScaleEvent[]>();
  /** The selector each HPA last used (hpaSelectors), to catch pods that two HPAs control. */
  const selectors = new Map<string, Selector | null>();

  // Requests always wait the resync period in the queue; one already waiting absorbs a new one.
  const enqueue = (h: HorizontalPodAutoscaler) => {
    const key = keyOf(h);
    queue.addAfter(key, resyncMs);
    if (!selectors.has(key)) selectors.set(key, null);
  };
  informer.addEventHandler({
    add: enqueue,
    update: (_old, cur) => enqueue(cur),
    delete: (h) => {
      queue.forget(keyOf(h));
      selectors.delete(keyOf(h));
    },
  });

  const nowWall = () => ctx.wallMs();
  const event = (hpa: HorizontalPodAutoscaler, type: 'Normal' | 'Warning', reason: string, message: string) => recorder.event(hpa, type, reason, message);

  // Models horizontal.go setCondition / setConditionInList: lastTransitionTime moves only when the status does.
  function setCondition(hpa: HorizontalPodAutoscaler, c: Cond): void {
    const status = (hpa.status ??= { desiredReplicas: 0 });
    const list = (status.conditions ??= []);
    let existing = list.find((x) => x.type === c.type);
    if (!existing) list.push((existing = { type: c.type } as HorizontalPodAutoscalerCondition));
    if (existing.status !== c.status) existing.lastTransitionTime = rfc3339(nowWall());
    existing.status = c.status;
    existing.reason = c.reason;
    existing.message = c.message;
  }

  // Models horizontal.go getUnableComputeReplicaCountCondition: a Warning event, and ScalingActive False.
  function unableToCompute(hpa: HorizontalPodAutoscaler, reason: string, err: string): Cond {
    event(hpa, 'Warning', reason, err);
    return { type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${err}` };
  }

  // Models horizontal.go validateAndParseSelector.
  function validateAndParseSelector(hpa: HorizontalPodAutoscaler, key: string, selector: string | undefined): Selector {
    if (!selector) {
      event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
      setCondition(hpa, { type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message: "the HPA target's scale is missing a selector" });
      throw new Error('selector is required');
    }
    let parsed: Selector;
    try {
      parsed = parseSelector(selector);
    } catch (e) {
      const msg = `couldn't convert selector into a corresponding internal selector object: ${e instanceof Error ? e.message : String(e)}`;
      event(hpa, 'Warning', 'InvalidSelector', msg);
      setCondition(hpa, { type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message: msg });
      throw new Error(msg);
    }
    if (selectors.has(key)) selectors.set(key, parsed);
    const ns = hpa.metadata.namespace ?? '';
    const pods = podLister.list(ns, parsed);
    const controlling = new Set<string>();
    for (const p of pods) {
      for (const [k, sel] of selectors) {
        if (sel && splitKey(k)[0] === ns && sel.matches(p.metadata.labels ?? {})) controlling.add(k);
      }
    }
    if (controlling.size > 1) {
      const keys = [...controlling].sort().map((k) => `{${splitKey(k)[1]} ${splitKey(k)[0]}}`);
      const msg = `pods by selector ${selector} are controlled by multiple HPAs: [${keys.join(' ')}]`;
      event(hpa, 'Warning', 'AmbiguousSelector', msg);
      setCondition(hpa, { type: 'ScalingActive', status: 'False', reason: 'AmbiguousSelector', message: msg });
      throw new Error(msg);
    }
    return parsed;
  }

  // Models horizontal.go computeStatusForResourceMetricGeneric.
  function* resourceMetric(hpa: HorizontalPodAutoscaler, current: number, target: MetricTarget, resource: string, container: string, selector: Selector, selectorText: string, containerMetric: boolean): Co<{ replicas: number; metric: string; timestamp: number; current: MetricValueStatus }> {
    const ns = hpa.metadata.namespace ?? '';
    const pods = () => podLister.list(ns, selector);
    if (target.averageValue !== undefined) {
      let fetched;
      try {
        fetched = yield* getResourceMetric(ctx.client, resource, ns, selectorText, container);
      } catch (e) {
        throw new Error(`failed to get ${resource} usage: unable to get metrics for resource ${resource}: ${errText(e)}`);
      }
      try {
        const r = calc.plainMetricReplicas(current, Quantity.parse(target.averageValue).milliValue(), resource, pods(), fetched.metrics, nowWall());
        return { replicas: r.replicas, metric: `${resource} resource`, timestamp: fetched.timestamp, current: { averageValue: Quantity.fromMilli(r.usage).toString() } };
      } catch (e) {
        throw new Error(`failed to get ${resource} usage: ${errText(e)}`);
      }
    }
    if (target.averageUtilization === undefined) throw new Error('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    let fetched;
    try {
      fetched = yield* getResourceMetric(ctx.client, resource, ns, selectorText, container);
    } catch (e) {
      throw new Error(`failed to get ${resource} utilization: unable to get metrics for resource ${resource}: ${errText(e)}`);
    }
    let r;
    try {
      r = calc.resourceReplicas(current, target.averageUtilization, resource, container, pods(), fetched.metrics, fetched.timestamp, nowWall());
    } catch (e) {
      throw new Error(`failed to get ${resource} utilization: ${errText(e)}`);
    }
    const metric = containerMetric ? `${resource} container resource utilization (percentage of request)` : `${resource} resource utilization (percentage of request)`;
    return { replicas: r.replicas, metric, timestamp: r.timestamp, current: { averageUtilization: r.utilization, averageValue: Quantity.fromMilli(r.rawUtilization).toString() } };
  }

  // Models horizontal.go computeReplicasForMetric.
  function* computeReplicasForMetric(hpa: HorizontalPodAutoscaler, spec: MetricSpec, specReplicas: number, selector: Selector, selectorText: string): Co<Proposal> {
    switch (spec.type) {
      case 'Resource': {
        const src = spec.resource!;
        try {
          const r = yield* resourceMetric(hpa, specReplicas, src.target, src.name, '', selector, selectorText, false);
          return { replicas: r.replicas, metric: r.metric, timestamp: r.timestamp, status: { type: 'Resource', resource: { name: src.name, current: r.current } } };
        } catch (e) {
          const err = errText(e);
          throw new MetricError(`failed to get ${src.name} resource metric value: ${err}`, unableToCompute(hpa, 'FailedGetResourceMetric', err));
        }
      }
      case 'ContainerResource': {
        const src = spec.containerResource!;
        try {
          const r = yield* resourceMetric(hpa, specReplicas, src.target, src.name, src.container, selector, selectorText, true);
          return { replicas: r.replicas, metric: r.metric, timestamp: r.timestamp, status: { type: 'ContainerResource', containerResource: { name: src.name, container: src.container, current: r.current } } };
        } catch (e) {
          const err = errText(e);
          throw new MetricError(`failed to get ${src.container} container metric value: ${err}`, unableToCompute(hpa, 'FailedGetContainerResourceMetric', err));
        }
      }
      case 'Pods': {
        const name = spec.pods?.metric.name ?? '';
        const err = `unable to get metric ${name}: unable to fetch metrics from custom metrics API: ${noCustomMetricsApi}`;
        throw new MetricError(`failed to get pods metric value: ${err}`, unableToCompute(hpa, 'FailedGetPodsMetric', err));
      }
      case 'Object': {
        const o = spec.object!;
        // horizontal.go's own format string puts the error after the object's name.
        const err = `unable to get metric ${o.metric.name}: ${o.describedObject.kind} on ${hpa.metadata.namespace} ${o.describedObject.name}/unable to fetch metrics from custom metrics API: ${noCustomMetricsApi}`;
        throw new MetricError(`failed to get object metric value: ${err}`, unableToCompute(hpa, 'FailedGetObjectMetric', err));
      }
      case 'External': {
        const name = spec.external?.metric.name ?? '';
        const err = `unable to get external metric ${hpa.metadata.namespace}/${name}/nil: unable to fetch metrics from external metrics API: the server could not find the requested resource (get ${name}.external.metrics.k8s.io)`;
        throw new MetricError(`failed to get ${name} external metric value: ${err}`, unableToCompute(hpa, 'FailedGetExternalMetric', err));
      }
      default: {
        const err = `unknown metric source type "${String((spec as MetricSpec).type)}"`;
        throw new MetricError(err, unableToCompute(hpa, 'InvalidMetricSourceType', err));
      }
    }
  }

  // Models horizontal.go computeReplicasForMetrics: the largest proposal; -1 when every metric failed (or some did and it would scale down).
  function* computeReplicasForMetrics(hpa: HorizontalPodAutoscaler, key: string, scaleObj: Scale, specs: MetricSpec[]): Co<{ replicas: number; metric: string; statuses: MetricStatus[]; error: string | null }> {
    const selector = validateAndParseSelector(hpa, key, scaleObj.status.selector);
    const selectorText = scaleObj.status.selector ?? '';
    const specReplicas = scaleObj.spec.replicas ?? 0;
    // A metric that failed leaves a zero MetricStatus in its place, as Go's make([]MetricStatus, n) does.
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' as MetricStatus['type'] }));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: MetricError | null = null;
    for (let i = 0; i < specs.length; i++) {
      try {
        const p = yield* computeReplicasForMetric(hpa, specs[i], specReplicas, selector, selectorText);
        statuses[i] = p.status;
        if (replicas === 0 || p.replicas > replicas) {
          replicas = p.replicas;
          metric = p.metric;
        }
      } catch (e) {
        if (!(e instanceof MetricError)) throw e;
        if (invalid === 0) firstError = e;
        invalid++;
      }
    }
    const error = firstError ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError.message}` : null;
    if (invalid >= specs.length || (invalid > 0 && replicas < specReplicas)) {
      setCondition(hpa, firstError!.condition);
      return { replicas: -1, metric: '', statuses, error };
    }
    setCondition(hpa, { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${metric}` });
    return { replicas, metric, statuses, error };
  }

  // Models horizontal.go stabilizeRecommendation: the highest recommendation within the window; the oldest outside it is replaced.
  function stabilizeRecommendation(key: string, prenormalized: number): number {
    const now = ctx.now();
    const cutoff = now - downscaleStabilisationMs;
    let max = prenormalized;
    let oldIndex = -1;
    const recs = recommendations.get(key) ?? [];
    recs.forEach((r, i) => {
      if (r.at < cutoff) oldIndex = i;
      else if (r.recommendation > max) max = r.recommendation;
    });
    if (oldIndex >= 0) recs[oldIndex] = { recommendation: prenormalized, at: now };
    else recs.push({ recommendation: prenormalized, at: now });
    recommendations.set(key, recs);
    return max;
  }

  // Models horizontal.go normalizeDesiredReplicas (an HPA without behavior).
  function normalizeDesiredReplicas(hpa: HorizontalPodAutoscaler, key: string, current: number, prenormalized: number, minReplicas: number): number {
    const stabilized = stabilizeRecommendation(key, prenormalized);
    if (stabilized !== prenormalized) setCondition(hpa, { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
    else setCondition(hpa, { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' });
    const { replicas, reason, message } = convertDesiredReplicasWithRules(current, stabilized, minReplicas, hpa.spec!.maxReplicas);
    setCondition(hpa, { type: 'ScalingLimited', status: replicas === stabilized ? 'False' : 'True', reason, message });
    return replicas;
  }

  // Models horizontal.go normalizeDesiredReplicasWithBehaviors.
  function normalizeDesiredReplicasWithBehaviors(hpa: HorizontalPodAutoscaler, key: string, current: number, prenormalized: number, minReplicas: number): number {
    const behavior = hpa.spec!.behavior!;
    const up = behavior.scaleUp!;
    const down = behavior.scaleDown!;
    // maybeInitScaleDownStabilizationWindow: an unset window is the controller's flag.
    const upWindowMs = (up.stabilizationWindowSeconds ?? 0) * 1000;
    const downWindowMs = down.stabilizationWindowSeconds !== undefined && down.stabilizationWindowSeconds !== null ? down.stabilizationWindowSeconds * 1000 : downscaleStabilisationMs;
    const stab = stabilizeRecommendationWithBehaviors(key, current, prenormalized, upWindowMs, downWindowMs);
    if (stab.replicas !== prenormalized) setCondition(hpa, { type: 'AbleToScale', status: 'True', reason: stab.reason, message: stab.message });
    else setCondition(hpa, { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' });
    const { replicas, reason, message } = convertDesiredReplicasWithBehaviorRate(key, current, stab.replicas, minReplicas, hpa.spec!.maxReplicas, up, down);
    setCondition(hpa, { type: 'ScalingLimited', status: replicas === stab.replicas ? 'False' : 'True', reason, message });
    return replicas;
  }

  // Models horizontal.go stabilizeRecommendationWithBehaviors.
  function stabilizeRecommendationWithBehaviors(key: string, current: number, desired: number, upWindowMs: number, downWindowMs: number): { replicas: number; reason: string; message: string } {
    const now = ctx.now();
    const upCutoff = now - upWindowMs;
    const downCutoff = now - downWindowMs;
    let upRec = desired;
    let downRec = desired;
    let oldIndex = -1;
    const recs = recommendations.get(key) ?? [];
    recs.forEach((r, i) => {
      if (r.at > upCutoff) upRec = Math.min(r.recommendation, upRec);
      if (r.at > downCutoff) downRec = Math.max(r.recommendation, downRec);
      if (r.at < upCutoff && r.at < downCutoff) oldIndex = i;
    });
    let recommendation = current;
    if (recommendation < upRec) recommendation = upRec;
    if (recommendation > downRec) recommendation = downRec;
    if (oldIndex >= 0) recs[oldIndex] = { recommendation: desired, at: now };
    else recs.push({ recommendation: desired, at: now });
    recommendations.set(key, recs);
    return desired >= current
      ? { replicas: recommendation, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
      : { replicas: recommendation, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  }

  // Models horizontal.go convertDesiredReplicasWithBehaviorRate.
  function convertDesiredReplicasWithBehaviorRate(key: string, current: number, desired: number, min: number, max: number, up: HPAScalingRules, down: HPAScalingRules): { replicas: number; reason: string; message: string } {
    const ups = scaleUpEvents.get(key) ?? [];
    const downs = scaleDownEvents.get(key) ?? [];
    if (desired > current) {
      let limit = calculateScaleUpLimitWithScalingRules(current, ups, downs, up, ctx.now());
      if (limit < current) limit = current;
      let allowed = max;
      let reason: string;
      let message: string;
      if (allowed > limit) {
        allowed = limit;
        reason = 'ScaleUpLimit';
        message = 'the desired replica count is increasing faster than the maximum scale rate';
      } else {
        reason = 'TooManyReplicas';
        message = 'the desired replica count is more than the maximum replica count';
      }
      if (desired > allowed) return { replicas: allowed, reason, message };
    } else if (desired < current) {
      let limit = calculateScaleDownLimitWithBehaviors(current, ups, downs, down, ctx.now());
      if (limit > current) limit = current;
      let allowed = min;
      let reason: string;
      let message: string;
      if (allowed < limit) {
        allowed = limit;
        reason = 'ScaleDownLimit';
        message = 'the desired replica count is decreasing faster than the maximum scale rate';
      } else {
        reason = 'TooFewReplicas';
        message = 'the desired replica count is less than the minimum replica count';
      }
      if (desired < allowed) return { replicas: allowed, reason, message };
    }
    return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
  }

  // Models horizontal.go storeScaleEvent: only HPAs with behavior keep them; an outdated one is reused.
  function storeScaleEvent(hpa: HorizontalPodAutoscaler, key: string, prev: number, next: number): void {
    const behavior = hpa.spec?.behavior;
    if (!behavior) return;
    const now = ctx.now();
    const upward = next > prev;
    const map = upward ? scaleUpEvents : scaleDownEvents;
    const events = map.get(key) ?? [];
    const longest = getLongestPolicyPeriod(upward ? behavior.scaleUp : behavior.scaleDown);
    for (const e of events) if (e.at < now - longest * 1000) e.outdated = true;
    const fresh = { replicaChange: Math.abs(next - prev), at: now, outdated: false };
    let oldIndex = -1;
    events.forEach((e, i) => {
      if (e.outdated) oldIndex = i;
    });
    if (oldIndex >= 0) events[oldIndex] = fresh;
    else events.push(fresh);
    map.set(key, events);
  }

  // Models horizontal.go reconcileAutoscaler.
  function* reconcileAutoscaler(shared: HorizontalPodAutoscaler, key: string): Co<void> {
    const hpa = structuredClone(shared);
    hpa.kind ??= 'HorizontalPodAutoscaler';
    hpa.apiVersion ??= 'autoscaling/v2';
    const statusOriginal = JSON.stringify(hpa.status ?? null);
    const ref = hpa.spec!.scaleTargetRef;
    const ns = hpa.metadata.namespace ?? '';
    const reference = `${ref.kind}/${ns}/${ref.name}`;
    const failedGetScale = function* (err: string, returned: string): Co<never> {
      event(hpa, 'Warning', 'FailedGetScale', err);
      setCondition(hpa, { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${err}` });
      yield* updateStatusIfNeeded(statusOriginal, hpa);
      throw new Error(returned);
    };
    const gv = parseGroupVersion(ref.apiVersion ?? '');
    if ('error' in gv) return yield* failedGetScale(gv.error, `invalid API version in scale target reference: ${gv.error}`);
    const mapping = resources.find((r) => r.group === gv.group && r.kind === ref.kind);
    if (!mapping) {
      const err = `no matches for kind "${ref.kind}" in group "${gv.group}"`;
      return yield* failedGetScale(err, `unable to determine resource for scale target reference: ${err}`);
    }
    let scaleObj: Scale;
    try {
      scaleObj = (yield* ctx.client.get(mapping, ns, ref.name, 'scale')) as unknown as Scale;
    } catch (e) {
      const err = clientErrorText(e);
      return yield* failedGetScale(err, `failed to query scale subresource for ${reference}: ${err}`);
    }
    setCondition(hpa, { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
    const currentReplicas = scaleObj.spec.replicas ?? 0;
    // recordInitialRecommendation.
    if (!recommendations.has(key)) recommendations.set(key, [{ recommendation: currentReplicas, at: ctx.now() }]);

    let metricStatuses: MetricStatus[] = [];
    let desiredReplicas = 0;
    let rescaleReason = '';
    const minReplicas = hpa.spec!.minReplicas ?? 1;
    const maxReplicas = hpa.spec!.maxReplicas;
    let rescale = true;
    let retErr: string | null = null;
    if (currentReplicas === 0 && minReplicas !== 0) {
      // Autoscaling is off while the target is scaled to zero.
      desiredReplicas = 0;
      rescale = false;
      setCondition(hpa, { type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      let computed;
      try {
        computed = yield* computeReplicasForMetrics(hpa, key, scaleObj, hpa.spec!.metrics ?? []);
      } catch (e) {
        // A selector problem: its condition is set, the status written.
        setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, [], false);
        yield* updateStatusIfNeeded(statusOriginal, hpa);
        const err = errText(e);
        event(hpa, 'Warning', 'FailedComputeMetricsReplicas', err);
        throw new Error(`failed to compute desired number of replicas based on listed metrics for ${reference}: ${err}`);
      }
      metricStatuses = computed.statuses;
      if (computed.error !== null && computed.replicas === -1) {
        setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, metricStatuses, false);
        yield* updateStatusIfNeeded(statusOriginal, hpa);
        event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error);
        throw new Error(`failed to compute desired number of replicas based on listed metrics for ${reference}: ${computed.error}`);
      }
      if (computed.error !== null) retErr = computed.error;
      let rescaleMetric = '';
      if (computed.replicas > desiredReplicas) {
        desiredReplicas = computed.replicas;
        rescaleMetric = computed.metric;
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      desiredReplicas = hpa.spec!.behavior ? normalizeDesiredReplicasWithBehaviors(hpa, key, currentReplicas, desiredReplicas, minReplicas) : normalizeDesiredReplicas(hpa, key, currentReplicas, desiredReplicas, minReplicas);
      rescale = desiredReplicas !== currentReplicas;
    }

    if (rescale) {
      try {
        yield* ctx.client.update(mapping, ns, { ...scaleObj, apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { ...scaleObj.spec, replicas: desiredReplicas } } as never, 'scale');
      } catch (e) {
        const err = clientErrorText(e);
        event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${err}`);
        setCondition(hpa, { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${err}` });
        setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, metricStatuses, false);
        yield* updateStatusIfNeeded(statusOriginal, hpa);
        throw new Error(`failed to rescale ${reference}: ${err}`);
      }
      setCondition(hpa, { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desiredReplicas}` });
      event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      storeScaleEvent(hpa, key, currentReplicas, desiredReplicas);
    } else {
      desiredReplicas = currentReplicas;
    }
    setStatus(hpa, currentReplicas, desiredReplicas, metricStatuses, rescale);
    yield* updateStatusIfNeeded(statusOriginal, hpa);
    if (retErr !== null) throw new Error(retErr);
  }

  // Models horizontal.go setStatus: the status made again, lastScaleTime moved on a rescale.
  function setStatus(hpa: HorizontalPodAutoscaler, currentReplicas: number, desiredReplicas: number, metricStatuses: MetricStatus[], rescale: boolean): void {
    const old = hpa.status;
    const lastScaleTime = rescale ? rfc3339(nowWall()) : old?.lastScaleTime;
    hpa.status = {
      ...(lastScaleTime ? { lastScaleTime } : {}),
      ...(currentReplicas ? { currentReplicas } : {}),
      desiredReplicas,
      ...(metricStatuses.length ? { currentMetrics: metricStatuses } : {}),
      ...(old?.conditions?.length ? { conditions: old.conditions } : {}),
    };
  }

  // Models horizontal.go updateStatusIfNeeded / updateStatus.
  function* updateStatusIfNeeded(original: string, hpa: HorizontalPodAutoscaler): Co<void> {
    if (JSON.stringify(hpa.status ?? null) === original) return;
    try {
      yield* ctx.client.update(hpas, hpa.metadata.namespace ?? '', hpa, 'status');
    } catch (e) {
      const err = clientErrorText(e);
      event(hpa, 'Warning', 'FailedUpdateStatus', err);
      throw new Error(`failed to update status for ${hpa.metadata.name}: ${err}`);
    }
  }

  // Models horizontal.go reconcileKey and processNextWorkItem: a deleted HPA's state goes; others come back after the resync period.
  function* sync(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    const hpa = informer.lister.get(ns, name);
    if (!hpa) {
      recommendations.delete(key);
      scaleUpEvents.delete(key);
      scaleDownEvents.delete(key);
      return;
    }
    queue.addAfter(key, resyncMs);
    yield* reconcileAutoscaler(hpa, key);
  }

  return {
    name: 'horizontalpodautoscaling',
    workers: concurrentSyncs,
    queue,
    sync,
    // Errors are only logged: the key is back after the resync period anyway.
    handleErr: (key: string) => queue.addAfter(key, resyncMs),
  };
}

/** What the custom metrics client answers when no adapter registered custom.metrics.k8s.io. */
const noCustomMetricsApi = 'no custom metrics API (custom.metrics.k8s.io) registered';

// An error's text; an interrupt (the controller stepping down) is not an error to report.
function errText(e: unknown): string {
  if (e instanceof Cancelled) throw e;
  if (e instanceof ReplicaCalcError || e instanceof Error) return e.message;
  return String(e);
}

/** schema.ParseGroupVersion. */
function parseGroupVersion(s: string): { group: string; version: string } | { error: string } {
  if (s === '' || s === '/') return { group: '', version: '' };
  const parts = s.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { error: `unexpected GroupVersion string: ${s}` };
}

// Models horizontal.go convertDesiredReplicasWithRules (an HPA without behavior).
/** The desired count clamped to [min, the scale-up limit or max], with the ScalingLimited reason. */
export function convertDesiredReplicasWithRules(current: number, desired: number, hpaMin: number, hpaMax: number): { replicas: number; reason: string; message: string } {
  const scaleUpLimit = calculateScaleUpLimit(current);
  let maximumAllowed: number;
  let reason: string;
  let message: string;
  if (hpaMax > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximumAllowed = hpaMax;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < hpaMin) return { replicas: hpaMin, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximumAllowed) return { replicas: maximumAllowed, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

function calculateScaleUpLimit(current: number): number {
  return Math.trunc(Math.max(scaleUpLimitFactor * current, scaleUpLimitMinimum));
}

function getLongestPolicyPeriod(rules: HPAScalingRules | undefined): number {
  let longest = 0;
  for (const p of rules?.policies ?? []) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

// Models horizontal.go getReplicasChangePerPeriod.
function getReplicasChangePerPeriod(periodSeconds: number, events: readonly TimestampedScaleEvent[], nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000;
  let replicas = 0;
  for (const e of events) if (e.at > cutoff) replicas += e.replicaChange;
  return replicas;
}

// Models horizontal.go calculateScaleUpLimitWithScalingRules.
/** The most replicas the scale-up policies allow now. */
export function calculateScaleUpLimitWithScalingRules(current: number, ups: readonly TimestampedScaleEvent[], downs: readonly TimestampedScaleEvent[], rules: HPAScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? 2147483647 : -2147483648;
  for (const p of rules.policies ?? []) {
    const added = getReplicasChangePerPeriod(p.periodSeconds, ups, nowMs);
    const deleted = getReplicasChangePerPeriod(p.periodSeconds, downs, nowMs);
    const periodStart = current - added + deleted;
    // The proposal is rounded up: a percentage that rounds down would never scale up.
    const proposed = p.type === 'Pods' ? periodStart + p.value : Math.ceil(periodStart * (1 + p.value / 100));
    result = useMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

// Models horizontal.go calculateScaleDownLimitWithBehaviors.
/** The fewest replicas the scale-down policies allow now. */
export function calculateScaleDownLimitWithBehaviors(current: number, ups: readonly TimestampedScaleEvent[], downs: readonly TimestampedScaleEvent[], rules: HPAScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? -2147483648 : 2147483647;
  for (const p of rules.policies ?? []) {
    const added = getReplicasChangePerPeriod(p.periodSeconds, ups, nowMs);
    const deleted = getReplicasChangePerPeriod(p.periodSeconds, downs, nowMs);
    const periodStart = current - added + deleted;
    const proposed = p.type === 'Pods' ? periodStart - p.value : Math.trunc(periodStart * (1 - p.value / 100));
    result = useMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

