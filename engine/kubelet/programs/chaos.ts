// The documented way to make a simulated container misbehave (docs/CONTAINERS.md): KUBEPLAY_*
// environment variables on the container. They are read once when the container starts, so a
// restarted container misbehaves again on the same schedule, as a buggy binary would.

import { mustParseQuantity } from '../../api/quantity';
import { parseDuration } from '../../etcdctl/goparse';

/** What the KUBEPLAY_* variables ask of one container; times are ms after it started. */
export interface Chaos {
  /** KUBEPLAY_CRASH_AFTER: the process exits with `exitCode` at this time. */
  crashAfterMs?: number;
  /** KUBEPLAY_EXIT_CODE (default 1). */
  exitCode: number;
  /** KUBEPLAY_LEAK: memory grows by this many bytes a second (OOMKilled at the memory limit). */
  leakBytesPerSecond?: number;
  /** KUBEPLAY_UNREADY_AFTER: readiness probes fail from this time on. */
  unreadyAfterMs?: number;
  /** KUBEPLAY_LIVENESS_FAIL_AFTER: liveness probes fail from this time on. */
  livenessFailAfterMs?: number;
  /** KUBEPLAY_START_DELAY: the program answers nothing (probes fail, ports are closed) until then. */
  startDelayMs?: number;
  /** KUBEPLAY_CPU: steady CPU use, in millicores. */
  cpuMilli?: number;
  /** KUBEPLAY_MEMORY: steady memory use, in bytes. */
  memoryBytes?: number;
  /** KUBEPLAY_CPU_PER_REQUEST: CPU time one served connection costs (engine/kubelet/stats.ts), in ms. */
  cpuPerRequestMs?: number;
  /** Variables that did not parse, with why: the container logs them on stderr. */
  problems: string[];
}

/** Reads the KUBEPLAY_* variables of a container's environment. */
export function parseChaos(env: Readonly<Record<string, string>>): Chaos {
  const chaos: Chaos = { exitCode: 1, problems: [] };
  const read = <T>(name: string, parse: (v: string) => T): T | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    try {
      return parse(v.trim());
    } catch {
      chaos.problems.push(`kubeplay: ignoring ${name}=${JSON.stringify(v)}: not a valid value`);
      return undefined;
    }
  };
  chaos.crashAfterMs = read('KUBEPLAY_CRASH_AFTER', durationMs);
  chaos.exitCode = read('KUBEPLAY_EXIT_CODE', exitCode) ?? 1;
  chaos.leakBytesPerSecond = read('KUBEPLAY_LEAK', leakRate);
  chaos.unreadyAfterMs = read('KUBEPLAY_UNREADY_AFTER', durationMs);
  chaos.livenessFailAfterMs = read('KUBEPLAY_LIVENESS_FAIL_AFTER', durationMs);
  chaos.startDelayMs = read('KUBEPLAY_START_DELAY', durationMs);
  chaos.cpuMilli = read('KUBEPLAY_CPU', (v) => mustParseQuantity(v).milliValue());
  chaos.memoryBytes = read('KUBEPLAY_MEMORY', (v) => mustParseQuantity(v).value());
  chaos.cpuPerRequestMs = read('KUBEPLAY_CPU_PER_REQUEST', durationMs);
  return chaos;
}

/** A Go duration (`30s`, `1m30s`, `500ms`) or a plain number of seconds, in ms. */
export function durationMs(v: string): number {
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const ns = parseDuration(v);
  if (ns < 0n) throw new Error('negative');
  return Number(ns / 1_000_000n);
}

function exitCode(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new Error('range');
  return n;
}

// `10Mi/s`, `1Mi/500ms`, or a bare quantity meaning per second.
function leakRate(v: string): number {
  const [amount, per = '1s'] = v.split('/');
  const bytes = mustParseQuantity(amount).value();
  const ms = durationMs(per === 's' ? '1s' : per === 'm' ? '1m' : per);
  if (ms <= 0) throw new Error('period');
  return (bytes * 1000) / ms;
}
