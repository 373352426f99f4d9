// The describers of k8s.io/kubectl/pkg/describe/describe.go, one per kind, each printing an
// object (and what it fetched alongside it) as `kubectl describe` does. A describer is a
// coroutine: it fetches what upstream's fetches (ReplicaSets of a Deployment, pods of a node,
// events of the object) through `Fetch`, then formats.

import type { Co } from '../../sim/co';
import { labelSelectorAsSelector, labelsToString } from '../../api/labels';
import type { LabelSelector } from '../../api/types';
import { unbase64 } from '../../api/base64';
import { compareGoStrings } from '../printers/gofmt';
import { arr, describeEvents, goBool, num, obj, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, printTolerationsMultiline, rfc1123z, str, strMap, strings, timestampSince, type Obj } from './helpers';
import { describeContainers, describePodTemplate, describeVolumes } from './pod-template';
import { describeQuota, describeResourceQuotas } from './resource-quota';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString, type PrefixWriter } from './writer';

/** What a describer may ask for: a GET of a path (null when it failed), and the time. */
export interface Fetch {
  /** GET; answers the body, or null after an error (describers that ignore errors). */
  get(path: string): Co<Obj | null>;
  /** GET that must succeed (an error aborts the describe, as upstream returns it). */
  mustGet(path: string): Co<Obj>;
  nowMs: number;
}

/** A describer: the object (already fetched) to its text. */
export type Describer = (o: Obj, f: Fetch) => Co<string>;

const meta = (o: Obj) => obj(o.metadata);
const labelsOf = (o: Obj) => strMap(meta(o).labels);
const annotationsOf = (o: Obj) => strMap(meta(o).annotations);

/** metav1.LabelSelectorAsSelector(...).String(); "" for nil and empty. */
export function selectorString(ls: unknown): string {
  if (!ls) return '';
  try {
    return labelSelectorAsSelector(ls as LabelSelector).toString();
  } catch {
    return '';
  }
}

/** The involvedObject field selector of searchEvents (upstream's order comes from a Go map; this is name, namespace, kind, uid). */
export function eventsPath(o: Obj, kind: string): string {
  const m = meta(o);
  const ns = str(m.namespace);
  const terms = [`involvedObject.name=${str(m.name)}`, `involvedObject.namespace=${ns}`, `involvedObject.kind=${kind}`, `involvedObject.uid=${str(m.uid)}`];
  const base = ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}/events` : '/api/v1/events';
  return `${base}?fieldSelector=${encodeURIComponent(terms.join(','))}&limit=500`;
}

/** searchEvents; null when the list failed (most describers then print no Events section). */
function* searchEvents(f: Fetch, o: Obj, kind: string): Co<Obj[] | null> {
  const list = yield* f.get(eventsPath(o, kind));
  return list ? arr(list.items) : null;
}

/** The common head: Name, Namespace, Labels, Annotations. */
function head(w: PrefixWriter, o: Obj, namespaced = true): void {
  w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
  if (namespaced) w.write(LEVEL_0, `Namespace:\t${str(meta(o).namespace)}\n`);
  printLabelsMultiline(w, 'Labels', labelsOf(o));
  printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
}

/** printController: `Kind/name` of the controller owner. */
function controllerOf(o: Obj): string {
  const ref = arr(meta(o).ownerReferences).find((r) => r.controller === true);
  return ref ? `${str(ref.kind)}/${str(ref.name)}` : '';
}

function intOrString(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

// ---- core ----------------------------------------------------------------------------------

const namespace: Describer = function* (o, f) {
  const name = str(meta(o).name);
  const quotas = yield* f.mustGet(`/api/v1/namespaces/${encodeURIComponent(name)}/resourcequotas?limit=500`);
  const limits = yield* f.mustGet(`/api/v1/namespaces/${encodeURIComponent(name)}/limitranges?limit=500`);
  return tabbedString((w) => {
    head(w, o, false);
    const status = obj(o.status);
    w.write(LEVEL_0, `Status:\t${str(status.phase)}\n`);
    const conds = arr(status.conditions);
    if (conds.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conds) w.write(LEVEL_1, `${str(c.type)}\t${str(c.status)}\t${rfc1123z(c.lastTransitionTime)}\t${str(c.reason)}\t${str(c.message)}\n`);
    }
    w.write(LEVEL_0, '\n');
    describeResourceQuotas(w, arr(quotas.items));
    w.write(LEVEL_0, '\n');
    if (arr(limits.items).length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
    else w.write(LEVEL_0, 'Resource Limits\n');
  });
};

const configMap: Describer = function* (o, f) {
  const evs = yield* f.mustGet(eventsPath(o, 'ConfigMap'));
  return tabbedString((w) => {
    head(w, o);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = strMap(o.data);
    for (const k of Object.keys(data).sort(compareGoStrings)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${data[k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    const bin = strMap(o.binaryData);
    for (const k of Object.keys(bin).sort(compareGoStrings)) w.write(LEVEL_0, `${k}: ${Math.floor((bin[k].length * 3) / 4) - (bin[k].endsWith('==') ? 2 : bin[k].endsWith('=') ? 1 : 0)} bytes\n`);
    w.write(LEVEL_0, '\n');
    describeEvents(arr(evs.items), w, f.nowMs);
  });
};

/** The decoded length of a base64 string (secrets print sizes, never values). */
function base64Len(s: string): number {
  return Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
}

const secret: Describer = function* (o) {
  return tabbedString((w) => {
    head(w, o);
    w.write(LEVEL_0, `\nType:\t${str(o.type)}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = strMap(o.data);
    // Upstream ranges over a Go map here: its order is random; sorted is one of the orders it prints.
    for (const k of Object.keys(data).sort(compareGoStrings)) {
      if (str(o.type) === 'kubernetes.io/service-account-token' && k === 'token') w.write(LEVEL_0, `${k}:\t${atobSafe(data[k])}\n`);
      else w.write(LEVEL_0, `${k}:\t${base64Len(data[k])} bytes\n`);
    }
  });
};

function atobSafe(s: string): string {
  try {
    return unbase64(s);
  } catch {
    return '';
  }
}

const service: Describer = function* (o, f) {
  const name = str(meta(o).name);
  const ns = str(meta(o).namespace);
  const slices = yield* f.get(`/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${name}`)}`);
  const evs = yield* searchEvents(f, o, 'Service');
  return tabbedString((w) => {
    head(w, o);
    const spec = obj(o.spec);
    w.write(LEVEL_0, `Selector:\t${labelsToString(strMap(spec.selector))}\n`);
    w.write(LEVEL_0, `Type:\t${str(spec.type)}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
    w.write(LEVEL_0, `IP Families:\t${strings(spec.ipFamilies).join(',') || '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${str(spec.clusterIP)}\n`);
    w.write(LEVEL_0, `IPs:\t${strings(spec.clusterIPs).join(',') || '<none>'}\n`);
    if (strings(spec.externalIPs).length > 0) w.write(LEVEL_0, `External IPs:\t${strings(spec.externalIPs).join(',')}\n`);
    if (str(spec.loadBalancerIP)) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${str(spec.loadBalancerIP)}\n`);
    if (str(spec.externalName)) w.write(LEVEL_0, `External Name:\t${str(spec.externalName)}\n`);
    const lb = arr(obj(obj(o.status).loadBalancer).ingress);
    if (lb.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${lb.map((i) => str(i.ip) || str(i.hostname)).join(', ')}\n`);
    for (const p of arr(spec.ports)) {
      const pname = str(p.name) || '<unset>';
      w.write(LEVEL_0, `Port:\t${pname}\t${num(p.port)}/${str(p.protocol)}\n`);
      w.write(LEVEL_0, `TargetPort:\t${intOrString(p.targetPort)}/${str(p.protocol)}\n`);
      if (num(p.nodePort) !== 0) w.write(LEVEL_0, `NodePort:\t${pname}\t${num(p.nodePort)}/${str(p.protocol)}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices ? arr(slices.items) : [], str(p.name))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
    if (str(spec.externalTrafficPolicy)) w.write(LEVEL_0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${str(spec.internalTrafficPolicy)}\n`);
    if (num(spec.healthCheckNodePort) !== 0) w.write(LEVEL_0, `HealthCheck NodePort:\t${num(spec.healthCheckNodePort)}\n`);
    if (strings(spec.loadBalancerSourceRanges).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${strings(spec.loadBalancerSourceRanges).join(',')}\n`);
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

/** formatEndpointSlices: up to three `ip:port`, then `+ N more...`; `<none>` when none. */
function formatEndpointSlices(slices: Obj[], portName: string): string {
  const list: string[] = [];
  let more = 0;
  for (const s of slices) {
    for (const p of arr(s.ports)) {
      if (str(p.name) !== portName) continue;
      for (const ep of arr(s.endpoints)) {
        if (obj(ep.conditions).ready === false) continue;
        for (const addr of strings(ep.addresses)) {
          if (list.length < 3) list.push(`${addr}:${num(p.port)}`);
          else more++;
        }
      }
    }
  }
  if (list.length === 0) return '<none>';
  return more > 0 ? `${list.join(',')} + ${more} more...` : list.join(',');
}

const endpoints: Describer = function* (o, f) {
  const evs = yield* searchEvents(f, o, 'Endpoints');
  return tabbedString((w) => {
    head(w, o);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const s of arr(o.subsets)) {
      const addrs = arr(s.addresses).map((a) => str(a.ip));
      const notReady = arr(s.notReadyAddresses).map((a) => str(a.ip));
      w.write(LEVEL_1, `Addresses:\t${addrs.join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${notReady.join(',') || '<none>'}\n`);
      const ports = arr(s.ports);
      if (ports.length > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of ports) w.write(LEVEL_2, `${str(p.name) || '<unset>'}\t${num(p.port)}\t${str(p.protocol)}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

const serviceAccount: Describer = function* (o, f) {
  const evs = yield* searchEvents(f, o, 'ServiceAccount');
  return tabbedString((w) => {
    head(w, o);
    const pull = arr(o.imagePullSecrets).map((s) => str(s.name));
    const mountable = arr(o.secrets).map((s) => str(s.name));
    const list = (title: string, names: string[]) => {
      w.write(LEVEL_0, `${title}:\t`);
      if (names.length === 0) return w.writeLine('<none>');
      names.forEach((n, i) => w.write(LEVEL_0, i === 0 ? `${n}\n` : `\t${n}\n`));
    };
    list('Image pull secrets', pull);
    list('Mountable secrets', mountable);
    list('Tokens', []);
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

const persistentVolumeClaim: Describer = function* (o, f) {
  const name = str(meta(o).name);
  const ns = str(meta(o).namespace);
  const pods = yield* f.get(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods?limit=500`);
  const evs = yield* searchEvents(f, o, 'PersistentVolumeClaim');
  const users = (pods ? arr(pods.items) : []).filter((p) => arr(obj(p.spec).volumes).some((v) => str(obj(v.persistentVolumeClaim).claimName) === name)).map((p) => str(meta(p).name));
  return tabbedString((w) => {
    const spec = obj(o.spec);
    const status = obj(o.status);
    w.write(LEVEL_0, `Name:\t${name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `StorageClass:\t${str(spec.storageClassName)}\n`);
    if (str(spec.volumeAttributesClassName)) w.write(LEVEL_0, `VolumeAttributesClass:\t${str(spec.volumeAttributesClassName)}\n`);
    if (meta(o).deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${timestampSince(meta(o).deletionTimestamp, f.nowMs)})\n`);
    else w.write(LEVEL_0, `Status:\t${str(status.phase)}\n`);
    w.write(LEVEL_0, `Volume:\t${str(spec.volumeName)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    w.write(LEVEL_0, `Finalizers:\t[${strings(meta(o).finalizers).join(' ')}]\n`);
    const storage = str(strMap(status.capacity).storage);
    const modes = strings(status.accessModes).map((m) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m);
    w.write(LEVEL_0, `Capacity:\t${storage}\n`);
    w.write(LEVEL_0, `Access Modes:\t${modes.join(',')}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
    if (spec.dataSource) {
      const ds = obj(spec.dataSource);
      w.write(LEVEL_0, 'DataSource:\n');
      if (str(ds.apiGroup)) w.write(LEVEL_1, `APIGroup:\t${str(ds.apiGroup)}\n`);
      w.write(LEVEL_1, `Kind:\t${str(ds.kind)}\n`);
      w.write(LEVEL_1, `Name:\t${str(ds.name)}\n`);
    }
    w.write(LEVEL_0, `Used By:\t`);
    if (users.length === 0) w.writeLine('<none>');
    else users.forEach((u, i) => w.write(LEVEL_0, i === 0 ? `${u}\n` : `\t${u}\n`));
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

/** qos.GetPodQOS, simplified to what requests and limits of the containers say. */
function podQOS(pod: Obj): string {
  const cs = [...arr(obj(pod.spec).containers), ...arr(obj(pod.spec).initContainers)];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const r = obj(c.resources);
    const req = strMap(r.requests);
    const lim = strMap(r.limits);
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const k of ['cpu', 'memory']) if (!lim[k] || (req[k] && req[k] !== lim[k])) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const pod: Describer = function* (o, f) {
  const evs = yield* searchEvents(f, o, 'Pod');
  return tabbedString((w) => {
    const spec = obj(o.spec);
    const status = obj(o.status);
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta(o).namespace)}\n`);
    if (typeof spec.priority === 'number') w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (str(spec.priorityClassName)) w.write(LEVEL_0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
    if (str(spec.runtimeClassName)) w.write(LEVEL_0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
    if (str(spec.serviceAccountName)) w.write(LEVEL_0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
    w.write(LEVEL_0, `Node:\t${str(spec.nodeName) ? `${str(spec.nodeName)}/${str(status.hostIP)}` : '<none>'}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    const phase = str(status.phase);
    if (meta(o).deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${timestampSince(meta(o).deletionTimestamp, f.nowMs)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${num(meta(o).deletionGracePeriodSeconds)}s\n`);
    } else w.write(LEVEL_0, `Status:\t${phase}\n`);
    if (str(status.reason)) w.write(LEVEL_0, `Reason:\t${str(status.reason)}\n`);
    if (str(status.message)) w.write(LEVEL_0, `Message:\t${str(status.message)}\n`);
    w.write(LEVEL_0, `IP:\t${str(status.podIP)}\n`);
    const ips = arr(status.podIPs);
    if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
    else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of ips) w.write(LEVEL_1, `IP:\t${str(ip.ip)}\n`);
    }
    const controlledBy = controllerOf(o);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (str(status.nominatedNodeName)) w.write(LEVEL_0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
    if (arr(spec.initContainers).length > 0) describeContainers('Init Containers', arr(spec.initContainers), arr(status.initContainerStatuses), w, '');
    describeContainers('Containers', arr(spec.containers), arr(status.containerStatuses), w, '');
    const conds = arr(status.conditions);
    if (conds.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conds) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)} \n`);
    }
    describeVolumes(arr(spec.volumes), w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOS(o)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', strMap(spec.nodeSelector));
    printTolerationsMultiline(w, 'Tolerations', arr(spec.tolerations));
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

const node: Describer = function* (o, f) {
  const name = str(meta(o).name);
  const lease = yield* f.get(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(name)}`);
  const selector = `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`;
  const pods = yield* f.mustGet(`/api/v1/pods?fieldSelector=${encodeURIComponent(selector)}&limit=500`);
  const evs = yield* searchEvents(f, { ...o, metadata: { ...meta(o), uid: name } }, 'Node');
  return tabbedString((w) => {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const labels = labelsOf(o);
    w.write(LEVEL_0, `Name:\t${name}\n`);
    const roles = Object.keys(labels)
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length))
      .concat(labels['kubernetes.io/role'] ? [labels['kubernetes.io/role']] : [])
      .filter(Boolean)
      .sort(compareGoStrings);
    w.write(LEVEL_0, `Roles:\t${roles.join(',') || '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', labels);
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta(o).creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', arr(spec.taints));
    w.write(LEVEL_0, `Unschedulable:\t${goBool(spec.unschedulable)}\n`);
    if (lease) {
      const ls = obj(lease.spec);
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${str(ls.holderIdentity) || '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${ls.acquireTime ? rfc1123z(ls.acquireTime) : '<unset>'}\n`);
      w.write(LEVEL_1, `RenewTime:\t${ls.renewTime ? rfc1123z(ls.renewTime) : '<unset>'}\n`);
    } else w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
    const conds = arr(status.conditions);
    if (conds.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conds) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`);
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of arr(status.addresses)) w.write(LEVEL_1, `${str(a.type)}:\t${str(a.address)}\n`);
    const resources = (title: string, m: Record<string, string>) => {
      const keys = Object.keys(m).sort(compareGoStrings);
      if (keys.length === 0) return;
      w.write(LEVEL_0, `${title}:\n`);
      for (const k of keys) w.write(LEVEL_1, `${k}:\t${m[k]}\n`);
    };
    resources('Capacity', strMap(status.capacity));
    resources('Allocatable', strMap(status.allocatable));
    const info = obj(status.nodeInfo);
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${str(info.machineID)}\n`);
    w.write(LEVEL_0, `  System UUID:\t${str(info.systemUUID)}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${str(info.bootID)}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${str(info.kernelVersion)}\n`);
    w.write(LEVEL_0, `  OS Image:\t${str(info.osImage)}\n`);
    w.write(LEVEL_0, `  Operating System:\t${str(info.operatingSystem)}\n`);
    w.write(LEVEL_0, `  Architecture:\t${str(info.architecture)}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${str(info.containerRuntimeVersion)}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${str(info.kubeletVersion)}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${str(info.kubeProxyVersion)}\n`);
    if (str(spec.podCIDR)) w.write(LEVEL_0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
    if (strings(spec.podCIDRs).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${strings(spec.podCIDRs).join(',')}\n`);
    if (str(spec.providerID)) w.write(LEVEL_0, `ProviderID:\t${str(spec.providerID)}\n`);
    const items = arr(pods.items);
    w.write(LEVEL_0, `Non-terminated Pods:\t(${items.length} in total)\n`);
    w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
    w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
    for (const p of items) w.write(LEVEL_1, `${str(meta(p).namespace)}\t${str(meta(p).name)}\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t${timestampSince(meta(p).creationTimestamp, f.nowMs)}\n`);
    w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
    w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
    w.write(LEVEL_1, '--------\t--------\t------\n');
    for (const r of ['cpu', 'memory', 'ephemeral-storage']) w.write(LEVEL_1, `${r}\t0 (0%)\t0 (0%)\n`);
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

// ---- apps ----------------------------------------------------------------------------------

const deployment: Describer = function* (o, f) {
  const ns = str(meta(o).namespace);
  const spec = obj(o.spec);
  const sel = selectorString(spec.selector);
  const rsList = yield* f.get(`/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/replicasets?labelSelector=${encodeURIComponent(sel)}&limit=500`);
  const owned = (rsList ? arr(rsList.items) : []).filter((rs) => arr(meta(rs).ownerReferences).some((r) => r.controller === true && str(r.uid) === str(meta(o).uid)));
  const evs = yield* searchEvents(f, o, 'Deployment');
  // The new ReplicaSet is the one whose template matches the Deployment's (pod-template-hash aside).
  const strip = (t: unknown) => {
    const tt = obj(t);
    const labels = { ...strMap(obj(tt.metadata).labels) };
    delete labels['pod-template-hash'];
    return JSON.stringify({ ...tt, metadata: { ...obj(tt.metadata), labels } });
  };
  const newRS = owned.filter((rs) => strip(obj(rs.spec).template) === strip(spec.template)).slice(0, 1);
  const oldRS = owned.filter((rs) => !newRS.includes(rs) && num(obj(rs.spec).replicas) > 0);
  return tabbedString((w) => {
    const status = obj(o.status);
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta(o).creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    w.write(LEVEL_0, `Selector:\t${sel}\n`);
    w.write(LEVEL_0, `Replicas:\t${num(spec.replicas)} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`);
    const strategy = obj(spec.strategy);
    w.write(LEVEL_0, `StrategyType:\t${str(strategy.type)}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
    if (strategy.rollingUpdate) {
      const ru = obj(strategy.rollingUpdate);
      w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
    }
    describePodTemplate(obj(spec.template), w);
    const conds = arr(status.conditions);
    if (conds.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conds) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
    }
    if (owned.length > 0) {
      const fmt = (rss: Obj[]) => rss.map((rs) => `${str(meta(rs).name)} (${num(obj(rs.status).replicas)}/${num(obj(rs.spec).replicas)} replicas created)`).join(', ') || '<none>';
      w.write(LEVEL_0, `OldReplicaSets:\t${fmt(oldRS)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${fmt(newRS)}\n`);
    }
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

/** getPodStatusForController: pod phases of the pods a selector picks (and the owner controls). */
function* podStatuses(f: Fetch, o: Obj, sel: string): Co<{ running: number; waiting: number; succeeded: number; failed: number }> {
  const out = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  const list = yield* f.mustGet(`/api/v1/namespaces/${encodeURIComponent(str(meta(o).namespace))}/pods?labelSelector=${encodeURIComponent(sel)}&limit=500`);
  for (const p of arr(list.items)) {
    const ref = arr(meta(p).ownerReferences).find((r) => r.controller === true);
    if (!ref || str(ref.uid) !== str(meta(o).uid)) continue;
    const phase = str(obj(p.status).phase);
    if (phase === 'Running') out.running++;
    else if (phase === 'Pending') out.waiting++;
    else if (phase === 'Succeeded') out.succeeded++;
    else if (phase === 'Failed') out.failed++;
  }
  return out;
}

const replicaSet: Describer = function* (o, f) {
  const spec = obj(o.spec);
  const sel = selectorString(spec.selector);
  const ps = yield* podStatuses(f, o, sel);
  const evs = yield* searchEvents(f, o, 'ReplicaSet');
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta(o).namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${sel}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    const controlledBy = controllerOf(o);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${num(obj(o.status).replicas)} current / ${num(spec.replicas)} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${ps.running} Running / ${ps.waiting} Waiting / ${ps.succeeded} Succeeded / ${ps.failed} Failed\n`);
    describePodTemplate(obj(spec.template), w);
    const conds = arr(obj(o.status).conditions);
    if (conds.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conds) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
    }
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

const statefulSet: Describer = function* (o, f) {
  const spec = obj(o.spec);
  const sel = selectorString(spec.selector);
  const ps = yield* podStatuses(f, o, sel);
  const evs = yield* searchEvents(f, o, 'StatefulSet');
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta(o).namespace)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta(o).creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${sel}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    w.write(LEVEL_0, `Replicas:\t${num(spec.replicas)} desired | ${num(obj(o.status).replicas)} total\n`);
    const us = obj(spec.updateStrategy);
    w.write(LEVEL_0, `Update Strategy:\t${str(us.type)}\n`);
    if (us.rollingUpdate) {
      const ru = obj(us.rollingUpdate);
      if (typeof ru.partition === 'number') w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${ps.running} Running / ${ps.waiting} Waiting / ${ps.succeeded} Succeeded / ${ps.failed} Failed\n`);
    describePodTemplate(obj(spec.template), w);
    const claims = arr(spec.volumeClaimTemplates);
    w.write(LEVEL_0, 'Volume Claims:');
    if (claims.length === 0) w.write(LEVEL_0, '\t<none>\n');
    else {
      w.write(LEVEL_0, '\n');
      for (const c of claims) {
        const cs = obj(c.spec);
        w.write(LEVEL_1, `Name:\t${str(meta(c).name)}\n`);
        w.write(LEVEL_1, `StorageClass:\t${str(cs.storageClassName)}\n`);
        printLabelsMultiline(w, 'Labels', strMap(meta(c).labels), '  ');
        printLabelsMultiline(w, 'Annotations', strMap(meta(c).annotations), '  ');
        const cap = str(strMap(obj(cs.resources).requests).storage);
        w.write(LEVEL_1, `Capacity:\t${cap || '<default>'}\n`);
        w.write(LEVEL_1, `Access Modes:\t[${strings(cs.accessModes).join(' ')}]\n`);
      }
    }
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

const daemonSet: Describer = function* (o, f) {
  const spec = obj(o.spec);
  const sel = selectorString(spec.selector);
  const ps = yield* podStatuses(f, o, sel);
  const evs = yield* searchEvents(f, o, 'DaemonSet');
  return tabbedString((w) => {
    const status = obj(o.status);
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    w.write(LEVEL_0, `Selector:\t${sel}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${labelsToString(strMap(obj(obj(spec.template).spec).nodeSelector)) || '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${num(status.desiredNumberScheduled)}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${num(status.currentNumberScheduled)}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(status.updatedNumberScheduled)}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${num(status.numberAvailable)}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${num(status.numberMisscheduled)}\n`);
    w.write(LEVEL_0, `Pods Status:\t${ps.running} Running / ${ps.waiting} Waiting / ${ps.succeeded} Succeeded / ${ps.failed} Failed\n`);
    describePodTemplate(obj(spec.template), w);
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

// ---- batch ---------------------------------------------------------------------------------

const job: Describer = function* (o, f) {
  const evs = yield* searchEvents(f, o, 'Job');
  return tabbedString((w) => {
    const spec = obj(o.spec);
    const status = obj(o.status);
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta(o).namespace)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    const controlledBy = controllerOf(o);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (typeof spec.parallelism === 'number') w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${typeof spec.completions === 'number' ? spec.completions : '<unset>'}\n`);
    if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${str(spec.completionMode)}\n`);
    if (typeof spec.suspend === 'boolean') w.write(LEVEL_0, `Suspend:\t${goBool(spec.suspend)}\n`);
    if (typeof spec.backoffLimit === 'number') w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (typeof spec.ttlSecondsAfterFinished === 'number') w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
    if (typeof spec.activeDeadlineSeconds === 'number') w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (typeof status.ready !== 'number') w.write(LEVEL_0, `Pods Statuses:\t${num(status.active)} Active / ${num(status.succeeded)} Succeeded / ${num(status.failed)} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${num(status.active)} Active (${status.ready} Ready) / ${num(status.succeeded)} Succeeded / ${num(status.failed)} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${str(status.completedIndexes) || '<none>'}\n`);
    describePodTemplate(obj(spec.template), w);
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

const cronJob: Describer = function* (o, f) {
  const evs = yield* searchEvents(f, o, 'CronJob');
  return tabbedString((w) => {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const opt = (v: unknown, suffix = '') => (typeof v === 'number' ? `${v}${suffix}` : '<unset>');
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta(o).namespace)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    w.write(LEVEL_0, `Schedule:\t${str(spec.schedule)}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${str(spec.concurrencyPolicy)}\n`);
    w.write(LEVEL_0, `Suspend:\t${spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${opt(spec.successfulJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${opt(spec.failedJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${opt(spec.startingDeadlineSeconds, 's')}\n`);
    const jt = obj(obj(spec.jobTemplate).spec);
    w.write(LEVEL_0, `Selector:\t${jt.selector ? selectorString(jt.selector) : '<unset>'}\n`);
    w.write(LEVEL_0, `Parallelism:\t${opt(jt.parallelism)}\n`);
    w.write(LEVEL_0, `Completions:\t${opt(jt.completions)}\n`);
    if (typeof jt.activeDeadlineSeconds === 'number') w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
    describePodTemplate(obj(jt.template), w);
    w.write(LEVEL_0, `Last Schedule Time:\t${status.lastScheduleTime ? rfc1123z(status.lastScheduleTime) : '<unset>'}\n`);
    const active = arr(status.active).map((r) => str(r.name));
    w.write(LEVEL_0, `Active Jobs:\t${active.join(', ') || '<none>'}\n`);
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

// ---- networking ----------------------------------------------------------------------------

const ingress: Describer = function* (o, f) {
  const ns = str(meta(o).namespace);
  const evs = yield* searchEvents(f, o, 'Ingress');
  const spec = obj(o.spec);
  const backends: { host: string; path: string; backend: string }[] = [];
  const describeBackend = function* (b: Obj): Co<string> {
    const svc = obj(b.service);
    if (b.service) {
      const port = obj(svc.port);
      const sb = `${str(svc.name)}:${num(port.number) !== 0 ? num(port.number) : str(port.name)}`;
      const slices = yield* f.get(`/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${str(svc.name)}`)}`);
      const service = yield* f.get(`/api/v1/namespaces/${encodeURIComponent(ns)}/services/${encodeURIComponent(str(svc.name))}`);
      if (!slices || !service) return `${sb} (<error: services "${str(svc.name)}" not found>)`;
      let spName = '';
      for (const sp of arr(obj(service.spec).ports)) {
        if ((num(port.number) !== 0 && num(port.number) === num(sp.port)) || (str(port.name) && str(port.name) === str(sp.name))) spName = str(sp.name);
      }
      return `${sb} (${formatEndpointSlices(arr(slices.items), spName)})`;
    }
    if (b.resource) {
      const r = obj(b.resource);
      return `APIGroup: ${r.apiGroup === undefined ? '<none>' : str(r.apiGroup)}, Kind: ${str(r.kind)}, Name: ${str(r.name)}`;
    }
    return '';
  };
  let defaultBackend = '<default>';
  if (spec.defaultBackend) defaultBackend = yield* describeBackend(obj(spec.defaultBackend));
  for (const rule of arr(spec.rules)) {
    const host = str(rule.host) || '*';
    for (const p of arr(obj(rule.http).paths)) backends.push({ host, path: str(p.path), backend: yield* describeBackend(obj(p.backend)) });
  }
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    const lb = arr(obj(obj(o.status).loadBalancer).ingress);
    w.write(LEVEL_0, `Address:\t${lb.map((i) => str(i.ip) || str(i.hostname)).join(',')}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${str(spec.ingressClassName) || '<none>'}\n`);
    w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
    for (const t of arr(spec.tls)) w.write(LEVEL_0, `TLS:\n  ${str(t.secretName) || 'SNI'} terminates ${strings(t.hosts).join(',')}\n`);
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let i = 0;
    for (const rule of arr(spec.rules)) {
      const host = str(rule.host) || '*';
      w.write(LEVEL_1, `${host}\t\n`);
      for (const p of arr(obj(rule.http).paths)) {
        const b = backends[i++];
        w.write(LEVEL_2, `\t${str(p.path)} \t${b.backend}\n`);
      }
    }
    if (arr(spec.rules).length === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

// ---- rbac ----------------------------------------------------------------------------------

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** rbac.BreakdownRule: one verb, resource and name per rule. */
function breakdownRule(r: Obj): Rule[] {
  const out: Rule[] = [];
  const names = strings(r.resourceNames);
  for (const g of strings(r.apiGroups))
    for (const res of strings(r.resources))
      for (const v of strings(r.verbs)) {
        if (names.length > 0) for (const n of names) out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [n], nonResourceURLs: [] });
        else out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [], nonResourceURLs: [] });
      }
  for (const u of strings(r.nonResourceURLs)) for (const v of strings(r.verbs)) out.push({ verbs: [v], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [u] });
  return out;
}

/** rbac.CompactRules: simple rules differing only by verb merge their verbs. */
function compactRules(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    if (r.nonResourceURLs.length > 0 || r.resourceNames.length > 1 || r.apiGroups.length !== 1 || r.resources.length !== 1) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames[0] ?? null]);
    const existing = simple.get(key);
    if (existing) for (const v of r.verbs) existing.verbs.includes(v) || existing.verbs.push(v);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String() (the generated protobuf stringer), by which SortableRuleSlice orders rules. */
function ruleString(r: Rule): string {
  const l = (a: string[]) => `[${a.join(' ')}]`;
  return `&PolicyRule{Verbs:${l(r.verbs)},APIGroups:${l(r.apiGroups)},Resources:${l(r.resources)},ResourceNames:${l(r.resourceNames)},NonResourceURLs:${l(r.nonResourceURLs)},}`;
}

/** CombineResourceGroup: `deployments.apps`, `pods/log`. */
function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return '';
  const slash = resources[0].indexOf('/');
  let combine = slash < 0 ? resources[0] : resources[0].slice(0, slash);
  if (groups.length > 0 && groups[0] !== '') combine += `.${groups[0]}`;
  if (slash >= 0) combine += resources[0].slice(slash);
  return combine;
}

/** The PolicyRule table of Role and ClusterRole describers. */
function policyRules(w: PrefixWriter, rules: Obj[]): void {
  const compact = compactRules(rules.flatMap(breakdownRule));
  const sorted = compact.map((r, i) => ({ r, i, s: ruleString(r) })).sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.i - b.i));
  w.write(LEVEL_0, 'PolicyRule:\n');
  w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
  for (const { r } of sorted) w.write(LEVEL_1, `${combineResourceGroup(r.resources, r.apiGroups)}\t[${r.nonResourceURLs.join(' ')}]\t[${r.resourceNames.join(' ')}]\t[${r.verbs.join(' ')}]\n`);
}

const role: Describer = function* (o) {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    policyRules(w, arr(o.rules));
  });
};

const binding: Describer = function* (o) {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    const ref = obj(o.roleRef);
    w.write(LEVEL_0, 'Role:\n');
    w.write(LEVEL_1, `Kind:\t${str(ref.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${str(ref.name)}\n`);
    w.write(LEVEL_0, 'Subjects:\n');
    w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
    w.write(LEVEL_1, '----\t----\t---------\n');
    for (const s of arr(o.subjects)) w.write(LEVEL_1, `${str(s.kind)}\t${str(s.name)}\t${str(s.namespace)}\n`);
  });
};

// ---- generic -------------------------------------------------------------------------------

/** smartLabelFor: `fooBar` → `Foo Bar`, known initialisms upper-cased. */
function smartLabelFor(field: string): string {
  if (/[^a-zA-Z0-9]/.test(field) && field.includes('_')) return field;
  const words = field.split(/(?<=[a-z0-9])(?=[A-Z])/);
  const special = new Set(['API', 'CIDR', 'DNS', 'HTTP', 'HTTPS', 'ID', 'IP', 'JSON', 'OS', 'UID', 'URL', 'YAML']);
  return words.map((w) => (special.has(w.toUpperCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');
}

function printUnstructured(w: PrefixWriter, level: number, content: Obj, prefix: string, skip: Set<string>): void {
  for (const field of Object.keys(content).sort(compareGoStrings)) {
    const value = content[field];
    const expr = `${prefix}.${field}`;
    if (skip.has(expr)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, value as Obj, expr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printUnstructured(w, level + 1, child as Obj, expr, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
  }
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

const generic: Describer = function* (o, f) {
  const evs = yield* searchEvents(f, o, str(o.kind));
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${str(meta(o).name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${str(meta(o).namespace)}\n`);
    printLabelsMultiline(w, 'Labels', labelsOf(o));
    printAnnotationsMultiline(w, 'Annotations', annotationsOf(o));
    printUnstructured(w, LEVEL_0, o, '', new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']));
    if (evs) describeEvents(evs, w, f.nowMs);
  });
};

/** describerMap: the typed describers by group and kind; everything else is generic. */
const describers: Record<string, Describer> = {
  '/Namespace': namespace,
  '/ConfigMap': configMap,
  '/Secret': secret,
  '/Service': service,
  '/Endpoints': endpoints,
  '/ServiceAccount': serviceAccount,
  '/PersistentVolumeClaim': persistentVolumeClaim,
  '/Pod': pod,
  '/Node': node,
  '/ResourceQuota': describeQuota,
  'apps/Deployment': deployment,
  'apps/ReplicaSet': replicaSet,
  'apps/StatefulSet': statefulSet,
  'apps/DaemonSet': daemonSet,
  'batch/Job': job,
  'batch/CronJob': cronJob,
  'networking.k8s.io/Ingress': ingress,
  'rbac.authorization.k8s.io/Role': role,
  'rbac.authorization.k8s.io/ClusterRole': role,
  'rbac.authorization.k8s.io/RoleBinding': binding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': binding,
};

/** The describer of a group and kind (DescriberFor, falling back to the generic one). */
export function describerFor(group: string, kind: string): Describer {
  return describers[`${group}/${kind}`] ?? generic;
}

