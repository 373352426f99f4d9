// State of one etcdctl run that commands share: output, stdin, the global flags, the printer
// (initDisplayFromCmd) and clientv3 sessions (mustClientFromCmd) — ctlv3/command/global.go.

import type { EtcdClient } from '../etcd/types';
import type { Co } from '../sim/co';
import { inheritedFlags, type Invocation } from './cobra';
import { setPflagsFromEnv } from './env';
import { ExitBadArgs, ExitBadConnection, ExitBadFeature, ExitError, exitWithError, type Io } from './io';
import type { EtcdctlOptions } from './options';
import { newPrinter, type Printer } from './printers';
import { RpcFailure, Session, type SessionEnv } from './rpc';
import { pseudoUuid } from './zap';

/**
 * The resolver Go's net package names in a failed lookup ("lookup x on 127.0.0.53:53: no such
 * host"): the first nameserver of the host's resolv.conf, here systemd-resolved's stub as on a
 * kubeadm control-plane host. The simulated host resolves no SRV record at all.
 */
export const resolverAddress = '127.0.0.53:53';

/** The client side of a clientv3.Config: what clientConfigFromCmd gathers. */
export interface ClientConfig {
  endpoints: string[];
  /** --dial-timeout in ms; 0 means none. */
  dialTimeoutMs: number;
  /** Username and password when both are known (clientv3 authenticates only then). */
  auth: { username: string; password: string } | null;
}

/** One run of etcdctl. */
export class RunContext {
  private clients = 0;
  private stdinLeft: string;
  printer: Printer | null = null;

  private envApplied = false;

  constructor(
    readonly io: Io,
    readonly client: EtcdClient,
    readonly opts: EtcdctlOptions,
    private readonly seed: string,
    /** The command's environment (ETCDCTL_API already taken out, as etcdctl's main unsets it). */
    readonly env: Map<string, string> = new Map(),
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

  /**
   * flags.SetPflagsFromEnv("ETCDCTL", cmd.InheritedFlags()), as clientConfigFromCmd (and endpoint
   * health) call it: only the global flags (and a parent's persistent ones) are read from the
   * environment. Done once per run; watch swallows ETCDCTL_WATCH_KEY and ETCDCTL_WATCH_RANGE_END.
   */
  applyEnv(inv: Invocation): void {
    if (this.envApplied) return;
    this.envApplied = true;
    const discard = inv.cmd.use.startsWith('watch') ? ['watch-key', 'watch-range-end'] : [];
    setPflagsFromEnv(this.io, this.opts.nowMs(), inheritedFlags(inv.cmd), inv.flags, this.env, discard);
  }

  /** --endpoints, trimmed as endpointsFromCmd trims them. */
  endpoints(inv: Invocation): string[] {
    return (inv.flags.values.get('endpoints') as string[]).map((e) => e.trim());
  }

  /**
   * endpointsFromCmd: with --discovery-srv, the endpoints of the domain's _etcd-client(-ssl)._tcp SRV
   * records (srv.GetClient), which never resolve here; otherwise --endpoints.
   */
  endpointsFromCmd(inv: Invocation): string[] {
    const domain = inv.flags.values.get('discovery-srv') as string;
    if (domain === '') return this.endpoints(inv);
    const name = inv.flags.values.get('discovery-srv-name') as string;
    const lookup = (service: string): string => `lookup _${service}${name ? `-${name}` : ''}._tcp.${domain} on ${resolverAddress}: no such host`;
    return exitWithError(this.io, ExitError, `dns lookup errors: ${lookup('etcd-client-ssl')} and ${lookup('etcd-client')}`);
  }

  /** --command-timeout in ms (commandCtx: read when the command makes its context). */
  commandTimeoutMs(inv: Invocation): number {
    return Number(inv.flags.values.get('command-timeout') as bigint) / 1e6;
  }

  /** --dial-timeout in ms. */
  dialTimeoutMs(inv: Invocation): number {
    return Number(inv.flags.values.get('dial-timeout') as bigint) / 1e6;
  }

  /** secureCfgFromCmd's checks: --cert, --key and --cacert given empty are bad arguments (TLS itself is not modelled). */
  secureCfg(inv: Invocation): void {
    for (const name of ['cert', 'key', 'cacert']) {
      if (inv.flags.values.get(name) === '' && inv.flags.changed.has(name)) exitWithError(this.io, ExitBadArgs, `empty string is passed to --${name} option`);
    }
  }

  /** authCfgFromCmd: --user name:password, or --user and --password. A --user without a password would prompt; it is taken as no password. */
  authCfg(inv: Invocation): ClientConfig['auth'] {
    const user = inv.flags.values.get('user') as string;
    const password = inv.flags.values.get('password') as string;
    if (user === '') return null;
    let auth = { username: user, password };
    if (password === '') {
      const colon = user.indexOf(':');
      if (colon < 0) return null;
      auth = { username: user.slice(0, colon), password: user.slice(colon + 1) };
    }
    return auth.username !== '' && auth.password !== '' ? auth : null;
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
      newClientId: () => pseudoUuid(`${this.seed}#${this.clients++}`),
    };
  }

  /** clientConfigFromCmd: the environment, the endpoints, TLS and auth flags, then the printer. */
  clientConfig(inv: Invocation): ClientConfig {
    this.applyEnv(inv);
    const endpoints = this.endpointsFromCmd(inv);
    const dialTimeoutMs = this.dialTimeoutMs(inv);
    this.secureCfg(inv);
    const auth = this.authCfg(inv);
    this.display(inv);
    return { endpoints, dialTimeoutMs, auth };
  }

  /**
   * clientv3.New: a balanced client over `endpoints`; with credentials it first authenticates, which
   * fails with "context deadline exceeded" once --dial-timeout passes with no endpoint reachable.
   */
  *newClient(inv: Invocation, cfg: ClientConfig): Co<Session> {
    // clientv3.New fails before dialing anything.
    if (cfg.endpoints.length === 0) throw new RpcFailure('Unavailable', 'etcdclient: no available endpoints');
    const session = new Session(this.sessionEnv(inv), cfg.endpoints);
    if (cfg.auth) yield* session.authenticate(cfg.dialTimeoutMs);
    session.auth = cfg.auth !== null;
    return session;
  }

  /** mustClientFromCmd: clientConfigFromCmd then clientv3.New, exiting 2 when the client cannot be made. */
  *mustClient(inv: Invocation): Co<Session> {
    const cfg = this.clientConfig(inv);
    return yield* orExit(this.io, this.newClient(inv, cfg), ExitBadConnection);
  }
}

/** Waits for an RPC; when it fails, prints "Error: <wrap(text)>" and exits with `code` (ExitWithError). */
export function* orExit<T>(io: Io, co: Co<T>, code = ExitError, wrap = (m: string): string => m): Co<T> {
  try {
    return yield* co;
  } catch (e) {
    if (e instanceof RpcFailure) exitWithError(io, code, wrap(e.message));
    throw e;
  }
}
