// What the page loads only once the canvas is on screen and taking input: the engine's page-thread
// half, xterm. The canvas marks the moment (a performance mark, which bench/bundle.ts reads) when
// React Flow has initialised; until then, and for a frame after it, those imports wait.

/** The performance mark the canvas sets when React Flow is initialised and takes input. */
export const canvasInteractiveMark = 'kubeplay:canvas-interactive';

let interactive: Promise<void> | null = null;
let markInteractive: () => void = () => undefined;

function whenMarked(): Promise<void> {
  interactive ??= new Promise<void>((resolve) => {
    markInteractive = resolve;
  });
  return interactive;
}

/** Called by the canvas once React Flow is initialised (again later: no effect). */
export function canvasIsInteractive(): void {
  if (typeof performance !== 'undefined' && performance.getEntriesByName(canvasInteractiveMark).length === 0) performance.mark(canvasInteractiveMark);
  whenMarked();
  markInteractive();
}

/**
 * Resolves after the canvas is interactive and the browser has painted a frame since, or after
 * `fallbackMs` whatever happens (a page without the canvas, a hidden tab that never paints).
 */
export function afterCanvasInteractive(fallbackMs = 3000): Promise<void> {
  const painted = whenMarked().then(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve, 0));
      }),
  );
  return Promise.race([painted, new Promise<void>((resolve) => setTimeout(resolve, fallbackMs))]);
}
