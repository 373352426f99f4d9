// The small action menu of a selected member: kill or restart it, isolate it, remove it. The menu
// closes once an action is chosen. Opened from the keyboard (Enter on a card) it takes focus; the
// arrow keys move between its items, and Escape closes it and gives focus back to the card.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { MemberView } from '../cluster/types';
import { useAppStore, useAppStoreApi } from '../store';
import type { Action } from '../actions/registry';
import { useRunAction } from '../actions/use-run-action';
import { isolateMember, killMember, removeMember, restartMember } from '../actions/actions';
import { Icon } from './Icon';

/** The card (React Flow's node element) of member `name`. */
export function cardElement(name: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(name)}"]`);
}

/** Actions on one member. */
export function MemberMenu({ member }: { member: MemberView }) {
  const removing = useAppStore((s) => !!s.busy[`remove:${member.name}`]);
  const menuFocus = useAppStore((s) => s.menuFocus);
  const storeApi = useAppStoreApi();
  const run = useRunAction();
  const ref = useRef<HTMLDivElement>(null);
  const name = member.name;

  // Opened from the keyboard: focus the first item.
  useEffect(() => {
    if (menuFocus !== name) return;
    const id = requestAnimationFrame(() => {
      ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled), button')?.focus();
      storeApi.getState().clearMenuFocus();
    });
    return () => cancelAnimationFrame(id);
  }, [menuFocus, name, storeApi]);

  /** Closes the menu; if focus was in it, the card gets it back. */
  const close = () => {
    const hadFocus = !!ref.current?.contains(document.activeElement);
    storeApi.getState().select(null);
    if (hadFocus) cardElement(name)?.focus();
  };
  const choose = <Arg,>(action: Action<Arg>, arg: Arg) => {
    close();
    void run(action, arg);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The menu sits inside the card in React's tree (a portal): Enter or Space on an item must not
    // reach the card's own handler, which would select the card again and reopen the menu.
    if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    if (!items.length) return;
    e.preventDefault();
    e.stopPropagation();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : e.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next].focus();
  };

  return (
    <div ref={ref} className="menu nodrag nopan" role="menu" aria-label={`${name} actions`} data-testid={`member-menu-${name}`} onKeyDown={onKeyDown} onClick={(e) => e.stopPropagation()}>
      <div className="menu__title">{name}</div>
      <PendingWork member={member} />
      {member.removed ? (
        <div className="menu__note">removed from the cluster</div>
      ) : member.up ? (
        <button type="button" role="menuitem" className="menu__item menu__item--danger" onClick={() => choose(killMember, name)} data-testid="member-kill">
          <Icon name="power" size={14} /> Kill
        </button>
      ) : (
        <button type="button" role="menuitem" className="menu__item menu__item--ok" onClick={() => choose(restartMember, name)} data-testid="member-restart">
          <Icon name="restart" size={14} /> Restart
        </button>
      )}
      {!member.removed && (
        <>
          <button type="button" role="menuitem" className="menu__item" onClick={() => choose(isolateMember, name)} data-testid="member-isolate">
            <Icon name="isolate" size={14} /> Isolate
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu__item menu__item--danger"
            onClick={() => choose(removeMember, name)}
            disabled={removing}
            data-testid="member-remove"
          >
            <Icon name="trash" size={14} /> {removing ? 'Removing…' : 'Remove'}
          </button>
        </>
      )}
      <button type="button" className="menu__close" aria-label="Close menu" onClick={close}>
        <Icon name="x" size={13} />
      </button>
    </div>
  );
}

/** Where the member runs and what it waits for: its Worker, its timers (as data), its open streams. */
function PendingWork({ member }: { member: MemberView }) {
  const now = useAppStore((s) => s.snapshot?.now ?? 0);
  const p = member.pending;
  return (
    <div className="menu__note" data-testid="member-pending">
      <div>
        worker <code>{member.worker ?? '—'}</code>
      </div>
      {member.up && p && (
        <div>
          {p.timers.length === 0 ? 'no timers' : p.timers.map((t) => `${t.tag} in ${Math.max(0, Math.round(t.atMs - now))} ms`).join(' · ')}
          {` · ${p.streams} client stream${p.streams === 1 ? '' : 's'}`}
        </div>
      )}
    </div>
  );
}
