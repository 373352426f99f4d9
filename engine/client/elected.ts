// A leader-elected component process (kube-scheduler, kube-controller-manager): it campaigns for a
// Lease in kube-system and does its work only while it leads. Upstream's components exit when they
// lose the lease ("leaderelection lost") and their static pod is restarted; here the process drops
// everything it runs (connection, informers, workers) and boots afresh as a new candidate, with a
// new identity, which is what the restart amounts to.

import type { Env, Input, Process } from '../sim/env';
import type { Timings } from '../timings';
import { uuid } from '../apiserver/registry/objects';
import { Component, type ComponentConfig } from './component';
import { LeaderElector, type LeaderState } from './leaderelection';

type Timer = { t: 'reboot' };

/** What the component does while leading, built fresh on every boot. */
export interface LeaderWork {
  /** Starts the work (informers, workers); runs in the component's coroutines. */
  start(): void;
  telemetry(): Record<string, unknown>;
}

/** A process that campaigns and, while leading, runs the work `makeWork` builds. */
export class ElectedProcess implements Process {
  private comp!: Component;
  private elector!: LeaderElector;
  private work: LeaderWork | null = null;
  identity = '';
  /** Times this process lost the lease and rebooted. */
  lost = 0;

  constructor(
    private readonly env: Env,
    private readonly config: ComponentConfig,
    private readonly lease: string,
    private readonly userAgent: string,
    private readonly timings: Timings,
    private readonly makeWork: (c: Component) => LeaderWork,
  ) {
    this.boot();
  }

  get component(): Component {
    return this.comp;
  }

  get leader(): LeaderState {
    return this.elector.state;
  }

  private boot(): void {
    this.comp = new Component(this.env, this.config, this.userAgent);
    this.identity = `${this.env.id}_${uuid(this.env.rng)}`;
    this.elector = new LeaderElector(this.comp, {
      namespace: 'kube-system',
      name: this.lease,
      identity: this.identity,
      leaseDurationMs: this.timings.leaseDurationMs,
      renewDeadlineMs: this.timings.renewDeadlineMs,
      retryPeriodMs: this.timings.retryPeriodMs,
    });
    this.work = null;
    const comp = this.comp;
    comp.spawn(
      (function* (self: ElectedProcess) {
        yield* comp.waitForAPIServer();
        yield* self.elector.run(() => {
          self.work = self.makeWork(comp);
          self.work.start();
        });
        // Lost the lease: exit and come back, as the static pod's restart does.
        self.env.setTimer(0, { t: 'reboot' } satisfies Timer);
      })(this),
      'leader-election',
    );
  }

  receive(input: Input): void {
    if (this.comp.route(input)) return;
    if (input.type === 'timer' && (input.tag as Timer)?.t === 'reboot') {
      this.lost++;
      this.comp.stopAll();
      this.comp.conn.close();
      this.boot();
    }
  }

  telemetry(): Record<string, unknown> {
    return {
      identity: this.identity,
      leading: this.elector.state.leading,
      holder: this.elector.state.holder,
      leaseTransitions: this.elector.state.transitions,
      lost: this.lost,
      crashes: this.comp.crashes.slice(-10),
      ...(this.work?.telemetry() ?? {}),
    };
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return this.comp.conn.outstanding();
  }
}
