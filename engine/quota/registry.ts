// Which evaluator measures which resource (pkg/quota/v1/evaluator/core/registry.go, pkg/quota/v1/install
// and k8s.io/apiserver/pkg/quota/v1/generic/registry.go): pods, services and claims have their own;
// configmaps, resourcequotas, replicationcontrollers and secrets are counted under their legacy names
// as well; any other resource is counted as `count/<resource>[.<group>]`; a few are never quota'd.

import { newObjectCountEvaluator } from './generic';
import { newPersistentVolumeClaimEvaluator } from './persistent-volume-claims';
import { newPodEvaluator } from './pods';
import { newServiceEvaluator } from './services';
import type { Evaluator, GroupResource } from './types';

/** The legacy object-count names, older than `count/…`. */
const legacyObjectCountAliases: [GroupResource, string][] = [
  [{ group: '', resource: 'configmaps' }, 'configmaps'],
  [{ group: '', resource: 'resourcequotas' }, 'resourcequotas'],
  [{ group: '', resource: 'replicationcontrollers' }, 'replicationcontrollers'],
  [{ group: '', resource: 'secrets' }, 'secrets'],
];

// Models pkg/quota/v1/install/registry.go ignoredResources
const ignoredResources = new Set([
  // virtual resources that are never stored
  '/bindings', '/componentstatuses', 'authentication.k8s.io/tokenreviews', 'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/subjectaccessreviews', 'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews', 'authorization.k8s.io/selfsubjectrulesreviews',
  // events have never been quota'd
  '/events', 'events.k8s.io/events',
]);

const keyOf = (gr: GroupResource) => `${gr.group}/${gr.resource}`;

/** DefaultIgnoredResources: whether quota leaves a resource alone altogether. */
export function isIgnoredResource(gr: GroupResource): boolean {
  return ignoredResources.has(keyOf(gr));
}

/** quota.Registry: the evaluators known so far, by group and resource. */
export interface Registry {
  get(gr: GroupResource): Evaluator | undefined;
  add(e: Evaluator): void;
  list(): Evaluator[];
}

// Models pkg/quota/v1/evaluator/core/registry.go NewEvaluators
/** The evaluators with special logic, then the legacy object counters; `clock` is wall-clock ms. */
export function newEvaluators(clock: () => number): Evaluator[] {
  const counters = legacyObjectCountAliases.map(([gr, alias]) => newObjectCountEvaluator(gr, alias));
  return [newPodEvaluator(clock), newServiceEvaluator(), newPersistentVolumeClaimEvaluator(), ...counters];
}

// Models staging/src/k8s.io/apiserver/pkg/quota/v1/generic/registry.go NewRegistry
/** A registry holding the given evaluators. */
export function newRegistry(evaluators: Evaluator[]): Registry {
  const byKey = new Map(evaluators.map((e) => [keyOf(e.groupResource), e]));
  return {
    get: (gr) => byKey.get(keyOf(gr)),
    add: (e) => void byKey.set(keyOf(e.groupResource), e),
    list: () => [...byKey.values()],
  };
}

/** The registry's evaluator for a resource, else a new object counter for it, added (as admission's Evaluate does). */
export function evaluatorFor(registry: Registry, gr: GroupResource): Evaluator {
  let e = registry.get(gr);
  if (!e) registry.add((e = newObjectCountEvaluator(gr)));
  return e;
}
