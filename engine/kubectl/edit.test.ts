// kubectl edit against a headless cluster: the editor sees kubectl's header and the object's YAML,
// a change is sent as a strategic merge patch, an unchanged or empty file cancels, and an invalid
// change reopens the editor with the server's causes as comments (editoptions.go).

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';

let c: Cluster;

beforeAll(async () => {
  c = await createCluster({ seed: 3, controllerManagers: 0, schedulers: 0 });
  await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  const r = await c.kubectl('create deployment web --image=nginx --replicas=1');
  expect(r.stdout).toBe('deployment.apps/web created\n');
});

describe('kubectl edit', () => {
  it('shows the header and the object, and patches what changed', async () => {
    const seen: string[] = [];
    const r = await c.kubectl('edit deployment/web', undefined, {
      editor: (text) => {
        seen.push(text);
        return text.replace('replicas: 1', 'replicas: 3');
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: apps/v1\nkind: Deployment\n")).toBe(true);
    expect(seen[0]).not.toContain('managedFields');
    expect(r).toMatchObject({ code: 0, stdout: 'deployment.apps/web edited\n', stderr: '' });
    expect((await c.kubectl('get deploy web -o jsonpath={.spec.replicas}')).stdout).toBe('3');
  });

  it('cancels when nothing changed or the file is empty', async () => {
    expect(await c.kubectl('edit deploy web', undefined, { editor: (t) => t })).toMatchObject({ code: 0, stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
    expect(await c.kubectl('edit deploy web', undefined, { editor: () => '# nothing\n' })).toMatchObject({ code: 0, stderr: 'Edit cancelled, saved file was empty.\n' });
  });

  it('reopens with the validation errors, and gives up when saved unchanged again', async () => {
    const seen: string[] = [];
    const r = await c.kubectl('edit deploy web', undefined, {
      editor: (text) => {
        seen.push(text);
        return seen.length === 1 ? text.replace('replicas: 3', 'replicas: -1') : text;
      },
    });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toContain('#\n# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n');
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'error: Edit cancelled, no valid changes were saved.\n' });
    expect((await c.kubectl('get deploy web -o jsonpath={.spec.replicas}')).stdout).toBe('3');
  });

  it('refuses a changed name, and without an editor says so', async () => {
    const r = await c.kubectl('edit deploy web', undefined, { editor: (t) => t.replace('  name: web\n', '  name: other\n') });
    expect(r).toMatchObject({ code: 1, stderr: 'error: At least one of apiVersion, kind and name was changed\n' });
    expect((await c.kubectl('edit deploy web')).stderr).toBe('error: unable to launch the editor "vi"\n');
    expect((await c.kubectl('edit deploy nope', undefined, { editor: (t) => t })).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('replays to the same digest, edits included', async () => {
    const { replay } = await import('../cluster');
    const again = await replay(c.recording());
    expect(again.digest()).toBe(c.digest());
  });
});
