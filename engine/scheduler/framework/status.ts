// The result of running a plugin, as pkg/scheduler/framework/interface.go defines it: a code, the
// reasons a user reads in `kubectl describe pod`, an optional error and the plugin that said it.
// A null Status means Success, as a nil *Status does upstream.

/** framework.Code: what a plugin's answer means for the pod. */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

/** framework.MaxNodeScore: the highest score a Score plugin may give after normalising. */
export const MaxNodeScore = 100;
/** framework.MinNodeScore: the lowest. */
export const MinNodeScore = 0;

// Models pkg/scheduler/framework/interface.go (Status)
/** framework.Status: a plugin's verdict. Mutable only through setPlugin/appendReason, as upstream. */
export class Status {
  private failedPlugin = '';

  constructor(
    private readonly statusCode: Code,
    private readonly statusReasons: string[] = [],
    private readonly statusErr?: Error,
  ) {}

  /** framework.NewStatus. */
  static new(code: Code, ...reasons: string[]): Status {
    return new Status(code, reasons);
  }

  /** framework.AsStatus: an Error status wrapping err (null for no error). */
  static asStatus(err: Error | string | null | undefined): Status | null {
    if (err === null || err === undefined) return null;
    return new Status('Error', [], typeof err === 'string' ? new Error(err) : err);
  }

  /** Status.Code of a possibly-null status: null is Success. */
  static code(s: Status | null | undefined): Code {
    return s ? s.statusCode : 'Success';
  }

  /** Status.IsSuccess of a possibly-null status. */
  static isSuccess(s: Status | null | undefined): boolean {
    return Status.code(s) === 'Success';
  }

  /** Status.IsRejected of a possibly-null status. */
  static isRejected(s: Status | null | undefined): boolean {
    return !!s && s.isRejected();
  }

  /** Status.Message of a possibly-null status ('' for null). */
  static message(s: Status | null | undefined): string {
    return s ? s.message() : '';
  }

  code(): Code {
    return this.statusCode;
  }

  /** The error first, then the reasons (Status.Reasons). */
  reasons(): string[] {
    return this.statusErr ? [this.statusErr.message, ...this.statusReasons] : [...this.statusReasons];
  }

  /** The reasons joined by ", " (Status.Message). */
  message(): string {
    return this.reasons().join(', ');
  }

  /** The error a non-success status amounts to, or null (Status.AsError). */
  asError(): Error | null {
    if (this.isSuccess() || this.isWait() || this.isSkip()) return null;
    return this.statusErr ?? new Error(this.message());
  }

  /** The plugin that returned this status (Status.Plugin). */
  plugin(): string {
    return this.failedPlugin;
  }

  /** Records the plugin that returned it; the framework calls this (Status.SetPlugin). */
  setPlugin(plugin: string): void {
    this.failedPlugin = plugin;
  }

  /** setPlugin that returns the status, for chaining (Status.WithPlugin). */
  withPlugin(plugin: string): Status {
    this.setPlugin(plugin);
    return this;
  }

  /** Status.AppendReason. */
  appendReason(reason: string): void {
    this.statusReasons.push(reason);
  }

  /** A copy with err as its error (Status.WithError). */
  withError(err: Error): Status {
    const s = new Status(this.statusCode, [...this.statusReasons], err);
    s.failedPlugin = this.failedPlugin;
    return s;
  }

  isSuccess(): boolean {
    return this.statusCode === 'Success';
  }

  isWait(): boolean {
    return this.statusCode === 'Wait';
  }

  isSkip(): boolean {
    return this.statusCode === 'Skip';
  }

  /** Unschedulable, UnschedulableAndUnresolvable or Pending: the pod cannot go there now (Status.IsRejected). */
  isRejected(): boolean {
    return this.statusCode === 'Unschedulable' || this.statusCode === 'UnschedulableAndUnresolvable' || this.statusCode === 'Pending';
  }

  /** Same code, reasons, error text and plugin (Status.Equal). */
  equal(o: Status | null): boolean {
    if (o === null) return this.isSuccess();
    const e1 = this.statusErr?.message;
    const e2 = o.statusErr?.message;
    const sameReasons = this.statusReasons.length === o.statusReasons.length && this.statusReasons.every((r, i) => r === o.statusReasons[i]);
    return this.statusCode === o.statusCode && e1 === e2 && sameReasons && this.failedPlugin === o.failedPlugin;
  }

  toString(): string {
    return this.message();
  }
}
