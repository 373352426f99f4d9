// The shared pieces of k8s.io/kubectl/pkg/describe/describe.go: labels, annotations, taints and
// tolerations printed multi-line, timestamps as RFC 1123Z, ages, and the Events section.

import { humanDuration } from '../../api/duration';
import { compareGoStrings } from '../printers/gofmt';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

/** An object as describe reads it: plain JSON. */
export type Obj = Record<string, unknown>;

/** A field of a plain object, as an object ({} when absent). */
export function obj(v: unknown): Obj {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}
export function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? (v as Obj[]) : [];
}
export function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}
export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}
export function strMap(v: unknown): Record<string, string> {
  return obj(v) as Record<string, string>;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** time.RFC1123Z in UTC (`Thu, 01 Jan 2026 00:00:01 +0000`), as describe prints timestamps. */
export function rfc1123z(ts: unknown): string {
  const ms = Date.parse(str(ts));
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  return `${days[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** translateTimestampSince: `<unknown>` for a zero time, else duration.HumanDuration of its age. */
export function timestampSince(ts: unknown, nowMs: number): string {
  const ms = Date.parse(str(ts));
  if (!ts || Number.isNaN(ms)) return '<unknown>';
  return humanDuration(nowMs - ms);
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort(compareGoStrings);
}

/** printLabelsMultilineWithIndent. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels ?? {});
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

/** Annotations describe never prints. */
const skipAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const maxAnnotationLen = 140;

/** printAnnotationsMultiline: long or multi-line values go on their own lines, shortened. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations ?? {}).filter((k) => !skipAnnotations.has(k));
  if (keys.length === 0) return w.writeLine('<none>');
  const indent = '\t';
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > maxAnnotationLen || value.includes('\n')) {
      w.write(LEVEL_0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, maxAnnotationLen - 2)}\n`);
    } else w.write(LEVEL_0, `${k}: ${value}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '...' : s;
}

/** A taint as corev1.Taint.ToString prints it. */
function taintString(t: Obj): string {
  const v = str(t.value);
  return v ? `${str(t.key)}=${v}:${str(t.effect)}` : `${str(t.key)}:${str(t.effect)}`;
}

/** printTaintsMultilineWithIndent, sorted by effect as upstream does. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Obj[], initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (taints.length === 0) return w.writeLine('<none>');
  const effects = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
  let i = 0;
  for (const effect of effects) {
    for (const t of taints) {
      if (str(t.effect) !== effect) continue;
      if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
      w.write(LEVEL_0, `${taintString(t)}\n`);
      i++;
    }
  }
}

/** printTolerationsMultilineWithIndent. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Obj[], initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (tolerations.length === 0) return w.writeLine('<none>');
  const sorted = [...tolerations].sort((a, b) => compareGoStrings(str(a.key), str(b.key)));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, str(t.key));
    if (str(t.value)) w.write(LEVEL_0, `=${str(t.value)}`);
    if (str(t.effect)) w.write(LEVEL_0, `:${str(t.effect)}`);
    if (str(t.operator) === 'Exists' && !str(t.value)) w.write(LEVEL_0, str(t.key) || str(t.effect) ? ' op=Exists' : 'op=Exists');
    if (typeof t.tolerationSeconds === 'number') w.write(LEVEL_0, ` for ${t.tolerationSeconds}s`);
    w.write(LEVEL_0, '\n');
  });
}

/** event.SortableEvents: by last timestamp (the event time when unset). */
function eventTime(e: Obj): number {
  const t = Date.parse(str(e.lastTimestamp) || str(e.eventTime));
  return Number.isNaN(t) ? 0 : t;
}

/** DescribeEvents. */
export function describeEvents(events: Obj[], w: PrefixWriter, nowMs: number): void {
  if (events.length === 0) return w.write(LEVEL_0, 'Events:\t<none>\n');
  w.flush();
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? timestampSince(e.eventTime, nowMs) : timestampSince(e.firstTimestamp, nowMs);
    const series = e.series ? obj(e.series) : null;
    const count = num(e.count);
    const interval = series
      ? `${timestampSince(series.lastObservedTime, nowMs)} (x${num(series.count)} over ${first})`
      : count > 1
        ? `${timestampSince(e.lastTimestamp, nowMs)} (x${count} over ${first})`
        : first;
    const source = str(obj(e.source).component) || str(e.reportingComponent);
    w.write(LEVEL_1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}

/** stringOrNone. */
export function orNone(s: string): string {
  return s || '<none>';
}

/** A bool as Go's %v / %t prints it. */
export function goBool(v: unknown): string {
  return v === true ? 'true' : 'false';
}
