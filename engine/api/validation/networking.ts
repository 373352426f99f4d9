// networking.k8s.io/v1: Ingress, IngressClass, NetworkPolicy, as
// pkg/apis/networking/validation/validation.go.

import type { HTTPIngressPath, Ingress, IngressBackend, IngressClass, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '../types';
import { forbidden, invalid, newPath, notSupported, required, tooLong, type FieldError, type FieldPath } from './field';
import { GoValue, goStringSlice } from './gofmt';
import { validateImmutableField, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { cidrIsIPv4, parseCIDRSloppy, parseIPSloppy, type ParsedCIDR } from './net';
import { byteLength, isDNS1123Subdomain, isDomainPrefixedPath, isValidCIDR, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain, nameIsDNS1035Label, nameIsDNSSubdomain } from './names';

// ---- NetworkPolicy ----

function validateNetworkPolicyPort(port: NetworkPolicyPort, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const proto: string | undefined = port.protocol;
  if (proto !== undefined && proto !== null && proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP') errs.push(notSupported(p.child('protocol'), proto, ['TCP', 'UDP', 'SCTP']));
  const ep = port.endPort;
  if (port.port !== undefined && port.port !== null) {
    if (typeof port.port === 'number') {
      for (const m of isValidPortNum(port.port)) errs.push(invalid(p.child('port'), port.port, m));
      if (ep !== undefined && ep !== null) {
        if (ep < port.port) errs.push(invalid(p.child('endPort'), port.port, 'must be greater than or equal to `port`'));
        for (const m of isValidPortNum(ep)) errs.push(invalid(p.child('endPort'), ep, m));
      }
    } else {
      if (ep !== undefined && ep !== null) errs.push(invalid(p.child('endPort'), ep, 'may not be specified when `port` is non-numeric'));
      for (const m of isValidPortName(port.port)) errs.push(invalid(p.child('port'), port.port, m));
    }
  } else if (ep !== undefined && ep !== null) errs.push(invalid(p.child('endPort'), ep, 'may not be specified when `port` is not specified'));
  return errs;
}

function cidrContains(outer: ParsedCIDR, ip: Uint8Array): boolean {
  const off = outer.bits === 32 ? 12 : 0;
  const mask = outer.prefix;
  for (let bit = 0; bit < mask; bit++) {
    const byte = off + (bit >> 3);
    const m = 0x80 >> (bit & 7);
    if ((outer.ip.bytes[byte]! & m) !== (ip[byte]! & m)) return false;
  }
  return true;
}

function validatePeer(peer: NetworkPolicyPeer, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, {}, p.child('podSelector')));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, {}, p.child('namespaceSelector')));
  }
  if (peer.ipBlock) {
    n++;
    const bp = p.child('ipBlock');
    const cidr = peer.ipBlock.cidr ?? '';
    if (cidr === '') errs.push(required(bp.child('cidr'), ''));
    else {
      errs.push(...isValidCIDR(bp.child('cidr'), cidr));
      const outer = parseCIDRSloppy(cidr);
      if (outer) {
        (peer.ipBlock.except ?? []).forEach((ex, i) => {
          const xp = bp.child('except').index(i);
          errs.push(...isValidCIDR(xp, ex));
          const inner = parseCIDRSloppy(ex);
          if (!inner) return;
          const sameFamily = cidrIsIPv4(inner) === cidrIsIPv4(outer);
          const outerLen = outer.bits === 128 && cidrIsIPv4(outer) ? outer.prefix - 96 : outer.prefix;
          const innerLen = inner.bits === 128 && cidrIsIPv4(inner) ? inner.prefix - 96 : inner.prefix;
          if (!sameFamily || !cidrContains(outer, inner.ip.bytes) || outerLen >= innerLen) errs.push(invalid(xp, ex, 'must be a strict subset of `cidr`'));
        });
      }
    }
  }
  if (n === 0) errs.push(required(p, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(forbidden(p, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateNetworkPolicySpec(np: NetworkPolicy): FieldError[] {
  const spec = np.spec ?? ({} as NonNullable<NetworkPolicy['spec']>);
  const p = newPath('spec');
  const errs = validateLabelSelector(spec.podSelector ?? {}, {}, p.child('podSelector'));
  (spec.ingress ?? []).forEach((r, i) => {
    const rp = p.child('ingress').index(i);
    (r.ports ?? []).forEach((port, j) => errs.push(...validateNetworkPolicyPort(port, rp.child('ports').index(j))));
    (r.from ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, rp.child('from').index(j))));
  });
  (spec.egress ?? []).forEach((r, i) => {
    const rp = p.child('egress').index(i);
    (r.ports ?? []).forEach((port, j) => errs.push(...validateNetworkPolicyPort(port, rp.child('ports').index(j))));
    (r.to ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, rp.child('to').index(j))));
  });
  const types = spec.policyTypes ?? [];
  if (types.length > 2) return [...errs, invalid(p.child('policyTypes'), goStringSlice(types, '&[]networking.PolicyType'), 'may not specify more than two policyTypes')];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(p.child('policyTypes').index(i), t, ['Ingress', 'Egress']));
  });
  return errs;
}

/** ValidateNetworkPolicy. */
export function validateNetworkPolicy(np: NetworkPolicy): FieldError[] {
  return [...validateObjectMeta(np.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validateNetworkPolicySpec(np)];
}

/** ValidateNetworkPolicyUpdate. */
export function validateNetworkPolicyUpdate(np: NetworkPolicy, old: NetworkPolicy): FieldError[] {
  return [...validateObjectMetaUpdate(np.metadata, old.metadata, newPath('metadata')), ...validateNetworkPolicySpec(np)];
}

// ---- Ingress ----

const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];

function validateIngressBackend(b: IngressBackend, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const hasResource = b.resource !== undefined && b.resource !== null;
  const hasService = b.service !== undefined && b.service !== null;
  if (hasResource && hasService) return [invalid(p, '', 'cannot set both resource and service backends')];
  if (hasResource) {
    const r = b.resource!;
    const rp = p.child('resource');
    if (!r.name) errs.push(required(rp.child('name'), ''));
    if (!r.kind) errs.push(required(rp.child('kind'), ''));
    if (r.apiGroup === undefined || r.apiGroup === null) errs.push(required(rp.child('apiGroup'), 'must be specified'));
    else for (const m of isDNS1123Subdomain(r.apiGroup)) errs.push(invalid(rp.child('apiGroup'), r.apiGroup, m));
  } else if (hasService) {
    const s = b.service!;
    if (!s.name) errs.push(required(p.child('service', 'name'), ''));
    else for (const m of nameIsDNS1035Label(s.name, false)) errs.push(invalid(p.child('service', 'name'), s.name, m));
    const portName = s.port?.name ?? '';
    const portNumber = s.port?.number ?? 0;
    if (portName.length > 0 && portNumber !== 0) errs.push(invalid(p, '', 'cannot set both port name & port number'));
    else if (portName.length > 0) for (const m of isValidPortName(portName)) errs.push(invalid(p.child('service', 'port', 'name'), portName, m));
    else if (portNumber !== 0) for (const m of isValidPortNum(portNumber)) errs.push(invalid(p.child('service', 'port', 'number'), portNumber, m));
    else errs.push(required(p, 'port name or number is required'));
  } else errs.push(invalid(p, '', 'resource or service backend is required'));
  return errs;
}

function validateHTTPIngressPath(path: HTTPIngressPath, p: FieldPath): FieldError[] {
  const pt: string | undefined = path.pathType;
  if (pt === undefined || pt === null) return [required(p.child('pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const v = path.path ?? '';
  if (pt === 'Exact' || pt === 'Prefix') {
    if (!v.startsWith('/')) errs.push(invalid(p.child('path'), v, 'must be an absolute path'));
    if (v.length > 0) {
      for (const seq of invalidPathSequences) if (v.includes(seq)) errs.push(invalid(p.child('path'), v, `must not contain '${seq}'`));
      for (const suf of invalidPathSuffixes) if (v.endsWith(suf)) errs.push(invalid(p.child('path'), v, `cannot end with '${suf}'`));
    }
  } else if (pt === 'ImplementationSpecific') {
    if (v.length > 0 && !v.startsWith('/')) errs.push(invalid(p.child('path'), v, 'must be an absolute path'));
  } else errs.push(notSupported(p.child('pathType'), pt, ['Exact', 'ImplementationSpecific', 'Prefix']));
  errs.push(...validateIngressBackend(path.backend ?? {}, p.child('backend')));
  return errs;
}

function validateHost(host: string, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (host.includes('*')) for (const m of isWildcardDNS1123Subdomain(host)) errs.push(invalid(p, host, m));
  else for (const m of isDNS1123Subdomain(host)) errs.push(invalid(p, host, m));
  return errs;
}

function validateIngressSpec(ing: Ingress): FieldError[] {
  const spec = ing.spec ?? {};
  const p = newPath('spec');
  const errs: FieldError[] = [];
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    errs.push(invalid(p, spec.rules === undefined ? new GoValue('[]networking.IngressRule(nil)') : new GoValue('[]networking.IngressRule{}'), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) errs.push(...validateIngressBackend(spec.defaultBackend, p.child('defaultBackend')));
  rules.forEach((r, i) => {
    const rp = p.child('rules').index(i);
    const host = r.host ?? '';
    if (host.length > 0) {
      if (parseIPSloppy(host) !== null) errs.push(invalid(rp.child('host'), host, 'must be a DNS name, not an IP address'));
      errs.push(...validateHost(host, rp.child('host')));
    }
    if (r.http) {
      const paths = r.http.paths ?? [];
      if (paths.length === 0) errs.push(required(rp.child('http').child('paths'), ''));
      paths.forEach((path, j) => errs.push(...validateHTTPIngressPath(path, rp.child('http').child('paths').index(j))));
    }
  });
  (spec.tls ?? []).forEach((t, i) => {
    (t.hosts ?? []).forEach((h, j) => errs.push(...validateHost(h, p.child('tls').index(i).child('hosts').index(j))));
    if (t.secretName) for (const m of nameIsDNSSubdomain(t.secretName, false)) errs.push(invalid(p.child('tls').index(i).child('secretName'), t.secretName, m));
  });
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    for (const m of nameIsDNSSubdomain(spec.ingressClassName, false)) errs.push(invalid(p.child('ingressClassName'), spec.ingressClassName, m));
  }
  return errs;
}

const ingressClassAnnotation = 'kubernetes.io/ingress.class';

/** ValidateIngressCreate. */
export function validateIngress(ing: Ingress): FieldError[] {
  const errs = validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain, newPath('metadata'));
  errs.push(...validateIngressSpec(ing));
  const ann = ing.metadata?.annotations ?? {};
  if (ing.spec?.ingressClassName !== undefined && ing.spec.ingressClassName !== null && Object.prototype.hasOwnProperty.call(ann, ingressClassAnnotation)) {
    errs.push(invalid(newPath('metadata', 'annotations').child(ingressClassAnnotation), ann[ingressClassAnnotation], 'can not be set when the class field is also set'));
  }
  return errs;
}

/** ValidateIngressUpdate. */
export function validateIngressUpdate(ing: Ingress, old: Ingress): FieldError[] {
  return [...validateObjectMetaUpdate(ing.metadata, old.metadata, newPath('metadata')), ...validateIngressSpec(ing)];
}

// ---- IngressClass ----

function validateIngressClassSpec(ic: IngressClass, old?: IngressClass): FieldError[] {
  const spec = ic.spec ?? {};
  const p = newPath('spec');
  const errs: FieldError[] = [];
  const controller = spec.controller ?? '';
  if (byteLength(controller) > 250) errs.push(tooLong(p.child('controller'), controller, 250));
  errs.push(...isDomainPrefixedPath(p.child('controller'), controller));
  const params = spec.parameters;
  if (params) {
    const pp = p.child('parameters');
    if (!params.kind) errs.push(required(pp.child('kind'), 'kind is required'));
    if (!params.name) errs.push(required(pp.child('name'), 'name is required'));
    if (params.apiGroup !== undefined && params.apiGroup !== null) for (const m of isDNS1123Subdomain(params.apiGroup)) errs.push(invalid(pp.child('apiGroup'), params.apiGroup, m));
    const scope = params.scope;
    if (scope === undefined || scope === null) errs.push(required(pp.child('scope'), ''));
    else if (scope === 'Namespace') {
      if (!params.namespace) errs.push(required(pp.child('namespace'), '`parameters.scope` is set to "Namespace"'));
      else for (const m of nameIsDNSSubdomain(params.namespace, false)) errs.push(invalid(pp.child('namespace'), params.namespace, m));
    } else if (scope === 'Cluster') {
      if (params.namespace) errs.push(forbidden(pp.child('namespace'), '`parameters.scope` is set to "Cluster"'));
    } else errs.push(notSupported(pp.child('scope'), scope, ['Cluster', 'Namespace']));
  }
  if (old) errs.push(...validateImmutableField(controller, old.spec?.controller ?? '', p.child('controller')));
  return errs;
}

/** ValidateIngressClass. */
export function validateIngressClass(ic: IngressClass): FieldError[] {
  return [...validateObjectMeta(ic.metadata, false, nameIsDNSSubdomain, newPath('metadata')), ...validateIngressClassSpec(ic)];
}

/** ValidateIngressClassUpdate: the controller is fixed. */
export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): FieldError[] {
  return [...validateObjectMetaUpdate(ic.metadata, old.metadata, newPath('metadata')), ...validateIngressClassSpec(ic, old)];
}
