// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every pod tolerates the
// not-ready and unreachable NoExecute taints for 300 s (the apiserver's flags; 30 s in the fast
// profile) unless it says otherwise, which is what gives a dead node five minutes before its pods
// are evicted. A mutating plugin only.

import type { Pod } from '../../api/types';
import type { Co } from '../../sim/co';
import { isMain, type AdmissionContext, type Attributes, type Plugin } from './context';

const taints = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

// Models plugin/pkg/admission/defaulttolerationseconds/admission.go Admit
function* admit(ctx: AdmissionContext, a: Attributes): Co<void> {
  const defaultSeconds = ctx.defaultTolerationSeconds ?? 300;
  if (a.op !== 'CREATE' || !isMain(a, '', 'pods')) return;
  const spec = (a.obj as Pod).spec!;
  const tolerations = spec.tolerations ?? [];
  for (const key of taints) {
    const tolerated = tolerations.some((t) => (!t.effect || t.effect === 'NoExecute') && ((t.operator === 'Exists' && (t.key === undefined || t.key === '')) || t.key === key));
    if (!tolerated) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: defaultSeconds });
  }
  spec.tolerations = tolerations;
}

/** The DefaultTolerationSeconds plugin. */
export const defaultTolerationSeconds: Plugin = { name: 'DefaultTolerationSeconds', admit };
