// kubectl rollout status|history|undo|restart|pause|resume (k8s.io/kubectl/pkg/cmd/rollout and
// pkg/polymorphichelpers): each reads or patches the workloads the args name.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { resourceArgs, type ResourceRequest } from '../args';
import type { ApiResource, KubectlContext } from '../context';
import { ApiError, CommandError } from '../errors';
import { objectName, qualified, resourcePath, withQuery } from '../paths';
import { tabbedString } from '../describe/writer';
import { selectorString } from '../describe/describers';
import { podSpecPath } from './podspec';

type Obj = Record<string, unknown>;
const revisionAnnotation = 'deployment.kubernetes.io/revision';
const changeCauseAnnotation = 'kubernetes.io/change-cause';

const meta = (o: Obj) => (o.metadata ?? {}) as { name?: string; namespace?: string; uid?: string; generation?: number; annotations?: Record<string, string>; ownerReferences?: { uid?: string; controller?: boolean }[] };

function* targets(ctx: KubectlContext, args: string[]): Co<{ r: ApiResource; name: string }[]> {
  if (args.length === 0) throw new CommandError('required resource not specified');
  const reqs: ResourceRequest[] = yield* resourceArgs(ctx, args);
  const out: { r: ApiResource; name: string }[] = [];
  for (const req of reqs) {
    if (req.names.length === 0) throw new CommandError('resource(s) were provided, but no name was specified');
    for (const name of req.names) out.push({ r: req.resource, name });
  }
  return out;
}

const strategic = { 'content-type': 'application/strategic-merge-patch+json' };

/** pause and resume: spec.paused of a Deployment (the only pausable kind). */
function pauseLike(ctx: KubectlContext, pause: boolean): Command {
  const verb = pause ? 'pause' : 'resume';
  return {
    use: `${verb} RESOURCE`,
    short: pause ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    run: function* (inv) {
      for (const { r, name } of yield* targets(ctx, inv.args)) {
        if (r.kind !== 'Deployment') throw new CommandError(`${objectName(r, name)} is not supported`);
        const path = resourcePath(r, ctx.namespace, name);
        const live = yield* ctx.request<Obj>('GET', path);
        const paused = ((live.spec ?? {}) as { paused?: boolean }).paused === true;
        if (paused === pause) throw new CommandError(`${qualified(r)} "${name}" is ${pause ? 'already paused' : 'not paused'}`);
        yield* ctx.request('PATCH', path, JSON.stringify({ spec: { paused: pause ? true : null } }), strategic);
        ctx.io.out(`${objectName(r, name)} ${pause ? 'paused' : 'resumed'}\n`);
      }
    },
  };
}

/** time.RFC3339 of a wall time in UTC (kubectl's restartedAt). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

function restartCommand(ctx: KubectlContext): Command {
  return {
    use: 'restart RESOURCE',
    short: 'Restart a resource',
    run: function* (inv) {
      for (const { r, name } of yield* targets(ctx, inv.args)) {
        if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(r.kind)) throw new CommandError(`restarting is not supported`);
        const path = resourcePath(r, ctx.namespace, name);
        const live = yield* ctx.request<Obj>('GET', path);
        if (((live.spec ?? {}) as { paused?: boolean }).paused) throw new CommandError(`${qualified(r)} "${name}" can't restart paused deployment (run rollout resume first)`);
        const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.nowMs()) } } } } };
        yield* ctx.request('PATCH', path, JSON.stringify(patch), strategic);
        ctx.io.out(`${objectName(r, name)} restarted\n`);
      }
    },
  };
}

/** The ReplicaSets a Deployment controls, with their revisions. */
function* replicaSetsOf(ctx: KubectlContext, d: Obj): Co<{ rs: Obj; revision: number }[]> {
  const sel = selectorString((d.spec as Obj | undefined)?.selector);
  const list = yield* ctx.request<{ items?: Obj[] }>('GET', withQuery(`/apis/apps/v1/namespaces/${encodeURIComponent(meta(d).namespace ?? '')}/replicasets`, { labelSelector: sel || undefined }));
  return (list.items ?? [])
    .filter((rs) => meta(rs).ownerReferences?.some((o) => o.controller && o.uid === meta(d).uid))
    .map((rs) => ({ rs, revision: Number(meta(rs).annotations?.[revisionAnnotation] ?? '0') || 0 }));
}

/** The ControllerRevisions a StatefulSet or DaemonSet owns. */
function* controllerRevisionsOf(ctx: KubectlContext, o: Obj): Co<{ rs: Obj; revision: number }[]> {
  const list = yield* ctx.request<{ items?: Obj[] }>('GET', `/apis/apps/v1/namespaces/${encodeURIComponent(meta(o).namespace ?? '')}/controllerrevisions`);
  return (list.items ?? []).filter((cr) => meta(cr).ownerReferences?.some((x) => x.controller && x.uid === meta(o).uid)).map((cr) => ({ rs: cr, revision: Number(cr.revision ?? 0) }));
}

function* historyOf(ctx: KubectlContext, r: ApiResource, live: Obj): Co<{ rs: Obj; revision: number }[]> {
  if (r.kind === 'Deployment') return yield* replicaSetsOf(ctx, live);
  if (r.kind === 'StatefulSet' || r.kind === 'DaemonSet') return yield* controllerRevisionsOf(ctx, live);
  throw new CommandError(`no history viewer has been implemented for ${JSON.stringify(r.kind)}`);
}

function historyCommand(ctx: KubectlContext): Command {
  return {
    use: 'history (TYPE NAME | TYPE/NAME) [flags]',
    short: 'View rollout history',
    flags: [{ name: 'revision', kind: 'int64', def: '0', usage: 'See the details, including podTemplate of the revision specified' }],
    run: function* (inv) {
      for (const { r, name } of yield* targets(ctx, inv.args)) {
        const live = yield* ctx.request<Obj>('GET', resourcePath(r, ctx.namespace, name));
        const history = (yield* historyOf(ctx, r, live)).sort((a, b) => a.revision - b.revision);
        let text: string;
        if (history.length === 0) text = 'No rollout history found.';
        else
          text = tabbedString((w) => {
            w.write(0, 'REVISION\tCHANGE-CAUSE\n');
            for (const h of history) w.write(0, `${h.revision}\t${meta(h.rs).annotations?.[changeCauseAnnotation] || '<none>'}\n`);
          });
        ctx.io.out(`${objectName(r, name)} \n${text}\n`);
      }
    },
  };
}

function undoCommand(ctx: KubectlContext): Command {
  return {
    use: 'undo (TYPE NAME | TYPE/NAME) [flags]',
    short: 'Undo a previous rollout',
    flags: [{ name: 'to-revision', kind: 'int64', def: '0', usage: 'The revision to rollback to. Default to 0 (last revision).' }],
    run: function* (inv) {
      const to = Number(ctx.flag<bigint>('to-revision'));
      for (const { r, name } of yield* targets(ctx, inv.args)) {
        if (r.kind !== 'Deployment') throw new CommandError(`no rollbacker has been implemented for ${JSON.stringify(`${r.group}/${r.kind}`)}`);
        const path = resourcePath(r, ctx.namespace, name);
        const live = yield* ctx.request<Obj>('GET', path);
        if (((live.spec ?? {}) as { paused?: boolean }).paused) throw new CommandError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
        const history = (yield* replicaSetsOf(ctx, live)).sort((a, b) => a.revision - b.revision);
        if (history.length === 0) throw new CommandError(`no rollout history found for deployment "${name}"`);
        let target: { rs: Obj; revision: number } | undefined;
        if (to > 0) {
          target = history.find((h) => h.revision === to);
          if (!target) throw new CommandError(`unable to find specified revision ${to} in history`);
        } else {
          target = history.length > 1 ? history[history.length - 2] : undefined;
          if (!target) throw new CommandError(`no revision found for deployment "${name}"`);
        }
        const template = structuredClone(((target.rs.spec ?? {}) as Obj).template ?? {}) as { metadata?: { labels?: Record<string, string> } };
        delete template.metadata?.labels?.['pod-template-hash'];
        const current = ((live.spec ?? {}) as Obj).template;
        if (JSON.stringify(template) === JSON.stringify(current)) {
          ctx.io.out(`${objectName(r, name)} skipped rollback (current template already matches revision ${target.revision})\n`);
          continue;
        }
        const patch = [{ op: 'replace', path: '/spec/template', value: template }];
        yield* ctx.request('PATCH', path, JSON.stringify(patch), { 'content-type': 'application/json-patch+json' });
        ctx.io.out(`${objectName(r, name)} rolled back\n`);
      }
    },
  };
}

/** DeploymentStatusViewer / DaemonSetStatusViewer / StatefulSetStatusViewer. */
export function rolloutStatus(kind: string, o: Obj): { text: string; done: boolean } {
  const name = meta(o).name ?? '';
  const gen = meta(o).generation ?? 0;
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Record<string, number | undefined> & { conditions?: { type: string; reason?: string }[] };
  const n = (k: string) => Number(st[k] ?? 0);
  if (kind === 'Deployment') {
    if (gen <= n('observedGeneration')) {
      const cond = st.conditions?.find((c) => c.type === 'Progressing');
      if (cond?.reason === 'ProgressDeadlineExceeded') throw new CommandError(`deployment "${name}" exceeded its progress deadline`);
      const replicas = spec.replicas as number | undefined;
      if (replicas !== undefined && n('updatedReplicas') < replicas) return { text: `Waiting for deployment "${name}" rollout to finish: ${n('updatedReplicas')} out of ${replicas} new replicas have been updated...\n`, done: false };
      if (n('replicas') > n('updatedReplicas')) return { text: `Waiting for deployment "${name}" rollout to finish: ${n('replicas') - n('updatedReplicas')} old replicas are pending termination...\n`, done: false };
      if (n('availableReplicas') < n('updatedReplicas')) return { text: `Waiting for deployment "${name}" rollout to finish: ${n('availableReplicas')} of ${n('updatedReplicas')} updated replicas are available...\n`, done: false };
      return { text: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (kind === 'DaemonSet') {
    if (((spec.updateStrategy ?? {}) as { type?: string }).type !== 'RollingUpdate') throw new CommandError('rollout status is only available for RollingUpdate strategy type');
    if (gen <= n('observedGeneration')) {
      if (n('updatedNumberScheduled') < n('desiredNumberScheduled')) return { text: `Waiting for daemon set "${name}" rollout to finish: ${n('updatedNumberScheduled')} out of ${n('desiredNumberScheduled')} new pods have been updated...\n`, done: false };
      if (n('numberAvailable') < n('desiredNumberScheduled')) return { text: `Waiting for daemon set "${name}" rollout to finish: ${n('numberAvailable')} of ${n('desiredNumberScheduled')} updated pods are available...\n`, done: false };
      return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  if (kind === 'StatefulSet') {
    const us = (spec.updateStrategy ?? {}) as { type?: string; rollingUpdate?: { partition?: number } };
    if (us.type !== 'RollingUpdate') throw new CommandError('rollout status is only available for RollingUpdate strategy type');
    if (n('observedGeneration') === 0 || gen > n('observedGeneration')) return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
    const replicas = (spec.replicas as number | undefined) ?? 1;
    if (n('readyReplicas') < replicas) return { text: `Waiting for ${replicas - n('readyReplicas')} pods to be ready...\n`, done: false };
    const partition = us.rollingUpdate?.partition ?? 0;
    if (partition > 0) {
      if (n('updatedReplicas') < replicas - partition) return { text: `Waiting for partitioned roll out to finish: ${n('updatedReplicas')} out of ${replicas - partition} new pods have been updated...\n`, done: false };
      return { text: `partitioned roll out complete: ${n('updatedReplicas')} new pods have been updated...\n`, done: true };
    }
    const sts = o.status as { updateRevision?: string; currentRevision?: string };
    if (sts.updateRevision !== sts.currentRevision) return { text: `waiting for statefulset rolling update to complete ${n('updatedReplicas')} pods at revision ${sts.updateRevision ?? ''}...\n`, done: false };
    return { text: `statefulset rolling update complete ${n('currentReplicas')} pods at revision ${sts.currentRevision ?? ''}...\n`, done: true };
  }
  throw new CommandError(`no status viewer has been implemented for ${kind}`);
}

function statusCommand(ctx: KubectlContext): Command {
  return {
    use: 'status (TYPE NAME | TYPE/NAME) [flags]',
    short: 'Show the status of the rollout',
    flags: [
      { name: 'watch', shorthand: 'w', kind: 'bool', def: 'true', usage: "Watch the status of the rollout until it's done." },
      { name: 'revision', kind: 'int64', def: '0', usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
      { name: 'timeout', kind: 'string', def: '0s', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    ],
    run: function* (inv) {
      const timeout = ctx.flag<string>('timeout');
      const timeoutMs = parseDuration(timeout);
      if (timeoutMs === null) throw new CommandError(`invalid argument "${timeout}" for "--timeout" flag: time: invalid duration "${timeout}"`);
      for (const { r, name } of yield* targets(ctx, inv.args)) {
        if (!podSpecPath(r.kind) || !['Deployment', 'DaemonSet', 'StatefulSet'].includes(r.kind)) throw new CommandError(`no status viewer has been implemented for ${r.kind}`);
        // kubectl lists with a metadata.name field selector, then watches; this polls the object,
        // which prints the same lines (one per change) and ends on the same conditions.
        const start = ctx.nowMs();
        let last = '';
        for (;;) {
          let live: Obj;
          try {
            live = yield* ctx.request<Obj>('GET', resourcePath(r, ctx.namespace, name));
          } catch (e) {
            if (e instanceof ApiError && e.code === 404) throw new CommandError('object has been deleted');
            throw e;
          }
          const { text, done } = rolloutStatus(r.kind, live);
          if (text !== last) ctx.io.out(text);
          last = text;
          if (done || !ctx.flag<boolean>('watch')) break;
          if (timeoutMs > 0 && ctx.nowMs() - start >= timeoutMs) throw new CommandError('timed out waiting for the condition');
          yield* ctx.rest.sleep(timeoutMs > 0 ? Math.min(1000, timeoutMs - (ctx.nowMs() - start)) : 1000);
          if (timeoutMs > 0 && ctx.nowMs() - start >= timeoutMs) throw new CommandError('timed out waiting for the condition');
        }
      }
    },
  };
}

export function rolloutCommand(ctx: KubectlContext): Command {
  return {
    use: 'rollout SUBCOMMAND',
    short: 'Manage the rollout of a resource',
    commands: [statusCommand(ctx), historyCommand(ctx), undoCommand(ctx), restartCommand(ctx), pauseLike(ctx, true), pauseLike(ctx, false)],
  };
}

/** Go's time.ParseDuration for the units kubectl's --timeout takes; null when malformed. */
export function parseDuration(s: string): number | null {
  if (s === '0') return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  if (!s) return null;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return null;
    total += Number(m[1]) * units[m[2]];
    i = re.lastIndex;
  }
  return total;
}
