// Authentication as kube-apiserver's handler chain does it for bearer tokens
// (k8s.io/apiserver/pkg/endpoints/filters/authentication.go WithAuthentication, over the
// authenticator pkg/kubeapiserver/authenticator/config.go builds): the bearer token is tried
// against each token authenticator (union), every authenticated user gets system:authenticated
// (group.AuthenticatedGroupAdder), and with anonymous auth on a request that presents no
// credential becomes system:anonymous, while a bad token is always a 401 (union.NewFailOnError).
//
// Token sources:
// - a static token file (`--token-auth-file`, plugin/pkg/authenticator/token/tokenfile): CSV rows
//   `token,user,uid[,"group1,group2"]`;
// - service-account tokens. Upstream's are signed JWTs; Kubeplay's are opaque strings the
//   apiserver issued and keeps in a ServiceAccountTokenRegistry (`kubeplay-sa:<ns>:<name>:<nonce>`;
//   the readable part is informational, only the registry makes a token valid). They authenticate
//   as upstream's do: `system:serviceaccount:<ns>:<name>`, the account's uid, groups
//   system:serviceaccounts and system:serviceaccounts:<ns>, and a bound token's pod/node extras.

import type { Status } from '../../api/types';
import { clientCertTokenPrefix } from './client-cert';
import {
  AllAuthenticated,
  AllUnauthenticated,
  Anonymous,
  CredentialIDKey,
  makeServiceAccountGroupNames,
  makeServiceAccountUsername,
  NodeNameKey,
  NodeUIDKey,
  PodNameKey,
  PodUIDKey,
  type UserInfo,
} from './user';

export { impersonate, type ImpersonationResult, type HeaderValues } from './impersonation';

/** authenticator.Token: a token's user, or undefined when this authenticator does not know it. */
export interface TokenAuthenticator {
  authenticateToken(token: string): UserInfo | undefined;
}

// ---- --token-auth-file ----

/**
 * Go's encoding/csv as the token file reader uses it: comma-separated fields, a field in double
 * quotes may hold commas, newlines and `""` for a quote; blank lines are skipped; a quote inside an
 * unquoted field is an error.
 */
function parseCSV(text: string): string[][] {
  const src = text.replace(/\r\n/g, '\n');
  const records: string[][] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    if (src[i] === '\n') {
      i++;
      line++;
      continue;
    }
    const fields: string[] = [];
    let col = 1;
    for (;;) {
      let value = '';
      if (src[i] === '"') {
        i++;
        col++;
        for (;;) {
          if (i >= src.length) throw new Error(`parse error on line ${line}, column ${col}: extraneous or missing " in quoted-field`);
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') {
              value += '"';
              i += 2;
              col += 2;
              continue;
            }
            i++;
            col++;
            break;
          }
          if (c === '\n') {
            line++;
            col = 0;
          }
          value += c;
          i++;
          col++;
        }
        if (i < src.length && src[i] !== ',' && src[i] !== '\n') throw new Error(`parse error on line ${line}, column ${col}: extraneous or missing " in quoted-field`);
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\n') {
          if (src[i] === '"') throw new Error(`parse error on line ${line}, column ${col}: bare " in non-quoted-field`);
          value += src[i];
          i++;
          col++;
        }
      }
      fields.push(value);
      if (i < src.length && src[i] === ',') {
        i++;
        col++;
        continue;
      }
      break;
    }
    records.push(fields);
  }
  return records;
}

/**
 * tokenfile.NewCSV: token → user. A row needs at least token, user name and uid; a fourth column
 * is the comma-separated groups. Rows with an empty token are skipped; a repeated token's last row
 * wins (upstream logs both as warnings).
 */
export function parseTokenFile(text: string, path = 'tokens.csv'): Map<string, UserInfo> {
  const tokens = new Map<string, UserInfo>();
  for (const record of parseCSV(text)) {
    if (record.length < 3) throw new Error(`token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`);
    const [token, username, uid] = record as [string, string, string];
    if (token === '') continue;
    const user: UserInfo = { username, uid, groups: record.length >= 4 ? record[3]!.split(',') : [] };
    tokens.set(token, user);
  }
  return tokens;
}

/** The static token authenticator (tokenfile.TokenAuthenticator). */
export function staticTokenAuthenticator(tokens: ReadonlyMap<string, UserInfo>): TokenAuthenticator {
  return {
    authenticateToken(token) {
      const u = tokens.get(token);
      return u ? { ...u, groups: [...u.groups] } : undefined;
    },
  };
}

// ---- client certificates ----

export { clientCertToken } from './client-cert';

/**
 * The x509 authenticator (k8s.io/apiserver/pkg/authentication/request/x509, CommonNameUserConversion):
 * the certificate's CN is the user, its O entries the groups. Kubelets (`system:node:<name>` in
 * system:nodes), kube-scheduler and kube-controller-manager authenticate this way in kubeadm's clusters.
 * There is no TLS in the simulation, so the "certificate" travels as a bearer token of the form
 * clientCertToken writes, and nothing signs it (docs/FIDELITY.md).
 */
export function clientCertAuthenticator(): TokenAuthenticator {
  const prefix = clientCertTokenPrefix;
  return {
    authenticateToken(token) {
      if (!token.startsWith(prefix)) return undefined;
      const rest = token.slice(prefix.length);
      const i = rest.lastIndexOf('|');
      const cn = i < 0 ? rest : rest.slice(0, i);
      if (!cn) return undefined;
      const groups = i < 0 || rest.slice(i + 1) === '' ? [] : rest.slice(i + 1).split(',');
      return { username: cn, uid: '', groups };
    },
  };
}

// ---- service-account tokens ----

/** What a service-account token stands for (upstream's JWT claims). */
export interface ServiceAccountTokenClaims {
  namespace: string;
  name: string;
  /** The ServiceAccount's metadata.uid. */
  uid: string;
  /** Set for a token bound to a pod (TokenRequest with a boundObjectRef). */
  podName?: string;
  podUID?: string;
  nodeName?: string;
  nodeUID?: string;
  /** The token's jti; the user's credential-id extra is `JTI=<jti>`. */
  jti?: string;
}

/** The tokens the apiserver issued (TokenRequest, or a legacy token Secret). */
export class ServiceAccountTokenRegistry {
  private readonly tokens = new Map<string, ServiceAccountTokenClaims>();

  /** Issues a token; `nonce` (from the caller's seeded source) makes it unguessable and unique. */
  issue(claims: ServiceAccountTokenClaims, nonce: string): string {
    const token = `kubeplay-sa:${claims.namespace}:${claims.name}:${nonce}`;
    if (this.tokens.has(token)) throw new Error(`service account token ${token} already issued`);
    this.tokens.set(token, { ...claims });
    return token;
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  lookup(token: string): ServiceAccountTokenClaims | undefined {
    return this.tokens.get(token);
  }
}

/**
 * serviceaccount.JWTTokenAuthenticator's outcome for Kubeplay's tokens. `valid` plays the
 * validator's part (upstream checks the ServiceAccount still exists with the token's uid, and a
 * bound pod or secret still exists); without it every issued token is valid.
 */
export function serviceAccountTokenAuthenticator(
  lookup: (token: string) => ServiceAccountTokenClaims | undefined,
  valid: (claims: ServiceAccountTokenClaims) => boolean = () => true,
): TokenAuthenticator {
  return {
    authenticateToken(token) {
      const c = lookup(token);
      if (!c || !valid(c)) return undefined;
      return serviceAccountUser(c);
    },
  };
}

/** The user a service-account token authenticates as (serviceaccount.ServiceAccountInfo.UserInfo). */
export function serviceAccountUser(c: ServiceAccountTokenClaims): UserInfo {
  const extra: Record<string, string[]> = {};
  if (c.podName) {
    extra[PodNameKey] = [c.podName];
    extra[PodUIDKey] = [c.podUID ?? ''];
  }
  if (c.nodeName) {
    extra[NodeNameKey] = [c.nodeName];
    if (c.nodeUID) extra[NodeUIDKey] = [c.nodeUID];
  }
  if (c.jti) extra[CredentialIDKey] = [`JTI=${c.jti}`];
  const user: UserInfo = { username: makeServiceAccountUsername(c.namespace, c.name), uid: c.uid, groups: makeServiceAccountGroupNames(c.namespace) };
  if (Object.keys(extra).length > 0) user.extra = extra;
  return user;
}

// ---- the request ----

export interface AuthenticationConfig {
  tokenAuthenticators: readonly TokenAuthenticator[];
  /** `--anonymous-auth` (upstream's default: true). */
  anonymous: boolean;
}

export type AuthenticationResult = { ok: true; user: UserInfo; anonymous: boolean } | { ok: false; status: Status };

/** The 401 WithAuthentication's failed handler writes (apierrors.NewUnauthorized("Unauthorized")). */
export function unauthorizedStatus(): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };
}

/** The anonymous user (anonymous.NewAuthenticator). */
export function anonymousUser(): UserInfo {
  return { username: Anonymous, groups: [AllUnauthenticated] };
}

/** group.AuthenticatedGroupAdder: system:authenticated for everyone but system:anonymous. */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.username === Anonymous) return user;
  if (user.groups.some((g) => g === AllAuthenticated || g === AllUnauthenticated)) return user;
  return { ...user, groups: [...user.groups, AllAuthenticated] };
}

/**
 * bearertoken.Authenticator: the token of `Authorization: Bearer <token>`, or undefined when the
 * request presents none (no header, another scheme, or an empty token).
 */
export function bearerToken(headers: Readonly<Record<string, string | readonly string[] | undefined>>): string | undefined {
  const raw = headerValue(headers, 'authorization');
  const auth = (raw ?? '').trim();
  if (auth === '') return undefined;
  const parts = auth.split(' ');
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'bearer') return undefined;
  const token = parts[1]!;
  return token.length === 0 ? undefined : token;
}

function headerValue(headers: Readonly<Record<string, string | readonly string[] | undefined>>, lowerName: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== lowerName || v === undefined) continue;
    return typeof v === 'string' ? v : v[0];
  }
  return undefined;
}

/** Who the request is from, or the 401 the apiserver answers. */
export function authenticateRequest(headers: Readonly<Record<string, string | readonly string[] | undefined>>, config: AuthenticationConfig): AuthenticationResult {
  const token = bearerToken(headers);
  if (token !== undefined) {
    for (const a of config.tokenAuthenticators) {
      const user = a.authenticateToken(token);
      if (user) return { ok: true, user: withAuthenticatedGroup(user), anonymous: false };
    }
    // "invalid bearer token": an error, so anonymous does not apply.
    return { ok: false, status: unauthorizedStatus() };
  }
  if (config.anonymous) return { ok: true, user: anonymousUser(), anonymous: true };
  return { ok: false, status: unauthorizedStatus() };
}
