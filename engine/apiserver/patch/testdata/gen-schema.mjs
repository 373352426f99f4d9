// Generates engine/apiserver/patch/schema-data.ts from the Go struct tags of k8s.io/api,
// k8s.io/apimachinery and k8s.io/kube-aggregator at v0.32.4 (Kubernetes 1.32), read from git mirrors
// of the three repositories (fetched to /work/.mirror/kubernetes+api, /work/.mirror/kubernetes+apimachinery
// and /work/.mirror/kubernetes+kube-aggregator).
// Usage: node engine/apiserver/patch/testdata/gen-schema.mjs > engine/apiserver/patch/schema-data.ts
import { execFileSync } from 'node:child_process';

const TAG = 'v0.32.4';
const API = '/work/.mirror/kubernetes+api/repo';
const MACH = '/work/.mirror/kubernetes+apimachinery/repo';
const AGG = '/work/.mirror/kubernetes+kube-aggregator/repo';

const pkgDirs = {
  'k8s.io/apimachinery/pkg/apis/meta/v1': [MACH, 'pkg/apis/meta/v1', ['types.go']],
  'k8s.io/apimachinery/pkg/runtime': [MACH, 'pkg/runtime', ['types.go']],
  'k8s.io/apimachinery/pkg/types': [MACH, 'pkg/types', ['uid.go', 'namespacedname.go', 'nodename.go', 'patch.go']],
  'k8s.io/kube-aggregator/pkg/apis/apiregistration/v1': [AGG, 'pkg/apis/apiregistration/v1', ['types.go']],
};
for (const p of ['core/v1', 'apps/v1', 'authentication/v1', 'authorization/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'coordination/v1', 'discovery/v1', 'events/v1', 'networking/v1', 'policy/v1', 'rbac/v1', 'scheduling/v1', 'storage/v1']) {
  pkgDirs[`k8s.io/api/${p}`] = [API, p, null];
}
// Go structs that serialize as JSON scalars (custom MarshalJSON): no JSON fields of their own.
const opaque = {
  'k8s.io/apimachinery/pkg/api/resource.Quantity': 'Quantity',
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'IntOrString',
  'k8s.io/apimachinery/pkg/apis/meta/v1.Time': 'Time',
  'k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime': 'MicroTime',
  'k8s.io/apimachinery/pkg/apis/meta/v1.Duration': 'Duration',
  'k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1': 'FieldsV1',
  'k8s.io/apimachinery/pkg/runtime.RawExtension': 'RawExtension',
};

const git = (repo, ...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

/** pkgPath -> { types: Map<name, decl>, } ; decl = {kind:'struct', fields:[...]} | {kind:'alias', expr, imports} */
const pkgs = new Map();
function loadPkg(path) {
  if (pkgs.has(path)) return pkgs.get(path);
  const [repo, dir, only] = pkgDirs[path] ?? [];
  if (!repo) throw new Error(`unknown package ${path}`);
  const files = only
    ? only.map((f) => `${dir}/${f}`)
    : git(repo, 'ls-tree', '--name-only', TAG, `${dir}/`).split('\n').filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.includes('generated'));
  const types = new Map();
  for (const f of files) parseFile(git(repo, 'show', `${TAG}:${f}`), path, types);
  const pkg = { path, types };
  pkgs.set(path, pkg);
  return pkg;
}

function parseFile(src, pkgPath, types) {
  src = src.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const imports = new Map();
  const im = src.match(/^import \(([\s\S]*?)^\)/m);
  const lines = im ? im[1].split('\n') : [];
  const single = src.match(/^import ((\w+) )?"([^"]+)"/m);
  if (single) lines.push(`${single[2] ?? ''} "${single[3]}"`);
  for (const l of lines) {
    const m = l.trim().match(/^(\w+\s+)?"([^"]+)"/);
    if (!m) continue;
    const alias = m[1]?.trim() ?? m[2].split('/').pop();
    imports.set(alias, m[2]);
  }
  const ctx = { pkgPath, imports };
  const re = /^type (\w+) (.*)$/gm;
  let m;
  while ((m = re.exec(src))) {
    const [, name, rest] = m;
    if (rest.startsWith('struct {')) {
      if (rest.trim() === 'struct{}' || rest.trim() === 'struct {}') {
        types.set(name, { kind: 'struct', fields: [], ctx });
        continue;
      }
      const start = m.index + m[0].length;
      const end = src.indexOf('\n}', start);
      const body = src.slice(start, end);
      types.set(name, { kind: 'struct', fields: parseFields(body), ctx });
    } else if (rest.startsWith('struct{}')) {
      types.set(name, { kind: 'struct', fields: [], ctx });
    } else if (!rest.startsWith('interface')) {
      types.set(name, { kind: 'alias', expr: rest.replace(/\/\/.*$/, '').replace(/^=\s*/, '').trim(), ctx });
    }
  }
}

function parseFields(body) {
  const out = [];
  for (let line of body.split('\n')) {
    line = line.trim();
    if (!line || line.startsWith('//')) continue;
    const tagM = line.match(/`([^`]*)`/);
    const tag = tagM ? tagM[1] : '';
    const decl = line.replace(/`[^`]*`/, '').replace(/\/\/.*$/, '').trim();
    const parts = decl.split(/\s+/);
    let goName, expr, embedded = false;
    if (parts.length === 1) {
      expr = parts[0];
      goName = expr.replace(/^\*/, '').split('.').pop();
      embedded = true;
    } else {
      goName = parts[0];
      expr = parts.slice(1).join(' ');
    }
    const t = (k) => tag.match(new RegExp(`${k}:"([^"]*)"`))?.[1];
    out.push({ goName, expr, embedded, json: t('json'), patchStrategy: t('patchStrategy'), patchMergeKey: t('patchMergeKey') });
  }
  return out;
}

// ---- type resolution ----------------------------------------------------------------------
const basic = new Set(['string', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'byte']);

/** A resolved type: {k:'basic', name} | {k:'ptr', elem} | {k:'slice', elem} | {k:'map', elem} | {k:'struct', id} */
function resolveExpr(expr, ctx) {
  expr = expr.trim();
  if (expr.startsWith('*')) return { k: 'ptr', elem: resolveExpr(expr.slice(1), ctx) };
  if (expr.startsWith('[]')) return { k: 'slice', elem: resolveExpr(expr.slice(2), ctx) };
  if (expr.startsWith('map[')) {
    let depth = 0, i = 3;
    for (; i < expr.length; i++) {
      if (expr[i] === '[') depth++;
      else if (expr[i] === ']' && --depth === 0) break;
    }
    return { k: 'map', elem: resolveExpr(expr.slice(i + 1), ctx) };
  }
  if (basic.has(expr)) return { k: 'basic', name: expr === 'byte' ? 'uint8' : expr };
  if (expr === 'interface{}') return { k: 'basic', name: 'interface' };
  let pkgPath = ctx.pkgPath, name = expr;
  if (expr.includes('.')) {
    const [alias, n] = expr.split('.');
    pkgPath = ctx.imports.get(alias);
    if (!pkgPath) throw new Error(`unknown import ${alias} in ${ctx.pkgPath} (${expr})`);
    name = n;
  }
  const id = `${pkgPath}.${name}`;
  if (opaque[id]) return { k: 'struct', id, opaque: true };
  if (pkgPath === 'time' || pkgPath === 'k8s.io/apimachinery/pkg/runtime' && name === 'Object') return { k: 'basic', name: 'interface' };
  const pkg = loadPkg(pkgPath);
  const decl = pkg.types.get(name);
  if (!decl) throw new Error(`unknown type ${id}`);
  if (decl.kind === 'alias') return resolveExpr(decl.expr, decl.ctx);
  return { k: 'struct', id };
}

function structDecl(id) {
  const i = id.lastIndexOf('.');
  return loadPkg(id.slice(0, i)).types.get(id.slice(i + 1));
}

/** JSON fields of a struct as encoding/json sees them (embedded structs flattened, shallower wins). */
function jsonFields(id) {
  const collected = new Map(); // name -> {depth, field, count}
  const visit = (sid, depth, seen) => {
    if (opaque[sid]) return;
    const decl = structDecl(sid);
    for (const f of decl.fields) {
      if (f.json === '-') continue;
      if (!/^[A-Z]/.test(f.goName)) continue;
      const jname = f.json?.split(',')[0] ?? '';
      if (f.embedded && jname === '') {
        const t = resolveExpr(f.expr, decl.ctx);
        const st = t.k === 'ptr' ? t.elem : t;
        if (st.k === 'struct' && !seen.has(st.id)) {
          visit(st.id, depth + 1, new Set([...seen, st.id]));
          continue;
        }
      }
      const name = jname || f.goName;
      const prev = collected.get(name);
      const entry = { depth, field: f, ctx: decl.ctx };
      if (!prev || depth < prev.depth) collected.set(name, { ...entry, count: 1 });
      else if (depth === prev.depth) prev.count++;
    }
  };
  visit(id, 0, new Set([id]));
  return [...collected].filter(([, v]) => v.count === 1).map(([name, v]) => ({ name, ...v }));
}

// ---- naming and emission ------------------------------------------------------------------
const shortPkg = (p) => p.replace('k8s.io/kube-aggregator/pkg/apis/', '').replace('k8s.io/api/', '').replace('k8s.io/apimachinery/pkg/apis/meta/v1', 'meta/v1').replace('k8s.io/apimachinery/pkg/', '');
const goNames = new Map(); // go name -> Set ids
const emitted = new Map(); // id -> fields
const queue = [];
function want(id) {
  if (emitted.has(id)) return;
  emitted.set(id, null);
  queue.push(id);
}
function typeStr(t) {
  switch (t.k) {
    case 'basic': return t.name;
    case 'ptr': return `*${typeStr(t.elem)}`;
    case 'slice': return `[]${typeStr(t.elem)}`;
    case 'map': return `map[string]${typeStr(t.elem)}`;
    case 'struct': want(t.id); return `@${t.id}`;
  }
}

const roots = [
  ['v1', 'Binding', 'k8s.io/api/core/v1.Binding'],
  ['v1', 'ConfigMap', 'k8s.io/api/core/v1.ConfigMap'],
  ['v1', 'Endpoints', 'k8s.io/api/core/v1.Endpoints'],
  ['v1', 'Event', 'k8s.io/api/core/v1.Event'],
  ['v1', 'LimitRange', 'k8s.io/api/core/v1.LimitRange'],
  ['v1', 'Namespace', 'k8s.io/api/core/v1.Namespace'],
  ['v1', 'Node', 'k8s.io/api/core/v1.Node'],
  ['v1', 'PersistentVolumeClaim', 'k8s.io/api/core/v1.PersistentVolumeClaim'],
  ['v1', 'PersistentVolume', 'k8s.io/api/core/v1.PersistentVolume'],
  ['v1', 'Pod', 'k8s.io/api/core/v1.Pod'],
  ['v1', 'PodTemplate', 'k8s.io/api/core/v1.PodTemplate'],
  ['v1', 'ReplicationController', 'k8s.io/api/core/v1.ReplicationController'],
  ['v1', 'ResourceQuota', 'k8s.io/api/core/v1.ResourceQuota'],
  ['v1', 'Secret', 'k8s.io/api/core/v1.Secret'],
  ['v1', 'ServiceAccount', 'k8s.io/api/core/v1.ServiceAccount'],
  ['v1', 'Service', 'k8s.io/api/core/v1.Service'],
  ['apiregistration.k8s.io/v1', 'APIService', 'k8s.io/kube-aggregator/pkg/apis/apiregistration/v1.APIService'],
  ['apps/v1', 'ControllerRevision', 'k8s.io/api/apps/v1.ControllerRevision'],
  ['apps/v1', 'DaemonSet', 'k8s.io/api/apps/v1.DaemonSet'],
  ['apps/v1', 'Deployment', 'k8s.io/api/apps/v1.Deployment'],
  ['apps/v1', 'ReplicaSet', 'k8s.io/api/apps/v1.ReplicaSet'],
  ['apps/v1', 'StatefulSet', 'k8s.io/api/apps/v1.StatefulSet'],
  ['authentication.k8s.io/v1', 'SelfSubjectReview', 'k8s.io/api/authentication/v1.SelfSubjectReview'],
  ['authentication.k8s.io/v1', 'TokenReview', 'k8s.io/api/authentication/v1.TokenReview'],
  ['authorization.k8s.io/v1', 'LocalSubjectAccessReview', 'k8s.io/api/authorization/v1.LocalSubjectAccessReview'],
  ['authorization.k8s.io/v1', 'SelfSubjectAccessReview', 'k8s.io/api/authorization/v1.SelfSubjectAccessReview'],
  ['authorization.k8s.io/v1', 'SelfSubjectRulesReview', 'k8s.io/api/authorization/v1.SelfSubjectRulesReview'],
  ['authorization.k8s.io/v1', 'SubjectAccessReview', 'k8s.io/api/authorization/v1.SubjectAccessReview'],
  ['autoscaling/v1', 'Scale', 'k8s.io/api/autoscaling/v1.Scale'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'k8s.io/api/autoscaling/v2.HorizontalPodAutoscaler'],
  ['batch/v1', 'CronJob', 'k8s.io/api/batch/v1.CronJob'],
  ['batch/v1', 'Job', 'k8s.io/api/batch/v1.Job'],
  ['coordination.k8s.io/v1', 'Lease', 'k8s.io/api/coordination/v1.Lease'],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'k8s.io/api/discovery/v1.EndpointSlice'],
  ['events.k8s.io/v1', 'Event', 'k8s.io/api/events/v1.Event'],
  ['networking.k8s.io/v1', 'IngressClass', 'k8s.io/api/networking/v1.IngressClass'],
  ['networking.k8s.io/v1', 'Ingress', 'k8s.io/api/networking/v1.Ingress'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'k8s.io/api/networking/v1.NetworkPolicy'],
  ['policy/v1', 'Eviction', 'k8s.io/api/policy/v1.Eviction'],
  ['policy/v1', 'PodDisruptionBudget', 'k8s.io/api/policy/v1.PodDisruptionBudget'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'k8s.io/api/rbac/v1.ClusterRoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'k8s.io/api/rbac/v1.ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'k8s.io/api/rbac/v1.RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'k8s.io/api/rbac/v1.Role'],
  ['scheduling.k8s.io/v1', 'PriorityClass', 'k8s.io/api/scheduling/v1.PriorityClass'],
  ['storage.k8s.io/v1', 'StorageClass', 'k8s.io/api/storage/v1.StorageClass'],
];
for (const [, , id] of roots) want(id);

while (queue.length) {
  const id = queue.shift();
  const fields = opaque[id] ? [] : jsonFields(id).map((f) => {
    let s = typeStr(resolveExpr(f.field.expr, f.ctx));
    const ps = f.field.patchStrategy, mk = f.field.patchMergeKey;
    if (ps || mk) s += `;${ps ?? ''}`;
    if (mk) s += `;${mk}`;
    return [f.name, s];
  });
  emitted.set(id, fields);
}
for (const id of emitted.keys()) {
  const n = id.slice(id.lastIndexOf('.') + 1);
  if (!goNames.has(n)) goNames.set(n, new Set());
  goNames.get(n).add(id);
}
const keyOf = (id) => {
  const n = id.slice(id.lastIndexOf('.') + 1);
  const pkg = shortPkg(id.slice(0, id.lastIndexOf('.')));
  return goNames.get(n).size > 1 ? `${pkg.split('/')[0]}.${n}` : n;
};
const q = (s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : JSON.stringify(s));

let out = `// Generated from the Go struct tags of k8s.io/api ${TAG}, k8s.io/apimachinery ${TAG} and k8s.io/kube-aggregator ${TAG} (Kubernetes 1.32):
// for every struct reachable from a served kind, its JSON fields as encoding/json sees them (embedded
// structs flattened), each as '<Go type>[;<patchStrategy>[;<patchMergeKey>]]'. A type is a Go basic
// kind, *T, []T, map[string]T, or a struct of this table. Structs that marshal themselves as JSON
// scalars or raw JSON (Quantity, IntOrString, Time, MicroTime, Duration, FieldsV1, RawExtension)
// have no fields, as their Go types have no JSON-tagged ones. Written by testdata/gen-schema.mjs: do not
// edit by hand.

/** Struct name (qualified by API group where two packages share a name) to its fields. */
export const structs: Record<string, Record<string, string>> = {\n`;
const sorted = [...emitted.keys()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
for (const id of sorted) {
  const fields = emitted.get(id);
  const body = fields.map(([n, s]) => `${q(n)}: '${s.replace(/@([\w./-]+)/g, (_, x) => keyOf(x))}'`).join(', ');
  out += `  ${q(keyOf(id))}: {${body ? ` ${body} ` : ''}},\n`;
}
out += `};

/** apiVersion/kind to the struct of its object. */
export const kinds: Record<string, string> = {\n`;
for (const [gv, kind, id] of roots) out += `  '${gv}/${kind}': '${keyOf(id)}',\n`;
out += `};\n`;
process.stdout.write(out);
