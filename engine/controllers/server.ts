// kube-controller-manager as its own process: leader-elected with the kube-system/kube-controller-manager
// Lease, and while leading it builds every enabled controller over one set of shared informers
// (cmd/kube-controller-manager/app/controllermanager.go Run → StartControllers), starts the
// informers, waits for their caches, then starts each controller's workers and loops.

import type { ProcessKind } from '../sim/env';
import type { Profile } from '../etcd/server/timing';
import { RestKubeClient } from '../client/clientset';
import type { Component, ComponentConfig } from '../client/component';
import { ElectedProcess, type LeaderWork } from '../client/elected';
import { WorkQueue } from '../client/workqueue';
import { timingsFor } from '../timings';
import { worker, type Controller, type ControllerContext } from './controller';
import { controllerEntries, controllerToken } from './index';

/** Plain config of a kube-controller-manager. */
export interface ControllerManagerConfig extends ComponentConfig {
  profile: Profile;
  /** --controllers: names to run; absent runs every one. */
  controllers?: string[];
}

const userAgent = 'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/59526cd';

/** The kube-controller-manager process kind. */
export const controllerManagerKind: ProcessKind<ControllerManagerConfig> = {
  name: 'kube-controller-manager',
  create: (env, config) => new ElectedProcess(env, config, 'kube-controller-manager', `${userAgent}/leader-election`, timingsFor(config.profile), (c) => new Controllers(c, config)),
};

/** The controllers of one term as leader. */
class Controllers implements LeaderWork {
  private readonly controllers: Controller[] = [];
  private readonly queues = new Map<string, WorkQueue>();
  private errors = 0;
  /** The last sync errors: controller, key, message. */
  private readonly recentErrors: string[] = [];

  constructor(
    private readonly c: Component,
    private readonly config: ControllerManagerConfig,
  ) {}

  start(): void {
    const timings = timingsFor(this.config.profile);
    for (const e of controllerEntries) {
      if (this.config.controllers && !this.config.controllers.includes(e.name)) continue;
      const ctx: ControllerContext = {
        client: new RestKubeClient(this.c.conn, userAgent, controllerToken(e.serviceAccount)),
        informers: this.c.informers,
        newQueue: (name) => {
          const q = new WorkQueue(name, this.c.callbacks, () => this.c.env.now());
          this.queues.set(name, q);
          return q;
        },
        recorder: (component) => this.c.recorder(component),
        now: () => this.c.env.now(),
        wallMs: () => this.c.wallMs(),
        rng: this.c.env.rng,
        spawn: (co) => this.c.spawn(co, e.name),
        timings,
      };
      this.controllers.push(e.make(ctx));
    }
    for (const inf of this.c.informers.all()) this.c.spawn(inf.run(), `reflector ${inf.resource.resource}`);
    const self = this;
    this.c.spawn(
      (function* () {
        yield* self.c.informers.waitForCacheSync();
        for (const ctrl of self.controllers) {
          const q = ctrl.queue as WorkQueue;
          for (let i = 0; i < ctrl.workers; i++) self.c.spawn(worker(ctrl, () => q.get(), (k) => q.done(k), (key, err) => self.syncFailed(ctrl.name, key, err)), `${ctrl.name} worker`);
          for (const loop of ctrl.loops?.() ?? []) self.c.spawn(loop, `${ctrl.name} loop`);
        }
      })(),
      'start controllers',
    );
  }

  private syncFailed(name: string, key: string, err: unknown): void {
    this.errors++;
    this.recentErrors.push(`${name} ${key}: ${err instanceof Error ? err.message : String(err)}`);
    if (this.recentErrors.length > 20) this.recentErrors.shift();
  }

  telemetry(): Record<string, unknown> {
    return {
      recentErrors: [...this.recentErrors],
      controllers: this.controllers.map((c) => ({ name: c.name, queue: c.queue.len, adds: (c.queue as WorkQueue).adds ?? 0 })),
      informers: this.c.informers.all().map((i) => ({ resource: i.resource.resource, synced: i.hasSynced(), items: i.store.size })),
      syncErrors: this.errors,
    };
  }
}
