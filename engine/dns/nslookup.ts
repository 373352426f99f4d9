// `nslookup` as BIND 9.18 ships it (bin/dig/nslookup.c over bin/dig/dighost.c; the dnsutils of
// Debian bookworm and Ubuntu, and of most debugging images), non-interactive: the order of the
// questions it asks (the search list before the name as is when it has fewer than ndots dots, then
// an AAAA lookup of the name the A lookup found), what it prints of each answer, and its exit code.
// It is a coroutine that yields each question and is resumed with the answer (or null: no answer
// within its timeout), so the same code runs over a synchronous resolver (`runNslookup`) or over
// datagrams in a container. CoreDNS leaves RA clear on its own answers, and nslookup says so on
// every answer (";; Got recursion not available from …"), as it does against a real cluster.

import type { DnsAnswer, DnsRecord, DnsType } from './protocol';
import { dnsTypes } from './protocol';
import { reverseName } from './names';
import { ndotsOf, type ResolvConf } from './search';

/** One question nslookup sends. */
export interface NslookupQuestion {
  /** The server's address. */
  server: string;
  port: number;
  /** Fully qualified. */
  name: string;
  type: DnsType;
  recursionDesired: boolean;
  /** How long it waits for this answer before it counts a timeout. */
  timeoutMs: number;
}

/** What a question got: the answer datagram, or null when none came in time. */
export type NslookupReply = Pick<DnsAnswer, 'rcode' | 'answers' | 'authority' | 'additional' | 'authoritative' | 'recursionAvailable'> | null;

/** What nslookup leaves behind. */
export interface NslookupResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** dighost's UDP timeout (UDP_TIMEOUT, used when resolv.conf sets none), seconds. */
const udpTimeoutS = 5;
/** resolv.conf's default attempts (irs_resconf). */
const defaultAttempts = 3;

const rtypeText: Partial<Record<DnsType, string>> = {
  A: 'internet address = ',
  NS: 'nameserver = ',
  CNAME: 'canonical name = ',
  SOA: 'soa = ',
  PTR: 'name = ',
  HINFO: 'hinfo = ',
  MX: 'mail exchanger = ',
  TXT: 'text = ',
  AAAA: 'has AAAA address ',
  SRV: 'service = ',
};

/** A name as dns_name_format prints it: without its final dot, except the root. */
function formatName(name: string): string {
  return name === '.' ? '.' : name.replace(/\.$/, '');
}

interface Lookup {
  textname: string;
  type: DnsType;
  /** Index into the search list; null: the name as is. */
  origin: number | null;
  needSearch: boolean;
  doneAsIs: boolean;
  newSearch: boolean;
}

interface Options {
  type: DnsType;
  defaultLookups: boolean;
  recurse: boolean;
  usesearch: boolean;
  port: number;
  timeoutS: number;
  tries: number;
  ndots: number;
  searches: string[];
}

/** Runs `nslookup argv…` against `conf`: yields every question, returns what it printed. */
export function* nslookup(argv: string[], conf: ResolvConf): Generator<NslookupQuestion, NslookupResult, NslookupReply> {
  let out = '';
  let err = '';
  const print = (s: string) => (out += s);
  const attempts = conf.options.map((o) => /^attempts:(\d+)$/.exec(o)).find((m) => m);
  const timeout = conf.options.map((o) => /^timeout:(\d+)$/.exec(o)).find((m) => m);
  const o: Options = {
    type: 'A',
    defaultLookups: true,
    recurse: true,
    usesearch: true,
    port: 53,
    timeoutS: timeout ? Number(timeout[1]) : 0,
    tries: attempts && Number(attempts[1]) > 0 ? Number(attempts[1]) : defaultAttempts,
    ndots: ndotsOf(conf),
    searches: [...conf.searches],
  };
  let servers = conf.nameservers.length > 0 ? [...conf.nameservers] : ['127.0.0.1'];
  let checkRA = true;
  let host: string | null = null;
  for (const arg of argv) {
    if (arg.startsWith('-') && arg.length > 1) {
      if (arg.toLowerCase().startsWith('-ver')) return { stdout: '', stderr: 'nslookup 9.18.28-1~deb12u2-Debian\n', code: 0 };
      const msg = setOption(o, arg.slice(1));
      if (msg) print(msg);
    } else if (host === null) host = arg;
    else {
      servers = [arg];
      checkRA = false;
    }
  }
  if (host === null) {
    err += 'nslookup: interactive mode is not available in Kubeplay; give the name to look up\n';
    return { stdout: out, stderr: err, code: 1 };
  }

  let queryError = 1;
  let printError = 0;
  let aNoAnswer = false;
  const reverse = reverseName(host);
  const queue: Lookup[] = [reverse ? { textname: formatName(reverse), type: 'PTR', origin: null, needSearch: false, doneAsIs: false, newSearch: true } : { textname: host, type: o.type, origin: null, needSearch: false, doneAsIs: false, newSearch: true }];
  const defaultLookups = o.defaultLookups;

  while (queue.length > 0) {
    const l = queue.shift()!;
    // Models dighost.c setup_lookup: enough dots (or no search) means the name as is first.
    if (l.newSearch) {
      if (countDots(l.textname) >= o.ndots || !o.usesearch) {
        l.origin = null;
        l.doneAsIs = true;
        l.needSearch = o.usesearch;
      } else if (o.usesearch) {
        l.origin = o.searches.length > 0 ? 0 : null;
        l.needSearch = false;
      }
      l.newSearch = false;
    }
    const qname = l.textname.endsWith('.') || l.origin === null ? `${l.textname.replace(/\.$/, '')}.` : `${l.textname}.${o.searches[l.origin].replace(/\.$/, '')}.`;

    // Models dighost.c's queries of one lookup: each server in turn, each tried `tries` times.
    let reply: NslookupReply = null;
    let server = '';
    let tries = o.tries;
    for (let si = 0; si < servers.length; ) {
      server = servers[si];
      reply = yield { server, port: o.port, name: qname, type: l.type, recursionDesired: o.recurse, timeoutMs: (o.timeoutS || udpTimeoutS) * 1000 };
      if (!reply) {
        print(`;; communications error to ${server}#${o.port}: timed out\n`);
        if (--tries <= 0) {
          si++;
          tries = o.tries;
        }
        continue;
      }
      // recv_done: a SERVFAIL, or no RA when RD was asked for, moves on to the next server if there is one.
      const servfail = reply.rcode === 'SERVFAIL';
      if (servfail || (checkRA && !reply.recursionAvailable && o.recurse)) {
        const what = servfail ? 'SERVFAIL reply' : 'recursion not available';
        if (si + 1 < servers.length) {
          print(`;; Got ${what} from ${server}, trying next server\n`);
          si++;
          tries = o.tries;
          reply = null;
          continue;
        }
        print(`;; Got ${what} from ${server}\n`);
      }
      break;
    }
    if (!reply) {
      print(';; no servers could be reached\n');
      continue;
    }
    if (reply.rcode === 'NXDOMAIN' && (l.origin !== null || l.needSearch)) {
      const next = nextOrigin(l, o);
      if (next) {
        queue.unshift(next);
        continue;
      }
    }

    // Models nslookup.c printmessage.
    queryError = 0;
    if (!defaultLookups || l.type === 'A') print(`Server:\t\t${server}\nAddress:\t${server}#${o.port}\n\n`);
    if (reply.rcode !== 'NOERROR') {
      print(`** server can't find ${formatName(qname)}: ${reply.rcode}\n`);
      printError = 1;
      continue;
    }
    if (defaultLookups && l.type === 'A') {
      queue.push({ textname: formatName(chaseCnames(reply.answers, qname)), type: 'AAAA', origin: null, needSearch: l.needSearch, doneAsIs: l.doneAsIs, newSearch: false });
    }
    if (!reply.authoritative && (!defaultLookups || l.type === 'A')) print('Non-authoritative answer:\n');
    if (reply.answers.length > 0) print(printSection(reply.answers, true));
    else if (defaultLookups && l.type === 'A') aNoAnswer = true;
    else if (!defaultLookups || (l.type === 'AAAA' && aNoAnswer)) print(`*** Can't find ${l.textname}: No answer\n`);
    if (!reply.authoritative && l.type !== 'A' && l.type !== 'AAAA') {
      print('\nAuthoritative answers can be found from:\n');
      print(printSection(reply.authority, false));
      print(printSection(reply.additional, false));
    }
  }
  print('\n');
  return { stdout: out, stderr: err, code: queryError | printError };
}

/** Runs nslookup over a synchronous resolver (tests, `inspect`). */
export function runNslookup(argv: string[], conf: ResolvConf, ask: (q: NslookupQuestion) => NslookupReply): NslookupResult {
  const it = nslookup(argv, conf);
  let step = it.next(null);
  while (!step.done) step = it.next(ask(step.value));
  return step.value;
}

function countDots(s: string): number {
  return s.split('.').length - 1;
}

// Models dighost.c next_origin: the next search domain, then the name as is.
function nextOrigin(l: Lookup, o: Options): Lookup | null {
  if (!o.usesearch) return null;
  if (l.textname.endsWith('.') || l.textname.split('.').length > o.ndots) return null;
  if (l.origin === null && !l.needSearch) return null;
  if (l.origin === null) return { ...l, origin: o.searches.length > 0 ? 0 : null, needSearch: false };
  const next = l.origin + 1 < o.searches.length ? l.origin + 1 : null;
  if (next === null && l.doneAsIs) return null;
  return { ...l, origin: next };
}

// Models nslookup.c chase_cnamechain: the name the answer's CNAMEs lead to.
function chaseCnames(answers: DnsRecord[], qname: string): string {
  let name = qname.toLowerCase();
  for (let i = 0; i < answers.length; i++) {
    const c = answers.find((r) => r.type === 'CNAME' && r.name.toLowerCase() === name);
    if (!c) break;
    name = c.data.toLowerCase();
  }
  return name;
}

// Models nslookup.c printsection: records grouped by owner name, then by type, in the order they came.
function printSection(records: DnsRecord[], answer: boolean): string {
  const names: string[] = [];
  const groups = new Map<string, Map<DnsType, DnsRecord[]>>();
  for (const r of records) {
    const key = r.name.toLowerCase();
    if (!groups.has(key)) {
      groups.set(key, new Map());
      names.push(key);
    }
    const byType = groups.get(key)!;
    if (!byType.has(r.type)) byType.set(r.type, []);
    byType.get(r.type)!.push(r);
  }
  let s = '';
  for (const n of names)
    for (const rs of groups.get(n)!.values())
      for (const r of rs) {
        const name = formatName(r.name);
        if ((r.type === 'A' || r.type === 'AAAA') && answer) s += `Name:\t${name}\nAddress: ${r.data}\n`;
        else if (r.type === 'SOA') s += `${name}\n${printSoa(r.data)}`;
        else s += `${name}\t${rtypeText[r.type] ?? `rdata_${r.type} = `}${r.data}\n`;
      }
  return s;
}

function printSoa(data: string): string {
  const [mname, rname, serial, refresh, retry, expire, minimum] = data.split(/\s+/);
  return `\torigin = ${formatName(mname)}\n\tmail addr = ${formatName(rname)}\n\tserial = ${serial}\n\trefresh = ${refresh}\n\tretry = ${retry}\n\texpire = ${expire}\n\tminimum = ${minimum}\n`;
}

// Models nslookup.c setoption (the options a command line can give); returns what it prints.
function setOption(o: Options, opt: string): string {
  const lower = opt.toLowerCase();
  const typeOpt = /^(?:type|ty|querytype|query|qu|q)=(.*)$/i.exec(opt);
  if (typeOpt) {
    const t = typeOpt[1].toUpperCase() as DnsType;
    if (!dnsTypes.includes(t)) return `unknown query type: ${typeOpt[1]}\n`;
    o.type = t;
    o.defaultLookups = false;
    return '';
  }
  const num = /^(port|po|timeout|t|retry|ret|ndots)=(\d+)$/i.exec(opt);
  if (num) {
    const n = Number(num[2]);
    const k = num[1].toLowerCase();
    if (k === 'port' || k === 'po') o.port = n;
    else if (k === 'timeout' || k === 't') o.timeoutS = n;
    else if (k === 'retry' || k === 'ret') o.tries = n;
    else o.ndots = n;
    return '';
  }
  const domain = /^(?:domain|do)=(.*)$/i.exec(opt);
  if (domain) {
    o.searches = [domain[1]];
    o.usesearch = true;
    return '';
  }
  const flag = (word: string, min: number) => lower.length >= min && word.startsWith(lower);
  if (flag('recurse', 3)) o.recurse = true;
  else if (flag('norecurse', 5)) o.recurse = false;
  else if (flag('search', 3) || flag('defname', 3)) o.usesearch = true;
  else if (flag('nosearch', 5) || flag('nodefname', 5)) o.usesearch = false;
  else if (flag('vc', 2) || flag('novc', 4) || flag('debug', 2) || flag('nodebug', 4) || flag('d2', 2) || flag('nod2', 3) || flag('fail', 3) || flag('nofail', 5)) {
    // Accepted; they change nothing Kubeplay models.
  } else return `*** Invalid option: ${opt}\n`;
  return '';
}
