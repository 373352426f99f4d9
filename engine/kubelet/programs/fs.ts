// A container's files: its own writable layer (lost when the container is replaced, as an overlay
// upper dir is) with the pod's emptyDir volumes mounted on top (kept across restarts and shared by
// the pod's containers). Enough for `touch /tmp/healthy` probes, sidecars sharing a log directory
// and /dev/termination-log.

// The directories every image has (FHS), so writes to the usual places succeed.
const defaultDirs = ['/', '/bin', '/data', '/dev', '/etc', '/home', '/opt', '/root', '/run', '/srv', '/tmp', '/usr', '/usr/local', '/usr/share', '/var', '/var/log', '/var/run', '/var/tmp'];

/** One directory tree's contents: path → file text. */
export type FileStore = Map<string, string>;

/** A volume mounted into a container. */
export interface Mount {
  mountPath: string;
  store: FileStore;
  readOnly: boolean;
  /** Only this directory of the volume is mounted (VolumeMount.subPath). */
  subPath?: string;
}

/** Why a file operation failed, as errno names it. */
export type FsError = 'ENOENT' | 'EROFS' | 'EISDIR';

/** strerror(3) of an FsError, as tools print it. */
export const fsErrorText: Record<FsError, string> = { ENOENT: 'No such file or directory', EROFS: 'Read-only file system', EISDIR: 'Is a directory' };

/** The files one container sees. */
export class FileSystem {
  private readonly layer: FileStore = new Map();
  private readonly dirs = new Set<string>(defaultDirs);

  constructor(private readonly mounts: readonly Mount[] = []) {
    for (const m of mounts) this.dirs.add(m.mountPath);
  }

  /** The file's text, or the error reading it gives. */
  read(path: string): { text: string } | { error: FsError } {
    const p = normalize(path);
    if (this.isDir(p)) return { error: 'EISDIR' };
    const { store, key } = this.locate(p);
    const text = store.get(key);
    return text === undefined ? { error: 'ENOENT' } : { text };
  }

  /** Writes (or appends to) a file; null on success. */
  write(path: string, text: string, append = false): FsError | null {
    const p = normalize(path);
    if (this.isDir(p)) return 'EISDIR';
    const { store, key, readOnly } = this.locate(p);
    if (readOnly) return 'EROFS';
    if (!this.isDir(parent(p))) return 'ENOENT';
    store.set(key, append ? (store.get(key) ?? '') + text : text);
    return null;
  }

  /** Removes a file; null on success. */
  remove(path: string): FsError | null {
    const p = normalize(path);
    const { store, key, readOnly } = this.locate(p);
    if (readOnly) return 'EROFS';
    if (store.delete(key)) return null;
    if (this.dirs.delete(p)) return null;
    return 'ENOENT';
  }

  /** Creates a directory (and its parents with `parents`); null on success. */
  mkdir(path: string, parents = false): FsError | null {
    const p = normalize(path);
    if (!parents && !this.isDir(parent(p))) return 'ENOENT';
    for (let d = p; d !== '/' && !this.dirs.has(d); d = parent(d)) this.dirs.add(d);
    return null;
  }

  exists(path: string): boolean {
    const p = normalize(path);
    return this.isDir(p) || 'text' in this.read(p);
  }

  isDir(path: string): boolean {
    const p = normalize(path);
    if (this.dirs.has(p)) return true;
    const { store, key } = this.locate(p);
    const prefix = key.endsWith('/') ? key : `${key}/`;
    for (const k of store.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  /** The entries directly inside a directory, sorted. */
  list(path: string): string[] {
    const p = normalize(path);
    const prefix = p === '/' ? '/' : `${p}/`;
    const names = new Set<string>();
    const add = (full: string) => {
      if (full.startsWith(prefix) && full !== p) names.add(full.slice(prefix.length).split('/')[0]);
    };
    for (const d of this.dirs) add(d);
    for (const k of this.layer.keys()) add(k);
    for (const m of this.mounts) {
      const sub = m.subPath ? normalize(`/${m.subPath}`) : '';
      for (const k of m.store.keys()) if (!sub || k.startsWith(`${sub}/`)) add(joinPath(m.mountPath, k.slice(sub.length)));
    }
    return [...names].sort();
  }

  // The mount a path falls under (the longest mountPath that prefixes it), and the key inside it.
  private locate(p: string): { store: FileStore; key: string; readOnly: boolean } {
    let best: Mount | undefined;
    for (const m of this.mounts) {
      if ((p === m.mountPath || p.startsWith(`${m.mountPath}/`)) && (!best || m.mountPath.length > best.mountPath.length)) best = m;
    }
    if (!best) return { store: this.layer, key: p, readOnly: false };
    const inside = p.slice(best.mountPath.length) || '/';
    const key = best.subPath ? normalize(`/${best.subPath}/${inside}`) : inside;
    return { store: best.store, key, readOnly: best.readOnly };
  }
}

/** A path with `.`/`..` resolved and no trailing slash (relative paths are taken from /). */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function parent(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function joinPath(mount: string, key: string): string {
  return key === '/' ? mount : `${mount}${key}`;
}
