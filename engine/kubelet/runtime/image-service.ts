// The node's image store behind CRI ImageService (containerd's images, and its CRI plugin's
// PullImage/ImageStatus/ListImages/RemoveImage): what has been pulled stays until removed, so a
// second pod on the node starts without a pull and node.status.images lists what is here.

import type { Co } from '../../sim/co';
import type { Scheduler } from '../scheduler';
import type { Image } from './cri';
import { normalizeReference, pullDurationMs, resolveImage, type ImageConfig, type RegistryImage } from './registry';

/** One stored image. */
interface Stored extends Image {
  config: ImageConfig;
}

/** How fast the node pulls. */
export interface PullSpeed {
  bytesPerSecond: number;
  /** Registry round trips (auth, manifest) before the layers. */
  latencyMs: number;
}

/** A node's images. */
export class ImageService {
  private readonly byId = new Map<string, Stored>();

  constructor(
    private readonly sched: Scheduler,
    private readonly speed: PullSpeed,
  ) {}

  /** Puts an image in the store without a pull (the sandbox image a node is provisioned with). */
  preload(ref: string): void {
    this.store(resolveImage(ref));
  }

  /** PullImage: waits out the transfer and returns the image id; throws the CriError of a bad reference. */
  *pullImage(ref: string): Co<string> {
    let img: RegistryImage;
    try {
      img = resolveImage(ref);
    } catch (e) {
      // Resolving a reference that does not exist still costs a round trip to the registry.
      yield* this.sched.sleep(this.speed.latencyMs);
      throw e;
    }
    // Layers already in the content store are not fetched again: a re-pull only resolves the manifest.
    const cached = this.byId.has(img.id);
    yield* this.sched.sleep(cached ? this.speed.latencyMs : pullDurationMs(img.sizeBytes, this.speed.bytesPerSecond, this.speed.latencyMs));
    return this.store(img).id;
  }

  private store(img: RegistryImage): Stored {
    const existing = this.byId.get(img.id);
    const s: Stored = existing ?? { id: img.id, repoTags: [], repoDigests: [], size: img.sizeBytes, config: img.config };
    if (img.repoTag && !s.repoTags.includes(img.repoTag)) s.repoTags.push(img.repoTag);
    if (!s.repoDigests.includes(img.repoDigest)) s.repoDigests.push(img.repoDigest);
    this.byId.set(img.id, s);
    return s;
  }

  /** ImageStatus: the stored image a reference (tag, digest or id) names, or null. */
  imageStatus(ref: string): Image | null {
    const s = this.find(ref);
    return s ? { id: s.id, repoTags: [...s.repoTags], repoDigests: [...s.repoDigests], size: s.size } : null;
  }

  /** The image config of a stored image (what a container created from it runs). */
  config(ref: string): ImageConfig | null {
    return this.find(ref)?.config ?? null;
  }

  /** ListImages. */
  listImages(): Image[] {
    return [...this.byId.values()].map((s) => ({ id: s.id, repoTags: [...s.repoTags], repoDigests: [...s.repoDigests], size: s.size }));
  }

  /** RemoveImage (a no-op for an image that is not there, as CRI requires). */
  removeImage(ref: string): void {
    const s = this.find(ref);
    if (s) this.byId.delete(s.id);
  }

  private find(ref: string): Stored | undefined {
    const direct = this.byId.get(ref);
    if (direct) return direct;
    const n = normalizeReference(ref);
    if (!n) return undefined;
    for (const s of this.byId.values()) if (s.repoTags.includes(n.normalized) || s.repoDigests.includes(n.normalized)) return s;
    return undefined;
  }
}
