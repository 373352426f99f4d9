// Kubeplay's kubectl against the real one: the scenario of testdata/scenario.ts, run here through
// the engine's kubectl, must print what kubectl v1.32.4 printed against the same apiserver
// (testdata/real-kubectl.json, recorded by scripts/record-kubectl.ts), byte for byte once uids,
// resourceVersions, timestamps and ages are normalised.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';
import { normalise, scenario } from './testdata/scenario';

const recorded = JSON.parse(readFileSync(new URL('./testdata/real-kubectl.json', import.meta.url), 'utf8')) as { line: string; code: number; stdout: string; stderr: string }[];

describe('kubectl prints what kubectl v1.32.4 prints', () => {
  const ours: { line: string; code: number; stdout: string; stderr: string }[] = [];
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster({ seed: 1 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    for (const step of scenario) {
      const r = await c.kubectl(step.line, step.stdin);
      if (!step.setup) ours.push({ line: step.line, ...r });
    }
  });

  const steps = scenario.filter((s) => !s.setup);
  it.each(steps.map((s, i) => [s.line, i] as const))('kubectl %s', (_line, i) => {
    const real = recorded[i];
    const mine = ours[i];
    expect(mine.line).toBe(real.line);
    expect(normalise(mine.stdout)).toBe(normalise(real.stdout));
    expect(normalise(mine.stderr)).toBe(normalise(real.stderr));
    expect(mine.code).toBe(real.code);
  });
});

describe('kubectl errors', () => {
  it('reports bad flags and unknown commands as kubectl does', async () => {
    const c = await createCluster({ seed: 2 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    expect(await c.kubectl('get --foo')).toEqual({ code: 1, stdout: '', stderr: "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" });
    const unknown = await c.kubectl('foo');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: unknown command "foo" for "kubectl"/);
    expect(await c.kubectl('get pods -o bogus')).toMatchObject({ code: 1, stderr: expect.stringContaining('unable to match a printer suitable for the output format "bogus"') });
  });

  it('maps each failed manifest document to its API Status (for the editor\'s markers)', async () => {
    const c = await createCluster({ seed: 3 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    const doc = (name: string, ns?: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;
    const r = await c.kubectl('apply -f -', [doc('ok'), doc('lost', 'nowhere')].join('---\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('configmap/ok created\n');
    expect(r.stderr).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n');
    expect(r.apiErrors).toEqual([{ document: 1, status: expect.objectContaining({ reason: 'NotFound', code: 404 }) }]);
  });
});
