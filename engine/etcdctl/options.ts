// The public options and result of one etcdctl run (the contract runEtcdctl implements).

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
  /** Ends watch / keep-alive / a hung request like Ctrl-C: the run then resolves with code 130. */
  signal?: AbortSignal;
  /**
   * Waits `ms` on the caller's clock. Needed for lease keep-alive renewals and for clientv3's retry
   * backoff; without it keep-alive renews once and retries are skipped.
   */
  sleep?: (ms: number) => Promise<void>;
}

/** What etcdctl printed and its exit code. */
export interface EtcdctlResult {
  code: number;
  stdout: string;
  stderr: string;
}
