// Field paths and field-level validation errors, as k8s.io/apimachinery/pkg/util/validation/field
// (path.go, errors.go) and the aggregate of k8s.io/apimachinery/pkg/util/errors (errors.go).

import { GoValue, formatGoNumber, goQuote } from './gofmt';

/** field.Path: the path from an object's root to one field, `spec.containers[0].image`. */
export class FieldPath {
  private constructor(
    /** The field name, or '' when this element is a subscript. */
    private readonly name: string,
    /** The index or map key when `name` is ''. */
    private readonly subscript: string,
    private readonly parent: FieldPath | null,
  ) {}

  /** field.NewPath. */
  static root(name: string, ...moreNames: string[]): FieldPath {
    let p = new FieldPath(name, '', null);
    for (const n of moreNames) p = new FieldPath(n, '', p);
    return p;
  }

  /** Path.Child: `spec` → `spec.template.spec` for child('template', 'spec'). */
  child(name: string, ...moreNames: string[]): FieldPath {
    let p: FieldPath = new FieldPath(name, '', this);
    for (const n of moreNames) p = new FieldPath(n, '', p);
    return p;
  }

  /** Path.Index: `containers[0]`. */
  index(i: number): FieldPath {
    return new FieldPath('', String(i), this);
  }

  /** Path.Key: `labels[app]` (the key is not quoted, as upstream). */
  key(k: string): FieldPath {
    return new FieldPath('', k, this);
  }

  /** Path.String. */
  toString(): string {
    const elems: FieldPath[] = [];
    for (let p: FieldPath | null = this; p !== null; p = p.parent) elems.push(p);
    let out = '';
    for (let i = elems.length - 1; i >= 0; i--) {
      const p = elems[i]!;
      if (p.parent !== null && p.name.length > 0) out += '.';
      out += p.name.length > 0 ? p.name : `[${p.subscript}]`;
    }
    return out;
  }
}

/** field.NewPath. */
export function newPath(name: string, ...moreNames: string[]): FieldPath {
  return FieldPath.root(name, ...moreNames);
}

/** field.ErrorType: the machine-readable reason, also a StatusCause's `reason`. */
export type ErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export const ErrorTypeNotFound: ErrorType = 'FieldValueNotFound';
export const ErrorTypeRequired: ErrorType = 'FieldValueRequired';
export const ErrorTypeDuplicate: ErrorType = 'FieldValueDuplicate';
export const ErrorTypeInvalid: ErrorType = 'FieldValueInvalid';
export const ErrorTypeNotSupported: ErrorType = 'FieldValueNotSupported';
export const ErrorTypeForbidden: ErrorType = 'FieldValueForbidden';
export const ErrorTypeTooLong: ErrorType = 'FieldValueTooLong';
export const ErrorTypeTooMany: ErrorType = 'FieldValueTooMany';
export const ErrorTypeInternal: ErrorType = 'InternalError';
export const ErrorTypeTypeInvalid: ErrorType = 'FieldValueTypeInvalid';

/** ErrorType.String(): the human text before the value. */
export function errorTypeString(t: ErrorType): string {
  switch (t) {
    case 'FieldValueNotFound':
      return 'Not found';
    case 'FieldValueRequired':
      return 'Required value';
    case 'FieldValueDuplicate':
      return 'Duplicate value';
    case 'FieldValueInvalid':
      return 'Invalid value';
    case 'FieldValueNotSupported':
      return 'Unsupported value';
    case 'FieldValueForbidden':
      return 'Forbidden';
    case 'FieldValueTooLong':
      return 'Too long';
    case 'FieldValueTooMany':
      return 'Too many';
    case 'InternalError':
      return 'Internal error';
    case 'FieldValueTypeInvalid':
      return 'Invalid value';
  }
}

/** field.Error: one field-level validation failure. */
export interface FieldError {
  type: ErrorType;
  /** The field path as text (`spec.replicas`). */
  field: string;
  /**
   * The offending value. Strings, numbers and booleans render as Go renders them; a GoValue
   * carries Go's rendering of anything else; `omitValue` suppresses the value.
   */
  badValue?: unknown;
  detail: string;
}

/** field's omitValue: TooMany with an unknown count prints no value. */
export const omitValue: unique symbol = Symbol('omitValue');

function pathText(p: FieldPath | null): string {
  return p === null ? '<nil>' : p.toString();
}

/** field.Required. */
export function required(path: FieldPath | null, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field: pathText(path), badValue: '', detail };
}

/** field.Invalid. */
export function invalid(path: FieldPath | null, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field: pathText(path), badValue: value, detail };
}

/** field.NotSupported: the valid values quoted and comma-separated, in the order given. */
export function notSupported(path: FieldPath | null, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? 'supported values: ' + validValues.map((v) => goQuote(v)).join(', ') : '';
  return { type: 'FieldValueNotSupported', field: pathText(path), badValue: value, detail };
}

/** field.Duplicate. */
export function duplicate(path: FieldPath | null, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field: pathText(path), badValue: value, detail: '' };
}

/** field.Forbidden. */
export function forbidden(path: FieldPath | null, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field: pathText(path), badValue: '', detail };
}

/** field.TooLong: the value is never printed; a negative maxLength gives a generic detail. */
export function tooLong(path: FieldPath | null, _value: unknown, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long';
  return { type: 'FieldValueTooLong', field: pathText(path), badValue: '<value omitted>', detail };
}

/** field.TooMany: the actual count is printed unless negative. */
export function tooMany(path: FieldPath | null, actualQuantity: number, maxQuantity: number): FieldError {
  const detail = maxQuantity >= 0 ? `must have at most ${maxQuantity} items` : 'has too many items';
  return { type: 'FieldValueTooMany', field: pathText(path), badValue: actualQuantity >= 0 ? actualQuantity : omitValue, detail };
}

/** field.NotFound. */
export function notFound(path: FieldPath | null, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field: pathText(path), badValue: value, detail: '' };
}

/** field.InternalError. */
export function internalError(path: FieldPath | null, err: Error | string): FieldError {
  return { type: 'InternalError', field: pathText(path), badValue: null, detail: typeof err === 'string' ? err : err.message };
}

/** field.TypeInvalid. */
export function typeInvalid(path: FieldPath | null, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field: pathText(path), badValue: value, detail };
}

/**
 * The bad value as ErrorBody prints it: int/bool/float with %v, strings with %q, a nil (null or
 * undefined) as `null`, a GoValue as its Go rendering. Plain arrays of strings and objects of
 * string values fall back to []string / map[string]string, the Go types they most often are.
 */
export function renderBadValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoValue) return v.repr;
  switch (typeof v) {
    case 'string':
      return goQuote(v);
    case 'number':
      return formatGoNumber(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return String(v);
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[]string{${v.map((x: string) => goQuote(x)).join(', ')}}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    if (keys.every((k) => typeof o[k] === 'string')) return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(o[k] as string)}`).join(', ')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Error.ErrorBody: the message without the field path. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = errorTypeString(e.type);
      break;
    default:
      s = e.badValue === omitValue ? errorTypeString(e.type) : `${errorTypeString(e.type)}: ${renderBadValue(e.badValue)}`;
  }
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

/** Error.Error(): `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** ErrorList.ToAggregate's de-duplication: the first error of each distinct message, in order. */
export function uniqueErrors(errs: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errs) {
    const msg = fieldErrorString(e);
    if (seen.has(msg)) continue;
    seen.add(msg);
    out.push(e);
  }
  return out;
}

/**
 * errs.ToAggregate().Error(): one error's text alone, several as `[a, b]`, repeated messages
 * once; '' for no errors (upstream's nil aggregate).
 */
export function aggregateMessage(errs: readonly FieldError[]): string {
  return aggregateStrings(uniqueErrors(errs).map(fieldErrorString));
}

/** utilerrors.NewAggregate(errs).Error() over already-rendered messages. */
export function aggregateStrings(msgs: readonly string[]): string {
  const unique = [...new Set(msgs)];
  if (unique.length === 0) return '';
  if (unique.length === 1) return unique[0]!;
  return `[${unique.join(', ')}]`;
}
