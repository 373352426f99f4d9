// Object plumbing shared by the REST handlers: the wire form of objects and lists, the stored form,
// names generated for `generateName`, uids, timestamps, and continue tokens.

import type { KubeObject } from '../../api/types';
import type { ResourceInfo } from '../../api/resources';
import { groupVersion } from '../../api/resources';
import type { Rng } from '../../sim/rng';
import { base64, unbase64 } from '../../api/base64';

/** JSON's deep copy: what a handler mutates is never the cache's object. */
export function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

/** An object as stored in etcd: with its TypeMeta, without resourceVersion or selfLink (PrepareObjectForStorage). */
export function encodeForStorage(info: ResourceInfo, obj: KubeObject): string {
  const { resourceVersion: _rv, selfLink: _sl, ...metadata } = obj.metadata;
  return JSON.stringify({ ...withTypeMeta(info, obj), metadata });
}

/** The object with the served group version and kind first, as the API writes it. */
export function withTypeMeta<T extends KubeObject>(info: ResourceInfo, obj: T): T {
  const { kind: _k, apiVersion: _a, ...rest } = obj;
  return { kind: info.kind, apiVersion: groupVersion(info.group, info.version), ...rest } as T;
}

/** A list as the API serves it: items carry no TypeMeta of their own. */
export function listOf(info: ResourceInfo, items: KubeObject[], rev: string, extra: { continue?: string; remainingItemCount?: number } = {}): Record<string, unknown> {
  return {
    kind: `${info.kind}List`,
    apiVersion: groupVersion(info.group, info.version),
    metadata: { resourceVersion: rev, ...(extra.continue ? { continue: extra.continue } : {}), ...(extra.remainingItemCount !== undefined ? { remainingItemCount: extra.remainingItemCount } : {}) },
    items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest),
  };
}

// names.SimpleNameGenerator: five characters from an alphabet without vowels or look-alikes.
const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
const maxGeneratedNameLength = 63 - 5;

/** `generateName` + five random characters (the prefix cut to 58 characters first). */
export function generateName(base: string, rng: Rng): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += nameAlphabet[rng.int(0, nameAlphabet.length)];
  return base.slice(0, maxGeneratedNameLength) + suffix;
}

/** A random (version 4) UUID from the process's seeded stream. */
export function uuid(rng: Rng): string {
  const hex = (n: number) => rng.nextUint32().toString(16).padStart(8, '0').slice(0, n);
  const variant = (8 + rng.int(0, 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
}

/** metav1.Time on the wire: RFC 3339 to the second, UTC. */
export function rfc3339(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime on the wire (events' eventTime, leases' renewTime): RFC 3339 with microseconds. */
export function rfc3339Micro(epochMs: number): string {
  const iso = new Date(Math.floor(epochMs)).toISOString();
  const micros = String(Math.round((epochMs % 1000) * 1000)).padStart(6, '0');
  return `${iso.slice(0, 19)}.${micros}Z`;
}

/** A list's continue token (storage/etcd3 encodeContinue): base64 JSON of the revision and the next key. */
export function encodeContinue(rev: number, nextKeyRelative: string): string {
  return base64(JSON.stringify({ v: 'meta.k8s.io/v1', rv: rev, start: nextKeyRelative }));
}

/** Decodes a continue token; null when it is not one. */
export function decodeContinue(token: string): { rev: number; start: string } | null {
  try {
    const v = JSON.parse(unbase64(token)) as { v?: string; rv?: number; start?: string };
    if (v.v !== 'meta.k8s.io/v1' || typeof v.rv !== 'number' || typeof v.start !== 'string' || v.start.includes('..') || v.start.startsWith('/')) return null;
    return { rev: v.rv, start: v.start };
  } catch {
    return null;
  }
}
