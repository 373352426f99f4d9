// Traffic and kube-proxy from the UI: the load generator (batches of requests, one simulated
// second's worth each, through traffic.send, until stopped) and switching kube-proxy's mode or
// IPVS scheduler by applying its ConfigMap, as a person would with kubectl.
import type { ProxyMode } from '../../engine/proxy/config';
import type { IpvsSchedulerName } from '../../engine/proxy/ipvs/schedulers';
import { defineAction, isCommandResult } from './registry';

/** Simulated seconds of traffic per batch. */
const batchSeconds = 1;

/** Starts the load generator with the store's spec; it runs until stopLoad (or a batch cannot be sent). */
export const startTraffic = defineAction({
  name: 'startTraffic',
  label: 'Start traffic',
  perform: async ({ cluster, store }) => {
    if (store.getState().loadRunning) return;
    store.getState().startLoad();
    const spec = store.getState().loadSpec;
    store.getState().log('info', `traffic: ${spec.rate}/s from ${spec.from} to ${spec.to}`);
    while (store.getState().loadRunning) {
      const { from, to, rate } = store.getState().loadSpec;
      const r = await cluster.sendTraffic({ from, to, requests: Math.max(1, Math.round(rate * batchSeconds)), ratePerSecond: rate });
      store.getState().addLoadResult(r);
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
