// iptables rules as kube-proxy writes them and as the kernel holds them. kube-proxy hands
// iptables-restore lines (`-A KUBE-SERVICES -m comment --comment "..." -m tcp -p tcp -d 10.96.0.1
// --dport 443 -j KUBE-SVC-…`); iptables parses each into addresses, a protocol, matches with their
// options and a target, and `iptables-save` prints them back in its own canonical form (addresses
// as CIDRs first, the protocol, then each match, then the target; MARK's --or-mark as --set-xmark,
// recent's defaults spelled out, a statistic probability as the kernel's 31-bit fraction printed
// with %.11f). Models iptables' libxtables xtables_save_string and the save functions of
// libxt_{comment,statistic,recent,mark,MARK,tcp,addrtype,set}.c.

/** A parsed rule of one chain. */
export interface Rule {
  chain: string;
  src?: { cidr: string; neg: boolean };
  dst?: { cidr: string; neg: boolean };
  proto?: string;
  matches: { module: string; opts: string[] }[];
  target: string;
  targetOpts: string[];
  /** The Service (`namespace/name`) whose chains this rule belongs to, for partial syncs. */
  svc?: string;
  /** The line as kube-proxy wrote it (after `-A`), for iptables-restore. */
  restore: string;
}

/** Splits an iptables-restore line into words, honouring double quotes (as iptables-restore's parser does). */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && inQuote && (line[i + 1] === '"' || line[i + 1] === '\\')) {
      cur += line[++i];
      continue;
    }
    if (c === '"') {
      inQuote = !inQuote;
      has = true;
      continue;
    }
    if (c === ' ' && !inQuote) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

const ruleStarts = new Set(['-m', '-j', '-s', '-d', '-p']);

function cidr(addr: string): string {
  return addr.includes('/') ? addr : `${addr}/32`;
}

// Options a protocol match owns when they are written after -p instead of right after -m tcp.
const protoOptions = new Set(['--dport', '--sport', '--tcp-flags', '--syn']);

/** Parses the words of one rule (what follows `-A CHAIN`), as iptables-restore does. */
export function parseRule(chain: string, args: string[], svc?: string): Rule {
  const rule: Rule = { chain, matches: [], target: '', targetOpts: [], restore: args.map(quoteRestore).join(' '), ...(svc ? { svc } : {}) };
  let neg = false;
  for (let i = 0; i < args.length; ) {
    const t = args[i];
    if (t === '!') {
      neg = true;
      i++;
      continue;
    }
    if (t === '-s' || t === '-d') {
      rule[t === '-s' ? 'src' : 'dst'] = { cidr: cidr(args[i + 1]), neg };
      neg = false;
      i += 2;
      continue;
    }
    if (t === '-p') {
      rule.proto = args[i + 1];
      i += 2;
      continue;
    }
    if (t === '-j') {
      rule.target = args[i + 1];
      rule.targetOpts = args.slice(i + 2);
      break;
    }
    if (t === '-m') {
      const m = { module: args[i + 1], opts: [] as string[] };
      rule.matches.push(m);
      i += 2;
      while (i < args.length && !ruleStarts.has(args[i]) && !(args[i] === '!' && ruleStarts.has(args[i + 1] ?? ''))) m.opts.push(args[i++]);
      continue;
    }
    // An option after the protocol (`-m tcp -p tcp --dport 80`): it belongs to the protocol's match.
    const owner = protoOptions.has(t) ? [...rule.matches].reverse().find((m) => m.module === rule.proto) : rule.matches[rule.matches.length - 1];
    const opts: string[] = [t];
    i++;
    while (i < args.length && !ruleStarts.has(args[i]) && !args[i].startsWith('--') && args[i] !== '!') opts.push(args[i++]);
    if (neg) opts.unshift('!');
    neg = false;
    owner?.opts.push(...opts);
  }
  return rule;
}

/** A word as iptables-restore input needs it: quoted when it holds a space. */
function quoteRestore(w: string): string {
  return /[\s"]/.test(w) || w === '' ? `"${w.replace(/(["\\])/g, '\\$1')}"` : w;
}

const noQuoteChars = /^[_\-0-9a-zA-Z]+$/;

// Models libxtables xtables_save_string: bare when made only of [_-0-9a-zA-Z], else double-quoted with " \ ' escaped.
/** A string option as iptables-save prints it. */
export function saveString(s: string): string {
  if (noQuoteChars.test(s)) return s;
  return `"${s.replace(/(["\\'])/g, '\\$1')}"`;
}

/** 2^31: xt_statistic keeps a probability as a fraction of it. */
const probabilityScale = 0x80000000;

// Models libxt_statistic.c statistic_parse: info->u.random.probability = lround(0x80000000 * prob).
/** The 31-bit fraction the kernel stores for a probability (what it compares random draws against). */
export function kernelProbability(p: string | number): number {
  return Math.round(probabilityScale * Number(p));
}

// Models libxt_statistic.c print_match: "%.11f" of probability / 0x80000000.
/** A probability as `iptables-save` prints it back: `0.3333333333` → `0.33333333349`. */
export function saveProbability(p: string | number): string {
  return (kernelProbability(p) / probabilityScale).toFixed(11);
}

// Models pkg/proxy/iptables/proxier.go computeProbability: fmt.Sprintf("%0.10f", 1.0/float64(n)).
/** The probability kube-proxy writes for the rule that picks one of `n` remaining endpoints. */
export function computeProbability(n: number): string {
  return (1 / n).toFixed(10);
}

function hex(v: string): string {
  return `0x${Number(v).toString(16)}`;
}

function saveMatch(m: { module: string; opts: string[] }): string {
  const o = m.opts;
  switch (m.module) {
    case 'comment':
      return `-m comment --comment ${saveString(o[o.indexOf('--comment') + 1] ?? '')}`;
    case 'statistic': {
      const prob = o[o.indexOf('--probability') + 1];
      return `-m statistic --mode random --probability ${saveProbability(prob)}`;
    }
    case 'recent': {
      // libxt_recent.c save: the command, --seconds, --reap, then --name, --mask and the side, spelled out.
      const name = o[o.indexOf('--name') + 1] ?? 'DEFAULT';
      const cmd = o.includes('--set') ? '--set' : o.includes('--rcheck') ? '--rcheck' : o.includes('--update') ? '--update' : '--remove';
      const secs = o.includes('--seconds') ? ` --seconds ${o[o.indexOf('--seconds') + 1]}` : '';
      const reap = o.includes('--reap') ? ' --reap' : '';
      return `-m recent ${cmd}${secs}${reap} --name ${name} --mask 255.255.255.255 --rsource`;
    }
    default:
      return [`-m ${m.module}`, ...o].join(' ');
  }
}

function saveTarget(r: Rule): string {
  const o = r.targetOpts;
  if (r.target === 'MARK') {
    // libxt_MARK.c mark_tg_save prints every form as --set-xmark value/mask.
    if (o[0] === '--or-mark') return `-j MARK --set-xmark ${hex(o[1])}/${hex(o[1])}`;
    if (o[0] === '--xor-mark') return `-j MARK --set-xmark ${hex(o[1])}/0x0`;
    if (o[0] === '--set-mark') return `-j MARK --set-xmark ${hex(o[1])}/0xffffffff`;
  }
  return [`-j ${r.target}`, ...o].join(' ');
}

/** A rule as `iptables-save` prints it. */
export function saveLine(r: Rule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.src.neg ? '! ' : ''}-s ${r.src.cidr}`);
  if (r.dst) parts.push(`${r.dst.neg ? '! ' : ''}-d ${r.dst.cidr}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  for (const m of r.matches) parts.push(saveMatch(m));
  if (r.target) parts.push(saveTarget(r));
  return parts.join(' ');
}

/** A table: its chains in the kernel (built-in ones with their policy) and its rules in order. */
export interface Table {
  name: 'nat' | 'filter';
  builtins: string[];
  /** User-defined chains. */
  chains: string[];
  rules: Rule[];
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) in UTC: `Thu Jan  1 00:00:00 2026`, as iptables-save stamps its output. */
export function ctime(wallMs: number): string {
  const d = new Date(Math.floor(wallMs / 1000) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${weekdays[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The iptables version on the nodes (Debian 12's iptables-nft). */
export const iptablesVersion = 'v1.8.9 (nf_tables)';

// Models iptables-save: built-in chains with their policy, user chains sorted by name, then the rules chain by chain.
/** What `iptables-save -t <table>` prints. */
export function iptablesSave(table: Table, wallMs: number): string {
  const when = ctime(wallMs);
  const users = [...table.chains].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = [`# Generated by iptables-save ${iptablesVersion} on ${when}`, `*${table.name}`];
  for (const c of table.builtins) lines.push(`:${c} ACCEPT [0:0]`);
  for (const c of users) lines.push(`:${c} - [0:0]`);
  const order = [...table.builtins, ...users];
  const byChain = new Map<string, Rule[]>();
  for (const r of table.rules) {
    let l = byChain.get(r.chain);
    if (!l) byChain.set(r.chain, (l = []));
    l.push(r);
  }
  for (const c of order) for (const r of byChain.get(c) ?? []) lines.push(saveLine(r));
  lines.push('COMMIT', `# Completed on ${when}`);
  return lines.join('\n') + '\n';
}

/** What kube-proxy feeds iptables-restore for a table: chain lines, then rules. */
export function restoreText(table: Pick<Table, 'name' | 'chains' | 'rules'>): string {
  const lines = [`*${table.name}`, ...table.chains.map((c) => `:${c} - [0:0]`), ...table.rules.map((r) => `-A ${r.chain} ${r.restore}`), 'COMMIT'];
  return lines.join('\n') + '\n';
}
