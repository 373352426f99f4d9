// nslookup in a container, over the pod's network (net.ts): the one its image ships.
//  - busybox 1.29 and later (busybox, alpine): the applet with its own resolver (networking/nslookup.c,
//    FEATURE_NSLOOKUP_BIG). It sends every question at once — A and AAAA, each name of the search
//    list — and prints each answer as it comes, so it exits 1 when any of them was NXDOMAIN. A name
//    with a dot is asked as is, without the search list: `nslookup kubernetes.default` fails there,
//    which is why the Kubernetes DNS debugging guide pins busybox:1.28.
//  - busybox 1.28 and older (busybox:1.28, registry.k8s.io/busybox): the applet over the C library's
//    getaddrinfo (the search list under ndots:5) and getnameinfo (the PTR names it prints).
//  - BIND 9's (agnhost ships bind-tools): engine/dns/nslookup.ts, its questions sent as datagrams.

import type { Co } from '../../sim/co';
import { isDnsAnswer, type DnsAnswer, type DnsType } from '../../dns/protocol';
import { nslookup as bindNslookup } from '../../dns/nslookup';
import type { ProcessContext } from '../programs/program';
import type { ImageConfig } from '../runtime/registry';
import { dnsExchange, isIPv4, lookupHost, resolvConfOf, reverseLookup, sendDnsQuery, writeText } from './net';
import { isBusybox, registerExecProgram, type ExecSystem } from './registry';

/** Whether the image's busybox is 1.28 or older: the nslookup applet before its rewrite (1.29). */
export function oldBusybox(image: string): boolean {
  if (/(^|\/)registry\.k8s\.io\/busybox(:|@|$)/.test(image) || /(^|\/)k8s\.gcr\.io\/busybox(:|@|$)/.test(image)) return true;
  const tag = /\/busybox:(\d+)\.(\d+)/.exec(image);
  return !!tag && Number(tag[1]) === 1 && Number(tag[2]) <= 28;
}

/** The banner busybox's usage starts with. */
export function busyboxBanner(image: string): string {
  return oldBusybox(image) ? 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.' : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.';
}

/** The query types busybox knows, in the order it asks them (nslookup.c qtypes[]). */
const qtypes: DnsType[] = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'];

function usage(ctx: ProcessContext, image: string): number {
  ctx.stderr(busyboxBanner(image));
  ctx.stderr('');
  if (oldBusybox(image)) {
    ctx.stderr('Usage: nslookup [HOST] [SERVER]');
    ctx.stderr('');
    ctx.stderr('Query the nameserver for the IP address of the given HOST');
    ctx.stderr('optionally using a specified DNS server');
  } else {
    ctx.stderr('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]');
    ctx.stderr('');
    ctx.stderr('Query DNS about HOST');
    ctx.stderr('');
    ctx.stderr('QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any');
  }
  return 1;
}

/** A name as ns_rr_name / ns_name_uncompress give it: without the final dot. */
const bare = (name: string) => (name === '.' ? '.' : name.replace(/\.$/, ''));

// Models networking/nslookup.c parse_reply (FEATURE_NSLOOKUP_BIG): what one NOERROR answer prints.
function parseReply(a: DnsAnswer, debug: boolean): string {
  let out = '';
  if (!a.authoritative) out += 'Non-authoritative answer:\n';
  else if (debug) out += 'authoritative answer:\n';
  // The format of NS, CNAME and PTR lines is chosen by the first of them, as the C code's `format` is.
  let format: string | null = null;
  for (const r of a.answers) {
    const name = bare(r.name);
    switch (r.type) {
      case 'A':
      case 'AAAA':
        out += `Name:\t${name}\nAddress: ${r.data}\n`;
        break;
      case 'NS':
      case 'CNAME':
      case 'PTR':
        format ??= r.type === 'NS' ? 'nameserver' : r.type === 'CNAME' ? 'canonical name' : 'name';
        out += `${name}\t${format} = ${bare(r.data)}\n`;
        break;
      case 'MX': {
        const [pref, host] = r.data.split(/\s+/);
        out += `${name}\tmail exchanger = ${pref} ${bare(host ?? '')}\n`;
        break;
      }
      case 'TXT': {
        // The first character-string only.
        const first = /^"((?:[^"\\]|\\.)*)"/.exec(r.data)?.[1] ?? r.data;
        if (first) out += `${name}\ttext = "${first}"\n`;
        break;
      }
      case 'SRV': {
        const [prio, weight, port, target] = r.data.split(/\s+/);
        out += `${name}\tservice = ${prio} ${weight} ${port} ${bare(target ?? '')}\n`;
        break;
      }
      case 'SOA': {
        const [mname, rname, serial, refresh, retry, expire, minimum] = r.data.split(/\s+/);
        out += `${name}\n\torigin = ${bare(mname)}\n\tmail addr = ${bare(rname)}\n\tserial = ${serial}\n\trefresh = ${refresh}\n\tretry = ${retry}\n\texpire = ${expire}\n\tminimum = ${minimum}\n`;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

interface Query {
  name: string;
  type: DnsType;
  id: string;
  answered: boolean;
}

// Models networking/nslookup.c make_ptr for IPv4.
function makePtr(host: string): string | null {
  return isIPv4(host) ? `${host.split('.').reverse().join('.')}.in-addr.arpa` : null;
}

// Models networking/nslookup.c nslookup_main, parse_resolvconf, add_query_with_search and send_queries (FEATURE_NSLOOKUP_BIG).
function* busyboxNslookup(argv: string[], ctx: ProcessContext, sys: ExecSystem): Co<number> {
  const args = argv.slice(1);
  const types = new Set<DnsType>();
  let port = 53;
  let retry = 2;
  let timeoutS = 5;
  let debug = false;
  for (;;) {
    if (args.length === 0) return usage(ctx, sys.image);
    if (!args[0].startsWith('-')) break;
    const opt = args.shift()!.slice(1);
    const eq = opt.indexOf('=');
    const key = eq >= 0 ? opt.slice(0, eq) : opt;
    const val = eq >= 0 ? opt.slice(eq + 1) : '';
    if (key === 'type' || key === 'querytype') {
      const t = qtypes.find((q) => q.toLowerCase() === val.toLowerCase());
      if (!t) {
        ctx.stderr(`nslookup: invalid query type "${val}"`);
        return 1;
      }
      types.add(t);
      continue;
    }
    const num = (lo: number, hi: number): number | null => {
      const n = /^\d+$/.test(val) ? Number(val) : NaN;
      if (!(n >= lo && n <= hi)) {
        ctx.stderr(`nslookup: invalid number '${val}'`);
        return null;
      }
      return n;
    };
    if (key === 'port') {
      const n = num(1, 65535);
      if (n === null) return 1;
      port = n;
    } else if (key === 'retry') {
      const n = num(1, 2 ** 31 - 1);
      if (n === null) return 1;
      retry = n;
    } else if (key === 'debug') debug = true;
    else if (key === 't' || key === 'timeout') {
      const n = num(1, 2 ** 31 / 1000);
      if (n === null) return 1;
      timeoutS = n;
    } else return usage(ctx, sys.image);
  }
  const host = args[0];
  if (args.length > 2) return usage(ctx, sys.image);

  // The servers: the one given, else resolv.conf's; the search list from resolv.conf's last `search` (or `domain`).
  let servers: string[];
  let search: string[] = [];
  if (args[1] !== undefined) {
    if (!isIPv4(args[1])) {
      const found = yield* lookupHost(ctx, sys, args[1]);
      if (!('ips' in found)) {
        ctx.stderr(`nslookup: bad address '${args[1]}'`);
        return 1;
      }
      servers = [found.ips[0]];
    } else servers = [args[1]];
  } else {
    const conf = resolvConfOf(ctx);
    servers = conf.nameservers.length > 0 ? conf.nameservers : ['127.0.0.1'];
    search = conf.searches.filter((d) => d !== '.');
  }

  const queries: Query[] = [];
  const add = (type: DnsType, name: string) => queries.push({ name, type, id: '', answered: false });
  const addWithSearch = (type: DnsType, name: string) => {
    if (type === 'PTR' || search.length === 0 || name.includes('.')) return add(type, name);
    for (const d of search) add(type, `${name}.${d}`);
  };
  if (types.size === 0) {
    const ptr = makePtr(host);
    if (ptr) add('PTR', ptr);
    else {
      addWithSearch('A', host);
      addWithSearch('AAAA', host);
    }
  } else for (const t of qtypes) if (types.has(t)) addWithSearch(t, host);

  let exitcode = 0;
  let out = '';
  const flush = () => {
    writeText((l) => ctx.stdout(l), out);
    out = '';
  };
  for (let si = 0; si < servers.length; si++) {
    const server = servers[si];
    const replies = yield* sendQueries(ctx, sys, server, port, queries, timeoutS * 1000, retry, debug, (text, failed) => {
      out += text;
      if (failed) exitcode = 1;
      flush();
    });
    if (replies > 0) break;
    if (si + 1 >= servers.length) {
      ctx.stdout(';; connection timed out; no servers could be reached');
      ctx.stdout('');
      return 1;
    }
  }
  let err = false;
  for (const q of queries) {
    if (q.answered) continue;
    out += `*** Can't find ${q.name}: No answer\n`;
    err = true;
  }
  if (err) out += '\n';
  flush();
  return exitcode;
}

// Models networking/nslookup.c send_queries: every unanswered question at once, again every
// timeout/retry, a SERVFAIL asked again at once (2 × the questions, per round), each answer printed
// as it comes; the number of answers.
function* sendQueries(
  ctx: ProcessContext,
  sys: ExecSystem,
  server: string,
  port: number,
  queries: Query[],
  timeoutMs: number,
  retry: number,
  debug: boolean,
  print: (text: string, failed: boolean) => void,
): Co<number> {
  const retryInterval = Math.floor(timeoutMs / retry);
  const tstart = ctx.now();
  let tsent = tstart;
  let replies = 0;
  let printedHeader = false;
  let servfailRetry = 0;
  const byId = new Map<string, Query>();
  // A question sent again keeps its transaction id (the same datagram).
  const send = (q: Query) => {
    q.id = sendDnsQuery(sys, server, q.name, q.type, port, q.id || undefined);
    byId.set(q.id, q);
  };
  const sendAll = () => {
    for (const q of queries) if (!q.answered) send(q);
    tsent = ctx.now();
    servfailRetry = 2 * queries.length;
  };
  for (const q of queries) q.id = '';
  sendAll();
  while (ctx.now() - tstart < timeoutMs) {
    if (ctx.now() - tsent >= retryInterval) sendAll();
    const wait = Math.max(0, retryInterval - (ctx.now() - tsent));
    const m = (yield* sys.receive((r) => isDnsAnswer(r) && byId.has(String(r.id)), wait)) as DnsAnswer | null;
    if (!m) continue;
    if (!printedHeader) {
      printedHeader = true;
      print(`Server:\t\t${server}\nAddress:\t${server}:${port}\n\n`, false);
    }
    const q = byId.get(String(m.id))!;
    if (q.answered) continue;
    if (m.rcode === 'SERVFAIL' && servfailRetry > 0) {
      servfailRetry--;
      send(q);
      continue;
    }
    q.answered = true;
    let text = debug ? `Query #${queries.indexOf(q)} completed in ${Math.round(ctx.now() - tstart)}ms:\n` : '';
    if (m.rcode !== 'NOERROR') text += `** server can't find ${q.name}: ${m.rcode}\n`;
    else text += parseReply(m, debug);
    print(`${text}\n`, m.rcode !== 'NOERROR');
    if (++replies >= queries.length) break;
  }
  return replies;
}

// Models the pre-1.29 networking/nslookup.c: print_host over getaddrinfo and getnameinfo, server_print.
function* oldBusyboxNslookup(argv: string[], ctx: ProcessContext, sys: ExecSystem): Co<number> {
  if (!argv[1] || argv[1].startsWith('-') || argv.length > 3) return usage(ctx, sys.image);
  const conf = resolvConfOf(ctx);
  const server = argv[2] ?? conf.nameservers[0] ?? '127.0.0.1';
  const servers = argv[2] !== undefined ? [argv[2]] : undefined;
  const printHost = function* (hostname: string, header: string): Co<boolean> {
    const found = yield* lookupHost(ctx, sys, hostname, 'glibc', servers);
    if (!('ips' in found)) {
      ctx.stderr(`nslookup: can't resolve '${hostname}'`);
      return false;
    }
    ctx.stdout(`${header.padEnd(10)} ${hostname}`);
    let n = 0;
    for (const ip of found.ips) {
      const rev = yield* reverseLookup(ctx, sys, ip, servers);
      ctx.stdout(`Address ${++n}: ${ip}${rev ? ` ${rev}` : ''}`);
    }
    return true;
  };
  yield* printHost(server, 'Server:');
  ctx.stdout('');
  return (yield* printHost(argv[1], 'Name:')) ? 0 : 1;
}

// BIND 9's nslookup: engine/dns/nslookup.ts asks, the pod's network answers.
function* bindTools(argv: string[], ctx: ProcessContext, sys: ExecSystem): Co<number> {
  const it = bindNslookup(argv.slice(1), resolvConfOf(ctx));
  let step = it.next(null);
  while (!step.done) {
    const q = step.value;
    const a = yield* dnsExchange(sys, q.server, q.name, q.type, q.timeoutMs, q.port);
    step = it.next(a);
  }
  writeText((l) => ctx.stdout(l), step.value.stdout);
  writeText((l) => ctx.stderr(l), step.value.stderr);
  return step.value.code;
}

/** Which nslookup an image ships. */
function flavour(image: ImageConfig, ref: string): 'bind' | 'busybox' | 'busybox-old' {
  // agnhost adds Alpine's bind-tools, whose /usr/bin/nslookup replaces busybox's applet.
  if (image.binaries.includes('agnhost')) return 'bind';
  if (isBusybox(image.binaries)) return oldBusybox(ref) ? 'busybox-old' : 'busybox';
  return 'bind';
}

registerExecProgram('nslookup', {
  inImage: (binaries) => binaries.includes('nslookup'),
  program: (argv, ctx, sys, image) => {
    const f = flavour(image, sys.image);
    return f === 'bind' ? bindTools(argv, ctx, sys) : f === 'busybox-old' ? oldBusyboxNslookup(argv, ctx, sys) : busyboxNslookup(argv, ctx, sys);
  },
});
