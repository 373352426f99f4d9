// kubectl apply -f (client-side apply, k8s.io/kubectl/pkg/cmd/apply): each object is created with
// its last-applied-configuration annotation when it does not exist, else patched with the
// three-way strategic merge patch between that annotation, the manifest and the live object;
// `unchanged` when the patch is empty. Also create -f and replace -f, which share the reading of
// manifests and the printing of results.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { patchSchemaFor } from '../../apiserver/patch/schema';
import type { JsonObject } from '../../apiserver/patch/json';
import { PatchError } from '../../apiserver/patch/errors';
import { createThreeWayMergePatch, creatingPatchErrorMessage, lastAppliedAnnotation, modifiedConfiguration, originalConfiguration } from '../apply-patch';
import type { ApiResource, KubectlContext } from '../context';
import { ApiError, CommandError, withSource } from '../errors';
import { readManifests, type ManifestObject } from '../manifests';
import { outputFlags, printObjects, readOutputOptions } from '../output';
import { objectName, resourcePath, withQuery } from '../paths';

const fileFlag = { name: 'filename', shorthand: 'f', kind: 'stringSlice' as const, def: '[]', usage: 'The files that contain the configurations to apply.' };
const dryRunFlag = { name: 'dry-run', kind: 'string' as const, def: 'none', usage: 'Must be "none", "server", or "client".' };
/** --validate: the server validates every object in Kubeplay (there is no OpenAPI for the client to check against first). */
export const validateFlag = { name: 'validate', kind: 'string' as const, def: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' };

/** A manifest object with its resource and namespace resolved. */
interface Target {
  m: ManifestObject;
  resource: ApiResource;
  namespace: string | null;
  name: string;
}

/** Resolves every object of the manifests; unknown kinds are errors as kubectl words them. */
function* targets(ctx: KubectlContext, files: string[]): Co<Target[]> {
  if (files.length === 0) throw new CommandError('must specify one of -f and -k');
  const out: Target[] = [];
  for (const m of readManifests(files, ctx.stdin)) {
    const resource = yield* ctx.discovery.forKind(ctx, m.obj.apiVersion!, m.obj.kind!);
    const name = String(m.obj.metadata?.name ?? '');
    if (!resource) {
      throw new CommandError(`resource mapping not found for name: "${name}" namespace: "${String(m.obj.metadata?.namespace ?? '')}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
    }
    let namespace: string | null = null;
    if (resource.namespaced) {
      const own = m.obj.metadata?.namespace as string | undefined;
      if (own && ctx.changed('namespace') && own !== ctx.namespace) {
        throw new CommandError(`the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
      }
      namespace = own || ctx.namespace;
      m.obj.metadata = { ...(m.obj.metadata ?? {}), namespace };
    }
    out.push({ m, resource, namespace, name });
  }
  return out;
}

function dryRunQuery(ctx: KubectlContext): { dryRun?: string; suffix: string; client: boolean } {
  const v = ctx.flag<string>('dry-run');
  if (v === 'server') return { dryRun: 'All', suffix: ' (server dry run)', client: false };
  if (v === 'client') return { suffix: ' (dry run)', client: true };
  if (v !== 'none' && v !== '') throw new CommandError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  return { suffix: '', client: false };
}

/** Runs `each` on every target, printing successes; errors are printed after, as kubectl collects them. */
function* forEach(ctx: KubectlContext, ts: Target[], each: (t: Target) => Co<string | null>): Co<void> {
  const opts = readOutputOptions(ctx);
  let failed = false;
  const printed: Record<string, unknown>[] = [];
  for (const t of ts) {
    try {
      const verb = yield* each(t);
      if (verb === null) continue;
      if (opts.format && opts.format !== 'name') printed.push(t.m.obj);
      else ctx.io.out(opts.format === 'name' ? `${objectName(t.resource, t.name)}\n` : `${objectName(t.resource, t.name)} ${verb}\n`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      failed = true;
      ctx.printApiError(e, t.m.document);
    }
  }
  if (printed.length) printObjects(ctx, printed, opts, printed.length === 1);
  if (failed) throw new CommandError('', 1);
}

export function applyCommand(ctx: KubectlContext): Command {
  return {
    use: 'apply (-f FILENAME | -k DIRECTORY)',
    short: 'Apply a configuration to a resource by file name or stdin',
    flags: [fileFlag, dryRunFlag, validateFlag, ...outputFlags, { name: 'server-side', kind: 'bool', def: 'false', usage: 'If true, apply runs in the server instead of the client.' }],
    run: function* () {
      if (ctx.flag<boolean>('server-side')) throw new CommandError('--server-side is not supported by Kubeplay yet (client-side apply is)');
      const dry = dryRunQuery(ctx);
      yield* forEach(ctx, yield* targets(ctx, ctx.flag<string[]>('filename')), (t) => applyOne(ctx, t, dry));
    },
  };
}

function* applyOne(ctx: KubectlContext, t: Target, dry: ReturnType<typeof dryRunQuery>): Co<string> {
  const path = resourcePath(t.resource, t.namespace, t.name);
  let live: JsonObject | null = null;
  try {
    live = yield* ctx.request<JsonObject>('GET', path);
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 404)) throw e;
  }
  const modified = modifiedConfiguration(t.m.obj as JsonObject, true);
  if (live === null) {
    if (dry.client) return `created${dry.suffix}`;
    const body = JSON.parse(modified) as JsonObject;
    try {
      const created = yield* ctx.request<Record<string, unknown>>('POST', withQuery(resourcePath(t.resource, t.namespace), { dryRun: dry.dryRun, fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' }), body);
      t.m.obj = created as ManifestObject['obj'];
    } catch (e) {
      if (e instanceof ApiError) throw withSource(e, 'creating', t.m.source);
      throw e;
    }
    return `created${dry.suffix}`;
  }
  const original = originalConfiguration(live);
  let patch;
  try {
    patch = createThreeWayMergePatch(original, JSON.parse(modified) as JsonObject, live, patchSchemaFor(String(t.m.obj.apiVersion), String(t.m.obj.kind)));
  } catch (e) {
    if (e instanceof PatchError) throw new CommandError(creatingPatchErrorMessage(original, modified, JSON.stringify(live), e.message));
    throw e;
  }
  if (patch.body === '{}') {
    t.m.obj = live as ManifestObject['obj'];
    return 'unchanged';
  }
  if (dry.client) return `configured${dry.suffix}`;
  const contentType = patch.type === 'strategic' ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json';
  try {
    const res = yield* ctx.request<Record<string, unknown>>('PATCH', withQuery(path, { dryRun: dry.dryRun, fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' }), patch.body, { 'content-type': contentType });
    t.m.obj = res as ManifestObject['obj'];
  } catch (e) {
    if (e instanceof ApiError) throw withSource(e, 'patching', t.m.source);
    throw e;
  }
  return `configured${dry.suffix}`;
}

/** create -f: POST each object; `AlreadyExists` as kubectl reports it. */
export function* createFromFiles(ctx: KubectlContext, files: string[], saveConfig: boolean): Co<void> {
  const dry = dryRunQuery(ctx);
  yield* forEach(ctx, yield* targets(ctx, files), function* (t) {
    if (dry.client) return `created${dry.suffix}`;
    const body = saveConfig ? JSON.parse(modifiedConfiguration(t.m.obj as JsonObject, true)) : t.m.obj;
    try {
      t.m.obj = (yield* ctx.request<Record<string, unknown>>('POST', withQuery(resourcePath(t.resource, t.namespace), { dryRun: dry.dryRun, fieldManager: 'kubectl-create', fieldValidation: 'Strict' }), body)) as ManifestObject['obj'];
    } catch (e) {
      if (e instanceof ApiError) throw withSource(e, 'creating', t.m.source);
      throw e;
    }
    return `created${dry.suffix}`;
  });
}

export function replaceCommand(ctx: KubectlContext): Command {
  return {
    use: 'replace -f FILENAME',
    short: 'Replace a resource by file name or stdin',
    flags: [fileFlag, dryRunFlag, validateFlag, ...outputFlags, { name: 'force', kind: 'bool', def: 'false', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' }],
    run: function* () {
      const dry = dryRunQuery(ctx);
      yield* forEach(ctx, yield* targets(ctx, ctx.flag<string[]>('filename')), function* (t) {
        const path = resourcePath(t.resource, t.namespace, t.name);
        const obj = { ...t.m.obj, metadata: { ...(t.m.obj.metadata ?? {}) } };
        // replace keeps the last-applied annotation only when the live object has one (--save-config aside).
        if (!obj.metadata.resourceVersion) {
          try {
            const live = yield* ctx.request<{ metadata: { resourceVersion: string; annotations?: Record<string, string> } }>('GET', path);
            obj.metadata.resourceVersion = live.metadata.resourceVersion;
            const applied = live.metadata.annotations?.[lastAppliedAnnotation];
            if (applied !== undefined) obj.metadata = JSON.parse(modifiedConfiguration(obj as JsonObject, true)).metadata;
          } catch (e) {
            if (e instanceof ApiError) throw withSource(e, 'replacing', t.m.source);
            throw e;
          }
        }
        if (dry.client) return `replaced${dry.suffix}`;
        try {
          t.m.obj = (yield* ctx.request<Record<string, unknown>>('PUT', withQuery(path, { dryRun: dry.dryRun, fieldManager: 'kubectl-replace', fieldValidation: 'Strict' }), obj)) as ManifestObject['obj'];
        } catch (e) {
          if (e instanceof ApiError) throw withSource(e, 'replacing', t.m.source);
          throw e;
        }
        return `replaced${dry.suffix}`;
      });
    },
  };
}

export { targets as manifestTargets, type Target };
