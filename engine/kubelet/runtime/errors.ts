// Errors from the container runtime, shaped as a gRPC status from containerd's CRI plugin: the
// kubelet shows `err.Error()` (`rpc error: code = NotFound desc = …`) in some places and only the
// description (`status.Message()`) in others, so both are kept.

/** The gRPC status codes containerd answers with. */
export type CriCode = 'Unknown' | 'NotFound' | 'DeadlineExceeded' | 'InvalidArgument' | 'FailedPrecondition' | 'AlreadyExists';

/** A failed CRI call. */
export class CriError extends Error {
  constructor(
    readonly code: CriCode,
    /** The status message (what grpcstatus.FromError(err).Message() returns). */
    readonly desc: string,
  ) {
    super(`rpc error: code = ${code} desc = ${desc}`);
    this.name = 'CriError';
  }
}

/** crierrors.IsNotFound. */
export function isNotFound(e: unknown): boolean {
  return e instanceof CriError && e.code === 'NotFound';
}
