// kubectl explain's plaintext template, piece by piece: upstream's own tables (go-wordwrap's
// TestWrapString; kubectl's explain/v2/templates TestPlaintext) and documents made up to walk the
// template's branches. The whole command against the real kubectl is kubectl.test.ts's scenario.

import { describe, expect, it } from 'vitest';
import { PlaintextTemplate, wrapString } from './explain-plaintext';

type J = Record<string, unknown>;

describe('wrapString (go-wordwrap v1.0.1)', () => {
  // TestWrapString's cases.
  it.each([
    ['foo', 'foo', 4],
    ['foobarbaz', 'foobarbaz', 4],
    ['foo bar baz', 'foo\nbar\nbaz', 4],
    ['foo bars bazzes', 'foo\nbars\nbazzes', 4],
    ['fo sop', 'fo\nsop', 4],
    ['foo bar\u00A0baz', 'foo\nbar\u00A0baz', 10],
    ['foo\nb\t r\n baz', 'foo\nb\t r\n baz', 4],
    ['foo    \nb   ar   ', 'foo\nb\nar', 4],
    ['foo bar baz\n', 'foo\nbar\nbaz\n', 4],
    ['\nfoo bar\n\n\nbaz\n', '\nfoo\nbar\n\n\nbaz\n', 4],
    [' This is a list: \n\n\t* foo\n\t* bar\n\n\n\t* baz  \nBAM    ', ' This\nis a\nlist: \n\n\t* foo\n\t* bar\n\n\n\t* baz\nBAM', 6],
    ['\u2584 '.repeat(4), '\u2584 \u2584\n' + '\u2584 '.repeat(2), 4],
  ])('%j at %#', (input, output, lim) => {
    expect(wrapString(input, lim)).toBe(output);
  });
});

describe('the plaintext template', () => {
  const t = (doc: J = {}) => new PlaintextTemplate(doc, false);
  const crv = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceValidation';

  // TestPlaintext's typeGuess cases.
  it.each<[string, J, J?]>([
    ['string', { type: 'string' }],
    ['string', { type: 'string', additionalProperties: true }],
    ['string', { description: 'a cool field', $ref: '#/components/schemas/v1.Time' }, { components: { schemas: { 'v1.Time': { type: 'string', format: 'date-time' } } } }],
    ['array', { description: 'a cool field', type: 'array' }],
    ['Object', { description: 'a cool field', type: 'object' }],
    ['[]number', { description: 'a cool field', type: 'array', items: { type: 'number' } }],
    ['[]CustomResourceValidation', { description: 'a cool field', type: 'array', items: { type: 'object', allOf: [{ $ref: crv }] } }],
    ['[]CustomResourceValidation', { description: 'a cool field', type: 'array', items: { type: 'object', $ref: crv } }],
    ['[]map[string]string', { description: 'a cool field', type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } }],
    ['map[string][]string', { description: 'a cool field', type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }],
    ['map[string]CustomResourceValidation', { description: 'a cool field', type: 'object', additionalProperties: { type: 'string', allOf: [{ $ref: crv }] } }],
    ['Object', { description: 'a cool field' }],
  ])('typeGuess is %s for %j', (want, schema, doc) => {
    expect(t(doc).typeGuess(schema)).toBe(want);
  });

  // TestPlaintext's fieldDetail cases.
  it('prints a field: name, type, -required-, its description wrapped and indented', () => {
    const parent = { type: 'object', properties: { thefield: { type: 'string', description: 'a description that should be printed' } }, required: ['thefield'] };
    expect(t().fieldDetail('thefield', parent, 0, true)).toBe('thefield\t<string> -required-\n');
    expect(t().fieldDetail('thefield', parent, 0, false)).toBe('thefield\t<string> -required-\n  a description that should be printed\n\n');
    expect(t().fieldDetail('thefield', parent, 5, true)).toBe('          thefield\t<string> -required-\n');
  });

  // TestPlaintext's extractEnum cases.
  it.each<[string, unknown[], boolean, number, number]>([
    ['', [], false, 0, 0],
    ['ENUM:\n    0\n    1\n    2\n    3', [0, 1, 2, 3], true, 0, 0],
    ['\n  enum: 0, 1, 2, 3', [0, 1, 2, 3], false, 0, 2],
    ['\n  enum: 0, 1, ....', [0, 1, 2, 3], false, 2, 2],
    ['ENUM:\n    0\n    1, ....', [0, 1, 2, 3], true, 2, 2],
    ['ENUM:\n    Block\n    File\n    ""', ['Block', 'File', ''], true, 0, 0],
  ])('extractEnum prints %j', (want, values, long, limit, pad) => {
    expect(t().extractEnum({ type: 'string', enum: values }, long, limit, pad)).toBe(want);
  });
});

/** A document with one namespaced resource `widgets` of kind Widget, reachable only by its object path. */
function widgetDoc(): J {
  const gvk = { group: 'example.com', kind: 'Widget', version: 'v1' };
  const ref = (m: string) => ({ $ref: `#/components/schemas/${m}` });
  return {
    paths: { '/apis/example.com/v1/namespaces/{namespace}/widgets/{name}': { get: { 'x-kubernetes-group-version-kind': gvk } } },
    components: {
      schemas: {
        'com.example.Widget': {
          description: 'A widget.',
          type: 'object',
          required: ['spec'],
          'x-kubernetes-group-version-kind': [gvk],
          properties: {
            spec: { allOf: [ref('com.example.WidgetSpec')], description: 'What the widget should be, described at a length that takes more than one line of the seventy-six columns kubectl wraps at.' },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        'com.example.WidgetSpec': {
          description: 'WidgetSpec says what a widget is.',
          type: 'object',
          properties: {
            parts: { type: 'array', items: { allOf: [ref('com.example.Part')], default: {} } },
            mode: { type: 'string', enum: ['Fast', 'Slow'] },
          },
        },
        'com.example.Part': { type: 'object', properties: { name: { type: 'string', description: 'The part.' }, sub: ref('com.example.Part') } },
      },
    },
  };
}

describe('rendering a resource', () => {
  const gvr = { group: 'example.com', version: 'v1', resource: 'widgets' };
  const render = (fields: string[], recursive = false) => new PlaintextTemplate(widgetDoc(), recursive).render(gvr, fields);

  it('finds the kind through the resource paths, and prints its description and fields (SchemaFoundNamespacedWithoutListVerb)', () => {
    expect(render([])).toEqual({
      out:
        'GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\nDESCRIPTION:\n    A widget.\n    \nFIELDS:\n' +
        '  labels\t<map[string]string>\n    <no description>\n\n' +
        '  spec\t<WidgetSpec> -required-\n    What the widget should be, described at a length that takes more than one\n    line of the seventy-six columns kubectl wraps at.\n\n\n',
    });
  });

  it("prints a field's description and then its type's, and its enum in the long form", () => {
    expect(render(['spec']).out).toBe(
      'GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\nFIELD: spec <WidgetSpec>\n\n\nDESCRIPTION:\n' +
        '    What the widget should be, described at a length that takes more than one\n    line of the seventy-six columns kubectl wraps at.\n    WidgetSpec says what a widget is.\n    \n' +
        'FIELDS:\n  mode\t<string>\n  enum: Fast, Slow\n    <no description>\n\n  parts\t<[]Part>\n    <no description>\n\n\n',
    );
    expect(render(['spec', 'mode']).out).toContain('FIELD: mode <string>\nENUM:\n    Fast\n    Slow\n\n');
  });

  it('walks through lists and maps (SchemaFieldPathViaList, SchemaFieldPathViaMap)', () => {
    expect(render(['spec', 'parts', 'name']).out).toContain('FIELD: name <string>\n\n\nDESCRIPTION:\n    The part.\n');
    expect(render(['labels']).out).toContain('FIELD: labels <map[string]string>\n\n\nDESCRIPTION:\n    <empty>\n\n');
  });

  it('stops a recursive listing where a type contains itself', () => {
    expect(render(['spec'], true).out).toContain('FIELDS:\n  mode\t<string>\n  enum: Fast, Slow\n  parts\t<[]Part>\n    name\t<string>\n    sub\t<Part>\n\n');
  });

  it('reports a missing field after the header it already printed (SchemaFieldPathNotFound)', () => {
    expect(render(['spec', 'exist'])).toEqual({ out: 'GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\n', error: 'error: field "exist" does not exist' });
  });

  it('reports a resource the paths do not hold, and a kind no schema carries (ResourceNotFound)', () => {
    expect(new PlaintextTemplate({}, false).render({ group: '', version: '', resource: '' }, [])).toEqual({ out: '', error: 'error: GVR (/, Resource=) not found in OpenAPI schema' });
    const doc = widgetDoc();
    (doc.components as { schemas: J }).schemas = {};
    expect(new PlaintextTemplate(doc, false).render(gvr, []).error).toBe('error: GVK map[group:example.com kind:Widget version:v1] not found in OpenAPI schema');
  });
});
