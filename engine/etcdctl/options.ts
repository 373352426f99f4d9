// The public options and result of one etcdctl run (the contract runEtcdctl implements). Ctrl-C is
// not an option: it is Coroutine.interrupt(new Aborted()) (or startEtcdctl's interrupt()).

/** Options of one etcdctl run. */
export interface EtcdctlOptions {
  /** Standard input: `txn` reads its requests here, `put <key>` its value. */
  stdin?: string;
  /** Wall-clock-like epoch ms for the timestamps etcdctl prints (zap's "ts"); a virtual clock. */
  nowMs: () => number;
  /** Streaming output (watch, lease keep-alive): chunks as they are written. */
  onStdout?: (chunk: string) => void;
  /** Standard error as it is written, so a terminal can interleave it with stdout as etcdctl does. */
  onStderr?: (chunk: string) => void;
}

/** What etcdctl printed and its exit code. */
export interface EtcdctlResult {
  code: number;
  stdout: string;
  stderr: string;
}
