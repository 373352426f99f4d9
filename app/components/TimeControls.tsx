// Pause/resume, step, a log-scale speed slider (0.1×–100×) and the simulated clock.
import './time-controls.css';
import { useAppStore } from '../store';
import { useRunAction } from '../actions/use-run-action';
import { setSpeed, speedDown, speedUp, step, togglePause } from '../actions/actions';
import { formatClock, formatSpeed, sliderFromSpeed, speedFromSlider } from '../lib/format';
import { Icon } from './Icon';

/** What the slider's keys do to the speed. */
const sliderKeys: Record<string, 'up' | 'down' | 'min' | 'max' | undefined> = { ArrowRight: 'up', ArrowUp: 'up', PageUp: 'up', ArrowLeft: 'down', ArrowDown: 'down', PageDown: 'down', Home: 'min', End: 'max' };

/** The time toolbar. */
export function TimeControls() {
  const paused = useAppStore((s) => s.snapshot?.paused ?? false);
  const speed = useAppStore((s) => s.snapshot?.speed ?? 1);
  const now = useAppStore((s) => s.snapshot?.now ?? 0);
  const live = useAppStore((s) => s.connection === 'live');
  const achieved = useAppStore((s) => s.achievedSpeed);
  const run = useRunAction();

  return (
    <div className="time-controls" role="group" aria-label="Time controls">
      <button
        type="button"
        className={`icon-btn icon-btn--primary${paused ? ' is-paused' : ''}`}
        onClick={() => run(togglePause, undefined)}
        disabled={!live}
        aria-label={paused ? 'Resume' : 'Pause'}
        title={`${paused ? 'Resume' : 'Pause'} (${togglePause.shortcut})`}
        data-testid="toggle-pause"
      >
        <Icon name={paused ? 'play' : 'pause'} size={14} />
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={() => run(step, undefined)}
        disabled={!live}
        aria-label="Step"
        title={`Step one tick (${step.shortcut})`}
        data-testid="step"
      >
        <Icon name="step" size={14} />
      </button>
      <div className="speed">
        <input
          type="range"
          min={-1}
          max={2}
          step={0.01}
          // On the slider's own step: an off-step value is not what the input holds, and React would miss the next change.
          value={Math.round(sliderFromSpeed(speed) * 100) / 100}
          onChange={(e) => run(setSpeed, speedFromSlider(Number(e.target.value)))}
          onKeyDown={(e) => {
            // The arrows' native step (0.01) snaps back to the same tidy speed: they step through 1, 2, 5 of each decade, as [ and ] do.
            const to = sliderKeys[e.key];
            if (!to) return;
            e.preventDefault();
            if (to === 'up') void run(speedUp, undefined);
            else if (to === 'down') void run(speedDown, undefined);
            else void run(setSpeed, to === 'max' ? 100 : 0.1);
          }}
          disabled={!live}
          aria-label="Simulation speed"
          aria-valuetext={formatSpeed(speed)}
          title="Simulation speed ([ slower, ] faster)"
          data-testid="speed"
        />
        <output className="speed__value" data-testid="speed-value">{formatSpeed(speed)}</output>
        {achieved !== null && !paused && achieved < speed * 0.9 && (
          <span className="speed__achieved" data-testid="speed-achieved" title={`Asked for ${formatSpeed(speed)}; this browser keeps up with ${formatSpeed(achieved)} (every message still arrives exactly on time)`}>
            {formatSpeed(achieved)} achieved
          </span>
        )}
      </div>
      <div className={`clock${paused ? ' clock--paused' : ''}`} title="Simulated time since the cluster started" data-testid="clock">
        <span className="clock__label">{paused ? 'paused' : 'sim'}</span>
        <span className="clock__value">{formatClock(now)}</span>
      </div>
    </div>
  );
}
