// The shell every in-cluster component process is built in (kube-scheduler, kube-controller-manager,
// a kubelet): one connection to the apiserver (through the control plane's load balancer), a
// clientset and shared informers over it, callback timers, and the coroutines the component runs
// (reflectors, workers, loops), all stepped inside the process's own receive. `stopAll` interrupts
// every coroutine, as a process that exits would stop them.

import type { Env, Input, ProcessId } from '../sim/env';
import { Callbacks } from '../sim/callbacks';
import { Cancelled, Coroutine, suspend, type Co } from '../sim/co';
import { ApiConnection, roundRobin } from './connection';
import { RestKubeClient } from './clientset';
import { InformerFactory } from './informer';
import { ApiEventRecorder } from './events';

/** What every component's config carries to reach the apiserver. */
export interface ComponentConfig {
  /** The apiservers behind the control plane's endpoint, for the load balancer. */
  apiservers: ProcessId[];
  /** The component's bearer token. */
  token: string;
  /** Wall ms that simulated 0 stands for (timestamps it writes). */
  epochMs: number;
}

/** The control plane's endpoint as kubeconfigs name it. */
const server = 'https://10.0.0.2:6443';

/** A component's connection, client, informers, timers and coroutines. */
export class Component {
  readonly conn: ApiConnection;
  readonly client: RestKubeClient;
  readonly informers: InformerFactory;
  readonly callbacks: Callbacks;
  private readonly running = new Set<Coroutine<unknown>>();
  /** Coroutines that ended with an error other than an interrupt, with the error's text (telemetry). */
  crashes: string[] = [];

  constructor(
    readonly env: Env,
    readonly config: ComponentConfig,
    userAgent: string,
  ) {
    // Each component's load balancer starts at a different apiserver, as connections spread over them.
    const start = hashName(env.id) % Math.max(1, config.apiservers.length);
    this.conn = new ApiConnection(env, roundRobin(config.apiservers, start), config.token, server);
    this.client = new RestKubeClient(this.conn, userAgent);
    this.informers = new InformerFactory(this.client, env.rng);
    this.callbacks = new Callbacks(env);
  }

  /** Hands an input to the connection or a callback timer; false when it is the component's own. */
  route(input: Input): boolean {
    if (this.conn.receive(input)) return true;
    if (input.type === 'timer' && this.callbacks.fire(input.tag)) return true;
    return false;
  }

  /** Wall ms now. */
  wallMs(): number {
    return this.config.epochMs + this.env.now();
  }

  /** Runs a coroutine until it ends or `stopAll`. */
  spawn(co: Co<unknown>, name = ''): void {
    const c: Coroutine<unknown> = new Coroutine(co, (o) => {
      this.running.delete(c);
      if (!o.ok && !(o.error instanceof Cancelled)) this.crashes.push(`${name ? `${name}: ` : ''}${o.error instanceof Error ? o.error.message : String(o.error)}`);
    });
    this.running.add(c);
    c.start();
  }

  /** Interrupts every running coroutine (a component stepping down, or stopping). */
  stopAll(): void {
    for (const c of [...this.running]) c.interrupt(new Cancelled());
    this.running.clear();
  }

  get coroutines(): number {
    return this.running.size;
  }

  /** An event recorder posting as `component`. */
  recorder(component: string, host?: string): ApiEventRecorder {
    return new ApiEventRecorder(this.client, { component, ...(host ? { host } : {}) }, () => this.wallMs(), (co) => this.spawn(co, 'event'));
  }

  /** Polls /healthz every second until it answers ok (WaitForAPIServer in the components' start-up). */
  *waitForAPIServer(): Co<void> {
    for (;;) {
      try {
        const res = yield* this.client.rest.call('GET', '/healthz');
        if (res.status === 200) return;
      } catch (e) {
        if (e instanceof Cancelled) throw e;
      }
      yield* this.sleep(1000);
    }
  }

  /** Sleeps `ms` simulated ms. */
  *sleep(ms: number): Co<void> {
    yield* suspend<void>((resume) => this.callbacks.after(ms, () => resume(undefined)));
  }

  /** Runs `co` for at most `ms`; throws TimeoutError (and cancels it) when it takes longer (context.WithTimeout). */
  *withTimeout<T>(co: Co<T>, ms: number): Co<T> {
    return yield* suspend<T>((resume, fail) => {
      let settled = false;
      const cancelTimer = this.callbacks.after(ms, () => {
        if (settled) return;
        settled = true;
        inner.interrupt(new Cancelled());
        fail(new TimeoutError());
      });
      const inner = new Coroutine(co, (o) => {
        if (settled) return;
        settled = true;
        cancelTimer();
        if (o.ok) resume(o.value);
        else fail(o.error);
      });
      inner.start();
      return () => {
        settled = true;
        cancelTimer();
        inner.interrupt(new Cancelled());
      };
    });
  }
}

/** context deadline exceeded. */
export class TimeoutError extends Error {
  constructor() {
    super('context deadline exceeded');
  }
}

/** A stable small hash of a process name (FNV-1a), to spread components over apiservers. */
function hashName(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
