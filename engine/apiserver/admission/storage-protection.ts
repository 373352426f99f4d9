// StorageObjectInUseProtection and DefaultStorageClass (plugin/pkg/admission/storage): claims and
// volumes get their protection finalizers; a claim without a class gets the default one.

import type { KubeObject, PersistentVolumeClaim } from '../../api/types';
import type { Co } from '../../sim/co';
import { isMain, listCached, type AdmissionContext, type Attributes } from './context';

const isDefaultClass = (sc: KubeObject) => {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
};

function addFinalizer(o: KubeObject, f: string): void {
  const fs = o.metadata.finalizers ?? [];
  if (!fs.includes(f)) fs.push(f);
  o.metadata.finalizers = fs;
}

export function* storageProtection(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE') return;
  if (isMain(a, '', 'persistentvolumeclaims')) {
    const pvc = a.obj as PersistentVolumeClaim;
    if (pvc.spec && pvc.spec.storageClassName === undefined) {
      // The newest default class wins when several are marked default.
      const defaults = listCached(ctx, 'storage.k8s.io', 'storageclasses', '').filter(isDefaultClass);
      defaults.sort((x, y) => ((x.metadata.creationTimestamp ?? '') < (y.metadata.creationTimestamp ?? '') ? 1 : -1));
      if (defaults[0]) pvc.spec.storageClassName = defaults[0].metadata.name;
    }
    addFinalizer(pvc, 'kubernetes.io/pvc-protection');
  }
  if (isMain(a, '', 'persistentvolumes')) addFinalizer(a.obj, 'kubernetes.io/pv-protection');
}
