// kubectl autoscale (k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go, 1.32): a HorizontalPodAutoscaler
// for a scalable object (TYPE NAME or TYPE/NAME) with --max, --min and --cpu-percent. kubectl 1.32
// builds an autoscaling/v1 object (targetCPUUtilizationPercentage); this apiserver serves
// autoscaling/v2 only, so the same HPA is sent in its v2 form (a Resource cpu Utilization metric, as
// the apiserver's conversion makes it) — `--dry-run=client -o yaml` still shows the v1 object.

import type { Command } from '../../etcdctl/cobra';
import type { Co } from '../../sim/co';
import { resourceArgs } from '../args';
import type { ApiResource, KubectlContext } from '../context';
import { CommandError } from '../errors';
import { outputFlags, printObjects, readOutputOptions } from '../output';
import { resourcePath, withQuery } from '../paths';

// Models autoscale.go createHorizontalPodAutoscaler (autoscaling/v1).
function hpaV1(name: string, target: ApiResource, targetName: string, namespace: string, min: number, max: number, cpuPercent: number): Record<string, unknown> {
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name, creationTimestamp: null, namespace },
    spec: {
      scaleTargetRef: { kind: target.kind, name: targetName, apiVersion: target.group ? `${target.group}/${target.version}` : target.version },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(cpuPercent >= 0 ? { targetCPUUtilizationPercentage: cpuPercent } : {}),
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

// Models pkg/apis/autoscaling/v1/conversion.go: targetCPUUtilizationPercentage as a v2 Resource metric.
function toV2(v1: Record<string, unknown>): Record<string, unknown> {
  const spec = v1.spec as { scaleTargetRef: unknown; minReplicas?: number; maxReplicas: number; targetCPUUtilizationPercentage?: number };
  const { targetCPUUtilizationPercentage: pct, ...rest } = spec;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    metadata: v1.metadata,
    spec: { ...rest, ...(pct !== undefined ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: pct } } }] } : {}) },
  };
}

// Models scale.NewDiscoveryScaleKindResolver ScaleForResource: the group version's discovery lists <resource>/scale.
function* hasScale(ctx: KubectlContext, r: ApiResource): Co<boolean> {
  const path = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const list = yield* ctx.request<{ resources: { name: string }[] }>('GET', path);
  return list.resources.some((x) => x.name === `${r.name}/scale`);
}

export function autoscaleCommand(ctx: KubectlContext): Command {
  return {
    use: 'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]',
    short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
    flags: [
      { name: 'min', kind: 'int64', def: '-1', usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
      { name: 'max', kind: 'int64', def: '-1', usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
      { name: 'cpu-percent', kind: 'int64', def: '-1', usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used." },
      { name: 'name', kind: 'string', def: '', usage: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
      { name: 'dry-run', kind: 'string', def: 'none', usage: 'Must be "none", "server", or "client".' },
      { name: 'save-config', kind: 'bool', def: 'false', usage: 'If true, the configuration of current object will be saved in its annotation.' },
      { name: 'field-manager', kind: 'string', def: 'kubectl-autoscale', usage: 'Name of the manager used to track field ownership.' },
      ...outputFlags,
    ],
    // Models autoscale.go Validate and Run.
    run: function* (inv) {
      if (!ctx.changed('max')) throw new CommandError('required flag(s) "max" not set');
      const max = Number(ctx.flag<bigint>('max'));
      const min = Number(ctx.flag<bigint>('min'));
      const cpuPercent = Number(ctx.flag<bigint>('cpu-percent'));
      if (max < 1) throw new CommandError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
      if (max < min) throw new CommandError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
      const opts = readOutputOptions(ctx);
      const dry = ctx.flag<string>('dry-run');
      const targets = (yield* resourceArgs(ctx, inv.args)).flatMap((r) => r.names.map((n) => ({ resource: r.resource, name: n })));
      if (targets.length === 0) throw new CommandError('no objects passed to autoscale');
      const hpaResource = yield* ctx.discovery.resolve(ctx, 'horizontalpodautoscalers.autoscaling');
      for (const t of targets) {
        // The builder reads the object first: a missing one is the apiserver's NotFound.
        yield* ctx.request('GET', resourcePath(t.resource, t.resource.namespaced ? ctx.namespace : null, t.name));
        if (!(yield* hasScale(ctx, t.resource))) {
          const gv = t.resource.group ? `${t.resource.group}/${t.resource.version}` : `/${t.resource.version}`;
          throw new CommandError(`cannot autoscale a ${t.resource.kind}: could not find scale subresource for ${gv}, Resource=${t.resource.name} in discovery information`);
        }
        const name = ctx.flag<string>('name') || t.name;
        const v1 = hpaV1(name, t.resource, t.name, ctx.namespace, min, max, cpuPercent);
        let out: Record<string, unknown> = v1;
        if (dry !== 'client') {
          const path = withQuery(resourcePath(hpaResource, ctx.namespace), { dryRun: dry === 'server' ? 'All' : undefined, fieldManager: ctx.flag<string>('field-manager') || undefined });
          out = yield* ctx.request<Record<string, unknown>>('POST', path, toV2(v1));
        }
        if (opts.format && opts.format !== 'name') printObjects(ctx, [out], opts, true);
        else {
          const verb = dry === 'client' ? 'created (dry run)' : dry === 'server' ? 'autoscaled (server dry run)' : 'autoscaled';
          ctx.io.out(`horizontalpodautoscaler.autoscaling/${name}${opts.format === 'name' ? '' : ` ${verb}`}\n`);
        }
      }
    },
  };
}
