// CoreDNS's generic answer builders over a service backend (plugin/backend_lookup.go): a backend
// returns "services" (a host that is an IP, a name or a text, with port, priority, weight, TTL and
// the domain its key stands for) and these turn them into A, AAAA, CNAME chains, SRV with its
// additional addresses and weights, TXT, PTR, NS and the SOA of negative answers.

import type { DnsRecord, DnsType, Rcode } from './protocol';
import { fqdn, isSubDomain, parseIP } from './names';

/** A question as a plugin sees it (request.Request): the name as asked, lowercased, and its zone. */
export interface Request {
  /** The question name, fully qualified, in the case it was asked (state.QName()). */
  qname: string;
  /** The same, lowercased (state.Name()). */
  name: string;
  type: DnsType;
  /** The zone the name matched, in the case of the question (state.Zone). */
  zone: string;
}

/** msg.Service: one thing a backend found. */
export interface BackendService {
  /** An IP (address records), a name (CNAME, or an SRV/NS target) or '' with `text`. */
  host: string;
  /** -1: no port (no SRV record). */
  port: number;
  priority: number;
  weight: number;
  text: string;
  ttl: number;
  /** The name the service's key stands for (msg.Domain(Key)), fully qualified. */
  domain: string;
}

/** What a backend answers: its services, or the error that stands for NXDOMAIN (or worse). */
export interface BackendResult {
  svcs: BackendService[];
  err: string | null;
}

/** plugin.ServiceBackend. */
export interface Backend {
  services(req: Request, exact: boolean): BackendResult;
  reverse(req: Request, exact: boolean): BackendResult;
  /** Resolves a name through the whole server again (plugin/pkg/upstream); null on error. */
  lookup(name: string, type: DnsType): DnsMsg | null;
  isNameError(err: string | null): boolean;
  minTTL(): number;
  serial(): number;
}

/** A response message before it goes on the wire. */
export interface DnsMsg {
  rcode: Rcode;
  answer: DnsRecord[];
  ns: DnsRecord[];
  extra: DnsRecord[];
  authoritative: boolean;
  recursionAvailable: boolean;
  truncated: boolean;
  /** Set when the message was not written through the plugin chain (an error rcode the server writes). */
  error?: string;
}

/** A question-shaped request for another name in the same zone (state.NewWithQuestion). */
export function withQuestion(req: Request, name: string, type: DnsType): Request {
  const q = fqdn(name);
  return { qname: q, name: q.toLowerCase(), type, zone: req.zone };
}

type HostType = { what: 'A' | 'AAAA' | 'CNAME' | 'TXT'; ip: string };

// Models plugin/etcd/msg/type.go HostType.
function hostType(s: BackendService): HostType {
  const ip = s.host === '' ? null : parseIP(s.host);
  if (!ip) return { what: s.text ? 'TXT' : 'CNAME', ip: '' };
  return { what: ip.family === 4 ? 'A' : 'AAAA', ip: ip.text };
}

const rr = (name: string, type: DnsType, ttl: number, data: string): DnsRecord => ({ name, type, ttl, data });

function duplicateCNAME(r: DnsRecord, previous: DnsRecord[]): boolean {
  return previous.some((p) => p.type === 'CNAME' && p.data === r.data);
}

/** plugin.A and plugin.AAAA: addresses, following CNAMEs inside the zone and upstream outside it. */
export function addressRecords(b: Backend, req: Request, family: 'A' | 'AAAA', previous: DnsRecord[] = []): { records: DnsRecord[]; truncated: boolean; err: string | null } {
  const { svcs, err } = checkForApex(b, req);
  if (err) return { records: [], truncated: false, err };
  const records: DnsRecord[] = [];
  let truncated = false;
  const dup = new Set<string>();
  for (const serv of svcs) {
    const { what, ip } = hostType(serv);
    if (what === 'CNAME') {
      // x CNAME x (or a name under x) is a direct loop.
      if (isSubDomain(req.name, fqdn(serv.host))) continue;
      const cname = rr(req.qname, 'CNAME', serv.ttl, fqdn(serv.host));
      if (previous.length > 7 || duplicateCNAME(cname, previous)) continue;
      if (isSubDomain(req.zone, fqdn(serv.host))) {
        const next = addressRecords(b, withQuestion(req, serv.host, req.type), family, [...previous, cname]);
        if (!next.err && next.records.length > 0) records.push(cname, ...next.records);
        if (next.truncated) truncated = true;
        continue;
      }
      // Not ours to complete: ask the server again (the forward plugin answers it).
      const m1 = b.lookup(cname.data, req.type);
      if (!m1) continue;
      if (m1.truncated) truncated = true;
      records.push(cname, ...m1.answer);
      continue;
    }
    if (what === family && !dup.has(serv.host)) {
      dup.add(serv.host);
      records.push(rr(req.qname, family, serv.ttl, ip));
    }
  }
  return { records, truncated, err: null };
}

/** plugin.SRV: one record per target and port, weights shared out per priority, addresses in extra. */
export function srvRecords(b: Backend, req: Request): { records: DnsRecord[]; extra: DnsRecord[]; err: string | null } {
  const { svcs, err } = b.services(req, false);
  if (err) return { records: [], extra: [], err };
  const records: DnsRecord[] = [];
  const extra: DnsRecord[] = [];
  const dup = new Set<string>();
  const lookup = new Set<string>();
  const isDuplicate = (name: string, addr: string, port: number): boolean => {
    const k = addr ? `${name}|0|${addr}` : `${name}|${port}|`;
    if (dup.has(k)) return true;
    dup.add(k);
    return false;
  };
  // Two passes: the weights of one priority add up before each record's share is known.
  const total = new Map<number, number>();
  for (const serv of svcs) total.set(serv.priority, (total.get(serv.priority) ?? 0) + (serv.weight !== 0 ? serv.weight : 100));
  for (const serv of svcs) {
    // Port -1: a service or endpoint without ports has no SRV record.
    if (serv.port === -1) continue;
    let w1 = 100 / total.get(serv.priority)!;
    w1 *= serv.weight === 0 ? 100 : serv.weight;
    const weight = Math.max(1, Math.floor(w1));
    const { what, ip } = hostType(serv);
    if (what === 'CNAME') {
      const target = fqdn(serv.host);
      records.push(rr(req.qname, 'SRV', serv.ttl, `${serv.priority} ${weight} ${serv.port} ${target}`));
      if (lookup.has(target)) continue;
      lookup.add(target);
      if (!isSubDomain(req.zone, target)) {
        const m4 = b.lookup(target, 'A');
        if (m4) extra.push(...m4.answer);
        const m6 = b.lookup(target, 'AAAA');
        if (m6) extra.push(...m6.answer.filter((a) => a.type !== 'CNAME'));
        continue;
      }
      const addr = addressRecords(b, withQuestion(req, target, 'A'), 'A');
      if (!addr.err) extra.push(...addr.records);
      continue;
    }
    if (what === 'A' || what === 'AAAA') {
      const target = serv.domain;
      if (!isDuplicate(target, '', serv.port)) records.push(rr(req.qname, 'SRV', serv.ttl, `${serv.priority} ${weight} ${serv.port} ${target}`));
      if (!isDuplicate(target, serv.host, 0)) extra.push(rr(target, what, serv.ttl, ip));
    }
  }
  return { records, extra, err: null };
}

/** plugin.CNAME: the first service's name, when it is one. */
export function cnameRecords(b: Backend, req: Request): { records: DnsRecord[]; err: string | null } {
  const { svcs, err } = b.services(req, true);
  if (err) return { records: [], err };
  const s = svcs[0];
  return { records: s && !parseIP(s.host) ? [rr(req.qname, 'CNAME', s.ttl, fqdn(s.host))] : [], err: null };
}

/** Quotes one TXT string as presentation format does. */
function txtData(text: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < text.length || i === 0; i += 255) chunks.push(`"${text.slice(i, i + 255).replace(/["\\]/g, (c) => `\\${c}`)}"`);
  return chunks.join(' ');
}

/** plugin.TXT. */
export function txtRecords(b: Backend, req: Request, previous: DnsRecord[] = []): { records: DnsRecord[]; truncated: boolean; err: string | null } {
  const { svcs, err } = b.services(req, false);
  if (err) return { records: [], truncated: false, err };
  const records: DnsRecord[] = [];
  let truncated = false;
  const dup = new Set<string>();
  for (const serv of svcs) {
    const { what } = hostType(serv);
    if (what === 'CNAME') {
      if (isSubDomain(req.name, fqdn(serv.host))) continue;
      const cname = rr(req.qname, 'CNAME', serv.ttl, fqdn(serv.host));
      if (previous.length > 7 || duplicateCNAME(cname, previous)) continue;
      if (isSubDomain(req.zone, fqdn(serv.host))) {
        const next = txtRecords(b, withQuestion(req, serv.host, req.type), [...previous, cname]);
        if (next.truncated) truncated = true;
        if (!next.err && next.records.length > 0) records.push(cname, ...next.records);
        continue;
      }
      const m1 = b.lookup(cname.data, req.type);
      if (!m1) continue;
      records.push(cname, ...m1.answer);
      continue;
    }
    if (what === 'TXT' && !dup.has(serv.text)) {
      dup.add(serv.text);
      records.push(rr(req.qname, 'TXT', serv.ttl, txtData(serv.text)));
    }
  }
  return { records, truncated, err: null };
}

/** plugin.PTR: the names among what the backend's reverse lookup found. */
export function ptrRecords(b: Backend, req: Request): { records: DnsRecord[]; err: string | null } {
  const { svcs, err } = b.reverse(req, true);
  if (err) return { records: [], err };
  const records: DnsRecord[] = [];
  const dup = new Set<string>();
  for (const serv of svcs) {
    if (parseIP(serv.host) || dup.has(serv.host)) continue;
    dup.add(serv.host);
    records.push(rr(req.qname, 'PTR', serv.ttl, fqdn(serv.host)));
  }
  return { records, err: null };
}

/** plugin.MX: CoreDNS's kubernetes services are never mail exchangers, so it only tells NODATA from NXDOMAIN. */
export function mxRecords(b: Backend, req: Request): { records: DnsRecord[]; err: string | null } {
  const { err } = b.services(req, false);
  return { records: [], err };
}

/** plugin.NS: the zone's name servers (looked up as `ns.dns.<zone>`), their addresses in extra. */
export function nsRecords(b: Backend, req: Request): { records: DnsRecord[]; extra: DnsRecord[]; err: string | null } {
  const { svcs, err } = b.services({ ...withQuestion(req, `ns.dns.${req.zone}`, req.type) }, false);
  if (err) return { records: [], extra: [], err };
  const records: DnsRecord[] = [];
  const extra: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const serv of svcs) {
    const { what, ip } = hostType(serv);
    if (what === 'CNAME') return { records: [], extra: [], err: `NS record must be an IP address: ${serv.host}` };
    if (what !== 'A' && what !== 'AAAA') continue;
    extra.push(rr(serv.domain, what, serv.ttl, ip));
    if (seen.has(serv.domain)) continue;
    seen.add(serv.domain);
    records.push(rr(req.qname, 'NS', serv.ttl, serv.domain));
  }
  return { records, extra, err: null };
}

/** plugin.SOA: the zone's SOA, TTL min(300, the backend's TTL). */
export function soaRecord(b: Backend, zone: string): DnsRecord {
  const minTTL = b.minTTL();
  return rr(zone, 'SOA', Math.min(300, minTTL), `ns.dns.${zone} hostmaster.${zone} ${b.serial()} 7200 1800 86400 ${minTTL}`);
}

/** plugin.BackendError: an authoritative answer with `rcode` and the zone's SOA. */
export function backendError(b: Backend, zone: string, rcode: Rcode): DnsMsg {
  return { rcode, answer: [], ns: [soaRecord(b, zone)], extra: [], authoritative: true, recursionAvailable: false, truncated: false };
}

// Models checkForApex: the zone's own name is looked up as `apex.dns.<zone>` first.
function checkForApex(b: Backend, req: Request): BackendResult {
  if (req.name !== req.zone.toLowerCase()) return b.services(req, false);
  const apex = b.services(withQuestion(req, `apex.dns.${req.zone}`, req.type), false);
  if (!apex.err) return apex;
  return b.services(req, false);
}

