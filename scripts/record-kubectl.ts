// Records what the real kubectl prints against Kubeplay's apiserver: a headless cluster, its
// apiserver served over HTTP on 127.0.0.1 (every request goes through Cluster.api, exactly as the
// engine's own kubectl sends it), and `kubectl --server=… --token=…` for each step of the scenario
// in engine/kubectl/testdata/scenario.ts. Writes engine/kubectl/testdata/real-kubectl.json.
// Run: npx tsx scripts/record-kubectl.ts [/path/to/kubectl]   (needs kubectl v1.32)

import { writeFileSync } from 'node:fs';
import { createCluster } from '../engine/cluster';
import { runRealKubectl, serveApiserver, type RecordedRun } from '../engine/kubectl/testdata/recorder';
import { scenario, scenarioOptions } from '../engine/kubectl/testdata/scenario';

const kubectl = process.argv[2] ?? 'kubectl';

async function main(): Promise<void> {
  const c = await createCluster(scenarioOptions);
  await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  const server = await serveApiserver(c);
  const out: RecordedRun[] = [];
  for (const step of scenario) {
    if (step.setup) await c.kubectl(step.line, step.stdin);
    else out.push(await runRealKubectl(kubectl, server.url, step.line, step.stdin));
  }
  server.close();
  writeFileSync(new URL('../engine/kubectl/testdata/real-kubectl.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
