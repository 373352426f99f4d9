// kubectl version, api-resources, api-versions, cluster-info and auth can-i / whoami.

import type { Co } from '../../sim/co';
import type { Command } from '../../etcdctl/cobra';
import { kubectlTabWriterConfig, tabwrite } from '../printers/tabwriter';
import { toJson } from '../printers/json';
import { toYaml } from '../printers/yaml';
import type { KubectlContext } from '../context';
import { CommandError } from '../errors';

const clientVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:04:14Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const kustomizeVersion = 'v5.5.0';

export function versionCommand(ctx: KubectlContext): Command {
  return {
    use: 'version',
    short: 'Print the client and server version information',
    flags: [
      { name: 'client', kind: 'bool', def: 'false', usage: 'If true, shows client version only (no server required).' },
      { name: 'output', shorthand: 'o', kind: 'string', def: '', usage: "One of 'yaml' or 'json'." },
    ],
    run: function* () {
      const o = ctx.flag<string>('output');
      if (o && o !== 'json' && o !== 'yaml') throw new CommandError('--output must be \'yaml\' or \'json\'');
      const server = ctx.flag<boolean>('client') ? null : yield* ctx.request<Record<string, string>>('GET', '/version');
      const all = { clientVersion, kustomizeVersion, ...(server ? { serverVersion: server } : {}) };
      if (o === 'json') return ctx.io.out(toJson(all));
      if (o === 'yaml') return ctx.io.out(toYaml(all));
      ctx.io.out(`Client Version: ${clientVersion.gitVersion}\nKustomize Version: ${kustomizeVersion}\n`);
      if (server) ctx.io.out(`Server Version: ${server.gitVersion}\n`);
    },
  };
}

export function apiResourcesCommand(ctx: KubectlContext): Command {
  return {
    use: 'api-resources',
    short: 'Print the supported API resources on the server',
    flags: [
      { name: 'namespaced', kind: 'bool', def: 'true', usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
      { name: 'api-group', kind: 'string', def: '', usage: 'Limit to resources in the specified API group.' },
      { name: 'no-headers', kind: 'bool', def: 'false', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
      { name: 'output', shorthand: 'o', kind: 'string', def: '', usage: 'Output format. One of: (wide, name).' },
      { name: 'verbs', kind: 'stringSlice', def: '[]', usage: 'Limit to resources that support the specified verbs.' },
      { name: 'sort-by', kind: 'string', def: '', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    ],
    run: function* () {
      let rs = yield* ctx.discovery.preferred(ctx);
      if (ctx.changed('namespaced')) rs = rs.filter((r) => r.namespaced === ctx.flag<boolean>('namespaced'));
      if (ctx.changed('api-group')) rs = rs.filter((r) => r.group === ctx.flag<string>('api-group'));
      const verbs = ctx.flag<string[]>('verbs');
      if (verbs.length) rs = rs.filter((r) => verbs.every((v) => r.verbs.includes(v)));
      // kubectl sorts by group, then by name (or kind).
      const byKind = ctx.flag<string>('sort-by') === 'kind';
      rs = [...rs].sort((a, b) => (a.group !== b.group ? (a.group < b.group ? -1 : 1) : byKind ? (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const o = ctx.flag<string>('output');
      if (o === 'name') return ctx.io.out(rs.map((r) => `${r.name}${r.group ? `.${r.group}` : ''}\n`).join(''));
      const wide = o === 'wide';
      const lines: string[] = [];
      if (!ctx.flag<boolean>('no-headers')) lines.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])].join('\t'));
      for (const r of rs) {
        const cells = [r.name, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind];
        if (wide) cells.push(`[${r.verbs.join(' ')}]`, `[${r.categories.join(' ')}]`);
        lines.push(cells.join('\t'));
      }
      ctx.io.out(tabwrite(lines.map((l) => `${l}\n`).join(''), kubectlTabWriterConfig));
    },
  };
}

export function apiVersionsCommand(ctx: KubectlContext): Command {
  return {
    use: 'api-versions',
    short: 'Print the supported API versions on the server, in the form of "group/version"',
    run: function* () {
      const gvs = yield* ctx.discovery.groupVersions(ctx);
      ctx.io.out([...gvs].sort().map((g) => `${g}\n`).join(''));
    },
  };
}

const green = (s: string) => `\x1b[0;32m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[0;33m${s}\x1b[0m`;

export function clusterInfoCommand(ctx: KubectlContext): Command {
  return {
    use: 'cluster-info',
    short: 'Display cluster information',
    run: function* () {
      const server = ctx.rest.transport.server;
      ctx.io.out(`${green('Kubernetes control plane')} is running at ${yellow(server)}\n`);
      const svcs = yield* ctx.request<{ items: { metadata: { name: string; labels?: Record<string, string> }; spec: { ports?: { name?: string; port: number }[] } }[] }>('GET', '/api/v1/namespaces/kube-system/services?labelSelector=kubernetes.io%2Fcluster-service%3Dtrue');
      for (const s of svcs.items) {
        const name = s.metadata.labels?.['kubernetes.io/name'] ?? s.metadata.name;
        const port = s.spec.ports?.[0];
        const portName = port?.name ? `:${port.name}` : '';
        ctx.io.out(`${green(name)} is running at ${yellow(`${server}/api/v1/namespaces/kube-system/services/${s.metadata.name}${portName}/proxy`)}\n`);
      }
      ctx.io.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    },
  };
}

export function authCommand(ctx: KubectlContext): Command {
  return {
    use: 'auth',
    short: 'Inspect authorization',
    commands: [
      {
        use: 'can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]',
        short: 'Check whether an action is allowed',
        flags: [
          { name: 'all-namespaces', shorthand: 'A', kind: 'bool', def: 'false', usage: 'If true, check the specified action in all namespaces.' },
          { name: 'quiet', shorthand: 'q', kind: 'bool', def: 'false', usage: 'If true, suppress output and just return the exit code.' },
          { name: 'subresource', kind: 'string', def: '', usage: 'SubResource such as pod/log or deployment/scale' },
          { name: 'list', kind: 'bool', def: 'false', usage: 'If true, prints all allowed actions.' },
        ],
        run: (inv) => canI(ctx, inv.args),
      },
      {
        use: 'whoami',
        short: 'Experimental: Check self subject attributes',
        flags: [{ name: 'output', shorthand: 'o', kind: 'string', def: '', usage: 'Output format.' }],
        run: function* () {
          const res = yield* ctx.request<{ status: { userInfo: { username: string; uid?: string; groups?: string[] } } }>('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: {} } });
          const o = ctx.flag<string>('output');
          if (o === 'json') return ctx.io.out(toJson(res));
          if (o === 'yaml') return ctx.io.out(toYaml(res));
          const u = res.status.userInfo;
          const rows = [['ATTRIBUTE', 'VALUE'], ['Username', u.username], ...(u.uid ? [['UID', u.uid]] : []), ['Groups', `[${(u.groups ?? []).join(' ')}]`]];
          ctx.io.out(tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), kubectlTabWriterConfig));
        },
      },
    ],
  };
}

function* canI(ctx: KubectlContext, args: string[]): Co<void> {
  if (args.length < 2) throw new CommandError('you must specify two arguments: verb resource or verb resource/resourceName.');
  const [verb, what] = args;
  let spec: Record<string, unknown>;
  if (what.startsWith('/')) spec = { nonResourceAttributes: { verb, path: what } };
  else {
    const slash = what.indexOf('/');
    const type = slash < 0 ? what : what.slice(0, slash);
    const name = slash < 0 ? (args[2] ?? '') : what.slice(slash + 1);
    let group = '';
    let resource = type;
    if (type !== '*') {
      try {
        const r = yield* ctx.discovery.resolve(ctx, type);
        group = r.group;
        resource = r.name;
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        ctx.io.err(`Warning: the server doesn't have a resource type '${type}'\n\n`);
      }
    }
    spec = { resourceAttributes: { namespace: ctx.flag<boolean>('all-namespaces') ? '' : ctx.namespace, verb, group, resource, subresource: ctx.flag<string>('subresource'), name } };
  }
  const res = yield* ctx.request<{ status?: { allowed?: boolean; reason?: string } }>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { allowed: false } });
  const allowed = res.status?.allowed === true;
  if (!ctx.flag<boolean>('quiet')) ctx.io.out(allowed ? 'yes\n' : 'no\n');
  if (!allowed) throw new CommandError('', 1);
}
