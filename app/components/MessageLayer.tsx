// Messages flying between cards: Raft traffic between members (sampled by the store) and the
// control plane's (kubectl ↔ kube-apiserver, apiserver ↔ etcd member; sampled by
// ControlPlaneTraffic). Drawn outside React's render loop: one requestAnimationFrame loop moves
// pooled SVG elements, so hundreds of messages a second cost no re-renders.
import { useEffect, useRef } from 'react';
import { ViewportPortal, useStoreApi, type InternalNode } from '@xyflow/react';
import { useAppStoreApi } from '../store';
import { linkSegment, type Box } from '../lib/geometry';
import { kubectlNodeId, kubectlNodeSize, memberNodeSize } from '../lib/layout';
import { shortPath, type ControlPlaneTraffic } from '../lib/messages';

const svgNs = 'http://www.w3.org/2000/svg';

interface Sprite {
  g: SVGGElement;
  tail: SVGLineElement;
  dot: SVGCircleElement;
  label: SVGTextElement | null;
  lostShown: boolean;
}

/** What the layer draws of a flight, whichever source it came from. */
interface Drawn {
  key: string;
  from: string;
  to: string;
  kind: string;
  lost: boolean;
  startMs: number;
  durationMs: number;
  /** Text flown beside the dot ('GET /api/v1/pods', '201'), or null. */
  label: string | null;
}

function boxOf(n: InternalNode | undefined): Box | null {
  if (!n) return null;
  const p = n.internals.positionAbsolute;
  const size = n.id === kubectlNodeId && n.type === 'kubectl' ? kubectlNodeSize : memberNodeSize;
  return { x: p.x, y: p.y, width: n.measured.width ?? size.width, height: n.measured.height ?? size.height };
}

function makeSprite(f: Drawn, parent: SVGGElement): Sprite {
  const g = document.createElementNS(svgNs, 'g');
  g.setAttribute('class', `msg msg--${f.kind}`);
  const tail = document.createElementNS(svgNs, 'line');
  tail.setAttribute('class', 'msg__tail');
  const dot = document.createElementNS(svgNs, 'circle');
  dot.setAttribute('class', 'msg__dot');
  g.append(tail, dot);
  let label: SVGTextElement | null = null;
  if (f.label) {
    label = document.createElementNS(svgNs, 'text');
    label.setAttribute('class', 'msg__label');
    // Paths carry object names users typed: text content only, never markup.
    label.textContent = f.label;
    g.append(label);
  }
  parent.append(g);
  return { g, tail, dot, label, lostShown: false };
}

/** The text a control-plane dot carries: a request's method and path, a response's status code. */
function flightLabel(kind: string, type: string): string | null {
  if (kind === 'request') {
    const m = /^([A-Z]+) (\/\S*)$/.exec(type);
    return m ? `${m[1]} ${shortPath(m[2], 26)}` : null;
  }
  if (kind === 'response') return /^\d{3}$/.test(type) ? type : null;
  return null;
}

const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2);

/** The message animation layer (inside the React Flow viewport, so it pans and zooms with it). */
export function MessageLayer({ controlPlane }: { controlPlane: ControlPlaneTraffic }) {
  const layer = useRef<SVGGElement>(null);
  const flow = useStoreApi();
  const store = useAppStoreApi();

  useEffect(() => {
    const sprites = new Map<string, Sprite>();
    let raf = 0;
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const parent = layer.current;
      if (!parent) return;
      const now = performance.now();
      const { nodeLookup } = flow.getState();
      const drawn: Drawn[] = [];
      for (const f of store.getState().flights) {
        // Only member-to-member traffic is Raft's; the rest is drawn from the control plane's sample.
        if (nodeLookup.get(f.from)?.type !== 'etcdMember' || nodeLookup.get(f.to)?.type !== 'etcdMember') continue;
        drawn.push({ key: `r${f.id}`, from: f.from, to: f.to, kind: f.kind, lost: f.lost, startMs: f.startMs, durationMs: f.durationMs, label: null });
      }
      for (const f of controlPlane.flights) {
        drawn.push({ key: `c${f.id}`, from: f.from, to: f.to, kind: f.kind, lost: f.lost, startMs: f.startMs, durationMs: f.durationMs, label: flightLabel(f.kind, f.label) });
      }
      const alive = new Set<string>();
      for (const f of drawn) {
        const age = (now - f.startMs) / f.durationMs;
        if (age < 0 || age >= 1) continue;
        const a = boxOf(nodeLookup.get(f.from));
        const b = boxOf(nodeLookup.get(f.to));
        if (!a || !b) continue;
        const [p, q] = linkSegment(a, b, 6);
        let sprite = sprites.get(f.key);
        if (!sprite) sprites.set(f.key, (sprite = makeSprite(f, parent)));
        alive.add(f.key);
        // A lost message travels half way, then swells and fades out red where it was dropped.
        let t: number;
        let opacity = 1;
        let r = 4.5;
        if (f.lost) {
          const travel = Math.min(age / 0.55, 1);
          t = 0.5 * easeInOut(travel);
          if (age > 0.55) {
            const fade = (age - 0.55) / 0.45;
            opacity = 1 - fade;
            r = 4.5 + 6 * fade;
            if (!sprite.lostShown) {
              sprite.lostShown = true;
              sprite.g.setAttribute('class', 'msg msg--lost');
            }
          }
        } else {
          t = easeInOut(age);
          opacity = age < 0.1 ? age / 0.1 : age > 0.9 ? (1 - age) / 0.1 : 1;
        }
        const x = p.x + (q.x - p.x) * t;
        const y = p.y + (q.y - p.y) * t;
        const tt = Math.max(0, t - 0.09);
        sprite.dot.setAttribute('cx', x.toFixed(1));
        sprite.dot.setAttribute('cy', y.toFixed(1));
        sprite.dot.setAttribute('r', r.toFixed(1));
        sprite.tail.setAttribute('x1', (p.x + (q.x - p.x) * tt).toFixed(1));
        sprite.tail.setAttribute('y1', (p.y + (q.y - p.y) * tt).toFixed(1));
        sprite.tail.setAttribute('x2', x.toFixed(1));
        sprite.tail.setAttribute('y2', y.toFixed(1));
        if (sprite.label) {
          sprite.label.setAttribute('x', (x + 9).toFixed(1));
          sprite.label.setAttribute('y', (y - 8).toFixed(1));
        }
        sprite.g.setAttribute('opacity', opacity.toFixed(2));
      }
      for (const [key, s] of sprites) {
        if (!alive.has(key)) {
          s.g.remove();
          sprites.delete(key);
        }
      }
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      for (const s of sprites.values()) s.g.remove();
    };
  }, [flow, store, controlPlane]);

  return (
    <ViewportPortal>
      <svg className="msg-layer" aria-hidden="true" data-testid="message-layer">
        <g ref={layer} />
      </svg>
    </ViewportPortal>
  );
}
