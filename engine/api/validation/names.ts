// Syntax checks of names and values, as k8s.io/apimachinery/pkg/util/validation (validation.go),
// pkg/api/validation (generic.go) and pkg/api/validation/path (name.go) at v0.32. Each Is* returns
// upstream's list of messages, empty when the value is valid.

import { invalid, type FieldError, type FieldPath } from './field';
import { parseCIDRSloppy, parseIPSloppy } from './net';

// Go's len() counts UTF-8 bytes; the limits below are byte limits.
const encoder = new TextEncoder();
/** len(s) in Go: the UTF-8 byte length. */
export function byteLength(s: string): number {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? s.length : encoder.encode(s).length;
}

const qnameCharFmt = '[A-Za-z0-9]';
const qnameExtCharFmt = '[-A-Za-z0-9_.]';
const qualifiedNameFmt = '(' + qnameCharFmt + qnameExtCharFmt + '*)?' + qnameCharFmt;
const qualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameMaxLength = 63;
const qualifiedNameRegexp = new RegExp('^' + qualifiedNameFmt + '$');

/** MaxLenError. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** RegexError: the message, the examples and the regular expression used. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return msg + " (regex used for validation is '" + fmt + "')";
  let out = msg + ' (e.g. ';
  examples.forEach((e, i) => {
    if (i > 0) out += ' or ';
    out += "'" + e + "', ";
  });
  return out + "regex used for validation is '" + fmt + "')";
}

/** EmptyError. */
export function emptyError(): string {
  return 'must be non-empty';
}

/** InclusiveRangeError. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** IsQualifiedName: `[prefix/]name`, the prefix a DNS subdomain, the name at most 63 characters. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  switch (parts.length) {
    case 1:
      name = parts[0]!;
      break;
    case 2: {
      const prefix = parts[0]!;
      name = parts[1]!;
      if (prefix.length === 0) errs.push('prefix part ' + emptyError());
      else {
        const msgs = isDNS1123Subdomain(prefix);
        if (msgs.length !== 0) errs.push(...msgs.map((m) => 'prefix part ' + m));
      }
      break;
    }
    default:
      return [
        'a qualified name ' +
          regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc') +
          " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ];
  }
  if (name.length === 0) errs.push('name part ' + emptyError());
  else if (byteLength(name) > qualifiedNameMaxLength) errs.push('name part ' + maxLenError(qualifiedNameMaxLength));
  if (!qualifiedNameRegexp.test(name)) errs.push('name part ' + regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc'));
  return errs;
}

const labelValueFmt = '(' + qualifiedNameFmt + ')?';
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const labelValueMaxLength = 63;
const labelValueRegexp = new RegExp('^' + labelValueFmt + '$');

/** IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > labelValueMaxLength) errs.push(maxLenError(labelValueMaxLength));
  if (!labelValueRegexp.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const dns1123LabelMaxLength = 63;
const dns1123LabelRegexp = new RegExp('^' + dns1123LabelFmt + '$');

/** IsDNS1123Label. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > dns1123LabelMaxLength) errs.push(maxLenError(dns1123LabelMaxLength));
  if (!dns1123LabelRegexp.test(value)) {
    // A valid subdomain that is not a label (length already checked) must contain dots.
    if (dns1123SubdomainRegexp.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

const dns1123SubdomainFmt = dns1123LabelFmt + '(\\.' + dns1123LabelFmt + ')*';
const dns1123SubdomainErrorMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const dns1123SubdomainMaxLength = 253;
const dns1123SubdomainRegexp = new RegExp('^' + dns1123SubdomainFmt + '$');

/** IsDNS1123Subdomain. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > dns1123SubdomainMaxLength) errs.push(maxLenError(dns1123SubdomainMaxLength));
  if (!dns1123SubdomainRegexp.test(value)) errs.push(regexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

const dns1123LabelFmtWithUnderscore = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmtWithUnderscore = dns1123LabelFmtWithUnderscore + '(\\.' + dns1123LabelFmtWithUnderscore + ')*';
const dns1123SubdomainErrorMsgFG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainRegexpWithUnderscore = new RegExp('^' + dns1123SubdomainFmtWithUnderscore + '$');

/** IsDNS1123SubdomainWithUnderscore (its message cites the plain subdomain regex, as upstream's does). */
export function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > dns1123SubdomainMaxLength) errs.push(maxLenError(dns1123SubdomainMaxLength));
  if (!dns1123SubdomainRegexpWithUnderscore.test(value)) errs.push(regexError(dns1123SubdomainErrorMsgFG, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const dns1035LabelMaxLength = 63;
const dns1035LabelRegexp = new RegExp('^' + dns1035LabelFmt + '$');

/** IsDNS1035Label. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > dns1035LabelMaxLength) errs.push(maxLenError(dns1035LabelMaxLength));
  if (!dns1035LabelRegexp.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

const wildcardDNS1123SubdomainFmt = '\\*\\.' + dns1123SubdomainFmt;
const wildcardDNS1123SubdomainErrMsg =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const wildcardDNS1123SubdomainRegexp = new RegExp('^' + wildcardDNS1123SubdomainFmt + '$');

/** IsWildcardDNS1123Subdomain: `*.example.com`. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > dns1123SubdomainMaxLength) errs.push(maxLenError(dns1123SubdomainMaxLength));
  if (!wildcardDNS1123SubdomainRegexp.test(value)) errs.push(regexError(wildcardDNS1123SubdomainErrMsg, wildcardDNS1123SubdomainFmt, '*.example.com'));
  return errs;
}

const cIdentifierFmt = '[A-Za-z_][A-Za-z0-9_]*';
const identifierErrMsg = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
const cIdentifierRegexp = new RegExp('^' + cIdentifierFmt + '$');

/** IsCIdentifier. */
export function isCIdentifier(value: string): string[] {
  if (!cIdentifierRegexp.test(value)) return [regexError(identifierErrMsg, cIdentifierFmt, 'my_name', 'MY_NAME', 'MyName')];
  return [];
}

/** IsValidPortNum: 1–65535. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** IsInRange. */
export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

const maxInt32 = 2147483647;

/** IsValidGroupID: 0 to 2^31-1. */
export function isValidGroupID(gid: number): string[] {
  return gid >= 0 && gid <= maxInt32 ? [] : [inclusiveRangeError(0, maxInt32)];
}

/** IsValidUserID: 0 to 2^31-1. */
export function isValidUserID(uid: number): string[] {
  return uid >= 0 && uid <= maxInt32 ? [] : [inclusiveRangeError(0, maxInt32)];
}

const portNameCharsetRegex = /^[-a-z0-9]+$/;
const portNameOneLetterRegexp = /[a-z]/;

/** IsValidPortName: an IANA_SVC_NAME, at most 15 characters of [-a-z0-9] with a letter. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!portNameCharsetRegex.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!portNameOneLetterRegexp.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port[0] === '-' || port[port.length - 1] === '-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** IsValidIP (field form, as upstream's). */
export function isValidIP(fldPath: FieldPath, value: string): FieldError[] {
  if (parseIPSloppy(value) === null) return [invalid(fldPath, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
  return [];
}

/** IsValidIPv4Address. */
export function isValidIPv4Address(fldPath: FieldPath, value: string): FieldError[] {
  const ip = parseIPSloppy(value);
  const b = ip?.bytes;
  const is4 = b !== undefined && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  return is4 ? [] : [invalid(fldPath, value, 'must be a valid IPv4 address')];
}

/** IsValidIPv6Address. */
export function isValidIPv6Address(fldPath: FieldPath, value: string): FieldError[] {
  const ip = parseIPSloppy(value);
  const b = ip?.bytes;
  const is4 = b !== undefined && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  return ip !== null && !is4 ? [] : [invalid(fldPath, value, 'must be a valid IPv6 address')];
}

/** IsValidCIDR (field form). */
export function isValidCIDR(fldPath: FieldPath, value: string): FieldError[] {
  if (parseCIDRSloppy(value) === null) return [invalid(fldPath, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  return [];
}

/** IsCIDR: IsValidCIDR's message as a list, for callers wanting strings. */
export function isCIDR(value: string): string[] {
  return parseCIDRSloppy(value) === null ? ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'] : [];
}

/** The message list of IsValidIP, for callers wanting strings. */
export function isIP(value: string): string[] {
  return parseIPSloppy(value) === null ? ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] : [];
}

const percentFmt = '[0-9]+%';
const percentErrMsg = "a valid percent string must be a numeric string followed by an ending '%'";
const percentRegexp = new RegExp('^' + percentFmt + '$');

/** IsValidPercent. */
export function isValidPercent(percent: string): string[] {
  return percentRegexp.test(percent) ? [] : [regexError(percentErrMsg, percentFmt, '1%', '93%')];
}

const httpHeaderNameFmt = '[-A-Za-z0-9]+';
const httpHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'";
const httpHeaderNameRegexp = new RegExp('^' + httpHeaderNameFmt + '$');

/** IsHTTPHeaderName. */
export function isHTTPHeaderName(value: string): string[] {
  return httpHeaderNameRegexp.test(value) ? [] : [regexError(httpHeaderNameErrMsg, httpHeaderNameFmt, 'X-Header-Name')];
}

const envVarNameFmt = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const envVarNameFmtErrMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const relaxedEnvVarNameFmtErrMsg = "a valid environment variable name must consist only of printable ASCII characters other than '='";
const envVarNameRegexp = new RegExp('^' + envVarNameFmt + '$');

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** IsEnvVarName: the strict form (RelaxedEnvironmentVariableValidation off). */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!envVarNameRegexp.test(value)) errs.push(regexError(envVarNameFmtErrMsg, envVarNameFmt, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** IsRelaxedEnvVarName: printable ASCII other than '=' (the 1.32 default, the gate being beta). */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name ' + emptyError());
  for (const ch of value) {
    const r = ch.codePointAt(0)!;
    if (r > 0x7f || r < 0x20 || r === 0x7f || ch === '=') {
      errs.push(relaxedEnvVarNameFmtErrMsg);
      break;
    }
  }
  return errs;
}

const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const configMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const configMapKeyRegexp = new RegExp('^' + configMapKeyFmt + '$');

/** IsConfigMapKey: a key of a ConfigMap's or Secret's data. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > dns1123SubdomainMaxLength) errs.push(maxLenError(dns1123SubdomainMaxLength));
  if (!configMapKeyRegexp.test(value)) errs.push(regexError(configMapKeyErrMsg, configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRegexp = new RegExp('^' + httpPathFmt + '$');

/** IsDomainPrefixedPath: `acme.io/foo`, as an IngressClass's controller. */
export function isDomainPrefixedPath(fldPath: FieldPath, dpPath: string): FieldError[] {
  if (dpPath.length === 0) return [{ type: 'FieldValueRequired', field: fldPath.toString(), badValue: '', detail: '' }];
  const slash = dpPath.indexOf('/');
  const segments = slash < 0 ? [dpPath] : [dpPath.slice(0, slash), dpPath.slice(slash + 1)];
  if (segments.length !== 2 || segments[0]!.length === 0 || segments[1]!.length === 0) {
    return [invalid(fldPath, dpPath, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const errs: FieldError[] = [];
  const host = segments[0]!;
  for (const e of isDNS1123Subdomain(host)) errs.push(invalid(fldPath, host, e));
  const path = segments[1]!;
  if (!httpPathRegexp.test(path)) return [...errs, invalid(fldPath, path, regexError('Invalid path', httpPathFmt))];
  return errs;
}

/** IsFullyQualifiedDomainName: a subdomain of at least two labels, a trailing '.' allowed. */
export function isFullyQualifiedDomainName(fldPath: FieldPath, name: string): FieldError[] {
  if (name.length === 0) return [{ type: 'FieldValueRequired', field: fldPath.toString(), badValue: '', detail: '' }];
  if (name.endsWith('.')) name = name.slice(0, -1);
  const errs = isDNS1123Subdomain(name);
  if (errs.length > 0) return [invalid(fldPath, name, errs.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(fldPath, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const le = isDNS1123Label(label);
    if (le.length > 0) return [invalid(fldPath, label, le.join(','))];
  }
  return [];
}

// ---- pkg/api/validation/path (name.go) ----

/** path.IsValidPathSegmentName: a name that can be a REST path segment (not `.`/`..`, no `/` or `%`). */
export function isValidPathSegmentName(name: string): string[] {
  for (const illegal of ['.', '..']) if (name === illegal) return [`may not be '${illegal}'`];
  return isValidPathSegmentPrefix(name);
}

/** path.IsValidPathSegmentPrefix. */
export function isValidPathSegmentPrefix(name: string): string[] {
  const errs: string[] = [];
  for (const illegal of ['/', '%']) if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
}

/** path.ValidatePathSegmentName: the name check of kinds whose names are only path segments. */
export function validatePathSegmentName(name: string, prefix: boolean): string[] {
  return prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);
}

// ---- pkg/api/validation (generic.go) ----

/** ValidateNameFunc: the messages for a name (or a generateName prefix when `prefix`). */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/** maskTrailingDash: a generateName may end in '-', the generated suffix follows it. */
function maskTrailingDash(name: string): string {
  // Upstream cuts two bytes and appends "a" (name[:len(name)-2] + "a"), so `ab-` is checked as `aa`.
  if (name.length > 1 && name.endsWith('-')) return name.slice(0, -2) + 'a';
  return name;
}

/** NameIsDNSSubdomain. */
export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** NameIsDNSLabel. */
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** NameIsDNS1035Label. */
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** ValidateNamespaceName. */
export const validateNamespaceName: ValidateNameFunc = nameIsDNSLabel;

/** ValidateServiceAccountName. */
export const validateServiceAccountName: ValidateNameFunc = nameIsDNSSubdomain;

/** IsNegativeErrorMsg. */
export const isNegativeErrorMsg = 'must be greater than or equal to 0';
/** FieldImmutableErrorMsg. */
export const fieldImmutableErrorMsg = 'field is immutable';
