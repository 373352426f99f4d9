// Log lines as a person reads them. etcdctl (clientv3) prints zap's production JSON encoder on
// stderr, e.g. `{"level":"warn","ts":"…","caller":"clientv3/retry_interceptor.go:62","msg":"retrying
// of unary invoker failed","target":"…","attempt":0,"error":"rpc error: …"}`; the Activity panel
// shows that as `retrying of unary invoker failed: rpc error: … (attempt 0)` instead.

/** Fields zap always writes, which a reader does not need beside the message. */
const zapHousekeeping = new Set(['level', 'ts', 'caller', 'msg', 'logger', 'stacktrace', 'error', 'target', 'attempt']);

/** One zap JSON line as text, or null if `line` is not one. */
export function zapLineText(line: string): string | null {
  const t = line.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return null;
  let o: unknown;
  try {
    o = JSON.parse(t);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const rec = o as Record<string, unknown>;
  if (typeof rec.msg !== 'string') return null;
  let text = rec.msg;
  if (rec.error !== undefined) text += `: ${String(rec.error)}`;
  const extra: string[] = [];
  if (rec.attempt !== undefined) extra.push(`attempt ${String(rec.attempt)}`);
  for (const [k, v] of Object.entries(rec)) {
    if (zapHousekeeping.has(k)) continue;
    extra.push(`${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return extra.length ? `${text} (${extra.join(', ')})` : text;
}

/** `text` with every zap JSON line rewritten as prose and blank lines dropped, joined with ' · '. */
export function readableLogText(text: string): string {
  if (!text.includes('{')) return text;
  const lines = text
    .split('\n')
    .map((l) => {
      // A prefix such as `Remove member: ` may come before the JSON.
      const at = l.indexOf('{');
      const zapText = at >= 0 ? zapLineText(l.slice(at)) : null;
      return (zapText === null ? l : l.slice(0, at) + zapText).trim();
    })
    .filter((l) => l.length > 0);
  // Repeated retry warnings say the same thing: keep one.
  return [...new Set(lines)].join(' · ');
}
