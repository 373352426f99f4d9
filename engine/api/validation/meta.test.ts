// Cases from apimachinery v0.32 pkg/api/validation/objectmeta_test.go, compared as full strings.
import { describe, expect, it } from 'vitest';
import { fieldErrorString, newPath } from './field';
import { validateObjectMeta, validateObjectMetaGeneric, validateObjectMetaUpdate, validateLabelSelector, validateAnnotations, goTimeString } from './meta';
import { nameIsDNSSubdomain, validatePathSegmentName } from './names';

const s = (errs: { type: string; field: string; detail: string }[]) => errs.map((e) => fieldErrorString(e as never));
const meta = newPath('metadata');

describe('ValidateObjectMeta', () => {
  it('requires a name or generateName and a namespace when namespaced', () => {
    expect(s(validateObjectMeta({}, true, nameIsDNSSubdomain, meta))).toEqual(['metadata.name: Required value: name or generateName is required', 'metadata.namespace: Required value']);
  });
  it('forbids a namespace on cluster-scoped kinds', () => {
    expect(s(validateObjectMeta({ name: 'a', namespace: 'x' }, false, nameIsDNSSubdomain, meta))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });
  it('checks the generateName prefix with its trailing dash masked', () => {
    expect(validateObjectMeta({ generateName: 'foo-', name: 'foo-abcde', namespace: 'ns' }, true, nameIsDNSSubdomain, meta)).toEqual([]);
    expect(s(validateObjectMeta({ generateName: 'Foo-', name: 'foo', namespace: 'ns' }, true, nameIsDNSSubdomain, meta))[0]).toMatch(/^metadata\.generateName: Invalid value: "Foo-": a lowercase RFC 1123 subdomain/);
  });
  it('rejects negative generations, bad labels and annotations', () => {
    const errs = s(validateObjectMeta({ name: 'a', namespace: 'b', generation: -1, labels: { 'a/b/c': 'x', ok: '-bad' } }, true, nameIsDNSSubdomain, meta));
    expect(errs[0]).toBe('metadata.generation: Invalid value: -1: must be greater than or equal to 0');
    expect(errs[1]).toMatch(/^metadata\.labels: Invalid value: "a\/b\/c": a qualified name must consist of/);
    expect(errs[2]).toMatch(/^metadata\.labels: Invalid value: "-bad": a valid label must be an empty string or consist of/);
    const big = 'x'.repeat(256 * 1024);
    expect(s(validateAnnotations({ a: big }, meta.child('annotations')))).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });
  it('owner references: one controller, complete, and never an Event', () => {
    const refs = [
      { apiVersion: 'v1', kind: 'Pod', name: 'a', uid: '1', controller: true },
      { apiVersion: 'v1', kind: 'Pod', name: 'b', uid: '2', controller: true },
    ];
    expect(s(validateObjectMeta({ name: 'x', namespace: 'y', ownerReferences: refs }, true, nameIsDNSSubdomain, meta))[0]).toMatch(
      /^metadata\.ownerReferences: Invalid value: \[\]v1\.OwnerReference\{v1\.OwnerReference\{APIVersion:"v1", Kind:"Pod", Name:"a", UID:"1", Controller:\(\*bool\)\(0xc000000000\), BlockOwnerDeletion:\(\*bool\)\(nil\)\}, .*\}: Only one reference can have Controller set to true. Found "true" in references for Pod\/a and Pod\/b$/,
    );
    expect(s(validateObjectMeta({ name: 'x', namespace: 'y', ownerReferences: [{ apiVersion: '', kind: '', name: '', uid: '' }] }, true, nameIsDNSSubdomain, meta))).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
    ]);
    expect(s(validateObjectMeta({ name: 'x', namespace: 'y', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }] }, true, nameIsDNSSubdomain, meta))[0]).toMatch(/: \/v1, Kind=Event is disallowed from being an owner$/);
  });
  it('finalizers: qualified, standard when unprefixed, not orphan with foregroundDeletion', () => {
    expect(s(validateObjectMeta({ name: 'x', namespace: 'y', finalizers: ['orphan', 'foregroundDeletion', 'custom'] }, true, nameIsDNSSubdomain, meta))).toEqual([
      'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion", "custom"}: finalizer orphan and foregroundDeletion cannot be both set',
      'metadata.finalizers[2]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
  it('path-segment names (the generic check every kind gets)', () => {
    expect(s(validateObjectMetaGeneric({ name: 'a/b', namespace: 'x' }, true, validatePathSegmentName, meta))).toEqual(["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
    expect(s(validateObjectMetaGeneric({ name: '..' }, false, validatePathSegmentName, meta))).toEqual(["metadata.name: Invalid value: \"..\": may not be '..'"]);
  });
});

describe('ValidateObjectMetaUpdate', () => {
  it('keeps name, namespace, uid and creationTimestamp', () => {
    const old = { name: 'a', namespace: 'n', uid: 'u1', creationTimestamp: '2024-01-02T03:04:05Z', resourceVersion: '1' };
    const errs = s(validateObjectMetaUpdate({ ...old, name: 'b', namespace: 'm', uid: 'u2', creationTimestamp: '2024-01-02T03:04:06Z' }, old, meta));
    expect(errs).toEqual([
      'metadata.name: Invalid value: "b": field is immutable',
      'metadata.namespace: Invalid value: "m": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
      'metadata.creationTimestamp: Invalid value: 2024-01-02 03:04:06 +0000 UTC: field is immutable',
    ]);
  });
  it('forbids new finalizers while deleting and decremented generations', () => {
    const old = { name: 'a', generation: 2, deletionTimestamp: '2024-01-02T03:04:05Z', finalizers: ['a.io/x'] };
    expect(s(validateObjectMetaUpdate({ ...old, generation: 1, finalizers: ['a.io/x', 'b.io/y'] }, old, meta))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
      'metadata.generation: Invalid value: 1: must not be decremented',
    ]);
  });
  it('renders times as Go does', () => {
    expect(goTimeString('2024-05-06T07:08:09Z')).toBe('2024-05-06 07:08:09 +0000 UTC');
    expect(goTimeString(undefined)).toBe('0001-01-01 00:00:00 +0000 UTC');
  });
});

describe('ValidateLabelSelector', () => {
  it('checks operators, values and keys', () => {
    const p = newPath('spec', 'selector');
    expect(s(validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'Foo' as never }] }, {}, p))).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Foo": not a valid selector operator',
    ]);
  });
});
