// The pod's network as the node's programs (nslookup, curl, wget) use it: DNS questions to the
// nameservers of the container's own /etc/resolv.conf (the cluster DNS, 10.96.0.10, is the coredns
// process; no other nameserver answers in Kubeplay), name lookup as the C library does it (/etc/hosts
// first, then the search list under ndots), and TCP connections that carry one HTTP request. A
// connection leaves the pod through its node's kube-proxy — the node's network stack: IPVS, the
// iptables chains or the userspace proxy pick the endpoint of a ClusterIP — with the protocol the
// traffic client speaks (engine/proxy/traffic.ts, `traffic.conn` with fromPod), and the node owning
// the endpoint answers with what the server in the pod returned (engine/kubelet/serve.ts).

import type { Co } from '../../sim/co';
import type { ProcessId } from '../../sim/env';
import { clusterDnsIP, corednsProcessId, dnsQuery, isDnsAnswer, type DnsAnswer, type DnsType } from '../../dns/protocol';
import { continueSearch, parseResolvConf, searchCandidates, type ResolvConf, type ResolverLibrary } from '../../dns/search';
import type { TrafficConn, TrafficDone } from '../../proxy/traffic';
import type { ProcessContext } from '../programs/program';
import type { HttpAnswer, HttpExchange } from '../serve';
import type { ExecSystem } from './registry';

/** The container's resolver configuration, read from its /etc/resolv.conf (none: no servers, as an empty file). */
export function resolvConfOf(ctx: ProcessContext): ResolvConf {
  const r = ctx.fs.read('/etc/resolv.conf');
  return 'text' in r ? parseResolvConf(r.text) : { nameservers: [], searches: [], options: [] };
}

/** resolv.conf's `timeout:` (seconds, default 5) and `attempts:` (default 2), as glibc reads them. */
export function resolverOptions(conf: ResolvConf): { timeoutMs: number; attempts: number } {
  let timeoutS = 5;
  let attempts = 2;
  for (const o of conf.options) {
    const t = /^timeout:(\d+)$/.exec(o);
    if (t) timeoutS = Math.min(30, Math.max(1, Number(t[1])));
    const a = /^attempts:(\d+)$/.exec(o);
    if (a) attempts = Math.min(5, Math.max(1, Number(a[1])));
  }
  return { timeoutMs: timeoutS * 1000, attempts };
}

/** The process a nameserver address's datagrams reach: the cluster DNS is coredns; nothing else answers. */
function nameserverProcess(ip: string, port = 53): ProcessId | null {
  return ip === clusterDnsIP && port === 53 ? corednsProcessId : null;
}

/** One DNS question to `server`, and its answer; null when none came within `timeoutMs`. */
export function* dnsExchange(sys: ExecSystem, server: string, name: string, type: DnsType, timeoutMs: number, port = 53): Co<DnsAnswer | null> {
  const to = nameserverProcess(server, port);
  const id = sys.nextId();
  if (!to) {
    // The datagram leaves the pod and nothing answers it: the wait runs out.
    yield* sys.receive(() => false, timeoutMs);
    return null;
  }
  return (yield* sys.request(to, dnsQuery(id, name, type, sys.pod.ip || undefined), (m) => isDnsAnswer(m) && m.id === id, timeoutMs)) as DnsAnswer | null;
}

/** Sends a DNS question without waiting (busybox's nslookup sends all its questions at once), under `id` if given; returns its id. */
export function sendDnsQuery(sys: ExecSystem, server: string, name: string, type: DnsType, port = 53, id = sys.nextId()): string {
  const to = nameserverProcess(server, port);
  if (to) sys.send(to, dnsQuery(id, name, type, sys.pod.ip || undefined));
  return id;
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Whether `s` is a dotted IPv4 address. */
export function isIPv4(s: string): boolean {
  const m = ipv4.exec(s);
  return !!m && m.slice(1).every((p) => Number(p) <= 255);
}

/** The address /etc/hosts gives `name`, if any (the `files` source nsswitch.conf puts before `dns`). */
function hostsLookup(ctx: ProcessContext, name: string): string | null {
  const r = ctx.fs.read('/etc/hosts');
  if (!('text' in r)) return name === 'localhost' ? '127.0.0.1' : null;
  const want = name.toLowerCase().replace(/\.$/, '');
  for (const raw of r.text.split('\n')) {
    const [ip, ...names] = raw.replace(/#.*$/, '').trim().split(/\s+/);
    if (ip && isIPv4(ip) && names.some((n) => n.toLowerCase() === want)) return ip;
  }
  return null;
}

/** What a lookup found: the addresses, or why not (no such name, or no nameserver answered). */
export type Lookup = { ips: string[] } | { error: 'notfound' | 'timeout' };

/**
 * getaddrinfo(3) for IPv4 addresses: a literal as is, /etc/hosts, then DNS over the search list
 * (the name as is first when it has ndots dots or more), each name asked of every nameserver in
 * turn, `attempts` rounds, as glibc's stub resolver does (musl stops earlier, search.ts).
 * `servers` replaces resolv.conf's nameservers (nslookup's SERVER argument).
 */
export function* lookupHost(ctx: ProcessContext, sys: ExecSystem, host: string, lib: ResolverLibrary = 'glibc', servers?: string[]): Co<Lookup> {
  if (isIPv4(host)) return { ips: [host] };
  const fromHosts = hostsLookup(ctx, host);
  if (fromHosts) return { ips: [fromHosts] };
  const conf = resolvConfOf(ctx);
  const ask = (servers ?? conf.nameservers).slice(0, 3);
  if (ask.length === 0) ask.push('127.0.0.1');
  const { timeoutMs, attempts } = resolverOptions(conf);
  for (const name of searchCandidates(host, conf, lib)) {
    let answer: DnsAnswer | null = null;
    for (let a = 0; a < attempts && !answer; a++) {
      for (const s of ask) {
        answer = yield* dnsExchange(sys, s, name, 'A', timeoutMs);
        if (answer) break;
      }
    }
    // No server answered: glibc gives up the whole lookup (EAI_AGAIN).
    if (!answer) return { error: 'timeout' };
    const ips = answer.answers.filter((r) => r.type === 'A').map((r) => r.data);
    if (answer.rcode === 'NOERROR' && ips.length > 0) return { ips };
    if (!continueSearch(lib, answer.rcode, answer.answers.length)) return { error: 'notfound' };
  }
  return { error: 'notfound' };
}

/** The reverse name of an IPv4 address, for getnameinfo's PTR question. */
export function ptrName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
}

/** getnameinfo(3) with NI_NAMEREQD: the PTR name of an address (without its final dot), or null. */
export function* reverseLookup(ctx: ProcessContext, sys: ExecSystem, ip: string, override?: string[]): Co<string | null> {
  const conf = resolvConfOf(ctx);
  const servers = (override ?? conf.nameservers).slice(0, 3);
  if (servers.length === 0) servers.push('127.0.0.1');
  const { timeoutMs, attempts } = resolverOptions(conf);
  for (let a = 0; a < attempts; a++) {
    for (const s of servers) {
      const answer = yield* dnsExchange(sys, s, ptrName(ip), 'PTR', timeoutMs);
      if (!answer) continue;
      const ptr = answer.answers.find((r) => r.type === 'PTR');
      return answer.rcode === 'NOERROR' && ptr ? ptr.data.replace(/\.$/, '') : null;
    }
  }
  return null;
}

/** How a connection ended, as the client's socket saw it. */
export type ConnOutcome =
  | { ok: true; endpoint: string; response: HttpAnswer | null }
  | { ok: false; error: 'refused' | 'timeout' | 'reset' | 'unreachable'; endpoint?: string };

/** The kube-proxy of a node: the process id cluster-core gives it. */
const kubeProxyOf = (node: string) => `kube-proxy-${node}`;

/** How long a server in the pod takes to answer a request from a container's client (simulated ms). */
const serverTimeMs = 1;

/**
 * Connects from the pod to `ip:port` and sends `http` on the connection: the SYN goes through the
 * node's kube-proxy (its NAT picks a Service's endpoint). `connectTimeoutMs` is how long the
 * client's connect may take (the kernel's SYN retries end at about 127 s).
 */
export function* connectHttp(sys: ExecSystem, ip: string, port: number, http: HttpExchange, connectTimeoutMs: number): Co<ConnOutcome> {
  // localhost is the pod's own network namespace: the same listeners as its IP.
  const dstIP = /^127\./.test(ip) ? sys.pod.ip : ip;
  const id = sys.nextId();
  const conn: TrafficConn = { t: 'traffic.conn', id, srcIP: sys.pod.ip, fromPod: true, dstIP, dstPort: port, proto: 'tcp', durationMs: serverTimeMs, timeoutMs: connectTimeoutMs, http };
  const isDone = (m: unknown): boolean => !!m && typeof m === 'object' && (m as TrafficDone).t === 'traffic.done' && (m as TrafficDone).id === id;
  // kube-proxy answers even a timeout; only a node without one says nothing.
  const done = (yield* sys.request(kubeProxyOf(sys.nodeName), conn, isDone, connectTimeoutMs * 3 + 2 * serverTimeMs + 1000)) as TrafficDone | null;
  if (!done) return { ok: false, error: 'timeout' };
  if (done.ok) return { ok: true, endpoint: done.endpoint ?? `${dstIP}:${port}`, response: done.response ?? null };
  const error = done.error === 'connection refused' ? 'refused' : done.error === 'connection reset by peer' ? 'reset' : done.error === 'no route to host' ? 'unreachable' : 'timeout';
  return { ok: false, error, ...(done.endpoint ? { endpoint: done.endpoint } : {}) };
}

/** Linux's connect(2) timeout with the default tcp_syn_retries (6): 1+2+4+8+16+32+64 s. */
export const kernelConnectTimeoutMs = 127_000;

/** strerror(3) of how a connection failed. */
export const connErrorText: Record<Exclude<ConnOutcome, { ok: true }>['error'], string> = {
  refused: 'Connection refused',
  timeout: 'Connection timed out',
  reset: 'Connection reset by peer',
  unreachable: 'No route to host',
};

/** `scheme://host:port/path` split as URL parsers do (no scheme: `defaultScheme`). */
export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  /** The path with its query, from the first `/` (`/` when none). */
  path: string;
  /** Whether the URL named the port. */
  explicitPort: boolean;
}

/** Splits a URL; null when it has no host. */
export function parseUrl(url: string, defaultScheme = 'http'): ParsedUrl | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#:]*)(?::(\d*))?([/?#].*)?$/.exec(url);
  if (!m || !m[2]) return null;
  const scheme = (m[1] ?? defaultScheme).toLowerCase();
  const defaultPort = scheme === 'https' ? 443 : scheme === 'ftp' ? 21 : 80;
  const port = m[3] ? Number(m[3]) : defaultPort;
  let path = (m[4] ?? '/').replace(/#.*$/, '');
  if (path.startsWith('?')) path = `/${path}`;
  return { scheme, host: m[2], port, path, explicitPort: !!m[3] };
}

/** Writes text to a stream line by line (the runtime's output is lines); a final newline ends the last. */
export function writeText(out: (line: string) => void, text: string): void {
  if (text === '') return;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) out(l);
}

/** Bytes of a text, as a socket counts them. */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** HTTP's reason phrases for the statuses the simulated servers answer. */
export const reasonPhrase: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
