import { describe, expect, it } from 'vitest';
import { completeAt, hoverAt } from './complete';
import { cursorContext } from './cursor-context';

/** Splits `text` at its `|` (the cursor). */
function cursor(withBar: string): [string, number] {
  const at = withBar.indexOf('|');
  return [withBar.slice(0, at) + withBar.slice(at + 1), at];
}
const labels = (withBar: string) => {
  const [text, off] = cursor(withBar);
  return completeAt(text, off)?.entries.map((e) => e.label) ?? null;
};

const deployHead = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';

describe('cursorContext', () => {
  it('reads a half-typed key as a key of the map it is indented under', () => {
    const [text, off] = cursor(`${deployHead}spec:\n  rep|`);
    expect(cursorContext(text, off)).toMatchObject({ mode: 'key', path: ['spec'], prefix: 'rep', apiVersion: 'apps/v1', kind: 'Deployment' });
  });
  it('knows a new list item', () => {
    const [text, off] = cursor(`${deployHead}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n      - |`);
    expect(cursorContext(text, off)).toMatchObject({ mode: 'key', path: ['spec', 'template', 'spec', 'containers', 1], listItem: true, keyColumn: 8 });
  });
  it('knows the item a key is added to', () => {
    const [text, off] = cursor(`${deployHead}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        |`);
    expect(cursorContext(text, off)).toMatchObject({ mode: 'key', path: ['spec', 'template', 'spec', 'containers', 0], siblings: ['name'] });
  });
  it('reads a value', () => {
    const [text, off] = cursor(`${deployHead}spec:\n  strategy:\n    type: Re|`);
    expect(cursorContext(text, off)).toMatchObject({ mode: 'value', path: ['spec', 'strategy', 'type'], prefix: 'Re' });
  });
  it('offers nothing in a comment', () => {
    const [text, off] = cursor(`${deployHead}# spec: |`);
    expect(cursorContext(text, off)).toBeNull();
  });
  it('works in the second document', () => {
    const [text, off] = cursor(`${deployHead}---\napiVersion: v1\nkind: Service\nspec:\n  |`);
    expect(cursorContext(text, off)).toMatchObject({ mode: 'key', path: ['spec'], kind: 'Service', apiVersion: 'v1' });
  });
});

describe('completeAt', () => {
  it('offers the fields of DeploymentSpec, template (required) first', () => {
    const got = labels(`${deployHead}spec:\n  |`)!;
    expect(got[0]).toBe('template');
    expect(got).toEqual(expect.arrayContaining(['replicas', 'selector', 'strategy', 'minReadySeconds', 'paused']));
  });
  it('does not offer fields already written', () => {
    const got = labels(`${deployHead}spec:\n  replicas: 2\n  |`)!;
    expect(got).not.toContain('replicas');
  });
  it('offers Container fields in a container list item', () => {
    const got = labels(`${deployHead}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        im|`)!;
    expect(got).toEqual(expect.arrayContaining(['image', 'imagePullPolicy', 'ports', 'env']));
    expect(got).not.toContain('name');
  });
  it('offers enum values', () => {
    expect(labels(`${deployHead}spec:\n  strategy:\n    type: |`)).toEqual(['Recreate', 'RollingUpdate']);
    expect(labels(`${deployHead}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        imagePullPolicy: |`)).toEqual(['Always', 'IfNotPresent', 'Never']);
  });
  it('offers enum values for a new item of a list of enums', () => {
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  accessModes:\n  - |';
    expect(labels(pvc)).toEqual(expect.arrayContaining(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany']));
  });
  it('offers booleans', () => {
    expect(labels(`${deployHead}spec:\n  paused: |`)).toEqual(['true', 'false']);
  });
  it('offers kinds for the apiVersion written, and apiVersions for the kind', () => {
    expect(labels('apiVersion: apps/v1\nkind: |')).toEqual(['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet']);
    expect(labels('kind: CronJob\napiVersion: |')).toEqual(['batch/v1']);
    expect(labels('kind: |')).toEqual(expect.arrayContaining(['Pod', 'Deployment', 'Ingress', 'Namespace']));
  });
  it('offers apiVersion/kind pairs at the top of an empty document', () => {
    const [text, off] = cursor('|');
    const c = completeAt(text, off)!;
    const deploy = c.entries.find((e) => e.label === 'Deployment (apps/v1)')!;
    expect(deploy.insertText).toBe('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${1:name}\n$0');
    expect(c.entries.map((e) => e.label)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'Ingress (networking.k8s.io/v1)']));
  });
  it('offers top-level fields of a known kind in upstream order', () => {
    expect(labels('apiVersion: v1\nkind: ConfigMap\n|')).toEqual(['metadata', 'data', 'immutable', 'binaryData']);
  });
  it('inserts a struct field with its value indented on the next line, a list with its first item', () => {
    const [text, off] = cursor(`${deployHead}spec:\n  template:\n    spec:\n      |`);
    const c = completeAt(text, off)!;
    expect(c.entries.find((e) => e.label === 'securityContext')!.insertText).toBe('securityContext:\n        $0');
    expect(c.entries.find((e) => e.label === 'containers')!.insertText).toBe('containers:\n      - $0');
    expect(c.entries.find((e) => e.label === 'restartPolicy')!.insertText).toBe('restartPolicy: $0');
    expect(c.entries.find((e) => e.label === 'containers')!.detail).toBe('<[]Container> -required-');
  });
  it('replaces the whole word under the cursor', () => {
    const [text, off] = cursor(`${deployHead}spec:\n  rep|li`);
    const c = completeAt(text, off)!;
    expect(text.slice(c.replaceStart, c.replaceEnd)).toBe('repli');
  });
  it('offers nothing for an unknown kind', () => {
    expect(labels('apiVersion: v1\nkind: Nope\nspec:\n  |')).toEqual([]);
  });
});

describe('hoverAt', () => {
  it('explains a field as kubectl explain does', () => {
    const text = `${deployHead}spec:\n  revisionHistoryLimit: 3\n  template:\n    spec:\n      containers:\n      - name: a\n`;
    const h = hoverAt(text, text.indexOf('revisionHistoryLimit') + 2)!;
    expect(h.markdown).toContain('**FIELD:** `spec.revisionHistoryLimit` `<integer>`');
    expect(h.markdown).toContain('Old ReplicaSets kept for rollback; defaulted to 10.');
    const c = hoverAt(text, text.indexOf('containers') + 2)!;
    expect(c.markdown).toContain('`<[]Container>` *-required-*');
  });
  it('lists enum values', () => {
    const text = `${deployHead}spec:\n  strategy:\n    type: Recreate\n`;
    expect(hoverAt(text, text.indexOf('type:') + 1)!.markdown).toContain('**ENUM:** `Recreate`, `RollingUpdate`');
  });
  it('describes the kind on its value', () => {
    const text = `${deployHead}`;
    expect(hoverAt(text, text.indexOf('Deployment') + 1)!.markdown).toContain('served as `deployments` in the `apps` group');
  });
});
