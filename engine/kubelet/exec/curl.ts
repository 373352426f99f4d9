// curl 7.88.1 (Debian bookworm's, in the nginx image; agnhost's Alpine curl prints the same for
// what is modelled): one HTTP request per URL over the pod's network (net.ts). The name is looked
// up as glibc does (search list, ndots:5), the connection goes through the node's kube-proxy to a
// Service's endpoint, and the server's answer is printed. Without -s, the progress meter goes to
// stderr when the output is not a terminal (a `kubectl exec` without -t); errors are
// `curl: (N) …` with libcurl's texts and exit codes (6 resolve, 7 connect, 22 -f, 28 timeouts, 56
// reset, 1 a non-HTTP answer). Options: -s -S -f -i -I -v -o -O -m --connect-timeout -w -A -X -H
// -L -k (the last three are accepted; headers, redirects and TLS are not modelled).

import type { Co } from '../../sim/co';
import type { ProcessContext } from '../programs/program';
import { fsErrorText } from '../programs/fs';
import type { HttpAnswer } from '../serve';
import { byteLength, connectHttp, kernelConnectTimeoutMs, lookupHost, parseUrl, reasonPhrase, writeText } from './net';
import { registerExecProgram, type ExecSystem } from './registry';

const version = '7.88.1';
const tryHelp = "curl: try 'curl --help' or 'curl --manual' for more information";

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  fail: boolean;
  include: boolean;
  head: boolean;
  verbose: boolean;
  output: string | null;
  remoteName: boolean;
  maxTimeMs: number | null;
  connectTimeoutMs: number | null;
  writeOut: string | null;
  userAgent: string;
  method: string | null;
  urls: string[];
}

const longFlags: Record<string, keyof CurlOptions> = {
  silent: 'silent', 'show-error': 'showError', fail: 'fail', include: 'include', head: 'head', verbose: 'verbose', 'remote-name': 'remoteName',
};
const ignoredLongFlags = new Set(['location', 'insecure', 'compressed', 'no-progress-meter', 'progress-bar', 'http1.1', 'ipv4', 'no-keepalive', 'globoff', 'no-buffer', 'fail-early', 'raw']);
const longValued: Record<string, string> = {
  output: 'o', 'max-time': 'm', 'connect-timeout': 'connect-timeout', 'write-out': 'w', 'user-agent': 'A', request: 'X', header: 'H', url: 'url',
  retry: 'retry', 'retry-delay': 'retry', 'retry-max-time': 'retry', data: 'd', 'data-raw': 'd', resolve: 'retry', cacert: 'retry', user: 'retry', 'max-redirs': 'retry',
};
const shortFlags: Record<string, keyof CurlOptions> = { s: 'silent', S: 'showError', f: 'fail', i: 'include', I: 'head', v: 'verbose', O: 'remoteName' };
const shortIgnored = new Set(['L', 'k', '4', '#', 'N', 'g', 'q']);
const shortValued = new Set(['o', 'm', 'w', 'A', 'X', 'H', 'd', 'u', 'e', 'x', 'r', 'c', 'b', 'T']);

/** Parses the command line; a string is the usage error to print (exit 2). */
function parseArgs(argv: string[]): CurlOptions | string {
  const o: CurlOptions = { silent: false, showError: false, fail: false, include: false, head: false, verbose: false, output: null, remoteName: false, maxTimeMs: null, connectTimeoutMs: null, writeOut: null, userAgent: `curl/${version}`, method: null, urls: [] };
  const seconds = (opt: string, v: string): number | string => {
    const n = Number(v);
    return /^\d+(\.\d+)?$/.test(v) && Number.isFinite(n) ? Math.round(n * 1000) : `option ${opt}: expected a proper numerical parameter`;
  };
  const setValued = (key: string, opt: string, v: string): string | null => {
    switch (key) {
      case 'o':
        o.output = v;
        return null;
      case 'm':
      case 'connect-timeout': {
        const ms = seconds(opt, v);
        if (typeof ms === 'string') return ms;
        if (key === 'm') o.maxTimeMs = ms;
        else o.connectTimeoutMs = ms;
        return null;
      }
      case 'w':
        o.writeOut = v;
        return null;
      case 'A':
        o.userAgent = v;
        return null;
      case 'X':
        o.method = v;
        return null;
      case 'url':
        o.urls.push(v);
        return null;
      default:
        return null;
    }
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && a.length > 2) {
      const name = a.slice(2);
      const flag = longFlags[name] ?? longFlags[name.replace(/^no-/, '')];
      if (flag) {
        (o[flag] as boolean) = !name.startsWith('no-');
        continue;
      }
      if (ignoredLongFlags.has(name)) continue;
      const key = longValued[name];
      if (!key) return `option ${a}: is unknown`;
      if (i + 1 >= argv.length) return `option ${a}: requires parameter`;
      const err = setValued(key, a, argv[++i]);
      if (err) return err;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (shortFlags[c]) (o[shortFlags[c]] as boolean) = true;
        else if (shortIgnored.has(c)) continue;
        else if (shortValued.has(c)) {
          const rest = a.slice(j + 1);
          let v: string;
          if (rest) v = rest;
          else if (i + 1 < argv.length) v = argv[++i];
          else return `option -${c}: requires parameter`;
          const err = setValued(c, `-${c}`, v);
          if (err) return err;
          break;
        } else return `option -${c}: is unknown`;
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

// Models lib/progress.c time2str.
function time2str(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  if (h <= 99) {
    const m = Math.floor((seconds - h * 3600) / 60);
    const s = seconds - h * 3600 - m * 60;
    return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  }
  const d = Math.floor(seconds / 86400);
  return d <= 999 ? `${String(d).padStart(3)}d ${String(Math.floor((seconds - d * 86400) / 3600)).padStart(2, '0')}h` : `${String(d).padStart(7)}d`;
}

// Models lib/progress.c max5data.
function max5(bytes: number): string {
  const k = 1024;
  const m = k * k;
  if (bytes < 100000) return String(bytes).padStart(5);
  if (bytes < 10000 * k) return `${String(Math.floor(bytes / k)).padStart(4)}k`;
  if (bytes < 100 * m) return `${String(Math.floor(bytes / m)).padStart(2)}.${Math.floor((bytes % m) / (m / 10))}M`;
  if (bytes < 10000 * m) return `${String(Math.floor(bytes / m)).padStart(4)}M`;
  return `${String(Math.floor(bytes / (m * k))).padStart(4)}G`;
}

const pct3 = (n: number) => String(n).padStart(3);

// Models lib/progress.c progress_meter: one line of the meter (downloads only).
function meterLine(size: number | null, received: number, elapsedMs: number): string {
  const us = Math.round(elapsedMs * 1000);
  const speed = us < 1 ? received * 1_000_000 : Math.floor((received * 1_000_000) / us);
  const spent = Math.floor(elapsedMs / 1000);
  const known = size !== null;
  const estimate = known && speed > 0 ? Math.floor(size / speed) : 0;
  const pct = !known ? 0 : size > 10000 ? Math.floor(received / Math.floor(size / 100)) : size > 0 ? Math.floor((received * 100) / size) : 0;
  const total = known ? size : received;
  const totalPct = total > 10000 ? Math.floor(received / Math.floor(total / 100)) : total > 0 ? Math.floor((received * 100) / total) : 0;
  return `${pct3(totalPct)} ${max5(total)}  ${pct3(pct)} ${max5(received)}  ${pct3(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${time2str(estimate)} ${time2str(spent)} ${time2str(estimate > 0 ? estimate - spent : 0)} ${max5(speed)}`;
}

const meterHeader = ['  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current', '                                 Dload  Upload   Total   Spent    Left  Speed'];

/** What one transfer came to, for --write-out. */
interface Transfer {
  code: number;
  status: number;
  ip: string;
  port: number;
  bytes: number;
  url: string;
  contentType: string;
  elapsedMs: number;
}

// Models src/tool_writeout.c for the variables people use.
function writeOut(fmt: string, t: Transfer): string {
  const vars: Record<string, string> = {
    http_code: String(t.status).padStart(3, '0'),
    response_code: String(t.status).padStart(3, '0'),
    remote_ip: t.ip,
    remote_port: t.port ? String(t.port) : '0',
    size_download: String(t.bytes),
    url_effective: t.url,
    url: t.url,
    content_type: t.contentType,
    exitcode: String(t.code),
    time_total: (t.elapsedMs / 1000).toFixed(6),
    time_connect: (t.elapsedMs / 1000).toFixed(6),
    time_namelookup: (t.elapsedMs / 1000).toFixed(6),
  };
  return fmt
    .replace(/%\{([a-z_]+)\}/g, (whole, name: string) => vars[name] ?? whole)
    .replace(/\\([nrt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\'));
}

function* curl(argv: string[], ctx: ProcessContext, sys: ExecSystem): Co<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    ctx.stderr(`curl: ${parsed}`);
    ctx.stderr(tryHelp);
    return 2;
  }
  const o = parsed;
  if (o.urls.length === 0) {
    ctx.stderr('curl: no URL specified!');
    ctx.stderr(tryHelp);
    return 2;
  }
  let code = 0;
  for (const url of o.urls) code = yield* transfer(o, url, ctx, sys);
  return code;
}

// One URL: resolve, connect through the node, send the request, print the answer.
function* transfer(o: CurlOptions, url: string, ctx: ProcessContext, sys: ExecSystem): Co<number> {
  const start = ctx.now();
  const elapsed = () => ctx.now() - start;
  const toStdout = o.output === null && !o.remoteName;
  // The meter is off when the output is the terminal (tool_operate.c), and with -s.
  const meter = !o.silent && !(toStdout && sys.tty);
  const showErrors = !o.silent || o.showError;
  let meterShown = false;
  // The first meter line has no newline: what is written next continues it (`…     0curl: (6) …`).
  let pending = '';
  const err = (line: string) => {
    ctx.stderr(`${pending}${line}`);
    pending = '';
  };
  const info = (l: string) => o.verbose && err(l);
  const startMeter = () => {
    if (!meter || meterShown) return;
    meterShown = true;
    for (const l of meterHeader) ctx.stderr(l);
    pending = meterLine(null, 0, 0);
  };
  const t: Transfer = { code: 0, status: 0, ip: '', port: 0, bytes: 0, url, contentType: '', elapsedMs: 0 };
  const finish = (c: number, message?: string): number => {
    t.code = c;
    t.elapsedMs = elapsed();
    if (message !== undefined && showErrors) err(`curl: (${c}) ${message}`);
    else if (pending) err('');
    if (o.writeOut !== null) writeText((l) => ctx.stdout(l), writeOut(o.writeOut, t));
    return c;
  };

  const u = parseUrl(url);
  if (!u) return finish(3, 'URL using bad/illegal format or missing URL');
  if (u.scheme !== 'http' && u.scheme !== 'https') return finish(1, `Protocol "${u.scheme}" not supported or disabled in libcurl`);
  t.url = `${u.scheme}://${u.host}${u.explicitPort ? `:${u.port}` : ''}${u.path}`;
  const method = o.method ?? (o.head ? 'HEAD' : 'GET');
  let outFile = o.output;
  if (o.remoteName && outFile === null) {
    const name = u.path.split('?')[0].split('/').pop() ?? '';
    if (!name) return finish(23, 'Remote file name has no length!');
    outFile = name;
  }
  startMeter();

  const found = yield* lookupHost(ctx, sys, u.host);
  if (!('ips' in found)) return finish(6, `Could not resolve host: ${u.host}`);
  const ip = found.ips[0];
  if (o.maxTimeMs !== null && elapsed() >= o.maxTimeMs) return finish(28, `Resolving timed out after ${Math.round(elapsed())} milliseconds`);
  info(`*   Trying ${ip}:${u.port}...`);
  const limits = [o.connectTimeoutMs, o.maxTimeMs === null ? null : Math.max(0, o.maxTimeMs - elapsed())].filter((x): x is number => x !== null);
  const limit = limits.length > 0 ? Math.min(...limits) : null;
  const conn = yield* connectHttp(sys, ip, u.port, { method, path: u.path, userAgent: o.userAgent }, limit !== null ? Math.min(limit, kernelConnectTimeoutMs) : kernelConnectTimeoutMs);
  const ms = Math.round(elapsed());
  if (!conn.ok) {
    if (conn.error === 'reset') return finish(56, 'Recv failure: Connection reset by peer');
    if (conn.error === 'timeout' && limit !== null && limit < kernelConnectTimeoutMs) return finish(28, `Connection timed out after ${ms} milliseconds`);
    // ECONNREFUSED, EHOSTUNREACH, and the kernel's own ETIMEDOUT (exit 28, the same words).
    return finish(conn.error === 'timeout' ? 28 : 7, `Failed to connect to ${u.host} port ${u.port} after ${ms} ms: Couldn't connect to server`);
  }
  t.ip = ip;
  t.port = u.port;
  info(`* Connected to ${u.host} (${ip}) port ${u.port} (#0)`);
  if (u.scheme === 'https') {
    // The servers speak plain HTTP: OpenSSL reads an HTTP answer as a TLS record.
    return finish(35, 'OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number');
  }
  const hostHeader = u.explicitPort ? `${u.host}:${u.port}` : u.host;
  info(`> ${method} ${u.path} HTTP/1.1`);
  info(`> Host: ${hostHeader}`);
  info(`> User-Agent: ${o.userAgent}`);
  info('> Accept: */*');
  info('> ');
  const res: HttpAnswer | null = conn.response;
  if (!res || 'noHttp' in res) return finish(1, 'Received HTTP/0.9 when not allowed');
  t.status = res.status;
  t.contentType = res.headers?.['Content-Type'] ?? '';
  const statusLine = `HTTP/1.1 ${res.status} ${reasonPhrase[res.status] ?? ''}`.trimEnd();
  const headers = [statusLine, ...Object.entries(res.headers ?? { 'Content-Length': String(byteLength(res.body)) }).map(([k, v]) => `${k}: ${v}`)];
  for (const h of headers) info(`< ${h}`);
  info('< ');
  if (o.fail && res.status >= 400) return finish(22, `The requested URL returned error: ${res.status}`);
  const body = method === 'HEAD' ? '' : res.body;
  const len = byteLength(body);
  let text = '';
  if (o.include || o.head) text += `${headers.map((h) => `${h}\r`).join('\n')}\n\r\n`;
  text += body;
  if (outFile !== null && outFile !== '-') {
    if (outFile !== '/dev/null') {
      const e = ctx.fs.write(outFile, text);
      if (e) {
        err(`Warning: Failed to open the file ${outFile}: ${fsErrorText[e]}`);
        return finish(23, 'Failure writing output to destination');
      }
    }
  } else writeText((l) => ctx.stdout(l), text);
  t.bytes = len;
  if (len > 0) info(`{ [${len} bytes data]`);
  // The last meter line replaces the first on a terminal (a carriage return): here it stands alone.
  pending = '';
  if (meter) ctx.stderr(meterLine(res.headers?.['Content-Length'] ? Number(res.headers['Content-Length']) : len, len, elapsed()));
  info(`* Connection #0 to host ${u.host} left intact`);
  return finish(0);
}

registerExecProgram('curl', {
  inImage: (binaries) => binaries.includes('curl'),
  program: (argv, ctx, sys) => curl(argv, ctx, sys),
});
