// JSON Patch (RFC 6902) with JSON Pointer (RFC 6901) as kube-apiserver 1.32 applies it: the
// library it uses, gopkg.in/evanphx/json-patch.v4 v4.12.0 (patch.go), quirks included, and the
// request checks of k8s.io/apiserver/pkg/endpoints/handlers/patch.go (applyJSPatch).
//
// Quirks kept because the apiserver has them:
// - negative array indices count from the end (SupportNegativeIndices defaults to true);
// - `replace` of a missing object key adds it (only arrays check the index);
// - `replace` of the whole document (path "") with a scalar does nothing;
// - `copy` from a missing key copies null;
// - a path that does not start with "/" ignores its first segment;
// - a key holding null counts as missing when a path goes through it, and `test` of a null or
//   missing value passes only if the value tested for is null;
// - `copy` operations may grow the document by at most JSONPatchMaxCopyBytes (3 MiB) in total.
//
// Unlike upstream, `test` compares decoded values (upstream compares scalars by their JSON text,
// so 1.0 does not equal 1 there), and the few inputs that make upstream panic (a `test` without
// `value`, a `test` of an array holding null) fail or compare normally instead.

import { PatchError } from './errors';
import { goMarshal } from './go-json';
import { clone, deepEqual, del, get, goQuote, has, isObject, put, type Json, type JsonObject } from './json';

/** One operation as decoded: a map of raw members, as jsonpatch.Operation is. */
export type Operation = JsonObject | null;

/** kube-apiserver's limit on operations in one patch (maxJSONPatchOperations). */
export const maxJSONPatchOperations = 10000;
/** kube-apiserver's default --json-patch-max-copy-bytes, which arms AccumulatedCopySizeLimit. */
export const jsonPatchMaxCopyBytes = 3 * 1024 * 1024;

const errTestFailed = 'test failed';
const errMissing = 'missing value';
const errInvalidIndex = 'invalid index referenced';

type Container = JsonObject | Json[];

/** errors.Wrapf(cause, msg): `msg: cause`. */
function wrap(msg: string, cause: string): string {
  return `${msg}: ${cause}`;
}

/** The Go type name json.Unmarshal names in "cannot unmarshal <x> into …". */
function jsonKind(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/**
 * jsonpatch.DecodePatch plus the apiserver's size check: the operations of a JSON patch document.
 * A body that is not an array of objects is a 400 with encoding/json's message; more than 10000
 * operations is a 413.
 */
export function decodeJsonPatch(patch: Json): Operation[] {
  if (patch === null) return [];
  if (!Array.isArray(patch)) throw new PatchError(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type jsonpatch.Patch`, 400);
  for (const op of patch) {
    if (op !== null && !isObject(op)) throw new PatchError(`json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`, 400);
  }
  if (patch.length > maxJSONPatchOperations) {
    throw new PatchError(`Request entity too large: The allowed maximum operations in a JSON patch is ${maxJSONPatchOperations}, got ${patch.length}`, 413);
  }
  return patch as Operation[];
}

/**
 * Applies a JSON patch to a document and returns the patched copy (the input is not changed).
 * Errors are jsonpatch's messages with code 422, as the apiserver answers a patch that does not
 * apply; decoding errors (see decodeJsonPatch) are 400.
 */
export function applyJsonPatch(doc: Json, patch: Json, copySizeLimit = jsonPatchMaxCopyBytes): Json {
  const ops = decodeJsonPatch(patch);
  if (!Array.isArray(doc) && !isObject(doc)) throw new PatchError(`json: cannot unmarshal ${jsonKind(doc)} into Go value of type jsonpatch.partialDoc`, 422);
  const state = { root: clone(doc) as Container, copied: 0, copySizeLimit };
  for (const op of ops) {
    const err = applyOperation(state, op);
    if (err !== undefined) throw new PatchError(err, 422);
  }
  return state.root;
}

interface State {
  root: Container;
  copied: number;
  copySizeLimit: number;
}

function kindOf(op: Operation): string {
  const v = op === null ? undefined : get(op, 'op');
  return typeof v === 'string' ? v : 'unknown';
}

/** Operation.Path / Operation.From: [value] or [undefined, error]. */
function stringField(op: Operation, name: 'path' | 'from'): [string] | [undefined, string] {
  const v = op === null ? undefined : get(op, name);
  if (v === undefined || v === null) {
    return [undefined, wrap(name === 'path' ? 'operation missing path field' : 'operation, missing from field', errMissing)];
  }
  if (typeof v !== 'string') return [undefined, `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`];
  return [v];
}

/** Operation.value(): undefined when the member is absent, else the value (null included). */
function valueOf(op: Operation): Json | undefined {
  return op === null ? undefined : get(op, 'value');
}

function applyOperation(s: State, op: Operation): string | undefined {
  switch (kindOf(op)) {
    case 'add':
      return add(s, op);
    case 'remove':
      return remove(s, op);
    case 'replace':
      return replace(s, op);
    case 'move':
      return move(s, op);
    case 'test':
      return test(s, op);
    case 'copy':
      return copy(s, op);
    default:
      return `Unexpected kind: ${kindOf(op)}`;
  }
}

/** RFC 6901 unescaping: ~1 to "/", then ~0 to "~", in one left-to-right pass. */
function decodePatchKey(k: string): string {
  return k.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/** strconv.Atoi: [n] or [undefined, error]. */
function atoi(s: string): [number] | [undefined, string] {
  if (!/^[+-]?[0-9]+$/.test(s)) return [undefined, `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`];
  const n = Number(s);
  if (Math.abs(n) > 2 ** 63) return [undefined, `strconv.Atoi: parsing ${goQuote(s)}: value out of range`];
  return [n];
}

function invalidIndex(idx: number): string {
  return wrap(`Unable to access invalid index: ${idx}`, errInvalidIndex);
}

/** container.get: the value (null for a missing or null member) or an error. */
function containerGet(c: Container, key: string): [Json] | [undefined, string] {
  if (!Array.isArray(c)) return [get(c, key) ?? null];
  const [parsed, err] = atoi(key);
  if (parsed === undefined) return [undefined, err];
  let idx = parsed;
  if (idx < 0) {
    if (idx < -c.length) return [undefined, invalidIndex(idx)];
    idx += c.length;
  }
  if (idx >= c.length) return [undefined, invalidIndex(idx)];
  return [c[idx]];
}

/** container.set, for replace: the index must already exist in an array. */
function containerSet(c: Container, key: string, val: Json): string | undefined {
  if (!Array.isArray(c)) {
    put(c, key, val);
    return undefined;
  }
  const [parsed, err] = atoi(key);
  if (parsed === undefined) return err;
  let idx = parsed;
  if (idx < 0) {
    if (idx < -c.length) return invalidIndex(idx);
    idx += c.length;
  }
  c[idx] = val;
  return undefined;
}

function containerAdd(c: Container, key: string, val: Json): string | undefined {
  if (!Array.isArray(c)) {
    put(c, key, val);
    return undefined;
  }
  if (key === '-') {
    c.push(val);
    return undefined;
  }
  const [parsed, err] = atoi(key);
  if (parsed === undefined) return wrap(`value was not a proper array index: '${key}'`, err);
  let idx = parsed;
  const size = c.length + 1;
  if (idx >= size) return invalidIndex(idx);
  if (idx < 0) {
    if (idx < -size) return invalidIndex(idx);
    idx += size;
  }
  c.splice(idx, 0, val);
  return undefined;
}

function containerRemove(c: Container, key: string): string | undefined {
  if (!Array.isArray(c)) {
    if (!has(c, key)) return wrap(`Unable to remove nonexistent key: ${key}`, errMissing);
    del(c, key);
    return undefined;
  }
  const [parsed, err] = atoi(key);
  if (parsed === undefined) return err;
  let idx = parsed;
  if (idx >= c.length) return invalidIndex(idx);
  if (idx < 0) {
    if (idx < -c.length) return invalidIndex(idx);
    idx += c.length;
  }
  c.splice(idx, 1);
  return undefined;
}

/** findObject: the container a path's last segment is in, and that segment decoded. */
function findObject(s: State, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let doc = s.root;
  for (const part of split.slice(1, -1)) {
    const [next, err] = containerGet(doc, decodePatchKey(part));
    if (err !== undefined || next === null || next === undefined) return undefined;
    if (Array.isArray(next) || isObject(next)) doc = next;
    else return undefined;
  }
  return [doc, decodePatchKey(split[split.length - 1])];
}

function add(s: State, op: Operation): string | undefined {
  const [path] = stringField(op, 'path');
  if (path === undefined) return wrap('add operation failed to decode path', errMissing);
  const found = findObject(s, path);
  if (!found) return wrap(`add operation does not apply: doc is missing path: "${path}"`, errMissing);
  const err = containerAdd(found[0], found[1], clone(valueOf(op) ?? null));
  return err === undefined ? undefined : wrap(`error in add for path: '${path}'`, err);
}

function remove(s: State, op: Operation): string | undefined {
  const [path] = stringField(op, 'path');
  if (path === undefined) return wrap('remove operation failed to decode path', errMissing);
  const found = findObject(s, path);
  if (!found) return wrap(`remove operation does not apply: doc is missing path: "${path}"`, errMissing);
  const err = containerRemove(found[0], found[1]);
  return err === undefined ? undefined : wrap(`error in remove for path: '${path}'`, err);
}

function replace(s: State, op: Operation): string | undefined {
  const [path, perr] = stringField(op, 'path');
  if (path === undefined) return wrap('replace operation failed to decode path', perr);
  const val = valueOf(op);
  if (path === '') {
    // Upstream wraps a nil error here, so a scalar replacement of the document is a silent no-op.
    if (Array.isArray(val) || isObject(val)) s.root = clone(val);
    return undefined;
  }
  const found = findObject(s, path);
  if (!found) return wrap(`replace operation does not apply: doc is missing path: ${path}`, errMissing);
  const [, gerr] = containerGet(found[0], found[1]);
  if (gerr !== undefined) return wrap(`replace operation does not apply: doc is missing key: ${path}`, errMissing);
  const err = containerSet(found[0], found[1], clone(val ?? null));
  return err === undefined ? undefined : wrap(`error in remove for path: '${path}'`, err);
}

function move(s: State, op: Operation): string | undefined {
  const [from, ferr] = stringField(op, 'from');
  if (from === undefined) return wrap('move operation failed to decode from', ferr);
  const src = findObject(s, from);
  if (!src) return wrap(`move operation does not apply: doc is missing from path: ${from}`, errMissing);
  const [val, gerr] = containerGet(src[0], src[1]);
  if (gerr !== undefined) return wrap(`error in move for path: '${src[1]}'`, gerr);
  const rerr = containerRemove(src[0], src[1]);
  if (rerr !== undefined) return wrap(`error in move for path: '${src[1]}'`, rerr);
  const [path, perr] = stringField(op, 'path');
  if (path === undefined) return wrap('move operation failed to decode path', perr);
  const dst = findObject(s, path);
  if (!dst) return wrap(`move operation does not apply: doc is missing destination path: ${path}`, errMissing);
  const aerr = containerAdd(dst[0], dst[1], val ?? null);
  return aerr === undefined ? undefined : wrap(`error in move for path: '${path}'`, aerr);
}

function test(s: State, op: Operation): string | undefined {
  const [path, perr] = stringField(op, 'path');
  if (path === undefined) return wrap('test operation failed to decode path', perr);
  const want = valueOf(op);
  const failed = wrap(`testing value ${path} failed`, errTestFailed);
  if (path === '') return want !== undefined && deepEqual(s.root, want) ? undefined : failed;
  const found = findObject(s, path);
  if (!found) return wrap(`test operation does not apply: is missing path: ${path}`, errMissing);
  const [val, gerr] = containerGet(found[0], found[1]);
  if (gerr !== undefined) return wrap(`error in test for path: '${path}'`, gerr);
  if (val === null || val === undefined) return want === null || want === undefined ? undefined : failed;
  if (want === undefined) return failed;
  return deepEqual(val, want) ? undefined : failed;
}

function copy(s: State, op: Operation): string | undefined {
  const [from, ferr] = stringField(op, 'from');
  if (from === undefined) return wrap('copy operation failed to decode from', ferr);
  const src = findObject(s, from);
  if (!src) return wrap(`copy operation does not apply: doc is missing from path: ${from}`, errMissing);
  const [val, gerr] = containerGet(src[0], src[1]);
  if (gerr !== undefined) return wrap(`error in copy for from: '${from}'`, gerr);
  const [path] = stringField(op, 'path');
  if (path === undefined) return wrap('copy operation failed to decode path', errMissing);
  const dst = findObject(s, path);
  if (!dst) return wrap(`copy operation does not apply: doc is missing destination path: ${path}`, errMissing);
  const value = clone(val ?? null);
  // deepCopy counts the bytes of the copied value's JSON; a missing source copies nothing.
  s.copied += val === null || val === undefined ? 0 : utf8Length(goMarshal(value));
  if (s.copySizeLimit > 0 && s.copied > s.copySizeLimit) {
    return `Unable to complete the copy, the accumulated size increase of copy is ${s.copied}, exceeding the limit ${s.copySizeLimit}`;
  }
  const aerr = containerAdd(dst[0], dst[1], value);
  return aerr === undefined ? undefined : wrap('error while adding value during copy', aerr);
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
