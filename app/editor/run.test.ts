// Apply and Delete against a stand-in cluster: what is sent, what is kept, what is not sent.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import { fakeCluster } from '../testing/fixtures';
import { runManifest } from './run';

const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';

describe('runManifest', () => {
  it('sends the text to kubectl apply -f - and keeps what it printed', async () => {
    const store = createAppStore();
    const c = fakeCluster();
    c.kubectlResults['apply -f -'] = { code: 0, stdout: 'configmap/a created\n', stderr: '' };
    store.getState().setEditorText(cm);
    await runManifest(store, c, 'apply');
    expect(c.calls).toEqual(['kubectl apply -f -']);
    expect(c.kubectlStdin).toEqual([cm]);
    expect(store.getState().editorRun).toMatchObject({ verb: 'apply', text: cm, running: false, code: 0, stdout: 'configmap/a created\n', apiErrors: [] });
    expect(store.getState().events.at(-1)?.text).toBe('kubectl apply: configmap/a created');
  });

  it('keeps the API errors of a failed run, and the text', async () => {
    const store = createAppStore();
    const c = fakeCluster();
    const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure' as const, message: 'namespaces "x" not found', reason: 'NotFound', code: 404 };
    c.kubectlResults['delete -f -'] = { code: 1, stdout: '', stderr: 'Error from server (NotFound): namespaces "x" not found\n', apiErrors: [{ document: 0, status }] };
    store.getState().setEditorText(cm);
    await runManifest(store, c, 'delete');
    expect(store.getState().editorRun).toMatchObject({ verb: 'delete', code: 1, apiErrors: [{ document: 0, status }] });
    expect(store.getState().editorText).toBe(cm);
  });

  it('sends nothing while the YAML does not parse, and says why as kubectl would', async () => {
    const store = createAppStore();
    const c = fakeCluster();
    store.getState().setEditorText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n');
    await runManifest(store, c, 'apply');
    expect(c.calls).toEqual([]);
    expect(store.getState().editorRun).toMatchObject({ blocked: true, code: 1, stderr: expect.stringMatching(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /) });
  });

  it('says so while the cluster starts', async () => {
    const store = createAppStore();
    store.getState().setEditorText(cm);
    await runManifest(store, null, 'apply');
    expect(store.getState().editorRun).toMatchObject({ code: 1, stderr: 'error: the cluster is still starting\n' });
  });
});
