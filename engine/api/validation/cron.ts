// The standard cron syntax CronJobs accept, as github.com/robfig/cron/v3 ParseStandard parses it
// (parser.go): five fields (minute hour day-of-month month day-of-week) of values, ranges `a-b`,
// steps `/n`, `*` or `?`, lists `a,b`, month and weekday names; or a descriptor (@yearly,
// @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>). Errors carry
// robfig's texts, which the validation message repeats.

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const minutes: Bounds = { min: 0, max: 59 };
const hours: Bounds = { min: 0, max: 23 };
const dom: Bounds = { min: 1, max: 31 };
const months: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const dow: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A parsed schedule: the allowed values of each field (a descriptor @every keeps its period). */
export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dayOfMonth: Set<number>;
  month: Set<number>;
  dayOfWeek: Set<number>;
  /** The field was `*` or `?` (robfig's star bit: day-of-month and day-of-week then combine with AND). */
  domStar: boolean;
  dowStar: boolean;
  /** For `@every <duration>`: the period in seconds. */
  everySeconds?: number;
}

/** strconv.Atoi's error text for a non-integer. */
function atoiError(s: string): string {
  return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
}

function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new Error(`failed to parse int from ${expr}: ${atoiError(expr)}`);
  const n = Number(expr);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  const named = names?.[expr.toLowerCase()];
  if (named !== undefined) return named;
  return mustParseInt(expr);
}

function getRange(expr: string, r: Bounds, into: Set<number>): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else throw new Error(`too many slashes: ${expr}`);
  if (start < r.min) throw new Error(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new Error(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.add(v);
  return star;
}

function getField(field: string, r: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(',')) star = getRange(expr, r, values) || star;
  return { values, star };
}

function all(r: Bounds): Set<number> {
  const s = new Set<number>();
  for (let v = r.min; v <= r.max; v++) s.add(v);
  return s;
}

/** time.ParseDuration for the common forms (`1h30m`, `90s`, `1.5h`, `500ms`). */
function parseGoDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    i = 1;
  }
  if (i >= s.length) throw new Error(`time: invalid duration ${JSON.stringify(s)}`);
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) throw new Error(/^[+-]?[\d.]+$/.test(s.slice(i)) ? `time: missing unit in duration ${JSON.stringify(s)}` : `time: invalid duration ${JSON.stringify(s)}`);
    total += Number(m[1]) * units[m[2]!]!;
    i = re.lastIndex;
  }
  return sign * total;
}

function descriptor(spec: string): CronSchedule {
  const sched = (minute: number[], hour: number[], d: number[] | null, month: number[] | null, w: number[] | null): CronSchedule => ({
    minute: new Set(minute),
    hour: new Set(hour),
    dayOfMonth: d ? new Set(d) : all(dom),
    month: month ? new Set(month) : all(months),
    dayOfWeek: w ? new Set(w) : all(dow),
    domStar: d === null,
    dowStar: w === null,
  });
  switch (spec) {
    case '@yearly':
    case '@annually':
      return sched([0], [0], [1], [1], null);
    case '@monthly':
      return sched([0], [0], [1], null, null);
    case '@weekly':
      return sched([0], [0], null, null, [0]);
    case '@daily':
    case '@midnight':
      return sched([0], [0], null, null, null);
    case '@hourly':
      return { ...sched([0], [...all(hours)], null, null, null) };
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    let seconds: number;
    try {
      seconds = parseGoDuration(spec.slice(every.length));
    } catch (e) {
      throw new Error(`failed to parse duration ${spec}: ${(e as Error).message}`);
    }
    return { ...sched([], [], null, null, null), everySeconds: seconds };
  }
  throw new Error(`unrecognized descriptor: ${spec}`);
}

/** cron.ParseStandard; throws an Error with robfig/cron's message. */
export function parseStandardCron(spec: string): CronSchedule {
  if (spec.length === 0) throw new Error('empty spec string');
  let s = spec;
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
    const i = s.indexOf(' ');
    const eq = s.indexOf('=');
    const name = s.slice(eq + 1, i < 0 ? undefined : i);
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
    } catch {
      throw new Error(`provided bad location ${name}: unknown time zone ${name}`);
    }
    s = i < 0 ? '' : s.slice(i).trim();
  }
  if (s.startsWith('@')) return descriptor(s);
  const fields = s.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const minute = getField(fields[0]!, minutes);
  const hour = getField(fields[1]!, hours);
  const d = getField(fields[2]!, dom);
  const month = getField(fields[3]!, months);
  const w = getField(fields[4]!, dow);
  return { minute: minute.values, hour: hour.values, dayOfMonth: d.values, month: month.values, dayOfWeek: w.values, domStar: d.star, dowStar: w.star };
}
