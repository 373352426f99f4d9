// A live object as a manifest to edit: `kubectl get -o yaml` without what the server fills in
// (status, uid, resourceVersion, creationTimestamp, generation, managedFields, the
// last-applied-configuration annotation), cut out of the text so the rest reads exactly as printed.

import { isMap, isPair, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { yamlOptions } from './yaml-doc';

const serverMetadata = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds']);
const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

const keyOf = (p: Pair<unknown, unknown>) => (isScalar(p.key) ? String(p.key.value) : '');

/** The object's YAML without its server-set fields. */
export function manifestForEditing(yamlText: string): string {
  const doc = parseDocument(yamlText, yamlOptions);
  if (doc.errors.length || !isMap(doc.contents)) return yamlText;
  const cuts: [number, number][] = [];
  const cut = (p: Pair<unknown, unknown>) => {
    const k = (p.key as { range?: [number, number, number] }).range;
    const v = (p.value as { range?: [number, number, number] } | null)?.range;
    if (!k) return;
    const start = yamlText.lastIndexOf('\n', k[0] - 1) + 1;
    const endAt = v ? v[2] : k[2];
    const nl = yamlText.indexOf('\n', Math.max(endAt - 1, k[0]));
    cuts.push([start, nl < 0 ? yamlText.length : nl + 1]);
  };
  const root = doc.contents as YAMLMap<unknown, unknown>;
  for (const p of root.items) {
    if (!isPair(p)) continue;
    if (keyOf(p) === 'status') cut(p);
    if (keyOf(p) === 'metadata' && isMap(p.value)) {
      for (const m of p.value.items) {
        if (serverMetadata.has(keyOf(m))) cut(m);
        if (keyOf(m) === 'annotations' && isMap(m.value)) {
          const annotations = m.value.items;
          const drop = annotations.filter((a) => keyOf(a) === lastApplied);
          if (drop.length && drop.length === annotations.length) cut(m);
          else drop.forEach(cut);
        }
      }
    }
  }
  let out = yamlText;
  for (const [s, e] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, s) + out.slice(e);
  return out;
}
