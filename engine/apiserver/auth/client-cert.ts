// The bearer-token form Kubeplay gives a client certificate (there is no TLS in the simulation):
// what the components present and what the x509 authenticator in authn.ts reads. Kept apart from
// the authenticators so the page thread can write one without their code.

export const clientCertTokenPrefix = 'kubeplay-client-cert:';

/** `kubeplay-client-cert:<CN>|<O>,<O>…`. */
export function clientCertToken(commonName: string, organizations: string[] = []): string {
  return `${clientCertTokenPrefix}${commonName}|${organizations.join(',')}`;
}
