// Identifiers as containerd prints them: sandbox and container ids are 64 random hex digits
// (containerd's util.GenerateID, 32 random bytes), image ids and digests `sha256:` and 64 hex.

import { Hash64 } from '../../sim/hash';
import type { Rng } from '../../sim/rng';

/** A containerd id: 64 hex digits from the node's random stream. */
export function generateID(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += rng.nextUint32().toString(16).padStart(8, '0');
  return out;
}

/**
 * 64 hex digits that depend only on `text`: the stand-in for a content digest, so an image has
 * the same digest on every node and in every run (a registry's digest is a property of the image).
 */
export function pseudoDigestHex(text: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) {
    const h = new Hash64().str(text).int(i);
    out += h.hex();
  }
  return out.slice(0, 64);
}
