// Records what the real kubectl prints against Kubeplay's apiserver: a headless cluster, its
// apiserver served over HTTP on 127.0.0.1 (every request goes through Cluster.api, exactly as the
// engine's own kubectl sends it), and `kubectl --server=… --token=…` for each step of the scenario
// in engine/kubectl/testdata/scenario.ts. Writes engine/kubectl/testdata/real-kubectl.json.
// Run: npx tsx scripts/record-kubectl.ts [/path/to/kubectl]   (needs kubectl v1.32)

import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { createCluster } from '../engine/cluster';
import { scenario, scenarioOptions } from '../engine/kubectl/testdata/scenario';
import { shellWords } from '../engine/etcdctl/shell';

const kubectl = process.argv[2] ?? 'kubectl';
const run = promisify(execFile);

async function main(): Promise<void> {
  const c = await createCluster(scenarioOptions);
  await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  // One request at a time: the simulation is single-threaded and kubectl waits for each answer.
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      queue = queue.then(async () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
        const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
        const r = await c.api(req.method as 'GET', req.url ?? '/', body, headers);
        res.writeHead(r.status || 502, { 'content-type': r.body.startsWith('{') ? 'application/json' : 'text/plain' });
        res.end(r.body);
      });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const out: { line: string; code: number; stdout: string; stderr: string }[] = [];
  for (const step of scenario) {
    if (step.setup) {
      await c.kubectl(step.line, step.stdin);
      continue;
    }
    const args = [`--server=http://127.0.0.1:${port}`, '--token=kubeplay-admin-token', ...shellWords(step.line)];
    let code = 0;
    let stdout = '';
    let stderr = '';
    try {
      const p = run(kubectl, args, { env: { ...process.env, KUBECONFIG: '/dev/null', KUBECACHEDIR: '/tmp/kubeplay-kubecache' } });
      if (step.stdin !== undefined) p.child.stdin!.end(step.stdin);
      ({ stdout, stderr } = await p);
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string };
      code = x.code ?? 1;
      stdout = x.stdout ?? '';
      stderr = x.stderr ?? '';
    }
    out.push({ line: step.line, code, stdout, stderr });
    console.log(`$ kubectl ${step.line}\n${stdout}${stderr}[${code}]`);
  }
  server.close();
  writeFileSync(new URL('../engine/kubectl/testdata/real-kubectl.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
}


main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
