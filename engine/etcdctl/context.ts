// State of one etcdctl run that commands share: output, stdin, the global flags, the printer
// (initDisplayFromCmd) and clientv3 sessions (mustClientFromCmd) — ctlv3/command/global.go.

import type { EtcdClient } from '../etcd/types';
import type { Invocation } from './cobra';
import { ExitBadConnection, ExitBadFeature, ExitError, exitWithError, type Io } from './io';
import type { EtcdctlOptions } from './options';
import { newPrinter, type Printer } from './printers';
import { RpcFailure, Session, type SessionEnv } from './rpc';
import { pseudoUuid } from './zap';

/** One run of etcdctl. */
export class RunContext {
  private clients = 0;
  private stdinLeft: string;
  printer: Printer | null = null;

  constructor(
    readonly io: Io,
    readonly client: EtcdClient,
    readonly opts: EtcdctlOptions,
    private readonly seed: string,
  ) {
    this.stdinLeft = opts.stdin ?? '';
  }

  /** Reads one line including its "\n"; `eof` when no newline was left (bufio ReadString's io.EOF). */
  readLine(): { line: string; eof: boolean } {
    const nl = this.stdinLeft.indexOf('\n');
    if (nl < 0) {
      const line = this.stdinLeft;
      this.stdinLeft = '';
      return { line, eof: true };
    }
    const line = this.stdinLeft.slice(0, nl + 1);
    this.stdinLeft = this.stdinLeft.slice(nl + 1);
    return { line, eof: false };
  }

  /** Reads the rest of stdin (ioutil.ReadAll). */
  readAll(): string {
    const all = this.stdinLeft;
    this.stdinLeft = '';
    return all;
  }

  /** --endpoints, trimmed as endpointsFromCmd trims them. */
  endpoints(inv: Invocation): string[] {
    return (inv.flags.values.get('endpoints') as string[]).map((e) => e.trim());
  }

  /** --command-timeout in ms. */
  commandTimeoutMs(inv: Invocation): number {
    return Number(inv.flags.values.get('command-timeout') as bigint) / 1e6;
  }

  /** initDisplayFromCmd: picks the printer for -w, exiting 4 on an unknown format. */
  display(inv: Invocation): Printer {
    const format = inv.flags.values.get('write-out') as string;
    const printer = newPrinter(format, inv.flags.values.get('hex') === true, this.io);
    if (!printer) exitWithError(this.io, ExitBadFeature, 'unsupported output format');
    this.printer = printer;
    return printer;
  }

  /** What sessions need to reach the cluster. */
  sessionEnv(inv: Invocation): SessionEnv {
    return {
      client: this.client,
      io: this.io,
      nowMs: this.opts.nowMs,
      commandTimeoutMs: this.commandTimeoutMs(inv),
      sleep: this.opts.sleep,
      signal: this.opts.signal,
      newClientId: () => pseudoUuid(`${this.seed}#${this.clients++}`),
    };
  }

  /** mustClientFromCmd: sets up the printer, then a balanced client over --endpoints. */
  mustClient(inv: Invocation): Session {
    this.display(inv);
    const endpoints = this.endpoints(inv);
    // clientv3.New fails before dialing anything.
    if (endpoints.length === 0) exitWithError(this.io, ExitBadConnection, 'etcdclient: no available endpoints');
    return new Session(this.sessionEnv(inv), endpoints);
  }
}

/** Awaits an RPC; when it fails, prints "Error: <wrap(text)>" and exits with `code` (ExitWithError). */
export async function orExit<T>(io: Io, p: Promise<T>, code = ExitError, wrap = (m: string): string => m): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof RpcFailure) exitWithError(io, code, wrap(e.message));
    throw e;
  }
}
