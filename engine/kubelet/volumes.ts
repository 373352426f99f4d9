// The files behind a pod's volumes, as the kubelet's volume manager sets them up before the
// containers start: an emptyDir lives as long as the pod on this node, a ConfigMap or Secret holds
// one file per key, the service account's projected volume its token, ca.crt and namespace, and a
// hostPath or a claim is kept by the node, shared by every pod that mounts it here.

import type { Container, Pod, Volume } from '../api/types';
import type { Mount } from './runtime/cri';
import type { EnvSources } from './kuberuntime/env';
import type { FileStore } from './programs/fs';

/** A volume that could not be set up (the pod waits in ContainerCreating, as with a FailedMount). */
export class VolumeError extends Error {}

/** Volumes of the pods of one node. */
export class VolumeManager {
  private readonly pods = new Map<string, Map<string, FileStore>>();
  private readonly node = new Map<string, FileStore>();

  constructor(private readonly sources: EnvSources) {}

  // Models pkg/kubelet/volumemanager WaitForAttachAndMount: the pod's volumes, made once.
  private volumesOf(pod: Pod): Map<string, FileStore> {
    const uid = pod.metadata.uid!;
    let vols = this.pods.get(uid);
    if (!vols) {
      vols = new Map();
      for (const v of pod.spec?.volumes ?? []) vols.set(v.name, this.setUp(pod, v));
      this.pods.set(uid, vols);
    }
    return vols;
  }

  private setUp(pod: Pod, v: Volume): FileStore {
    const ns = pod.metadata.namespace ?? 'default';
    if (v.hostPath) return this.nodeStore(`hostPath:${v.hostPath.path}`);
    if (v.persistentVolumeClaim) return this.nodeStore(`pvc:${ns}/${v.persistentVolumeClaim.claimName}`);
    if (v.configMap) return files(this.sources.configMap?.(ns, v.configMap.name ?? '') ?? {});
    if (v.secret) return files(this.sources.secret?.(ns, v.secret.secretName ?? '') ?? {});
    if (v.projected) {
      const store: FileStore = new Map();
      for (const src of v.projected.sources ?? []) {
        if (src.serviceAccountToken) store.set(`/${src.serviceAccountToken.path}`, serviceAccountToken(pod));
        if (src.configMap) for (const [k, val] of Object.entries(this.sources.configMap?.(ns, src.configMap.name ?? '') ?? {})) store.set(`/${src.configMap.items?.find((i) => i.key === k)?.path ?? k}`, val);
        if (src.downwardAPI) for (const item of src.downwardAPI.items ?? []) if (item.fieldRef?.fieldPath === 'metadata.namespace') store.set(`/${item.path}`, ns);
      }
      return store;
    }
    return new Map();
  }

  private nodeStore(key: string): FileStore {
    let s = this.node.get(key);
    if (!s) this.node.set(key, (s = new Map()));
    return s;
  }

  /** The CRI mounts of one container. */
  mountsFor(pod: Pod, c: Container): Mount[] {
    const vols = this.volumesOf(pod);
    return (c.volumeMounts ?? []).flatMap((m) => {
      const store = vols.get(m.name);
      if (!store) return [];
      const volume = pod.spec?.volumes?.find((v) => v.name === m.name);
      const readonly = !!m.readOnly || !!volume?.configMap || !!volume?.secret || !!volume?.projected;
      return [{ containerPath: m.mountPath, readonly, store, ...(m.subPath ? { subPath: m.subPath } : {}) }];
    });
  }

  /** Tears a pod's volumes down (an emptyDir's files are gone). */
  removePod(uid: string): void {
    this.pods.delete(uid);
  }
}

// ConfigMap and Secret keys as files at the volume's root.
function files(data: Readonly<Record<string, string>>): FileStore {
  return new Map(Object.entries(data).map(([k, v]) => [`/${k}`, v]));
}

// A bound service account token: a JWT-shaped string (not signed by anything real).
function serviceAccountToken(pod: Pod): string {
  const sa = pod.spec?.serviceAccountName ?? 'default';
  return `eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVwbGF5In0.${`system:serviceaccount:${pod.metadata.namespace}:${sa}`.replace(/[^A-Za-z0-9]/g, '')}.c2ltdWxhdGVk`;
}
