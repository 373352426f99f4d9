// Messages flying between cards: Raft traffic between members and the control plane's (kubectl ↔
// kube-apiserver, apiserver ↔ etcd member), as CanvasTraffic samples and orders them. Drawn outside
// React's render loop: one requestAnimationFrame loop moves pooled SVG elements, so hundreds of
// messages a second cost no re-renders.
import { useEffect, useRef } from 'react';
import { ViewportPortal, useStoreApi, type InternalNode } from '@xyflow/react';
import { linkSegment, type Box } from '../lib/geometry';
import { kubectlNodeId, kubectlNodeSize, memberNodeSize } from '../lib/layout';
import { shortPath, type CanvasFlight, type CanvasTraffic } from '../lib/messages';

const svgNs = 'http://www.w3.org/2000/svg';

interface Sprite {
  g: SVGGElement;
  tail: SVGLineElement;
  dot: SVGCircleElement;
  label: SVGTextElement | null;
  lostShown: boolean;
  /** Where the pod it flies to sits inside its card (flow units from the card's corner), found when it sets off. */
  pod: Box | null;
}

function boxOf(n: InternalNode | undefined): Box | null {
  if (!n) return null;
  const p = n.internals.positionAbsolute;
  const size = n.id === kubectlNodeId && n.type === 'kubectl' ? kubectlNodeSize : memberNodeSize;
  return { x: p.x, y: p.y, width: n.measured.width ?? size.width, height: n.measured.height ?? size.height };
}

function makeSprite(f: CanvasFlight, parent: SVGGElement): Sprite {
  const g = document.createElementNS(svgNs, 'g');
  g.setAttribute('class', `msg msg--${f.kind}`);
  const tail = document.createElementNS(svgNs, 'line');
  tail.setAttribute('class', 'msg__tail');
  const dot = document.createElementNS(svgNs, 'circle');
  dot.setAttribute('class', 'msg__dot');
  g.append(tail, dot);
  let label: SVGTextElement | null = null;
  const text = flightLabel(f);
  if (text) {
    label = document.createElementNS(svgNs, 'text');
    label.setAttribute('class', 'msg__label');
    // Paths carry object names users typed: text content only, never markup.
    label.textContent = text;
    g.append(label);
  }
  parent.append(g);
  return { g, tail, dot, label, lostShown: false, pod: null };
}

/**
 * The box of a pod's chip inside its node's card, relative to the card's corner in flow units; null
 * where the card draws no chip for it (zoomed out to counts, or the pod is gone).
 */
function podOffset(root: Element | null, cardId: string, pod: string, zoom: number): Box | null {
  const card = root?.querySelector(`.react-flow__node[data-id="${CSS.escape(cardId)}"]`);
  const chip = card?.querySelector(`[data-pod="${CSS.escape(pod)}"]`);
  if (!card || !chip) return null;
  const c = card.getBoundingClientRect();
  const r = chip.getBoundingClientRect();
  return { x: (r.left - c.left) / zoom, y: (r.top - c.top) / zoom, width: r.width / zoom, height: r.height / zoom };
}

/** The text a control-plane dot carries: a request's method and path, a response's status code. */
function flightLabel(f: CanvasFlight): string | null {
  if (f.kind === 'request') {
    const m = /^([A-Z]+) (\/\S*)$/.exec(f.label);
    return m ? `${m[1]} ${shortPath(m[2], 26)}` : null;
  }
  if (f.kind === 'response') return /^\d{3}$/.test(f.label) ? f.label : null;
  return null;
}

const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2);

/** The message animation layer (inside the React Flow viewport, so it pans and zooms with it). */
export function MessageLayer({ traffic }: { traffic: CanvasTraffic }) {
  const layer = useRef<SVGGElement>(null);
  const flow = useStoreApi();

  useEffect(() => {
    const sprites = new Map<number, Sprite>();
    let raf = 0;
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const parent = layer.current;
      if (!parent) return;
      const now = performance.now();
      const { nodeLookup, domNode, transform } = flow.getState();
      const alive = new Set<number>();
      for (const f of traffic.flights) {
        const age = (now - f.startMs) / f.durationMs;
        if (age < 0 || age >= 1) continue;
        const a = boxOf(nodeLookup.get(f.from));
        const card = boxOf(nodeLookup.get(f.to));
        if (!a || !card) continue;
        let sprite = sprites.get(f.id);
        if (!sprite) {
          sprites.set(f.id, (sprite = makeSprite(f, parent)));
          if (f.toPod) sprite.pod = podOffset(domNode, f.to, f.toPod, transform[2]);
        }
        // Traffic to a pod lands on its chip, where the card shows one; anything else on the card.
        const b = sprite.pod ? { x: card.x + sprite.pod.x, y: card.y + sprite.pod.y, width: sprite.pod.width, height: sprite.pod.height } : card;
        const [p, q] = linkSegment(a, b, sprite.pod ? 1 : 6);
        alive.add(f.id);
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
      for (const [id, s] of sprites) {
        if (!alive.has(id)) {
          s.g.remove();
          sprites.delete(id);
        }
      }
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      for (const s of sprites.values()) s.g.remove();
    };
  }, [flow, traffic]);

  return (
    <ViewportPortal>
      <svg className="msg-layer" aria-hidden="true" data-testid="message-layer">
        <g ref={layer} />
      </svg>
    </ViewportPortal>
  );
}
