// The one cluster implementation, over any ClusterHost: which processes make up the cluster, the
// client etcdctl runs in, and every action a person or a test takes, each recorded as a step at the
// simulated microsecond it was taken. The headless Cluster (engine/cluster.ts, over SimHost) and the
// browser cluster (engine/workers/browser-cluster.ts, over WorkerHost) are thin shells around it,
// which is why a session recorded in a browser replays headless to the same digest.

import type { ClusterHost, HostActions } from './sim/host';
import { US_PER_MS } from './sim/runtime';
import type { ProcessId } from './sim/env';
import type { NetworkOptions } from './sim/network';
import type { ClientCommand, CommandListener, EtcdClientProcess } from './etcd/server/client';
import type { EtcdMemberOptions, EtcdTiming, Profile } from './etcd';
import type { ApiServerConfig } from './apiserver/server';
import type { HttpRequest } from './apiserver/http';
import type { KubectlCommand, KubectlConfig, KubectlListener, KubectlProcess } from './kubectl/client';
import type { ControllerManagerConfig } from './controllers/server';
import type { SchedulerConfig } from './scheduler/server';
import { timingsFor } from './timings';
import { controllerTokens } from './controllers/tokens';
import { clientCertToken } from './apiserver/auth/client-cert';
import type { KubeletConfig, NodeShape } from './kubelet/config';
import type { Taint } from './api/types';
import type { KubeProxyConfig } from './proxy/server';
import type { ProxyMode } from './proxy/config';
import type { IpvsSchedulerName } from './proxy/ipvs/schedulers';
import type { TrafficCommand, TrafficConfig, TrafficListener, TrafficProcess, TrafficRequest } from './proxy/traffic';
import { corednsToken, corednsTokens, type CorednsConfig } from './dns/server';
import { corednsProcessId } from './dns/protocol';
import { ingressNginxToken, ingressNginxTokens, type IngressNginxConfig } from './ingress/server';
import { ingressNginxProcessId } from './ingress/addon';

/** Options of a cluster (DESIGN.md, "Headless contract"). Plain data: a recording carries them. */
export interface ClusterOptions {
  /** Every random choice derives from it. */
  seed?: number;
  /** etcd-0 … etcd-(n-1). */
  etcdMembers?: number;
  /** Worker nodes node-1 … node-n, or their shapes; each runs a kubelet. */
  nodes?: number | NodeSpec[];
  /** true: kube-apiserver(s) and kubectl beside etcd; false or absent: an etcd-only cluster. */
  controlPlane?: boolean;
  /** How many kube-apiservers (HA behind one endpoint); 1 by default. */
  apiservers?: number;
  /** How many kube-controller-managers (leader-elected); 2 by default. */
  controllerManagers?: number;
  /** How many kube-schedulers (leader-elected); 2 by default. */
  schedulers?: number;
  /** kube-apiserver flags: watch cache size, compaction interval (simulated ms). */
  apiserver?: { watchCacheSize?: number; compactionIntervalMs?: number };
  /** Addons as kubeadm installs them: 'coredns', 'kube-proxy' (both by default); [] for a bare cluster; 'ingress-nginx' on request (its bare-metal manifest: a Deployment and a NodePort Service). */
  addons?: string[];
  /** kube-proxy's mode when its ConfigMap says nothing (Kubeplay's default: 'ipvs'). */
  proxyMode?: ProxyMode;
  /** The IPVS scheduler then (default 'rr'). */
  ipvsScheduler?: IpvsSchedulerName;
  profile?: Profile;
  /** Network faults for the whole run (latency, loss, duplication). */
  network?: Partial<NetworkOptions>;
  /** Override single etcd timings (e.g. snapshotCount) on top of the profile. */
  etcd?: Partial<EtcdTiming>;
  /** Wall-clock epoch that simulated time 0 maps to, for timestamps the tools print. */
  epochMs?: number;
  /** SimHost's crash points: each disk write of a process whose name starts with `prefix` may crash it. */
  crashPoints?: { rate: number; prefix?: string };
}

/** A worker node as the options describe it (DESIGN.md: `{ name, cpu: '4', memory: '8Gi', pods: 110, labels, taints }`). */
export interface NodeSpec {
  name?: string;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** A raw API request as kubectl's transport sends it (JSON in and out; headers lower case). */
export function apiHttpRequest(method: HttpRequest['method'], url: string, body?: unknown, headers: Record<string, string> = {}): HttpRequest {
  return {
    method,
    url,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  };
}

/** A node's shape with every default filled in. */
export function nodeShape(spec: NodeSpec = {}): NodeShape {
  return { cpu: spec.cpu ?? '4', memory: spec.memory ?? '8Gi', pods: spec.pods ?? 110, labels: { ...(spec.labels ?? {}) }, taints: [...(spec.taints ?? [])] };
}

/** One action of a session, at the simulated microsecond it was taken. */
export interface RecordedStep {
  atUs: number;
  verb: StepVerb;
  args: unknown[];
}

/** The verbs a recording may hold: the primitive actions both hosts take. */
export type StepVerb =
  | 'etcdctl'
  | 'interrupt'
  | 'kubectl'
  | 'interruptKubectl'
  | 'kubectlEdited'
  | 'apiRequest'
  | 'killEtcd'
  | 'restartEtcd'
  | 'kill'
  | 'restart'
  | 'startMember'
  | 'addNode'
  | 'addAddon'
  | 'forgetMember'
  | 'partition'
  | 'cutLink'
  | 'restoreLink'
  | 'heal'
  | 'traffic';

const stepVerbs: ReadonlySet<string> = new Set<StepVerb>(['etcdctl', 'interrupt', 'kubectl', 'interruptKubectl', 'kubectlEdited', 'apiRequest', 'killEtcd', 'restartEtcd', 'kill', 'restart', 'startMember', 'addNode', 'addAddon', 'forgetMember', 'partition', 'cutLink', 'restoreLink', 'heal', 'traffic']);

/** Everything needed to re-run a session: the options, every action and when, and how far it ran. */
export interface Recording {
  kubeplayRecording: 1;
  seed: number;
  options: ClusterOptions;
  steps: RecordedStep[];
  nowUs: number;
  /** The digest at nowUs, when the recorder knew it: a replay must reach the same. */
  digest?: string;
}

/** The process name of the client that etcdctl uses. */
export const etcdctlClientId = 'etcdctl';
/** The process kubectl runs in. */
export const kubectlClientId = 'kubectl';
/** The process traffic.send runs in (a client on a node or in a pod). */
export const trafficClientId = 'traffic';

/** The addons a cluster has unless its options say otherwise. */
export const defaultAddons = ['coredns', 'kube-proxy'];

/** The CoreDNS process: the answering side of the coredns Deployment's pods (engine/dns/server.ts). */
export const corednsName = corednsProcessId;

/** A node's kube-proxy process. */
export function kubeProxyName(node: string): string {
  return `kube-proxy-${node}`;
}
/** The bearer token of the kubeconfig's user, kubernetes-admin (kubeadm's admin.conf user). */
export const adminToken = 'kubeplay-admin-token';
/** The control plane's endpoint, as the kubeconfig names it. */
export const apiServerURL = 'https://10.0.0.2:6443';

/** 2026-01-01T00:00:00Z: simulated time 0, unless the options say otherwise. */
export const defaultEpochMs = Date.UTC(2026, 0, 1);

/** Why a text is not a recording, or the recording. */
export function parseRecording(text: string): Recording {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a Kubeplay recording: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = v as Partial<Recording>;
  if (!r || typeof r !== 'object' || r.kubeplayRecording !== 1) throw new Error('not a Kubeplay recording: "kubeplayRecording": 1 is missing');
  if (!Number.isSafeInteger(r.seed)) throw new Error('not a Kubeplay recording: "seed" must be an integer');
  if (!r.options || typeof r.options !== 'object') throw new Error('not a Kubeplay recording: "options" is missing');
  if (!Array.isArray(r.steps)) throw new Error('not a Kubeplay recording: "steps" must be a list');
  let last = 0;
  for (const [i, s] of r.steps.entries()) {
    if (!s || !Number.isSafeInteger(s.atUs) || s.atUs < last) throw new Error(`not a Kubeplay recording: step ${i} has no time, or goes back in time`);
    if (!stepVerbs.has(s.verb)) throw new Error(`not a Kubeplay recording: step ${i} has an unknown verb "${String(s.verb)}"`);
    if (!Array.isArray(s.args)) throw new Error(`not a Kubeplay recording: step ${i} has no args`);
    last = s.atUs;
  }
  if (!Number.isSafeInteger(r.nowUs) || r.nowUs! < last) throw new Error('not a Kubeplay recording: "nowUs" must be at or after the last step');
  return r as Recording;
}

/** The cluster over a host: its members, its client, its actions and their recording. */
export class ClusterCore<H extends ClusterHost> {
  /** Member names, in the order they joined, removed ones included (their disks remain). */
  readonly etcdNames: string[] = [];
  private readonly removed = new Set<string>();
  private readonly steps: RecordedStep[] = [];
  private commandsIssued = 0;
  private clientProcess: EtcdClientProcess | null = null;
  private kubectlProcess: KubectlProcess | null = null;
  private trafficProcess: TrafficProcess | null = null;
  /** kube-apiserver-0 …, when the control plane is on. */
  readonly apiserverNames: string[] = [];
  /** kube-controller-manager-0 …, kube-scheduler-0 …: the leader-elected components. */
  readonly controlPlaneNames: string[] = [];
  /** Worker nodes (their kubelets' process names), in the order they joined. */
  readonly nodeNames: string[] = [];
  /** Cluster-wide addon processes ('coredns' with the addon): killable and restartable as components. */
  readonly addonNames: string[] = [];
  /** Addons added to the running cluster (addAddon). */
  private readonly addedAddons = new Set<string>();

  constructor(
    readonly host: H,
    readonly options: ClusterOptions,
    readonly timing: EtcdTiming,
    readonly epochMs: number,
  ) {}

  /**
   * Starts the initial members, then the client, one after the other (each one's first moments see
   * exactly the processes started before it, on either host); not a step: the options say it.
   */
  start(): void | Promise<void> {
    const n = this.options.etcdMembers ?? 3;
    const names = Array.from({ length: n }, (_, i) => `etcd-${i}`);
    return this.host.act((a) => {
      const steps: (() => void | Promise<void>)[] = names.map((name) => () => this.startMember(a, name, names, 'new'));
      steps.push(() => a.add(etcdctlClientId, 'etcd-client', { epochMs: this.epochMs }));
      steps.push(() => {
        this.clientProcess = this.host.localProcess<EtcdClientProcess>(etcdctlClientId)!.attach({
          endpoints: () => this.memberEndpoints(),
          reachable: (m) => this.host.isUp(m) && !this.host.isCut(etcdctlClientId, m),
        });
      });
      if (this.options.controlPlane) {
        const count = Math.max(1, this.options.apiservers ?? 1);
        for (let i = 0; i < count; i++) {
          const name = `kube-apiserver-${i}`;
          this.apiserverNames.push(name);
          const config: ApiServerConfig = {
            etcdServers: names,
            epochMs: this.epochMs,
            tokens: [{ token: adminToken, user: 'kubernetes-admin', uid: '', groups: ['kubeadm:cluster-admins'] }, ...controllerTokens(), ...(this.hasAddon('coredns') ? corednsTokens() : []), ...ingressNginxTokens()],
            advertiseAddress: `10.0.0.${2 + i}`,
            defaultTolerationSeconds: timingsFor(this.options.profile ?? 'fast').defaultTolerationMs / 1000,
            profile: this.options.profile ?? 'fast',
            // The addon objects kubeadm applies after init (the CoreDNS ones; kube-proxy's are not objects here).
            addons: [...(this.options.addons ?? defaultAddons)],
            ...this.options.apiserver,
          };
          steps.push(() => a.add(name, 'kube-apiserver', config));
        }
        steps.push(() => a.add(kubectlClientId, 'kubectl', { token: adminToken, epochMs: this.epochMs, server: apiServerURL } satisfies KubectlConfig));
        steps.push(() => {
          this.kubectlProcess = this.host.localProcess<KubectlProcess>(kubectlClientId)!.attach({
            apiservers: () => this.apiserverNames,
            reachable: (id) => this.host.isUp(id) && !this.host.isCut(kubectlClientId, id),
          });
        });
        if (this.hasAddon('kube-proxy')) {
          const dnsTimeoutMs = (this.options.profile ?? 'fast') === 'realistic' ? 5000 : 500;
          steps.push(() => a.add(trafficClientId, 'traffic', { token: adminToken, epochMs: this.epochMs, server: apiServerURL, dnsTimeoutMs } satisfies TrafficConfig));
          steps.push(() => {
            this.trafficProcess =
              this.host.localProcess<TrafficProcess>(trafficClientId)?.attach({
                apiservers: () => this.apiserverNames,
                reachable: (id) => this.host.isUp(id) && !this.host.isCut(trafficClientId, id),
              }) ?? null;
          });
        }
        const component = { apiservers: this.apiserverNames, epochMs: this.epochMs };
        const profile = this.options.profile ?? 'fast';
        for (let i = 0; i < (this.options.controllerManagers ?? 2); i++) {
          const name = `kube-controller-manager-${i}`;
          this.controlPlaneNames.push(name);
          steps.push(() => a.add(name, 'kube-controller-manager', { ...component, token: clientCertToken('system:kube-controller-manager'), profile } satisfies ControllerManagerConfig));
        }
        for (let i = 0; i < (this.options.schedulers ?? 2); i++) {
          const name = `kube-scheduler-${i}`;
          this.controlPlaneNames.push(name);
          steps.push(() => a.add(name, 'kube-scheduler', { ...component, token: clientCertToken('system:kube-scheduler'), profile } satisfies SchedulerConfig));
        }
        if (this.hasAddon('coredns')) {
          // One process answers for every coredns pod (the Deployment's pods run the program beside it).
          this.addonNames.push(corednsName);
          steps.push(() => a.add(corednsName, 'coredns', { ...component, token: corednsToken() } satisfies CorednsConfig));
        }
        if (this.hasAddon('ingress-nginx')) steps.push(() => this.startIngressNginx(a));
        const specs: NodeSpec[] = Array.isArray(this.options.nodes) ? this.options.nodes : Array.from({ length: this.options.nodes ?? 0 }, () => ({}));
        specs.forEach((spec, i) => steps.push(() => this.startNode(a, spec.name ?? `node-${i + 1}`, nodeShape(spec))));
      }
      return sequence(steps);
    });
  }

  /** The client process etcdctl runs in. */
  get client(): EtcdClientProcess {
    return this.clientProcess!;
  }

  /** Takes one step now (SimHost) or between the next ticks (WorkerHost), recording when. */
  take(verb: StepVerb, args: unknown[]): unknown {
    return this.host.act((a) => {
      this.steps.push({ atUs: Math.round(this.host.now() * US_PER_MS), verb, args: structuredClone(args) });
      return this.apply(a, verb, args);
    });
  }

  /** Starts an etcdctl command line in the client; its output goes to `l`. Returns the command's id. */
  etcdctl(line: string, stdin: string | undefined, l: CommandListener): { id: number; taken: unknown } {
    const id = ++this.commandsIssued;
    this.client.listen(id, l);
    return { id, taken: this.take('etcdctl', [id, line, stdin ?? null]) };
  }

  /** The process kubectl runs in (null in an etcd-only cluster). */
  get kubectlClient(): KubectlProcess | null {
    return this.kubectlProcess;
  }

  /** Starts a kubectl command line; its output goes to `l`. Returns the command's id. */
  kubectl(line: string, stdin: string | undefined, l: KubectlListener): { id: number; taken: unknown } {
    if (!this.kubectlProcess) throw new Error('kubectl needs the control plane: this cluster was made with controlPlane: false');
    const id = ++this.commandsIssued;
    this.kubectlProcess.listen(id, l);
    // Whether an editor is there is part of the step: a replay must wait for the recorded edits.
    return { id, taken: this.take('kubectl', l.onEdit ? [id, line, stdin ?? null, true] : [id, line, stdin ?? null]) };
  }

  /** Whether the cluster has an addon ('coredns', 'kube-proxy', 'ingress-nginx'), from its start or added since. */
  hasAddon(name: string): boolean {
    return (this.options.addons ?? defaultAddons).includes(name) || this.addedAddons.has(name);
  }

  /**
   * Why `addAddon` cannot add this addon now, or null. Only ingress-nginx can come later (its objects
   * then go in with kubectl apply, as its manifest would); CoreDNS and kube-proxy are part of a
   * cluster's bootstrap, as kubeadm's init makes them.
   */
  addonProblem(name: string): string | null {
    if (name !== 'ingress-nginx') return `the ${name} addon cannot be added to a running cluster (only ingress-nginx can; coredns and kube-proxy come with the cluster's start)`;
    if (!this.options.controlPlane) return 'ingress-nginx needs the control plane: this session was started etcd-only';
    if (this.hasAddon(name)) return 'ingress-nginx is already installed';
    return null;
  }

  /** Starts traffic from a node or pod to an address; the result goes to `l`. Returns the command's id. */
  traffic(req: TrafficRequest, l: TrafficListener): { id: number; taken: unknown } {
    if (!this.trafficProcess) throw new Error('traffic needs the kube-proxy addon and the control plane (this cluster has none, or its traffic client is not on this thread)');
    const id = ++this.commandsIssued;
    this.trafficProcess.listen(id, l);
    return { id, taken: this.take('traffic', [id, req]) };
  }

  /** Sends one raw API request as kubectl's user; the answer comes to `l` (code: the HTTP status, stdout: the body). */
  apiRequest(req: HttpRequest, l: KubectlListener): { id: number; taken: unknown } {
    if (!this.kubectlProcess) throw new Error('API requests need the control plane: this cluster was made with controlPlane: false');
    const id = ++this.commandsIssued;
    this.kubectlProcess.listen(id, l);
    return { id, taken: this.take('apiRequest', [id, req]) };
  }

  /** Every action so far and when. */
  recording(): Recording {
    return {
      kubeplayRecording: 1,
      seed: this.options.seed ?? 1,
      options: structuredClone(this.options),
      steps: structuredClone(this.steps),
      nowUs: Math.round(this.host.now() * US_PER_MS),
      digest: this.host.digest(),
    };
  }

  /** The members etcdctl talks to by default: every one started and not removed. */
  memberEndpoints(): string[] {
    return this.etcdNames.filter((n) => !this.removed.has(n));
  }

  isRemoved(name: string): boolean {
    return this.removed.has(name);
  }

  /** The first free etcd-N name. */
  nextMemberName(): string {
    let i = this.etcdNames.length;
    while (this.etcdNames.includes(`etcd-${i}`)) i++;
    return `etcd-${i}`;
  }

  private apply(a: HostActions, verb: StepVerb, args: unknown[]): unknown {
    switch (verb) {
      case 'etcdctl': {
        const [id, line, stdin] = args as [number, string, string | null];
        return a.command(etcdctlClientId, { op: 'etcdctl', id, line, stdin: stdin ?? undefined } satisfies ClientCommand);
      }
      case 'interrupt':
        return a.command(etcdctlClientId, { op: 'interrupt', id: args[0] as number } satisfies ClientCommand);
      case 'kubectl': {
        const [id, line, stdin, editor] = args as [number, string, string | null, boolean | undefined];
        return a.command(kubectlClientId, { op: 'kubectl', id, line, stdin: stdin ?? undefined, ...(editor ? { editor } : {}) } satisfies KubectlCommand);
      }
      case 'apiRequest': {
        const [id, req] = args as [number, HttpRequest];
        return a.command(kubectlClientId, { op: 'request', id, req } satisfies KubectlCommand);
      }
      case 'interruptKubectl':
        return a.command(kubectlClientId, { op: 'interrupt', id: args[0] as number } satisfies KubectlCommand);
      case 'kubectlEdited':
        return a.command(kubectlClientId, { op: 'edited', id: args[0] as number, text: args[1] as string | null } satisfies KubectlCommand);
      case 'killEtcd':
        return a.kill(args[0] as ProcessId);
      case 'kill': {
        // A node's power goes: its kubelet and its kube-proxy (and the node's tables) with it.
        const id = args[0] as ProcessId;
        const killed = a.kill(id);
        if (this.nodeNames.includes(id) && this.host.has(kubeProxyName(id))) a.kill(kubeProxyName(id));
        return killed;
      }
      case 'restartEtcd':
        return a.restart(args[0] as ProcessId);
      case 'restart': {
        const id = args[0] as ProcessId;
        const restarted = a.restart(id);
        if (!this.nodeNames.includes(id) || !this.host.has(kubeProxyName(id))) return restarted;
        const proxy = () => a.restart(kubeProxyName(id));
        if (restarted instanceof Promise) return restarted.then((v) => Promise.resolve(proxy()).then(() => v));
        proxy();
        return restarted;
      }
      case 'startMember':
        return this.startMember(a, args[0] as string, args[1] as string[], 'existing');
      case 'addNode':
        return this.startNode(a, args[0] as string, args[1] as NodeShape);
      case 'addAddon': {
        const name = args[0] as string;
        const problem = this.addonProblem(name);
        if (problem) throw new Error(problem);
        this.addedAddons.add(name);
        return this.startIngressNginx(a);
      }
      case 'forgetMember':
        this.removed.add(args[0] as string);
        return true;
      case 'partition':
        return a.partition(args[0] as string[][]);
      case 'cutLink':
        return a.cutLink(args[0] as string, args[1] as string);
      case 'restoreLink':
        return a.restoreLink(args[0] as string, args[1] as string);
      case 'heal':
        return a.heal();
      case 'traffic': {
        const [id, req] = args as [number, TrafficRequest];
        return a.command(trafficClientId, { op: 'send', id, req } satisfies TrafficCommand);
      }
    }
  }

  /** The first free node-N name. */
  nextNodeName(): string {
    let i = this.nodeNames.length + 1;
    while (this.nodeNames.includes(`node-${i}`)) i++;
    return `node-${i}`;
  }

  /** The ingress-nginx process: it keeps the configuration for every controller pod and answers what reaches their ports 80 and 443. */
  private startIngressNginx(a: HostActions): void | Promise<void> {
    this.addonNames.push(ingressNginxProcessId);
    const profile = this.options.profile ?? 'fast';
    const config: IngressNginxConfig = { apiservers: this.apiserverNames, epochMs: this.epochMs, token: ingressNginxToken(), connectTimeoutMs: profile === 'realistic' ? 5000 : 1000 };
    return a.add(ingressNginxProcessId, 'ingress-nginx', config);
  }

  private startNode(a: HostActions, name: string, shape: NodeShape): void | Promise<void> {
    const index = this.nodeNames.length + 1;
    this.nodeNames.push(name);
    const config: KubeletConfig = {
      apiservers: this.apiserverNames,
      epochMs: this.epochMs,
      token: clientCertToken(`system:node:${name}`, ['system:nodes']),
      nodeName: name,
      podCIDR: `10.244.${index}.0/24`,
      internalIP: `10.0.1.${index}`,
      profile: this.options.profile ?? 'fast',
      ...shape,
    };
    if (!this.hasAddon('kube-proxy')) return a.add(name, 'kubelet', config);
    const proxy: KubeProxyConfig = {
      apiservers: this.apiserverNames,
      epochMs: this.epochMs,
      token: clientCertToken('system:kube-proxy'),
      nodeName: name,
      nodeIP: config.internalIP,
      podCIDR: config.podCIDR,
      profile: config.profile,
      ...(this.options.proxyMode ? { defaultMode: this.options.proxyMode } : {}),
      ...(this.options.ipvsScheduler ? { defaultScheduler: this.options.ipvsScheduler } : {}),
    };
    return sequence([() => a.add(name, 'kubelet', config), () => a.add(kubeProxyName(name), 'kube-proxy', proxy)]);
  }

  /** The kube-proxy processes, one per node (none without the addon). */
  get proxyNames(): string[] {
    return this.hasAddon('kube-proxy') ? this.nodeNames.map(kubeProxyName) : [];
  }

  private startMember(a: HostActions, name: string, initialCluster: string[], clusterState: 'new' | 'existing'): void | Promise<void> {
    this.etcdNames.push(name);
    return a.add(name, 'etcd', { name, initialCluster, clusterState, timing: this.timing, epochMs: this.epochMs } satisfies EtcdMemberOptions);
  }
}

/** Runs each in turn, synchronously as long as none returns a Promise (SimHost stays synchronous). */
function sequence(steps: (() => void | Promise<void>)[], from = 0): void | Promise<void> {
  for (let i = from; i < steps.length; i++) {
    const v = steps[i]();
    if (v instanceof Promise) return v.then(() => sequence(steps, i + 1));
  }
}
