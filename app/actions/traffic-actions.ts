// Traffic and kube-proxy from the UI: the load generator (batches of requests, one simulated
// second's worth each, through traffic.send, until stopped) and switching kube-proxy's mode or
// IPVS scheduler by applying its ConfigMap, as a person would with kubectl.
import type { ProxyMode } from '../../engine/proxy/config';
import type { IpvsSchedulerName } from '../../engine/proxy/ipvs/schedulers';
import { defineAction, isCommandResult } from './registry';

/** Whether the load generator's target is a URL (HTTP, through an Ingress) rather than `host:port`. */
export const isUrl = (to: string): boolean => /^https?:\/\//i.test(to.trim());

/** Installs the ingress-nginx addon: its controller Deployment, NodePort Service and IngressClass nginx. */
export const installIngressNginx = defineAction({
  name: 'installIngressNginx',
  label: 'Install ingress-nginx',
  perform: async ({ cluster, store }) => {
    store.getState().setBusy('addon:ingress-nginx', true);
    try {
      const r = await cluster.installAddon('ingress-nginx');
      if (isCommandResult(r) && r.code === 0) store.getState().log('info', `ingress-nginx installed: ${r.stdout.trim().split('\n').length} objects applied`);
      return r;
    } finally {
      store.getState().setBusy('addon:ingress-nginx', false);
    }
  },
});

/** Simulated seconds of traffic per batch. */
const batchSeconds = 1;

/** Starts the load generator with the store's spec; it runs until stopLoad (or a batch cannot be sent). */
export const startTraffic = defineAction({
  name: 'startTraffic',
  label: 'Start traffic',
  perform: async ({ cluster, store }) => {
    if (store.getState().loadRunning) return;
    store.getState().startLoad();
    // This run's number: once it is stopped (and perhaps another started) its loop ends.
    const run = store.getState().loadRun;
    const current = () => store.getState().loadRunning && store.getState().loadRun === run;
    const spec = store.getState().loadSpec;
    const via = (s: typeof spec) => (isUrl(s.to) ? s.via.trim() || s.from : '');
    store.getState().log('info', `traffic: ${spec.rate}/s from ${spec.from} to ${spec.to}${via(spec) ? ` via ${via(spec)}` : ''}`);
    while (current()) {
      const s = store.getState().loadSpec;
      const { from, to, rate } = s;
      const r = await cluster.sendTraffic({ from, to, ...(via(s) ? { via: via(s) } : {}), requests: Math.max(1, Math.round(rate * batchSeconds)), ratePerSecond: rate });
      // A batch finishing after its run was stopped still counts for it, never for a run started since.
      store.getState().addLoadResult(r, run);
      if (!current()) return;
      if (r.error) {
        store.getState().stopLoad();
        store.getState().log('error', `traffic stopped: ${r.error}`);
        return;
      }
    }
  },
});

export const stopTraffic = defineAction({
  name: 'stopTraffic',
  label: 'Stop traffic',
  perform: ({ store }) => store.getState().stopLoad(),
});

/** kube-proxy's mode and IPVS scheduler, written into kube-system/kube-proxy's config.conf (with the addon's RBAC) by kubectl apply. */
export const setProxyMode = defineAction<{ mode: ProxyMode; scheduler: IpvsSchedulerName }>({
  name: 'setProxyMode',
  label: 'Set kube-proxy mode',
  perform: async ({ cluster, store }, { mode, scheduler }) => {
    store.getState().setBusy('proxy-mode', true);
    try {
      // kubeadm's kube-proxy addon with this mode (as `kubeadm init phase addon kube-proxy` writes it):
      // the ConfigMap, and the Role and RoleBinding that let kube-proxy read it, however it was before.
      // (The addon's code, with its YAML library, loads when first asked for: it is not on the canvas's path.)
      const { kubeProxyAddonObjects } = await import('../../engine/proxy/addon');
      const addon = { apiVersion: 'v1', kind: 'List', items: kubeProxyAddonObjects({ mode, scheduler: mode === 'ipvs' ? scheduler : '' }).map((o) => o.obj) };
      const r = await cluster.kubectl('apply -f -', JSON.stringify(addon));
      if (isCommandResult(r) && r.code === 0) store.getState().log('info', `kube-proxy: mode ${mode}${mode === 'ipvs' ? `, scheduler ${scheduler}` : ''} (${r.stdout.trim()})`);
      return r;
    } finally {
      store.getState().setBusy('proxy-mode', false);
    }
  },
});
