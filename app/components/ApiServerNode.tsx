// One kube-apiserver on the canvas: whether it runs and serves, the etcd revision its watch cache
// has seen, what it holds and serves, and its last requests; its menu (Kill / Restart); and the
// lines of its connections, to kubectl and to each etcd member (its etcd client's).
import { createContext, memo, useContext, useEffect, useRef, type KeyboardEvent } from 'react';
import { BaseEdge, Handle, NodeToolbar, Position, useInternalNode, type Edge, type EdgeProps, type InternalNode, type Node, type NodeProps } from '@xyflow/react';
import type { ApiServerView } from '../../engine/workers/types';
import { useConnection } from '../cluster/react';
import { defineAction, isCommandResult } from '../actions/registry';
import { useRunAction } from '../actions/use-run-action';
import { useAppStore } from '../store';
import { linkSegment, type Box } from '../lib/geometry';
import { apiServerNodeSize, kubectlNodeId, kubectlNodeSize } from '../lib/layout';
import { requestSummary } from '../lib/messages';
import { Icon } from './Icon';
import './apiserver.css';

/** What the canvas hands each apiserver card. */
export type ApiServerNodeData = {
  apiserver: ApiServerView;
  /** Which side the menu opens on, and which card edge it lines up with (towards the canvas's middle). */
  menuSide: 'top' | 'bottom';
  menuAlign: 'start' | 'center' | 'end';
};

/** React Flow node type for a kube-apiserver. */
export type ApiServerNodeType = Node<ApiServerNodeData, 'apiServer'>;

/** Which apiserver's menu is open, and whether it was opened from the keyboard (then it takes focus). */
export interface ApiServerMenuState {
  open: string | null;
  focus: boolean;
  /** Opens `name`'s menu (null: closes it); `focus` moves focus into it once it shows. */
  setOpen(name: string | null, focus?: boolean): void;
  /** The menu took focus. */
  focused(): void;
}

/** The canvas provides the menu state (it is canvas-local: the store's selection is for members). */
export const ApiServerMenuContext = createContext<ApiServerMenuState>({ open: null, focus: false, setOpen: () => {}, focused: () => {} });

/** Kills a kube-apiserver: its Worker is terminated. */
export const killApiServer = defineAction<string>({
  name: 'killApiServer',
  label: 'Kill kube-apiserver',
  perform: async ({ cluster, store }, name) => {
    store.getState().setBusy(`kill:${name}`, true);
    try {
      const r = await cluster.killProcess(name);
      if (isCommandResult(r) && r.code === 0) store.getState().log('info', r.stdout.trim() || `${name} killed`);
      return r;
    } finally {
      store.getState().setBusy(`kill:${name}`, false);
    }
  },
});

/** Restarts a killed kube-apiserver in a fresh Worker; it fills its watch cache from etcd again. */
export const restartApiServer = defineAction<string>({
  name: 'restartApiServer',
  label: 'Restart kube-apiserver',
  perform: async ({ cluster, store }, name) => {
    store.getState().setBusy(`restart:${name}`, true);
    try {
      const r = await cluster.restartProcess(name);
      if (isCommandResult(r) && r.code === 0) store.getState().log('info', r.stdout.trim() || `${name} restarted`);
      return r;
    } finally {
      store.getState().setBusy(`restart:${name}`, false);
    }
  },
});

/** The node element (React Flow's wrapper, the one that takes focus) of card `id`. */
export function nodeElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
}

/** A server rack, in the stroke style of ./Icon. */
function ServerIcon({ size = 15 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M4 3.5h16v7H4zM4 13.5h16v7H4zM8 7h.01M8 17h.01M12 7h4M12 17h4" />
    </svg>
  );
}

type Tone = 'ready' | 'starting' | 'down';

const badgeText: Record<Tone, string> = { ready: 'Ready', starting: 'Starting', down: 'Down' };

function toneOf(a: ApiServerView): Tone {
  if (!a.up) return 'down';
  return a.ready ? 'ready' : 'starting';
}

/** How many of the last requests the card lists. */
const recentShown = 3;

function Stat({ label, value, testId, title }: { label: string; value: number | string; testId: string; title: string }) {
  return (
    <div className="stat" title={title}>
      <span className="stat__label">{label}</span>
      <span className="stat__value" data-testid={testId}>{value}</span>
    </div>
  );
}

/** The apiserver card. Request paths come from users (object names): they are only ever text. */
export const ApiServerNode = memo(function ApiServerNode({ data, selected }: NodeProps<ApiServerNodeType>) {
  const a = data.apiserver;
  const tone = toneOf(a);
  const known = a.up;
  // A person's requests (kubectl's user, or one it impersonates), not the control plane's own
  // chatter: the controller-managers', schedulers' and kubelets' lease renewals would bury them.
  const recent = a.recent.filter((r) => !r.user.startsWith('system:')).slice(-recentShown).reverse();
  return (
    <>
      <NodeToolbar isVisible={selected} position={data.menuSide === 'top' ? Position.Top : Position.Bottom} align={data.menuAlign} offset={12}>
        <ApiServerMenu apiserver={a} />
      </NodeToolbar>
      <div
        className={`apiserver apiserver--${tone}${selected ? ' is-selected' : ''}`}
        style={{ width: apiServerNodeSize.width, height: apiServerNodeSize.height }}
        data-testid={`apiserver-${a.name}`}
        data-up={a.up}
        data-ready={a.ready}
        aria-label={`${a.name}, ${badgeText[tone].toLowerCase()}, ${a.served} requests served`}
      >
        <Handle type="target" position={Position.Top} className="member__handle" isConnectable={false} />
        <Handle type="source" position={Position.Bottom} className="member__handle" isConnectable={false} />
        <div className="apiserver__head">
          <span className="apiserver__icon" aria-hidden="true">
            <ServerIcon />
          </span>
          <div className="apiserver__ident">
            <div className="apiserver__name" data-testid="apiserver-name">{a.name}</div>
            <div className="apiserver__row">
              <span className={`badge apiserver-badge--${tone}`} data-testid="apiserver-state">{badgeText[tone]}</span>
              <span className="apiserver__sub">secure port 6443</span>
            </div>
          </div>
        </div>
        <div className="apiserver__stats">
          <Stat label="rev" value={known ? a.revision : '—'} testId="apiserver-revision" title="the etcd revision its watch cache has seen" />
          <Stat label="objects" value={known ? a.objects : '—'} testId="apiserver-objects" title="objects in its watch cache" />
          <Stat label="watchers" value={known ? a.watchers : '—'} testId="apiserver-watchers" title="open watches it serves" />
          <Stat label="served" value={known ? a.served : '—'} testId="apiserver-served" title="requests it has answered since it started" />
        </div>
        {tone === 'ready' && recent.length > 0 ? (
          <ol className="apiserver__recent" aria-label="last requests" data-testid="apiserver-recent">
            {recent.map((r, i) => {
              const s = requestSummary(r);
              return (
                <li key={`${r.at}-${i}`} title={`${r.verb} ${r.path} → ${r.code} (${r.user})`} data-testid="apiserver-request">
                  <span className="apiserver__method">{s.method}</span> <span className="apiserver__path">{s.path}</span>{' '}
                  <span className={`apiserver__code apiserver__code--${s.code[0]}xx`}>{s.code}</span>
                </li>
              );
            })}
          </ol>
        ) : (
          <div className="apiserver__foot" data-testid="apiserver-foot">
            {tone === 'down' ? 'process killed · restart it from its menu' : tone === 'starting' ? 'filling its watch cache from etcd…' : 'no requests yet · try kubectl get ns'}
          </div>
        )}
      </div>
    </>
  );
});

/** Kill or restart one apiserver. Opened from the keyboard it takes focus; Escape closes it and gives focus back to the card. */
function ApiServerMenu({ apiserver }: { apiserver: ApiServerView }) {
  const menu = useContext(ApiServerMenuContext);
  const connection = useConnection();
  const run = useRunAction();
  const busy = useAppStore((s) => !!s.busy[`kill:${apiserver.name}`] || !!s.busy[`restart:${apiserver.name}`]);
  const ref = useRef<HTMLDivElement>(null);
  const name = apiserver.name;
  const worker = connection.cluster?.placement().find((p) => p.process === name)?.worker ?? null;

  useEffect(() => {
    if (menu.open !== name || !menu.focus) return;
    const id = requestAnimationFrame(() => {
      ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
      menu.focused();
    });
    return () => cancelAnimationFrame(id);
  }, [menu, name]);

  const close = () => {
    const hadFocus = !!ref.current?.contains(document.activeElement);
    menu.setOpen(null);
    if (hadFocus) nodeElement(name)?.focus();
  };
  const choose = (action: typeof killApiServer) => {
    close();
    void run(action, name);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys on an item must not reach the card's handler (the menu is inside the card in React's tree).
    if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <div ref={ref} className="menu nodrag nopan" role="menu" aria-label={`${name} actions`} data-testid={`apiserver-menu-${name}`} onKeyDown={onKeyDown} onClick={(e) => e.stopPropagation()}>
      <div className="menu__title">{name}</div>
      {apiserver.up ? (
        <button type="button" role="menuitem" className="menu__item menu__item--danger" onClick={() => choose(killApiServer)} disabled={busy} data-testid="apiserver-kill">
          <Icon name="power" size={14} /> Kill
        </button>
      ) : (
        <button type="button" role="menuitem" className="menu__item menu__item--ok" onClick={() => choose(restartApiServer)} disabled={busy} data-testid="apiserver-restart">
          <Icon name="restart" size={14} /> Restart
        </button>
      )}
      <button type="button" className="menu__close" aria-label="Close menu" onClick={close}>
        <Icon name="x" size={13} />
      </button>
      <div className="menu__note" data-testid="apiserver-pending">
        worker <code>{worker ?? '—'}</code>
        {apiserver.up && ` · ${apiserver.watchers} watch${apiserver.watchers === 1 ? '' : 'es'} open`}
      </div>
    </div>
  );
}

// ---- its connections ---------------------------------------------------------------------------

/** What a control-plane line knows. */
export type ApiServerLinkData = {
  /** kubectl → apiserver, or apiserver → etcd member (its etcd client). */
  kind: 'kubectl' | 'etcd' | 'component' | 'kubelet' | 'service';
  /** One end is down: nothing flows. */
  idle: boolean;
  /** The link between the two is cut. */
  cut: boolean;
};

/** React Flow edge type for a control-plane connection. */
export type ApiServerLink = Edge<ApiServerLinkData, 'apiServerLink'>;

function boxOf(n: InternalNode): Box {
  const p = n.internals.positionAbsolute;
  const size = n.id === kubectlNodeId ? kubectlNodeSize : apiServerNodeSize;
  return { x: p.x, y: p.y, width: n.measured.width ?? size.width, height: n.measured.height ?? size.height };
}

/** A connection, drawn border to border and lighter than the Raft links: it carries requests, not consensus. */
export const ApiServerLinkEdge = memo(function ApiServerLinkEdge({ id, source, target, data }: EdgeProps<ApiServerLink>) {
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  if (!s || !t || !data) return null;
  const [p, q] = linkSegment(boxOf(s), boxOf(t), 4);
  const state = data.cut ? ' is-cut' : data.idle ? ' is-idle' : '';
  return <BaseEdge id={id} path={`M ${p.x} ${p.y} L ${q.x} ${q.y}`} className={`cp-link cp-link--${data.kind}${state}`} interactionWidth={0} />;
});
