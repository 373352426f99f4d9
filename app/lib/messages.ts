// How traffic is grouped for the canvas: one colour per kind of conversation. Raft traffic between
// members is sampled by the store (store/traffic-slice.ts); the control plane's conversations
// (kubectl and kube-apiserver, an etcd client and a member) are sampled here, with their order kept.
import type { ClusterSnapshot, WireMessage } from '../cluster/types';
import { kubectlNodeId } from './layout';

/** The kinds of Raft message the canvas colours differently (see Legend). */
export type MessageKind = 'heartbeat' | 'append' | 'vote' | 'other';

/** The kinds in legend order. */
export const messageKinds: MessageKind[] = ['heartbeat', 'append', 'vote', 'other'];

/** Legend labels. */
export const messageKindLabel: Record<MessageKind, string> = {
  heartbeat: 'Heartbeat',
  append: 'Append',
  vote: 'Vote',
  // MsgProp and MsgReadIndex: a follower hands a write or a linearizable read to the leader.
  other: 'Forward',
};

/** Maps a raftpb message type ('MsgApp', 'MsgVoteResp', …) to its kind. */
export function messageKind(type: string): MessageKind {
  if (type.startsWith('MsgHeartbeat')) return 'heartbeat';
  if (type.startsWith('MsgApp') || type.startsWith('MsgSnap')) return 'append';
  if (type.startsWith('MsgVote') || type.startsWith('MsgPreVote')) return 'vote';
  return 'other';
}

// ---- the control plane's traffic ---------------------------------------------------------------

/**
 * The conversations around the apiserver: kubectl's requests and the answers, watch events
 * streamed to a watcher, and etcd client calls (an apiserver's, or etcdctl's) and their answers.
 */
export type ControlPlaneKind = 'request' | 'response' | 'watch' | 'etcd';

/** The kinds in legend order. */
export const controlPlaneKinds: ControlPlaneKind[] = ['request', 'response', 'watch', 'etcd'];

/** Legend labels. */
export const controlPlaneKindLabel: Record<ControlPlaneKind, string> = {
  request: 'Request',
  response: 'Response',
  watch: 'Watch event',
  etcd: 'etcd client',
};

/** How the apiserver describes a request on the wire: method and path ('GET /api/v1/pods'). */
const requestType = /^[A-Z]+ \//;
/** … and a response: its status code. */
const statusType = /^\d{3}$/;

/**
 * The kind of a message that is not Raft traffic, or null for Raft traffic (member to member). A
 * message with a member at one end only is etcd client traffic; between kubectl and an apiserver
 * its type tells a request ('GET /api/v1/pods'), a response ('200') and a watch event apart, and
 * frames that carry no description (a stream opening) go by direction.
 */
export function controlPlaneKind(m: Pick<WireMessage, 'from' | 'to' | 'type'>, members: ReadonlySet<string>): ControlPlaneKind | null {
  const fromMember = members.has(m.from);
  const toMember = members.has(m.to);
  if (fromMember && toMember) return null;
  if (fromMember || toMember) return 'etcd';
  if (m.type === 'watch event') return 'watch';
  if (requestType.test(m.type)) return 'request';
  if (statusType.test(m.type)) return 'response';
  return m.from === kubectlNodeId ? 'request' : 'response';
}

/** One animated control-plane message: a dot travelling from `from` to `to`. */
export interface ControlPlaneFlight {
  id: number;
  from: string;
  to: string;
  kind: ControlPlaneKind;
  /** Lost on the wire: the dot stops halfway and fades out red. */
  lost: boolean;
  /** Wall ms (performance.now()) when it sets off, and how long it flies. */
  startMs: number;
  durationMs: number;
  /** What it carries, as the wire names it ('GET /api/v1/pods', '200', 'watch event', 'client'). */
  label: string;
  /** Simulated ms it arrives (null: lost), to order the messages it causes after it. */
  deliverAt: number | null;
}

/** Control-plane messages per simulated second, by kind, and all of them together. */
export type ControlPlaneRates = Record<ControlPlaneKind | 'total', number>;

const zeroRates = (): ControlPlaneRates => ({ request: 0, response: 0, watch: 0, etcd: 0, total: 0 });

/** Least wall time between two animated messages of one kind on one directed link. */
const minGapMs: Record<ControlPlaneKind, number> = { request: 140, response: 140, watch: 220, etcd: 160 };
const maxFlights = 120;
/** A message whose cause is still in the air waits for it to land, but no longer than this (else it is not drawn). */
export const maxWaitMs = 1600;
/** The same window and buckets as the store's Raft rates, so the two can be set side by side. */
const rateWindowMs = 2000;
const bucketMs = 100;

/**
 * Samples the control plane's messages for animation and counts them all, like the store does for
 * Raft traffic, with one difference: a message sets off only once what could have caused it has
 * landed on screen (a message into its sender, delivered before it was sent, still in the air), so
 * a request is seen reaching the apiserver before the apiserver asks etcd, and etcd's answer comes
 * back before the response goes out. Real time runs faster than any dot; the order is what shows.
 */
export class ControlPlaneTraffic {
  flights: ControlPlaneFlight[] = [];
  rates: ControlPlaneRates = zeroRates();
  private nextId = 1;
  private readonly lastSpawn = new Map<string, number>();
  private readonly buckets = new Map<number, ControlPlaneRates>();
  private readonly listeners = new Set<() => void>();

  /** Takes the messages of one snapshot, seen at wall time `wallNowMs`. */
  ingest(s: Pick<ClusterSnapshot, 'now' | 'speed' | 'members' | 'messages'> & { apiservers?: { name: string }[] }, wallNowMs: number): void {
    const members = new Set(s.members.map((m) => m.name));
    const apiservers = s.apiservers ?? [];
    const onCanvas = (name: string) => members.has(name) || apiservers.some((a) => a.name === name) || (apiservers.length > 0 && name === kubectlNodeId);
    let flights = this.flights.filter((f) => wallNowMs - f.startMs < f.durationMs);
    for (const m of s.messages) {
      const kind = controlPlaneKind(m, members);
      if (kind === null) continue;
      const lost = m.deliverAt === null;
      const b = Math.floor(m.sentAt / bucketMs);
      const counts = this.buckets.get(b) ?? zeroRates();
      counts[kind]++;
      counts.total++;
      this.buckets.set(b, counts);

      if (!onCanvas(m.from) || !onCanvas(m.to)) continue;
      const key = `${m.from}>${m.to}:${kind}`;
      const last = this.lastSpawn.get(key) ?? -Infinity;
      if (wallNowMs - last < (lost ? 200 : minGapMs[kind])) continue;
      // What could have caused it: a message into its sender that arrived before it was sent.
      let startMs = wallNowMs;
      for (const f of flights) {
        if (f.to === m.from && f.deliverAt !== null && f.deliverAt <= m.sentAt) startMs = Math.max(startMs, f.startMs + f.durationMs);
      }
      if (startMs - wallNowMs > maxWaitMs) continue;
      this.lastSpawn.set(key, wallNowMs);
      const latencySimMs = m.deliverAt === null ? 20 : Math.max(1, m.deliverAt - m.sentAt);
      const durationMs = Math.min(1100, Math.max(520, latencySimMs / Math.max(s.speed, 0.01)));
      flights.push({ id: this.nextId++, from: m.from, to: m.to, kind, lost, startMs, durationMs, label: m.type, deliverAt: m.deliverAt });
    }
    if (flights.length > maxFlights) flights = flights.slice(-maxFlights);
    this.flights = flights;

    const oldest = Math.floor((s.now - rateWindowMs) / bucketMs);
    for (const k of this.buckets.keys()) if (k < oldest) this.buckets.delete(k);
    const rates = zeroRates();
    for (const c of this.buckets.values()) for (const k of Object.keys(rates) as (keyof ControlPlaneRates)[]) rates[k] += c[k];
    const span = Math.max(bucketMs, Math.min(rateWindowMs, s.now)) / 1000;
    for (const k of Object.keys(rates) as (keyof ControlPlaneRates)[]) rates[k] = Math.round(rates[k] / span);
    if ((Object.keys(rates) as (keyof ControlPlaneRates)[]).some((k) => rates[k] !== this.rates[k])) {
      this.rates = rates;
      for (const fn of this.listeners) fn();
    }
  }

  /** Calls `fn` whenever the rates change; returns unsubscribe (useSyncExternalStore's shape). */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };

  /** The rates now (a new object only when they changed). */
  getRates = (): ControlPlaneRates => this.rates;
}

// ---- how a request reads on the apiserver's card -----------------------------------------------

/** The HTTP method behind a Kubernetes verb (apiserver's RequestInfoFactory maps the other way). */
export function httpMethod(verb: string): string {
  switch (verb) {
    case 'get':
    case 'list':
    case 'watch':
      return 'GET';
    case 'create':
      return 'POST';
    case 'update':
      return 'PUT';
    case 'patch':
      return 'PATCH';
    case 'delete':
    case 'deletecollection':
      return 'DELETE';
    default:
      return verb.toUpperCase();
  }
}

/** A path cut to at most `max` characters by dropping whole segments after its first, where a '…' stands in. */
export function shortPath(path: string, max: number): string {
  if (path.length <= max) return path;
  const parts = path.split('/');
  // ['', 'api', 'v1', …]: keep '/api' and as many trailing segments as fit.
  const head = parts.slice(0, 2).join('/');
  let tail = '';
  for (let i = parts.length - 1; i >= 2; i--) {
    const next = `/${parts[i]}${tail}`;
    if (head.length + 2 + next.length > max) break;
    tail = next;
  }
  if (tail) return `${head}/…${tail}`;
  return `…${path.slice(path.length - (max - 1))}`;
}

/** One of an apiserver's recent requests as its card lists it: 'GET /api/v1/namespaces 200'. */
export function requestSummary(r: { verb: string; path: string; code: number }, maxPath = 30): { method: string; path: string; code: string } {
  return { method: httpMethod(r.verb), path: shortPath(r.path, maxPath), code: String(r.code) };
}
