// What the colours on the canvas mean, with live message rates (per simulated second).
import { Panel } from '@xyflow/react';
import { useAppStore } from '../store';
import { messageKindLabel, messageKinds } from '../lib/messages';

/** The legend strip in the canvas corner. */
export function Legend() {
  const rates = useAppStore((s) => s.rates);
  return (
    <Panel position="bottom-left" className="legend" aria-label="Legend">
      <ul>
        {messageKinds.map((k) => (
          <li key={k} title={`${messageKindLabel[k]} messages per simulated second`}>
            <span className={`legend__dot legend__dot--${k}`} aria-hidden="true" />
            <span className="legend__label">{messageKindLabel[k]}</span>
            <span className="legend__rate">{rates[k]}</span>
          </li>
        ))}
        <li title="Messages dropped per simulated second (cut links, dead members)">
          <span className="legend__dot legend__dot--lost" aria-hidden="true" />
          <span className="legend__label">Lost</span>
          <span className="legend__rate">{rates.lost}</span>
        </li>
        <li>
          <span className="legend__line legend__line--cut" aria-hidden="true" />
          <span className="legend__label">Cut link</span>
        </li>
        <li className="legend__unit">msgs / sim s</li>
      </ul>
    </Panel>
  );
}
