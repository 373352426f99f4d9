// Services and Endpoints, as pkg/apis/core/validation/validation.go (ValidateService,
// validateServicePort, ValidateServiceClusterIPsRelatedFields, ValidateServiceUpdate,
// ValidateServiceStatusUpdate, ValidateEndpoints, ValidateNonSpecialIP, ValidateLoadBalancerStatus).
// Cluster IP and node port allocation (the registry's BeginCreate) run before this, as upstream.

import type { EndpointAddress, EndpointPort, Endpoints, LoadBalancerStatus, Service, ServicePort, ServiceSpec } from '../types';
import { duplicate, forbidden, invalid, newPath, notSupported, required, type FieldError, type FieldPath } from './field';
import { GoValue, goStringSlice, goStruct } from './gofmt';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isIPv4String, isIPv6String, isLinkLocalMulticast, isLinkLocalUnicast, isLoopback, isUnspecified, parseIPSloppy } from './net';
import { isValidCIDR, isValidIP, isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain } from './names';
import { validateDNS1123Label, validateDNS1123Subdomain, validateQualifiedName } from './core-volumes';
import { validatePortNumOrName } from './core-pod';

const kubeletPort = 10250;
const maxClientIPServiceAffinitySeconds = 86400;

/** ValidateNonSpecialIP: not unspecified, loopback, link-local or link-local multicast. */
export function validateNonSpecialIP(ipAddress: string, fldPath: FieldPath): FieldError[] {
  const ip = parseIPSloppy(ipAddress);
  if (ip === null) return [invalid(fldPath, ipAddress, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  if (isUnspecified(ip)) errs.push(invalid(fldPath, ipAddress, `may not be unspecified (${ipAddress})`));
  if (isLoopback(ip)) errs.push(invalid(fldPath, ipAddress, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (isLinkLocalUnicast(ip)) errs.push(invalid(fldPath, ipAddress, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (isLinkLocalMulticast(ip)) errs.push(invalid(fldPath, ipAddress, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

function isHeadless(spec: ServiceSpec): boolean {
  const ips = spec.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === 'None';
}

function externallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
}

function needsHealthCheck(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

/** %#v of a core.ServicePort key (only protocol and port set, as the duplicate check builds it). */
function goServicePortKey(protocol: string, port: number): GoValue {
  return goStruct('core.ServicePort', [
    ['Name', ''],
    ['Protocol', protocol],
    ['AppProtocol', { nilPtr: '*string' }],
    ['Port', port],
    ['TargetPort', new GoValue('intstr.IntOrString{Type:0, IntVal:0, StrVal:""}')],
    ['NodePort', 0],
  ]);
}

function validateServicePort(sp: ServicePort, requireName: boolean, allNames: Set<string>, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = sp.name ?? '';
  if (requireName && name.length === 0) errs.push(required(fldPath.child('name'), ''));
  else if (name.length !== 0) {
    errs.push(...validateDNS1123Label(name, fldPath.child('name')));
    if (allNames.has(name)) errs.push(duplicate(fldPath.child('name'), name));
    else allNames.add(name);
  }
  for (const m of isValidPortNum(sp.port ?? 0)) errs.push(invalid(fldPath.child('port'), sp.port ?? 0, m));
  const proto = sp.protocol ?? '';
  if (proto.length === 0) errs.push(required(fldPath.child('protocol'), ''));
  else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(fldPath.child('protocol'), proto, ['SCTP', 'TCP', 'UDP']));
  errs.push(...validatePortNumOrName(sp.targetPort, fldPath.child('targetPort')));
  if (sp.appProtocol !== undefined && sp.appProtocol !== null) errs.push(...validateQualifiedName(sp.appProtocol, fldPath.child('appProtocol')));
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields. */
export function validateServiceClusterIPsRelatedFields(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  let hasInvalidIPs = false;
  const specPath = newPath('spec');
  const ipsField = specPath.child('clusterIPs');
  const famField = specPath.child('ipFamilies');
  const clusterIP = spec.clusterIP ?? '';
  const ips = spec.clusterIPs ?? [];
  const goIPs = goStringSlice(spec.clusterIPs);
  if (clusterIP.length !== 0) {
    if (ips.length === 0) errs.push(required(ipsField, ''));
    else if (ips[0] !== clusterIP) errs.push(invalid(ipsField, goIPs, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) errs.push(invalid(ipsField, goIPs, 'must be empty when `clusterIP` is not specified'));
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(famField.index(i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(famField.index(i), f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported(specPath.child('ipFamilyPolicy'), spec.ipFamilyPolicy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalid(ipsField, goIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const e = isValidIP(ipsField.index(i), ip);
    if (e.length !== 0) hasInvalidIPs = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(invalid(ipsField, goIPs, 'may only hold up to 2 values'));
  if (hasInvalidIPs) return errs;
  if (ips.length > 1) {
    const dual = ips.some(isIPv4String) && ips.some(isIPv6String);
    if (!dual) errs.push(invalid(ipsField, goIPs, 'may specify no more than one IP for each IP family'));
  }
  const fams = spec.ipFamilies ?? [];
  if (!isHeadless(spec) && ips.length > 0 && fams.length > 0) {
    ips.forEach((ip, i) => {
      if (i > fams.length - 1) return;
      if (fams[i] === 'IPv4' && isIPv6String(ip)) errs.push(invalid(ipsField.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fams[i] === 'IPv6' && !isIPv6String(ip)) errs.push(invalid(ipsField.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validateLoadBalancerClassField(old: ServiceSpec | null, spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const p = newPath('spec', 'loadBalancerClass');
  const cls = spec.loadBalancerClass;
  if (old !== null && old.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (old.loadBalancerClass ?? null) !== (cls ?? null)) {
    errs.push(invalid(p, cls ?? null, 'may not change once set'));
  }
  if (spec.type === 'LoadBalancer') {
    if (cls !== undefined && cls !== null) errs.push(...validateQualifiedName(cls, p));
  } else if (cls !== undefined && cls !== null) errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
  return errs;
}

const annotationTopologyAwareHints = 'service.kubernetes.io/topology-aware-hints';
const annotationTopologyMode = 'service.kubernetes.io/topology-mode';
const annotationLoadBalancerSourceRanges = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** ValidateService (create). */
export function validateService(svc: Service): FieldError[] {
  const metaPath = newPath('metadata');
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label, metaPath);
  const ann = svc.metadata?.annotations ?? {};
  if (annotationTopologyMode in ann && annotationTopologyAwareHints in ann && ann[annotationTopologyMode] !== ann[annotationTopologyAwareHints]) {
    errs.push(invalid(metaPath.child('annotations').key(annotationTopologyMode), ann[annotationTopologyMode], `must match annotations[${annotationTopologyAwareHints}] when both are specified`));
  }
  const spec = svc.spec ?? {};
  const specPath = newPath('spec');
  const ports = spec.ports ?? [];
  const type: string = spec.type ?? '';
  if (ports.length === 0 && !isHeadless(spec) && type !== 'ExternalName') errs.push(required(specPath.child('ports'), ''));
  switch (type) {
    case 'LoadBalancer':
      ports.forEach((port, ix) => {
        if (port.port === kubeletPort) errs.push(invalid(specPath.child('ports').index(ix), port.port, `may not expose port ${kubeletPort} externally since it is used by kubelet`));
      });
      if (isHeadless(spec)) errs.push(invalid(specPath.child('clusterIPs').index(0), spec.clusterIPs![0], "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (isHeadless(spec)) errs.push(invalid(specPath.child('clusterIPs').index(0), spec.clusterIPs![0], "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs ?? []).length > 0) errs.push(forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
      if ((spec.ipFamilies ?? []).length > 0) errs.push(forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) errs.push(forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      const en = spec.externalName ?? '';
      const cname = en.endsWith('.') ? en.slice(0, -1) : en;
      if (cname.length > 0) errs.push(...validateDNS1123Subdomain(cname, specPath.child('externalName')));
      else errs.push(required(specPath.child('externalName'), ''));
      break;
    }
  }
  const allPortNames = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, allPortNames, specPath.child('ports').index(i))));
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, specPath.child('selector')));
  const sa: string = spec.sessionAffinity ?? '';
  if (sa.length === 0) errs.push(required(specPath.child('sessionAffinity'), ''));
  else if (sa !== 'ClientIP' && sa !== 'None') errs.push(notSupported(specPath.child('sessionAffinity'), sa, ['ClientIP', 'None']));
  if (sa === 'ClientIP') {
    const p = specPath.child('sessionAffinityConfig');
    const cfg = spec.sessionAffinityConfig;
    if (!cfg) errs.push(required(p, 'when session affinity type is ClientIP'));
    else if (!cfg.clientIP) errs.push(required(p.child('clientIP'), 'when session affinity type is ClientIP'));
    else if (cfg.clientIP.timeoutSeconds === undefined || cfg.clientIP.timeoutSeconds === null) errs.push(required(p.child('clientIP').child('timeoutSeconds'), 'when session affinity type is ClientIP'));
    else {
      const t = cfg.clientIP.timeoutSeconds;
      if (t <= 0 || t > maxClientIPServiceAffinitySeconds) errs.push(invalid(p.child('clientIP').child('timeoutSeconds'), t, `must be greater than 0 and less than ${maxClientIPServiceAffinitySeconds}`));
    }
  } else if (sa === 'None' && spec.sessionAffinityConfig) {
    errs.push(forbidden(specPath.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  errs.push(...validateServiceClusterIPsRelatedFields(svc));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    const p = specPath.child('externalIPs').index(i);
    const e = isValidIP(p, ip);
    errs.push(...(e.length !== 0 ? e : validateNonSpecialIP(ip, p)));
  });
  if (type.length === 0) errs.push(required(specPath.child('type'), ''));
  else if (!['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'].includes(type)) errs.push(notSupported(specPath.child('type'), type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  if (type === 'ClusterIP') ports.forEach((p, i) => {
    if ((p.nodePort ?? 0) !== 0) errs.push(forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
  });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = p.nodePort ?? 0;
    if (np === 0) return;
    const key = `${p.protocol ?? ''}/${np}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), np));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port ?? 0}`;
    if (portKeys.has(key)) errs.push(duplicate(specPath.child('ports').index(i), goServicePortKey(p.protocol ?? '', p.port ?? 0)));
    portKeys.add(key);
  });
  const ranges = spec.loadBalancerSourceRanges ?? [];
  if (ranges.length > 0) {
    const p = specPath.child('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((v, i) => errs.push(...isValidCIDR(p.index(i), v.trim())));
  } else if (annotationLoadBalancerSourceRanges in ann) {
    const p = newPath('metadata', 'annotations').key(annotationLoadBalancerSourceRanges);
    if (type !== 'LoadBalancer') errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    const val = (ann[annotationLoadBalancerSourceRanges] ?? '').trim();
    if (val !== '') for (const v of val.split(',')) errs.push(...isValidCIDR(p, v.trim()));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(forbidden(specPath.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  // Upstream's path for this one lacks the `spec.` prefix.
  if (type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) errs.push(required(newPath('allocateLoadBalancerNodePorts'), ''));
  errs.push(...validateLoadBalancerClassField(null, spec));
  // validateServiceExternalTrafficPolicy
  const etp: string = spec.externalTrafficPolicy ?? '';
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(invalid(specPath.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(required(specPath.child('externalTrafficPolicy'), ''));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported(specPath.child('externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  const hc = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(spec)) {
    if (hc !== 0) errs.push(invalid(specPath.child('healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) errs.push(required(specPath.child('healthCheckNodePort'), ''));
  else for (const m of isValidPortNum(hc)) errs.push(invalid(specPath.child('healthCheckNodePort'), hc, m));
  // validateServiceInternalTrafficFieldsValue
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined || itp === null) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required(specPath.child('internalTrafficPolicy'), ''));
  } else if (itp !== 'Cluster' && itp !== 'Local') errs.push(notSupported(specPath.child('internalTrafficPolicy'), itp, ['Cluster', 'Local']));
  const td = spec.trafficDistribution;
  if (td !== undefined && td !== null && td !== 'PreferClose') errs.push(notSupported(specPath.child('trafficDistribution'), td, ['PreferClose']));
  return errs;
}

function upgradeDowngradeClusterIPs(old: ServiceSpec, spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return errs;
  if (isHeadless(old) && isHeadless(spec)) return errs;
  const o = old.clusterIPs ?? [];
  const n = spec.clusterIPs ?? [];
  const goN = goStringSlice(spec.clusterIPs);
  const p = newPath('spec', 'clusterIPs');
  if (o.length === n.length) {
    o.forEach((ip, i) => {
      if (ip !== n[i]) errs.push(invalid(p.index(i), goN, 'may not change once set'));
    });
  } else if (o.length > n.length) {
    if (n.length === 0) errs.push(invalid(p.index(0), goN, 'primary clusterIP can not be unset'));
    if (o.length > 0 && n.length > 0 && n[0] !== o[0]) errs.push(invalid(p.index(0), goN, 'may not change once set'));
    if (n.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') errs.push(invalid(newPath('spec', 'ipFamilyPolicy'), spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
  } else if (o.length > 0 && n[0] !== o[0]) {
    errs.push(invalid(p.index(0), goN, 'may not change once set'));
  }
  return errs;
}

function upgradeDowngradeIPFamilies(old: ServiceSpec, spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return errs;
  if (isHeadless(old) !== isHeadless(spec) || isHeadless(spec)) return errs;
  const o = old.ipFamilies ?? [];
  const n = spec.ipFamilies ?? [];
  const p = newPath('spec', 'ipFamilies').index(0);
  const goFams = goStringSlice(spec.ipFamilies, '[]core.IPFamily');
  if (o.length === n.length) {
    o.forEach((f, i) => {
      if (f !== n[i]) errs.push(invalid(p, goFams, 'may not change once set'));
    });
  } else if (o.length > n.length) {
    if ((spec.clusterIPs ?? []).length === 0) errs.push(invalid(p, goFams, 'primary ipFamily can not be unset'));
    if (n.length > 0 && n[0] !== o[0]) errs.push(invalid(p, goStringSlice(spec.clusterIPs), 'may not change once set'));
    if (n.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') errs.push(invalid(newPath('spec', 'ipFamilyPolicy'), spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
  } else if (o.length > 0 && n.length > 0 && n[0] !== o[0]) {
    errs.push(invalid(p, goStringSlice(spec.clusterIPs), 'may not change once set'));
  }
  return errs;
}

/** ValidateServiceUpdate: cluster IPs and families may only be upgraded or downgraded, the class and health check port kept. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata, newPath('metadata'));
  const spec = svc.spec ?? {};
  const os = old.spec ?? {};
  errs.push(...upgradeDowngradeClusterIPs(os, spec));
  errs.push(...upgradeDowngradeIPFamilies(os, spec));
  errs.push(...validateLoadBalancerClassField(os, spec));
  if (needsHealthCheck(os) && needsHealthCheck(spec) && (spec.healthCheckNodePort ?? 0) !== (os.healthCheckNodePort ?? 0)) {
    errs.push(forbidden(newPath('spec', 'healthCheckNodePort'), 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}

/** ValidateLoadBalancerStatus (LoadBalancerIPMode is GA in 1.32: ipMode required with an ip). */
export function validateLoadBalancerStatus(status: LoadBalancerStatus | undefined, fldPath: FieldPath, spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const ingress = status?.ingress ?? [];
  const p = fldPath.child('ingress');
  if (spec.type !== 'LoadBalancer' && ingress.length !== 0) return [forbidden(p, "may only be used when `spec.type` is 'LoadBalancer'")];
  ingress.forEach((ing, i) => {
    const ip = p.index(i);
    const addr = ing.ip ?? '';
    if (addr.length > 0) errs.push(...isValidIP(ip.child('ip'), addr));
    if (ing.ipMode === undefined || ing.ipMode === null) {
      if (addr.length > 0) errs.push(required(ip.child('ipMode'), 'must be specified when `ip` is set'));
    } else if (addr.length === 0) errs.push(forbidden(ip.child('ipMode'), 'may not be specified when `ip` is not set'));
    else if (ing.ipMode !== 'Proxy' && ing.ipMode !== 'VIP') errs.push(notSupported(ip.child('ipMode'), ing.ipMode, ['Proxy', 'VIP']));
    const host = ing.hostname ?? '';
    if (host.length > 0) {
      for (const m of validateDNS1123Subdomain(host, ip.child('hostname'))) errs.push(m);
      if (parseIPSloppy(host) !== null) errs.push(invalid(ip.child('hostname'), host, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}

/** ValidateServiceStatusUpdate. */
export function validateServiceStatusUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata, newPath('metadata'));
  errs.push(...validateLoadBalancerStatus(svc.status?.loadBalancer, newPath('status', 'loadBalancer'), svc.spec ?? {}));
  return errs;
}

function validateEndpointAddress(a: EndpointAddress, fldPath: FieldPath): FieldError[] {
  const errs = isValidIP(fldPath.child('ip'), a.ip ?? '');
  if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, fldPath.child('hostname')));
  if (a.nodeName !== undefined && a.nodeName !== null) for (const m of nameIsDNSSubdomain(a.nodeName, false)) errs.push(invalid(fldPath.child('nodeName'), a.nodeName, m));
  errs.push(...validateNonSpecialIP(a.ip ?? '', fldPath.child('ip')));
  return errs;
}

function validateEndpointPort(port: EndpointPort, requireName: boolean, fldPath: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = port.name ?? '';
  if (requireName && name.length === 0) errs.push(required(fldPath.child('name'), ''));
  else if (name.length !== 0) errs.push(...validateDNS1123Label(name, fldPath.child('name')));
  for (const m of isValidPortNum(port.port ?? 0)) errs.push(invalid(fldPath.child('port'), port.port ?? 0, m));
  const proto = port.protocol ?? '';
  if (proto.length === 0) errs.push(required(fldPath.child('protocol'), ''));
  else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(fldPath.child('protocol'), proto, ['SCTP', 'TCP', 'UDP']));
  if (port.appProtocol !== undefined && port.appProtocol !== null) errs.push(...validateQualifiedName(port.appProtocol, fldPath.child('appProtocol')));
  return errs;
}

/** ValidateEndpoints (create and, after the metadata checks, update). */
export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  const p = newPath('subsets');
  (ep.subsets ?? []).forEach((ss, i) => {
    const ip = p.index(i);
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) errs.push(required(ip, 'must specify `addresses` or `notReadyAddresses`'));
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateEndpointAddress(a, ip.child('addresses').index(j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateEndpointAddress(a, ip.child('notReadyAddresses').index(j))));
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => errs.push(...validateEndpointPort(port, ports.length > 1, ip.child('ports').index(j))));
  });
  return errs;
}

/** ValidateEndpointsUpdate. */
export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata, newPath('metadata')), ...validateEndpoints(ep)];
}
