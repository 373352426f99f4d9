// How kubectl reports errors (k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr and
// StandardErrorMessage): an API Status prints `Error from server (Reason): message`, an Invalid
// one `The Kind "name" is invalid: field: detail` (one cause) or a bullet list, a transport failure
// its own sentence, anything else `error: message`; all exit 1.

import type { Status } from '../api/types';

/** An error answered by the apiserver: its Status. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
  }
  get code(): number {
    return this.status.code ?? 0;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** A command's own error (`error: …`), with the exit code kubectl uses. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** An error already printed in full; only the exit code is left. */
export class SilentExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** A Status as an ApiError whose message names the source, as cmdutil.AddSourceToErr does (`error when creating "STDIN": …`). */
export function withSource(e: ApiError, verb: string, source: string): ApiError {
  if (!source) return e;
  return new ApiError({ ...e.status, message: `error when ${verb} "${source}": ${e.status.message ?? ''}` });
}

/** The text kubectl prints for an API error, with the trailing newline (StandardErrorMessage + checkErr). */
export function apiErrorText(s: Status): string {
  if (s.reason === 'Invalid' || s.code === 422) {
    const d = s.details;
    const head = d && (d.kind || d.name) ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const causes = (d?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
    if (causes.length === 0) return s.message && !(d && (d.kind || d.name)) ? `${head}: ${s.message}\n` : `${head}\n`;
    if (causes.length === 1) return `${head}: ${causes[0]}\n`;
    return `${head}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
  }
  if (s.reason) return `Error from server (${s.reason}): ${s.message ?? ''}\n`;
  return `Error from server: ${s.message ?? ''}\n`;
}
