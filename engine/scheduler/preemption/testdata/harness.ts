// A framework for preemption tests after upstream's tf.NewFramework with the plugins a test
// registers, a recording fake client (clientsetfake with patch/delete reactors) and a scripted
// random offset (upstream: getOffsetRand seeded with 4).

import type { Node, Pod, PodStatus } from '../../../api/types/core';
import type { PodDisruptionBudget } from '../../../api/types/policy';
import type { Rng } from '../../../sim/rng';
import {
  type Code,
  CycleState,
  type FilterPlugin,
  Framework,
  type PluginFactory,
  type PodNominator,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreFilterResult,
  SchedulerHandle,
  Snapshot,
  Status,
} from '../../framework';
import { names } from '../../plugins/names';
import { newFit } from '../../plugins/noderesources/fit';
import { newPrioritySort } from '../../plugins/priority-sort';
import { DefaultPreemption, type DefaultPreemptionArgs } from '../default-preemption';
import type { PreemptionClient } from '../preemption';

/** The fixed clock of the tests. */
export const testNow = '2024-01-01T00:00:00Z';

/** An Rng whose int() returns the scripted values in turn (then 0). */
export function scriptedRng(...values: number[]): Rng {
  let i = 0;
  return { int: () => values[i++] ?? 0 } as unknown as Rng;
}

/** The calls the fake client saw. */
export interface ClientLog {
  patched: { pod: Pod; status: PodStatus }[];
  deleted: string[];
  events: string[];
}

/** A fake client that records patches, deletes and events; getPod and PDBs come from the test. */
export function fakeClient(opts: { pods?: Pod[]; pdbs?: PodDisruptionBudget[]; deleteError?: Error } = {}): { client: PreemptionClient; log: ClientLog } {
  const log: ClientLog = { patched: [], deleted: [], events: [] };
  const client: PreemptionClient = {
    getPod: opts.pods ? (ns, name) => opts.pods!.find((p) => (p.metadata.namespace ?? '') === ns && p.metadata.name === name) : undefined,
    listPodDisruptionBudgets: () => opts.pdbs ?? [],
    patchPodStatus: (pod, status) => {
      log.patched.push({ pod, status });
      return null;
    },
    deletePod: (pod) => {
      if (opts.deleteError) return opts.deleteError;
      log.deleted.push(pod.metadata.name ?? '');
      return null;
    },
    recordEvent: (regarding, related, type, reason, action, note) => log.events.push(`${type} ${reason} ${regarding.metadata.name}: ${note}`),
  };
  return { client, log };
}

/** tf.FakeFilterPlugin: counts its calls and returns the code set for the node (Success by default). */
export class FakeFilterPlugin implements FilterPlugin {
  readonly name = 'FakeFilter';
  numFilterCalled = 0;
  constructor(readonly failedNodeReturnCodeMap: Record<string, Code> = {}) {}
  filter(_s: CycleState, _p: Pod, nodeInfo: { nodeName(): string }): Status | null {
    this.numFilterCalled++;
    const code = this.failedNodeReturnCodeMap[nodeInfo.nodeName()];
    return code && code !== 'Success' ? Status.new(code, `injecting failure for pod ${_p.metadata.name}`) : null;
  }
}

/** The TestPlugin of default_preemption_test.go: AddPod/RemovePod fail on nodes labelled error=true. */
export class TestPlugin implements PreFilterPlugin, PreFilterExtensions {
  readonly name = 'test-plugin';
  preFilter(): [PreFilterResult | null, Status | null] {
    return [null, null];
  }
  preFilterExtensions(): PreFilterExtensions {
    return this;
  }
  addPod(_s: CycleState, podToSchedule: Pod, _pi: unknown, nodeInfo: { node(): Node | undefined }): Status | null {
    return nodeInfo.node()?.metadata.labels?.error === 'true' ? Status.asStatus(`failed to add pod: ${podToSchedule.metadata.name}`) : null;
  }
  removePod(_s: CycleState, podToSchedule: Pod, _pi: unknown, nodeInfo: { node(): Node | undefined }): Status | null {
    return nodeInfo.node()?.metadata.labels?.error === 'true' ? Status.asStatus(`failed to remove pod: ${podToSchedule.metadata.name}`) : null;
  }
}

/** A framework with PrioritySort and the given plugins over a snapshot, and a DefaultPreemption on it. */
export function setupPreemption(opts: {
  pods: Pod[];
  nodes: Node[];
  plugins: Record<string, PluginFactory>;
  args?: DefaultPreemptionArgs;
  client?: PreemptionClient;
  rng?: Rng;
  nominator?: PodNominator;
  listers?: SchedulerHandle['listers'];
}) {
  const handle = new SchedulerHandle(opts.listers ?? {}, opts.nominator);
  handle.snapshot = Snapshot.from(opts.pods, opts.nodes);
  const registry = new Map<string, PluginFactory>([[names.PrioritySort, newPrioritySort], ...Object.entries(opts.plugins)]);
  const profile = { schedulerName: 'default-scheduler', plugins: [...registry.keys()].map((name) => ({ name })) };
  const fwk = new Framework(registry, profile, handle);
  const client = opts.client ?? fakeClient().client;
  const pl = new DefaultPreemption(handle, opts.args ?? {}, { framework: () => fwk, client, now: () => testNow, rng: opts.rng ?? scriptedRng() });
  /** RunPreFilterPlugins into a fresh state, as the tests do before preempting. */
  const preFilter = (pod: Pod) => {
    const state = new CycleState();
    const r = fwk.runPreFilterPlugins(state, pod);
    if (!Status.isSuccess(r.status)) throw new Error(`unexpected PreFilter status: ${r.status!.message()}`);
    return state;
  };
  return { fwk, pl, handle, preFilter };
}

/** NodeResourcesFit as a registry entry. */
export const fitPlugin: Record<string, PluginFactory> = { [names.NodeResourcesFit]: newFit };
