// Output streams and exits of one etcdctl run, with etcdctl's exit codes (ctlv3/command/error.go).

// etcdctl's exit codes (ctlv3/command/error.go).
/** Success. */
export const ExitSuccess = 0;
/** Any other error. */
export const ExitError = 1;
/** Could not reach the cluster (lease timetolive/list/keep-alive errors). */
export const ExitBadConnection = 2;
/** Bad txn or watch input. */
export const ExitInvalidInput = 3;
/** A valid flag with an unsupported value (output format, sort order). */
export const ExitBadFeature = 4;
/** The server canceled a watch. */
export const ExitInterrupted = 5;
/** Wrong arguments. */
export const ExitBadArgs = 128;
/** What a shell reports for a process killed by SIGINT (Ctrl-C): 128 + 2. */
export const ExitSigint = 130;

/** Thrown to end a run with an exit code, as os.Exit does. */
export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Where a run writes: standard output and standard error, each streamed as it is written. */
export class Io {
  stdout = '';
  stderr = '';
  constructor(
    private readonly onStdout?: (chunk: string) => void,
    private readonly onStderr?: (chunk: string) => void,
  ) {}

  out(s: string): void {
    if (s === '') return;
    this.stdout += s;
    this.onStdout?.(s);
  }

  err(s: string): void {
    if (s === '') return;
    this.stderr += s;
    this.onStderr?.(s);
  }
}

/** ExitWithError: prints "Error: <msg>" to stderr and exits with `code`. */
export function exitWithError(io: Io, code: number, msg: string): never {
  io.err(`Error: ${msg}\n`);
  throw new Exit(code);
}

/** A Go runtime panic: etcdctl dies printing "panic: <message>" and a stack, exit code 2. */
export class GoPanic extends Error {}
