// Making sure a container's image is on the node before it is created (pkg/kubelet/images
// image_manager.go EnsureImageExists): the pull policy decides whether to look or to pull, a failed
// pull backs off (10 s doubling to 300 s: ImagePullBackOff), pulls are serialized as the kubelet's
// default serializeImagePulls=true makes them, and each step records the event the kubelet does.

import type { Container, Pod } from '../../api/types';
import { defaultPullPolicy, parseImageName } from '../../api/defaults/image';
import { suspend, type Co } from '../../sim/co';
import { durationFromMs } from '../../etcdctl/gofmt';
import type { Backoff } from '../backoff';
import { containerRef, reason, type EventRecorder } from '../events';
import { CriError } from '../runtime/errors';
import type { ImageService } from '../runtime/image-service';
import type { Scheduler } from '../scheduler';

/** The image errors of pkg/kubelet/images/types.go: each is the waiting reason it causes. */
export const ErrImagePullBackOff = 'ImagePullBackOff';
export const ErrImageInspect = 'ImageInspectError';
export const ErrImagePull = 'ErrImagePull';
export const ErrImageNeverPull = 'ErrImageNeverPull';
export const ErrInvalidImageName = 'InvalidImageName';

/** EnsureImageExists's answer: the image id, or the error and its message. */
export type EnsureResult = { ok: true; imageRef: string } | { ok: false; err: string; message: string };

// Models pkg/kubelet/images/image_manager.go applyDefaultImageTag
/** The image with `:latest` when it names neither a tag nor a digest; null when it does not parse. */
export function applyDefaultImageTag(image: string): string | null {
  const parsed = parseImageName(image);
  if (!parsed) return null;
  if (!parsed.digest && parsed.tag && !image.endsWith(`:${parsed.tag}`)) return `${image}:${parsed.tag}`;
  return image;
}

// Models pkg/kubelet/images/puller.go serialImagePuller: one pull at a time, in order of asking.
class SerialPuller {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  *acquire(): Co<void> {
    if (!this.busy) {
      this.busy = true;
      return;
    }
    yield* suspend<void>((resume) => {
      const turn = () => resume(undefined);
      this.waiting.push(turn);
      return () => {
        const i = this.waiting.indexOf(turn);
        if (i >= 0) this.waiting.splice(i, 1);
      };
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

// Models pkg/kubelet/images/image_manager.go
/** The node's image manager. */
export class ImageManager {
  private readonly puller = new SerialPuller();

  constructor(
    private readonly images: ImageService,
    private readonly sched: Scheduler,
    private readonly recorder: EventRecorder,
    private readonly backOff: Backoff,
  ) {}

  /** EnsureImageExists for a container of a pod. */
  *ensureImageExists(pod: Pod, container: Container): Co<EnsureResult> {
    const ref = containerRef(pod, container);
    const imgRef = container.image ?? '';
    const log = (type: 'Normal' | 'Warning', why: string, msg: string) => this.recorder.event(ref, type, why, msg);
    const image = applyDefaultImageTag(imgRef);
    if (image === null) {
      const msg = `Failed to apply default image tag "${imgRef}": couldn't parse image name "${imgRef}": invalid reference format`;
      log('Warning', reason.failedToInspectImage, msg);
      return { ok: false, err: ErrInvalidImageName, message: msg };
    }
    const policy = container.imagePullPolicy ?? defaultPullPolicy(imgRef);
    const present = this.images.imageStatus(image);
    if (policy !== 'Always' && present) {
      const msg = `Container image "${imgRef}" already present on machine`;
      log('Normal', reason.pulledImage, msg);
      return { ok: true, imageRef: present.id };
    }
    if (policy === 'Never') {
      const msg = `Container image "${imgRef}" is not present with pull policy of Never`;
      log('Warning', reason.errImageNeverPullPolicy, msg);
      return { ok: false, err: ErrImageNeverPull, message: msg };
    }
    const backOffKey = `${pod.metadata.uid}_${imgRef}`;
    if (this.backOff.isInBackOffSinceUpdate(backOffKey, this.sched.now())) {
      const msg = `Back-off pulling image "${imgRef}"`;
      log('Normal', reason.backOffPullImage, msg);
      return { ok: false, err: ErrImagePullBackOff, message: msg };
    }
    log('Normal', reason.pullingImage, `Pulling image "${imgRef}"`);
    const asked = this.sched.now();
    yield* this.puller.acquire();
    const started = this.sched.now();
    let id: string;
    try {
      id = yield* this.images.pullImage(image);
    } catch (e) {
      if (!(e instanceof CriError)) throw e;
      log('Warning', reason.failedToPullImage, `Failed to pull image "${imgRef}": ${e.message}`);
      this.backOff.next(backOffKey, this.sched.now());
      return { ok: false, err: ErrImagePull, message: e.message };
    } finally {
      this.puller.release();
    }
    const size = this.images.imageStatus(id)?.size ?? 0;
    const pull = Math.trunc(this.sched.now() - started);
    const total = Math.trunc(this.sched.now() - asked);
    log('Normal', reason.pulledImage, `Successfully pulled image "${imgRef}" in ${durationFromMs(pull)} (${durationFromMs(total)} including waiting). Image size: ${size} bytes.`);
    this.backOff.gc();
    return { ok: true, imageRef: id };
  }
}
