// Apply and Delete: `kubectl apply -f -` / `kubectl delete -f -` with the editor's text as stdin,
// run by the cluster's own kubectl. A text that does not parse is not sent: kubectl would stop at
// it too (`error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: …`).

import type { BrowserCluster } from '../cluster/types';
import type { AppStore } from '../store/store';
import { kubectlOf } from './run-kubectl';
import { parseManifests, positionOf } from './yaml-doc';

/** Runs `kubectl <verb> -f -` on the editor's text and keeps what it printed in the store. */
export async function runManifest(store: AppStore, cluster: BrowserCluster | null, verb: 'apply' | 'delete'): Promise<void> {
  const state = store.getState();
  const text = state.editorText;
  state.startEditorRun(verb, text);
  const finish = store.getState().finishEditorRun;
  const parsed = parseManifests(text);
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    const { line } = positionOf(parsed, e.start);
    const detail = e.message.replace(/^yaml: /, '');
    finish({ code: 1, stdout: '', stderr: `error: error parsing STDIN: error converting YAML to JSON: yaml: line ${line}: ${detail}\n`, blocked: true });
    return;
  }
  const kubectl = kubectlOf(cluster);
  if (!kubectl) {
    finish({ code: 1, stdout: '', stderr: 'error: the cluster is still starting\n' });
    return;
  }
  try {
    const r = await kubectl(`${verb} -f -`, text);
    finish({ code: r.code, stdout: r.stdout, stderr: r.stderr, apiErrors: r.apiErrors ?? [] });
    const out = (r.code === 0 ? r.stdout : r.stderr || r.stdout).trim();
    if (out) store.getState().log(r.code === 0 ? 'info' : 'error', `kubectl ${verb}: ${out.split('\n').join('; ')}`);
  } catch (e) {
    finish({ code: 1, stdout: '', stderr: `error: ${e instanceof Error ? e.message : String(e)}\n` });
  }
}
