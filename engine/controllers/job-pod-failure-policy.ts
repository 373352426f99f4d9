// A Job's podFailurePolicy (pkg/controller/job/pod_failure_policy.go): the first rule a failed pod
// matches, by a container's non-zero exit code or by a pod condition, decides whether the failure
// fails the whole Job (FailJob), is not counted against backoffLimit (Ignore), or is counted
// (Count). With no match a failure counts.

import type { ContainerStatus, Pod, PodCondition, PodFailurePolicy, PodFailurePolicyAction, PodFailurePolicyOnExitCodesRequirement } from '../api/types';

/** What a failed pod's match decides. */
export interface PodFailurePolicyMatch {
  /** The Job failure message, for a FailJob rule. */
  jobFailureMessage: string | null;
  /** Whether the failure counts towards backoffLimit. */
  countFailed: boolean;
  action: PodFailurePolicyAction | null;
}

// Models pkg/controller/job/pod_failure_policy.go matchPodFailurePolicy.
/** How the policy treats one failed pod. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PodFailurePolicyMatch {
  const none: PodFailurePolicyMatch = { jobFailureMessage: null, countFailed: true, action: null };
  if (!policy) return none;
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    if (rule.onExitCodes) {
      const cs = matchOnExitCodes(pod, rule.onExitCodes);
      if (!cs) continue;
      const msg = `Container ${cs.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${cs.state!.terminated!.exitCode} matching ${rule.action} rule at index ${index}`;
      const out = decide(rule.action, msg);
      if (out) return out;
    } else if (rule.onPodConditions) {
      const cond = matchOnPodConditions(pod, rule.onPodConditions);
      if (!cond) continue;
      const out = decide(rule.action, `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${cond.type} matching ${rule.action} rule at index ${index}`);
      if (out) return out;
    }
  }
  return none;
}

/** The outcome of a matched rule (FailIndex counts; failing the index itself is not modelled, see FIDELITY). */
function decide(action: PodFailurePolicyAction, failMessage: string): PodFailurePolicyMatch | null {
  switch (action) {
    case 'Ignore':
      return { jobFailureMessage: null, countFailed: false, action };
    case 'Count':
    case 'FailIndex':
      return { jobFailureMessage: null, countFailed: true, action };
    case 'FailJob':
      return { jobFailureMessage: failMessage, countFailed: true, action };
    default:
      return null;
  }
}

function matchOnExitCodes(pod: Pod, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | null {
  return matchingContainer(pod.status?.containerStatuses ?? [], req) ?? matchingContainer(pod.status?.initContainerStatuses ?? [], req);
}

function matchOnPodConditions(pod: Pod, patterns: readonly { type: string; status: string }[]): PodCondition | null {
  for (const c of pod.status?.conditions ?? []) for (const p of patterns) if (c.type === p.type && c.status === p.status) return c;
  return null;
}

function matchingContainer(statuses: readonly ContainerStatus[], req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | null {
  for (const cs of statuses) {
    const t = cs.state?.terminated;
    if (!t) continue;
    if (req.containerName !== undefined && req.containerName !== null && req.containerName !== cs.name) continue;
    if (t.exitCode !== 0 && exitCodeMatches(t.exitCode, req)) return cs;
  }
  return null;
}

function exitCodeMatches(code: number, req: PodFailurePolicyOnExitCodesRequirement): boolean {
  if (req.operator === 'In') return req.values.includes(code);
  if (req.operator === 'NotIn') return !req.values.includes(code);
  return false;
}
