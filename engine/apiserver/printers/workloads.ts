// The workload rows of printers.go: printPodTemplate, printPodDisruptionBudget,
// printReplicationController, printReplicaSet, printDeployment, printDaemonSet, printStatefulSet,
// printJob, printCronJob, printControllerRevision and printHorizontalPodAutoscaler (formatHPAMetrics).

import { humanDuration } from '../../api/duration';
import type {
  ControllerRevision,
  CronJob,
  DaemonSet,
  Deployment,
  HorizontalPodAutoscaler,
  Job,
  JobCondition,
  MetricSpec,
  MetricStatus,
  PodDisruptionBudget,
  PodTemplate,
  ReplicaSet,
  ReplicationController,
  StatefulSet,
} from '../../api/types';
import {
  formatLabels,
  formatLabelSelector,
  labelSelectorString,
  layoutContainerCells,
  millisBetween,
  printBoolPtr,
  quantityString,
  translateTimestampSince,
} from './helpers';
import type { PrintedRow } from './row';

const age = (o: { metadata: { creationTimestamp?: string | null } }, nowMs: number) => translateTimestampSince(o.metadata.creationTimestamp, nowMs);

export function printPodTemplate(obj: PodTemplate, _nowMs: number): PrintedRow {
  const [names, images] = layoutContainerCells(obj.template?.spec?.containers);
  return { cells: [obj.metadata.name ?? '', names, images, formatLabels(obj.template?.metadata?.labels)] };
}

/** intstr.IntOrString.String(). */
function intOrString(v: number | string): string {
  return String(v);
}

export function printPodDisruptionBudget(obj: PodDisruptionBudget, nowMs: number): PrintedRow {
  const minAvailable = obj.spec?.minAvailable !== undefined && obj.spec.minAvailable !== null ? intOrString(obj.spec.minAvailable) : 'N/A';
  const maxUnavailable = obj.spec?.maxUnavailable !== undefined && obj.spec.maxUnavailable !== null ? intOrString(obj.spec.maxUnavailable) : 'N/A';
  return { cells: [obj.metadata.name ?? '', minAvailable, maxUnavailable, obj.status?.disruptionsAllowed ?? 0, age(obj, nowMs)] };
}

export function printReplicationController(obj: ReplicationController, nowMs: number): PrintedRow {
  const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
  return {
    cells: [
      obj.metadata.name ?? '',
      obj.spec?.replicas ?? 0,
      obj.status?.replicas ?? 0,
      obj.status?.readyReplicas ?? 0,
      age(obj, nowMs),
      names,
      images,
      formatLabels(obj.spec?.selector),
    ],
  };
}

export function printReplicaSet(obj: ReplicaSet, nowMs: number): PrintedRow {
  const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
  return {
    cells: [
      obj.metadata.name ?? '',
      obj.spec?.replicas ?? 0,
      obj.status?.replicas ?? 0,
      obj.status?.readyReplicas ?? 0,
      age(obj, nowMs),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ],
  };
}

export function printDeployment(obj: Deployment, nowMs: number): PrintedRow {
  const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
  // LabelSelectorAsSelector(...).String(): '' for a missing selector, `<invalid>` when it fails.
  const selector = labelSelectorString(obj.spec?.selector);
  return {
    cells: [
      obj.metadata.name ?? '',
      `${obj.status?.readyReplicas ?? 0}/${obj.spec?.replicas ?? 0}`,
      obj.status?.updatedReplicas ?? 0,
      obj.status?.availableReplicas ?? 0,
      age(obj, nowMs),
      names,
      images,
      selector === undefined ? '<invalid>' : selector,
    ],
  };
}

export function printDaemonSet(obj: DaemonSet, nowMs: number): PrintedRow {
  const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
  const s = obj.status;
  return {
    cells: [
      obj.metadata.name ?? '',
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(obj.spec?.template?.spec?.nodeSelector),
      age(obj, nowMs),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ],
  };
}

export function printStatefulSet(obj: StatefulSet, nowMs: number): PrintedRow {
  const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
  return {
    cells: [obj.metadata.name ?? '', `${obj.status?.readyReplicas ?? 0}/${obj.spec?.replicas ?? 0}`, age(obj, nowMs), names, images],
  };
}

/** hasJobCondition: the first condition of that type decides. */
function hasJobCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type);
  return c !== undefined && c.status === 'True';
}

export function printJob(obj: Job, nowMs: number): PrintedRow {
  let completions: string;
  const succeeded = obj.status?.succeeded ?? 0;
  if (obj.spec?.completions !== undefined && obj.spec.completions !== null) {
    completions = `${succeeded}/${obj.spec.completions}`;
  } else {
    const parallelism = obj.spec?.parallelism ?? 0;
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  let jobDuration = '';
  const start = obj.status?.startTime;
  const completion = obj.status?.completionTime;
  if (start) jobDuration = completion ? humanDuration(millisBetween(start, completion)) : humanDuration(nowMs - Date.parse(start));

  const conditions = obj.status?.conditions;
  let status: string;
  if (hasJobCondition(conditions, 'Complete')) status = 'Complete';
  else if (hasJobCondition(conditions, 'Failed')) status = 'Failed';
  else if (obj.metadata.deletionTimestamp) status = 'Terminating';
  else if (hasJobCondition(conditions, 'Suspended')) status = 'Suspended';
  else if (hasJobCondition(conditions, 'FailureTarget')) status = 'FailureTarget';
  else status = 'Running';

  const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
  return {
    cells: [obj.metadata.name ?? '', status, completions, jobDuration, age(obj, nowMs), names, images, formatLabelSelector(obj.spec?.selector)],
  };
}

export function printCronJob(obj: CronJob, nowMs: number): PrintedRow {
  const last = obj.status?.lastScheduleTime;
  const lastScheduleTime = last ? translateTimestampSince(last, nowMs) : '<none>';
  const timeZone = obj.spec?.timeZone ?? '<none>';
  const jobSpec = obj.spec?.jobTemplate?.spec;
  const [names, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
  return {
    cells: [
      obj.metadata.name ?? '',
      obj.spec?.schedule ?? '',
      timeZone,
      printBoolPtr(obj.spec?.suspend),
      (obj.status?.active ?? []).length,
      lastScheduleTime,
      age(obj, nowMs),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ],
  };
}

export function printControllerRevision(obj: ControllerRevision, nowMs: number): PrintedRow {
  let controllerName = '<none>';
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (ref) {
    // formatResourceName(gvk.GroupKind(), name, true): `kind.group/name`, lower-cased.
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const gk = group ? `${ref.kind}.${group}` : ref.kind;
    controllerName = gk ? `${gk.toLowerCase()}/${ref.name}` : ref.name;
  }
  return { cells: [obj.metadata.name ?? '', controllerName, obj.revision ?? 0, age(obj, nowMs)] };
}

/** Quantity.String() of a possibly missing quantity (a nil *Quantity prints `<nil>`). */
function qs(q: string | undefined | null): string {
  return q === undefined || q === null ? '<nil>' : quantityString(q);
}

/** formatHPAMetrics: up to two metrics as `current/target`, then ` + N more...`. */
export function formatHPAMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | undefined): string {
  const list: string[] = [];
  const sts = statuses ?? [];
  const max = 2;
  if (!specs || specs.length === 0) return '<none>';
  specs.forEach((spec, i) => {
    const st = sts.length > i ? sts[i] : undefined;
    switch (spec.type) {
      case 'External': {
        const target = spec.external?.target;
        if (target?.averageValue !== undefined) {
          const current = st?.external?.current.averageValue !== undefined ? qs(st.external.current.averageValue) : '<unknown>';
          list.push(`${current}/${qs(target.averageValue)} (avg)`);
        } else {
          const current = st?.external ? qs(st.external.current.value) : '<unknown>';
          list.push(`${current}/${qs(target?.value)}`);
        }
        break;
      }
      case 'Pods': {
        const current = st?.pods ? qs(st.pods.current.averageValue) : '<unknown>';
        list.push(`${current}/${qs(spec.pods?.target.averageValue)}`);
        break;
      }
      case 'Object': {
        const target = spec.object?.target;
        if (target?.averageValue !== undefined) {
          const current = st?.object?.current.averageValue !== undefined ? qs(st.object.current.averageValue) : '<unknown>';
          list.push(`${current}/${qs(target.averageValue)} (avg)`);
        } else {
          const current = st?.object ? qs(st.object.current.value) : '<unknown>';
          list.push(`${current}/${qs(target?.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
        const cur = spec.type === 'Resource' ? st?.resource : st?.containerResource;
        const target = src?.target;
        const name = src?.name ?? '';
        if (target?.averageValue !== undefined) {
          const current = cur ? qs(cur.current.averageValue) : '<unknown>';
          list.push(`${name}: ${current}/${qs(target.averageValue)}`);
        } else {
          const current = cur?.current.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
          const t = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
          list.push(`${name}: ${current}/${t}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  const count = list.length;
  if (count > max) return `${list.slice(0, max).join(', ')} + ${count - max} more...`;
  return list.join(', ');
}

export function printHorizontalPodAutoscaler(obj: HorizontalPodAutoscaler, nowMs: number): PrintedRow {
  const ref = obj.spec?.scaleTargetRef;
  const reference = `${ref?.kind ?? ''}/${ref?.name ?? ''}`;
  const minPods = obj.spec?.minReplicas !== undefined && obj.spec.minReplicas !== null ? String(obj.spec.minReplicas) : '<unset>';
  return {
    cells: [
      obj.metadata.name ?? '',
      reference,
      formatHPAMetrics(obj.spec?.metrics, obj.status?.currentMetrics),
      minPods,
      obj.spec?.maxReplicas ?? 0,
      obj.status?.currentReplicas ?? 0,
      age(obj, nowMs),
    ],
  };
}
