// storage.k8s.io/v1 defaulting: pkg/apis/storage/v1/defaults.go (SetDefaults_StorageClass; the
// CSIDriver defaults are not here since CSIDriver is not served).

import type { StorageClass } from '../types';
import { isNil } from './util';

/** SetDefaults_StorageClass: volumes are deleted with their claim and bound at once. */
export function setDefaultsStorageClass(obj: StorageClass): void {
  if (isNil(obj.reclaimPolicy)) obj.reclaimPolicy = 'Delete';
  if (isNil(obj.volumeBindingMode)) obj.volumeBindingMode = 'Immediate';
}
