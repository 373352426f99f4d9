// kubectl explain: a resource (or a field of it, `deploy.spec.strategy`) described from the
// server's OpenAPI v3 document for its group version, through the plaintext template
// (explain-plaintext.ts). --output=plaintext-openapiv2 asks for /openapi/v2, which Kubeplay's
// apiserver does not serve, so kubectl reports the server's 404, as it does against such a server.

import type { Command } from '../../etcdctl/cobra';
import type { Co } from '../../sim/co';
import { JsonPathParseError, parseJsonPath, type JsonPathNode, type ListNode } from '../printers/jsonpath';
import { parseOk, type ApiResource, type KubectlContext } from '../context';
import { ApiError, CommandError, SilentExit } from '../errors';
import { PlaintextTemplate, type GroupVersionResource } from './explain-plaintext';

const plaintext = 'plaintext';
const plaintextOpenAPIV2 = 'plaintext-openapiv2';

/** `kubectl explain`: documentation of a resource or field, read from the server's OpenAPI. */
export function explainCommand(ctx: KubectlContext): Command {
  return {
    use: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
    disableFlagsInUseLine: true,
    short: 'Get documentation for a resource',
    flags: [
      { name: 'recursive', kind: 'bool', def: 'false', usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' },
      { name: 'api-version', kind: 'string', def: '', usage: 'Use given api-version (group/version) of the resource.' },
      { name: 'output', shorthand: 'o', kind: 'string', def: plaintext, usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
    ],
    run: function* ({ args }) {
      yield* explain(ctx, args);
    },
  };
}

// Models staging/src/k8s.io/kubectl/pkg/cmd/explain/explain.go (Validate, Run)
function* explain(ctx: KubectlContext, args: string[]): Co<void> {
  if (args.length === 0) throw new CommandError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  if (args.length > 1) throw new CommandError('We accept only this format: explain RESOURCE');
  const apiVersion = ctx.flag<string>('api-version');
  const { gvr, fields } = apiVersion ? yield* splitAndParseResourceRequest(ctx, args[0]) : yield* splitWithMatchingPrefix(ctx, args[0]);
  const output = ctx.flag<string>('output');
  if (output === plaintextOpenAPIV2) return yield* renderOpenAPIV2(ctx, apiVersion);
  let paths: OpenAPIPaths | null = null;
  if (output === plaintext) {
    // A server without OpenAPI v3 is explained from v2.
    const index = yield* openAPIPaths(ctx);
    if (index instanceof ApiError) return yield* renderOpenAPIV2(ctx, apiVersion);
    paths = index;
  }
  if (apiVersion) Object.assign(gvr, parseGroupVersion(apiVersion));
  yield* printModelDescription(ctx, gvr, fields, output, paths);
}

/** The /openapi/v3 index: group-version path to its document's URL. */
type OpenAPIPaths = Record<string, { serverRelativeURL?: string }>;

/** The index (kubectl's openapi client reads it once a run), or the server's error. */
function* openAPIPaths(ctx: KubectlContext): Co<OpenAPIPaths | ApiError> {
  try {
    return (yield* ctx.request<{ paths?: OpenAPIPaths }>('GET', '/openapi/v3')).paths ?? {};
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
}

/** The v2 renderer reads /openapi/v2 first: its error is the one kubectl prints. */
function* renderOpenAPIV2(ctx: KubectlContext, apiVersion: string): Co<void> {
  if (apiVersion) parseGroupVersion(apiVersion);
  yield* ctx.request('GET', '/openapi/v2', undefined, { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
  throw new CommandError('explaining from OpenAPI v2 is not supported: use --output=plaintext');
}

// Models staging/src/k8s.io/kubectl/pkg/explain/v2/explain.go printModelDescriptionWithGenerator
function* printModelDescription(ctx: KubectlContext, gvr: GroupVersionResource, fields: string[], output: string, known: OpenAPIPaths | null): Co<void> {
  const paths = known ?? (yield* openAPIPaths(ctx));
  if (paths instanceof ApiError) throw new CommandError(`failed to fetch list of groupVersions: ${paths.message}`);
  const resourcePath = gvr.group ? `apis/${gvr.group}/${gvr.version}` : `api/${gvr.version}`;
  const gv = paths[resourcePath];
  if (!gv) throw new CommandError(`couldn't find resource for "${gvrString(gvr)}"`);
  let doc: Record<string, unknown>;
  try {
    doc = parseOk<Record<string, unknown>>(yield* ctx.rest.call('GET', gv.serverRelativeURL ?? '', undefined, { accept: 'application/json' }));
  } catch (e) {
    if (e instanceof ApiError) throw new CommandError(`failed to fetch openapi schema for ${resourcePath}: ${e.message}`);
    throw e;
  }
  if (output !== plaintext) throw new CommandError(`unrecognized format: ${output}`);
  const r = new PlaintextTemplate(doc, ctx.flag<boolean>('recursive')).render(gvr, fields);
  ctx.io.out(r.out);
  // The template's own errors start with "error: ", which kubectl's CheckErr does not repeat.
  if (r.error) throw new CommandError(r.error.replace(/^error: /, ''));
}

/** GroupVersionResource.String(): `apps/v1, Resource=deployments`. */
function gvrString(gvr: GroupVersionResource): string {
  return `${gvr.group}/${gvr.version}, Resource=${gvr.resource}`;
}

/** schema.ParseGroupVersion. */
function parseGroupVersion(gv: string): { group: string; version: string } {
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  throw new CommandError(`unexpected GroupVersion string: ${gv}`);
}

// Models staging/src/k8s.io/kubectl/pkg/explain/explain.go jsonPathParse
function jsonPathParse(input: string): JsonPathNode[] {
  let root: ListNode;
  try {
    root = parseJsonPath(`{.${input.replace(/\.$/, '')}}`, 'user');
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new CommandError(e.message);
    throw e;
  }
  if (root.nodes.length !== 1) throw new CommandError('must pass in 1 jsonpath string');
  return (root.nodes[0] as ListNode).nodes;
}

function fieldValues(nodes: JsonPathNode[], message: string): string[] {
  return nodes.map((n) => {
    if (n.type !== 'Field') throw new CommandError(`invalid jsonpath syntax, ${message}`);
    return n.value;
  });
}

function firstField(nodes: JsonPathNode[]): string {
  const first = nodes[0];
  if (!first || first.type !== 'Field') throw new CommandError('invalid jsonpath syntax, first node must be field node');
  return first.value;
}

// Models staging/src/k8s.io/kubectl/pkg/explain/explain.go SplitAndParseResourceRequestWithMatchingPrefix
function* splitWithMatchingPrefix(ctx: KubectlContext, input: string): Co<{ gvr: GroupVersionResource; fields: string[] }> {
  const nodes = jsonPathParse(input);
  const gvrs = yield* resourcesFor(ctx, firstField(nodes));
  for (const r of gvrs) {
    // The first resource whose `resource.group` starts the argument: the rest is the field path.
    const groupResource = r.group ? `${r.name}.${r.group}` : r.name;
    if (!input.startsWith(groupResource)) continue;
    const suffix = input.slice(groupResource.length);
    const fields = suffix ? fieldValues(jsonPathParse(suffix).slice(1), 'first node must be field node') : [];
    return { gvr: gvrOf(r), fields };
  }
  return { gvr: gvrOf(gvrs[0]), fields: fieldValues(nodes.slice(1), 'first node must be field node') };
}

// Models staging/src/k8s.io/kubectl/pkg/explain/explain.go SplitAndParseResourceRequest
function* splitAndParseResourceRequest(ctx: KubectlContext, input: string): Co<{ gvr: GroupVersionResource; fields: string[] }> {
  const nodes = jsonPathParse(input);
  const [r] = yield* resourcesFor(ctx, firstField(nodes));
  return { gvr: gvrOf(r), fields: fieldValues(nodes.slice(1), 'all nodes must be field nodes') };
}

function gvrOf(r: ApiResource): GroupVersionResource {
  return { group: r.group, version: r.version, resource: r.name };
}

/**
 * The RESTMapper's ResourcesFor behind client-go's shortcut expander: a name that is no resource's
 * plural or singular is expanded from the short names (warning of any other resource it could
 * mean), then matched lower-cased against plurals and singulars, core first, then in discovery
 * order. A miss refreshes discovery once; then kubectl prints the no-match error bare.
 */
function* resourcesFor(ctx: KubectlContext, name: string): Co<ApiResource[]> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const all = yield* ctx.discovery.all(ctx);
    const want = expandResourceShortcut(ctx, all, name);
    const lower = want.resource.toLowerCase();
    const found = all.filter((r) => (!want.group || r.group === want.group) && (r.name === lower || r.singularName === lower));
    if (found.length) return [...found.filter((r) => r.group === ''), ...found.filter((r) => r.group !== '')];
    ctx.discovery.invalidate();
  }
  ctx.io.err(`the server doesn't have a resource type "${name}"\n`);
  throw new SilentExit(1);
}

// Models staging/src/k8s.io/client-go/restmapper/shortcut.go expandResourceShortcut
function expandResourceShortcut(ctx: KubectlContext, all: ApiResource[], name: string): { group: string; resource: string } {
  if (all.some((r) => r.name === name || r.singularName === name)) return { group: '', resource: name };
  let found: ApiResource | null = null;
  const warned = new Set<string>();
  for (const r of all) {
    if (!r.shortNames.includes(name)) continue;
    if (!found) {
      found = r;
      continue;
    }
    // The same resource in another version is no ambiguity.
    if (r.group === found.group && r.name === found.name) continue;
    const groupResource = r.group ? `${r.name}.${r.group}` : r.name;
    if (!warned.has(groupResource)) ctx.io.err(`Warning: short name "${name}" could also match lower priority resource ${groupResource}\n`);
    warned.add(groupResource);
  }
  return found ? { group: found.group, resource: found.name } : { group: '', resource: name };
}
