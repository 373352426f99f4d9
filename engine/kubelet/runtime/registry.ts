// The container registries a simulated node can pull from: a catalogue of common images with
// their tags, compressed sizes (what containerd reports and node.status.images lists), image
// config (ENTRYPOINT, CMD, ENV, STOPSIGNAL) and the executables inside them. A reference that is
// not in the catalogue fails the way containerd fails against the real registry.

import { parseImageName } from '../../api/defaults/image';
import type { Signal } from '../programs/program';
import { CriError } from './errors';
import { pseudoDigestHex } from './ids';

/** The config of an image (the OCI image config fields a container run uses). */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  stopSignal: Signal;
  /** The executables on its PATH, by basename (programs/catalog.ts knows what each does). */
  binaries: readonly string[];
}

/** A repository of the catalogue. */
export interface CatalogRepository {
  /** Fully qualified: `docker.io/library/nginx`. */
  repository: string;
  /** Tag → compressed size in bytes. */
  tags: Record<string, number>;
  config: ImageConfig;
}

/** One resolved image: what a pull stores. */
export interface RegistryImage {
  /** `docker.io/library/nginx:latest`. */
  repoTag: string;
  /** `docker.io/library/nginx@sha256:…`. */
  repoDigest: string;
  /** The image id, `sha256:…` of its config. */
  id: string;
  sizeBytes: number;
  config: ImageConfig;
}

const coreBins = ['sh', 'sleep', 'echo', 'printf', 'cat', 'touch', 'rm', 'mkdir', 'ls', 'date', 'hostname', 'env', 'printenv', 'true', 'false', 'test', '[', 'tail', 'head', 'wc', 'grep', 'id', 'whoami', 'uname', 'pwd'];
// busybox's applets include its own nslookup and wget (the node's programs, engine/kubelet/exec, run them).
const busyboxBins = [...coreBins.slice(0, 1), 'ash', ...coreBins.slice(1), 'nslookup', 'wget'];
const debianBins = [...coreBins, 'bash', 'dash'];

function image(repository: string, tags: Record<string, number>, config: Partial<ImageConfig> & { binaries: readonly string[] }): CatalogRepository {
  return { repository, tags, config: { entrypoint: [], cmd: [], env: {}, stopSignal: 'SIGTERM', ...config } };
}

const path = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The catalogue, by repository. */
export const catalogue: readonly CatalogRepository[] = [
  image('registry.k8s.io/pause', { '3.10': 320_368, '3.9': 321_520, '3.8': 311_286, '3.6': 301_773 }, { entrypoint: ['/pause'], binaries: ['pause'] }),
  image('docker.io/library/nginx', { latest: 72_188_133, '1.27': 72_188_133, '1.27.3': 72_099_410, '1.27.4': 72_188_133, stable: 71_021_533, '1.26': 71_021_533, '1.25': 70_544_635, '1.25.5': 70_544_635, '1.16.1': 51_030_575, '1.14.2': 44_710_204, alpine: 20_510_335, '1.27-alpine': 20_510_335 }, {
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], env: { PATH: path, NGINX_VERSION: '1.27.4' }, stopSignal: 'SIGQUIT', binaries: [...debianBins, 'nginx', 'docker-entrypoint.sh', 'curl'],
  }),
  image('docker.io/library/busybox', { latest: 2_155_456, '1.37': 2_155_456, '1.37.0': 2_155_456, '1.36': 2_152_262, '1.36.1': 2_152_262, '1.35': 2_143_134, '1.28': 727_869, stable: 2_152_262, musl: 866_590, glibc: 2_155_456 }, {
    cmd: ['sh'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' }, binaries: busyboxBins,
  }),
  image('registry.k8s.io/busybox', { latest: 1_144_547, '1.27.2': 1_144_547 }, { cmd: ['sh'], binaries: busyboxBins }),
  image('docker.io/library/alpine', { latest: 3_653_068, '3': 3_653_068, '3.21': 3_653_068, '3.20': 3_626_898, '3.19': 3_418_409 }, { cmd: ['/bin/sh'], env: { PATH: path }, binaries: busyboxBins }),
  image('docker.io/library/ubuntu', { latest: 29_754_422, '24.04': 29_754_422, noble: 29_754_422, '22.04': 29_538_961, jammy: 29_538_961, '20.04': 27_508_102 }, { cmd: ['/bin/bash'], env: { PATH: path }, binaries: debianBins }),
  image('docker.io/library/debian', { latest: 48_491_954, bookworm: 48_491_954, '12': 48_491_954, 'bookworm-slim': 28_230_290, '12-slim': 28_230_290, bullseye: 53_739_325 }, { cmd: ['bash'], env: { PATH: path }, binaries: debianBins }),
  image('docker.io/library/redis', { latest: 45_714_839, '7': 45_714_839, '7.4': 45_714_839, '7.2': 41_227_114, '6.2': 40_179_325, alpine: 17_125_660, '7-alpine': 17_125_660 }, {
    entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], env: { PATH: path }, binaries: [...debianBins, 'redis-server', 'redis-cli', 'docker-entrypoint.sh'],
  }),
  image('docker.io/library/httpd', { latest: 58_092_122, '2.4': 58_092_122, '2.4.62': 58_092_122, alpine: 21_478_504, '2.4-alpine': 21_478_504 }, {
    cmd: ['httpd-foreground'], env: { PATH: `/usr/local/apache2/bin:${path}`, HTTPD_VERSION: '2.4.62' }, stopSignal: 'SIGWINCH', binaries: [...debianBins, 'httpd', 'httpd-foreground'],
  }),
  image('docker.io/library/postgres', { latest: 151_302_855, '17': 151_302_855, '16': 150_105_778, '15': 149_018_422, '17-alpine': 104_880_391, '16-alpine': 103_729_019 }, {
    entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], env: { PATH: path, PGDATA: '/var/lib/postgresql/data' }, stopSignal: 'SIGINT', binaries: [...debianBins, 'postgres', 'pg_isready', 'docker-entrypoint.sh'],
  }),
  image('docker.io/library/mysql', { latest: 172_331_622, '9': 172_331_622, '8': 171_240_318, '8.0': 165_210_090, '8.4': 171_240_318 }, {
    entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], env: { PATH: path }, binaries: [...debianBins, 'mysqld', 'mysqladmin', 'docker-entrypoint.sh'],
  }),
  image('docker.io/library/python', { latest: 383_415_018, '3': 383_415_018, '3.13': 383_415_018, '3.12': 382_076_933, '3.11': 380_954_372, '3.13-slim': 45_004_103, '3.12-slim': 44_877_310, '3.12-alpine': 19_114_811 }, {
    cmd: ['python3'], env: { PATH: path }, binaries: [...debianBins, 'python', 'python3'],
  }),
  image('docker.io/library/node', { latest: 398_264_201, lts: 398_264_201, '22': 398_264_201, '20': 392_553_980, '18': 386_913_338, '22-alpine': 56_318_492, '20-alpine': 48_910_667 }, {
    entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], env: { PATH: path }, binaries: [...debianBins, 'node', 'docker-entrypoint.sh'],
  }),
  image('docker.io/library/memcached', { latest: 31_022_419, '1.6': 31_022_419, alpine: 4_872_230 }, {
    entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], env: { PATH: path }, binaries: [...debianBins, 'memcached', 'docker-entrypoint.sh'],
  }),
  image('registry.k8s.io/coredns/coredns', { 'v1.11.3': 18_562_039, 'v1.11.1': 18_182_961, 'v1.10.1': 16_190_758 }, { entrypoint: ['/coredns'], binaries: ['coredns'] }),
  image('registry.k8s.io/etcd', { '3.5.16-0': 57_680_541, '3.5.15-0': 56_909_194, '3.5.1-0': 98_888_614 }, { cmd: ['/usr/local/bin/etcd'], binaries: ['etcd'] }),
  image('registry.k8s.io/e2e-test-images/agnhost', { '2.52': 51_394_062, '2.40': 51_155_161, '2.39': 51_105_200 }, { entrypoint: ['/agnhost'], binaries: [...busyboxBins, 'agnhost', 'curl', 'bash'] }),
  image('registry.k8s.io/goproxy', { '0.1': 1_701_242 }, { entrypoint: ['/goproxy'], binaries: ['goproxy'] }),
  image('registry.k8s.io/hpa-example', { latest: 80_133_020 }, { cmd: ['apache2-foreground'], stopSignal: 'SIGWINCH', env: { PATH: path }, binaries: [...debianBins, 'apache2-foreground'] }),
  image('docker.io/hashicorp/http-echo', { latest: 2_726_315, '1.0': 2_726_315, '0.2.3': 2_725_040 }, { entrypoint: ['/http-echo'], binaries: ['http-echo'] }),
  image('registry.k8s.io/ingress-nginx/controller', { 'v1.12.1': 105_843_264 }, { entrypoint: ['/usr/bin/dumb-init', '--'], cmd: ['/nginx-ingress-controller'], stopSignal: 'SIGTERM', env: { PATH: path }, binaries: [...busyboxBins, 'dumb-init', 'nginx-ingress-controller', 'wait-shutdown', 'nginx'] }),
  image('docker.io/traefik/whoami', { latest: 3_430_810, 'v1.10': 3_430_810 }, { entrypoint: ['/whoami'], binaries: ['whoami'] }),
];

// Registries that answer; a reference to any other host fails name resolution.
const knownRegistries = new Set(['docker.io', 'registry.k8s.io', 'gcr.io', 'quay.io', 'ghcr.io', 'public.ecr.aws', 'mcr.microsoft.com', 'registry.gitlab.com']);
// Old names that now redirect (k8s.gcr.io is served by registry.k8s.io).
const registryAliases: Record<string, string> = { 'k8s.gcr.io': 'registry.k8s.io', 'index.docker.io': 'docker.io', 'registry-1.docker.io': 'docker.io' };

/** A reference normalized as containerd names it: `docker.io/library/nginx:latest`, or with `@sha256:…`. */
export function normalizeReference(ref: string): { repository: string; tag: string; digest: string; normalized: string } | undefined {
  const parsed = parseImageName(ref);
  if (!parsed) return undefined;
  const slash = parsed.repository.indexOf('/');
  const host = parsed.repository.slice(0, slash);
  const repository = `${registryAliases[host] ?? host}${parsed.repository.slice(slash)}`;
  const normalized = parsed.digest ? `${repository}@${parsed.digest}` : `${repository}:${parsed.tag}`;
  return { repository, tag: parsed.tag, digest: parsed.digest, normalized };
}

/** Resolves a reference against the registries; throws the CriError containerd's PullImage returns. */
export function resolveImage(ref: string): RegistryImage {
  const n = normalizeReference(ref);
  if (!n) throw new CriError('Unknown', `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": invalid reference format`);
  const host = n.repository.slice(0, n.repository.indexOf('/'));
  const fail = (code: 'NotFound' | 'Unknown', why: string) => new CriError(code, `failed to pull and unpack image "${n.normalized}": failed to resolve reference "${n.normalized}": ${why}`);
  if (!knownRegistries.has(host)) {
    const path = n.repository.slice(host.length + 1);
    throw fail('Unknown', `failed to do request: Head "https://${host}/v2/${path}/manifests/${n.digest || n.tag}": dial tcp: lookup ${host.split(':')[0]}: no such host`);
  }
  const repo = catalogue.find((r) => r.repository === n.repository);
  if (!repo) {
    if (host === 'docker.io') throw fail('Unknown', 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
    throw fail('NotFound', `${n.normalized}: not found`);
  }
  const tag = n.digest ? Object.keys(repo.tags)[0] : n.tag;
  const size = repo.tags[tag];
  if (size === undefined) throw fail('NotFound', `${n.normalized}: not found`);
  const repoDigest = n.digest ? `${n.repository}@${n.digest}` : `${n.repository}@sha256:${pseudoDigestHex(`${n.repository}:${tag}`)}`;
  return { repoTag: n.digest ? '' : `${n.repository}:${tag}`, repoDigest, id: `sha256:${pseudoDigestHex(`config ${repoDigest}`)}`, sizeBytes: size, config: repo.config };
}

/** The sandbox ("pause") image containerd runs for every pod, pre-pulled on every node. */
export const sandboxImage = 'registry.k8s.io/pause:3.10';

/** How long a pull of `sizeBytes` takes from a registry (request round trips, then the layers). */
export function pullDurationMs(sizeBytes: number, bytesPerSecond: number, latencyMs: number): number {
  return latencyMs + Math.round((sizeBytes / bytesPerSecond) * 1000);
}
