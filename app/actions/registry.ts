// Every UI command is a registered action { name, label, keyTest?, perform }, dispatched the same
// way from toolbar buttons, menus and keyboard shortcuts (after excalidraw's actionManager).
import type { BrowserCluster, CommandResult } from '../cluster/types';
import type { AppStore } from '../store/store';

/** What an action gets to work with: the store and the live cluster. */
export interface ActionContext {
  store: AppStore;
  cluster: BrowserCluster;
}

/** What runAction is given: the store, and a connection whose cluster is null while it starts. */
export interface ActionEnv {
  store: AppStore;
  connection: { readonly cluster: BrowserCluster | null };
}

/** A user command. `Arg` is what the caller passes (a member name, a link, a drop point). */
export interface Action<Arg = void> {
  name: string;
  label: string;
  /** Shortcut as shown in tooltips ('Space'). */
  shortcut?: string;
  /** Whether a keydown triggers this action (only for actions without an argument). */
  keyTest?: (e: KeyboardEvent) => boolean;
  /** False for actions that never touch the cluster (Load recording, New session): they run while it starts too. */
  needsCluster?: boolean;
  perform(ctx: ActionContext, arg: Arg): unknown;
}

/** Defines an action with its argument type. */
export function defineAction<Arg = void>(a: Action<Arg>): Action<Arg> {
  return a;
}

/** True for what the engine returns from a CLI-like verb. */
export function isCommandResult(x: unknown): x is CommandResult {
  return typeof x === 'object' && x !== null && 'code' in x && 'stdout' in x && 'stderr' in x;
}

/**
 * Runs an action and logs its failure, if any, in the activity log. A CommandResult with a
 * non-zero code counts as a failure and its stderr is shown. Answers what the action returned.
 */
export async function runAction<Arg>({ store, connection }: ActionEnv, action: Action<Arg>, arg: Arg): Promise<unknown> {
  const cluster = connection.cluster;
  if (!cluster && action.needsCluster !== false) {
    store.getState().log('warn', `${action.label}: the cluster is still starting`);
    return undefined;
  }
  try {
    // Only actions that declared needsCluster: false can get here without one, and they do not use it.
    const r = await action.perform({ store, cluster: cluster as BrowserCluster }, arg);
    if (isCommandResult(r) && r.code !== 0) {
      store.getState().log('error', `${action.label}: ${(r.stderr || r.stdout).trim() || `exit code ${r.code}`}`);
    }
    return r;
  } catch (e) {
    store.getState().log('error', `${action.label}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** True when a key event belongs to a text field, the terminal or a control that handles it itself. */
export function isTypingTarget(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t || !(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return (t as HTMLInputElement).type !== 'range' || e.key.startsWith('Arrow');
  if ((tag === 'BUTTON' || t.getAttribute('role') === 'button') && (e.key === ' ' || e.key === 'Enter')) return true;
  return !!t.closest('.xterm');
}
