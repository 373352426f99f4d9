// Save the session as a recording (seed, every action and when, the digest) or load one: the page
// then re-runs it, and the same file replays headless with `replay(recording)` to the same digest.
import { useRef } from 'react';
import { copySessionLink, downloadRecording, loadRecording, newSession } from '../actions/actions';
import { useRunAction } from '../actions/use-run-action';
import { Icon } from './Icon';

/** Two buttons and a hidden file picker. */
export function RecordingControls() {
  const run = useRunAction();
  const picker = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    run(loadRecording, await file.text());
    if (picker.current) picker.current.value = '';
  };
  return (
    <div className="recording-controls" role="group" aria-label="Recording">
      <button type="button" className="icon-btn" data-testid="save-recording" aria-label="Save recording" title="Save this session as a recording (JSON)" onClick={() => run(downloadRecording, undefined)}>
        <Icon name="download" size={14} />
      </button>
      <button type="button" className="icon-btn" data-testid="load-recording" aria-label="Load recording" title="Load a recording and replay it" onClick={() => picker.current?.click()}>
        <Icon name="upload" size={14} />
      </button>
      <button type="button" className="icon-btn" data-testid="copy-session-link" aria-label="Copy session link" title="Copy a link that replays this session" onClick={() => run(copySessionLink, undefined)}>
        <Icon name="link" size={14} />
      </button>
      <button type="button" className="icon-btn" data-testid="new-session" aria-label="New session" title="Forget this session and start a new one (the page keeps it across reloads)" onClick={() => run(newSession, undefined)}>
        <Icon name="plus" size={14} />
      </button>
      <input ref={picker} type="file" accept="application/json,.json" hidden data-testid="recording-file" onChange={(e) => void onFile(e.target.files?.[0])} />
    </div>
  );
}
