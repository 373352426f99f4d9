// Records `kubectl get` (v1.32.4) against a fake kube-apiserver on 127.0.0.1 that serves legacy
// discovery, the objects in objects.json, and the Tables engine/apiserver/printers makes of them
// (with the clock fixed at fixedNowMs). Run: npx tsx engine/kubectl/printers/testdata/get/record.ts
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFor } from '../../../../apiserver/printers/index';
import type { KubeObject } from '../../../../api/types';
import { genericCases, getCases } from './cases';
import { fixedNowMs, serve } from './fake-apiserver';

const dir = new URL('.', import.meta.url).pathname;
const objects = JSON.parse(readFileSync(join(dir, 'objects.json'), 'utf8')) as Record<string, KubeObject[]>;

const server = createServer((req, res) => {
  const r = serve(objects, req.method ?? 'GET', req.url ?? '/', String(req.headers.accept ?? ''), (resource, group, items, opts) => tableFor(resource, group, items, { nowMs: fixedNowMs, ...opts }));
  res.writeHead(r.status, { 'Content-Type': 'application/json' });
  res.end(r.body);
});
// kubectl runs as a child process while this process serves it, so the runs are awaited, not synced.
function run(args: string[]): Promise<{ out: string; err: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { encoding: 'utf8' }, (_error, stdout, stderr) => resolve({ out: stdout, err: stderr }));
  });
}

server.listen(0, '127.0.0.1', async () => {
  const port = (server.address() as AddressInfo).port;
  const cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  mkdirSync(join(dir, 'out'), { recursive: true });
  for (const c of [...getCases, ...genericCases]) {
    const { out, err } = await run([`--server=http://127.0.0.1:${port}`, `--cache-dir=${cache}`, ...c.args]);
    writeFileSync(join(dir, 'out', `${c.name}.out`), out);
    if (err) writeFileSync(join(dir, 'out', `${c.name}.err`), err);
  }
  server.close();
});
