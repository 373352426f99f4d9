// Records kubectl v1.32.4's `-o jsonpath` output (and errors) for jsonpath-cases.json on objects/deploy.json.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
const dir = new URL('.', import.meta.url).pathname;
const cases = JSON.parse(readFileSync(`${dir}/jsonpath-cases.json`, 'utf8'));
mkdirSync(`${dir}/out/jsonpath`, { recursive: true });
for (const c of cases) {
  const args = ['label', '-f', `${dir}/objects/deploy.json`, '--local', '--overwrite', 'foo=bar', '-o', `${c.asJson ? 'jsonpath-as-json' : 'jsonpath'}=${c.template}`];
  if (c.allowMissing === false) args.push('--allow-missing-template-keys=false');
  const r = spawnSync('kubectl', args, { encoding: 'utf8' });
  writeFileSync(`${dir}/out/jsonpath/${c.name}.out`, r.stdout);
  if (r.stderr) writeFileSync(`${dir}/out/jsonpath/${c.name}.err`, r.stderr);
}
