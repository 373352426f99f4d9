// CoreDNS as one process (`coredns`): the answering side of the pods the coredns Deployment runs.
// Its kubernetes plugin keeps informers on Services, EndpointSlices and Namespaces (and Pods under
// `pods verified`) as system:serviceaccount:kube-system:coredns, folds their events into
// DnsObjects, and answers each DnsQuery datagram through the kubeadm Corefile's chain
// (engine/dns/resolver.ts, with the `cache 30` plugin and loadbalance's shuffle). Until every
// informer has listed, names it cannot find are SERVFAIL, as CoreDNS answers before it has synced.

import type { EndpointSlice, Namespace, Pod, Service } from '../api/types';
import { res } from '../client/clientset';
import { Component, type ComponentConfig } from '../client/component';
import type { Informer } from '../client/informer';
import type { Env, Input, Process, ProcessKind } from '../sim/env';
import type { Rng } from '../sim/rng';
import { corednsServiceAccount, corednsUser } from './addon';
import { DnsCache, kubeadmCacheConfig } from './cache';
import { kubeadmKubernetesConfig, type KubernetesConfig, type KubernetesState } from './kubernetes';
import { DnsObjects } from './objects';
import { isDnsAnswer, isDnsQuery, type DnsType, type Rcode } from './protocol';
import { inspectDns, resolve, toDnsAnswer, type DnsInspection } from './resolver';

/** Plain config of the coredns process. */
export interface CorednsConfig extends ComponentConfig {
  /** `pods`: insecure (kubeadm's), verified (adds a Pod informer) or disabled. */
  podMode?: KubernetesConfig['podMode'];
  /** false drops the cache plugin (every answer from the informers' state at that moment). */
  cache?: boolean;
}

/** CoreDNS does not set a user agent: client-go's default for a binary named coredns. */
const userAgent = 'coredns/v0.0.0 (linux/amd64) kubernetes/$Format';

/** The static bearer token of the coredns service account (see docs/FIDELITY.md: upstream issues it a JWT). */
export function corednsToken(): string {
  return `kubeplay-static-token:kube-system:${corednsServiceAccount}`;
}

/** The apiserver's --token-auth-file rows for CoreDNS. */
export function corednsTokens(): { token: string; user: string; uid: string; groups: string[] }[] {
  return [{ token: corednsToken(), user: corednsUser, uid: '', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system'] }];
}

/** The coredns process kind. */
export const corednsKind: ProcessKind<CorednsConfig> = {
  name: 'coredns',
  create: (env, config) => new CorednsProcess(env, config),
  describe: (msg) => {
    if (isDnsQuery(msg)) return `${msg.type}? ${msg.name}`;
    if (isDnsAnswer(msg)) return `${msg.rcode} ${msg.answers.length}`;
    return null;
  },
};

/** How many recent errors (the errors plugin's log lines) telemetry keeps. */
const errorsKept = 20;

/** One CoreDNS. */
export class CorednsProcess implements Process {
  readonly c: Component;
  readonly objects: DnsObjects;
  private readonly k: KubernetesConfig;
  private readonly cache: DnsCache | undefined;
  private readonly rng: Rng;
  private synced = false;
  private readonly informers: Informer[] = [];
  queries = 0;
  private readonly byRcode: Partial<Record<Rcode, number>> = {};
  private readonly errors: string[] = [];

  constructor(
    private readonly env: Env,
    config: CorednsConfig,
  ) {
    this.c = new Component(env, config, userAgent);
    this.k = { ...kubeadmKubernetesConfig, podMode: config.podMode ?? kubeadmKubernetesConfig.podMode };
    this.cache = config.cache === false ? undefined : new DnsCache(kubeadmCacheConfig);
    this.rng = env.rng.fork('loadbalance');
    this.objects = new DnsObjects(() => Math.floor(this.c.wallMs() / 1000));
    this.watch();
  }

  // Models plugin/kubernetes/controller.go newdnsController: one informer per kind, feeding the indexes.
  private watch(): void {
    const f = this.c.informers;
    const o = this.objects;
    const services = f.informerFor<Service>(res('', 'services'));
    services.addEventHandler({ add: (s) => o.putService(s), update: (_, s) => o.putService(s), delete: (s) => o.deleteService(s) });
    const slices = f.informerFor<EndpointSlice>(res('discovery.k8s.io', 'endpointslices'));
    slices.addEventHandler({ add: (e) => o.putEndpointSlice(e), update: (_, e) => o.putEndpointSlice(e), delete: (e) => o.deleteEndpointSlice(e) });
    const namespaces = f.informerFor<Namespace>(res('', 'namespaces'));
    namespaces.addEventHandler({ add: (n) => o.putNamespace(n), update: (_, n) => o.putNamespace(n), delete: (n) => o.deleteNamespace(n) });
    this.informers.push(services, slices, namespaces);
    // `pods insecure` never looks pods up, and CoreDNS then does not run its pod informer.
    if (this.k.podMode === 'verified') {
      const pods = f.informerFor<Pod>(res('', 'pods'), { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed,status.phase!=Unknown' });
      pods.addEventHandler({ add: (p) => o.putPod(p), update: (_, p) => o.putPod(p), delete: (p) => o.deletePod(p) });
      this.informers.push(pods);
    }
    for (const inf of this.informers) this.c.spawn(inf.run(), `reflector ${inf.resource.resource}`);
    const self = this;
    this.c.spawn(
      (function* () {
        yield* self.c.informers.waitForCacheSync();
        self.synced = true;
      })(),
      'wait for sync',
    );
  }

  /** The plugin's state now. */
  get state(): KubernetesState {
    // Its own address, for NS answers: the first endpoint of kube-dns stands for "this pod".
    const local = this.objects.epIndex('kube-dns.kube-system')[0]?.addresses[0]?.ip;
    return { objects: this.objects, synced: this.synced, localIPs: local ? [local] : [] };
  }

  receive(input: Input): void {
    if (this.c.route(input)) return;
    if (input.type !== 'message' || !isDnsQuery(input.msg)) return;
    const q = input.msg;
    const m = resolve({ kubernetes: this.k, state: this.state, cache: this.cache, nowMs: this.env.now(), id: () => this.rng.nextUint32() & 0xffff }, q.name, q.type);
    this.queries++;
    this.byRcode[m.rcode] = (this.byRcode[m.rcode] ?? 0) + 1;
    if (m.error !== undefined) {
      this.errors.push(`[ERROR] ${m.error}`);
      if (this.errors.length > errorsKept) this.errors.shift();
    }
    this.env.send(input.from, toDnsAnswer(q, m));
  }

  /** What `c.inspect.dns(name, type)` shows: the answer from the informers' state now, past the cache. */
  inspect(name: string, type: DnsType = 'A'): DnsInspection {
    return inspectDns(this.state, name, type, this.k);
  }

  telemetry(): Record<string, unknown> {
    return {
      synced: this.synced,
      queries: this.queries,
      byRcode: { ...this.byRcode },
      cache: this.cache?.stats() ?? null,
      objects: this.objects.sizes(),
      informers: this.informers.map((i) => ({ resource: i.resource.resource, synced: i.hasSynced(), items: i.store.size })),
      errors: [...this.errors],
      crashes: this.c.crashes.slice(-10),
    };
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return this.c.conn.outstanding();
  }
}
