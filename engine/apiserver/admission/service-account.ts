// ServiceAccount (plugin/pkg/admission/serviceaccount): its mutating half runs a pod without a
// service account as `default`, copies the account's imagePullSecrets, and mounts the projected
// `kube-api-access-*` volume in every container unless token automounting is off; its validating
// half insists the account exists and keeps mirror pods from referencing accounts or secrets.

import type { Container, KubeObject, Pod } from '../../api/types';
import type { Co } from '../../sim/co';
import { generateName } from '../registry/objects';
import { forbidden, isMain, lookup, type AdmissionContext, type Attributes, type Plugin } from './context';

const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
const volumePrefix = 'kube-api-access-';
const mirrorPodAnnotation = 'kubernetes.io/config.mirror';

type ServiceAccount = KubeObject & { automountServiceAccountToken?: boolean; imagePullSecrets?: { name?: string }[] };

const isMirrorPod = (pod: Pod) => pod.metadata.annotations?.[mirrorPodAnnotation] !== undefined;
const allContainers = (pod: Pod): Container[] => [...(pod.spec!.initContainers ?? []), ...pod.spec!.containers];

// Models plugin/pkg/admission/serviceaccount/admission.go getServiceAccount
function* getServiceAccount(ctx: AdmissionContext, a: Attributes, ns: string, name: string): Co<ServiceAccount> {
  const sa = (yield* lookup(ctx, '', 'serviceaccounts', ns, name)) as ServiceAccount | null;
  if (!sa) throw forbidden(a, `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
  return sa;
}

// Models plugin/pkg/admission/serviceaccount/admission.go createVolume
function tokenVolume(name: string): NonNullable<Pod['spec']>['volumes'] {
  return [
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ] as NonNullable<Pod['spec']>['volumes'];
}

// Models plugin/pkg/admission/serviceaccount/admission.go mountServiceAccountToken
/** Every container without a mount at the token path mounts the token volume, which is added when some container needed it. */
function mountServiceAccountToken(ctx: AdmissionContext, pod: Pod): void {
  const spec = pod.spec!;
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(volumePrefix));
  const volume = existing?.name ?? generateName(volumePrefix, ctx.rng);
  let needsTokenVolume = false;
  for (const c of allContainers(pod)) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === mountPath)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: volume, readOnly: true, mountPath }];
    needsTokenVolume = true;
  }
  if (!existing && needsTokenVolume) spec.volumes = [...(spec.volumes ?? []), ...tokenVolume(volume)!];
}

// Models plugin/pkg/admission/serviceaccount/admission.go Admit
function* admit(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE' || !isMain(a, '', 'pods')) return;
  const pod = a.obj as Pod;
  const spec = pod.spec!;
  // Mirror pods (static pods a kubelet reports) are not changed, only judged.
  if (isMirrorPod(pod)) return yield* validate(ctx, a);
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  const sa = yield* getServiceAccount(ctx, a, pod.metadata.namespace ?? '', spec.serviceAccountName);
  if (spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true) mountServiceAccountToken(ctx, pod);
  if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  yield* validate(ctx, a);
}

// Models pkg/api/v1/pod/util.go VisitPodSecretNames (the references a mirror pod may not make)
function referencesSecrets(pod: Pod): boolean {
  const spec = pod.spec!;
  if (spec.imagePullSecrets?.length) return true;
  for (const v of spec.volumes ?? []) {
    const vol = v as { secret?: unknown; projected?: { sources?: { secret?: unknown }[] } };
    if (vol.secret || vol.projected?.sources?.some((s) => s.secret)) return true;
  }
  return allContainers(pod).some((c) => (c.envFrom ?? []).some((e) => e.secretRef) || (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef));
}

// Models plugin/pkg/admission/serviceaccount/admission.go Validate
function* validate(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE' || !isMain(a, '', 'pods')) return;
  const pod = a.obj as Pod;
  const spec = pod.spec!;
  const ns = pod.metadata.namespace ?? '';
  if (isMirrorPod(pod)) {
    if (spec.serviceAccountName) throw forbidden(a, 'a mirror pod may not reference service accounts');
    if (referencesSecrets(pod)) throw forbidden(a, 'a mirror pod may not reference secrets');
    const projected = (spec.volumes ?? []).flatMap((v) => (v as { projected?: { sources?: { serviceAccountToken?: unknown }[] } }).projected?.sources ?? []);
    if (projected.some((s) => s.serviceAccountToken)) throw forbidden(a, 'a mirror pod may not use ServiceAccountToken volume projections');
    return;
  }
  if (!spec.serviceAccountName) throw forbidden(a, `no service account specified for pod ${ns}/${pod.metadata.name ?? ''}`);
  yield* getServiceAccount(ctx, a, ns, spec.serviceAccountName);
}

/** The ServiceAccount plugin. */
export const serviceAccount: Plugin = { name: 'ServiceAccount', admit, validate };
