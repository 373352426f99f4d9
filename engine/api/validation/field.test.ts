// Ported from apimachinery v0.32 pkg/util/validation/field (errors_test.go, path_test.go) and
// pkg/util/errors (errors_test.go), plus renderings of Go values in messages.
import { describe, expect, it } from 'vitest';
import {
  aggregateMessage,
  duplicate,
  errorBody,
  fieldErrorString,
  forbidden,
  internalError,
  invalid,
  newPath,
  notFound,
  notSupported,
  required,
  tooLong,
  tooMany,
  uniqueErrors,
} from './field';
import { formatGoFloat, goFloat, goQuote, goStringMap, goStringSlice, goStruct, goUint } from './gofmt';

describe('FieldPath', () => {
  it('renders children, indices and keys as upstream', () => {
    const root = newPath('root');
    expect(root.toString()).toBe('root');
    expect(root.child('first').child('second').index(0).child('third').index(93).toString()).toBe('root.first.second[0].third[93]');
    expect(root.child('first').child('second').index(0).key('key').toString()).toBe('root.first.second[0][key]');
    expect(newPath('spec', 'template', 'spec').child('containers').index(0).child('image').toString()).toBe('spec.template.spec.containers[0].image');
    expect(newPath('metadata', 'labels').key('app').toString()).toBe('metadata.labels[app]');
    expect(root.child('a', 'b', 'c').toString()).toBe('root.a.b.c');
    // As Go: a root with an empty name prints as an empty subscript.
    expect(newPath('').index(1).toString()).toBe('[][1]');
  });
});

describe('field.Error', () => {
  it('Error() text per type', () => {
    expect(fieldErrorString(invalid(newPath('spec', 'replicas'), -1, 'must be greater than or equal to 0'))).toBe('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(fieldErrorString(required(newPath('metadata', 'name'), 'name or generateName is required'))).toBe('metadata.name: Required value: name or generateName is required');
    expect(fieldErrorString(required(newPath('spec', 'selector')))).toBe('spec.selector: Required value');
    expect(fieldErrorString(notSupported(newPath('spec', 'restartPolicy'), 'Sometimes', ['Always', 'OnFailure', 'Never']))).toBe(
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
    expect(errorBody(notSupported(newPath('f'), 'v', ['a', 'b', 'c']))).toBe('Unsupported value: "v": supported values: "a", "b", "c"');
    expect(errorBody(notSupported(newPath('f'), 'v', []))).toBe('Unsupported value: "v"');
    expect(fieldErrorString(invalid(newPath('spec', 'template', 'metadata', 'labels'), goStringMap({ app: 'x' }), '`selector` does not match template `labels`'))).toBe(
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    );
    expect(fieldErrorString(duplicate(newPath('spec', 'containers').index(1).child('name'), 'web'))).toBe('spec.containers[1].name: Duplicate value: "web"');
    expect(fieldErrorString(forbidden(newPath('spec'), 'nope'))).toBe('spec: Forbidden: nope');
    expect(fieldErrorString(tooLong(newPath('metadata', 'annotations'), '', 262144))).toBe('metadata.annotations: Too long: may not be more than 262144 bytes');
    expect(fieldErrorString(tooLong(newPath('x'), '', -1))).toBe('x: Too long: value is too long');
    expect(fieldErrorString(tooMany(newPath('x'), 5, 4))).toBe('x: Too many: 5: must have at most 4 items');
    expect(fieldErrorString(tooMany(newPath('x'), -1, -1))).toBe('x: Too many: has too many items');
    expect(fieldErrorString(notFound(newPath('x'), 'y'))).toBe('x: Not found: "y"');
    expect(fieldErrorString(internalError(newPath('x'), new Error('e')))).toBe('x: Internal error: e');
    expect(fieldErrorString(invalid(null, null, ''))).toBe('<nil>: Invalid value: null');
    expect(fieldErrorString(invalid(newPath('x'), true, 'd'))).toBe('x: Invalid value: true: d');
    expect(fieldErrorString(invalid(newPath('x'), goUint(0), 'must be specified for an update'))).toBe('x: Invalid value: 0x0: must be specified for an update');
  });
  it('renders Go values', () => {
    expect(goQuote('a"b\\c\n\t\x01é☃')).toBe('"a\\"b\\\\c\\n\\t\\x01é☃"');
    expect(goQuote('\u200b')).toBe('"\\u200b"');
    expect(goStringSlice(['a', 'b']).repr).toBe('[]string{"a", "b"}');
    expect(goStringSlice(undefined).repr).toBe('[]string(nil)');
    expect(goStringMap({ b: '2', a: '1' }).repr).toBe('map[string]string{"a":"1", "b":"2"}');
    expect(goStruct('core.X', [['A', 'x'], ['B', 1], ['C', { nilPtr: '*int32' }]]).repr).toBe('core.X{A:"x", B:1, C:(*int32)(nil)}');
    expect(formatGoFloat(1e6)).toBe('1e+06');
    expect(formatGoFloat(123456)).toBe('123456');
    expect(formatGoFloat(0.5)).toBe('0.5');
    expect(formatGoFloat(0.00001)).toBe('1e-05');
    expect(goFloat(1.5).repr).toBe('1.5');
  });
});

describe('aggregate', () => {
  const a = invalid(newPath('f'), 'v', 'd');
  const b = internalError(newPath(''), new Error('e'));
  it('ToAggregate de-duplicates; one error prints alone, several in brackets', () => {
    expect(aggregateMessage([])).toBe('');
    expect(aggregateMessage([a])).toBe('f: Invalid value: "v": d');
    expect(uniqueErrors([a, a]).length).toBe(1);
    expect(aggregateMessage([a, a])).toBe('f: Invalid value: "v": d');
    expect(aggregateMessage([a, b])).toBe('[f: Invalid value: "v": d, []: Internal error: e]');
  });
});
