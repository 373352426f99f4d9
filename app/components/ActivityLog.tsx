// What happened, in simulated time. Two lists: the cluster's own story (elections, crashes,
// membership and network changes, what the canvas's actions did) and Kubernetes' Events as
// `kubectl get events` lists them (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE), from the apiserver's
// watch cache. Event text is user data (object names, messages): it is only ever text.
import { useEffect, useMemo, useRef, useState } from 'react';
import { defaultEpochMs } from '../../engine/cluster-core';
import { humanDuration } from '../../engine/api/duration';
import type { EventSummary } from '../../engine/apiserver/workload-view';
import { useAppStore } from '../store';
import { formatClock } from '../lib/format';
import { Icon } from './Icon';
import './workloads.css';

type Tab = 'cluster' | 'events';

function useScrollToEnd(dep: unknown) {
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [dep]);
  return ref;
}

function KubeEvents({ events, nowMs }: { events: readonly EventSummary[]; nowMs: number }) {
  const list = useScrollToEnd(events);
  return (
    <ol className="activity__list activity__list--events" ref={list} role="log" aria-live="polite" data-testid="kube-events">
      {events.length === 0 && <li className="activity__empty">Kubernetes Events (kubectl get events) show up here: Scheduled, Pulled, Started, Killing, FailedScheduling…</li>}
      {events.map((e) => (
        <li key={`${e.namespace}/${e.name}`} className={`kevent kevent--${e.type === 'Warning' ? 'warning' : 'normal'}`} data-reason={e.reason}>
          <time className="activity__time" title={new Date(e.at).toISOString()}>{humanDuration(nowMs - e.at)}</time>
          <span className="kevent__reason">{e.reason}</span>
          <span className="kevent__object">{e.object}</span>
          <span className="kevent__message">
            {e.message}
            {e.count > 1 && <span className="kevent__count"> (x{e.count})</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The activity log panel. */
export function ActivityLog() {
  const events = useAppStore((s) => s.events);
  const kube = useAppStore((s) => s.snapshot?.workloads?.events);
  const now = useAppStore((s) => s.snapshot?.now ?? 0);
  const controlPlane = useAppStore((s) => (s.snapshot?.apiservers.length ?? 0) > 0);
  const [tab, setTab] = useState<Tab>('cluster');
  const list = useScrollToEnd(events);
  const kubeEvents = useMemo(() => kube ?? [], [kube]);
  const shown: Tab = controlPlane ? tab : 'cluster';
  return (
    <section className="panel activity" aria-label="Activity">
      <header className="panel__header">
        <Icon name="activity" size={14} />
        <span className="panel__title">Activity</span>
        {controlPlane ? (
          <div className="activity__tabs" role="tablist" aria-label="Activity lists">
            <button type="button" role="tab" aria-selected={shown === 'cluster'} className={shown === 'cluster' ? 'is-active' : ''} onClick={() => setTab('cluster')} data-testid="activity-tab-cluster">
              Cluster <span className="activity__n">{events.length}</span>
            </button>
            <button type="button" role="tab" aria-selected={shown === 'events'} className={shown === 'events' ? 'is-active' : ''} onClick={() => setTab('events')} data-testid="activity-tab-events">
              Events <span className="activity__n">{kubeEvents.length}</span>
            </button>
          </div>
        ) : (
          <span className="panel__sub">{events.length} {events.length === 1 ? 'event' : 'events'}</span>
        )}
      </header>
      {shown === 'events' ? (
        <KubeEvents events={kubeEvents} nowMs={defaultEpochMs + now} />
      ) : (
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
      )}
    </section>
  );
}
