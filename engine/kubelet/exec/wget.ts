// busybox wget (networking/wget.c, 1.37): one HTTP GET per URL over the pod's network (net.ts),
// its messages on stderr — "Connecting to web (10.96.0.20:80)", the progress line (a full line
// each time, stderr not being a terminal in `kubectl exec`), "written to stdout" — and its errors
// (`wget: bad address 'nope'`, `wget: can't connect to remote host (10.96.0.20): Connection
// refused`, `wget: server returned error: HTTP/1.1 404 Not Found`), all exit 1. `-qO-` prints just
// the body, as the Kubernetes docs use it. Options: -q -O -S -T -U -P --spider (-c -Y -t -o and
// --header are accepted and change nothing modelled).

import type { Co } from '../../sim/co';
import type { ProcessContext } from '../programs/program';
import { fsErrorText } from '../programs/fs';
import { byteLength, connErrorText, connectHttp, kernelConnectTimeoutMs, lookupHost, parseUrl, reasonPhrase, writeText } from './net';
import { busyboxBanner } from './nslookup';
import { isBusybox, registerExecProgram, type ExecSystem } from './registry';

interface WgetOptions {
  quiet: boolean;
  output: string | null;
  dir: string | null;
  serverResponse: boolean;
  spider: boolean;
  timeoutS: number;
  userAgent: string;
  urls: string[];
}

const shortValued = new Set(['O', 'o', 'P', 'U', 'T', 'Y', 't']);
const shortFlags = new Set(['c', 'q', 'S']);
const longFlags: Record<string, string> = { quiet: 'q', continue: 'c', 'server-response': 'S', spider: 'spider', 'no-check-certificate': '', 'no-cache': '', 'passive-ftp': '' };
const longValued: Record<string, string> = { 'output-document': 'O', 'output-file': 'o', 'directory-prefix': 'P', 'user-agent': 'U', timeout: 'T', proxy: 'Y', tries: 't', header: '', 'post-data': '', 'post-file': '' };

function usage(ctx: ProcessContext, image: string): number {
  for (const l of [
    busyboxBanner(image),
    '',
    'Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]',
    '\t[--post-data STR | --post-file FILE] [-Y on/off]',
    '\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...',
    '',
    'Retrieve files via HTTP or FTP',
    '',
    '\t--spider\tOnly check URL existence: $? is 0 if exists',
    "\t--header STR\tAdd STR (of form 'header: value') to headers",
    '\t--post-data STR\tSend STR using POST method',
    '\t--post-file FILE\tSend FILE using POST method',
    "\t--no-check-certificate\tDon't validate the server's certificate",
    '\t-c\t\tContinue retrieval of aborted transfer',
    '\t-q\t\tQuiet',
    '\t-P DIR\t\tSave to DIR (default .)',
    '\t-S    \t\tShow server response',
    '\t-T SEC\t\tNetwork read timeout is SEC seconds',
    "\t-O FILE\t\tSave to FILE ('-' for stdout)",
    '\t-o LOGFILE\tLog messages to FILE',
    '\t-U STR\t\tUse STR for User-Agent header',
    '\t-Y on/off\tUse proxy',
  ])
    ctx.stderr(l);
  return 1;
}

// getopt32 over wget's options: null (after printing why) on a bad command line.
function parseArgs(argv: string[], ctx: ProcessContext, image: string): WgetOptions | null {
  const o: WgetOptions = { quiet: false, output: null, dir: null, serverResponse: false, spider: false, timeoutS: 900, userAgent: 'Wget', urls: [] };
  const set = (k: string, v: string | null): boolean => {
    if (k === 'q') o.quiet = true;
    else if (k === 'S') o.serverResponse = true;
    else if (k === 'spider') o.spider = true;
    else if (k === 'O') o.output = v;
    else if (k === 'P') o.dir = v;
    else if (k === 'U') o.userAgent = v ?? o.userAgent;
    else if (k === 'T') {
      if (!/^\d+$/.test(v ?? '')) {
        ctx.stderr(`wget: invalid number '${v ?? ''}'`);
        return false;
      }
      o.timeoutS = Number(v);
    }
    return true;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      o.urls.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq >= 0 ? eq : undefined);
      if (name in longFlags) {
        if (!set(longFlags[name], null)) return null;
        continue;
      }
      if (name in longValued) {
        let v: string;
        if (eq >= 0) v = a.slice(eq + 1);
        else if (i + 1 < argv.length) v = argv[++i];
        else {
          ctx.stderr(`wget: option '${a}' requires an argument`);
          usage(ctx, image);
          return null;
        }
        if (!set(longValued[name], v)) return null;
        continue;
      }
      ctx.stderr(`wget: unrecognized option '${a}'`);
      usage(ctx, image);
      return null;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (shortFlags.has(c)) {
          if (!set(c, null)) return null;
        } else if (c === 'n') {
          // -nv, -nc, -nH…: accepted and ignored, as busybox does.
          break;
        } else if (shortValued.has(c)) {
          let v: string;
          if (j + 1 < a.length) v = a.slice(j + 1);
          else if (i + 1 < argv.length) v = argv[++i];
          else {
            ctx.stderr(`wget: option requires an argument -- '${c}'`);
            usage(ctx, image);
            return null;
          }
          if (!set(c, v)) return null;
          break;
        } else {
          ctx.stderr(`wget: invalid option -- '${c}'`);
          usage(ctx, image);
          return null;
        }
      }
      continue;
    }
    o.urls.push(a);
  }
  if (o.urls.length === 0) {
    usage(ctx, image);
    return null;
  }
  return o;
}

// Models libbb/progress.c smart_ulltoa5 closely enough: five columns, then k, M, G.
function size5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  const units = 'kMGTPE';
  let v = n;
  let i = -1;
  while (v >= 10000 && i < units.length - 1) {
    v = Math.floor(v / 1024);
    i++;
  }
  return `${String(v).padStart(4)}${units[Math.max(0, i)]}`;
}

// Models libbb/progress.c bb_progress_update's last call with stderr not a terminal (80 columns: a 32-star bar).
function progressLine(file: string, size: number, got: number): string {
  const name = file.slice(0, 20).padEnd(20);
  if (size <= 0) return `${name} ${size5(got)} --:--:-- ETA`;
  const ratio = Math.floor((100 * got) / size);
  const stars = Math.floor((32 * got) / size);
  return `${name} ${String(ratio).padStart(3)}% |${'*'.repeat(stars)}${' '.repeat(32 - stars)}| ${size5(got)}${got > 0 ? '  0:00:00 ETA' : ' --:--:-- ETA'}`;
}

function* wget(argv: string[], ctx: ProcessContext, sys: ExecSystem): Co<number> {
  const o = parseArgs(argv, ctx, sys.image);
  if (!o) return 1;
  for (const url of o.urls) {
    const code = yield* download(o, url, ctx, sys);
    // bb_error_msg_and_die: the first failure ends wget.
    if (code !== 0) return code;
  }
  return 0;
}

// Models networking/wget.c download_one_url and retrieve_file_data for HTTP.
function* download(o: WgetOptions, url: string, ctx: ProcessContext, sys: ExecSystem): Co<number> {
  const die = (msg: string) => {
    ctx.stderr(`wget: ${msg}`);
    return 1;
  };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1];
  if (scheme && !['http', 'https', 'ftp', 'ftps'].includes(scheme)) return die(`not an http or ftp url: ${url}`);
  const u = parseUrl(url);
  if (!u) return die(`bad address '${url.replace(/^[a-z]+:\/\//i, '').split(/[/:]/)[0]}'`);
  // The output file: -O, else the URL's last path component (index.html for none), under -P.
  let file = o.output;
  if (file === null) {
    const last = u.path.split('?')[0].split('/').pop() ?? '';
    file = last || 'index.html';
    if (o.dir) file = `${o.dir.replace(/\/$/, '')}/${file}`;
  }
  const found = yield* lookupHost(ctx, sys, u.host);
  if (!('ips' in found)) return die(`bad address '${u.host}'`);
  const ip = found.ips[0];
  if (!o.quiet) ctx.stderr(`Connecting to ${u.host} (${ip}:${u.port})`);
  // The alarm of -T covers the connect; the kernel gives up on its own after its SYN retries.
  const alarmMs = o.timeoutS * 1000;
  const conn = yield* connectHttp(sys, ip, u.port, { method: 'GET', path: u.path, userAgent: o.userAgent }, Math.min(alarmMs, kernelConnectTimeoutMs));
  if (!conn.ok) {
    if (conn.error === 'timeout' && alarmMs <= kernelConnectTimeoutMs) return die('download timed out');
    if (conn.error === 'reset') return die(`error getting response: ${connErrorText.reset}`);
    return die(`can't connect to remote host (${ip}): ${connErrorText[conn.error]}`);
  }
  if (u.scheme === 'https') return die('TLS error from peer (alert code 80): 80');
  const res = conn.response;
  if (!res || 'noHttp' in res) return die('error getting response');
  const status = `HTTP/1.1 ${res.status} ${reasonPhrase[res.status] ?? ''}`.trimEnd();
  const headers = Object.entries(res.headers ?? { 'Content-Length': String(byteLength(res.body)) });
  if (o.serverResponse) {
    ctx.stderr(`  ${status}`);
    // wget asks for "Connection: close", and nginx says so.
    for (const [k, v] of headers) ctx.stderr(`  ${k}: ${k === 'Connection' ? 'close' : v}`);
  }
  if (!(res.status >= 200 && res.status < 300) && !(res.status >= 300 && res.status < 400)) return die(`server returned error: ${status}`);
  if (o.spider) {
    if (!o.quiet) ctx.stderr('remote file exists');
    return 0;
  }
  const toStdout = file === '-';
  const discard = file === '/dev/null';
  if (!toStdout && !discard) {
    // Without -O the file must not exist yet (O_EXCL).
    if (o.output === null && 'text' in ctx.fs.read(file)) return die(`can't open '${file}': File exists`);
    const e = ctx.fs.write(file, '');
    if (e) return die(`can't open '${file}': ${fsErrorText[e]}`);
  }
  if (!o.quiet) ctx.stderr(toStdout ? 'writing to stdout' : `saving to '${file}'`);
  const len = byteLength(res.body);
  if (toStdout) writeText((l) => ctx.stdout(l), res.body);
  else if (!discard) ctx.fs.write(file, res.body);
  if (!o.quiet) {
    const size = Number(res.headers?.['Content-Length'] ?? len);
    ctx.stderr(progressLine(toStdout ? '-' : (file.split('/').pop() ?? file), size, len));
    ctx.stderr(toStdout ? 'written to stdout' : `'${file}' saved`);
  }
  return 0;
}

registerExecProgram('wget', {
  // busybox's applet (GNU wget, in images that ship it, prints otherwise: not modelled).
  inImage: (binaries) => binaries.includes('wget') && isBusybox(binaries),
  program: (argv, ctx, sys) => wget(argv, ctx, sys),
});
