// The one log line clientv3 prints through zap's production JSON encoder when a unary RPC fails
// (clientv3/retry_interceptor.go:62), with "ts" from the caller's clock.

/** ISO8601 UTC with milliseconds, as zap's ISO8601TimeEncoder prints a UTC time. */
export function zapTime(epochMs: number): string {
  const ms = Math.floor(epochMs);
  const days = Math.floor(ms / 86_400_000);
  const msOfDay = ms - days * 86_400_000;
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const hh = Math.floor(msOfDay / 3_600_000);
  const mm = Math.floor((msOfDay % 3_600_000) / 60_000);
  const ss = Math.floor((msOfDay % 60_000) / 1000);
  return `${p(y, 4)}-${p(m)}-${p(d)}T${p(hh)}:${p(mm)}:${p(ss)}.${p(msOfDay % 1000, 3)}Z`;
}

/** `{"level":"warn",...,"msg":"retrying of unary invoker failed",...}` plus newline. */
export function retryWarnLine(epochMs: number, target: string, attempt: number, error: string): string {
  const fields = [
    `"level":"warn"`,
    `"ts":${JSON.stringify(zapTime(epochMs))}`,
    `"caller":"clientv3/retry_interceptor.go:62"`,
    `"msg":"retrying of unary invoker failed"`,
    `"target":${JSON.stringify(target)}`,
    `"attempt":${attempt}`,
    `"error":${JSON.stringify(error)}`,
  ];
  return `{${fields.join(',')}}\n`;
}

/** A version-4-shaped UUID derived from `seed`, standing in for clientv3's random client id. */
export function pseudoUuid(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    bytes.push(h & 0xff);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hx = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hx.slice(0, 8)}-${hx.slice(8, 12)}-${hx.slice(12, 16)}-${hx.slice(16, 20)}-${hx.slice(20)}`;
}
