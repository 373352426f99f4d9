// The exec stream, as remotecommand's v4 protocol (v4.channel.k8s.io) shapes it: upstream upgrades
// the connection (SPDY or WebSocket) and multiplexes channels on it — 0 stdin, 1 stdout, 2 stderr,
// 3 error, where the error channel carries one metav1.Status when the command ends. Here the kubelet
// answers the request with an upgraded (101) streamed response whose chunks are these frames, one
// JSON line each; the apiserver proxies them untouched and kubectl demultiplexes them.

import type { Status } from '../../api/types';

/** The remotecommand channels the exec stream carries (stdin travels in the request body). */
export const channel = { stdout: 1, stderr: 2, error: 3 } as const;

/** One frame: output on stdout or stderr, or the Status of the end. */
export type ExecFrame = { ch: 1; data: string } | { ch: 2; data: string } | { ch: 3; status: Status };

/** The protocol an upgraded exec response names. */
export const streamProtocol = 'v4.channel.k8s.io';

/** A frame as a chunk of the streamed response. */
export function encodeFrame(f: ExecFrame): string {
  return `${JSON.stringify(f)}\n`;
}

/** Splits streamed data into frames; the remainder (a frame cut in two) is kept for the next call. */
export function decodeFrames(buffer: string): { frames: ExecFrame[]; rest: string } {
  const frames: ExecFrame[] = [];
  let rest = buffer;
  for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    if (line.trim()) frames.push(JSON.parse(line) as ExecFrame);
  }
  return { frames, rest };
}

// Models pkg/kubelet/cri/streaming/remotecommand/httpstream.go (v4 writeStatus) and exec.go ServeExec.
/** The error channel's Status for how a command ended: Success, or NonZeroExitCode with its code. */
export function exitStatus(cmd: readonly string[], code: number): Status {
  if (code === 0) return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${cmd.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** The error channel's Status for a command that could not start (an InternalError, as ServeExec writes it). */
export function execErrorStatus(message: string): Status {
  const err = `error executing command in container: ${message}`;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Internal error occurred: ${err}`, reason: 'InternalError', details: { causes: [{ message: err }] }, code: 500 };
}

/** The exit code a NonZeroExitCode Status carries, or null for any other Status. */
export function exitCodeOf(s: Status): number | null {
  if (s.status !== 'Failure' || s.reason !== 'NonZeroExitCode') return null;
  const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
  const n = Number(cause?.message);
  return Number.isInteger(n) ? n : null;
}
