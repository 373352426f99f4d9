// A packet through a table, as netfilter walks it: rule after rule of a chain, jumping into chains
// and returning, until a target decides (DNAT, REDIRECT, ACCEPT, DROP, REJECT). The matches kube-
// proxy's rules use are evaluated as the kernel's xt modules do: `statistic --mode random` draws a
// 31-bit random number against the stored fraction (xt_statistic.c), `recent` keeps each list's
// last-seen time per source address (xt_recent.c), `addrtype --dst-type LOCAL` asks whether the
// address is the node's. Every rule looked at is counted: that is the per-packet cost of iptables
// mode, O(services) in KUBE-SERVICES. Models the packet-flow walk of upstream's proxier_test.go
// (runPacketFlowTests) over the real matches.

import type { Rng } from '../../sim/rng';
import { kernelProbability, type Rule, type Table } from './rules';

/** A new connection's first packet. */
export interface Packet {
  srcIP: string;
  dstIP: string;
  dstPort: number;
  /** Lower case, as in rules: tcp, udp, sctp. */
  proto: string;
}

/** What the walk decided. */
export type Verdict =
  | { kind: 'dnat'; to: string; masq: boolean }
  | { kind: 'redirect'; port: number }
  | { kind: 'accept' }
  | { kind: 'drop' }
  | { kind: 'reject' }
  /** No rule decided: the chain policy (ACCEPT) applies and the packet goes on unchanged. */
  | { kind: 'none'; masq: boolean };

/** The xt_recent lists: name → source address → last seen (simulated ms). */
export type RecentLists = Map<string, Map<string, number>>;

/** What the matches read besides the packet. */
export interface WalkContext {
  rng: Rng;
  now: number;
  recent: RecentLists;
  /** Addresses of this node (addrtype LOCAL). */
  localIPs: ReadonlySet<string>;
}

/** An IPv4 address as its 32-bit number. */
function ipNum(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

/** Whether `ip` is inside `cidr` (a.b.c.d/n). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? 32);
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : ~((1 << (32 - bits)) - 1) >>> 0;
  return ((ipNum(ip) & mask) >>> 0) === ((ipNum(base) & mask) >>> 0);
}

const byChainCache = new WeakMap<Table, Map<string, Rule[]>>();

function rulesOf(table: Table, chain: string): Rule[] {
  let idx = byChainCache.get(table);
  if (!idx) {
    idx = new Map();
    for (const r of table.rules) {
      let l = idx.get(r.chain);
      if (!l) idx.set(r.chain, (l = []));
      l.push(r);
    }
    byChainCache.set(table, idx);
  }
  return idx.get(chain) ?? [];
}

function opt(opts: string[], name: string): string | undefined {
  const i = opts.indexOf(name);
  return i < 0 ? undefined : opts[i + 1];
}

function matches(r: Rule, pkt: Packet, ctx: WalkContext, state: { masq: boolean }): boolean {
  if (r.src && inCidr(pkt.srcIP, r.src.cidr) === r.src.neg) return false;
  if (r.dst && inCidr(pkt.dstIP, r.dst.cidr) === r.dst.neg) return false;
  if (r.proto && r.proto !== pkt.proto) return false;
  for (const m of r.matches) {
    const o = m.opts;
    const neg = o[0] === '!';
    switch (m.module) {
      case 'comment':
        break;
      case 'tcp':
      case 'udp':
      case 'sctp': {
        const dport = opt(o, '--dport');
        if (dport !== undefined && Number(dport) !== pkt.dstPort) return false;
        break;
      }
      case 'statistic':
        // xt_statistic: (prandom_u32() & 0x7FFFFFFF) < probability.
        if (((ctx.rng.nextUint32() & 0x7fffffff) >>> 0) >= kernelProbability(opt(o, '--probability') ?? '0')) return false;
        break;
      case 'recent': {
        const name = opt(o, '--name') ?? 'DEFAULT';
        let list = ctx.recent.get(name);
        if (!list) ctx.recent.set(name, (list = new Map()));
        if (o.includes('--set')) {
          list.set(pkt.srcIP, ctx.now);
          break;
        }
        const seconds = Number(opt(o, '--seconds') ?? Infinity);
        if (o.includes('--reap')) for (const [ip, at] of list) if (ctx.now - at > seconds * 1000) list.delete(ip);
        const at = list.get(pkt.srcIP);
        if (at === undefined || ctx.now - at > seconds * 1000) return false;
        break;
      }
      case 'addrtype': {
        const dst = opt(o, '--dst-type');
        const src = opt(o, '--src-type');
        if (dst === 'LOCAL' && ctx.localIPs.has(pkt.dstIP) === neg) return false;
        if (src === 'LOCAL' && ctx.localIPs.has(pkt.srcIP) === neg) return false;
        break;
      }
      case 'mark': {
        // Only kube-proxy's masquerade mark is ever set here.
        if (state.masq === neg) return false;
        break;
      }
      case 'conntrack': {
        // A first packet is NEW; INVALID, RELATED or ESTABLISHED never match it.
        const st = opt(o, '--ctstate') ?? '';
        if (st.split(',').includes('NEW') === neg) return false;
        break;
      }
      default:
        // ipset and physdev matches are not walked (ipvs mode's packets go through IPVS).
        return false;
    }
  }
  return true;
}

/** Walks a packet from `chain` of `table`; answers the verdict and how many rules it looked at. */
export function walk(table: Table, chain: string, pkt: Packet, ctx: WalkContext): { verdict: Verdict; rulesEvaluated: number; chains: string[] } {
  const state = { masq: false, evaluated: 0, chains: [] as string[] };
  const v = walkChain(table, chain, pkt, ctx, state, 0);
  return { verdict: v ?? { kind: 'none', masq: state.masq }, rulesEvaluated: state.evaluated, chains: state.chains };
}

function walkChain(table: Table, chain: string, pkt: Packet, ctx: WalkContext, state: { masq: boolean; evaluated: number; chains: string[] }, depth: number): Verdict | null {
  if (depth > 32) return { kind: 'drop' };
  state.chains.push(chain);
  for (const r of rulesOf(table, chain)) {
    state.evaluated++;
    if (!matches(r, pkt, ctx, state)) continue;
    switch (r.target) {
      case 'RETURN':
        return null;
      case 'ACCEPT':
        return { kind: 'accept' };
      case 'DROP':
        return { kind: 'drop' };
      case 'REJECT':
        return { kind: 'reject' };
      case 'DNAT':
        return { kind: 'dnat', to: opt(r.targetOpts, '--to-destination') ?? '', masq: state.masq };
      case 'REDIRECT':
        return { kind: 'redirect', port: Number(opt(r.targetOpts, '--to-ports')) };
      case 'MARK':
        if (r.targetOpts[0] === '--or-mark') state.masq = true;
        else if (r.targetOpts[0] === '--xor-mark') state.masq = false;
        continue;
      case 'MASQUERADE':
        return { kind: 'accept' };
      case '':
        continue;
      default: {
        const v = walkChain(table, r.target, pkt, ctx, state, depth + 1);
        if (v) return v;
      }
    }
  }
  return null;
}
