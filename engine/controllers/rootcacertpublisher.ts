// The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go,
// 1.32): every namespace has the kube-root-ca.crt ConfigMap, whose ca.crt is the cluster CA that
// pods use to verify kube-apiserver (projected into each service account token volume). It is
// made again when deleted and put back when edited.
//
// Kubeplay has no TLS, so the CA is a fixed certificate: a real self-signed X.509 CA (CN=kubernetes,
// valid 2025-2034, as kubeadm names its CA) whose private key was thrown away. It verifies nothing
// here, but it parses with `openssl x509` and every cluster publishes the same bytes.

import type { ConfigMap, Namespace } from '../api/types/core';
import { isNotFound, res } from '../client/clientset';
import type { Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { isNamespaceTerminating } from './serviceaccount';

const namespaces = res('', 'namespaces');
const configMaps = res('', 'configmaps');

/** The ConfigMap's name (RootCACertConfigMapName). */
export const rootCACertConfigMapName = 'kube-root-ca.crt';
const descriptionAnnotation = 'kubernetes.io/description';
const description =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The cluster CA certificate Kubeplay publishes (see the file comment). */
export const rootCA = `-----BEGIN CERTIFICATE-----
MIIC5zCCAc+gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDDAprdWJl
cm5ldGVzMB4XDTI1MDEwMTAwMDAwMFoXDTM0MTIzMDAwMDAwMFowFTETMBEGA1UE
AwwKa3ViZXJuZXRlczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAKAd
x1s2dGkxCyV0DHuwVpuDBTYrSabgTjHvZ/41lEyof4ZMAv1y76Wh9GLuDtWRUBCJ
Ae2mOD8zw8LLT9i6WO0GNgTOZX8ezgf6Ftaj3vsh6Ui9nIHeWjhYaWunqabI1Nvl
h/DTOVp0Lt8YBfvQmmXhgSQKWSVKd+lxaThRvehGzNZDg5he8JSeOYSXGlciqjim
ZKJz1QWf0TXSzV5GDBbPBa3OGXnKfLZE4bbKFckB6MNYAq2A+mkPiH2U7kUkmwcX
me6+EYuIB0fyEzGTN9YQAD4KKXAKw4+5rzYdsbCXT3heII/2Zp1Qpmy/4RCm5Qbn
f3SgHRxFbc/B7UnvH2MCAwEAAaNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B
Af8EBAMCAqQwHQYDVR0OBBYEFKEMu74t88QzISevOenxQhehPJnzMA0GCSqGSIb3
DQEBCwUAA4IBAQAJTOS8LPIHUveaiM0HaVw2hEttk4+p0cre5/tDS0jXDhGDwFaW
MJ/Fylp8PB3RMi6GLsfdu56EohWy8Xe8KSSp7WHgN5bsqFRHO920iZYXCfu8+5Ei
QkE/duz5cZdjRibbhqHvj8HAjZMcD+NPnrfrUpG1Qikx8w5m07DGY1xMrJRoqeiz
J3+tfzASixksKU05SmZ7LDX0bnQNl1V+FBWBR4p34Lz6mOzY1HRq4Uwb7R0hjQ29
Ie8nyfkLeMxvat0oCEqPm18F8eobxG33uyb4mj20TfsJLMSheE+v3GDMd/bPteGz
YNhQqYWdXKtTpTKsB9du/GhLA78hnoVo0agI
-----END CERTIFICATE-----
`;

// Models publisher.go NewPublisher
/** The root CA publisher, over the shared namespace and ConfigMap informers. */
export function newRootCACertPublisher(ctx: ControllerContext): Controller {
  const nsInformer = ctx.informers.informerFor<Namespace>(namespaces);
  const cmInformer = ctx.informers.informerFor<ConfigMap>(configMaps);
  const queue = ctx.newQueue('root_ca_cert_publisher');
  const ours = (cm: ConfigMap) => cm.metadata.name === rootCACertConfigMapName && cm.metadata.namespace;
  cmInformer.addEventHandler({
    update: (_, cm) => void (ours(cm) && queue.add(cm.metadata.namespace!)),
    delete: (cm) => void (ours(cm) && queue.add(cm.metadata.namespace!)),
  });
  nsInformer.addEventHandler({
    add: (ns) => queue.add(ns.metadata.name!),
    update: (_, ns) => void (ns.status?.phase === 'Active' && queue.add(ns.metadata.name!)),
  });

  // Models publisher.go syncNamespace
  function* syncNamespace(ns: string): Co<void> {
    const cm = cmInformer.lister.get(ns, rootCACertConfigMapName);
    const data = { 'ca.crt': rootCA };
    if (!cm) {
      try {
        yield* ctx.client.create<ConfigMap>(configMaps, ns, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: rootCACertConfigMapName, annotations: { [descriptionAnnotation]: description } }, data });
      } catch (e) {
        // Not retried when the namespace is gone or going.
        if (isNotFound(e) || isNamespaceTerminating(e)) return;
        throw e;
      }
      return;
    }
    // The data and the one annotation that describes the ConfigMap's use must match.
    const same = Object.keys(cm.data ?? {}).length === 1 && cm.data?.['ca.crt'] === rootCA;
    if (same && cm.metadata.annotations?.[descriptionAnnotation]) return;
    const next = structuredClone(cm);
    next.data = data;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [descriptionAnnotation]: description };
    yield* ctx.client.update(configMaps, ns, next);
  }

  return { name: 'root-ca-cert-publisher', workers: 1, queue, sync: syncNamespace };
}
