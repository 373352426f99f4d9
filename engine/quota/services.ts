// Quota for services (pkg/quota/v1/evaluator/core/services.go): every service counts under `services`
// and `count/services`, a NodePort or LoadBalancer one under `services.nodeports` (one per port), a
// LoadBalancer one under `services.loadbalancers`. Charged on create and on update, since a service's
// type can change.

import { Quantity } from '../api/quantity';
import type { Service } from '../api/types';
import { calculateUsageStats, matches, matchesNoScopeFunc, objectCountQuotaResourceNameFor } from './generic';
import { intersection, type QuantityList } from './resources';
import type { Evaluator } from './types';

const serviceObjectCountName = objectCountQuotaResourceNameFor({ group: '', resource: 'services' });
const serviceResources = [serviceObjectCountName, 'services', 'services.nodeports', 'services.loadbalancers'];

// Models pkg/quota/v1/evaluator/core/services.go Usage
/** What a service uses; a LoadBalancer that allocates no node ports is charged only the ports that name one. */
export function serviceUsage(svc: Service): QuantityList {
  const ports = svc.spec?.ports ?? [];
  const result: QuantityList = {
    [serviceObjectCountName]: Quantity.fromValue(1),
    services: Quantity.fromValue(1),
    'services.loadbalancers': Quantity.zero('DecimalSI'),
    'services.nodeports': Quantity.zero('DecimalSI'),
  };
  switch (svc.spec?.type) {
    case 'NodePort':
      result['services.nodeports'] = Quantity.fromValue(ports.length);
      break;
    case 'LoadBalancer':
      // Node ports are not allocated yet: count the intent.
      result['services.nodeports'] = Quantity.fromValue(svc.spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => (p.nodePort ?? 0) !== 0).length : ports.length);
      result['services.loadbalancers'] = Quantity.fromValue(1);
      break;
  }
  return result;
}

// Models pkg/quota/v1/evaluator/core/services.go GetQuotaServiceType
/** The service type quota tracks separately (NodePort, LoadBalancer), else ''. */
export function getQuotaServiceType(svc: Service): string {
  const t = svc.spec?.type;
  return t === 'NodePort' || t === 'LoadBalancer' ? t : '';
}

// Models pkg/quota/v1/evaluator/core/services.go NewServiceEvaluator
/** The service evaluator. */
export function newServiceEvaluator(): Evaluator {
  const self: Evaluator = {
    groupResource: { group: '', resource: 'services' },
    constraints: () => null,
    handles: (a) => a.op === 'CREATE' || a.op === 'UPDATE',
    matches: (quota, item) => matches(quota, item, self.matchingResources, matchesNoScopeFunc),
    matchingResources: (input) => intersection(input, serviceResources),
    matchingScopes: () => [],
    usage: (item) => serviceUsage(item as Service),
    usageStats: (options, items) => calculateUsageStats(options, items, matchesNoScopeFunc, self.usage),
  };
  return self;
}
