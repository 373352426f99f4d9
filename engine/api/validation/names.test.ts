// Ported from apimachinery v0.32 pkg/util/validation/validation_test.go and
// pkg/api/validation/path/name_test.go, plus exact message checks.
import { describe, expect, it } from 'vitest';
import { newPath } from './field';
import {
  isCIdentifier,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isDomainPrefixedPath,
  isEnvVarName,
  isFullyQualifiedDomainName,
  isHTTPHeaderName,
  isInRange,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidCIDR,
  isValidGroupID,
  isValidIP,
  isValidIPv4Address,
  isValidIPv6Address,
  isValidLabelValue,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  isWildcardDNS1123Subdomain,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validatePathSegmentName,
} from './names';

const r = (c: string, n: number) => c.repeat(n);

function goodBad(fn: (v: string) => string[], good: string[], bad: string[]) {
  for (const v of good) expect(fn(v), `expected valid: ${JSON.stringify(v)}`).toEqual([]);
  for (const v of bad) expect(fn(v).length, `expected invalid: ${JSON.stringify(v)}`).toBeGreaterThan(0);
}

describe('DNS names', () => {
  it('IsDNS1123Label', () => {
    goodBad(
      isDNS1123Label,
      ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', r('a', 63)],
      ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', r('a', 64)],
    );
  });
  it('IsDNS1123Subdomain', () => {
    goodBad(
      isDNS1123Subdomain,
      ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a.a', 'ab.a', 'abc.a', 'a1.a', 'a-1.a', 'a--1--2--b.a', 'a.1', 'ab.1', 'abc.1', 'a1.1', 'a-1.1', 'a--1--2--b.1', '0.a', '01.a', '012.a', '1a.a', '1-a.a', '1--a--b--2', '0.1', '01.1', '012.1', '1a.1', '1-a.1', '1--a--b--2.1', 'a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', '11.22.33.44.55', r('a', 253)],
      ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'A.a', 'aB.a', 'ab.A', 'A1.a', 'a1.A', 'A.1', 'aB.1', 'A1.1', '1A.1', '0.A', '01.A', '012.A', '1A.a', '1a.A', 'A.B.C.D.E', 'AA.BB.CC.DD.EE', 'a.B.c.d.e', 'aa.bB.cc.dd.ee', 'a@b', 'a,b', 'a_b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', r('a', 254)],
    );
  });
  it('IsDNS1035Label', () => {
    goodBad(
      isDNS1035Label,
      ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', r('a', 63)],
      ['0', '01', '012', '1a', '1-a', '1--a--b--2', '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', r('a', 64)],
    );
  });
  it('messages are upstream’s, word for word', () => {
    expect(isDNS1123Label('My_Name')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label(r('a', 64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Subdomain('Web')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(isDNS1035Label('1abc')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
  it('generateName prefixes may end in a dash (maskTrailingDash)', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false).length).toBe(1);
    expect(nameIsDNSLabel('a-', true)).toEqual([]);
  });
  it('IsWildcardDNS1123Subdomain', () => {
    goodBad(isWildcardDNS1123Subdomain, ['*.example.com', '*.bar.com', '*.foo.bar.com'], ['*.*.bar.com', '*.foo.*.com', '*bar.com', 'f*.bar.com', '*']);
  });
});

describe('other syntaxes', () => {
  it('IsCIdentifier', () => {
    goodBad(
      isCIdentifier,
      ['a', 'ab', 'abc', 'a1', '_a', 'a_', 'a_b', 'a_1', 'a__1__2__b', '__abc_123', 'A', 'AB', 'AbC', 'A1', '_A', 'A_', 'A_B', 'A_1', 'A__1__2__B', '__123_ABC'],
      ['', '1', '123', '1a', '-', 'a-', '-a', '1-', '-1', '1_', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', '#a#'],
    );
  });
  it('IsValidPortNum, IsInRange, ids', () => {
    for (const p of [1, 2, 1000, 16384, 32768, 65535]) expect(isValidPortNum(p)).toEqual([]);
    for (const p of [0, -1, 65536, 100000]) expect(isValidPortNum(p)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isInRange(1, 0, 10)).toEqual([]);
    expect(isInRange(5, -4, 2).length).toBe(1);
    for (const id of [0, 1, 1000, 65535, 2147483647]) expect([...isValidGroupID(id), ...isValidUserID(id)]).toEqual([]);
    for (const id of [-1, -1003, 2147483648, 4147483647]) expect(isValidGroupID(id)).toEqual(['must be between 0 and 2147483647, inclusive']);
  });
  it('IsValidPortName', () => {
    goodBad(isValidPortName, ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'], ['longerthan15characters', '', r('a', 16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++']);
    expect(isValidPortName('Http')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']);
  });
  it('IsQualifiedName', () => {
    goodBad(
      isQualifiedName,
      ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo', r('a', 63), r('a', 253) + '/' + r('b', 63)],
      ['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc', 'example_com/abc', 'example.com/', '/simple', r('a', 64), r('a', 254) + '/abc'],
    );
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
    expect(isQualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('x/')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });
  it('IsValidLabelValue', () => {
    goodBad(
      isValidLabelValue,
      ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', r('a', 63), ''],
      ['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', r('a', 64)],
    );
  });
  it('IsHTTPHeaderName', () => {
    goodBad(
      isHTTPHeaderName,
      ['Accept-Encoding', 'Host', 'If-Modified-Since', 'X-Forwarded-For', 'a', 'ab', 'abc', 'a1', '-a', 'a-', 'a-b', 'a-1', 'a--1--2--b', '--abc-123', 'A', 'AB', 'AbC', 'A1', '-A', 'A-', 'A-B', 'A-1', 'A--1--2--B', '--123-ABC'],
      ['Host:', 'X-Forwarded-For:', 'X-@Home', '', '_', 'a_', '_a', '1_', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', '#a#', '^', ',', ';', '=', '<', '?', '@', '{'],
    );
  });
  it('IsValidPercent', () => {
    goodBad(isValidPercent, ['0%', '00000%', '1%', '01%', '99%', '100%', '101%'], ['', '0', '100', '0.0%', '99.9%', 'hundred', ' 1%', '1% ', '-0%', '-1%', '+1%']);
  });
  it('IsConfigMapKey', () => {
    goodBad(isConfigMapKey, ['a', 'good', 'good-good', 'still.good', 'this.is.also.good', '.so.is.this', 'THIS_IS_GOOD', 'so_is_this_17'], ['.', '..', '..bad', 'b*d', 'bad!&bad']);
    expect(isConfigMapKey('b*d')).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
  });
  it('IsEnvVarName and IsRelaxedEnvVarName', () => {
    expect(isEnvVarName('1abc')).toEqual([
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]);
    goodBad(
      isRelaxedEnvVarName,
      ['-', ':', '_', '+a', '>a', '<a', 'a.', 'a..', '*a', '%a', '?a', 'a:a', 'a_a', 'aAz', '~a', '|a', 'a0a', 'a9', '/a', 'a ', '#a', '0a', '0 a', "'a", '(a', '@a'],
      ['', '=', 'a=', '1=a', 'a=b', '#%=&&', String.fromCodePoint(1) + 'abc', String.fromCodePoint(130) + 'abc', 'Ç ç', 'Ä ä', 'Ñ ñ', 'Ø ø'],
    );
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
  });
  it('IsFullyQualifiedDomainName', () => {
    const p = newPath('');
    for (const v of ['a.com', 'k8s.io', 'dev.k8s.io', 'dev.k8s.io.', 'foo.example.com', 'this.is.a.really.long.fqdn', 'bbc.co.uk', '10.0.0.1', 'hyphens-are-good.k8s.io', r('a', 63) + '.k8s.io'])
      expect(isFullyQualifiedDomainName(p, v)).toEqual([]);
    for (const v of ['.', '...', '.io', 'com', '.com', 'Dev.k8s.io', '.foo.example.com', '*.example.com', 'underscores_are_bad.k8s.io', 'foo@bar.example.com', 'http://foo.example.com', r('a', 64) + '.k8s.io'])
      expect(isFullyQualifiedDomainName(p, v).length).toBeGreaterThan(0);
  });
  it('IsDomainPrefixedPath', () => {
    const p = newPath('');
    for (const v of ['a/b', 'a/b/c/d', 'a.com/foo', 'a.b.c.d/foo', 'k8s.io/foo/bar', 'k8s.io/FOO/BAR', 'dev.k8s.io/more/path', 'bbc.co.uk/path/goes/here', '10.0.0.1/foo', 'hyphens-are-good.k8s.io/and-in-paths-too', r('a', 240) + '.k8s.io/a', 'k8s.io/' + r('a', 240)]) expect(isDomainPrefixedPath(p, v)).toEqual([]);
    for (const v of ['.', '...', '/b', 'com', '.com', 'a.b.c.d/foo?a=b', 'a.b.c.d/foo#a', 'Dev.k8s.io', '.foo.example.com', '*.example.com', 'example.com/foo{}[]@^`', 'underscores_are_bad.k8s.io', 'underscores_are_bad.k8s.io/foo', 'foo@bar.example.com', 'foo@bar.example.com/foo'])
      expect(isDomainPrefixedPath(p, v).length).toBeGreaterThan(0);
  });
});

describe('IP and CIDR (sloppy parsing)', () => {
  const cases: [string, 0 | 4 | 6][] = [
    ['1.2.3.4', 4], ['0.0.0.0', 4], ['255.255.255.255', 4], ['1234::abcd', 6], ['::', 6], ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 6],
    ['0:0:0:0:0:0:0:0', 6], ['0001:002:03:4::', 6], ['1234::ABCD', 6], ['1.1.1.01', 4], ['::ffff:1.1.1.1', 4],
    ['', 0], ['aaaaaaa', 0], ['myhost.mydomain', 0], ['1.2.3.0/24', 0], ['1.2.3.400', 0], ['-1.0.0.0', 0], ['2001:db8::10005', 0],
    ['1.2.3.4:80', 0], ['[2001:db8::1]', 0], ['[2001:db8::1]:80', 0], ['example.com:80', 0], ['1234::abcd%eth0', 0], ['169.254.0.0%eth0', 0],
  ];
  it.each(cases)('%s', (ip, family) => {
    const p = newPath('');
    const errs = isValidIP(p, ip);
    if (family === 0) expect(errs.map((e) => e.detail)).toEqual(['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
    else expect(errs).toEqual([]);
    expect(isValidIPv4Address(p, ip).length === 0).toBe(family === 4);
    expect(isValidIPv6Address(p, ip).length === 0).toBe(family === 6);
  });
  it('IsValidCIDR', () => {
    const p = newPath('');
    for (const v of ['1.0.0.0/8', '0.0.0.0/0', '1.1.1.1/32', '2001:4860:4860::/48', '::/0', '::1/128', '2a00:79e0:2:0::/64', '2001:DB8::/64', '1.1.01.0/24', '::ffff:1.1.1.0/24', '::ffff:1.1.1.0/120', '1.2.3.4/24', '2001:db8::1/64', '192.168.0.0/016'])
      expect(isValidCIDR(p, v), v).toEqual([]);
    for (const v of ['', 'aaaaaaa', '1.2.3.4', '192.168.0.1/healthz', '192.168.0.1/0/99', '192.168.0.0/-16', '192.168.0.0/+16'])
      expect(isValidCIDR(p, v).map((e) => e.detail), v).toEqual(['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
  });
});

describe('path segment names', () => {
  const cases: [string, boolean, string][] = [
    ['', false, ''], ['', true, ''], ['foo.bar.baz', false, ''], ['foo.bar.baz', true, ''], ['sha256:ABCDEF012345@ABCDEF012345', false, ''],
    ['Iñtërnâtiônàlizætiøn', false, ''], ['.', false, "may not be '.'"], ['.test', false, ''], ['.', true, ''], ['..', false, "may not be '..'"],
    ['..test', false, ''], ['..', true, ''], ['foo/bar', false, "may not contain '/'"], ['foo/bar', true, "may not contain '/'"],
    ['foo%bar', false, "may not contain '%'"], ['foo%bar', true, "may not contain '%'"],
  ];
  it.each(cases)('%j prefix=%s', (name, prefix, msg) => {
    expect(validatePathSegmentName(name, prefix)).toEqual(msg === '' ? [] : [msg]);
  });
  it('reports every illegal substring', () => {
    expect(validatePathSegmentName('foo/bar%baz', false)).toEqual(["may not contain '/'", "may not contain '%'"]);
  });
});
