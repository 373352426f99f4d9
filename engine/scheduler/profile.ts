// The default scheduler profile of kube-scheduler 1.32 (pkg/scheduler/apis/config/v1/default_plugins.go)
// and the registry of in-tree plugin factories (pkg/scheduler/framework/plugins/registry.go). The
// registry holds the plugins this folder implements; PodTopologySpread, InterPodAffinity,
// DefaultPreemption and DefaultBinder are registered by name by their owners (see withPlugins).

import { defaultSchedulerName } from '../api/defaults/core';
import type { PluginFactory, Registry } from './framework/interface';
import type { PluginSpec, Profile } from './framework/runtime';
import { withEvents } from './plugins/events';
import { newImageLocality } from './plugins/image-locality';
import { names } from './plugins/names';
import { newNodeAffinity } from './plugins/node-affinity';
import { newNodeName } from './plugins/node-name';
import { newNodePorts } from './plugins/node-ports';
import { newNodeUnschedulable } from './plugins/node-unschedulable';
import { newNodeVolumeLimits } from './plugins/node-volume-limits';
import { newBalancedAllocation } from './plugins/noderesources/balanced-allocation';
import { newFit } from './plugins/noderesources/fit';
import { newPrioritySort } from './plugins/priority-sort';
import { newSchedulingGates } from './plugins/scheduling-gates';
import { newTaintToleration } from './plugins/taint-toleration';
import { newVolumeBinding } from './plugins/volumebinding/volume-binding';
import { newVolumeRestrictions } from './plugins/volume-restrictions';
import { newVolumeZone } from './plugins/volume-zone';

// Models pkg/scheduler/apis/config/v1/default_plugins.go (getDefaultPlugins)
/** The MultiPoint plugins of the default profile, in order, with their score weights. DynamicResources is off (its gate is off in 1.32). */
export const defaultPlugins: readonly PluginSpec[] = [
  { name: names.SchedulingGates },
  { name: names.PrioritySort },
  { name: names.NodeUnschedulable },
  { name: names.NodeName },
  { name: names.TaintToleration, weight: 3 },
  { name: names.NodeAffinity, weight: 2 },
  { name: names.NodePorts },
  { name: names.NodeResourcesFit, weight: 1 },
  { name: names.VolumeRestrictions },
  { name: names.NodeVolumeLimits },
  { name: names.VolumeBinding },
  { name: names.VolumeZone },
  { name: names.PodTopologySpread, weight: 2 },
  { name: names.InterPodAffinity, weight: 2 },
  { name: names.DefaultPreemption },
  { name: names.NodeResourcesBalancedAllocation, weight: 1 },
  { name: names.ImageLocality, weight: 1 },
  { name: names.DefaultBinder },
];

/** The plugins of the default profile that other parts of the scheduler provide: h4's and the lead's. */
export const externallyRegistered: readonly string[] = [names.PodTopologySpread, names.InterPodAffinity, names.DefaultPreemption, names.DefaultBinder];

/** The default profile: schedulerName default-scheduler, the default plugins, the adaptive percentageOfNodesToScore. */
export function defaultProfile(): Profile {
  return { schedulerName: defaultSchedulerName, plugins: defaultPlugins.map((p) => ({ ...p })) };
}

/** A copy of the profile without the named plugins (a profile's `disabled` list). */
export function withoutPlugins(profile: Profile, disabled: readonly string[]): Profile {
  return { ...profile, plugins: profile.plugins.filter((p) => !disabled.includes(p.name)) };
}

// Models pkg/scheduler/framework/plugins/registry.go (NewInTreeRegistry)
/** The factories of the in-tree plugins implemented here. */
export function inTreeRegistry(): Registry {
  const factories: [string, PluginFactory][] = [
    [names.SchedulingGates, newSchedulingGates],
    [names.PrioritySort, newPrioritySort],
    [names.NodeUnschedulable, newNodeUnschedulable],
    [names.NodeName, newNodeName],
    [names.TaintToleration, newTaintToleration],
    [names.NodeAffinity, newNodeAffinity],
    [names.NodePorts, newNodePorts],
    [names.NodeResourcesFit, newFit],
    [names.VolumeRestrictions, newVolumeRestrictions],
    [names.NodeVolumeLimits, newNodeVolumeLimits],
    [names.VolumeBinding, newVolumeBinding],
    [names.VolumeZone, newVolumeZone],
    [names.NodeResourcesBalancedAllocation, newBalancedAllocation],
    [names.ImageLocality, newImageLocality],
  ];
  // Each plugin that can reject a pod also says which cluster events may undo that (EnqueueExtensions).
  return new Map(factories.map(([name, f]) => [name, (args, handle) => withEvents(f(args, handle))]));
}

/** The in-tree registry with more factories added by name (PodTopologySpread, InterPodAffinity, DefaultPreemption, DefaultBinder, out-of-tree ones). */
export function withPlugins(registry: Registry, more: Record<string, PluginFactory>): Registry {
  const r = new Map(registry);
  for (const [name, f] of Object.entries(more)) r.set(name, f);
  return r;
}
