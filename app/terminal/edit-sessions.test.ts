// kubectl edit's editor model: Save answers the text, Cancel the file as kubectl wrote it (an editor
// quit without saving leaves it so: editor.go reads the file back), Ctrl-C closes it unanswered, and
// the unsaved text is kept for a reload. The header is the one editoptions.go writes.
import { describe, expect, it } from 'vitest';
import { EditSessions, editHeader, recoveredManifest, type PendingEdit } from './edit-sessions';

const flush = () => new Promise((r) => setTimeout(r, 0));
const file = `${editHeader}apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n`;

function setup() {
  const persisted: PendingEdit[][] = [];
  const edits = new EditSessions((p) => persisted.push(p));
  let notified = 0;
  edits.subscribe(() => notified++);
  return { edits, persisted, notified: () => notified };
}

describe('EditSessions', () => {
  it('shows an opened file and answers Save with the edited text', async () => {
    const { edits, notified } = setup();
    expect(edits.current).toBeNull();
    const answer = edits.open({ tab: 1, commandLine: 'kubectl edit deploy/web', attempt: 1, text: file });
    expect(edits.current).toMatchObject({ tab: 1, commandLine: 'kubectl edit deploy/web', attempt: 1, text: file, buffer: file });
    expect(notified()).toBe(1);
    edits.save(edits.current!.id, file.replace('replicas: 1', 'replicas: 3'));
    expect(edits.current).toBeNull();
    await expect(answer).resolves.toBe(file.replace('replicas: 1', 'replicas: 3'));
  });

  it('answers Cancel with the file as kubectl wrote it, whatever was typed', async () => {
    const { edits } = setup();
    const answer = edits.open({ tab: 1, commandLine: 'kubectl edit cm foo -n x', attempt: 1, text: file });
    edits.setBuffer(edits.current!.id, 'typed but not saved');
    edits.cancel(edits.current!.id);
    await expect(answer).resolves.toBe(file);
  });

  it('shows files in the order they were opened, each answered once', async () => {
    const { edits } = setup();
    const a = edits.open({ tab: 1, commandLine: 'kubectl edit deploy/a', attempt: 1, text: 'a' });
    const b = edits.open({ tab: 2, commandLine: 'kubectl edit deploy/b', attempt: 1, text: 'b' });
    expect(edits.size).toBe(2);
    const first = edits.current!;
    expect(first.commandLine).toBe('kubectl edit deploy/a');
    edits.save(first.id, 'a2');
    edits.save(first.id, 'again'); // a second Save of a closed file does nothing
    expect(edits.current!.commandLine).toBe('kubectl edit deploy/b');
    edits.cancel(edits.current!.id);
    await expect(a).resolves.toBe('a2');
    await expect(b).resolves.toBe('b');
    expect(edits.size).toBe(0);
  });

  it('closes a file unanswered when Ctrl-C aborts its kubectl, or its tab goes', async () => {
    const { edits } = setup();
    const abort = new AbortController();
    let answered = false;
    void edits.open({ tab: 1, commandLine: 'kubectl edit deploy/web', attempt: 1, text: file }, abort.signal).then(() => (answered = true));
    void edits.open({ tab: 2, commandLine: 'kubectl edit deploy/x', attempt: 1, text: 'x' }).then(() => (answered = true));
    abort.abort();
    expect(edits.current?.tab).toBe(2);
    edits.closeTab(2);
    expect(edits.current).toBeNull();
    await flush();
    expect(answered).toBe(false);
    // Already aborted: nothing opens.
    void edits.open({ tab: 1, commandLine: 'kubectl edit deploy/web', attempt: 1, text: file }, abort.signal);
    expect(edits.current).toBeNull();
  });

  it('keeps the unsaved text of every open file, and nothing once they close', () => {
    const { edits, persisted } = setup();
    void edits.open({ tab: 1, commandLine: 'kubectl edit deploy/web', attempt: 1, text: file });
    const id = edits.current!.id;
    edits.setBuffer(id, file.replace('replicas: 1', 'replicas: 5'));
    edits.setBuffer(id, file.replace('replicas: 1', 'replicas: 5')); // unchanged: not written again
    expect(persisted).toEqual([
      [{ commandLine: 'kubectl edit deploy/web', text: file, buffer: file }],
      [{ commandLine: 'kubectl edit deploy/web', text: file, buffer: file.replace('replicas: 1', 'replicas: 5') }],
    ]);
    expect(edits.current!.buffer).toBe(file.replace('replicas: 1', 'replicas: 5'));
    edits.cancel(id);
    expect(persisted[persisted.length - 1]).toEqual([]);
  });
});

describe('recoveredManifest', () => {
  it('gives the edited text without kubectl header, under a note, for the manifest editor', () => {
    const text = recoveredManifest({ commandLine: 'kubectl  edit deploy/web', text: file, buffer: file.replace('replicas: 1', 'replicas: 3') });
    expect(text).toBe('# Unsaved text of `kubectl edit deploy/web`: the page was reloaded before Save.\n# Apply sends it (kubectl apply -f -).\napiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n');
  });

  it('keeps the error comments of a reopened file, and gives nothing when nothing changed', () => {
    const reopened = `${editHeader}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\nspec:\n  replicas: -1\n`;
    expect(recoveredManifest({ commandLine: 'kubectl edit deploy/web', text: reopened, buffer: reopened.replace('-1\n', '2\n') })).toContain('# * spec.replicas: Invalid value: -1');
    expect(recoveredManifest({ commandLine: 'kubectl edit deploy/web', text: file, buffer: file })).toBeNull();
  });
});

describe('editHeader', () => {
  it('is the header the engine kubectl writes above the object', async () => {
    const { createCluster } = await import('../../engine/cluster');
    const c = await createCluster({ seed: 5, controllerManagers: 0, schedulers: 0, nodes: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    await c.kubectl('create configmap foo --from-literal=a=b');
    let seen = '';
    await c.kubectl('edit cm foo', undefined, { editor: (t) => ((seen = t), t) });
    expect(seen.startsWith(`${editHeader}apiVersion: v1\n`)).toBe(true);
  }, 60_000);
});
