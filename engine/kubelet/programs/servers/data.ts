// Data stores and cluster services of the catalogue: redis, postgres, mysql, memcached, etcd and
// CoreDNS. Each starts as the real one does (postgres and mysql refuse to start without a
// password, and take a while to initialise), listens on its port and stops on its signal.

import type { Co } from '../../../sim/co';
import type { ProcessContext } from '../program';
import { strftime } from '../coreutils';
import { flag, handleSignals, serveForever } from './serve';

const Mi = 1024 * 1024;

// redis's log line: `1:M 01 Jan 2025 00:00:00.000 * text`.
function redisLine(ctx: ProcessContext, role: 'C' | 'M', level: '*' | '#', text: string): void {
  const ms = ctx.wallMs();
  ctx.stdout(`1:${role} ${strftime(ms, '%d %b %Y %H:%M:%S')}.${String(ms % 1000).padStart(3, '0')} ${level} ${text}`);
}

/** redis-server: the default config, port 6379 (or `--port`). */
export function* redis(argv: string[], ctx: ProcessContext): Co<number> {
  const port = Number(flag(argv, 'port') ?? 6379);
  redisLine(ctx, 'C', '#', 'WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.');
  redisLine(ctx, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
  redisLine(ctx, 'C', '*', 'Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started');
  if (argv.length < 2) redisLine(ctx, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
  redisLine(ctx, 'M', '*', 'monotonic clock: POSIX clock_gettime');
  redisLine(ctx, 'M', '*', `Running mode=standalone, port=${port}.`);
  redisLine(ctx, 'M', '*', 'Server initialized');
  redisLine(ctx, 'M', '*', 'Ready to accept connections tcp');
  ctx.setUsage({ cpuMilli: 2, memoryBytes: 3 * Mi });
  ctx.listen(port, {});
  handleSignals(ctx, (sig) => {
    if (sig !== 'SIGTERM' && sig !== 'SIGINT') return null;
    const at = () => `${strftime(ctx.wallMs(), '%d %b %Y %H:%M:%S')}.000`;
    return { code: 0, delayMs: 20, lines: [
      `1:signal-handler (${Math.floor(ctx.wallMs() / 1000)}) Received ${sig} scheduling shutdown...`,
      `1:M ${at()} * User requested shutdown...`,
      `1:M ${at()} * Saving the final RDB snapshot before exiting.`,
      `1:M ${at()} * DB saved on disk`,
      `1:M ${at()} # Redis is now ready to exit, bye bye...`,
    ] };
  });
  return yield* serveForever();
}

// postgres's log prefix: `2025-01-01 00:00:00.000 UTC [1] `.
function pgStamp(ctx: ProcessContext): string {
  const ms = ctx.wallMs();
  return `${strftime(ms, '%F %T')}.${String(ms % 1000).padStart(3, '0')} UTC [1]`;
}

/** postgres (through the image's docker-entrypoint.sh): needs POSTGRES_PASSWORD, then initdb, then port 5432. */
export function* postgres(_argv: string[], ctx: ProcessContext): Co<number> {
  if (!ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
    for (const l of [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ])
      ctx.stderr(l);
    return 1;
  }
  ctx.stdout('The files belonging to this database system will be owned by user "postgres".');
  ctx.stdout('This user must also own the server process.');
  ctx.stdout('');
  ctx.setUsage({ cpuMilli: 50, memoryBytes: 30 * Mi });
  yield* ctx.sleep(2500);
  ctx.stdout('PostgreSQL init process complete; ready for start up.');
  ctx.stdout('');
  ctx.stderr(`${pgStamp(ctx)} LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`);
  ctx.stderr(`${pgStamp(ctx)} LOG:  listening on IPv4 address "0.0.0.0", port 5432`);
  ctx.stderr(`${pgStamp(ctx)} LOG:  database system is ready to accept connections`);
  ctx.setUsage({ cpuMilli: 3, memoryBytes: 22 * Mi });
  ctx.listen(5432, {});
  handleSignals(ctx, (sig) => {
    const mode = sig === 'SIGINT' ? 'fast' : sig === 'SIGTERM' ? 'smart' : sig === 'SIGQUIT' ? 'immediate' : null;
    if (!mode) return null;
    return { code: 0, delayMs: 200, stream: 'stderr', lines: [
      `${pgStamp(ctx)} LOG:  received ${mode} shutdown request`,
      `${pgStamp(ctx)} LOG:  database system is shut down`,
    ] };
  });
  return yield* serveForever();
}

/** mysqld (through docker-entrypoint.sh): needs a root password option, initialises for ~10 s, then port 3306. */
export function* mysql(_argv: string[], ctx: ProcessContext): Co<number> {
  const stamp = () => `${strftime(ctx.wallMs(), '%F %T')}+00:00`;
  ctx.stdout(`${stamp()} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.2.0-1.el9 started.`);
  const env = ctx.env;
  if (!env.MYSQL_ROOT_PASSWORD && !env.MYSQL_ALLOW_EMPTY_PASSWORD && !env.MYSQL_RANDOM_ROOT_PASSWORD) {
    for (const l of [
      `${stamp()} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
      '    You need to specify one of the following as an environment variable:',
      '    - MYSQL_ROOT_PASSWORD',
      '    - MYSQL_ALLOW_EMPTY_PASSWORD',
      '    - MYSQL_RANDOM_ROOT_PASSWORD',
    ]) ctx.stderr(l);
    return 1;
  }
  ctx.stdout(`${stamp()} [Note] [Entrypoint]: Initializing database files`);
  ctx.setUsage({ cpuMilli: 400, memoryBytes: 380 * Mi });
  yield* ctx.sleep(10_000);
  ctx.stdout(`${stamp()} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`);
  ctx.stdout(`${strftime(ctx.wallMs(), '%FT%T')}.000000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.2.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
  ctx.setUsage({ cpuMilli: 5, memoryBytes: 420 * Mi });
  ctx.listen(3306, {});
  handleSignals(ctx, (sig) => (sig === 'SIGTERM' || sig === 'SIGINT' ? { code: 0, delayMs: 1000, lines: [
    `${strftime(ctx.wallMs(), '%FT%T')}.000000Z 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: 9.2.0).`,
  ] } : null));
  return yield* serveForever();
}

/** memcached: port 11211, quiet. */
export function* memcached(argv: string[], ctx: ProcessContext): Co<number> {
  const port = Number(flag(argv, 'p') ?? flag(argv, 'port') ?? 11211);
  ctx.setUsage({ cpuMilli: 1, memoryBytes: 2 * Mi });
  ctx.listen(port, {});
  handleSignals(ctx, (sig) => (sig === 'SIGTERM' || sig === 'SIGINT' ? { code: 0, lines: [`Signal handled: ${sig === 'SIGTERM' ? 'Terminated' : 'Interrupt'}.`] } : null));
  return yield* serveForever();
}

/** etcd: client port from --listen-client-urls (127.0.0.1:2379 by default: unreachable from the kubelet). */
export function* etcd(argv: string[], ctx: ProcessContext): Co<number> {
  const urls = (flag(argv, 'listen-client-urls') ?? 'http://localhost:2379').split(',');
  const json = (level: string, msg: string) => ctx.stderr(`{"level":"${level}","ts":"${strftime(ctx.wallMs(), '%FT%T')}.000000Z","caller":"embed/etcd.go:128","msg":"${msg}"}`);
  json('info', 'configuring peer listeners');
  json('info', 'configuring client listeners');
  json('info', 'serving client traffic insecurely; this is strongly discouraged!');
  ctx.setUsage({ cpuMilli: 10, memoryBytes: 18 * Mi });
  for (const u of urls) {
    const m = /^https?:\/\/([^:/]+):(\d+)/.exec(u.trim());
    if (!m) continue;
    const loopback = m[1] === 'localhost' || m[1].startsWith('127.');
    ctx.listen(Number(m[2]), { http: (req) => (req.path === '/health' ? { status: 200, body: '{"health":"true","reason":""}' } : { status: 404, body: '404 page not found\n' }), grpc: () => 'SERVING', ...(loopback ? { loopbackOnly: true } : {}) });
  }
  handleSignals(ctx, (sig) => (sig === 'SIGTERM' || sig === 'SIGINT' ? { code: 0, delayMs: 50, stream: 'stderr', lines: [
    `{"level":"info","ts":"${strftime(ctx.wallMs(), '%FT%T')}.000000Z","caller":"osutil/interrupt_unix.go:64","msg":"received signal; shutting down","signal":"${sig === 'SIGTERM' ? 'terminated' : 'interrupt'}"}`,
  ] } : null));
  return yield* serveForever();
}

/** CoreDNS with its default (or given) Corefile: DNS on 53, /health on 8080, /ready on 8181, metrics on 9153. */
export function* coredns(_argv: string[], ctx: ProcessContext): Co<number> {
  ctx.stdout('.:53');
  ctx.stdout('[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908');
  ctx.stdout('CoreDNS-1.11.3');
  ctx.stdout('linux/amd64, go1.21.11, a6338e9');
  ctx.setUsage({ cpuMilli: 2, memoryBytes: 12 * Mi });
  ctx.listen(53, {});
  ctx.listen(8080, { http: (req) => (req.path === '/health' ? { status: 200, body: 'OK' } : { status: 404, body: '404 page not found\n' }) });
  ctx.listen(8181, { http: (req) => (req.path === '/ready' ? { status: 200, body: 'OK' } : { status: 404, body: '404 page not found\n' }) });
  ctx.listen(9153, { http: () => ({ status: 200, body: '# HELP coredns_build_info A metric with a constant 1 value.\n' }) });
  handleSignals(ctx, (sig) => (sig === 'SIGTERM' || sig === 'SIGINT' ? { code: 0, delayMs: 5000, lines: [
    '[INFO] SIGTERM: Shutting down servers then terminating',
    '[INFO] plugin/health: Going into lameduck mode for 5s',
  ] } : null));
  return yield* serveForever();
}

/** redis-cli [-h H] [-p P] ping: PONG when redis listens. */
export function* redisCli(argv: string[], ctx: ProcessContext): Co<number> {
  const port = Number(flag(argv, 'p') ?? 6379);
  if (!ctx.connect(port)) {
    ctx.stderr(`Could not connect to Redis at 127.0.0.1:${port}: Connection refused`);
    return 1;
  }
  if (argv.map((a) => a.toLowerCase()).includes('ping')) ctx.stdout('PONG');
  return 0;
}

/** pg_isready: exit 0 when postgres accepts connections, 2 when nothing answers. */
export function* pgIsready(argv: string[], ctx: ProcessContext): Co<number> {
  const port = Number(flag(argv, 'p') ?? flag(argv, 'port') ?? 5432);
  const up = ctx.connect(port);
  ctx.stdout(`/var/run/postgresql:${port} - ${up ? 'accepting connections' : 'no response'}`);
  return up ? 0 : 2;
}

/** mysqladmin ping: "mysqld is alive" when mysql listens. */
export function* mysqladmin(argv: string[], ctx: ProcessContext): Co<number> {
  if (!ctx.connect(3306)) {
    ctx.stderr("mysqladmin: connect to server at 'localhost' failed");
    ctx.stderr("error: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'");
    return 1;
  }
  if (argv.includes('ping')) ctx.stdout('mysqld is alive');
  return 0;
}
