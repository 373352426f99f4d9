// The editor slice: the text, where a template goes, the views sharing the terminal's place, runs,
// and what a session keeps of it.
import { describe, expect, it } from 'vitest';
import { templateById } from '../editor/templates';
import { savedEditor } from './editor-slice';
import { createAppStore } from './store';

describe('editor slice', () => {
  it('opens a template in an empty editor, then appends the next after ---', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setDockTab('activity');
    s().openInEditor(templateById('service')!.text);
    expect(s().editorText).toBe(templateById('service')!.text);
    expect(s().editorReveal).toMatchObject({ line: 1 });
    // The editor shows, and on a phone the dock switches to the panel it is in.
    expect(s().workView).toBe('editor');
    expect(s().dockTab).toBe('terminal');
    const lines = s().editorText.split('\n').length;
    s().openInEditor(templateById('pod')!.text);
    expect(s().editorText).toBe(`${templateById('service')!.text}---\n${templateById('pod')!.text}`);
    expect(s().editorReveal).toMatchObject({ line: lines + 1 });
    expect(s().editorText.split('\n')[lines]).toBe('apiVersion: v1');
  });

  it('keeps a run from start to finish', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startEditorRun('apply', 'x');
    expect(s().editorRun).toMatchObject({ verb: 'apply', text: 'x', running: true, code: null });
    s().finishEditorRun({ code: 1, stdout: '', stderr: 'boom\n', apiErrors: [{ document: 0, status: { message: 'm' } }] });
    expect(s().editorRun).toMatchObject({ running: false, code: 1, stderr: 'boom\n', apiErrors: [{ document: 0 }], blocked: false });
  });

  it('saves the text, the view and the last finished run, and restores only what is well-formed', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setEditorText('kind: Pod\n');
    s().setWorkView('resources');
    expect(savedEditor(s())).toEqual({ text: 'kind: Pod\n', workView: 'resources' });
    s().startEditorRun('delete', 'kind: Pod\n');
    expect(savedEditor(s()).run).toBeUndefined(); // running: not kept
    s().finishEditorRun({ code: 0, stdout: 'pod "x" deleted\n', stderr: '' });
    const saved = savedEditor(s());
    expect(saved.run).toMatchObject({ verb: 'delete', stdout: 'pod "x" deleted\n' });

    const next = createAppStore();
    next.getState().restoreEditor(JSON.parse(JSON.stringify(saved)));
    expect(next.getState()).toMatchObject({ editorText: 'kind: Pod\n', workView: 'resources', editorRun: { verb: 'delete', running: false } });
    // Saved by an older or damaged page.
    next.getState().restoreEditor({ text: 7, workView: 'nope', run: { verb: 'x' } } as never);
    expect(next.getState()).toMatchObject({ editorText: '', workView: 'terminal', editorRun: null });
  });

  it('opens and closes resource tree nodes by hand', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setResourceExpanded('ns:default', false);
    expect(s().resourceExpanded).toEqual({ 'ns:default': false });
    const before = s().resourceExpanded;
    s().setResourceExpanded('ns:default', false);
    expect(s().resourceExpanded).toBe(before);
    s().selectResource({ namespace: 'default', resource: 'services', group: '', kind: 'Service', name: 'kubernetes' });
    expect(s().resourceSelection?.name).toBe('kubernetes');
  });
});
