// Records what the real kubectl prints for create-generators-scenario.ts into create-generators.json.
// Every line is --dry-run=client or refused before a request, so no apiserver is served: kubectl is
// pointed at a port nothing listens on, with no kubeconfig (the namespace is default, not enforced).
// Run: npx tsx engine/kubectl/testdata/record-create-generators.ts [/path/to/kubectl]   (needs kubectl v1.32.4)

import { writeFileSync } from 'node:fs';
import { generatorsScenario } from './create-generators-scenario';
import { runRealKubectl, type RecordedRun } from './recorder';

const kubectl = process.argv[2] ?? 'kubectl';

async function main(): Promise<void> {
  const out: RecordedRun[] = [];
  for (const step of generatorsScenario) out.push(await runRealKubectl(kubectl, 'http://127.0.0.1:1', step.line));
  writeFileSync(new URL('./create-generators.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
