// How traffic is grouped and sampled for the canvas: one colour per kind of conversation, Raft's
// between members and the control plane's (kubectl and kube-apiserver, an etcd client and a
// member), and which messages fly as dots, in an order that shows what caused what.
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

/** Every kind the canvas draws: Raft's, the control plane's, and Service traffic (a client through a Service to its pods). */
export type FlightKind = MessageKind | ControlPlaneKind | 'traffic';

/** One animated message: a dot travelling from `from` to `to`. */
export interface CanvasFlight {
  id: number;
  from: string;
  to: string;
  kind: FlightKind;
  /** Lost on the wire: the dot stops halfway and fades out red. */
  lost: boolean;
  /** Wall ms (performance.now()) when it sets off, and how long it flies. */
  startMs: number;
  durationMs: number;
  /** What it carries, as the wire names it ('MsgApp', 'GET /api/v1/pods', '200', 'client'); the latest of those it stands for. */
  label: string;
  /** Simulated ms its first and its latest message arrive (null: lost), to order the messages they cause after it. */
  firstDeliverAt: number | null;
  deliverAt: number | null;
  /** Part of a conversation the control plane started: what it causes waits for it to land. */
  chain: boolean;
  /** The dot whose landing it waited for. */
  causeId: number | null;
  /** The pod (`namespace/name`) inside card `to` it flies to, where the card shows its pods. */
  toPod?: string;
}

/** Messages per simulated second, by kind, plus lost ones. */
export type CanvasRates = Record<FlightKind | 'lost', number>;

const allKinds: (FlightKind | 'lost')[] = [...messageKinds, ...controlPlaneKinds, 'traffic', 'lost'];
const zeroRates = (): CanvasRates => ({ heartbeat: 0, append: 0, vote: 0, other: 0, request: 0, response: 0, watch: 0, etcd: 0, traffic: 0, lost: 0 });

/** Least wall time between two animated messages of one kind on one directed link (Raft's as the store has them). */
const minGapMs: Record<FlightKind, number> = { heartbeat: 420, append: 160, vote: 0, other: 120, request: 140, response: 140, watch: 220, etcd: 160, traffic: 0 };
/** Kinds that take part in a conversation's order: heartbeats and votes run on their own clocks. */
const ordered: ReadonlySet<FlightKind> = new Set<FlightKind>(['append', 'other', 'request', 'response', 'watch', 'etcd']);
const maxFlights = 200;
/** A message waits for its causes to land, but no longer than this (else it is not drawn). */
export const maxWaitMs = 5000;
/** The store's window and buckets for its Raft rates. */
const rateWindowMs = 2000;
const bucketMs = 100;

/**
 * The canvas's sample of the wire: which messages fly as dots, and the rates of all of them. Raft
 * traffic on its own is sampled as the store samples it (a dot per kind and link at most every so
 * often, set off when it is seen). A conversation the control plane starts keeps its order: a
 * message sets off only once what could have caused it has landed on screen (a message into its
 * sender, delivered before it was sent, still in the air), so a request is seen reaching the
 * apiserver before the apiserver asks etcd, the leader's MsgApp after the write reached it, and the
 * response after etcd's answer. Several such messages on one link that would wait anyway share a
 * dot. Real time runs faster than any dot: the order is what shows, not the latency.
 */
/** A batch of Service traffic as the canvas draws it: card ids, and how many connections each pod (`namespace/name`, on card `to`) answered. */
export interface TrafficBatch {
  from: string;
  service: string;
  hits: { to: string; pod?: string; count: number }[];
  failed: number;
}

export class CanvasTraffic {
  flights: CanvasFlight[] = [];
  rates: CanvasRates = zeroRates();
  private nextId = 1;
  /** Visual start of the last dot per directed link and kind. */
  private readonly lastStart = new Map<string, number>();
  private readonly buckets = new Map<number, CanvasRates>();
  private readonly listeners = new Set<() => void>();

  /** Takes the messages of one snapshot, seen at wall time `wallNowMs`. */
  ingest(s: Pick<ClusterSnapshot, 'now' | 'speed' | 'members' | 'messages'> & { apiservers?: { name: string }[] }, wallNowMs: number): void {
    const members = new Set(s.members.map((m) => m.name));
    const apiservers = new Set((s.apiservers ?? []).map((a) => a.name));
    const onCanvas = (name: string) => members.has(name) || apiservers.has(name) || (apiservers.size > 0 && name === kubectlNodeId);
    const flights = this.flights.filter((f) => wallNowMs - f.startMs < f.durationMs);
    // Conversation dots by where they land, dots not yet set off by link, every dot by id.
    const into = new Map<string, CanvasFlight[]>();
    const waiting = new Map<string, CanvasFlight>();
    const byId = new Map<number, CanvasFlight>();
    const keyOf = (f: { from: string; to: string; kind: FlightKind }) => `${f.from}>${f.to}:${f.kind}`;
    const track = (f: CanvasFlight) => {
      byId.set(f.id, f);
      if (f.chain) {
        const list = into.get(f.to);
        if (list) list.push(f);
        else into.set(f.to, [f]);
      }
      if (f.startMs > wallNowMs) waiting.set(keyOf(f), f);
    };
    /** `f` now also stands for message `m`. */
    const absorb = (f: CanvasFlight, m: WireMessage) => {
      f.label = m.type;
      if (m.deliverAt !== null) f.deliverAt = Math.max(f.deliverAt ?? 0, m.deliverAt);
    };
    flights.forEach(track);

    for (const m of s.messages) {
      const kind: FlightKind = controlPlaneKind(m, members) ?? messageKind(m.type);
      const lost = m.deliverAt === null;
      const b = Math.floor(m.sentAt / bucketMs);
      const counts = this.buckets.get(b) ?? zeroRates();
      counts[kind]++;
      if (lost) counts.lost++;
      this.buckets.set(b, counts);
      if (!onCanvas(m.from) || !onCanvas(m.to)) continue;

      // What caused it, if anything: of the conversations' dots into its sender, the one whose
      // message arrived last before this one was sent (a process answers what it was just told).
      let cause: CanvasFlight | null = null;
      let causeAt = -Infinity;
      if (ordered.has(kind)) {
        for (const f of into.get(m.from) ?? []) {
          if (f.firstDeliverAt === null || f.firstDeliverAt > m.sentAt) continue;
          const at = Math.min(f.deliverAt ?? f.firstDeliverAt, m.sentAt);
          if (at > causeAt || (at === causeAt && cause && f.startMs + f.durationMs > cause.startMs + cause.durationMs)) {
            cause = f;
            causeAt = at;
          }
        }
      }
      const key = keyOf({ from: m.from, to: m.to, kind });
      // Back and forth between the same two (kubectl's discovery requests, MsgApp and its answer):
      // the dot that went this way before stands for this message too, so a burst of round trips
      // is one round trip on screen.
      const before = cause && cause.from === m.to && cause.causeId !== null ? byId.get(cause.causeId) : undefined;
      if (before && keyOf(before) === key && before.lost === lost) {
        absorb(before, m);
        continue;
      }
      const startMs = cause ? Math.max(wallNowMs, cause.startMs + cause.durationMs) : wallNowMs;
      if (startMs - wallNowMs > maxWaitMs) continue;
      // A dot on this link still waiting to set off, at or after this message could: it stands for this one too.
      const next = waiting.get(key);
      if (next && next.lost === lost && startMs <= next.startMs) {
        absorb(next, m);
        continue;
      }
      const last = this.lastStart.get(key) ?? -Infinity;
      if (startMs - last < (lost ? 200 : minGapMs[kind])) continue;
      this.lastStart.set(key, startMs);
      const latencySimMs = m.deliverAt === null ? 20 : Math.max(1, m.deliverAt - m.sentAt);
      const durationMs = Math.min(1100, Math.max(520, latencySimMs / Math.max(s.speed, 0.01)));
      const chain = cause !== null || controlPlaneKinds.includes(kind as ControlPlaneKind);
      const f: CanvasFlight = { id: this.nextId++, from: m.from, to: m.to, kind, lost, startMs, durationMs, label: m.type, firstDeliverAt: m.deliverAt, deliverAt: m.deliverAt, chain, causeId: cause?.id ?? null };
      flights.push(f);
      track(f);
    }
    this.flights = flights.length > maxFlights ? flights.slice(-maxFlights) : flights;

    const oldest = Math.floor((s.now - rateWindowMs) / bucketMs);
    for (const k of this.buckets.keys()) if (k < oldest) this.buckets.delete(k);
    const rates = zeroRates();
    for (const c of this.buckets.values()) for (const k of allKinds) rates[k] += c[k];
    const span = Math.max(bucketMs, Math.min(rateWindowMs, s.now)) / 1000;
    for (const k of allKinds) rates[k] = Math.round(rates[k] / span);
    if (allKinds.some((k) => rates[k] !== this.rates[k])) {
      this.rates = rates;
      for (const fn of this.listeners) fn();
    }
  }

  /**
   * One batch of Service traffic (a simulated second of the load generator): a dot from the client's
   * card to the Service's, then one on to each pod that answered (inside its node's card); connections that failed
   * fly red and stop short of the Service. Counted in the traffic rate at `simNowMs`.
   */
  addTraffic(batch: TrafficBatch, simNowMs: number, wallNowMs: number): void {
    const ok = batch.hits.reduce((n, h) => n + h.count, 0);
    const b = Math.floor(simNowMs / bucketMs);
    const counts = this.buckets.get(b) ?? zeroRates();
    counts.traffic += ok + batch.failed;
    counts.lost += batch.failed;
    this.buckets.set(b, counts);
    const fly = (from: string, to: string, lost: boolean, startMs: number, label: string, toPod?: string): CanvasFlight => {
      const f: CanvasFlight = { id: this.nextId++, from, to, kind: 'traffic', lost, startMs, durationMs: 700, label, firstDeliverAt: null, deliverAt: null, chain: false, causeId: null, ...(toPod ? { toPod } : {}) };
      this.flights.push(f);
      return f;
    };
    if (batch.failed > 0) fly(batch.from, batch.service, true, wallNowMs, `${batch.failed} failed`);
    if (ok > 0) {
      const first = fly(batch.from, batch.service, false, wallNowMs, `${ok}`);
      for (const h of batch.hits) fly(batch.service, h.to, false, first.startMs + first.durationMs, `${h.count}`, h.pod);
    }
    if (this.flights.length > maxFlights) this.flights = this.flights.slice(-maxFlights);
  }

  /** Calls `fn` whenever the rates change; returns unsubscribe (useSyncExternalStore's shape). */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };

  /** The rates now (a new object only when they changed). */
  getRates = (): CanvasRates => this.rates;
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
