// An approximation of the go-cmp `cmp.Diff(old, new)` text some immutability errors append
// (pod updates, PersistentVolumeClaim specs, ephemeral containers). go-cmp prints Go values of the
// internal types and deliberately randomizes its whitespace, so its exact text cannot be
// reproduced; this keeps its shape: the struct, `-` old and `+` new lines for the fields that
// differ (values as JSON), and `... // N identical fields` for runs of equal ones.

import { deepEqual } from './util';

/** Go's exported name of a JSON field: its first letter upper-cased (`restartPolicy` → `RestartPolicy`). */
export function goFieldName(json: string): string {
  return json.length === 0 ? json : json[0]!.toUpperCase() + json.slice(1);
}

/**
 * The diff of two objects of the Go struct `typeName`. `fields` lists [json, GoName] in the
 * struct's declaration order; without it the union of both objects' keys is used.
 */
export function structDiff(typeName: string, oldV: Readonly<Record<string, unknown>>, newV: Readonly<Record<string, unknown>>, fields?: readonly (readonly [string, string])[]): string {
  const order = fields ?? [...new Set([...Object.keys(oldV), ...Object.keys(newV)])].map((k) => [k, goFieldName(k)] as const);
  const lines = [`  ${typeName}{`];
  let same = 0;
  const flush = () => {
    if (same > 0) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const [json, goName] of order) {
    const o = oldV[json];
    const n = newV[json];
    if (deepEqual(o, n)) {
      same++;
      continue;
    }
    flush();
    if (o !== undefined && o !== null) lines.push(`- \t${goName}: ${JSON.stringify(o)},`);
    if (n !== undefined && n !== null) lines.push(`+ \t${goName}: ${JSON.stringify(n)},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}
