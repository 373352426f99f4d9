// The pod-template hash (pkg/controller/controller_utils.go ComputeHash): FNV-32a over the template,
// then over the collision count (as 8 bytes, little-endian) when there is one, printed in decimal
// and re-spelled by SafeEncodeString (k8s.io/apimachinery/pkg/util/rand) so it holds no vowels and
// no digits that look like letters. Upstream hashes spew's dump of the Go struct
// (hashutil.DeepHashObject); JSON has no Go struct, so the template's canonical JSON (keys sorted)
// is hashed instead: the same template always gives the same hash, in upstream's alphabet.

import type { PodTemplateSpec } from '../../api/types';

/** FNV-1a, 32 bits, over bytes (hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

// Models k8s.io/apimachinery/pkg/util/rand/rand.go SafeEncodeString
/** Maps each character to the vowel-free alphabet (so no bad words, no 0/O or 1/l confusion). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += alphanums[s.charCodeAt(i) % alphanums.length];
  return out;
}

/** JSON with object keys sorted at every level: one text per value (what is hashed). */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJSON(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
}

// Models pkg/controller/controller_utils.go ComputeHash
/** The hash a controller labels a template's objects with (`pod-template-hash`, revision names). */
export function computeHash(template: PodTemplateSpec, collisionCount?: number | null): string {
  const bytes = new TextEncoder().encode(canonicalJSON(template));
  let h = fnv32a(bytes);
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return safeEncodeString(String(h));
}
