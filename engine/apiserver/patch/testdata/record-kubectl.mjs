// Records fixtures from the real kubectl v1.32.4 (/usr/bin/kubectl), which links the same patch
// libraries kube-apiserver 1.32 does (evanphx/json-patch v4.12.0, apimachinery strategicpatch):
//
// - kubectl-patch.json: `kubectl patch --local -f <doc> --type <t> -p <patch> -o json` for each
//   case of patch-cases.mjs — the patched object, or kubectl's error line;
// - kubectl-apply.json: `kubectl apply -f <manifest>` against fake-apiserver.mjs for each case of
//   apply-cases.mjs — the PATCH (or POST) kubectl sent, its Content-Type and body.
//
// Run: node engine/apiserver/patch/testdata/record-kubectl.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyCases } from './apply-cases.mjs';
import { startFakeApiserver } from './fake-apiserver.mjs';
import { patchCases } from './patch-cases.mjs';

const here = new URL('.', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-patch-'));

function run(args) {
  return new Promise((resolve) => {
    const p = spawn('kubectl', args, { env: { ...process.env, HOME: dir, KUBECONFIG: join(dir, 'none') } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const patchOut = [];
for (const c of patchCases) {
  const file = join(dir, 'doc.json');
  writeFileSync(file, JSON.stringify(c.doc));
  const patch = typeof c.patch === 'string' ? c.patch : JSON.stringify(c.patch);
  const r = await run(['patch', '--local', '-f', file, '--type', c.type, '-p', patch, '-o', 'json']);
  const entry = { name: c.name, type: c.type, doc: c.doc, patch: c.patch };
  if (r.code === 0) entry.result = JSON.parse(r.stdout);
  else entry.error = r.stderr.trim().replace(/^error: /, '');
  patchOut.push(entry);
}
writeFileSync(join(here, 'kubectl-patch.json'), `${JSON.stringify(patchOut, null, 1)}\n`);

const applyOut = [];
for (const c of applyCases) {
  const objects = c.live ? { [c.path]: c.live } : {};
  const srv = await startFakeApiserver(objects);
  const file = join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(c.manifest));
  const r = await run(['--server', `http://127.0.0.1:${srv.port}`, '--cache-dir', join(dir, 'cache'), 'apply', '--validate=false', '-f', file]);
  await srv.close();
  if (r.code !== 0) throw new Error(`${c.name}: ${r.stderr}`);
  const entry = { name: c.name, manifest: c.manifest, live: c.live ?? null, stdout: r.stdout.trim(), requests: srv.requests.map(({ method, contentType, body }) => ({ method, contentType, body })) };
  // What the server makes of that patch: the same library applied by `kubectl patch --local`.
  const sent = entry.requests[0];
  if (c.live && sent?.method === 'PATCH') {
    const liveFile = join(dir, 'live.json');
    writeFileSync(liveFile, JSON.stringify(c.live));
    const type = sent.contentType === 'application/merge-patch+json' ? 'merge' : 'strategic';
    const p = await run(['patch', '--local', '-f', liveFile, '--type', type, '-p', sent.body, '-o', 'json']);
    if (p.code === 0) entry.patched = JSON.parse(p.stdout);
    else entry.patchError = p.stderr.trim();
  }
  applyOut.push(entry);
}
writeFileSync(join(here, 'kubectl-apply.json'), `${JSON.stringify(applyOut, null, 1)}\n`);
rmSync(dir, { recursive: true, force: true });
console.log(`recorded ${patchOut.length} patch cases, ${applyOut.length} apply cases`);
