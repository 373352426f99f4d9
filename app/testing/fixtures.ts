// Test stand-ins for the browser cluster and its snapshots: the store, actions and connection are
// exercised against these in Node, with no Worker, no engine and no React.
import type { BrowserCluster, BrowserClusterOptions, ClusterSnapshot, CommandResult, MemberView } from '../cluster/types';

/** One member as a snapshot reports it. */
export function memberView(name: string, role: MemberView['raft']['role'], term: number, up = true): MemberView {
  return {
    name,
    memberId: name.replace('etcd-', 'a'),
    up,
    removed: false,
    revision: 1,
    compactRevision: 0,
    raft: { id: name, role, term, leader: role === 'leader' ? name : null, vote: null, commitIndex: 1, appliedIndex: 1, lastIndex: 1, snapshotIndex: 0, voters: [] },
  };
}

/** A snapshot at simulated time `now`. */
export function snapshotOf(members: MemberView[], extra: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return { now: 0, paused: false, speed: 1, members, cutLinks: [], messages: [], apiservers: [], ...extra };
}

/** A BrowserCluster that records the verbs called on it and pushes snapshots when told. */
export interface FakeCluster extends BrowserCluster {
  calls: string[];
  disposed: boolean;
  /** Sends `s` to every subscriber, as the engine does once per frame. */
  push(s: ClusterSnapshot): void;
  /** What the next membership or chaos verb returns. */
  nextResult: CommandResult;
  /** What the next kubectl command returns, by command line (else `nextResult`). */
  kubectlResults: Record<string, CommandResult>;
  /** The stdin each kubectl call was given, in order. */
  kubectlStdin: (string | undefined)[];
}

/** Makes a FakeCluster. */
export function fakeCluster(): FakeCluster {
  const subscribers = new Set<(s: ClusterSnapshot) => void>();
  const c: FakeCluster = {
    calls: [],
    disposed: false,
    nextResult: { code: 0, stdout: '', stderr: '' },
    push: (s) => subscribers.forEach((fn) => fn(s)),
    subscribe: (fn) => (subscribers.add(fn), () => void subscribers.delete(fn)),
    snapshot: () => snapshotOf([]),
    etcdctl: async (line) => (c.calls.push(`etcdctl ${line}`), c.nextResult),
    kubectlResults: {},
    kubectlStdin: [],
    kubectl: async (line, stdin) => (c.calls.push(`kubectl ${line}`), c.kubectlStdin.push(stdin), c.kubectlResults[line] ?? c.nextResult),
    api: async (method, url) => (c.calls.push(`api ${method} ${url}`), { status: 200, body: '{}' }),
    killProcess: async (name) => (c.calls.push(`kill-process ${name}`), c.nextResult),
    restartProcess: async (name) => (c.calls.push(`restart-process ${name}`), c.nextResult),
    killEtcd: async (name) => (c.calls.push(`kill ${name}`), c.nextResult),
    restartEtcd: async (name) => (c.calls.push(`restart ${name}`), c.nextResult),
    addEtcdMember: async () => (c.calls.push('add'), c.nextResult),
    sendTraffic: async (req) => (c.calls.push(`traffic ${JSON.stringify(req)}`), { ok: 0, failed: 0, byEndpoint: {}, errors: {} }),
    addNode: async (spec) => (c.calls.push(`add-node ${JSON.stringify(spec ?? {})}`), c.nextResult),
    installAddon: async (name) => (c.calls.push(`install-addon ${name}`), c.nextResult),
    removeEtcdMember: async (name) => (c.calls.push(`remove ${name}`), c.nextResult),
    cutLink: async (a, b) => (c.calls.push(`cut ${a} ${b}`), c.nextResult),
    restoreLink: async (a, b) => (c.calls.push(`restore ${a} ${b}`), c.nextResult),
    partition: async (groups) => (c.calls.push(`partition ${JSON.stringify(groups)}`), c.nextResult),
    heal: async () => (c.calls.push('heal'), c.nextResult),
    pause: () => void c.calls.push('pause'),
    resume: () => void c.calls.push('resume'),
    step: async () => (c.calls.push('step'), []),
    setSpeed: (x) => void c.calls.push(`speed ${x}`),
    setCpuShare: (x) => void c.calls.push(`cpu share ${x}`),
    recording: async () => (c.calls.push('recording'), { kubeplayRecording: 1, seed: 1, options: {}, steps: [], nowUs: 0, digest: '0000000000000000' }),
    digest: async () => '0000000000000000',
    runtimeStats: async () => ({ ticks: 0, workerTicks: 0, envelopes: 0, direct: 0, late: 0, rests: 0 }),
    placement: () => [],
    dispose: () => {
      c.disposed = true;
      subscribers.clear();
    },
  };
  return c;
}

/** A start function whose calls resolve only when the test says so. */
export function manualStart() {
  const starts: { opts: BrowserClusterOptions; resolve(c: BrowserCluster): void; reject(e: unknown): void }[] = [];
  const start = (opts: BrowserClusterOptions) =>
    new Promise<BrowserCluster>((resolve, reject) => {
      starts.push({ opts, resolve, reject });
    });
  return { start, starts };
}
