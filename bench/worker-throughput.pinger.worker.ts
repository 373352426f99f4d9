// Benchmark helper: a pinger (engine/workers/test-processes.ts) in its own Worker, to time WorkerHost's ticks without etcd.
import { serveProcess } from '../engine/workers/serve-process';
import { pinger, type PingerConfig } from '../engine/workers/test-processes';

serveProcess((cfg: PingerConfig) => pinger(cfg));
