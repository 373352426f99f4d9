// client-go's leader election over a coordination.k8s.io Lease (tools/leaderelection): a candidate
// tries to acquire the lease every retryPeriod (jittered by 1.2), taking it when it is free or when
// the holder has not renewed it for leaseDuration as this candidate observed it (its own clock,
// never the holder's timestamps); the leader renews every retryPeriod and steps down when it could
// not renew for renewDeadline. kube-scheduler and kube-controller-manager elect with 15 s / 10 s / 2 s.

import type { Lease } from '../api/types';
import { rfc3339Micro } from '../apiserver/registry/objects';
import { Cancelled, type Co } from '../sim/co';
import { isNotFound, res } from './clientset';
import type { Component } from './component';

/** The lock and the timings (LeaderElectionConfig). */
export interface LeaderElectionConfig {
  namespace: string;
  name: string;
  /** `<host>_<uuid>`, as the components build it. */
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

/** What the elector reports (telemetry, the canvas's leader marks). */
export interface LeaderState {
  leading: boolean;
  /** The holder as last observed. */
  holder: string;
  transitions: number;
}

const jitterFactor = 1.2;
const leases = res('coordination.k8s.io', 'leases');

/** One candidate's elector. */
export class LeaderElector {
  private observed: Lease | null = null;
  private observedAtMs = 0;
  readonly state: LeaderState = { leading: false, holder: '', transitions: 0 };

  constructor(
    private readonly c: Component,
    private readonly cfg: LeaderElectionConfig,
  ) {}

  /**
   * Campaigns until it leads, runs `lead` (which must not return) while leading, and returns when
   * leadership is lost: upstream's components exit there and are restarted; the caller decides.
   */
  *run(lead: () => void): Co<void> {
    yield* this.acquire();
    this.state.leading = true;
    lead();
    yield* this.renew();
    this.state.leading = false;
  }

  private *acquire(): Co<void> {
    for (;;) {
      if (yield* this.attempt()) return;
      yield* this.c.sleep(this.cfg.retryPeriodMs * (1 + this.c.env.rng.next() * jitterFactor));
    }
  }

  /** Renews every retryPeriod; returns when renewDeadline passed without a successful renewal. */
  private *renew(): Co<void> {
    for (;;) {
      const deadline = this.c.env.now() + this.cfg.renewDeadlineMs;
      let renewed = false;
      while (!renewed && this.c.env.now() < deadline) {
        renewed = yield* this.attempt(deadline - this.c.env.now());
        if (!renewed) yield* this.c.sleep(Math.min(this.cfg.retryPeriodMs, Math.max(1, deadline - this.c.env.now())));
      }
      if (!renewed) return;
      yield* this.c.sleep(this.cfg.retryPeriodMs);
    }
  }

  /** tryAcquireOrRenew, bounded by `timeoutMs`; false on any failure. */
  private *attempt(timeoutMs = this.cfg.renewDeadlineMs): Co<boolean> {
    try {
      return yield* this.c.withTimeout(this.tryAcquireOrRenew(), timeoutMs);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      return false;
    }
  }

  // Models staging/src/k8s.io/client-go/tools/leaderelection/leaderelection.go tryAcquireOrRenew.
  private *tryAcquireOrRenew(): Co<boolean> {
    const now = rfc3339Micro(this.c.wallMs());
    const me = this.cfg.identity;
    let cur: Lease;
    try {
      cur = yield* this.c.client.get<Lease>(leases, this.cfg.namespace, this.cfg.name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      const created = yield* this.c.client.create<Lease>(leases, this.cfg.namespace, {
        kind: 'Lease',
        apiVersion: 'coordination.k8s.io/v1',
        metadata: { name: this.cfg.name, namespace: this.cfg.namespace },
        spec: { holderIdentity: me, leaseDurationSeconds: this.cfg.leaseDurationMs / 1000, acquireTime: now, renewTime: now, leaseTransitions: 0 },
      });
      this.observe(created);
      return true;
    }
    const spec = cur.spec ?? {};
    if (!this.observed || JSON.stringify(this.observed.spec) !== JSON.stringify(cur.spec)) this.observe(cur);
    const holder = spec.holderIdentity ?? '';
    const expired = this.observedAtMs + (spec.leaseDurationSeconds ?? 0) * 1000 <= this.c.env.now();
    if (holder !== '' && holder !== me && !expired) return false;
    const transitions = (spec.leaseTransitions ?? 0) + (holder === me ? 0 : 1);
    const next: Lease = {
      ...cur,
      spec: {
        ...spec,
        holderIdentity: me,
        leaseDurationSeconds: this.cfg.leaseDurationMs / 1000,
        acquireTime: holder === me ? spec.acquireTime : now,
        renewTime: now,
        leaseTransitions: transitions,
      },
    };
    const updated = yield* this.c.client.update<Lease>(leases, this.cfg.namespace, next);
    this.observe(updated);
    return true;
  }

  private observe(l: Lease): void {
    this.observed = l;
    this.observedAtMs = this.c.env.now();
    this.state.holder = l.spec?.holderIdentity ?? '';
    this.state.transitions = l.spec?.leaseTransitions ?? 0;
  }
}
