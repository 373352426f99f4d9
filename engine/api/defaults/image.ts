// Image references as the kubelet and defaulting read them: pkg/util/parsers.ParseImageName over
// github.com/distribution/reference's ParseNormalizedNamed. Defaulting needs only the tag
// (imagePullPolicy is Always for `:latest`), but a reference that does not parse has no tag at all.

const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])`;
const namePattern = `(?:${host}(?::[0-9]+)?/)?${pathComponent}(?:/${pathComponent})*`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRE = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const identifierRE = /^[a-f0-9]{64}$/;
/** The digest algorithms go-digest knows, with their hex lengths. */
const digestHexLength: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const nameTotalLengthMax = 255;
const defaultDomain = 'docker.io';
const defaultImageTag = 'latest';

export interface ImageName {
  /** The fully qualified repository: `docker.io/library/nginx`. */
  repository: string;
  /** The tag; `latest` when the reference names neither a tag nor a digest. */
  tag: string;
  /** `sha256:…`, or ''. */
  digest: string;
}

/** reference.splitDockerDomain: the registry, and the path with `library/` for official images. */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = defaultDomain;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === defaultDomain && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

/** parsers.ParseImageName: undefined when the reference is not valid (upstream returns an error). */
export function parseImageName(image: string): ImageName | undefined {
  if (identifierRE.test(image)) return undefined;
  const [domain, remainder] = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) return undefined;
  const m = referenceRE.exec(`${domain}/${remainder}`);
  if (!m) return undefined;
  const [, name, tag = '', digest = ''] = m;
  if (name.length > nameTotalLengthMax) return undefined;
  if (digest) {
    const [algorithm, hex] = digest.split(':', 2);
    const want = digestHexLength[algorithm];
    if (want === undefined || hex.length !== want || !/^[a-f0-9]+$/.test(hex)) return undefined;
  }
  return { repository: name, tag: tag === '' && digest === '' ? defaultImageTag : tag, digest };
}

/** SetDefaults_Container's rule: Always for a `latest` tag (or none), else IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return parseImageName(image ?? '')?.tag === defaultImageTag ? 'Always' : 'IfNotPresent';
}
