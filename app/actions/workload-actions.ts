// The actions on worker nodes and on the leader-elected components: kill and restart a node's
// kubelet or a controller-manager / scheduler (chaos), and cordon, uncordon and drain a node as a
// person would, with kubectl (the terminal's own client, so each is a recorded step and prints what
// kubectl prints into the activity log).
import type { NodeSpec } from '../../engine/cluster-core';
import type { XY } from '../store/layout-slice';
import { defineAction, isCommandResult, type Action, type ActionContext } from './registry';
import type { CommandResult } from '../cluster/types';

/** Runs `fn` with `busy` set, and logs the first line of its answer (its stderr fails the action). */
async function busyWhile(env: ActionContext, busy: string, fn: () => Promise<CommandResult>): Promise<CommandResult> {
  const s = env.store.getState();
  s.setBusy(busy, true);
  try {
    const r = await fn();
    if (isCommandResult(r) && r.code === 0) {
      const text = r.stdout.trim();
      if (text) env.store.getState().log('info', text.split('\n').slice(-1)[0]);
    }
    return r;
  } finally {
    env.store.getState().setBusy(busy, false);
  }
}

/** Kills a node: its kubelet's process goes (the Node stops renewing its lease; the node controller notices). */
export const killNode = defineAction<string>({
  name: 'killNode',
  label: 'Kill node',
  perform: (env, name) => busyWhile(env, `kill:${name}`, () => env.cluster.killProcess(name)),
});

/** Boots a killed node again: its kubelet registers and runs the pods still bound to it. */
export const restartNode = defineAction<string>({
  name: 'restartNode',
  label: 'Restart node',
  perform: (env, name) => busyWhile(env, `restart:${name}`, () => env.cluster.restartProcess(name)),
});

/** `kubectl cordon NODE`. */
export const cordonNode = defineAction<string>({
  name: 'cordonNode',
  label: 'Cordon',
  perform: (env, name) => busyWhile(env, `cordon:${name}`, () => env.cluster.kubectl(`cordon ${name}`)),
});

/** `kubectl uncordon NODE`. */
export const uncordonNode = defineAction<string>({
  name: 'uncordonNode',
  label: 'Uncordon',
  perform: (env, name) => busyWhile(env, `cordon:${name}`, () => env.cluster.kubectl(`uncordon ${name}`)),
});

/** `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data`: cordons it and evicts its pods. */
export const drainNode = defineAction<string>({
  name: 'drainNode',
  label: 'Drain',
  perform: (env, name) => busyWhile(env, `drain:${name}`, () => env.cluster.kubectl(`drain ${name} --ignore-daemonsets --delete-emptydir-data --force`)),
});

/**
 * `kubectl delete pod NAME -n NAMESPACE --wait=false`: the pod goes through graceful termination
 * (its endpoints turn not ready first), and its owner makes a replacement.
 */
export const deletePod = defineAction<{ namespace: string; name: string }>({
  name: 'deletePod',
  label: 'Delete pod',
  perform: (env, { namespace, name }) => busyWhile(env, `delete-pod:${namespace}/${name}`, () => env.cluster.kubectl(`delete pod ${name} -n ${namespace} --wait=false`)),
});

/** A node to add, and where its card should appear. */
export interface AddNodeArgs {
  spec: NodeSpec;
  drop?: XY | null;
}

/** Starts a worker node with the given shape; its card appears at `drop` when given. */
export const addNode = defineAction<AddNodeArgs>({
  name: 'addNode',
  label: 'Add worker node',
  perform: (env, { spec, drop }) => {
    if (drop) env.store.getState().setPendingNodeDrop(drop);
    return busyWhile(env, 'add-node', () => env.cluster.addNode(spec));
  },
});

/** Kills a controller-manager or scheduler (its Worker is terminated); a standby takes the lease once it expires. */
export const killComponent = defineAction<string>({
  name: 'killComponent',
  label: 'Kill',
  perform: (env, name) => busyWhile(env, `kill:${name}`, () => env.cluster.killProcess(name)),
});

/** Restarts a killed controller-manager or scheduler; it campaigns for the lease again. */
export const restartComponent = defineAction<string>({
  name: 'restartComponent',
  label: 'Restart',
  perform: (env, name) => busyWhile(env, `restart:${name}`, () => env.cluster.restartProcess(name)),
});

/** Every action of this file, for the registry's tests. */
export const workloadActions: Action<never>[] = [killNode, restartNode, cordonNode, uncordonNode, drainNode, addNode, killComponent, restartComponent] as Action<never>[];
