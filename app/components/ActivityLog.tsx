// What happened, in simulated time: elections, crashes, membership and network changes.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store';
import { formatClock } from '../lib/format';
import { Icon } from './Icon';

/** The activity log panel. */
export function ActivityLog() {
  const events = useAppStore((s) => s.events);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [events]);
  return (
    <section className="panel activity" aria-label="Activity">
      <header className="panel__header">
        <Icon name="activity" size={14} />
        <span className="panel__title">Activity</span>
        <span className="panel__sub">{events.length} {events.length === 1 ? 'event' : 'events'}</span>
      </header>
      <ol className="activity__list" ref={list} role="log" aria-live="polite" data-testid="activity">
        {events.length === 0 && <li className="activity__empty">Elections, crashes and membership changes show up here.</li>}
        {events.map((e) => (
          <li key={e.id} className={`activity__item activity__item--${e.level}`}>
            <time className="activity__time">{formatClock(e.atMs)}</time>
            <span className="activity__dot" aria-hidden="true" />
            <span className="activity__text">{e.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
