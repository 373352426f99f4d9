// Where a workload keeps its pod spec (polymorphichelpers.updatePodSpecForObject), and the patch
// that sets fields inside it.

type Obj = Record<string, unknown>;

/** The path from the object to its pod spec, by kind; null for kinds without one. */
export function podSpecPath(kind: string): string[] | null {
  switch (kind) {
    case 'Pod':
      return ['spec'];
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicationController':
    case 'Job':
      return ['spec', 'template', 'spec'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    default:
      return null;
  }
}

export function at(o: Obj, path: string[]): Obj | undefined {
  let cur: unknown = o;
  for (const k of path) cur = cur && typeof cur === 'object' ? (cur as Obj)[k] : undefined;
  return cur && typeof cur === 'object' ? (cur as Obj) : undefined;
}

/** `{a: {b: value}}` for path [a, b]. */
export function nest(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value);
}
