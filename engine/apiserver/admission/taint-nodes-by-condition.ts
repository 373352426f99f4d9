// TaintNodesByCondition (plugin/pkg/admission/nodetaint): a new Node starts tainted not-ready, so
// nothing is scheduled onto it before its kubelet reports Ready. A mutating plugin only.

import type { Node } from '../../api/types';
import type { Co } from '../../sim/co';
import { isMain, type AdmissionContext, type Attributes, type Plugin } from './context';

// Models plugin/pkg/admission/nodetaint/admission.go Admit
function* admit(_ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE' || !isMain(a, '', 'nodes')) return;
  const node = a.obj as Node;
  node.spec = node.spec ?? {};
  const taints = node.spec.taints ?? [];
  if (!taints.some((t) => t.key === 'node.kubernetes.io/not-ready' && t.effect === 'NoSchedule')) taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  node.spec.taints = taints;
}

/** The TaintNodesByCondition plugin. */
export const taintNodesByCondition: Plugin = { name: 'TaintNodesByCondition', admit };
