import { describe, expect, it } from 'vitest';
import { formatRFC1123Z, formatRFC3339In, parseStandard, zeroTimeMs } from './cron';

// Times as robfig/cron's tests write them: `Mon Jul 9 14:45 2012` (Local, which is UTC here) or
// `2012-03-11T00:00:00-0500`; '' is the zero time.
function getTime(value: string): number {
  if (value === '') return zeroTimeMs;
  const iso = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)([+-]\d\d)(\d\d)$/.exec(value);
  if (iso) return Date.parse(`${iso[1]}${iso[2]}:${iso[3]}`);
  const m = /^\w{3} (\w{3}) (\d+) (\d+):(\d+)(?::(\d+))? (\d{4})$/.exec(value)!;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[1]!);
  return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0));
}

describe('Schedule.next', () => {
  // robfig/cron v3 spec_test.go TestNext, the cases a standard (seconds-less) spec can express:
  // the six-field specs there have second 0, dropped here.
  const runs: [string, string, string][] = [
    ['Mon Jul 9 14:45 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59:59 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 15:45 2012', '20-35/15 * * * *', 'Mon Jul 9 16:20 2012'],
    ['Mon Jul 9 23:46 2012', '*/15 * * * *', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:45 2012', '20-35/15 * * * *', 'Tue Jul 10 00:20 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 9 Apr-Oct ?', 'Thu Aug 9 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 */5 Apr,Aug,Oct Mon', 'Tue Aug 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 */5 Oct Mon', 'Mon Oct 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon', 'Mon Feb 4 00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon/2', 'Fri Feb 1 00:00 2013'],
    ['Mon Dec 31 23:59:45 2012', '* * * * *', 'Tue Jan 1 00:00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 29 Feb ?', 'Mon Feb 29 00:00 2016'],
    // Daylight saving time 2am EST (-5) -> 3am EDT (-4).
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 30 2 11 Mar ?', '2013-03-11T02:30:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-0400'],
    ['2012-03-11T03:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-03-11T04:00:00-0400'],
    ['2012-03-11T01:00:00-0500', 'CRON_TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-03-12T01:00:00-0400'],
    // The 2am nightly job is skipped on the day 2am does not exist.
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 2 * * ?', '2012-03-12T02:00:00-0400'],
    // Daylight saving time 2am EDT (-4) -> 1am EST (-5).
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 30 2 04 Nov ?', '2012-11-04T02:30:00-0500'],
    ['2012-11-04T01:45:00-0400', 'TZ=America/New_York 30 1 04 Nov ?', '2012-11-04T01:30:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-11-04T02:00:00-0500'],
    // The 1am nightly job runs twice on the day 1am repeats.
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-11-05T01:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 2 * * ?', '2012-11-04T02:00:00-0500'],
    ['2012-11-04T02:00:00-0500', 'TZ=America/New_York 0 2 * * ?', '2012-11-05T02:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 3 * * ?', '2012-11-04T03:00:00-0500'],
    ['2012-11-04T03:00:00-0500', 'TZ=America/New_York 0 3 * * ?', '2012-11-05T03:00:00-0500'],
    // Unsatisfiable.
    ['Mon Jul 9 23:35 2012', '0 0 30 Feb ?', ''],
    ['Mon Jul 9 23:35 2012', '0 0 31 Apr ?', ''],
    // Monthly job.
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 3 3 * ?', '2012-12-03T03:00:00-0500'],
    // Midnight that does not exist (robfig/cron#157).
    ['2018-10-17T05:00:00-0400', 'TZ=America/Sao_Paulo 0 9 10 * ?', '2018-11-10T06:00:00-0500'],
    ['2018-02-14T05:00:00-0500', 'TZ=America/Sao_Paulo 0 9 22 * ?', '2018-02-22T07:00:00-0500'],
  ];
  for (const [time, spec, expected] of runs) {
    it(`${spec} after ${time}`, () => {
      expect(new Date(parseStandard(spec).next(getTime(time))).toISOString()).toBe(new Date(getTime(expected)).toISOString());
    });
  }

  // robfig/cron v3 spec_test.go TestActivation: the standard-spec cases.
  const activations: [string, string, boolean][] = [
    ['Mon Jul 9 15:00 2012', '0/15 * * * *', true],
    ['Mon Jul 9 15:45 2012', '0/15 * * * *', true],
    ['Mon Jul 9 15:40 2012', '0/15 * * * *', false],
    ['Mon Jul 9 15:05 2012', '5/15 * * * *', true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jul *', true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jun *', false],
    ['Sun Jul 15 08:30 2012', '30 08 ? Jul Sun', true],
    ['Mon Jul 16 08:30 2012', '30 08 15 Jul ?', false],
    ['Mon Jul 9 15:00 2012', '@hourly', true],
    ['Mon Jul 9 15:04 2012', '@hourly', false],
    ['Mon Jul 9 15:00 2012', '@daily', false],
    ['Mon Jul 9 00:00 2012', '@daily', true],
    ['Mon Jul 9 00:00 2012', '@weekly', false],
    ['Sun Jul 8 00:00 2012', '@weekly', true],
    ['Sun Jul 1 00:00 2012', '@monthly', true],
    // Both day fields restricted: either may match.
    ['Sun Jul 15 00:00 2012', '* * 1,15 * Sun', true],
    ['Fri Jun 15 00:00 2012', '* * 1,15 * Sun', true],
    ['Wed Aug 1 00:00 2012', '* * 1,15 * Sun', true],
    // One is a star: both must match.
    ['Sun Jul 15 00:00 2012', '* * * * Mon', false],
    // A stepped `*/10` is no star in the vendored v3 parser (step > 1 clears the star bit), so either day field may match.
    ['Sun Jul 15 00:00 2012', '* * */10 * Sun', true],
    ['Mon Jul 9 00:00 2012', '* * 1,15 * *', false],
    ['Sun Jul 15 00:00 2012', '* * 1,15 * *', true],
    ['Sun Jul 15 00:00 2012', '* * */2 * Sun', true],
  ];
  for (const [time, spec, active] of activations) {
    it(`${spec} ${active ? 'fires' : 'does not fire'} at ${time}`, () => {
      const t = getTime(time);
      expect(parseStandard(spec).next(t - 1000) === t).toBe(active);
    });
  }

  // robfig/cron v3 constantdelay_test.go TestConstantDelayNext: whole seconds, at least one.
  it('@every adds its period to the time rounded down to the second', () => {
    const t = Date.UTC(2012, 6, 9, 14, 45, 0) + 500;
    expect(parseStandard('@every 15m').next(t)).toBe(Date.UTC(2012, 6, 9, 15, 0, 0));
    expect(parseStandard('@every 1.5s').next(t)).toBe(Date.UTC(2012, 6, 9, 14, 45, 1));
    expect(parseStandard('@every 100ms').next(t)).toBe(Date.UTC(2012, 6, 9, 14, 45, 1));
  });

  it('rejects what ParseStandard rejects (robfig TestErrors)', () => {
    for (const spec of ['xyz', '60 0 * * *', '0 60 * * *', '0 0 * * XYZ', 'TZ=America/New_York 15/0 * * * *']) expect(() => parseStandard(spec)).toThrow();
  });
});

describe('time formats', () => {
  it('RFC3339 in a zone, Z for UTC', () => {
    const t = Date.UTC(2016, 4, 19, 10, 0, 0);
    expect(formatRFC3339In(t, 'UTC')).toBe('2016-05-19T10:00:00Z');
    expect(formatRFC3339In(t, 'America/New_York')).toBe('2016-05-19T06:00:00-04:00');
    expect(formatRFC3339In(t, 'Asia/Kolkata')).toBe('2016-05-19T15:30:00+05:30');
  });
  it('RFC1123Z in UTC', () => {
    expect(formatRFC1123Z(Date.UTC(2016, 4, 19, 10, 0, 0))).toBe('Thu, 19 May 2016 10:00:00 +0000');
  });
});
