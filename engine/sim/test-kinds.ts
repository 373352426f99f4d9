// Small process kinds for testing and measuring hosts: they exercise timers, datagrams, streams and
// the disk without any of etcd's logic.

import type { Input, Process, ProcessId, ProcessKind } from './env';

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
  /** Keep the whole log (tests) or only counts (benchmarks). */
  log?: boolean;
}

type PingMsg = { kind: 'ping' | 'pong'; n: number; sentAt: number };

/** Pings every peer every `intervalMs` and answers every ping with a pong; counts pings on its disk. */
export const pingerKind: ProcessKind<PingerConfig> = {
  name: 'pinger',
  create(env, cfg): Process {
    const t: PingerTelemetry = { sent: 0, received: 0, log: [] };
    let n = env.disk.get<number>('pings') ?? 0;
    if (cfg.peers.length > 0) env.setTimer(cfg.intervalMs, 'ping');
    return {
      receive(input: Input) {
        if (input.type === 'timer') {
          for (const p of cfg.peers) {
            env.send(p, { kind: 'ping', n: ++n, sentAt: env.now() } satisfies PingMsg);
            t.sent++;
          }
          env.disk.put('pings', n);
          env.setTimer(cfg.intervalMs, 'ping');
          return;
        }
        if (input.type !== 'message') return;
        const msg = input.msg as PingMsg;
        if (cfg.crashOn !== undefined && msg.n === cfg.crashOn) throw new Error(`${env.id}: crash on ping ${msg.n}`);
        t.received++;
        if (cfg.log !== false) t.log.push([input.from, msg.n, msg.sentAt, env.now()]);
        if (msg.kind === 'ping') env.send(input.from, { kind: 'pong', n: msg.n, sentAt: env.now() } satisfies PingMsg);
      },
      telemetry: () => ({ ...t, log: [...t.log] }),
    };
  },
  describe: (msg) => (msg as PingMsg).kind,
};

/** Counts what it receives (datagrams and stream data) and keeps the count on its disk; acks each. */
export const counterKind: ProcessKind<null> = {
  name: 'counter',
  create(env): Process {
    let count = env.disk.get<number>('count') ?? 0;
    const boots = (env.disk.get<number>('boots') ?? 0) + 1;
    env.disk.put('boots', boots);
    return {
      receive(input: Input) {
        if (input.type !== 'message' && input.type !== 'data') return;
        count++;
        env.disk.put('count', count);
        if (input.type === 'message') env.send(input.from, { kind: 'ack', count, msg: input.msg });
        else env.write(input.stream, { kind: 'ack', count, msg: input.msg });
      },
      telemetry: () => ({ count, boots }),
    };
  },
};

/** Draws three numbers from its random stream at start and shows them, to compare hosts' streams. */
export const diceKind: ProcessKind<null> = {
  name: 'dice',
  create(env): Process {
    const draws = [env.rng.nextUint32(), env.rng.nextUint32(), env.rng.nextUint32()];
    return { receive() {}, telemetry: () => draws };
  },
};

/** Every test kind, for hosts that start them by name. */
export const testKinds = [pingerKind, counterKind, diceKind];
