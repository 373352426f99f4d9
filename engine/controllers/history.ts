// ControllerRevisions (pkg/controller/history/controller_history.go): the history DaemonSets and
// StatefulSets keep of their pod templates. A revision holds a patch that replaces the owner's
// spec.template, is named `<owner>-<hash>` where the hash is FNV-32 of the patch's JSON (plus the
// collision count), carries the controller.kubernetes.io/hash label, and is numbered: the newest
// revision has the highest `revision`. Rolling back re-numbers an old revision as the newest.

import type { ControllerRevision, KubeObject } from '../api/types';
import type { Selector } from '../api/labels';
import { isAlreadyExists, isConflict, isNotFound, res, type KubeClient } from '../client/clientset';
import type { Lister } from '../client/store';
import type { Co } from '../sim/co';
import { StatusError } from '../apiserver/errors';
import { BaseControllerRefManager, deleteOwnerRefStrategicMergePatch, ownerRefControllerPatch, type CanAdoptFunc } from './util/controller-ref';
import { errorText, getControllerOf, newControllerRef } from './util/pod-control';
import { safeEncodeString } from './util/hash';

const controllerRevisions = res('apps', 'controllerrevisions');

/** The label a revision's hash is kept in (history.ControllerRevisionHashLabel). */
export const controllerRevisionHashLabel = 'controller.kubernetes.io/hash';

/** FNV-1, 32 bits (hash/fnv New32): multiply, then xor; revision names hash with it, not with FNV-1a. */
export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/**
 * Go's json.Marshal of a value decoded into map[string]interface{}: object keys sorted, no spaces,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped. It is the byte form a revision's data is hashed and compared in.
 */
export function goJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${goJSON(k)}:${goJSON(o[k])}`).join(',')}}`;
}

// Models pkg/controller/history/controller_history.go ControllerRevisionName.
/** `<prefix>-<hash>`, the prefix cut to 223 characters so the name stays valid. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

// Models pkg/controller/history/controller_history.go HashControllerRevision.
/** FNV-32 of the revision's data, then of the collision count in decimal, in the vowel-free alphabet. */
export function hashControllerRevision(revision: ControllerRevision, probe?: number | null): string {
  const enc = new TextEncoder();
  let h = fnv32(enc.encode(goJSON(revision.data)));
  if (probe !== undefined && probe !== null) h = fnv32(enc.encode(String(probe)), h);
  return safeEncodeString(String(h));
}

// Models pkg/controller/history/controller_history.go NewControllerRevision.
/** A revision of `parent` holding `data`, labelled as the template was, named by its hash. */
export function newControllerRevision(parent: KubeObject, parentApiVersion: string, parentKind: string, templateLabels: Record<string, string> | undefined, data: unknown, revision: number, collisionCount?: number | null): ControllerRevision {
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { labels: { ...(templateLabels ?? {}) }, ownerReferences: [newControllerRef(parent, parentApiVersion, parentKind)] },
    data,
    revision,
  };
  const hash = hashControllerRevision(cr, collisionCount);
  cr.metadata.name = controllerRevisionName(parent.metadata.name ?? '', hash);
  cr.metadata.labels![controllerRevisionHashLabel] = hash;
  return cr;
}

// Models pkg/controller/history/controller_history.go SortControllerRevisions.
/** Sorts by revision, then creation time, then name (oldest first). */
export function sortControllerRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    if (ta !== tb) return ta - tb;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
  });
}

// Models pkg/controller/history/controller_history.go EqualRevision.
/** Whether two revisions hold the same data (a differing numeric hash label settles it sooner). */
export function equalRevision(lhs: ControllerRevision | null | undefined, rhs: ControllerRevision | null | undefined): boolean {
  if (!lhs || !rhs) return lhs === rhs;
  const num = (r: ControllerRevision) => {
    const hs = r.metadata.labels?.[controllerRevisionHashLabel];
    return hs !== undefined && /^[+-]?\d+$/.test(hs) && Math.abs(Number(hs)) <= 2 ** 31 - 1 ? Number(hs) >>> 0 : null;
  };
  const lh = num(lhs);
  const rh = num(rhs);
  if (lh !== null && rh !== null && lh !== rh) return false;
  return goJSON(lhs.data) === goJSON(rhs.data);
}

/** The revisions equal to `needle` (FindEqualRevisions). */
export function findEqualRevisions(revisions: readonly ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** The number the next revision gets: one past the newest of sorted `revisions` (NextRevision). */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  return revisions.length === 0 ? 1 : revisions[revisions.length - 1]!.revision + 1;
}

// Models pkg/controller/history/controller_history.go realHistory.
/** History over the clientset and the ControllerRevision lister (history.Interface). */
export class History {
  constructor(
    private readonly client: KubeClient,
    private readonly lister: Lister<ControllerRevision>,
  ) {}

  /** The revisions matching `selector` that `parent` controls, and the orphans among them. */
  listControllerRevisions(parent: KubeObject, selector: Selector): ControllerRevision[] {
    return this.lister.list(parent.metadata.namespace ?? '', selector).filter((r) => {
      const ref = getControllerOf(r);
      return !ref || ref.uid === parent.metadata.uid;
    });
  }

  /** Creates the revision; on a name collision with different data, bumps `collision.count` and tries the next name. */
  *createControllerRevision(parent: KubeObject, revision: ControllerRevision, collision: { count: number }): Co<ControllerRevision> {
    const ns = parent.metadata.namespace ?? '';
    for (;;) {
      const clone = structuredClone(revision);
      clone.metadata.name = controllerRevisionName(parent.metadata.name ?? '', hashControllerRevision(revision, collision.count));
      try {
        return yield* this.client.create<ControllerRevision>(controllerRevisions, ns, clone);
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const exists = yield* this.client.get<ControllerRevision>(controllerRevisions, ns, clone.metadata.name!);
        if (goJSON(exists.data) === goJSON(clone.data)) return exists;
        collision.count++;
      }
    }
  }

  /** Re-numbers a revision (a rollback makes an old one the newest), retrying on conflict. */
  *updateControllerRevision(revision: ControllerRevision, newRevision: number): Co<ControllerRevision> {
    let clone = structuredClone(revision);
    for (;;) {
      if (clone.revision === newRevision) return clone;
      clone.revision = newRevision;
      try {
        return yield* this.client.update<ControllerRevision>(controllerRevisions, clone.metadata.namespace ?? '', clone);
      } catch (e) {
        if (!isConflict(e)) throw e;
        clone = structuredClone(yield* this.client.get<ControllerRevision>(controllerRevisions, clone.metadata.namespace ?? '', clone.metadata.name!));
      }
    }
  }

  *deleteControllerRevision(revision: ControllerRevision): Co<void> {
    yield* this.client.delete(controllerRevisions, revision.metadata.namespace ?? '', revision.metadata.name!);
  }

  /** Makes `parent` the controller of an orphan revision. */
  *adoptControllerRevision(parent: KubeObject, parentApiVersion: string, parentKind: string, revision: ControllerRevision): Co<ControllerRevision> {
    const owner = getControllerOf(revision);
    if (owner) throw new Error(`attempt to adopt revision owned by ${JSON.stringify(owner)}`);
    const patch = { metadata: { ownerReferences: [newControllerRef(parent, parentApiVersion, parentKind)], uid: revision.metadata.uid } };
    return yield* this.client.patch<ControllerRevision>(controllerRevisions, parent.metadata.namespace ?? '', revision.metadata.name!, 'application/strategic-merge-patch+json', patch);
  }

  /** Drops `parent`'s reference from a revision; one gone or no longer ours is no error. */
  *releaseControllerRevision(parent: KubeObject, revision: ControllerRevision): Co<ControllerRevision | null> {
    try {
      return yield* this.client.patch<ControllerRevision>(controllerRevisions, revision.metadata.namespace ?? '', revision.metadata.name!, 'application/strategic-merge-patch+json', deleteOwnerRefStrategicMergePatch(revision.metadata.uid ?? '', [parent.metadata.uid ?? '']));
    } catch (e) {
      if (isNotFound(e) || (e instanceof StatusError && e.reason === 'Invalid')) return null;
      throw e;
    }
  }
}

// Models pkg/controller/controller_ref_manager.go ControllerRevisionControllerRefManager.
/** Claims ControllerRevisions for a DaemonSet or StatefulSet: keep, adopt matching orphans, release strays. */
export class ControllerRevisionControllerRefManager extends BaseControllerRefManager {
  constructor(
    private readonly client: KubeClient,
    controller: KubeObject,
    selector: Selector,
    /** The controller's apiVersion and kind, as its ownerReferences name it. */
    private readonly controllerKind: { apiVersion: string; kind: string },
    canAdopt?: CanAdoptFunc,
  ) {
    super(controller, selector, canAdopt);
  }

  /** The revisions this controller owns once orphans are adopted and strays released. */
  *claimControllerRevisions(histories: readonly ControllerRevision[]): Co<ControllerRevision[]> {
    const match = (h: ControllerRevision) => this.selector.matches(h.metadata.labels ?? {});
    return yield* this.claimAll(histories, match, (h) => this.adopt(h), (h) => this.release(h));
  }

  private *adopt(h: ControllerRevision): Co<void> {
    try {
      yield* this.canAdopt();
    } catch (e) {
      throw new Error(`can't adopt ControllerRevision ${h.metadata.namespace}/${h.metadata.name} (${h.metadata.uid}): ${errorText(e)}`);
    }
    const patch = ownerRefControllerPatch(this.controller, this.controllerKind.apiVersion, this.controllerKind.kind, h.metadata.uid ?? '');
    yield* this.client.patch(controllerRevisions, h.metadata.namespace ?? '', h.metadata.name!, 'application/strategic-merge-patch+json', patch);
  }

  private *release(h: ControllerRevision): Co<void> {
    const patch = deleteOwnerRefStrategicMergePatch(h.metadata.uid ?? '', [this.controller.metadata.uid ?? '']);
    const client = this.client;
    yield* this.releaseTolerant(function* () {
      yield* client.patch(controllerRevisions, h.metadata.namespace ?? '', h.metadata.name!, 'application/strategic-merge-patch+json', patch);
    });
  }
}
