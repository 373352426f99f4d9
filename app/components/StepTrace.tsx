// While paused after Step: what the step ran, one line per input (a timer firing, a message or a
// stream event delivered), so a press that changes no card still shows what happened.
import { Panel } from '@xyflow/react';
import type { RanRecord } from '../../engine/workers';
import { useAppStore } from '../store';

const shown = 8;

/** The step trace in the canvas's top-right corner (cards sit in a circle around the centre). */
export function StepTrace() {
  const step = useAppStore((s) => s.lastStep);
  const paused = useAppStore((s) => s.snapshot?.paused ?? false);
  const dismiss = useAppStore((s) => s.setLastStep);
  if (!step || !paused) return null;
  const { ran } = step;
  return (
    <Panel position="top-right" className="step-trace" aria-live="polite" data-testid="step-trace">
      <div className="step-trace__head">
        <span className="step-trace__title">
          {ran.length === 0 ? 'Nothing was due: the clock moved on' : `Step ran ${ran.length === 1 ? '1 event' : `${ran.length} events`}`}
        </span>
        <span className="step-trace__at">at {formatStepTime(step.atMs)}</span>
        <button type="button" className="step-trace__close" aria-label="Dismiss step trace" onClick={() => dismiss(null)}>
          ×
        </button>
      </div>
      {ran.length > 0 && (
        <ol className="step-trace__list">
          {ran.slice(0, shown).map((r, i) => (
            <li key={i} data-testid="step-event">
              <span className="step-trace__to">{r.to}</span>
              <span className="step-trace__arrow" aria-hidden="true">{r.from ? '←' : '⏲'}</span>
              {r.from && <span className="step-trace__from">{r.from}</span>}
              <span className="step-trace__what">{stepEventLabel(r)}</span>
            </li>
          ))}
          {ran.length > shown && <li className="step-trace__more">and {ran.length - shown} more</li>}
        </ol>
      )}
    </Panel>
  );
}

/** Simulated ms to the microsecond, as a step is exact: `12.345678 s`. */
export function formatStepTime(ms: number): string {
  return `${(ms / 1000).toFixed(6)} s`;
}

/** One input in words: `MsgHeartbeat`, `timer heartbeat`, `stream opened`. */
export function stepEventLabel(r: RanRecord): string {
  return r.input === 'timer' ? `timer ${r.what}` : r.what;
}
