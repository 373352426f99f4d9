// The images Kubernetes itself and its documentation use: the pause container, agnhost (the e2e
// test image: `liveness` is the HTTP liveness example of the probe docs, `netexec`, `serve-hostname`,
// `pause`, `grpc-health-checking`), goproxy (the TCP probe example), and the docker-entrypoint.sh
// wrappers of the official images.

import type { Co } from '../../../sim/co';
import type { ProcessContext } from '../program';
import { strftime } from '../coreutils';
import { mysql, postgres } from './data';
import { flag, goDefaultSignals, handleSignals, logStamp, serveForever } from './serve';

/** /pause: sleeps until SIGINT or SIGTERM. */
export function* pause(_argv: string[], ctx: ProcessContext): Co<number> {
  ctx.setUsage({ cpuMilli: 0, memoryBytes: 256 * 1024 });
  handleSignals(ctx, (sig) => (sig === 'SIGTERM' || sig === 'SIGINT' ? { code: 0, stream: 'stderr', lines: [`Shutting down, got signal: ${sig === 'SIGTERM' ? 'Terminated' : 'Interrupt'}`] } : null));
  return yield* serveForever();
}

const agnhostCommands = [
  'audit-proxy',
  'connect',
  'crd-conversion-webhook',
  'dns-server-list',
  'dns-suffix-list',
  'entrykeeper',
  'etc-hosts',
  'fake-gitserver',
  'grpc-health-checking',
  'guestbook',
  'inclusterclient',
  'liveness',
  'logs-generator',
  'mounttest',
  'net',
  'netexec',
  'nettest',
  'no-snat-test',
  'no-snat-test-proxy',
  'pause',
  'port-forward-tester',
  'porter',
  'resource-consumer-controller',
  'serve-hostname',
  'tcp-reset',
  'test-webserver',
  'webhook',
];

/** agnhost SUBCOMMAND [flags]. */
export function* agnhost(argv: string[], ctx: ProcessContext): Co<number> {
  const [sub, ...args] = argv.slice(1);
  ctx.setUsage({ cpuMilli: 0, memoryBytes: 5 * 1024 * 1024 });
  switch (sub) {
    case 'liveness':
      return yield* agnhostLiveness(ctx);
    case 'netexec':
      return yield* agnhostNetexec(args, ctx);
    case 'serve-hostname': {
      const port = Number(flag(args, 'port') ?? 9376);
      ctx.stderr(`${logStamp(ctx.wallMs())} Serving on port ${port}.`);
      ctx.listen(port, { http: () => ({ status: 200, body: ctx.hostname }) });
      handleSignals(ctx, (sig) => (sig === 'SIGTERM' ? { code: 0, lines: [`${logStamp(ctx.wallMs())} Received signal: terminated`] } : null));
      return yield* serveForever();
    }
    case 'test-webserver': {
      ctx.listen(Number(flag(args, 'port') ?? 80), { http: (req) => (req.path === '/' ? { status: 200, body: 'hello' } : { status: 404, body: '404 page not found\n' }) });
      goDefaultSignals(ctx);
      return yield* serveForever();
    }
    case 'pause':
      ctx.stdout('Paused');
      handleSignals(ctx, (sig) => (sig === 'SIGTERM' || sig === 'SIGINT' ? { code: 0, lines: [`Signal received: ${sig === 'SIGTERM' ? 'terminated' : 'interrupt'}`] } : null));
      return yield* serveForever();
    case 'grpc-health-checking':
      return yield* agnhostGrpc(args, ctx);
    case undefined:
      for (const l of ['Usage:', '  agnhost [flags]', '  agnhost [command]', '', 'Available Commands:', ...agnhostCommands.map((c) => `  ${c}`)]) ctx.stdout(l);
      return 0;
    default:
      if (agnhostCommands.includes(sub)) {
        goDefaultSignals(ctx);
        return yield* serveForever();
      }
      ctx.stderr(`Error: unknown command "${sub}" for "agnhost"`);
      ctx.stderr("Run 'agnhost --help' for usage.");
      return 1;
  }
}

// /healthz answers 200 for the first 10 seconds, then 500 with how long it has been up.
function* agnhostLiveness(ctx: ProcessContext): Co<number> {
  const started = ctx.now();
  ctx.listen(8080, {
    http: (req) => {
      if (req.path !== '/healthz') return { status: 404, body: '404 page not found\n' };
      const up = (ctx.now() - started) / 1000;
      if (up > 10) return { status: 500, body: `error: ${up.toFixed(6)}` };
      return { status: 200, body: 'ok' };
    },
  });
  goDefaultSignals(ctx);
  return yield* serveForever();
}

function* agnhostNetexec(args: string[], ctx: ProcessContext): Co<number> {
  const httpPort = Number(flag(args, 'http-port') ?? 8080);
  const udpPort = Number(flag(args, 'udp-port') ?? 8081);
  ctx.stderr(`${logStamp(ctx.wallMs())} Started HTTP server on port ${httpPort}`);
  ctx.stderr(`${logStamp(ctx.wallMs())} Started UDP server on port ${udpPort}`);
  ctx.listen(httpPort, {
    http: (req) => {
      const [path, query = ''] = req.path.split('?');
      if (path === '/hostname') return { status: 200, body: ctx.hostname };
      if (path === '/echo') return { status: 200, body: queryParam(query, 'msg') };
      if (path === '/clientip') return { status: 200, body: `${req.remoteAddr}:41234` };
      if (path === '/' || path === '') return { status: 200, body: `NOW: ${strftime(ctx.wallMs(), '%F %T')}.000000000 +0000 UTC` };
      return { status: 404, body: '404 page not found\n' };
    },
  });
  handleSignals(ctx, (sig) => (sig === 'SIGTERM' ? { code: 0, lines: [`${logStamp(ctx.wallMs())} Received SIGTERM, exiting`], stream: 'stderr' } : null));
  return yield* serveForever();
}

function* agnhostGrpc(args: string[], ctx: ProcessContext): Co<number> {
  const port = Number(flag(args, 'port') ?? 5000);
  const httpPort = Number(flag(args, 'http-port') ?? 8080);
  let serving = true;
  ctx.listen(port, { grpc: () => (serving ? 'SERVING' : 'NOT_SERVING') });
  ctx.listen(httpPort, {
    http: (req) => {
      if (req.path === '/make-serving') serving = true;
      else if (req.path === '/make-not-serving') serving = false;
      else return { status: 404, body: '404 page not found\n' };
      return { status: 200, body: '' };
    },
  });
  goDefaultSignals(ctx);
  return yield* serveForever();
}

/** registry.k8s.io/goproxy: an HTTP proxy on 8080 (a TCP probe target). */
export function* goproxy(_argv: string[], ctx: ProcessContext): Co<number> {
  ctx.setUsage({ cpuMilli: 0, memoryBytes: 2 * 1024 * 1024 });
  ctx.listen(8080, {});
  goDefaultSignals(ctx);
  return yield* serveForever();
}

/** The official images' docker-entrypoint.sh: set up for the image's server, then exec "$@". */
export function* dockerEntrypoint(argv: string[], ctx: ProcessContext): Co<number> {
  const args = argv.slice(1);
  const cmd = args[0]?.split('/').pop();
  if (cmd === 'nginx' || cmd === 'nginx-debug') {
    for (const l of [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ])
      ctx.stdout(l);
  }
  if (cmd === 'postgres') return yield* postgres(args, ctx);
  if (cmd === 'mysqld') return yield* mysql(args, ctx);
  if (args.length === 0) return 0;
  const code = yield* ctx.exec(args);
  if (code === null) {
    ctx.stderr(`/usr/local/bin/docker-entrypoint.sh: line 11: exec: ${args[0]}: not found`);
    return 127;
  }
  return code;
}

// One parameter of a URL query string, decoded ('' when absent).
function queryParam(query: string, name: string): string {
  for (const kv of query.split('&')) {
    const [k, v = ''] = kv.split('=');
    if (k === name) return decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return '';
}
