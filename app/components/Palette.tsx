// The left rail: things to drag onto the canvas, and one-click chaos.
import type { DragEvent } from 'react';
import { useAppStore } from '../store';
import type { Action } from '../actions/registry';
import { useRunAction } from '../actions/use-run-action';
import { addMember, heal, isolateLeader, killLeader, relayout } from '../actions/actions';
import { addNode } from '../actions/workload-actions';
import { Icon, type IconName } from './Icon';
import { ManifestTemplates } from '../editor/PaletteTemplates';
import { TrafficPanel } from './TrafficPanel';

/** The drag payload type the canvas accepts. */
export const paletteMime = 'application/x-kubeplay-item';

function onDragStart(e: DragEvent<HTMLDivElement>) {
  e.dataTransfer.setData(paletteMime, 'etcd-member');
  e.dataTransfer.setData('text/plain', 'etcd member');
  e.dataTransfer.effectAllowed = 'copy';
}

function onNodeDragStart(e: DragEvent<HTMLDivElement>) {
  e.dataTransfer.setData(paletteMime, 'worker-node');
  e.dataTransfer.setData('text/plain', 'worker node');
  e.dataTransfer.effectAllowed = 'copy';
}

/** The worker node item: drag it onto the canvas, or press Enter to add node-N with the defaults. */
function WorkerNodeItem() {
  const live = useAppStore((s) => s.connection === 'live');
  const controlPlane = useAppStore((s) => (s.snapshot?.apiservers.length ?? 0) > 0);
  const adding = useAppStore((s) => !!s.busy['add-node']);
  const run = useRunAction();
  if (!controlPlane) return null;
  return (
    <>
      <div
        className={`palette-item${adding ? ' is-busy' : ''}${live ? '' : ' is-disabled'}`}
        draggable={live}
        onDragStart={onNodeDragStart}
        role="button"
        tabIndex={0}
        aria-label="Worker node: drag onto the canvas to choose its size, labels and taints"
        title="Drag onto the canvas to start a kubelet that registers a Node (Enter adds one with 4 CPU, 8Gi)"
        data-testid="palette-worker-node"
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            if (live) void run(addNode, { spec: {} });
          }
        }}
      >
        <span className="palette-item__icon">
          <Icon name="layout" size={16} />
        </span>
        <span className="palette-item__text">
          <span className="palette-item__title">Worker node</span>
          <span className="palette-item__sub">{adding ? 'starting…' : 'drag to add'}</span>
        </span>
        <Icon name="grip" size={16} className="palette-item__grip" />
      </div>
      <p className="rail__hint">Starts a kubelet; it registers its Node and runs the pods bound to it.</p>
    </>
  );
}

function ActionRow({ action, icon, tone }: { action: Action; icon: IconName; tone?: 'danger' }) {
  const live = useAppStore((s) => s.connection === 'live');
  const run = useRunAction();
  return (
    <button
      type="button"
      className={`rail-action${tone ? ` rail-action--${tone}` : ''}`}
      onClick={() => run(action, undefined)}
      disabled={!live}
      data-testid={`action-${action.name}`}
    >
      <Icon name={icon} size={15} />
      <span>{action.label}</span>
      {action.shortcut && <kbd>{action.shortcut}</kbd>}
    </button>
  );
}

/** The palette. */
export function Palette() {
  const adding = useAppStore((s) => !!s.busy['add-member']);
  const live = useAppStore((s) => s.connection === 'live');
  const run = useRunAction();
  return (
    <aside className="rail" aria-label="Palette">
      <section className="rail__section">
        <h2 className="rail__heading">Palette</h2>
        <div
          className={`palette-item${adding ? ' is-busy' : ''}${live ? '' : ' is-disabled'}`}
          draggable={live}
          onDragStart={onDragStart}
          role="button"
          tabIndex={0}
          aria-label="etcd member: drag onto the canvas to add it to the cluster"
          title="Drag onto the canvas (or press Enter) to run etcdctl member add and start the member"
          data-testid="palette-etcd-member"
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              if (live) void run(addMember, null);
            }
          }}
        >
          <span className="palette-item__icon">
            <Icon name="database" size={16} />
          </span>
          <span className="palette-item__text">
            <span className="palette-item__title">etcd member</span>
            <span className="palette-item__sub">{adding ? 'joining…' : 'drag to add'}</span>
          </span>
          <Icon name="grip" size={16} className="palette-item__grip" />
        </div>
        <p className="rail__hint">Runs <code>member add</code>, then starts the member in its own worker.</p>
        <WorkerNodeItem />
      </section>

      <ManifestTemplates />

      <TrafficPanel />

      <section className="rail__section">
        <h2 className="rail__heading">Chaos</h2>
        <ActionRow action={killLeader} icon="zap" tone="danger" />
        <ActionRow action={isolateLeader} icon="isolate" tone="danger" />
        <ActionRow action={heal} icon="shield" />
      </section>

      <section className="rail__section">
        <h2 className="rail__heading">View</h2>
        <ActionRow action={relayout} icon="layout" />
      </section>

      <section className="rail__section rail__section--keys" aria-label="Keyboard shortcuts">
        <h2 className="rail__heading">Keys</h2>
        <dl className="keys">
          <dt><kbd>Space</kbd></dt><dd>pause / resume</dd>
          <dt><kbd>.</kbd></dt><dd>step</dd>
          <dt><kbd>[</kbd> <kbd>]</kbd></dt><dd>slower / faster</dd>
          <dt>click</dt><dd>member or link menu</dd>
        </dl>
      </section>
    </aside>
  );
}
