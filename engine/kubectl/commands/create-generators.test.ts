// The older `kubectl create` generators against the real kubectl v1.32.4: the lines of
// testdata/create-generators-scenario.ts, run here through Kubeplay's kubectl on a headless cluster,
// must print what the real one printed (testdata/create-generators.json, recorded by
// testdata/record-create-generators.ts), byte for byte.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { generatorsScenario } from '../testdata/create-generators-scenario';
import { normalise, scenarioOptions } from '../testdata/scenario';

type Run = { line: string; code: number; stdout: string; stderr: string };
const recorded = JSON.parse(readFileSync(new URL('../testdata/create-generators.json', import.meta.url), 'utf8')) as Run[];

describe('the older kubectl create generators print what kubectl v1.32.4 prints', () => {
  const ours: Run[] = [];
  beforeAll(async () => {
    const c = await createCluster(scenarioOptions);
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    for (const step of generatorsScenario) {
      const r = await c.kubectl(step.line);
      ours.push({ line: step.line, code: r.code, stdout: r.stdout, stderr: r.stderr });
    }
  }, 60_000);

  it('the recording has every line of the scenario', () => {
    expect(recorded.map((r) => r.line)).toEqual(generatorsScenario.map((s) => s.line));
  });

  const steps = generatorsScenario;
  it.each(steps.map((s, i) => [s.line, i] as const))('kubectl %s', (_line, i) => {
    const real = recorded[i];
    const mine = ours[i];
    expect(mine.line).toBe(real.line);
    expect(normalise(mine.stdout)).toBe(normalise(real.stdout));
    expect(normalise(mine.stderr)).toBe(normalise(real.stderr));
    expect(mine.code).toBe(real.code);
  });
});

