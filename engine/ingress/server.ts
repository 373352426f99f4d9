// ingress-nginx as one process (`ingress-nginx`): the controller the addon's Deployment runs
// (engine/ingress/addon.ts) and the nginx it drives. Its informers (Ingresses, IngressClasses,
// Services, EndpointSlices, Nodes and its own pods) feed the configuration ingress-nginx renders
// (engine/ingress/match.ts); the requests that reach a controller pod's port 80 or 443 through the
// NodePort Service arrive from that pod's node as `proxy.http` (engine/kubelet/serve.ts), and are
// answered as nginx answers them: a 301 or the default backend's 404 from the configuration, a 503
// when the backend has no ready endpoint, else a connection to one endpoint chosen round robin per
// upstream (the Lua balancer's round_robin, the default load-balance), straight to the pod IP from
// the controller pod's address, retried on the next endpoint on a connect error or timeout
// (proxy_next_upstream "error timeout", 3 tries, proxy_connect_timeout 5 s), 502 or 504 when all fail.
// Status: as with no --publish-service, every served Ingress's status.loadBalancer.ingress lists
// the node IPs (ExternalIP, else InternalIP) of the Running, Ready controller pods, sorted; it is
// synced on a change (one second later) and every 60 s (status.go's UpdateInterval).

import type { EndpointSlice, Ingress, IngressClass, IngressLoadBalancerIngress, Node, Pod, Service } from '../api/types';
import { res } from '../client/clientset';
import { Component, type ComponentConfig } from '../client/component';
import type { Informer } from '../client/informer';
import { Cancelled, type Co } from '../sim/co';
import type { Cancel } from '../sim/co';
import type { Env, Input, Process, ProcessKind } from '../sim/env';
import { inCidr } from '../proxy/iptables/datapath';
import type { ProxyHttp, ProxyHttpAnswer, ServeReply, ServeSyn } from '../kubelet/serve';
import { ingressNginxNamespace, ingressNginxServiceAccount, ingressNginxUser } from './addon';
import { buildServers, nginxClassConfig, route, servesIngress, type Backend, type Servers } from './match';

/** Plain config of the ingress-nginx process. */
export interface IngressNginxConfig extends ComponentConfig {
  /** proxy-connect-timeout (5 s upstream; the fast profile may shorten it). */
  connectTimeoutMs?: number;
  /** proxy-read-timeout (60 s). */
  readTimeoutMs?: number;
}

/** client-go's default agent for the controller binary. */
const userAgent = 'nginx-ingress-controller/v1.12.1 (linux/amd64) ingress-nginx/51724dd';

/** The static bearer token of the controller's service account (upstream issues it a JWT; docs/FIDELITY.md). */
export function ingressNginxToken(): string {
  return `kubeplay-static-token:${ingressNginxNamespace}:${ingressNginxServiceAccount}`;
}

/** The apiserver's --token-auth-file rows for the controller. */
export function ingressNginxTokens(): { token: string; user: string; uid: string; groups: string[] }[] {
  return [{ token: ingressNginxToken(), user: ingressNginxUser, uid: '', groups: ['system:serviceaccounts', `system:serviceaccounts:${ingressNginxNamespace}`] }];
}

/** Whether a datagram is a request handed over from a controller pod. */
export function isProxyHttp(m: unknown): m is ProxyHttp {
  return !!m && typeof m === 'object' && (m as ProxyHttp).t === 'proxy.http';
}

/** The ingress-nginx process kind. */
export const ingressNginxKind: ProcessKind<IngressNginxConfig> = {
  name: 'ingress-nginx',
  create: (env, config) => new IngressNginxProcess(env, config),
  describe: (msg) => {
    if (isProxyHttp(msg)) return `${msg.http.method} ${msg.http.host ?? msg.podIP}${msg.http.path}`;
    const m = msg as ProxyHttpAnswer;
    if (m?.t === 'proxy.answer') return `${m.response.status}`;
    return null;
  },
};

/** nginx's built-in error pages (ngx_http_special_response.c, server_tokens off), CRLF-terminated as nginx writes them. */
export function nginxErrorPage(status: number): string {
  const titles: Record<number, string> = {
    301: '301 Moved Permanently',
    404: '404 Not Found',
    502: '502 Bad Gateway',
    503: '503 Service Temporarily Unavailable',
    504: '504 Gateway Time-out',
  };
  const t = titles[status] ?? `${status}`;
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const page = (status: number, extra: Record<string, string> = {}): ProxyHttpAnswer['response'] => ({ status, headers: { Server: 'nginx', 'Content-Type': 'text/html', ...extra }, body: nginxErrorPage(status) });

/** proxy_next_upstream_tries. */
const nextUpstreamTries = 3;
/** status.go's UpdateInterval. */
const statusIntervalMs = 60_000;

/** One ingress-nginx controller. */
export class IngressNginxProcess implements Process {
  readonly c: Component;
  private readonly ingresses: Informer<Ingress>;
  private readonly classes: Informer<IngressClass>;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private servers: Servers = buildServers([]);
  private dirty = true;
  private statusPending: Cancel | null = null;
  /** The round-robin position per upstream. */
  private readonly rr = new Map<string, number>();
  /** Connections to backends in flight, by our id. */
  private readonly flows = new Map<string, (r: ServeReply | null) => void>();
  private next = 1;
  requests = 0;
  private readonly byStatus: Record<string, number> = {};
  statusUpdates = 0;

  constructor(
    private readonly env: Env,
    private readonly config: IngressNginxConfig,
  ) {
    this.c = new Component(env, config, userAgent);
    const f = this.c.informers;
    this.ingresses = f.informerFor<Ingress>(res('networking.k8s.io', 'ingresses'));
    this.classes = f.informerFor<IngressClass>(res('networking.k8s.io', 'ingressclasses'));
    this.services = f.informerFor<Service>(res('', 'services'));
    this.slices = f.informerFor<EndpointSlice>(res('discovery.k8s.io', 'endpointslices'));
    this.nodes = f.informerFor<Node>(res('', 'nodes'));
    this.pods = f.informerFor<Pod>(res('', 'pods'), { labelSelector: 'app.kubernetes.io/component=controller,app.kubernetes.io/instance=ingress-nginx,app.kubernetes.io/name=ingress-nginx' });
    const changed = () => {
      this.dirty = true;
      this.statusSoon();
    };
    for (const inf of [this.ingresses, this.classes] as Informer[]) inf.addEventHandler({ add: changed, update: changed, delete: changed });
    for (const inf of [this.pods, this.nodes] as Informer[]) inf.addEventHandler({ add: () => this.statusSoon(), update: () => this.statusSoon(), delete: () => this.statusSoon() });
    for (const inf of [this.ingresses, this.classes, this.services, this.slices, this.nodes, this.pods] as Informer[]) this.c.spawn(inf.run(), `reflector ${inf.resource.resource}`);
    this.c.spawn(this.statusLoop(), 'status');
  }

  /** The Ingresses this controller serves (its IngressClass, or the annotation). */
  served(): Ingress[] {
    const classes = new Map(this.classes.store.list().map((c) => [c.metadata.name ?? '', c]));
    return this.ingresses.store.list().filter((i) => servesIngress(i, classes, nginxClassConfig));
  }

  /** The configuration now (rebuilt after a change, as the controller's sync does). */
  configuration(): Servers {
    if (this.dirty) {
      this.servers = buildServers(this.served());
      this.dirty = false;
    }
    return this.servers;
  }

  receive(input: Input): void {
    if (this.c.route(input)) return;
    if (input.type !== 'message') return;
    const m = input.msg;
    if (isProxyHttp(m)) return this.serve(input.from, m);
    const t = (m as { t?: string })?.t;
    if (t === 'serve.synack' || t === 'serve.fin' || t === 'serve.rst') {
      const r = m as ServeReply;
      this.flows.get(r.id)?.(r);
    }
  }

  // One request, as nginx handles it.
  private serve(from: string, req: ProxyHttp): void {
    this.requests++;
    const answer = (response: ProxyHttpAnswer['response']) => {
      this.byStatus[response.status] = (this.byStatus[response.status] ?? 0) + 1;
      this.env.send(from, { t: 'proxy.answer', id: req.id, response } satisfies ProxyHttpAnswer);
    };
    const r = route(this.configuration(), req.http.host, req.http.path);
    if ('redirect' in r) {
      const host = req.http.host ?? req.podIP;
      return answer(page(301, { Location: `${req.port === 443 ? 'https' : 'http'}://${host}${r.redirect}` }));
    }
    if (r.backend.kind === 'default') return answer(page(404));
    const { key, endpoints } = this.upstream(r.backend);
    if (endpoints.length === 0) return answer(page(503));
    this.proxy(req, key, endpoints, 0, answer);
  }

  // Models getEndpointsFromSlices: the ready endpoints of the Service port the backend names, as ip:targetPort.
  private upstream(b: Extract<Backend, { kind: 'service' }>): { key: string; endpoints: string[] } {
    const key = `${b.namespace}-${b.name}-${b.port.number ?? b.port.name ?? ''}`;
    const svc = this.services.store.get(b.namespace, b.name);
    if (!svc || svc.spec?.type === 'ExternalName') return { key, endpoints: [] };
    const sp = (svc.spec?.ports ?? []).find((p) => (b.port.number !== undefined ? p.port === b.port.number : p.name === b.port.name));
    if (!sp) return { key, endpoints: [] };
    const out: string[] = [];
    const seen = new Set<string>();
    const slices = this.slices.store.list(b.namespace).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === b.name);
    slices.sort((x, y) => ((x.metadata.name ?? '') < (y.metadata.name ?? '') ? -1 : 1));
    for (const s of slices) {
      if (s.addressType !== 'IPv4') continue;
      const port = (s.ports ?? []).find((p) => (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP') && (!sp.name || (p.name ?? '') === sp.name));
      if (!port || port.port === undefined || port.port === null) continue;
      for (const ep of s.endpoints ?? []) {
        if (ep.conditions?.ready === false) continue;
        for (const ip of ep.addresses ?? []) {
          const a = `${ip}:${port.port}`;
          if (!seen.has(a)) out.push(a);
          seen.add(a);
        }
      }
    }
    return { key, endpoints: out };
  }

  // proxy_pass to the next endpoint round robin; proxy_next_upstream on a connect error or timeout.
  private proxy(req: ProxyHttp, key: string, endpoints: string[], tries: number, answer: (r: ProxyHttpAnswer['response']) => void): void {
    const i = this.rr.get(key) ?? 0;
    this.rr.set(key, (i + 1) % endpoints.length);
    const endpoint = endpoints[i % endpoints.length];
    const [ip, port] = endpoint.split(':');
    const retry = (status: 502 | 504) => {
      if (tries + 1 < Math.min(nextUpstreamTries, endpoints.length)) return this.proxy(req, key, endpoints, tries + 1, answer);
      answer(page(status));
    };
    const to = this.routeTo(ip);
    const connectMs = this.config.connectTimeoutMs ?? 5000;
    if (!to) {
      this.c.callbacks.after(connectMs, () => retry(504));
      return;
    }
    const id = `${this.env.id}#${this.next++}`;
    let timer = this.c.callbacks.after(connectMs, () => {
      this.flows.delete(id);
      retry(504);
    });
    this.flows.set(id, (r) => {
      if (!r) return;
      if (r.t === 'serve.synack') {
        timer();
        timer = this.c.callbacks.after(req.durationMs + (this.config.readTimeoutMs ?? 60_000), () => {
          this.flows.delete(id);
          answer(page(504));
        });
        return;
      }
      timer();
      this.flows.delete(id);
      if (r.t === 'serve.rst') return retry(502);
      const resp = r.response;
      if (!resp || 'noHttp' in resp) return answer(page(502));
      answer({ status: resp.status, ...(resp.headers ? { headers: resp.headers } : {}), body: resp.body, upstream: endpoint });
    });
    const syn: ServeSyn = { t: 'serve.syn', id, ip, port: Number(port), proto: 'tcp', srcIP: req.podIP, durationMs: req.durationMs, http: { method: req.http.method, path: req.http.path, userAgent: req.http.userAgent, ...(req.http.host ? { host: req.http.host } : {}) } };
    this.env.send(to, syn);
  }

  // The node (its kubelet) that owns a pod IP, by the Nodes' podCIDRs: the routes the CNI writes.
  private routeTo(ip: string): string | null {
    for (const n of this.nodes.store.list()) {
      const cidr = n.spec?.podCIDR;
      if (cidr && inCidr(ip, cidr)) return n.metadata.name!;
      if (n.status?.addresses?.some((a) => a.type === 'InternalIP' && a.address === ip)) return n.metadata.name!;
    }
    return null;
  }

  private statusSoon(): void {
    if (this.statusPending) return;
    this.statusPending = this.c.callbacks.after(1000, () => {
      this.statusPending = null;
      this.c.spawn(this.syncStatus(), 'sync status');
    });
  }

  private *statusLoop(): Co<never> {
    yield* this.c.informers.waitForCacheSync();
    for (;;) {
      yield* this.syncStatus();
      yield* this.c.sleep(statusIntervalMs);
    }
  }

  // Models status.go runningAddresses (no --publish-service) and updateStatus.
  private runningAddresses(): IngressLoadBalancerIngress[] {
    const ips = new Set<string>();
    for (const p of this.pods.store.list(ingressNginxNamespace)) {
      if (p.status?.phase !== 'Running') continue;
      if (!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
      const node = p.spec?.nodeName ? this.nodes.store.get('', p.spec.nodeName) : undefined;
      const addrs = node?.status?.addresses ?? [];
      const ip = addrs.find((a) => a.type === 'ExternalIP' && a.address)?.address ?? addrs.find((a) => a.type === 'InternalIP' && a.address)?.address;
      if (ip) ips.add(ip);
    }
    return [...ips].sort().map((ip) => ({ ip }));
  }

  private *syncStatus(): Co<void> {
    if (!this.c.informers.all().every((i) => i.hasSynced())) return;
    const want = this.runningAddresses();
    for (const ing of this.served()) {
      const have = ing.status?.loadBalancer?.ingress ?? [];
      if (JSON.stringify(have) === JSON.stringify(want)) continue;
      const next: Ingress = { ...ing, status: { loadBalancer: want.length > 0 ? { ingress: want } : {} } };
      try {
        yield* this.c.client.update<Ingress>(res('networking.k8s.io', 'ingresses'), ing.metadata.namespace ?? '', next, 'status');
        this.statusUpdates++;
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        // A conflict or an outage: the next sync tries again.
      }
    }
  }

  telemetry(): Record<string, unknown> {
    const servers = this.configuration();
    return {
      requests: this.requests,
      byStatus: { ...this.byStatus },
      servers: [...servers.values()].map((s) => ({ hostname: s.hostname, locations: s.locations.map((l) => `${l.exact ? '= ' : ''}${l.path}`) })),
      statusUpdates: this.statusUpdates,
      informers: this.c.informers.all().map((i) => ({ resource: i.resource.resource, synced: i.hasSynced(), items: i.store.size })),
      inFlight: this.flows.size,
      crashes: this.c.crashes.slice(-10),
    };
  }

  outstanding(): { id: string; what: string; since: number }[] {
    return this.c.conn.outstanding();
  }
}
