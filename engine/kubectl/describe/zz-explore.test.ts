import { it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createCluster } from '/work/main/engine/cluster';
import { normalise } from '/work/main/engine/kubectl/testdata/scenario';
import { scenario } from '/tmp/explore/scen';
it('cmp', async () => {
  const rec = JSON.parse(readFileSync('/tmp/explore/out.json', 'utf8'));
  const c = await createCluster({ seed: 1 });
  await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  let i = 0; let report = '';
  for (const s of scenario) {
    const r = await c.kubectl(s.line, s.stdin);
    if (s.setup) continue;
    const real = rec[i++];
    const a = normalise(r.stdout) + '|' + normalise(r.stderr) + '|' + r.code;
    const b = normalise(real.stdout) + '|' + normalise(real.stderr) + '|' + real.code;
    if (a !== b) report += `=== ${s.line}\n--- ours\n${a}\n--- real\n${b}\n`;
    else report += `OK ${s.line}\n`;
  }
  writeFileSync('/tmp/explore/cmp.txt', report);
}, 120000);
