// A leader-elected control-plane component on the canvas (kube-controller-manager, kube-scheduler):
// whether it runs, whether it holds its Lease in kube-system (the crown) or stands by, and its menu
// (kill it to watch a standby take the lease once it expires; restart it).
import { memo } from 'react';
import { Handle, NodeToolbar, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ComponentView } from '../../engine/workers/types';
import { useRunAction } from '../actions/use-run-action';
import { killComponent, restartComponent } from '../actions/workload-actions';
import { componentNodeSize } from '../lib/workload-layout';
import { useAppStore } from '../store';
import { CardMenu } from './CardMenu';
import { Icon } from './Icon';
import './workloads.css';

export type ComponentNodeData = {
  component: ComponentView;
  menuSide: 'top' | 'bottom';
  menuAlign: 'start' | 'center' | 'end';
};

export type ComponentNodeType = Node<ComponentNodeData, 'component'>;

type Tone = 'leader' | 'standby' | 'down';

function toneOf(c: ComponentView): Tone {
  return !c.up ? 'down' : c.leading ? 'leader' : 'standby';
}

const toneText: Record<Tone, string> = { leader: 'Leader', standby: 'Standby', down: 'Down' };

/** The holder identity `<process>_<uuid>` as its process name. */
function holderName(holder: string): string {
  const i = holder.lastIndexOf('_');
  return i > 0 ? holder.slice(0, i) : holder;
}

export const ComponentNode = memo(function ComponentNode({ data, selected }: NodeProps<ComponentNodeType>) {
  const c = data.component;
  const tone = toneOf(c);
  const short = c.kind === 'kube-scheduler' ? 'scheduler' : 'controller-manager';
  const holder = holderName(c.holder);
  return (
    <>
      <NodeToolbar isVisible={selected} position={data.menuSide === 'top' ? Position.Top : Position.Bottom} align={data.menuAlign} offset={12}>
        <ComponentMenu component={c} />
      </NodeToolbar>
      <div
        className={`component component--${tone}${selected ? ' is-selected' : ''}`}
        style={{ width: componentNodeSize.width, height: componentNodeSize.height }}
        data-testid={`component-${c.name}`}
        data-state={tone}
        aria-label={`${c.name}, ${toneText[tone].toLowerCase()}`}
      >
        <Handle type="target" position={Position.Top} className="member__handle" isConnectable={false} />
        {/* Its own line to the apiserver starts here. */}
        <Handle type="source" position={Position.Top} className="member__handle" isConnectable={false} />
        <div className="component__head">
          <span className="component__icon" aria-hidden="true">
            {tone === 'leader' ? <Icon name="crown" size={14} /> : <Icon name={c.kind === 'kube-scheduler' ? 'layout' : 'restart'} size={14} />}
          </span>
          <span className="component__name">{c.name}</span>
        </div>
        <div className="component__row">
          <span className={`badge component-badge--${tone}`} data-testid="component-state">{toneText[tone]}</span>
          <span className="component__sub" title={c.holder ? `the ${short} Lease in kube-system is held by ${c.holder}` : 'no holder seen yet'}>
            {tone === 'down' ? 'process killed' : holder && holder !== c.name ? `lease: ${holder}` : tone === 'leader' ? `holds ${short} lease` : 'campaigning…'}
          </span>
        </div>
      </div>
    </>
  );
});

function ComponentMenu({ component }: { component: ComponentView }) {
  const run = useRunAction();
  const name = component.name;
  const busy = useAppStore((s) => !!s.busy[`kill:${name}`] || !!s.busy[`restart:${name}`]);
  const items = component.up
    ? [{ label: 'Kill', icon: 'power' as const, tone: 'danger' as const, testId: 'component-kill', disabled: busy, onSelect: () => void run(killComponent, name) }]
    : [{ label: 'Restart', icon: 'restart' as const, tone: 'ok' as const, testId: 'component-restart', disabled: busy, onSelect: () => void run(restartComponent, name) }];
  return <CardMenu name={name} title={name} items={items} testId={`component-menu-${name}`} note={component.leading ? 'the leader: killing it hands the lease over once it expires' : 'a standby: it takes over if the leader stops renewing'} />;
}
