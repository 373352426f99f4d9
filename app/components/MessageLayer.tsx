// Messages flying between cards: Raft traffic between members and the control plane's (kubectl ↔
// kube-apiserver, apiserver ↔ etcd member), as CanvasTraffic samples and orders them. Drawn outside
// React's render loop, on one 2D canvas over the flow: a frame clears it and draws every dot in
// flight, so two hundred moving dots cost no DOM changes, no style or layout work and no repaint
// of the cards beneath (SVG sprites made every frame re-layerize and repaint the canvas's layer,
// about half of a busy page's frame budget).
import { useEffect, useRef } from 'react';
import { useStoreApi, type InternalNode } from '@xyflow/react';
import { linkSegment, type Box } from '../lib/geometry';
import { kubectlNodeId, kubectlNodeSize, memberNodeSize } from '../lib/layout';
import { shortPath, type CanvasFlight, type CanvasTraffic, type FlightKind } from '../lib/messages';

/** One dot as the last frame drew it, in CSS pixels from the canvas's corner: what tests and tools read. */
export interface DrawnDot {
  id: number;
  kind: FlightKind;
  lost: boolean;
  x: number;
  y: number;
}

/** The message layer's canvas, with what its last frame drew. */
export type MessageCanvas = HTMLCanvasElement & { kubeplayDots?: DrawnDot[] };

interface Sprite {
  label: string | null;
  /** Where the pod it flies to sits inside its card (flow units from the card's corner), found when it sets off. */
  pod: Box | null;
}

/** The colours and font the stylesheet gives messages (custom properties), read once per mount. */
function paletteOf(el: Element): { color(kind: FlightKind | 'lost'): string; font: string } {
  const css = getComputedStyle(el);
  const cache = new Map<string, string>();
  const other = css.getPropertyValue('--msg-other').trim() || '#f472b6';
  return {
    color(kind) {
      let c = cache.get(kind);
      if (c === undefined) cache.set(kind, (c = css.getPropertyValue(`--msg-${kind}`).trim() || other));
      return c;
    },
    font: `600 10px ${css.getPropertyValue('--mono').trim() || 'monospace'}`,
  };
}

function boxOf(n: InternalNode | undefined): Box | null {
  if (!n) return null;
  const p = n.internals.positionAbsolute;
  const size = n.id === kubectlNodeId && n.type === 'kubectl' ? kubectlNodeSize : memberNodeSize;
  return { x: p.x, y: p.y, width: n.measured.width ?? size.width, height: n.measured.height ?? size.height };
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

/** The message animation layer: a canvas over the flow that pans and zooms with it. */
export function MessageLayer({ traffic }: { traffic: CanvasTraffic }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();

  useEffect(() => {
    const canvas = canvasRef.current as MessageCanvas | null;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const palette = paletteOf(canvas);
    const sprites = new Map<number, Sprite>();
    let drewLast = false;
    let raf = 0;
    // The backing store follows the canvas's CSS size and the screen's pixel ratio.
    const fit = () => {
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
      const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
        drewLast = true;
      }
    };
    const resize = new ResizeObserver(fit);
    resize.observe(canvas);
    fit();
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const now = performance.now();
      const { nodeLookup, domNode, transform } = flow.getState();
      const [tx, ty, zoom] = transform;
      const live = traffic.flights.filter((f) => {
        const age = (now - f.startMs) / f.durationMs;
        return age >= 0 && age < 1;
      });
      // An idle layer costs nothing: it is cleared once after its last dot.
      if (live.length === 0 && !drewLast) return;
      const dpr = canvas.width / Math.max(1, canvas.clientWidth);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      // Flow units to canvas pixels: the viewport's pan and zoom, at the screen's pixel ratio.
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.font = palette.font;
      const drawn: DrawnDot[] = [];
      const alive = new Set<number>();
      for (const f of live) {
        const age = (now - f.startMs) / f.durationMs;
        const a = boxOf(nodeLookup.get(f.from));
        const card = boxOf(nodeLookup.get(f.to));
        if (!a || !card) continue;
        let sprite = sprites.get(f.id);
        if (!sprite) sprites.set(f.id, (sprite = { label: flightLabel(f), pod: f.toPod ? podOffset(domNode, f.to, f.toPod, zoom) : null }));
        alive.add(f.id);
        // Traffic to a pod lands on its chip, where the card shows one; anything else on the card.
        const b = sprite.pod ? { x: card.x + sprite.pod.x, y: card.y + sprite.pod.y, width: sprite.pod.width, height: sprite.pod.height } : card;
        const [p, q] = linkSegment(a, b, sprite.pod ? 1 : 6);
        // A lost message travels half way, then swells and fades out red where it was dropped.
        let t: number;
        let opacity = 1;
        let r = 4.5;
        let lostShown = false;
        if (f.lost) {
          const travel = Math.min(age / 0.55, 1);
          t = 0.5 * easeInOut(travel);
          if (age > 0.55) {
            const fade = (age - 0.55) / 0.45;
            opacity = 1 - fade;
            r = 4.5 + 6 * fade;
            lostShown = true;
          }
        } else {
          t = easeInOut(age);
          opacity = age < 0.1 ? age / 0.1 : age > 0.9 ? (1 - age) / 0.1 : 1;
        }
        const x = p.x + (q.x - p.x) * t;
        const y = p.y + (q.y - p.y) * t;
        const tt = Math.max(0, t - 0.09);
        const color = palette.color(lostShown ? 'lost' : f.kind);
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        // The tail.
        ctx.globalAlpha = 0.35 * opacity;
        ctx.lineWidth = 3;
        ctx.beginPath();
        ctx.moveTo(p.x + (q.x - p.x) * tt, p.y + (q.y - p.y) * tt);
        ctx.lineTo(x, y);
        ctx.stroke();
        // The dot, with a halo drawn as a wide faint stroke.
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.globalAlpha = 0.3 * opacity;
        ctx.lineWidth = 4;
        ctx.stroke();
        ctx.globalAlpha = opacity;
        ctx.fill();
        if (sprite.label) {
          // Paths carry object names users typed; on a canvas they can only ever be text.
          ctx.lineWidth = 3;
          ctx.strokeStyle = 'rgb(7 9 13 / 0.85)';
          ctx.strokeText(sprite.label, x + 9, y - 8);
          ctx.fillText(sprite.label, x + 9, y - 8);
        }
        drawn.push({ id: f.id, kind: f.kind, lost: lostShown, x: tx + x * zoom, y: ty + y * zoom });
      }
      ctx.globalAlpha = 1;
      for (const id of sprites.keys()) if (!alive.has(id)) sprites.delete(id);
      drewLast = drawn.length > 0;
      canvas.kubeplayDots = drawn;
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      resize.disconnect();
    };
  }, [flow, traffic]);

  return <canvas ref={canvasRef} className="msg-layer" aria-hidden="true" data-testid="message-layer" />;
}
