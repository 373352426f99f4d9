// The web servers of the catalogue: nginx, Apache httpd (and the php-apache HPA example),
// `python3 -m http.server`, hashicorp/http-echo and traefik/whoami. Each prints the startup lines
// the real one prints, answers HTTP on its port with access-log lines, and stops on its signal.

import type { Co } from '../../../sim/co';
import type { Executable, HttpRequest, HttpResponse, ProcessContext } from '../program';
import { strftime } from '../coreutils';
import { byteLength, clfStamp, flag, goDefaultSignals, handleSignals, logStamp, serveForever, staticSite } from './serve';

const nginxVersion = '1.27.4';
const nginxWelcome = [
  '<!DOCTYPE html>', '<html>', '<head>', '<title>Welcome to nginx!</title>', '<style>', 'html { color-scheme: light dark; }', 'body { width: 35em; margin: 0 auto;',
  'font-family: Tahoma, Verdana, Arial, sans-serif; }', '</style>', '</head>', '<body>', '<h1>Welcome to nginx!</h1>',
  '<p>If you see this page, the nginx web server is successfully installed and', 'working. Further configuration is required.</p>', '',
  '<p>For online documentation and support please refer to', '<a href="http://nginx.org/">nginx.org</a>.<br/>', 'Commercial support is available at',
  '<a href="http://nginx.com/">nginx.com</a>.</p>', '', '<p><em>Thank you for using nginx.</em></p>', '</body>', '</html>', '',
].join('\n');
const nginx404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.4</center>\r\n</body>\r\n</html>\r\n';

// When the image's index.html was written (the nginx 1.27.4 package build): its Last-Modified and ETag.
const nginxIndexMtime = Date.UTC(2025, 1, 5, 11, 6, 32);

// nginx's response headers (ngx_http_header_filter): Server, Date, the type and length, and for a
// static file its Last-Modified, ETag (hex mtime - hex size) and Accept-Ranges.
function nginxHeaders(ctx: ProcessContext, res: HttpResponse): HttpResponse {
  const len = byteLength(res.body);
  const headers: Record<string, string> = { Server: `nginx/${nginxVersion}`, Date: new Date(ctx.wallMs()).toUTCString(), 'Content-Type': 'text/html', 'Content-Length': String(len) };
  if (res.status === 200) headers['Last-Modified'] = new Date(nginxIndexMtime).toUTCString();
  headers.Connection = 'keep-alive';
  if (res.status === 200) {
    headers.ETag = `"${(nginxIndexMtime / 1000).toString(16)}-${len.toString(16)}"`;
    headers['Accept-Ranges'] = 'bytes';
  }
  return { ...res, headers };
}

// An access-logged HTTP handler in the combined log format nginx and httpd use (a HEAD is answered without the body).
function accessLogged(ctx: ProcessContext, site: (req: HttpRequest) => HttpResponse, combined: boolean): (req: HttpRequest) => HttpResponse {
  return (req) => {
    let res = site(req);
    const method = req.method ?? 'GET';
    if (method === 'HEAD') res = { ...res, body: '' };
    const tail = combined ? ` "-" "${req.userAgent}" "-"` : '';
    ctx.stdout(`${req.remoteAddr} - - [${clfStamp(ctx.wallMs())}] "${method} ${req.path} HTTP/1.1" ${res.status} ${byteLength(res.body)}${tail}`);
    return res;
  };
}

/** nginx: in the foreground only with `daemon off;` (else it forks and the container's process exits). */
export function* nginx(argv: string[], ctx: ProcessContext): Co<number> {
  if (argv.includes('-v') || argv.includes('-V')) {
    ctx.stderr(`nginx version: nginx/${nginxVersion}`);
    return 0;
  }
  if (argv.includes('-t')) {
    ctx.stderr('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok');
    ctx.stderr('nginx: configuration file /etc/nginx/nginx.conf test is successful');
    return 0;
  }
  const stamp = () => logStamp(ctx.wallMs());
  const daemonOff = argv.some((a) => /daemon\s+off\s*;/.test(a));
  const notice = (pid: number, text: string) => ctx.stderr(`${stamp()} [notice] ${pid}#${pid}: ${text}`);
  notice(1, 'using the "epoll" event method');
  notice(1, `nginx/${nginxVersion}`);
  notice(1, 'built by gcc 12.2.0 (Debian 12.2.0-14)');
  notice(1, 'OS: Linux 6.8.0-kubeplay');
  notice(1, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  if (!daemonOff) return 0;
  notice(1, 'start worker processes');
  notice(1, 'start worker process 29');
  ctx.setUsage({ cpuMilli: 0, memoryBytes: 3 * 1024 * 1024 });
  const site = staticSite({ '/': nginxWelcome, '/index.html': nginxWelcome, '/50x.html': '<!DOCTYPE html>\n' }, nginx404);
  ctx.listen(80, { http: accessLogged(ctx, (req) => nginxHeaders(ctx, site(req)), true) });
  handleSignals(ctx, (sig) => {
    if (sig === 'SIGQUIT') return { code: 0, delayMs: 50, stream: 'stderr', lines: [
      `${stamp()} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
      `${stamp()} [notice] 29#29: gracefully shutting down`,
      `${stamp()} [notice] 29#29: exiting`,
      `${stamp()} [notice] 29#29: exit`,
      `${stamp()} [notice] 1#1: worker process 29 exited with code 0`,
      `${stamp()} [notice] 1#1: exit`,
    ] };
    if (sig === 'SIGTERM' || sig === 'SIGINT') return { code: 0, stream: 'stderr', lines: [
      `${stamp()} [notice] 1#1: signal ${sig === 'SIGTERM' ? 15 : 2} (${sig}) received, exiting`,
      `${stamp()} [notice] 1#1: exit`,
    ] };
    return null;
  });
  return yield* serveForever();
}

// httpd's error-log time: `[Wed Jan 01 00:00:00.000000 2025]`.
function httpdStamp(ms: number): string {
  return `[${strftime(ms, '%a %b %d %H:%M:%S')}.${String((ms % 1000) * 1000).padStart(6, '0')} ${strftime(ms, '%Y')}]`;
}

/** Apache httpd in the foreground (`httpd-foreground`, `httpd -DFOREGROUND`, php-apache's `apache2-foreground`). */
export function httpdLike(page: string): Executable {
  return function* (argv: string[], ctx: ProcessContext): Co<number> {
    const name = argv[0].split('/').pop();
    if (name === 'httpd' && !argv.some((a) => /FOREGROUND/.test(a))) return 0;
    const stamp = () => httpdStamp(ctx.wallMs());
    const server = name === 'apache2-foreground' ? 'apache2' : 'httpd';
    const fqdn = `AH00558: ${server}: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. ` + "Set the 'ServerName' directive globally to suppress this message";
    ctx.stderr(fqdn);
    ctx.stderr(fqdn);
    ctx.stderr(`${stamp()} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`);
    ctx.stderr(`${stamp()} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`);
    ctx.setUsage({ cpuMilli: 1, memoryBytes: 8 * 1024 * 1024 });
    const notFound = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n</body></html>\n';
    ctx.listen(80, { http: accessLogged(ctx, staticSite({ '/': page, '/index.html': page, '/index.php': page }, notFound), false) });
    handleSignals(ctx, (sig) => {
      if (sig === 'SIGWINCH') return { code: 0, delayMs: 100, stream: 'stderr', lines: [`${stamp()} [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`] };
      if (sig === 'SIGTERM' || sig === 'SIGINT') return { code: 0, stream: 'stderr', lines: [`${stamp()} [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down`] };
      return null;
    });
    return yield* serveForever();
  };
}

/** `python3 -m http.server [PORT]`; `-c` runs the print()/time.sleep() statements it can read. */
export function* python(argv: string[], ctx: ProcessContext): Co<number> {
  const args = argv.slice(1).filter((a) => a !== '-u');
  if (args[0] === '-m' && args[1] === 'http.server') {
    const port = Number(args.slice(2).find((a) => /^\d+$/.test(a)) ?? 8000);
    // stdout is block-buffered without a terminal: this line shows only with PYTHONUNBUFFERED (or -u).
    if (ctx.env.PYTHONUNBUFFERED || argv.includes('-u')) ctx.stdout(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`);
    ctx.setUsage({ cpuMilli: 1, memoryBytes: 12 * 1024 * 1024 });
    ctx.listen(port, {
      http: (req) => {
        const ok = req.path === '/' || req.path.startsWith('/?');
        const stamp = strftime(ctx.wallMs(), '%d/%b/%Y %H:%M:%S');
        if (!ok) ctx.stderr(`${req.remoteAddr} - - [${stamp}] code 404, message File not found`);
        ctx.stderr(`${req.remoteAddr} - - [${stamp}] "GET ${req.path} HTTP/1.1" ${ok ? 200 : 404} -`);
        return ok ? { status: 200, body: '<!DOCTYPE HTML>\n<html lang="en">\n<head><title>Directory listing for /</title></head>\n</html>\n' } : { status: 404, body: 'File not found' };
      },
    });
    handleSignals(ctx, (sig) => (sig === 'SIGINT' ? { code: 0, lines: ['', 'Keyboard interrupt received, exiting.'] } : sig === 'SIGTERM' ? { code: 143 } : null));
    return yield* serveForever();
  }
  if (args[0] === '-c') return yield* scriptLike(args[1] ?? '', ctx, /print\(\s*(['"])(.*?)\1\s*\)/, /time\.sleep\(\s*([\d.]+)\s*\)/);
  if (args[0] && !args[0].startsWith('-')) {
    ctx.stderr(`${argv[0].split('/').pop()}: can't open file '/${args[0].replace(/^\//, '')}': [Errno 2] No such file or directory`);
    return 2;
  }
  return 0;
}

/** `node`: `-e` runs the console.log()/setTimeout-free statements it can read; a script file is missing. */
export function* node(argv: string[], ctx: ProcessContext): Co<number> {
  const args = argv.slice(1);
  if (args[0] === '-e' || args[0] === '--eval') return yield* scriptLike(args[1] ?? '', ctx, /console\.log\(\s*(['"`])(.*?)\1\s*\)/, null);
  if (args[0] && !args[0].startsWith('-')) {
    const file = args[0].startsWith('/') ? args[0] : `/${args[0]}`;
    for (const l of [
      'node:internal/modules/cjs/loader:1252',
      '  throw err;',
      '  ^',
      '',
      `Error: Cannot find module '${file}'`,
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1249:15)',
      '    at node:internal/main/run_main_module:36:49 {',
      "  code: 'MODULE_NOT_FOUND',",
      '  requireStack: []',
      '}',
      '',
      'Node.js v22.13.1',
    ]) ctx.stderr(l);
    return 1;
  }
  return 0;
}

// A one-liner in another language, run statement by statement: prints of literals and sleeps.
function* scriptLike(src: string, ctx: ProcessContext, print: RegExp, sleep: RegExp | null): Co<number> {
  for (const stmt of src.split(/[;\n]/)) {
    const p = print.exec(stmt);
    if (p) ctx.stdout(p[2]);
    const s = sleep?.exec(stmt);
    if (s) yield* ctx.sleep(Math.round(Number(s[1]) * 1000));
  }
  return 0;
}

/** hashicorp/http-echo: answers every request with `-text`. */
export function* httpEcho(argv: string[], ctx: ProcessContext): Co<number> {
  const text = flag(argv, 'text');
  if (text === undefined) {
    ctx.stderr('Missing -text option!');
    return 127;
  }
  const listen = flag(argv, 'listen') ?? ':5678';
  const port = Number(listen.split(':').pop());
  ctx.stderr(`${logStamp(ctx.wallMs())} [INFO] server is listening on ${listen}`);
  ctx.setUsage({ cpuMilli: 0, memoryBytes: 1536 * 1024 });
  ctx.listen(port, {
    http: (req) => {
      ctx.stderr(`${logStamp(ctx.wallMs())} ${ctx.podIP}:${port} ${req.remoteAddr}:41234 "GET ${req.path} HTTP/1.1" 200 ${text.length + 1} "${req.userAgent}" 12.3µs`);
      return { status: 200, body: `${text}\n` };
    },
  });
  goDefaultSignals(ctx);
  return yield* serveForever();
}

/** traefik/whoami: tells who answered. */
export function* whoami(argv: string[], ctx: ProcessContext): Co<number> {
  const port = Number(flag(argv, 'port') ?? 80);
  ctx.stdout(`${logStamp(ctx.wallMs())} Starting up on port ${port}`);
  ctx.setUsage({ cpuMilli: 0, memoryBytes: 1024 * 1024 });
  ctx.listen(port, { http: (req) => ({ status: 200, body: `Hostname: ${ctx.hostname}\nIP: 127.0.0.1\nIP: ${ctx.podIP}\nRemoteAddr: ${req.remoteAddr}:41234\nGET ${req.path} HTTP/1.1\nUser-Agent: ${req.userAgent}\n` }) });
  goDefaultSignals(ctx);
  return yield* serveForever();
}
