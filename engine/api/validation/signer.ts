// Signer names and ClusterTrustBundle names, as pkg/apis/core/validation/names.go.

import { invalid, required, tooLong, type FieldError, type FieldPath } from './field';
import { goQuote } from './gofmt';
import { byteLength, dns1123LabelMaxLength, dns1123SubdomainMaxLength, isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain, type ValidateNameFunc } from './names';

/** ValidateSignerName: `example.com/signer-name`, at most 571 characters. */
export function validateSignerName(fldPath: FieldPath, signerName: string): FieldError[] {
  if (signerName.length === 0) return [required(fldPath, '')];
  const segments = signerName.split('/');
  if (segments.length !== 2) return [invalid(fldPath, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const errs: FieldError[] = [];
  const [domain, path] = segments as [string, string];
  if (byteLength(domain) > dns1123SubdomainMaxLength) errs.push(tooLong(fldPath, '', dns1123SubdomainMaxLength));
  const domainLabels = domain.split('.');
  for (const lbl of domainLabels) {
    const msgs = isDNS1123Label(lbl);
    if (msgs.length > 0) {
      for (const m of msgs) errs.push(invalid(fldPath, domain, `validating label ${goQuote(lbl)}: ${m}`));
      break;
    }
  }
  if (domainLabels.length < 2) errs.push(invalid(fldPath, domain, 'should be a domain with at least two segments separated by dots'));
  for (const lbl of path.split('.')) {
    const msgs = isDNS1123Subdomain(lbl);
    if (msgs.length > 0) {
      for (const m of msgs) errs.push(invalid(fldPath, path, `validating label ${goQuote(lbl)}: ${m}`));
      break;
    }
  }
  const maxSignerNameLength = dns1123SubdomainMaxLength + (dns1123SubdomainMaxLength + dns1123LabelMaxLength + 1) + 1;
  if (byteLength(signerName) > maxSignerNameLength) errs.push(tooLong(fldPath, '', maxSignerNameLength));
  return errs;
}

/** ValidateClusterTrustBundleName: `<signer with ':' for '/'>:<name>` for a signer's bundles. */
export function validateClusterTrustBundleName(signerName: string): ValidateNameFunc {
  return (name, isPrefix) => {
    if (signerName === '') {
      if (name.includes(':')) return ['ClusterTrustBundle without signer name must not have ":" in its name'];
      return nameIsDNSSubdomain(name, isPrefix);
    }
    const requiredPrefix = signerName.replaceAll('/', ':') + ':';
    if (!name.startsWith(requiredPrefix)) return [`ClusterTrustBundle for signerName ${signerName} must be named with prefix ${requiredPrefix}`];
    return nameIsDNSSubdomain(name.slice(requiredPrefix.length), isPrefix);
  };
}

/** extractSignerNameFromClusterTrustBundleName: the signer a `a.com:b:name` bundle belongs to. */
export function extractSignerNameFromClusterTrustBundleName(name: string): string | null {
  const i = name.lastIndexOf(':');
  return i === -1 ? null : name.slice(0, i).replaceAll(':', '/');
}
