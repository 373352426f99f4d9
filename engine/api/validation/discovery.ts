// discovery.k8s.io/v1 EndpointSlice, as pkg/apis/discovery/validation/validation.go.

import type { EndpointSlice } from '../types';
import { duplicate, invalid, newPath, notSupported, required, tooMany, type FieldError } from './field';
import { validateImmutableField, validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isValidIPv4Address, isValidIPv6Address, nameIsDNSSubdomain } from './names';
import { validateDNS1123Label, validateDNS1123Subdomain, validateQualifiedName } from './core-volumes';
import { validateNonSpecialIP } from './core-service';

const maxEndpoints = 1000;
const maxAddresses = 100;
const maxPorts = 20000;

function validateEndpointSlice(es: EndpointSlice): FieldError[] {
  const errs: FieldError[] = [];
  const at: string = es.addressType ?? '';
  if (!['IPv4', 'IPv6', 'FQDN'].includes(at)) errs.push(notSupported(newPath('addressType'), at, ['FQDN', 'IPv4', 'IPv6']));
  const eps = es.endpoints ?? [];
  const ep = newPath('endpoints');
  if (eps.length > maxEndpoints) errs.push(tooMany(ep, eps.length, maxEndpoints));
  else eps.forEach((e, i) => {
    const p = ep.index(i);
    const addrs = e.addresses ?? [];
    const ap = p.child('addresses');
    if (addrs.length === 0) errs.push(required(ap, 'must contain at least 1 address'));
    else if (addrs.length > maxAddresses) errs.push(tooMany(ap, addrs.length, maxAddresses));
    addrs.forEach((a, j) => {
      const aj = ap.index(j);
      if (at === 'IPv4') {
        const e4 = isValidIPv4Address(aj, a);
        errs.push(...e4);
        if (e4.length === 0) errs.push(...validateNonSpecialIP(a, aj));
      } else if (at === 'IPv6') {
        const e6 = isValidIPv6Address(aj, a);
        errs.push(...e6);
        if (e6.length === 0) errs.push(...validateNonSpecialIP(a, aj));
      } else if (at === 'FQDN') errs.push(...validateDNS1123Subdomain(a, aj));
    });
    if (e.nodeName) for (const m of nameIsDNSSubdomain(e.nodeName, false)) errs.push(invalid(p.child('nodeName'), e.nodeName, m));
    for (const k of Object.keys(e.deprecatedTopology ?? {}).sort()) errs.push(...validateLabelName(k, p.child('deprecatedTopology').key(k)));
    if (e.hostname) errs.push(...validateDNS1123Label(e.hostname, p.child('hostname')));
    (e.hints?.forZones ?? []).forEach((z, j) => {
      if (!z.name) errs.push(required(p.child('hints', 'forZones').index(j).child('name'), ''));
    });
  });
  const ports = es.ports ?? [];
  const pp = newPath('ports');
  if (ports.length > maxPorts) errs.push(tooMany(pp, ports.length, maxPorts));
  else {
    const names = new Set<string>();
    ports.forEach((port, i) => {
      const p = pp.index(i);
      const name = port.name ?? '';
      if (name.length > 0) errs.push(...validateDNS1123Label(name, p.child('name')));
      if (names.has(name)) errs.push(duplicate(p.child('name'), name));
      else names.add(name);
      const proto: string = port.protocol ?? '';
      if (proto === '') errs.push(required(p.child('protocol'), ''));
      else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(p.child('protocol'), proto, ['SCTP', 'TCP', 'UDP']));
      if (port.appProtocol !== undefined && port.appProtocol !== null) errs.push(...validateQualifiedName(port.appProtocol, p.child('appProtocol')));
    });
  }
  return errs;
}

/** ValidateEndpointSliceCreate. */
export function validateEndpointSliceCreate(es: EndpointSlice): FieldError[] {
  return [...validateObjectMeta(es.metadata, true, nameIsDNSSubdomain, newPath('metadata')), ...validateEndpointSlice(es)];
}

/** ValidateEndpointSliceUpdate: addressType fixed. */
export function validateEndpointSliceUpdate(es: EndpointSlice, old: EndpointSlice): FieldError[] {
  return [
    ...validateObjectMetaUpdate(es.metadata, old.metadata, newPath('metadata')),
    ...validateEndpointSlice(es),
    ...validateImmutableField(es.addressType ?? '', old.addressType ?? '', newPath('addressType')),
  ];
}
