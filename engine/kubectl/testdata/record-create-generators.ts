// Records what the real kubectl prints for create-generators-scenario.ts into create-generators.json.
// Every line is --dry-run=client or refused before a request, so no apiserver is served: kubectl is
// pointed at a port nothing listens on, with no kubeconfig (the namespace is default, not enforced).
// Run: npx tsx engine/kubectl/testdata/record-create-generators.ts [/path/to/kubectl]   (needs kubectl v1.32.4)

import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { shellWords } from '../../etcdctl/shell';
import { generatorsScenario } from './create-generators-scenario';

const kubectl = process.argv[2] ?? 'kubectl';
const run = promisify(execFile);

async function main(): Promise<void> {
  const out: { line: string; code: number; stdout: string; stderr: string }[] = [];
  for (const step of generatorsScenario) {
    const args = ['--server=http://127.0.0.1:1', '--token=kubeplay-admin-token', ...shellWords(step.line)];
    let code = 0;
    let stdout = '';
    let stderr = '';
    try {
      ({ stdout, stderr } = await run(kubectl, args, { env: { ...process.env, KUBECONFIG: '/dev/null', KUBECACHEDIR: '/tmp/kubeplay-kubecache' } }));
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string };
      code = x.code ?? 1;
      stdout = x.stdout ?? '';
      stderr = x.stderr ?? '';
    }
    out.push({ line: step.line, code, stdout, stderr });
    console.log(`$ kubectl ${step.line}\n${stdout}${stderr}[${code}]`);
  }
  writeFileSync(new URL('./create-generators.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
