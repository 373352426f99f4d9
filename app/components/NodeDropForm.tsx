// What a worker node dropped from the palette will be: its name, size, labels and taints, with the
// defaults kubeadm's nodes would have. Add starts its kubelet (which registers the Node); the form
// says what was wrong with a value and keeps what was typed. Labels `k=v,k2=v2`; taints
// `key=value:Effect`, as kubectl taint writes them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { NodeSpec } from '../../engine/cluster-core';
import type { Taint, TaintEffect } from '../../engine/api/types';
import { useRunAction } from '../actions/use-run-action';
import { addNode } from '../actions/workload-actions';
import { isCommandResult } from '../actions/registry';

const effects: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] satisfies TaintEffect[];

/** Parses `k=v,k2=v2`; throws with what is wrong. */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`label "${part}" is not key=value`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** Parses `key[=value]:Effect,…` as `kubectl taint` takes them; throws with what is wrong. */
export function parseTaints(text: string): Taint[] {
  const out: Taint[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const colon = part.lastIndexOf(':');
    if (colon <= 0) throw new Error(`taint "${part}" needs an effect: key=value:NoSchedule`);
    const effect = part.slice(colon + 1) as TaintEffect;
    if (!effects.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = part.slice(0, colon);
    const eq = kv.indexOf('=');
    out.push(eq < 0 ? { key: kv, effect } : { key: kv.slice(0, eq), value: kv.slice(eq + 1), effect });
  }
  return out;
}

/** The form, at `at` (px inside the canvas); `drop` is where the card goes (flow coordinates). */
export function NodeDropForm({ at, drop, onClose }: { at: { x: number; y: number }; drop: { x: number; y: number }; onClose: () => void }) {
  const run = useRunAction();
  const [name, setName] = useState('');
  const [cpu, setCpu] = useState('4');
  const [memory, setMemory] = useState('8Gi');
  const [pods, setPods] = useState('110');
  const [labels, setLabels] = useState('');
  const [taints, setTaints] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let spec: NodeSpec;
    try {
      const n = Number(pods);
      if (!Number.isInteger(n) || n < 1) throw new Error(`pods must be a whole number above 0, not "${pods}"`);
      spec = { ...(name.trim() ? { name: name.trim() } : {}), cpu: cpu.trim(), memory: memory.trim(), pods: n, labels: parseLabels(labels), taints: parseTaints(taints) };
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return;
    }
    setBusy(true);
    const r = await run(addNode, { spec, drop });
    setBusy(false);
    if (isCommandResult(r) && r.code !== 0) {
      setError(r.stderr.replace(/^Error: /, '').trim());
      return;
    }
    onClose();
  };

  return (
    <form
      className="node-form nodrag nopan"
      style={{ left: at.x, top: at.y }}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onClose();
      }}
      aria-label="New worker node"
      data-testid="node-form"
    >
      <div className="node-form__title">New worker node</div>
      <label>
        Name <input ref={first} value={name} onChange={(e) => setName(e.target.value)} placeholder="next node-N" data-testid="node-form-name" spellCheck={false} />
      </label>
      <div className="node-form__row">
        <label>
          CPU <input value={cpu} onChange={(e) => setCpu(e.target.value)} data-testid="node-form-cpu" spellCheck={false} />
        </label>
        <label>
          Memory <input value={memory} onChange={(e) => setMemory(e.target.value)} data-testid="node-form-memory" spellCheck={false} />
        </label>
        <label>
          Pods <input value={pods} onChange={(e) => setPods(e.target.value)} inputMode="numeric" data-testid="node-form-pods" />
        </label>
      </div>
      <label>
        Labels <input value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="disktype=ssd,zone=a" data-testid="node-form-labels" spellCheck={false} />
      </label>
      <label>
        Taints <input value={taints} onChange={(e) => setTaints(e.target.value)} placeholder="dedicated=gpu:NoSchedule" data-testid="node-form-taints" spellCheck={false} />
      </label>
      {error && (
        <p className="node-form__error" role="alert" data-testid="node-form-error">
          {error}
        </p>
      )}
      <div className="node-form__actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="is-primary" disabled={busy} data-testid="node-form-add">
          {busy ? 'Starting…' : 'Add node'}
        </button>
      </div>
    </form>
  );
}
