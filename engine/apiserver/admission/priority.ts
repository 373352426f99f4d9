// Priority (plugin/pkg/admission/priority): a pod's priorityClassName becomes its priority and
// preemption policy; without one it takes the global default class, else priority 0.

import type { KubeObject, Pod } from '../../api/types';
import type { Co } from '../../sim/co';
import { newForbidden } from '../errors';
import { isMain, listCached, lookup, type AdmissionContext, type Attributes } from './context';

type PriorityClass = KubeObject & { value: number; globalDefault?: boolean; preemptionPolicy?: string };

export function* priority(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE' || !isMain(a, '', 'pods')) return;
  const spec = (a.obj as Pod).spec!;
  let pc: PriorityClass | null = null;
  if (spec.priorityClassName) {
    pc = (yield* lookup(ctx, 'scheduling.k8s.io', 'priorityclasses', '', spec.priorityClassName)) as PriorityClass | null;
    if (!pc) throw newForbidden({ group: '', resource: 'pods' }, a.obj.metadata.name ?? '', `no PriorityClass with name ${spec.priorityClassName} was found`);
  } else {
    const defaults = (listCached(ctx, 'scheduling.k8s.io', 'priorityclasses', '') as PriorityClass[]).filter((p) => p.globalDefault);
    // The lowest-valued default wins when several claim it, as upstream's getDefaultPriorityClass picks.
    pc = defaults.sort((x, y) => x.value - y.value)[0] ?? null;
    if (pc) spec.priorityClassName = pc.metadata.name;
  }
  const value = pc?.value ?? 0;
  if (spec.priority !== undefined && spec.priority !== value) {
    throw newForbidden({ group: '', resource: 'pods' }, a.obj.metadata.name ?? '', 'the integer value of priority must not be provided in pod spec; priority admission controller computed ' + value + ' from the given PriorityClass name');
  }
  spec.priority = value;
  spec.preemptionPolicy = (pc?.preemptionPolicy as typeof spec.preemptionPolicy) ?? 'PreemptLowerPriority';
}
