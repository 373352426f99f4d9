// etcd's member and cluster ids: the first 8 bytes (big-endian) of a SHA-1, as
// server/etcdserver/api/membership/member.go (computeMemberId) and cluster.go (genID) compute them.

import { sha1 } from './sha1';

const utf8 = new TextEncoder();

function firstUint64(digest: Uint8Array): bigint {
  return new DataView(digest.buffer, digest.byteOffset).getBigUint64(0);
}

/** A member's id: sha1(sorted peer URLs joined, cluster token[, unix seconds when added at runtime]). */
export function computeMemberId(peerURLs: string[], clusterToken: string, addedAtUnixSec?: number): bigint {
  let s = [...peerURLs].sort().join('') + clusterToken;
  if (addedAtUnixSec !== undefined) s += String(addedAtUnixSec);
  return firstUint64(sha1(utf8.encode(s)));
}

/** The cluster id: sha1 of the sorted initial member ids, each as 8 big-endian bytes. */
export function computeClusterId(memberIds: bigint[]): bigint {
  const sorted = [...memberIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const buf = new Uint8Array(8 * sorted.length);
  const view = new DataView(buf.buffer);
  sorted.forEach((id, i) => view.setBigUint64(8 * i, id));
  return firstUint64(sha1(buf));
}

/** The peer URL Kubeplay gives a member: http://<name>:2380. */
export function peerURL(name: string): string {
  return `http://${name}:2380`;
}

/** The client URL Kubeplay gives a member: http://<name>:2379. */
export function clientURL(name: string): string {
  return `http://${name}:2379`;
}

/** The process name behind a peer or client URL ('http://etcd-3:2380' → 'etcd-3'). */
export function hostOf(url: string): string {
  return url.replace(/^[a-z]+:\/\//, '').replace(/:\d+\/?$/, '').replace(/\/$/, '');
}

/**
 * pkg/idutil.Generator, a member's reqIDGen: the member id's low 16 bits, then 40 bits of the start
 * time in ms and an 8-bit counter that carries into them. Every proposal, ReadIndex round,
 * configuration change and server-chosen lease id takes the next one, so lease ids show how many
 * requests a member made before (etcd's do too).
 */
export class IdGenerator {
  private suffix: bigint;

  constructor(startMs: number) {
    this.suffix = (BigInt(Math.floor(startMs)) & 0xffffffffffn) << 8n;
  }

  /** The next id; `memberId` is 0n while the member does not know its own id yet. */
  next(memberId: bigint): bigint {
    this.suffix++;
    return ((memberId & 0xffffn) << 48n) | (this.suffix & 0xffffffffffffn);
  }
}
