// The small action menu of a selected member: kill or restart it, isolate it, remove it.
import type { MemberView } from '../cluster/types';
import { useAppStore } from '../store';
import { useRunAction } from '../actions/use-run-action';
import { isolateMember, killMember, removeMember, restartMember } from '../actions/actions';
import { Icon } from './Icon';

/** Actions on one member. */
export function MemberMenu({ member }: { member: MemberView }) {
  const removing = useAppStore((s) => !!s.busy[`remove:${member.name}`]);
  const select = useAppStore((s) => s.select);
  const run = useRunAction();
  const name = member.name;
  return (
    <div className="menu nodrag nopan" role="menu" aria-label={`${name} actions`} data-testid={`member-menu-${name}`}>
      <div className="menu__title">{name}</div>
      <PendingWork member={member} />
      {member.removed ? (
        <div className="menu__note">removed from the cluster</div>
      ) : member.up ? (
        <button type="button" role="menuitem" className="menu__item menu__item--danger" onClick={() => run(killMember, name)} data-testid="member-kill">
          <Icon name="power" size={14} /> Kill
        </button>
      ) : (
        <button type="button" role="menuitem" className="menu__item menu__item--ok" onClick={() => run(restartMember, name)} data-testid="member-restart">
          <Icon name="restart" size={14} /> Restart
        </button>
      )}
      {!member.removed && (
        <>
          <button type="button" role="menuitem" className="menu__item" onClick={() => run(isolateMember, name)} data-testid="member-isolate">
            <Icon name="isolate" size={14} /> Isolate
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu__item menu__item--danger"
            onClick={() => run(removeMember, name)}
            disabled={removing}
            data-testid="member-remove"
          >
            <Icon name="trash" size={14} /> {removing ? 'Removing…' : 'Remove'}
          </button>
        </>
      )}
      <button type="button" className="menu__close" aria-label="Close menu" onClick={() => select(null)}>
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
