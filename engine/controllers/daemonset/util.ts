// DaemonSet helpers (pkg/controller/daemon/util/daemonset_util.go): the tolerations every daemon
// pod gets so it runs on nodes the node lifecycle controller taints, the template a pod is made
// from (labelled with the revision hash), the node affinity that pins a pod to its node for the
// default scheduler, and the surge and unavailability budgets of a rolling update.

import { TaintNodeDiskPressure, TaintNodeMemoryPressure, TaintNodeNetworkUnavailable, TaintNodeNotReady, TaintNodePIDPressure, TaintNodeUnreachable, TaintNodeUnschedulable } from '../../api/taints';
import type { Affinity, DaemonSet, Pod, PodSpec, PodTemplateSpec, Toleration } from '../../api/types';
import { getScaledValueFromIntOrPercent } from '../../api/intstr';
import { ObjectNameField } from '../../scheduler/framework/nodeaffinity';

/** The label carrying the ControllerRevision a pod was made from (apps.DefaultDaemonSetUniqueLabelKey). */
export const defaultDaemonSetUniqueLabelKey = 'controller-revision-hash';
/** The label of the deprecated templateGeneration (extensions.DaemonSetTemplateGenerationKey). */
export const daemonSetTemplateGenerationKey = 'pod-template-generation';
/** The annotation that held templateGeneration in extensions/v1beta1. */
const templateGenerationAnnotation = 'deprecated.daemonset.template.generation';

/** The taints the node lifecycle controller and the kubelet set (v1.TaintNode*). */

// Models k8s.io/component-helpers/scheduling/corev1 (v1helper) AddOrUpdateTolerationInPodSpec.
/** Replaces the toleration matching `t` (same key, operator, value, effect) or appends `t`. */
function addOrUpdateToleration(spec: PodSpec, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const same = (a: Toleration) => (a.key ?? '') === (t.key ?? '') && (a.operator ?? '') === (t.operator ?? '') && (a.value ?? '') === (t.value ?? '') && (a.effect ?? '') === (t.effect ?? '');
  const i = list.findIndex(same);
  spec.tolerations = i >= 0 ? list.map((x, j) => (j === i ? { ...t } : x)) : [...list, { ...t }];
}

// Models pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations.
/** The tolerations a daemon pod always has: not-ready and unreachable (NoExecute, for ever), the pressures and unschedulable, and network-unavailable for host-network pods. */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): void {
  addOrUpdateToleration(spec, { key: TaintNodeNotReady, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TaintNodeUnreachable, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TaintNodeDiskPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TaintNodeMemoryPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TaintNodePIDPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TaintNodeUnschedulable, operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) addOrUpdateToleration(spec, { key: TaintNodeNetworkUnavailable, operator: 'Exists', effect: 'NoSchedule' });
}

// Models pkg/controller/daemon/util/daemonset_util.go GetTemplateGeneration.
/** The deprecated template generation from the DaemonSet's annotation, if any; throws on a malformed one. */
export function getTemplateGeneration(ds: DaemonSet): number | null {
  const v = ds.metadata.annotations?.[templateGenerationAnnotation];
  if (v === undefined || v === '') return null;
  if (!/^[+-]?\d+$/.test(v)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

// Models pkg/controller/daemon/util/daemonset_util.go CreatePodTemplate.
/** The DaemonSet's pod template with the daemon tolerations and the generation and revision-hash labels. */
export function createPodTemplate(template: PodTemplateSpec, generation: number | null, hash: string): PodTemplateSpec {
  const t = structuredClone(template);
  t.spec ??= { containers: [] };
  addOrUpdateDaemonPodTolerations(t.spec);
  t.metadata ??= {};
  const labels = (t.metadata.labels ??= {});
  if (generation !== null) labels[daemonSetTemplateGenerationKey] = String(generation);
  // The hash is the ControllerRevision's, telling apart pods of different templates.
  if (hash !== '') labels[defaultDaemonSetUniqueLabelKey] = hash;
  return t;
}

// Models pkg/controller/daemon/util/daemonset_util.go IsPodUpdated.
/** Whether the pod was made from the current template: its hash label, or the deprecated generation label. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | null): boolean {
  const templateMatches = generation !== null && pod.metadata.labels?.[daemonSetTemplateGenerationKey] === String(generation);
  const hashMatches = hash.length > 0 && pod.metadata.labels?.[defaultDaemonSetUniqueLabelKey] === hash;
  return hashMatches || templateMatches;
}

// Models pkg/controller/daemon/util/daemonset_util.go ReplaceDaemonSetPodNodeNameNodeAffinity.
/** The affinity with its required node terms replaced by `metadata.name In [node]`, so the default scheduler binds the pod there. */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: ObjectNameField, operator: 'In' as const, values: [nodeName] }] };
  const selector = { nodeSelectorTerms: [term] };
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector } };
  if (!affinity.nodeAffinity) return { ...affinity, nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector } };
  const na = affinity.nodeAffinity;
  if (!na.requiredDuringSchedulingIgnoredDuringExecution) return { ...affinity, nodeAffinity: { ...na, requiredDuringSchedulingIgnoredDuringExecution: selector } };
  return { ...affinity, nodeAffinity: { ...na, requiredDuringSchedulingIgnoredDuringExecution: { ...na.requiredDuringSchedulingIgnoredDuringExecution, nodeSelectorTerms: [term] } } };
}

// Models pkg/controller/daemon/util/daemonset_util.go GetTargetNodeName.
/** The node a daemon pod is for: spec.nodeName once bound, else its `metadata.name In [node]` affinity. */
export function getTargetNodeName(pod: Pod): string {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) throw new Error(`no spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution for pod ${id}`);
  const terms = required.nodeSelectorTerms ?? [];
  if (terms.length < 1) throw new Error(`no nodeSelectorTerms in requiredDuringSchedulingIgnoredDuringExecution of pod ${id}`);
  for (const term of terms) {
    for (const exp of term.matchFields ?? []) {
      if (exp.key !== ObjectNameField || exp.operator !== 'In') continue;
      if ((exp.values ?? []).length !== 1) throw new Error(`the matchFields value of '${ObjectNameField}' is not unique for pod ${id}`);
      return exp.values![0]!;
    }
  }
  throw new Error(`no node name found for pod ${id}`);
}

// Models pkg/controller/daemon/util/daemonset_util.go SurgeCount.
/** How many extra pods a rolling update may start (0 unless maxSurge is set). */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const s = ds.spec?.updateStrategy;
  if (s?.type !== 'RollingUpdate' || !s.rollingUpdate || s.rollingUpdate.maxSurge === undefined || s.rollingUpdate.maxSurge === null) return 0;
  return getScaledValueFromIntOrPercent(s.rollingUpdate.maxSurge, numberToSchedule, true);
}

// Models pkg/controller/daemon/util/daemonset_util.go UnavailableCount.
/** How many pods a rolling update may have unavailable at once. */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const s = ds.spec?.updateStrategy;
  if (s?.type !== 'RollingUpdate' || !s.rollingUpdate) return 0;
  return getScaledValueFromIntOrPercent(s.rollingUpdate.maxUnavailable, numberToSchedule, true);
}

// Models pkg/controller/daemon/util/daemonset_util.go AllowsSurge.
/** Whether the update strategy surges (then two pods may share a node during an update). */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) > 0;
  } catch {
    return false;
  }
}
