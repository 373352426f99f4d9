// Extracts upstream's own test tables into JSON fixtures, from the git mirrors of
// gopkg.in/evanphx/json-patch.v4 v4.12.0 (patch_test.go) and k8s.io/apimachinery v0.32.4
// (pkg/util/strategicpatch/patch_test.go). YAML is read as YAML 1.1, as sigs.k8s.io/yaml does.
// Run: node engine/apiserver/patch/testdata/extract-upstream.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const here = new URL('.', import.meta.url).pathname;
const show = (repo, ref) => execFileSync('git', ['-C', `/work/.mirror/${repo}/repo`, 'show', ref], { encoding: 'utf8', maxBuffer: 64 << 20 });
const yaml = (s) => (s.trim() === '' ? null : parse(s, { version: '1.1' }));

/** The text of `var <name> = ...{` up to its closing brace at column 0. */
function block(src, start) {
  const i = src.indexOf(start);
  if (i < 0) throw new Error(`no ${start}`);
  const end = src.indexOf('\n}\n', i);
  return src.slice(i + start.length, end);
}

// ---- evanphx/json-patch ---------------------------------------------------------------------
{
  const src = show('evanphx+json-patch', 'v4.12.0:patch_test.go');
  /** Each `{ ... }` entry of a table whose fields are raw strings, booleans or "quoted" strings. */
  const entries = (body) => {
    const out = [];
    const re = /\n\t\{\n([\s\S]*?)\n\t\},/g;
    let m;
    while ((m = re.exec(body))) {
      if (m[1].includes('fmt.Sprintf')) continue; // the two copy-size cases are written by hand
      const fields = [];
      const fr = /`([^`]*)`|\b(true|false)\b|"([^"]*)"/g;
      let f;
      while ((f = fr.exec(m[1]))) fields.push(f[1] !== undefined ? f[1] : f[2] !== undefined ? f[2] === 'true' : f[3]);
      out.push(fields);
    }
    return out;
  };
  const j = (s) => (s.trim() === '' ? null : JSON.parse(s));
  const cases = entries(block(src, 'var Cases = []Case{')).map(([doc, patch, result]) => ({ doc: j(doc), patch: j(patch), result: j(result) }));
  const mutation = entries(block(src, 'var MutationTestCases = []BadCase{')).map(([doc, patch]) => ({ doc: j(doc), patch: j(patch) }));
  const bad = entries(block(src, 'var BadCases = []BadCase{')).map(([doc, patch]) => ({ doc: j(doc), patch: j(patch) }));
  const tests = entries(block(src, 'var TestCases = []TestCase{')).map(([doc, patch, result, failedPath]) => ({ doc: j(doc), patch: j(patch), result, failedPath }));
  writeFileSync(join('upstream-jsonpatch.json'), `${JSON.stringify({ source: 'gopkg.in/evanphx/json-patch.v4 v4.12.0 patch_test.go', cases, mutation, bad, tests }, null, 1)}\n`);
}

// ---- strategicpatch -------------------------------------------------------------------------
{
  const src = show('kubernetes+apimachinery', 'v0.32.4:pkg/util/strategicpatch/patch_test.go');
  const yamlVar = (name) => {
    const i = src.indexOf(`var ${name} = []byte(\``);
    const s = i + `var ${name} = []byte(\``.length;
    return parse(src.slice(s, src.indexOf('`)', s)), { version: '1.1' }).testCases;
  };
  const rawCases = (name) => {
    const body = block(src, `var ${name} = []StrategicMergePatchRawTestCase{`);
    return body.split(/\n\t\{\n\t\tDescription: /).slice(1).map((chunk) => {
      const c = { description: JSON.parse(chunk.slice(0, chunk.indexOf('\n')).replace(/,$/, '')) };
      const fr = /\t(\w+): \[\]byte\(`([\s\S]*?)`\)/g;
      let f;
      while ((f = fr.exec(chunk))) c[f[1][0].toLowerCase() + f[1].slice(1)] = yaml(f[2]);
      const e = chunk.match(/ExpectedError: "((?:[^"\\]|\\.)*)"/);
      if (e) c.expectedError = JSON.parse(`"${e[1]}"`);
      return c;
    });
  };
  const out = {
    source: 'k8s.io/apimachinery v0.32.4 pkg/util/strategicpatch/patch_test.go',
    createCases: yamlVar('createStrategicMergePatchTestCaseData'),
    rawCases: rawCases('strategicMergePatchRawTestCases'),
    customCases: yamlVar('customStrategicMergePatchTestCaseData'),
    customRawCases: rawCases('customStrategicMergePatchRawTestCases'),
    replaceRawExtensionCases: rawCases('replaceRawExtensionPatchTestCases'),
  };
  writeFileSync(join('upstream-strategicpatch.json'), `${JSON.stringify(out, null, 1)}\n`);
  console.log(`json-patch and strategicpatch tables extracted: ${out.createCases.length} + ${out.rawCases.length} strategic cases`);
}

function join(name) {
  return `${here}${name}`;
}
