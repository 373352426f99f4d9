// CoreDNS's kubernetes plugin (plugin/kubernetes, CoreDNS 1.11.3) over DnsObjects: it parses a
// name under the cluster zone into port, protocol, endpoint, service, namespace and pod|svc
// (parse.go), finds the matching services, endpoints or pod (kubernetes.go), answers reverse names
// from cluster IPs and endpoint addresses (reverse.go), the zone's NS from kube-dns (ns.go) and
// the schema's TXT, and turns "not found" into NXDOMAIN, or SERVFAIL while it has not synced
// (handler.go). Names it does not own, and reverse names it cannot answer with `fallthrough`, go to
// the next plugin.

import type { DnsRecord, DnsType } from './protocol';
import { addressRecords, backendError, cnameRecords, mxRecords, nsRecords, ptrRecords, soaRecord, srvRecords, txtRecords, type Backend, type BackendResult, type BackendService, type DnsMsg, type Request } from './backend';
import { addressFromReverse, isReverse, isSubDomain, matchZone, parseIP, splitDomainName, trimZone } from './names';
import { isHeadless, type DnsEndpointAddress, type DnsObjects } from './objects';

/** The plugin's Corefile block, as data. */
export interface KubernetesConfig {
  /** The zones it is authoritative for, fully qualified. */
  zones: string[];
  ttl: number;
  /** `pods disabled|verified|insecure`. */
  podMode: 'disabled' | 'verified' | 'insecure';
  /** `fallthrough ZONES…`: name errors under these go to the next plugin. */
  fallthrough: string[];
  /** `namespaces …`: the only ones exposed (none given: all). */
  namespaces: string[];
  /** `endpoint_pod_names`. */
  endpointPodNames: boolean;
}

/** kubeadm's block: `kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }`. */
export const kubeadmKubernetesConfig: KubernetesConfig = {
  zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'],
  ttl: 30,
  podMode: 'insecure',
  fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
  namespaces: [],
  endpointPodNames: false,
};

/** What the plugin reads at query time. */
export interface KubernetesState {
  objects: DnsObjects;
  /** Every informer has listed once (dnsControl.HasSynced). */
  synced: boolean;
  /** The addresses CoreDNS is bound to (its pod IP), for NS answers. */
  localIPs: string[];
}

/** The schema version of github.com/kubernetes/dns docs/specification.md that CoreDNS serves. */
export const dnsSchemaVersion = '1.1.0';

const errNoItems = 'no items found';
const errNsNotExposed = 'namespace is not exposed';
const errInvalidRequest = 'invalid query name';
const nameErrors = new Set([errNoItems, errNsNotExposed, errInvalidRequest]);

/** A parsed name (recordRequest). */
export interface RecordRequest {
  port: string;
  protocol: string;
  endpoint: string;
  service: string;
  namespace: string;
  podOrSvc: '' | 'pod' | 'svc';
}

// Models plugin/kubernetes/parse.go parseRequest: _port._protocol.service.namespace.pod|svc.zone,
// endpoint.service.namespace.pod|svc.zone or service.namespace.pod|svc.zone.
export function parseRequest(name: string, zone: string): { r: RecordRequest; err: string | null } {
  const r: RecordRequest = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };
  const base = trimZone(name, zone);
  // NODATA for the apex and for svc.<zone> / pod.<zone>.
  if (base === '' || base === 'svc' || base === 'pod') return { r, err: null };
  const segs = splitDomainName(base);
  let last = segs.length - 1;
  const kind = segs[last];
  if (kind !== 'pod' && kind !== 'svc') return { r, err: errInvalidRequest };
  r.podOrSvc = kind;
  if (--last < 0) return { r, err: null };
  r.namespace = segs[last];
  if (--last < 0) return { r, err: null };
  r.service = segs[last];
  if (--last < 0) return { r, err: null };
  if (last === 0) r.endpoint = segs[0];
  else if (last === 1) {
    r.protocol = stripUnderscore(segs[1]);
    r.port = stripUnderscore(segs[0]);
  } else return { r, err: errInvalidRequest };
  return { r, err: null };
}

function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

const match = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const matchPortAndProtocol = (aPort: string, bPort: string, aProto: string, bProto: string) => (aPort === '' || match(aPort, bPort)) && (aProto === '' || match(aProto, bProto));

/** An endpoint's name under its service: its hostname, else its pod's name (endpoint_pod_names), else its IP with dashes. */
export function endpointHostname(addr: DnsEndpointAddress, endpointPodNames: boolean): string {
  if (addr.hostname) return addr.hostname;
  if (endpointPodNames && addr.targetRefName) return addr.targetRefName;
  if (addr.ip.includes('.')) return addr.ip.replaceAll('.', '-');
  if (addr.ip.includes(':')) return addr.ip.replaceAll(':', '-');
  return '';
}

/** The plugin as a service backend, bound to one moment's state. */
class KubernetesBackend implements Backend {
  constructor(
    private readonly k: KubernetesConfig,
    private readonly s: KubernetesState,
    readonly lookup: Backend['lookup'],
  ) {}

  isNameError(err: string | null): boolean {
    return err !== null && nameErrors.has(err);
  }
  minTTL(): number {
    return this.k.ttl;
  }
  serial(): number {
    return this.s.objects.modified;
  }

  private namespaceExposed(ns: string): boolean {
    return (this.k.namespaces.length === 0 || this.k.namespaces.includes(ns)) && this.s.objects.hasNamespace(ns);
  }

  // Models Kubernetes.Services.
  services(req: Request, _exact: boolean): BackendResult {
    if (req.type === 'TXT') {
      // The only TXT record: dns-version.<zone>.
      const segs = splitDomainName(trimZone(req.name, req.zone));
      if (segs.length === 1 && segs[0] === 'dns-version') return { svcs: [svc({ text: dnsSchemaVersion, ttl: 28800, domain: req.qname })], err: null };
      // Another type exists at this name: NODATA; else NXDOMAIN.
      return this.records(req).svcs.length > 0 ? { svcs: [], err: null } : { svcs: [], err: errNoItems };
    }
    if (req.type === 'NS') return { svcs: this.nsAddrs(req.zone).map((a) => svc({ host: a.ip, ttl: this.k.ttl, domain: a.name })), err: null };
    if (req.name.startsWith(defaultNSName) && req.name.indexOf(req.zone) === defaultNSName.length) {
      const want = req.type === 'A' ? 4 : req.type === 'AAAA' ? 6 : 0;
      return { svcs: this.nsAddrs(req.zone).filter((a) => parseIP(a.ip)?.family === want).map((a) => svc({ host: a.ip, ttl: this.k.ttl, domain: req.qname })), err: null };
    }
    const res = this.records(req);
    // SRV for ExternalName services is not implemented upstream: their CNAMEs are dropped.
    if (req.type !== 'SRV') return res;
    return { svcs: res.svcs.filter((s) => s.host === '' || parseIP(s.host) !== null), err: res.err };
  }

  // Models Kubernetes.Records.
  private records(req: Request): BackendResult {
    const { r, err } = parseRequest(req.name, req.zone);
    if (err) return { svcs: [], err };
    if (r.podOrSvc === '') return { svcs: [], err: null };
    if (isReverse(req.name) > 0) return { svcs: [], err: errNoItems };
    if (!this.namespaceExposed(r.namespace)) return { svcs: [], err: errNsNotExposed };
    return r.podOrSvc === 'pod' ? this.findPods(r, req.zone) : this.findServices(r, req.zone);
  }

  // Models Kubernetes.findPods.
  private findPods(r: RecordRequest, zone: string): BackendResult {
    if (this.k.podMode === 'disabled' || !this.namespaceExposed(r.namespace)) return { svcs: [], err: errNoItems };
    if (r.service === '') return { svcs: [], err: null };
    const podname = r.service;
    const ip = (podname.split('-').length - 1 === 3 && !podname.includes('--')) ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
    const domain = `${podname}.${r.namespace}.pod.${zone}`;
    const parsed = parseIP(ip);
    if (this.k.podMode === 'insecure') return parsed ? { svcs: [svc({ host: ip, ttl: this.k.ttl, domain })], err: null } : { svcs: [], err: errNoItems };
    const svcs = this.s.objects
      .podIndex(ip)
      .filter((p) => p.podIP === ip && match(r.namespace, p.namespace))
      .map(() => svc({ host: ip, ttl: this.k.ttl, domain }));
    return svcs.length > 0 ? { svcs, err: null } : { svcs: [], err: errNoItems };
  }

  // Models Kubernetes.findServices.
  private findServices(r: RecordRequest, zone: string): BackendResult {
    if (r.service === '') return { svcs: [], err: null };
    let err: string | null = errNoItems;
    const out: BackendService[] = [];
    const idx = `${r.service}.${r.namespace}`;
    for (const s of this.s.objects.svcIndex(idx)) {
      if (!(match(r.namespace, s.namespace) && match(r.service, s.name))) continue;
      const domain = `${s.name}.${s.namespace}.svc.${zone}`;
      if (s.type === 'ExternalName') {
        // No endpoints, and no port or protocol labels in front of an external name.
        if (r.endpoint || r.port || r.protocol) continue;
        if (s.externalName && !parseIP(s.externalName)) {
          out.push(svc({ host: s.externalName, ttl: this.k.ttl, domain }));
          err = null;
        }
        continue;
      }
      if (isHeadless(s) || r.endpoint) {
        for (const ep of this.s.objects.epIndex(idx)) {
          if (ep.index !== s.index) continue;
          for (const addr of ep.addresses) {
            const host = endpointHostname(addr, this.k.endpointPodNames);
            if (r.endpoint && !match(r.endpoint, host)) continue;
            for (const p of ep.ports) {
              if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
              out.push(svc({ host: addr.ip, port: p.port, ttl: this.k.ttl, domain: `${host}.${domain}` }));
              err = null;
            }
          }
        }
        continue;
      }
      for (const p of s.ports) {
        if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
        err = null;
        for (const ip of s.clusterIPs) if (ip) out.push(svc({ host: ip, port: p.port, ttl: this.k.ttl, domain }));
      }
    }
    return { svcs: out, err };
  }

  // Models plugin/kubernetes/reverse.go Reverse / serviceRecordForIP.
  reverse(req: Request): BackendResult {
    const ip = addressFromReverse(req.name);
    if (!ip) return { svcs: [], err: this.records(req).err };
    const primary = this.k.zones[0];
    const exposed = (ns: string) => this.k.namespaces.length === 0 || this.namespaceExposed(ns);
    for (const s of this.s.objects.svcIndexReverse(ip)) {
      if (!exposed(s.namespace)) continue;
      return { svcs: [svc({ host: `${s.name}.${s.namespace}.svc.${primary}`, ttl: this.k.ttl })], err: null };
    }
    const svcs: BackendService[] = [];
    for (const ep of this.s.objects.epIndexReverse(ip)) {
      if (!exposed(ep.namespace)) continue;
      for (const addr of ep.addresses) if (addr.ip === ip) svcs.push(svc({ host: `${endpointHostname(addr, this.k.endpointPodNames)}.${ep.index}.svc.${primary}`, ttl: this.k.ttl }));
    }
    return svcs.length > 0 ? { svcs, err: null } : { svcs, err: errNoItems };
  }

  // Models plugin/kubernetes/ns.go nsAddrs: the services whose endpoints hold CoreDNS's own address.
  private nsAddrs(zone: string): { name: string; ip: string }[] {
    const out: { name: string; ip: string }[] = [];
    let found = false;
    for (const local of this.s.localIPs) {
      for (const ep of this.s.objects.epIndexReverse(local)) {
        found = true;
        for (const s of this.s.objects.svcIndex(ep.index)) {
          const name = `${s.name}.${s.namespace}.svc.${zone}`;
          if (isHeadless(s)) for (const a of ep.addresses) out.push({ name: `${endpointHostname(a, this.k.endpointPodNames)}.${name}`, ip: a.ip });
          else for (const ip of s.clusterIPs) out.push({ name, ip });
        }
      }
    }
    if (!found) for (const ip of this.s.localIPs) out.push({ name: `${defaultNSName}${zone}`, ip });
    return out;
  }
}

const defaultNSName = 'ns.dns.';

/** A fake A lookup that only tells NODATA from NXDOMAIN, for types the plugin has no records of. */
function fakeA(b: Backend, req: Request): { records: DnsRecord[]; err: string | null } {
  return { records: [], err: addressRecords(b, { ...req, type: 'A' }, 'A').err };
}

function svc(p: Partial<BackendService>): BackendService {
  return { host: '', port: 0, priority: 0, weight: 0, text: '', ttl: 0, domain: '', ...p };
}

/** The plugin's answer to `req`, or null: the next plugin (forward) answers it. */
// Models plugin/kubernetes/handler.go ServeDNS.
export function serveKubernetes(k: KubernetesConfig, state: KubernetesState, qname: string, type: DnsType, lookup: Backend['lookup']): DnsMsg | null {
  const matched = matchZone(k.zones, qname);
  if (!matched) return null;
  // Keep the case of the question in the zone.
  const zone = qname.slice(qname.length - matched.length);
  const req: Request = { qname, name: qname.toLowerCase(), type, zone };
  const b = new KubernetesBackend(k, state, lookup);
  let records: { records: DnsRecord[]; extra?: DnsRecord[]; truncated?: boolean; err: string | null } = { records: [], err: null };
  switch (type) {
    case 'A':
    case 'AAAA':
      records = addressRecords(b, req, type);
      break;
    case 'TXT':
      records = txtRecords(b, req);
      break;
    case 'CNAME':
      records = cnameRecords(b, req);
      break;
    case 'PTR':
      records = ptrRecords(b, req);
      break;
    case 'MX':
      records = mxRecords(b, req);
      break;
    case 'SRV':
      records = srvRecords(b, req);
      break;
    case 'SOA':
      if (qname === zone) records = { records: [soaRecord(b, zone)], err: null };
      break;
    case 'AXFR':
    case 'IXFR':
      return { rcode: 'REFUSED', answer: [], ns: [], extra: [], authoritative: false, recursionAvailable: false, truncated: false, error: 'zone transfers are not served' };
    case 'NS':
      // Only the zone's own name has NS records; elsewhere NS is answered as any other type.
      records = req.name === zone ? nsRecords(b, req) : fakeA(b, req);
      break;
    default:
      records = fakeA(b, req);
  }
  if (b.isNameError(records.err)) {
    if (k.fallthrough.some((z) => isSubDomain(z, req.name))) return null;
    // Until the informers have listed, a miss may only be a cache not yet filled.
    return backendError(b, zone, state.synced ? 'NXDOMAIN' : 'SERVFAIL');
  }
  if (records.err) return { rcode: 'SERVFAIL', answer: [], ns: [], extra: [], authoritative: false, recursionAvailable: false, truncated: false, error: `plugin/kubernetes: ${records.err}` };
  if (records.records.length === 0) return backendError(b, zone, 'NOERROR');
  return { rcode: 'NOERROR', answer: records.records, ns: [], extra: records.extra ?? [], authoritative: true, recursionAvailable: false, truncated: records.truncated ?? false };
}
