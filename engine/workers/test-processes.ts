// Small processes for testing and measuring hosts: they exercise timers, messages and the disk
// without any of etcd's logic.

import type { Env, Process, ProcessFactory, ProcessId } from '../sim/env';

/** What a pinger has seen, for assertions. */
export interface PingerTelemetry {
  sent: number;
  received: number;
  /** [from, n, sentAt, receivedAt] of every ping or pong received. */
  log: [ProcessId, number, number, number][];
}

/** Config of a pinger (plain data, so a worker can build it). */
export interface PingerConfig {
  /** Whom to ping; none: only answer. */
  peers: ProcessId[];
  intervalMs: number;
  /** Throw on receiving this ping number (to test crashes). */
  crashOn?: number;
}

/** Pings every peer every `intervalMs` and answers every ping with a pong; counts pings on its disk. */
export function pinger(cfg: PingerConfig): ProcessFactory {
  return (env: Env): Process => {
    const t: PingerTelemetry = { sent: 0, received: 0, log: [] };
    let n = env.disk.get<number>('pings') ?? 0;
    const tick = () => {
      for (const p of cfg.peers) {
        env.send(p, { kind: 'ping', n: ++n, sentAt: env.now() });
        t.sent++;
      }
      env.disk.put('pings', n);
      env.setTimer(cfg.intervalMs, tick);
    };
    if (cfg.peers.length > 0) env.setTimer(cfg.intervalMs, tick);
    return {
      receive(from, raw) {
        const msg = raw as { kind: 'ping' | 'pong'; n: number; sentAt: number };
        if (cfg.crashOn !== undefined && msg.n === cfg.crashOn) throw new Error(`${env.id}: crash on ping ${msg.n}`);
        t.received++;
        t.log.push([from, msg.n, msg.sentAt, env.now()]);
        if (msg.kind === 'ping') env.send(from, { kind: 'pong', n: msg.n, sentAt: env.now() });
      },
      telemetry: () => ({ ...t, log: [...t.log] }),
    };
  };
}

/** Counts what it receives and keeps the count on its disk, so a restart resumes from it. */
export function counter(): ProcessFactory {
  return (env: Env): Process => {
    let count = env.disk.get<number>('count') ?? 0;
    const boots = (env.disk.get<number>('boots') ?? 0) + 1;
    env.disk.put('boots', boots);
    return {
      receive(from, msg) {
        count++;
        env.disk.put('count', count);
        env.send(from, { kind: 'ack', count, msg });
      },
      telemetry: () => ({ count, boots }),
    };
  };
}

/** Draws three numbers from its random stream at start and shows them, to compare hosts' streams. */
export function dice(): ProcessFactory {
  return (env: Env): Process => {
    const draws = [env.rng.nextUint32(), env.rng.nextUint32(), env.rng.nextUint32()];
    return { receive() {}, telemetry: () => draws };
  };
}
