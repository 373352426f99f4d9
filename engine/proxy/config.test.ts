// kube-proxy's configuration file and its sync pacing: config.conf as kubeadm writes it round-trips
// with its defaults (empty mode → iptables, empty scheduler → rr, masqueradeBit 14 → 0x4000), bad
// modes and schedulers are refused with validation's messages, and the BoundedFrequencyRunner
// allows a burst of two syncs, then one per minSyncPeriod, and one at least every syncPeriod.

import { describe, expect, it } from 'vitest';
import { kubeProxyAddonObjects, kubeProxyConfigMapObject } from './addon';
import { kubeProxyConfigurationText, parseKubeProxyConfiguration } from './config';
import { BoundedFrequencyRunner } from './runner';

describe('KubeProxyConfiguration', () => {
  it('reads what kubeadm writes, with upstream defaults for empty fields', () => {
    const r = parseKubeProxyConfiguration(kubeProxyConfigurationText({ mode: '', scheduler: '' }));
    expect(r).toEqual({ config: { mode: 'iptables', scheduler: 'rr', clusterCIDR: '10.244.0.0/16', masqueradeMark: '0x4000' } });
    const ipvs = parseKubeProxyConfiguration(kubeProxyConfigurationText({ mode: 'ipvs', scheduler: 'wlc' }));
    expect('config' in ipvs && [ipvs.config.mode, ipvs.config.scheduler]).toEqual(['ipvs', 'wlc']);
    const periods = parseKubeProxyConfiguration('kind: KubeProxyConfiguration\nmode: iptables\niptables:\n  syncPeriod: 1m30s\n  minSyncPeriod: 500ms\n  masqueradeBit: 15\n');
    expect('config' in periods && periods.config).toMatchObject({ syncPeriodMs: 90_000, minSyncPeriodMs: 500, masqueradeMark: '0x8000' });
  });

  it('refuses a mode or scheduler validation refuses', () => {
    expect(parseKubeProxyConfiguration('mode: bogus\n')).toEqual({ error: expect.stringContaining('KubeProxyConfiguration.mode: Invalid value: "bogus"') });
    expect(parseKubeProxyConfiguration('mode: ipvs\nipvs:\n  scheduler: xyz\n')).toEqual({ error: expect.stringContaining('KubeProxyConfiguration.ipvs.scheduler: Invalid value: "xyz"') });
    expect(parseKubeProxyConfiguration('mode: [\n')).toEqual({ error: expect.stringContaining('failed to decode') });
  });

  it('the addon is the ConfigMap, ServiceAccount and RBAC kubeadm creates', () => {
    const cm = kubeProxyConfigMapObject();
    expect(cm.metadata).toEqual({ name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } });
    expect(Object.keys(cm.data!).sort()).toEqual(['config.conf', 'kubeconfig.conf']);
    expect(cm.data!['kubeconfig.conf']).toContain('server: https://10.0.0.2:6443');
    expect(kubeProxyAddonObjects().map((o) => `${o.resource}/${o.obj.metadata.name}`)).toEqual(['serviceaccounts/kube-proxy', 'configmaps/kube-proxy', 'clusterrolebindings/kubeadm:node-proxier', 'roles/kube-proxy', 'rolebindings/kube-proxy']);
  });
});

describe('BoundedFrequencyRunner', () => {
  it('runs a burst of two at once, then one per minInterval', () => {
    const r = new BoundedFrequencyRunner(1000, 30_000, 2, 0);
    const runs: number[] = [];
    let now = 0;
    for (let i = 0; i < 4; i++) {
      r.run();
      const at = r.nextRunAt(now);
      now = Math.max(now, at);
      r.ran(now);
      runs.push(now);
    }
    expect(runs).toEqual([0, 0, 1000, 2000]);
  });

  it('with minInterval 0 (ipvs) every request runs at once; with none it runs at maxInterval', () => {
    const r = new BoundedFrequencyRunner(0, 30_000, 2, 0);
    for (let i = 0; i < 5; i++) {
      r.run();
      expect(r.nextRunAt(10)).toBe(10);
      r.ran(10);
    }
    expect(r.nextRunAt(10)).toBe(30_010);
  });
});
