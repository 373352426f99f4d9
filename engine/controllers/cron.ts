// Cron schedules as the CronJob controller evaluates them: github.com/robfig/cron/v3's ParseStandard
// (five fields or a descriptor, optionally prefixed `TZ=<zone>` / `CRON_TZ=<zone>`) and its
// `Schedule.Next`, walked field by field in the schedule's time zone exactly as spec.go walks it,
// including its daylight-saving corrections. The field grammar itself is parsed once, by the
// validation's parser (engine/api/validation/cron.ts); this file adds locations and time.
// Times are epoch milliseconds; Go's zero time (what Next answers when nothing matches within five
// years) is `zeroTimeMs`. Zones other than UTC are read from the host's IANA database through
// Intl, which is pure (no clock), so the same input always gives the same answer.

import { parseStandardCron, type CronSchedule } from '../api/validation/cron';

/** Go's zero time.Time (0001-01-01T00:00:00Z) in epoch ms: what `next` answers when no time matches. */
export const zeroTimeMs = -62_135_596_800_000;

/** A parsed schedule (cron.Schedule): the first activation strictly after a time. */
export interface Schedule {
  /** The zone the fields are read in ('UTC' also stands for the controller's Local zone). */
  readonly location: string;
  next(ms: number): number;
}

/** Whether `name` is a zone time.LoadLocation would load ('' and 'UTC' are UTC). */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

// Models github.com/robfig/cron/v3 parser.go ParseStandard (with the time zone prefix kept).
/** Parses a standard cron spec; throws an Error with robfig/cron's message. */
export function parseStandard(spec: string): Schedule {
  const fields = parseStandardCron(spec);
  let location = 'UTC';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const name = spec.slice(spec.indexOf('=') + 1, i < 0 ? undefined : i);
    location = name === '' || name === 'Local' ? 'UTC' : name;
  }
  if (fields.everySeconds !== undefined) return constantDelay(fields.everySeconds, location);
  return specSchedule(fields, location);
}

// Models github.com/robfig/cron/v3 constantdelay.go Every / ConstantDelaySchedule.Next.
function constantDelay(seconds: number, location: string): Schedule {
  // Every rounds the period down to whole seconds, and to at least one second.
  const delayMs = Math.max(1000, Math.floor(seconds) * 1000);
  return { location, next: (ms) => floorTo(ms, 1000) + delayMs };
}

// Models github.com/robfig/cron/v3 spec.go SpecSchedule.Next.
function specSchedule(s: CronSchedule, loc: string): Schedule {
  const next = (from: number): number => {
    // Start at the earliest possible time: the upcoming second.
    let t = floorTo(from, 1000) + 1000;
    let added = false;
    const yearLimit = fieldsIn(t, loc).year + 5;
    wrap: for (;;) {
      if (fieldsIn(t, loc).year > yearLimit) return zeroTimeMs;
      while (!s.month.has(fieldsIn(t, loc).month)) {
        if (!added) {
          added = true;
          const f = fieldsIn(t, loc);
          t = dateIn(f.year, f.month, 1, 0, 0, 0, loc);
        }
        const f = fieldsIn(t, loc);
        t = dateIn(f.year, f.month + 1, f.day, f.hour, f.minute, f.second, loc);
        if (fieldsIn(t, loc).month === 1) continue wrap;
      }
      while (!dayMatches(s, fieldsIn(t, loc))) {
        if (!added) {
          added = true;
          const f = fieldsIn(t, loc);
          t = dateIn(f.year, f.month, f.day, 0, 0, 0, loc);
        }
        const f = fieldsIn(t, loc);
        t = dateIn(f.year, f.month, f.day + 1, f.hour, f.minute, f.second, loc);
        // Where daylight saving moves midnight, land back on it: forward from 23h, back from 1h.
        const h = fieldsIn(t, loc).hour;
        if (h !== 0) t += (h > 12 ? 24 - h : -h) * 3_600_000;
        if (fieldsIn(t, loc).day === 1) continue wrap;
      }
      while (!s.hour.has(fieldsIn(t, loc).hour)) {
        if (!added) {
          added = true;
          const f = fieldsIn(t, loc);
          t = dateIn(f.year, f.month, f.day, f.hour, 0, 0, loc);
        }
        t += 3_600_000;
        if (fieldsIn(t, loc).hour === 0) continue wrap;
      }
      while (!s.minute.has(fieldsIn(t, loc).minute)) {
        if (!added) {
          added = true;
          t = floorTo(t, 60_000);
        }
        t += 60_000;
        if (fieldsIn(t, loc).minute === 0) continue wrap;
      }
      // ParseStandard schedules fire at second 0 only.
      while (fieldsIn(t, loc).second !== 0) {
        if (!added) {
          added = true;
          t = floorTo(t, 1000);
        }
        t += 1000;
        if (fieldsIn(t, loc).second === 0) continue wrap;
      }
      return t;
    }
  };
  return { location: loc, next };
}

// Models github.com/robfig/cron/v3 spec.go dayMatches: with a `*` in either day field both must match, else either.
function dayMatches(s: CronSchedule, f: Fields): boolean {
  const domMatch = s.dayOfMonth.has(f.day);
  const dowMatch = s.dayOfWeek.has(f.weekday);
  return s.domStar || s.dowStar ? domMatch && dowMatch : domMatch || dowMatch;
}

/** The wall-clock fields of an instant in a zone (month 1–12, weekday 0 = Sunday). */
export interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(zone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The fields of `ms` in `zone` (time.Time.In(loc) and its accessors). */
export function fieldsIn(ms: number, zone: string): Fields {
  if (zone === 'UTC') {
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() };
  }
  const out: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(ms))) {
    if (p.type === 'weekday') out.weekday = weekdays[p.value]!;
    else if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second!, weekday: out.weekday! };
}

/** The zone's offset from UTC at instant `ms`, in ms. */
export function offsetAt(ms: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const whole = floorTo(ms, 1000);
  const f = fieldsIn(whole, zone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - whole;
}

// Models time.Date: fields out of range are normalised, and a wall time a zone transition skips or
// repeats takes the offset that was in force just before the transition was looked up.
/** The instant of a wall-clock time in `zone`. */
export function dateIn(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): number {
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  if (zone === 'UTC') return local;
  const guess = offsetAt(local, zone);
  return local - offsetAt(local - guess, zone);
}

function floorTo(ms: number, unit: number): number {
  return Math.floor(ms / unit) * unit;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function formatOffset(offMs: number, colon: boolean): string {
  const sign = offMs < 0 ? '-' : '+';
  const m = Math.abs(Math.round(offMs / 60_000));
  return `${sign}${pad(Math.floor(m / 60))}${colon ? ':' : ''}${pad(m % 60)}`;
}

/** time.RFC3339 of `ms` in `zone` (`Z` for a zero offset): the CronJob scheduled-timestamp annotation's format. */
export function formatRFC3339In(ms: number, zone: string): string {
  const f = fieldsIn(ms, zone);
  const off = offsetAt(ms, zone);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${off === 0 ? 'Z' : formatOffset(off, true)}`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** time.RFC1123Z of `ms` in UTC (`Thu, 19 May 2016 10:00:00 +0000`), as the MissSchedule event prints it. */
export function formatRFC1123Z(ms: number): string {
  const f = fieldsIn(ms, 'UTC');
  return `${dayNames[f.weekday]}, ${pad(f.day)} ${monthNames[f.month - 1]} ${pad(f.year, 4)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)} +0000`;
}
