// Which of the three layouts the window is in: phone (panels as tabs under the canvas), tablet or desktop.
import { useSyncExternalStore } from 'react';

/** Widths at which the layout changes, px (a phone is at most `phone` wide, a tablet below `desktop`). */
export const breakpoints = { phone: 640, desktop: 1200 } as const;

/** The layout for the window's width. */
export type Layout = 'phone' | 'tablet' | 'desktop';

const queries = {
  phone: `(max-width: ${breakpoints.phone}px)`,
  desktop: `(min-width: ${breakpoints.desktop}px)`,
};

function compute(): Layout {
  if (typeof window === 'undefined' || !window.matchMedia) return 'desktop';
  if (window.matchMedia(queries.phone).matches) return 'phone';
  return window.matchMedia(queries.desktop).matches ? 'desktop' : 'tablet';
}

// While anyone listens, the layout is kept from the last change (React asks for it on every render).
let listeners = 0;
let cached: Layout | null = null;

function current(): Layout {
  return listeners > 0 && cached !== null ? cached : compute();
}

function subscribe(onChange: () => void): () => void {
  const lists = Object.values(queries).map((q) => window.matchMedia(q));
  const changed = () => {
    cached = compute();
    onChange();
  };
  if (listeners++ === 0) cached = compute();
  for (const l of lists) l.addEventListener('change', changed);
  return () => {
    for (const l of lists) l.removeEventListener('change', changed);
    if (--listeners === 0) cached = null;
  };
}

/** The current layout; re-renders when the window crosses a breakpoint. */
export function useLayout(): Layout {
  return useSyncExternalStore(subscribe, current, () => 'desktop');
}
