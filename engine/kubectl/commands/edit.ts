// kubectl edit (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go): the objects are
// fetched, written as YAML under kubectl's header comment, and handed to the editor; what comes
// back, comments stripped, is diffed with what was fetched and sent as a strategic merge patch.
// An unchanged or empty file cancels; a server error reopens the editor with the error as comments
// above the edited text; saving that unchanged again gives up as kubectl does. The editor is the
// host's (the app opens Monaco; a test passes a function): kubectl waits for it as for any reply.

import type { Command } from '../../etcdctl/cobra';
import type { Co } from '../../sim/co';
import { suspend } from '../../sim/co';
import { parseAllDocuments } from 'yaml';
import { createTwoWayMergePatch, requireKeyUnchanged, requireMetadataKeyUnchanged } from '../../apiserver/patch/strategic-diff';
import { patchSchemaFor } from '../../apiserver/patch/schema';
import type { JsonObject } from '../../apiserver/patch/json';
import { resourceArgs } from '../args';
import type { ApiResource, KubectlContext } from '../context';
import { ApiError, CommandError, apiErrorText } from '../errors';
import { readManifests } from '../manifests';
import { objectName, qualified, resourcePath } from '../paths';
import { toYaml } from '../printers/yaml';

/** The header kubectl writes above the objects (editoptions.go's editHeaderTemplate). */
const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Target {
  resource: ApiResource;
  namespace: string;
  name: string;
  original: JsonObject;
}

export function editCommand(ctx: KubectlContext): Command {
  return {
    use: 'edit (RESOURCE/NAME | -f FILENAME)',
    short: 'Edit a resource on the server',
    flags: [
      { name: 'filename', shorthand: 'f', kind: 'stringSlice', def: '[]', usage: 'Filename, directory, or URL to files to use to edit the resource' },
      { name: 'output', shorthand: 'o', kind: 'string', def: '', usage: 'Output format. One of: (json, yaml).' },
      { name: 'show-managed-fields', kind: 'bool', def: 'false', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
      { name: 'subresource', kind: 'string', def: '', usage: 'If specified, edit will operate on the subresource of the requested object. Must be one of [status].' },
    ],
    run: function* (inv) {
      const output = ctx.flag<string>('output') || 'yaml';
      if (output !== 'yaml' && output !== 'json') throw new CommandError(`the flag 'output' must be one of yaml|json`);
      const sub = ctx.flag<string>('subresource');
      if (sub && sub !== 'status') throw new CommandError(`invalid subresource value: "${sub}". Must be one of [status]`);
      const targets = yield* targetsOf(ctx, inv.args, ctx.flag<string[]>('filename'), sub);
      if (targets.length === 0) throw new CommandError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
      yield* editLoop(ctx, targets, output, sub);
    },
  };
}

function* targetsOf(ctx: KubectlContext, args: string[], files: string[], sub: string): Co<Target[]> {
  const showManaged = ctx.flag<boolean>('show-managed-fields');
  const fetch = function* (resource: ApiResource, namespace: string, name: string): Co<Target> {
    const obj = yield* ctx.request<JsonObject>('GET', resourcePath(resource, namespace, name, sub));
    if (!showManaged) delete (obj.metadata as JsonObject | undefined)?.managedFields;
    return { resource, namespace, name, original: obj };
  };
  const out: Target[] = [];
  if (files.length > 0) {
    for (const m of readManifests(files, ctx.stdin)) {
      const r = yield* ctx.discovery.forKind(ctx, m.obj.apiVersion ?? '', m.obj.kind ?? '');
      const meta = m.obj.metadata ?? {};
      if (!r) throw new CommandError(`resource mapping not found for name: "${String(meta.name ?? '')}" namespace: "${String(meta.namespace ?? '')}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
      out.push(yield* fetch(r, (meta.namespace as string) || ctx.namespace, meta.name as string));
    }
    return out;
  }
  for (const req of yield* resourceArgs(ctx, args)) {
    if (req.names.length === 0) {
      const list = yield* ctx.request<{ items: { metadata: { name: string; namespace?: string } }[] }>('GET', resourcePath(req.resource, ctx.namespace));
      for (const i of list.items) out.push(yield* fetch(req.resource, i.metadata.namespace ?? ctx.namespace, i.metadata.name));
    } else for (const name of req.names) out.push(yield* fetch(req.resource, ctx.namespace, name));
  }
  return out;
}

/** The objects as the editor shows them: one, or a v1 List of several. */
function render(targets: Target[], output: string): string {
  const value = targets.length === 1 ? targets[0].original : { apiVersion: 'v1', kind: 'List', items: targets.map((t) => t.original), metadata: {} };
  return output === 'json' ? `${JSON.stringify(value, null, 4)}\n` : toYaml(value);
}

/** The edit-save loop of editoptions.go Run. */
function* editLoop(ctx: KubectlContext, targets: Target[], output: string, sub: string): Co<void> {
  const originalText = render(targets, output);
  let buffer = header + originalText;
  let lastFailed: string | null = null;
  for (;;) {
    const edited = yield* openEditor(ctx, buffer);
    if (edited === null) throw new CommandError(`unable to launch the editor "vi"`);
    const stripped = stripComments(edited);
    if (lastFailed !== null && stripped === lastFailed) {
      ctx.io.err('error: Edit cancelled, no valid changes were saved.\n');
      throw new CommandError('', 1);
    }
    if (edited === buffer && lastFailed === null) {
      ctx.io.err('Edit cancelled, no changes made.\n');
      return;
    }
    if (stripped.trim() === '') {
      ctx.io.err('Edit cancelled, saved file was empty.\n');
      return;
    }
    let objects: JsonObject[];
    try {
      objects = parseEdited(stripped, targets.length);
    } catch (e) {
      lastFailed = stripped;
      buffer = `${header}# The edited file had a syntax error: ${(e as Error).message}\n#\n${stripped}`;
      continue;
    }
    const errors: string[] = [];
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      const result = yield* save(ctx, t, objects[i], sub);
      if (result === 'edited' || result === 'skipped') {
        ctx.io.out(`${objectName(t.resource, t.name)} ${result}\n`);
      } else errors.push(result);
    }
    if (errors.length === 0) return;
    lastFailed = stripped;
    buffer = `${header}${errors.join('')}${stripped}`;
  }
}

/** Sends one edited object; answers 'edited', 'skipped', or the error comment block to reopen with. */
function* save(ctx: KubectlContext, t: Target, edited: JsonObject, sub: string): Co<string> {
  const gr = qualified(t.resource);
  const schema = patchSchemaFor(String(t.original.apiVersion ?? ''), String(t.original.kind ?? ''));
  let patch: JsonObject;
  try {
    patch = schema
      ? createTwoWayMergePatch(t.original, edited, schema, requireKeyUnchanged('apiVersion'), requireKeyUnchanged('kind'), requireMetadataKeyUnchanged('name'))
      : mergeDiff(t.original, edited);
  } catch {
    throw new CommandError('At least one of apiVersion, kind and name was changed');
  }
  if (Object.keys(patch).length === 0) return 'skipped';
  try {
    yield* ctx.request('PATCH', resourcePath(t.resource, t.namespace, t.name, sub), JSON.stringify(patch), { 'content-type': schema ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json' });
    return 'edited';
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const causes = e.status.details?.causes ?? [];
    if (e.status.reason === 'Invalid' && causes.length > 0) {
      return `# ${gr} "${t.name}" was not valid:\n${causes.map((c) => `# * ${c.field ? `${c.field}: ` : ''}${c.message}\n`).join('')}#\n`;
    }
    // Anything else is printed and not retried in the editor (editoptions.go's default case).
    ctx.io.err(apiErrorText(e.status));
    throw new CommandError('', 1);
  }
}

/** A JSON merge patch from `a` to `b` (jsonpatch.CreateMergePatch), for kinds without a strategic schema. */
function mergeDiff(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  for (const [k, v] of Object.entries(b)) {
    const av = a[k];
    if (JSON.stringify(av) === JSON.stringify(v)) continue;
    out[k] = av && v && typeof av === 'object' && typeof v === 'object' && !Array.isArray(av) && !Array.isArray(v) ? mergeDiff(av as JsonObject, v as JsonObject) : v;
  }
  return out;
}

/** Lines starting with `#` removed (editor's comment stripping, manualStrip). */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

/** The edited objects, in the order they were shown. */
function parseEdited(text: string, count: number): JsonObject[] {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const values: JsonObject[] = [];
  for (const d of list) {
    if (d.errors.length > 0) throw new Error(`error converting YAML to JSON: yaml: line ${d.errors[0].linePos?.[0]?.line ?? 0}: ${d.errors[0].message.split('\n')[0]}`);
    const v = d.toJS() as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new Error('error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}');
    values.push(v as JsonObject);
  }
  if (values.length === 1 && values[0].kind === 'List' && Array.isArray(values[0].items)) return values[0].items as JsonObject[];
  if (values.length !== count) throw new Error(`the edited file holds ${values.length} objects; ${count} were opened`);
  return values;
}

/** Hands the text to the host's editor and waits; null when there is no editor. */
function* openEditor(ctx: KubectlContext, text: string): Co<string | null> {
  const edit = ctx.editor;
  if (!edit) return null;
  return yield* suspend<string | null>((resume) => edit(text, (edited) => resume(edited)));
}
