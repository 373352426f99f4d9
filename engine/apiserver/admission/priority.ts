// Priority (plugin/pkg/admission/priority): its mutating half turns a pod's priorityClassName into
// its priority and preemption policy (the global default class, else priority 0, when it names
// none); its validating half keeps a second PriorityClass from claiming globalDefault.

import type { KubeObject, Pod } from '../../api/types';
import type { Co } from '../../sim/co';
import { forbidden, isMain, listCached, lookup, type AdmissionContext, type Attributes, type Plugin } from './context';

type PriorityClass = KubeObject & { value: number; globalDefault?: boolean; preemptionPolicy?: string };

/** scheduling.DefaultPriorityWhenNoDefaultClassExists. */
const defaultPriorityWhenNoDefaultClassExists = 0;
const preemptLowerPriority = 'PreemptLowerPriority';

// Models plugin/pkg/admission/priority/admission.go getDefaultPriorityClass: the lowest-valued of several defaults wins.
function defaultPriorityClass(ctx: AdmissionContext): PriorityClass | null {
  let pc: PriorityClass | null = null;
  for (const p of listCached(ctx, 'scheduling.k8s.io', 'priorityclasses', '') as PriorityClass[]) {
    if (p.globalDefault && (pc === null || pc.value > p.value)) pc = p;
  }
  return pc;
}

// Models plugin/pkg/admission/priority/admission.go admitPod (update): what create set is kept.
function admitPodUpdate(a: Attributes): void {
  const spec = (a.obj as Pod).spec;
  const old = (a.old as Pod | null)?.spec;
  if (!spec || !old) return;
  if (spec.priority === undefined && old.priority !== undefined) spec.priority = old.priority;
  if (spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined) spec.preemptionPolicy = old.preemptionPolicy;
}

// Models plugin/pkg/admission/priority/admission.go admitPod (create)
function* admitPodCreate(ctx: AdmissionContext, a: Attributes): Co<void> {
  const spec = (a.obj as Pod).spec!;
  let priority = defaultPriorityWhenNoDefaultClassExists;
  let preemptionPolicy: string | undefined = preemptLowerPriority;
  if (!spec.priorityClassName) {
    const pc = defaultPriorityClass(ctx);
    if (pc) {
      priority = pc.value;
      preemptionPolicy = pc.preemptionPolicy ?? preemptLowerPriority;
    }
    spec.priorityClassName = pc?.metadata.name;
    if (spec.priorityClassName === undefined) delete spec.priorityClassName;
  } else {
    const pc = (yield* lookup(ctx, 'scheduling.k8s.io', 'priorityclasses', '', spec.priorityClassName)) as PriorityClass | null;
    if (!pc) throw forbidden(a, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value;
    preemptionPolicy = pc.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    throw forbidden(a, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (preemptionPolicy !== undefined) {
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== preemptionPolicy) {
      throw forbidden(a, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = preemptionPolicy as typeof spec.preemptionPolicy;
  }
}

// Models plugin/pkg/admission/priority/admission.go Admit
function* admit(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (!isMain(a, '', 'pods')) return;
  if (a.op === 'UPDATE') admitPodUpdate(a);
  else if (a.op === 'CREATE') yield* admitPodCreate(ctx, a);
}

// Models plugin/pkg/admission/priority/admission.go validatePriorityClass
function* validate(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (!isMain(a, 'scheduling.k8s.io', 'priorityclasses') || (a.op !== 'CREATE' && a.op !== 'UPDATE')) return;
  if (!(a.obj as PriorityClass).globalDefault) return;
  const dpc = defaultPriorityClass(ctx);
  if (dpc && (a.op === 'CREATE' || dpc.metadata.name !== a.obj.metadata.name)) {
    throw forbidden(a, `PriorityClass ${dpc.metadata.name} is marked as default. Only one default can exist`);
  }
}

/** The Priority plugin. */
export const priority: Plugin = { name: 'Priority', admit, validate };
