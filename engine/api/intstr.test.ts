import { describe, expect, it } from 'vitest';
import { atoi, getScaledValueFromIntOrPercent, intOrStringIntValue, intOrStringToString, intOrStringValueOrDefault, parseIntOrString, type IntOrString } from './intstr';

// Tables from apimachinery's pkg/util/intstr/intstr_test.go (v0.32), transcribed.

describe('getScaledValueFromIntOrPercent', () => {
  // TestGetIntFromIntOrPercent
  it.each([
    [123, 0, false, 123],
    ['90%', 100, true, 90],
    ['90%', 95, true, 86],
    ['90%', 95, false, 85],
  ] as [IntOrString, number, boolean, number][])('(%j, %s, roundUp=%s) = %s', (v, total, roundUp, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, roundUp)).toBe(want);
  });

  it.each([
    ['%', 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax'],
    ['90#', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['#%', 'invalid value for IntOrString: invalid value "#%": strconv.Atoi: parsing "#": invalid syntax'],
    ['90', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    // TestGetIntFromIntOrString's string cases, through the public function.
    ['200', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['30%0', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['a%', 'invalid value for IntOrString: invalid value "a%": strconv.Atoi: parsing "a": invalid syntax'],
    ['a', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['40#', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['40%%', 'invalid value for IntOrString: invalid value "40%%": strconv.Atoi: parsing "40%": invalid syntax'],
    ['99999999999999999999%', 'invalid value for IntOrString: invalid value "99999999999999999999%": strconv.Atoi: parsing "99999999999999999999": value out of range'],
  ])('rejects %j', (v, msg) => {
    expect(() => getScaledValueFromIntOrPercent(v, 10, true)).toThrow(msg);
  });

  it('rejects nil (TestGetValueFromIntOrPercentNil)', () => {
    expect(() => getScaledValueFromIntOrPercent(undefined, 0, false)).toThrow('nil value for IntOrString');
    expect(() => getScaledValueFromIntOrPercent(null, 0, false)).toThrow('nil value for IntOrString');
  });

  it('scales the Deployment defaults: maxSurge 25% rounds up, maxUnavailable 25% down', () => {
    expect(getScaledValueFromIntOrPercent('25%', 10, true)).toBe(3);
    expect(getScaledValueFromIntOrPercent('25%', 10, false)).toBe(2);
    expect(getScaledValueFromIntOrPercent('25%', 1, true)).toBe(1);
    expect(getScaledValueFromIntOrPercent('25%', 1, false)).toBe(0);
    expect(getScaledValueFromIntOrPercent('0%', 3, true)).toBe(0);
    expect(getScaledValueFromIntOrPercent('100%', 3, false)).toBe(3);
    expect(getScaledValueFromIntOrPercent('+50%', 3, true)).toBe(2);
    expect(getScaledValueFromIntOrPercent('-50%', 3, true)).toBe(-1);
  });
});

describe('IntOrString helpers', () => {
  // TestParse
  it.each([
    ['0', 0],
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
    ['2147483648', '2147483648'],
    ['-2147483649', '-2147483649'],
    ['25%', '25%'],
    ['+5', 5],
    ['', ''],
    ['1.5', '1.5'],
  ] as [string, IntOrString][])('parseIntOrString(%j) = %j', (s, want) => {
    expect(parseIntOrString(s)).toBe(want);
  });

  it('String and IntValue', () => {
    expect(intOrStringToString(93)).toBe('93');
    expect(intOrStringToString('76')).toBe('76');
    expect(intOrStringIntValue(93)).toBe(93);
    expect(intOrStringIntValue('76')).toBe(76);
    expect(intOrStringIntValue('25%')).toBe(0);
  });

  it('ValueOrDefault', () => {
    expect(intOrStringValueOrDefault(undefined, '25%')).toBe('25%');
    expect(intOrStringValueOrDefault(0, '25%')).toBe(0);
  });

  it('atoi', () => {
    expect(atoi('-12')).toBe(-12);
    expect(atoi('1_0')).toEqual({ error: 'strconv.Atoi: parsing "1_0": invalid syntax' });
  });
});
