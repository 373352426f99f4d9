// The handle between the canvas and the dock (terminal and activity): drag it, or focus it and use
// the arrow keys (PageUp/PageDown for bigger steps, Home/End for the limits, Enter for the default),
// to give the terminal more or fewer rows.
import { useCallback, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useAppStore, useAppStoreApi } from '../store';

/** Least dock height, px: a panel header and a few terminal rows. */
export const dockMinPx = 120;
/** Room the canvas always keeps, px. */
const canvasMinPx = 160;
const stepPx = 24;

/** The largest dock height the window allows. */
function dockMaxPx(): number {
  const top = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 52;
  return Math.max(dockMinPx, Math.round(window.innerHeight - top - canvasMinPx));
}

const clamp = (px: number) => Math.round(Math.min(dockMaxPx(), Math.max(dockMinPx, px)));

/** The current dock height as laid out. */
function dockNowPx(): number {
  return document.querySelector<HTMLElement>('.dock')?.getBoundingClientRect().height ?? 240;
}

/** The separator. */
export function DockResizer() {
  const height = useAppStore((s) => s.dockHeight);
  const storeApi = useAppStoreApi();
  const drag = useRef<{ y: number; h: number } | null>(null);
  const set = useCallback((px: number | null) => storeApi.getState().setDockHeight(px === null ? null : clamp(px)), [storeApi]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: dockNowPx() };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) set(drag.current.h - (e.clientY - drag.current.y));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const now = dockNowPx();
    const by: Record<string, number | null> = { ArrowUp: stepPx, ArrowDown: -stepPx, PageUp: 4 * stepPx, PageDown: -4 * stepPx };
    if (e.key in by) set(now + by[e.key]!);
    else if (e.key === 'Home') set(dockMaxPx());
    else if (e.key === 'End') set(dockMinPx);
    else if (e.key === 'Enter') set(null);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const now = height ?? (typeof document === 'undefined' ? 240 : Math.round(dockNowPx()));
  return (
    <div
      className="dock-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the terminal panel"
      aria-controls="dock"
      aria-valuemin={dockMinPx}
      aria-valuemax={typeof window === 'undefined' ? 800 : dockMaxPx()}
      aria-valuenow={now}
      aria-valuetext={`${now} pixels`}
      title="Drag, or focus and use ↑ ↓, to resize the terminal (Enter resets)"
      tabIndex={0}
      data-testid="dock-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => set(null)}
      onKeyDown={onKeyDown}
    >
      <span className="dock-resizer__grip" aria-hidden="true" />
    </div>
  );
}
