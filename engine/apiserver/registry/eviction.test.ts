// The eviction subresource's decisions, from pkg/registry/core/pod/storage/eviction_test.go: which
// pods skip the PDB (TestEviction's pending/succeeded/failed cases), which PDBs match (non-matching
// pdbs, an empty selector matching nothing), and checkAndDecrement's answers.

import { describe, expect, it } from 'vitest';
import type { Pod, PodDisruptionBudget } from '../../api/types';
import { StatusError } from '../errors';
import { canIgnorePDB, checkAndDecrement, matchingPDBs } from './eviction';

const now = '2026-01-01T00:01:00Z';
const pdb = (status: Partial<NonNullable<PodDisruptionBudget['status']>>, selector: Record<string, string> | null = { a: 'true' }, generation = 1): PodDisruptionBudget => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'foo', namespace: 'default', generation },
  spec: selector === null ? {} : { selector: { matchLabels: selector } },
  status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, observedGeneration: 1, ...status },
});
const pod = (phase: string, labels = { a: 'true' }): Pod => ({ metadata: { name: 't1', namespace: 'default', labels }, status: { phase: phase as never } });

const refusal = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    return e.status;
  }
};

describe('canIgnorePDB', () => {
  it('lets Pending, Succeeded, Failed and deleting pods go without asking a PDB', () => {
    expect(['Pending', 'Succeeded', 'Failed'].map((p) => canIgnorePDB(pod(p)))).toEqual([true, true, true]);
    expect(canIgnorePDB(pod('Running'))).toBe(false);
    expect(canIgnorePDB({ ...pod('Running'), metadata: { ...pod('Running').metadata, deletionTimestamp: now } })).toBe(true);
  });
});

describe('matchingPDBs', () => {
  it('matches by selector in the pod namespace; a PDB with no selector matches nothing', () => {
    expect(matchingPDBs([pdb({})], pod('Running'))).toHaveLength(1);
    expect(matchingPDBs([pdb({}, { b: 'true' })], pod('Running'))).toHaveLength(0);
    expect(matchingPDBs([pdb({}, null)], pod('Running'))).toHaveLength(0);
    expect(matchingPDBs([{ ...pdb({}), metadata: { ...pdb({}).metadata, namespace: 'other' } }], pod('Running'))).toHaveLength(0);
  });
});

describe('checkAndDecrement', () => {
  it('answers 429 with the DisruptionBudget cause when no disruption is allowed', () => {
    expect(refusal(() => checkAndDecrement(pdb({ desiredHealthy: 3, currentHealthy: 3 }), 't1', now, false))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget foo needs 3 healthy pods and has 3 currently' }] },
      code: 429,
    });
  });

  it('answers 429 (retry in 10 s) while the controller has not seen the latest generation, 403 for a negative budget', () => {
    expect(refusal(() => checkAndDecrement(pdb({ disruptionsAllowed: 1 }, { a: 'true' }, 2), 't1', now, false))).toMatchObject({ code: 429, details: { retryAfterSeconds: 10, causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget foo is still being processed by the server.' }] } });
    expect(refusal(() => checkAndDecrement(pdb({ disruptionsAllowed: -1 }), 't1', now, false))).toMatchObject({ code: 403, reason: 'Forbidden', message: 'poddisruptionbudget.policy "foo" is forbidden: pdb disruptions allowed is negative' });
  });

  it('spends one disruption and records the pod; at zero the condition turns InsufficientPods', () => {
    const next = checkAndDecrement(pdb({ disruptionsAllowed: 1, currentHealthy: 4, desiredHealthy: 3, conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: '2026-01-01T00:00:00Z' }] }), 't1', now, false);
    expect(next.status).toMatchObject({ disruptionsAllowed: 0, disruptedPods: { t1: now }, conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', lastTransitionTime: now }] });
    expect(checkAndDecrement(pdb({ disruptionsAllowed: 2 }), 't1', now, true).status).toMatchObject({ disruptionsAllowed: 1 });
    expect(checkAndDecrement(pdb({ disruptionsAllowed: 2 }), 't1', now, true).status?.disruptedPods).toBeUndefined();
  });
});
