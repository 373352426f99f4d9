// The comparison every real-kubectl fixture gets (kubectl.test.ts, commands/create-*.test.ts): the
// scenario's lines run through Kubeplay's kubectl on the scenario's headless cluster (its `setup`
// lines too, unrecorded), then each recorded line must match the real kubectl's, byte for byte once
// uids, resourceVersions, timestamps and ages are normalised, with the same exit code.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import type { RecordedRun } from './recorder';
import { normalise, scenarioOptions } from './scenario';

/** A line of a scenario: `setup` lines only prepare the cluster and are not in the fixture. */
export interface ScenarioStep {
  line: string;
  stdin?: string;
  setup?: boolean;
}

/** A describe block comparing `scenario` with the fixture at `fixture` (a file URL). */
export function describeRecorded(title: string, scenario: readonly ScenarioStep[], fixture: URL): void {
  const recorded = JSON.parse(readFileSync(fixture, 'utf8')) as RecordedRun[];
  const steps = scenario.filter((s) => !s.setup);
  describe(title, () => {
    const ours: RecordedRun[] = [];
    beforeAll(async () => {
      const c = await createCluster(scenarioOptions);
      await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
      for (const step of scenario) {
        const r = await c.kubectl(step.line, step.stdin);
        if (!step.setup) ours.push({ line: step.line, code: r.code, stdout: r.stdout, stderr: r.stderr });
      }
    }, 60_000);

    it('the recording has every line of the scenario', () => {
      expect(recorded.map((r) => r.line)).toEqual(steps.map((s) => s.line));
    });

    it.each(steps.map((s, i) => [s.line, i] as const))('kubectl %s', (_line, i) => {
      const real = recorded[i];
      const mine = ours[i];
      expect(mine.line).toBe(real.line);
      expect(normalise(mine.stdout)).toBe(normalise(real.stdout));
      expect(normalise(mine.stderr)).toBe(normalise(real.stderr));
      expect(mine.code).toBe(real.code);
    });
  });
}
