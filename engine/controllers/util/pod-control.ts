// RealPodControl (pkg/controller/controller_utils.go): how a workload controller creates, deletes
// and patches its pods. A pod is built from the controller's template with the controllerRef as its
// owner (GetPodFromTemplate) and named `<owner>-<random>` by the apiserver; each outcome is recorded
// as an event on the owner, with upstream's reasons and messages.

import type { KubeObject, OwnerReference, Pod, PodTemplateSpec, StatusCause } from '../../api/types';
import { nameIsDNSSubdomain } from '../../api/validation/names';
import { StatusError } from '../../apiserver/errors';
import { isNotFound, res, type KubeClient } from '../../client/clientset';
import type { EventRecorder } from '../../client/events';
import type { Co } from '../../sim/co';

/** Event reasons of pod control (controller.FailedCreatePodReason, …). */
export const failedCreatePodReason = 'FailedCreate';
export const successfulCreatePodReason = 'SuccessfulCreate';
export const failedDeletePodReason = 'FailedDelete';
export const successfulDeletePodReason = 'SuccessfulDelete';

/** The cause a create carries when its namespace is being deleted (v1.NamespaceTerminatingCause). */
export const namespaceTerminatingCause = 'NamespaceTerminating';

/** What a controller does to pods; tests may substitute their own (PodControlInterface). */
export interface PodControl {
  createPods(namespace: string, template: PodTemplateSpec, owner: KubeObject, controllerRef: OwnerReference): Co<void>;
  createPodsWithGenerateName(namespace: string, template: PodTemplateSpec, owner: KubeObject, controllerRef: OwnerReference, generateName: string): Co<void>;
  deletePod(namespace: string, podName: string, owner: KubeObject): Co<void>;
  /** A strategic merge patch of a pod (adoption and release send these). */
  patchPod(namespace: string, name: string, patch: unknown): Co<void>;
}

// Models k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go NewControllerRef
/** The ownerReference a controller puts on what it creates: controller and blockOwnerDeletion set. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

// Models k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go GetControllerOf
/** The ownerReference marked controller, if any. */
export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

// Models k8s.io/apimachinery/pkg/api/errors/errors.go HasStatusCause
/** Whether an API error carries a cause of this type. */
export function hasStatusCause(err: unknown, cause: string): boolean {
  return err instanceof StatusError && (err.status.details?.causes ?? []).some((c: StatusCause) => c.reason === cause);
}

/** The text Go's %v prints for an error. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// Models pkg/controller/controller_utils.go validateControllerRef
function validateControllerRef(ref: OwnerReference | undefined): void {
  if (!ref) throw new Error('controllerRef is nil');
  if (!ref.apiVersion) throw new Error('controllerRef has empty APIVersion');
  if (!ref.kind) throw new Error('controllerRef has empty Kind');
  if (ref.controller !== true) throw new Error('controllerRef.Controller is not set to true');
  if (ref.blockOwnerDeletion !== true) throw new Error('controllerRef.BlockOwnerDeletion is not set');
}

// Models pkg/controller/controller_utils.go getPodsPrefix
/** `<owner>-`, unless that is no valid generateName (then the bare name). */
export function getPodsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return nameIsDNSSubdomain(prefix, true).length === 0 ? prefix : controllerName;
}

// Models pkg/controller/controller_utils.go GetPodFromTemplate
/** The pod a template describes: its labels, annotations and finalizers copied, the controllerRef as owner. */
export function getPodFromTemplate(template: PodTemplateSpec, owner: KubeObject, controllerRef?: OwnerReference): Pod {
  const m = template.metadata ?? {};
  const pod: Pod = {
    metadata: {
      ...(m.labels ? { labels: { ...m.labels } } : {}),
      ...(m.annotations ? { annotations: { ...m.annotations } } : {}),
      generateName: getPodsPrefix(owner.metadata.name ?? ''),
      ...(m.finalizers ? { finalizers: [...m.finalizers] } : {}),
      ...(controllerRef ? { ownerReferences: [{ ...controllerRef }] } : {}),
    },
    spec: structuredClone(template.spec ?? { containers: [] }),
  };
  return pod;
}

// Models pkg/controller/controller_utils.go RealPodControl
/** Pod control over the clientset, recording events as the controller's recorder. */
export class RealPodControl implements PodControl {
  constructor(
    private readonly client: KubeClient,
    private readonly recorder: EventRecorder,
  ) {}

  *createPods(namespace: string, template: PodTemplateSpec, owner: KubeObject, controllerRef: OwnerReference): Co<void> {
    yield* this.createPodsWithGenerateName(namespace, template, owner, controllerRef, '');
  }

  *createPodsWithGenerateName(namespace: string, template: PodTemplateSpec, owner: KubeObject, controllerRef: OwnerReference, generateName: string): Co<void> {
    validateControllerRef(controllerRef);
    const pod = getPodFromTemplate(template, owner, controllerRef);
    if (generateName) pod.metadata.generateName = generateName;
    yield* this.create(namespace, pod, owner);
  }

  *deletePod(namespace: string, podName: string, owner: KubeObject): Co<void> {
    try {
      yield* this.client.delete(res('', 'pods'), namespace, podName);
    } catch (e) {
      if (isNotFound(e)) throw e;
      this.recorder.event(owner, 'Warning', failedDeletePodReason, `Error deleting: ${errorText(e)}`);
      throw new Error(`unable to delete pods: ${errorText(e)}`);
    }
    this.recorder.event(owner, 'Normal', successfulDeletePodReason, `Deleted pod: ${podName}`);
  }

  *patchPod(namespace: string, name: string, patch: unknown): Co<void> {
    yield* this.client.patch(res('', 'pods'), namespace, name, 'application/strategic-merge-patch+json', patch);
  }

  private *create(namespace: string, pod: Pod, owner: KubeObject): Co<void> {
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
    let created: Pod;
    try {
      created = yield* this.client.create<Pod>(res('', 'pods'), namespace, { apiVersion: 'v1', kind: 'Pod', ...pod });
    } catch (e) {
      // A namespace being deleted refuses every create; that is not worth an event.
      if (!hasStatusCause(e, namespaceTerminatingCause)) this.recorder.event(owner, 'Warning', failedCreatePodReason, `Error creating: ${errorText(e)}`);
      throw e;
    }
    this.recorder.event(owner, 'Normal', successfulCreatePodReason, `Created pod: ${created.metadata.name}`);
  }
}
