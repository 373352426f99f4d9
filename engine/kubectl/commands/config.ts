// kubectl config view / current-context (k8s.io/kubectl/pkg/cmd/config): the kubeconfig Kubeplay's
// kubectl uses, as kubeadm writes admin.conf, with its secrets shown as `config view` shows them
// (DATA+OMITTED unless --raw; Kubeplay has no real certificates, so --raw is not offered).

import type { Command } from '../../etcdctl/cobra';
import type { KubectlContext } from '../context';
import { CommandError } from '../errors';
import { printJsonPath } from '../printers/jsonpath';
import { toYaml } from '../printers/yaml';

/** The kubeconfig, in clientcmdapi v1 field order (what -o json prints). */
export function adminKubeconfig(server: string): Record<string, unknown> {
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [{ name: 'kubernetes', cluster: { server, 'certificate-authority-data': 'DATA+OMITTED' } }],
    users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
    contexts: [{ name: 'kubernetes-admin@kubernetes', context: { cluster: 'kubernetes', user: 'kubernetes-admin' } }],
    'current-context': 'kubernetes-admin@kubernetes',
  };
}

export function configCommand(ctx: KubectlContext): Command {
  return {
    use: 'config SUBCOMMAND',
    short: 'Modify kubeconfig files',
    commands: [
      {
        use: 'view',
        short: 'Display merged kubeconfig settings or a specified kubeconfig file',
        flags: [
          { name: 'output', shorthand: 'o', kind: 'string', def: 'yaml', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
          { name: 'minify', kind: 'bool', def: 'false', usage: 'Remove all information not used by current-context from the output' },
          { name: 'flatten', kind: 'bool', def: 'false', usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
          { name: 'merge', kind: 'bool', def: 'true', usage: 'Merge the full hierarchy of kubeconfig files' },
        ],
        run: function* () {
          const config = adminKubeconfig(ctx.rest.transport.server);
          const o = ctx.flag<string>('output');
          const eq = o.indexOf('=');
          const format = eq < 0 ? o : o.slice(0, eq);
          if (format === 'yaml' || format === '') ctx.io.out(toYaml(config));
          else if (format === 'json') ctx.io.out(`${JSON.stringify(config, null, 4)}\n`); // struct field order, not sorted
          else if (format === 'jsonpath' || format === 'jsonpath-as-json') {
            const r = printJsonPath(o.slice(eq + 1), config, { allowMissingKeys: true, jsonOutput: format === 'jsonpath-as-json' });
            if ('error' in r) throw new CommandError(r.error);
            ctx.io.out(r.out);
          } else throw new CommandError(`unable to match a printer suitable for the output format "${o}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml`);
        },
      },
      {
        use: 'current-context',
        short: 'Display the current-context',
        run: function* () {
          ctx.io.out('kubernetes-admin@kubernetes\n');
        },
      },
    ],
  };
}
