import { describe, expect, it } from 'vitest';
import { applyPatch } from './apply';
import { PatchError } from './errors';
import { patchSchemaFor } from './schema';

describe('applyPatch: the PATCH handler dispatch', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
  const schema = patchSchemaFor('v1', 'ConfigMap');
  it('JSON patch', () => expect(applyPatch('application/json-patch+json', cm, [{ op: 'add', path: '/data/b', value: '2' }], schema)).toEqual({ ...cm, data: { a: '1', b: '2' } }));
  it('merge patch', () => expect(applyPatch('application/merge-patch+json', cm, { data: { a: null } }, schema)).toEqual({ ...cm, data: {} }));
  it('strategic merge patch', () => expect(applyPatch('application/strategic-merge-patch+json', cm, { metadata: { finalizers: ['f'] } }, schema)).toEqual({ ...cm, metadata: { name: 'c', finalizers: ['f'] } }));
  it('a strategic merge patch body of null changes nothing; a list is a 400', () => {
    expect(applyPatch('application/strategic-merge-patch+json', cm, null, schema)).toEqual(cm);
    expect(() => applyPatch('application/strategic-merge-patch+json', cm, [], schema)).toThrow(new PatchError('json: cannot unmarshal array into Go value of type map[string]interface {}', 400));
  });
});
