// ServiceAccount (plugin/pkg/admission/serviceaccount): a pod without a service account runs as
// `default`, which must exist, and gets the projected `kube-api-access-*` volume mounted in every
// container unless token automounting is off.

import type { KubeObject, Pod } from '../../api/types';
import type { Co } from '../../sim/co';
import { newForbidden } from '../errors';
import { generateName } from '../registry/objects';
import { isMain, lookup, type AdmissionContext, type Attributes } from './context';

const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

export function* serviceAccount(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE' || !isMain(a, '', 'pods')) return;
  const pod = a.obj as Pod;
  const spec = pod.spec!;
  // Mirror pods (static pods a kubelet reports) are left alone.
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  const ns = pod.metadata.namespace ?? '';
  const sa = (yield* lookup(ctx, '', 'serviceaccounts', ns, spec.serviceAccountName)) as (KubeObject & { automountServiceAccountToken?: boolean }) | null;
  if (!sa) {
    throw newForbidden({ group: '', resource: 'pods' }, pod.metadata.name ?? '', `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
  }
  const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
  if (!automount) return;
  const containers = [...(spec.initContainers ?? []), ...spec.containers];
  if (containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === mountPath))) return;
  const volume = generateName('kube-api-access-', ctx.rng);
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name: volume,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ] as typeof spec.volumes;
  for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name: volume, readOnly: true, mountPath }];
}
