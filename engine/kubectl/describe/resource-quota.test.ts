// kubectl describe quota and create quota: describe_test.go TestDescribeResourceQuota, and the
// outputs of kubectl v1.32.4's `create quota --dry-run=client` (recorded by hand from the real binary).

import { describe, expect, it } from 'vitest';
import type { Co } from '../../sim/co';
import { describeQuota, describeResourceQuotas } from './resource-quota';
import { tabbedString } from './writer';
import { createCluster } from '../../cluster';

function run(co: Co<string>): string {
  const r = co.next();
  if (!r.done) throw new Error('describer asked for a request');
  return r.value;
}

describe('ResourceQuotaDescriber', () => {
  it('TestDescribeResourceQuota: every hard resource with its usage, in the hard quantity\'s format', () => {
    const out = run(
      describeQuota({
        metadata: { name: 'bar', namespace: 'foo' },
        status: {
          hard: { cpu: '1', 'limits.cpu': '2', 'limits.memory': '2G', memory: '1G', 'requests.cpu': '1', 'requests.memory': '1G' },
          used: { cpu: '0', 'limits.cpu': '0', 'limits.memory': '0G', memory: '0', 'requests.cpu': '0', 'requests.memory': '1000Ki' },
        },
      }),
    );
    expect(out).toBe(
      [
        'Name:            bar',
        'Namespace:       foo',
        'Resource         Used   Hard',
        '--------         ----   ----',
        'cpu              0      1',
        'limits.cpu       0      2',
        'limits.memory    0      2G',
        'memory           0      1G',
        'requests.cpu     0      1',
        'requests.memory  1024k  1G',
        '',
      ].join('\n'),
    );
  });

  it('lists the scopes with what each one matches', () => {
    const out = run(describeQuota({ metadata: { name: 'be', namespace: 'default' }, spec: { scopes: ['NotTerminating', 'BestEffort'] }, status: { hard: { pods: '10' }, used: { pods: '2' } } }));
    expect(out).toBe(
      'Name:       be\nNamespace:  default\nScopes:     BestEffort, NotTerminating\n * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.\n * Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.\nResource  Used  Hard\n--------  ----  ----\npods      2     10\n',
    );
  });

  it('prints one Resource Quotas section for a namespace\'s quotas, by name (DescribeResourceQuotas)', () => {
    const q = (name: string) => ({ metadata: { name }, status: { hard: { pods: '5' }, used: {} } });
    expect(tabbedString((w) => describeResourceQuotas(w, [q('b'), q('a')]))).toBe(
      'Resource Quotas\n  Name:     a\n  Resource  Used  Hard\n  --------  ---   ---\n  pods      0     5\n  Name:     b\n  Resource  Used  Hard\n  --------  ---   ---\n  pods      0     5\n',
    );
    expect(tabbedString((w) => describeResourceQuotas(w, []))).toBe('No resource quota.\n');
  });
});

describe('kubectl create quota', () => {
  it('builds the ResourceQuota as kubectl v1.32.4 does, and refuses what it refuses', async () => {
    const c = await createCluster({ seed: 1, controllerManagers: 0, schedulers: 0 });
    await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
    expect(await c.kubectl('create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3 --scopes=BestEffort,NotTerminating --dry-run=client -o yaml')).toEqual({
      code: 0,
      stderr: '',
      stdout: 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: my-quota\nspec:\n  hard:\n    cpu: "1"\n    memory: 1G\n    pods: "2"\n    services: "3"\n  scopes:\n  - BestEffort\n  - NotTerminating\nstatus: {}\n',
    });
    expect(await c.kubectl('create quota q --hard=pods=1000m,memory=1024Mi --dry-run=client -o yaml')).toMatchObject({ stdout: 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: q\nspec:\n  hard:\n    memory: 1Gi\n    pods: "1"\nstatus: {}\n' });
    expect(await c.kubectl('create quota q --dry-run=client')).toEqual({ code: 0, stderr: '', stdout: 'resourcequota/q created (dry run)\n' });
    expect(await c.kubectl('create quota q --hard=cpu --dry-run=client')).toEqual({ code: 1, stdout: '', stderr: 'error: Invalid argument syntax cpu, expected <resource>=<value>\n' });
    expect(await c.kubectl('create quota q --hard=cpu=abc --dry-run=client')).toEqual({ code: 1, stdout: '', stderr: "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n" });
    expect(await c.kubectl('create quota q --scopes=a,,b --dry-run=client')).toEqual({ code: 1, stdout: '', stderr: 'error: invalid resource quota scope ""\n' });
    expect(await c.kubectl('create quota q --hard=pods=3')).toEqual({ code: 0, stderr: '', stdout: 'resourcequota/q created\n' });
    expect((await c.kubectl('get quota q -o jsonpath={.spec.hard.pods}')).stdout).toBe('3');
  });
});
