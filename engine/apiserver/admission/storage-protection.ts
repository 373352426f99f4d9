// DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault) and
// StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): a claim
// without a class gets the default one; claims and volumes get their protection finalizers. Both
// only mutate.

import type { KubeObject, PersistentVolumeClaim } from '../../api/types';
import type { Co } from '../../sim/co';
import { isMain, listCached, type AdmissionContext, type Attributes, type Plugin } from './context';

const isDefaultClass = (sc: KubeObject) => {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
};

function addFinalizer(o: KubeObject, f: string): void {
  const fs = o.metadata.finalizers ?? [];
  if (!fs.includes(f)) fs.push(f);
  o.metadata.finalizers = fs;
}

// Models pkg/volume/util/storageclass.go GetDefaultClass: the newest default class, then the first by name.
function defaultClass(ctx: AdmissionContext): KubeObject | undefined {
  const defaults = listCached(ctx, 'storage.k8s.io', 'storageclasses', '').filter(isDefaultClass);
  const ms = (o: KubeObject) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;
  defaults.sort((x, y) => ms(y) - ms(x) || ((x.metadata.name ?? '') < (y.metadata.name ?? '') ? -1 : 1));
  return defaults[0];
}

// Models plugin/pkg/admission/storage/storageclass/setdefault/admission.go Admit
function* admitDefaultStorageClass(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE' || !isMain(a, '', 'persistentvolumeclaims')) return;
  const pvc = a.obj as PersistentVolumeClaim;
  if (!pvc.spec || pvc.spec.storageClassName !== undefined) return;
  if (pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  const sc = defaultClass(ctx);
  if (sc) pvc.spec.storageClassName = sc.metadata.name;
}

// Models plugin/pkg/admission/storage/storageobjectinuseprotection/admission.go Admit
function* admitStorageObjectInUseProtection(_ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE') return;
  if (isMain(a, '', 'persistentvolumeclaims')) addFinalizer(a.obj, 'kubernetes.io/pvc-protection');
  if (isMain(a, '', 'persistentvolumes')) addFinalizer(a.obj, 'kubernetes.io/pv-protection');
}

/** The DefaultStorageClass plugin. */
export const defaultStorageClass: Plugin = { name: 'DefaultStorageClass', admit: admitDefaultStorageClass };

/** The StorageObjectInUseProtection plugin. */
export const storageObjectInUseProtection: Plugin = { name: 'StorageObjectInUseProtection', admit: admitStorageObjectInUseProtection };
