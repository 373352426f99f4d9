// Which program an executable name runs. An image's PATH holds the binaries its catalogue entry
// lists (runtime/registry.ts); a name resolves by its basename, so `/bin/sh`, `sh` and
// `/usr/sbin/nginx` all find theirs.

import type { ImageConfig } from '../runtime/registry';
import { coreutils } from './coreutils';
import type { Executable } from './program';
import { coredns, etcd, memcached, mysql, mysqladmin, pgIsready, postgres, redis, redisCli } from './servers/data';
import { agnhost, dockerEntrypoint, goproxy, pause } from './servers/k8s';
import { httpdLike, httpEcho, nginx, node, python, whoami } from './servers/web';
import { dumbInit, nginxIngressController, waitShutdown } from './servers/ingress';

const itWorks = '<html><body><h1>It works!</h1></body></html>\n';

const programs: Record<string, Executable> = {
  ...coreutils,
  nginx,
  'nginx-debug': nginx,
  httpd: httpdLike(itWorks),
  'httpd-foreground': httpdLike(itWorks),
  'apache2-foreground': httpdLike('OK!'),
  python,
  python3: python,
  node,
  'redis-server': redis,
  'redis-cli': redisCli,
  pg_isready: pgIsready,
  mysqladmin,
  postgres,
  mysqld: mysql,
  memcached,
  etcd,
  coredns,
  agnhost,
  goproxy,
  pause,
  'http-echo': httpEcho,
  whoami,
  'docker-entrypoint.sh': dockerEntrypoint,
  'dumb-init': dumbInit,
  'nginx-ingress-controller': nginxIngressController,
  'wait-shutdown': waitShutdown,
};

/** The executable `name` runs in an image with `config`, or undefined (not on its PATH). */
export function resolveExecutable(config: ImageConfig, name: string): Executable | undefined {
  const base = name.split('/').pop() ?? name;
  if (!config.binaries.includes(base)) return undefined;
  return programs[base];
}
