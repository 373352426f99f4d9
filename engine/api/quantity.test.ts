import { describe, expect, it } from 'vitest';
import fixture from './testdata/quantity-kubectl.json';
import {
  errFormatWrong,
  errNumeric,
  errSuffix,
  isQuantity,
  mustParseQuantity,
  parseQuantity,
  parseQuantityString,
  Quantity,
  quantityFromJSON,
  QuantityParseError,
  type QuantityFormat,
} from './quantity';

// Most tables below are apimachinery's pkg/api/resource/quantity_test.go (v0.32), transcribed.
const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);

/** decQuantity(i, exponent, format): an inf.Dec-backed Quantity. */
const dec = (i: bigint | number, exponent: number, format: QuantityFormat = 'DecimalSI') => Quantity.fromDecimal(BigInt(i), exponent, format);
/** intQuantity(i, scale, format): an int64Amount-backed Quantity. */
const int = (i: bigint | number, scale: number, format: QuantityFormat = 'DecimalSI') => Quantity.fromScaled(i, scale).withFormat(format);
const q = (s: string) => mustParseQuantity(s);

describe('real kubectl fixtures (ParseQuantity + String)', () => {
  for (const c of fixture.cases as { in: string; out?: string; error?: string }[]) {
    it(JSON.stringify(c.in), () => {
      if (c.error !== undefined) expect(() => Quantity.parse(c.in)).toThrow(new QuantityParseError(c.error));
      else expect(Quantity.parse(c.in).toString()).toBe(c.out);
    });
  }
});

describe('Quantity.parse', () => {
  it('rejects the empty string with ErrFormatWrong', () => {
    expect(() => Quantity.parse('')).toThrow(errFormatWrong);
    expect(errFormatWrong).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('throws QuantityParseError instances with the upstream messages', () => {
    const err = (s: string) => {
      try {
        Quantity.parse(s);
      } catch (e) {
        expect(e).toBeInstanceOf(QuantityParseError);
        return (e as Error).message;
      }
      return undefined;
    };
    expect(err('aoeu')).toBe(errFormatWrong);
    expect(err('1i')).toBe(errSuffix);
    expect(err('e-10')).toBe(errNumeric);
    expect(err('1')).toBeUndefined();
    expect(() => mustParseQuantity('Non-Numeric')).toThrow(`cannot parse 'Non-Numeric': ${errFormatWrong}`);
  });

  // TestQuantityParse
  const table: [string, Quantity][] = [
    ['0', dec(0, 0)],
    ['0n', dec(0, 0)],
    ['0u', dec(0, 0)],
    ['0m', dec(0, 0)],
    ['0Ki', dec(0, 0, 'BinarySI')],
    ['0k', dec(0, 0)],
    ['0Mi', dec(0, 0, 'BinarySI')],
    ['0M', dec(0, 0)],
    ['0Gi', dec(0, 0, 'BinarySI')],
    ['0G', dec(0, 0)],
    ['0Ti', dec(0, 0, 'BinarySI')],
    ['0T', dec(0, 0)],
    ['1', dec(1, 0)],
    ['1Ki', dec(1024, 0, 'BinarySI')],
    ['8Ki', dec(8 * 1024, 0, 'BinarySI')],
    ['7Mi', dec(7 * 1024 * 1024, 0, 'BinarySI')],
    ['6Gi', dec(6 * 1024 * 1024 * 1024, 0, 'BinarySI')],
    ['5Ti', dec(5 * 1024 ** 4, 0, 'BinarySI')],
    ['4Pi', dec(4 * 1024 ** 5, 0, 'BinarySI')],
    ['3Ei', dec(3n * 1024n ** 6n, 0, 'BinarySI')],
    ['10Ti', dec(10 * 1024 ** 4, 0, 'BinarySI')],
    ['100Ti', dec(100 * 1024 ** 4, 0, 'BinarySI')],
    ['5n', dec(5, -9)],
    ['4u', dec(4, -6)],
    ['3m', dec(3, -3)],
    ['9', dec(9, 0)],
    ['8k', dec(8, 3)],
    ['50k', dec(5, 4)],
    ['7M', dec(7, 6)],
    ['6G', dec(6, 9)],
    ['5T', dec(5, 12)],
    ['40T', dec(4, 13)],
    ['300T', dec(3, 14)],
    ['2P', dec(2, 15)],
    ['1E', dec(1, 18)],
    ['1E-3', dec(1, -3, 'DecimalExponent')],
    ['1e3', dec(1, 3, 'DecimalExponent')],
    ['1E6', dec(1, 6, 'DecimalExponent')],
    ['1e9', dec(1, 9, 'DecimalExponent')],
    ['1E12', dec(1, 12, 'DecimalExponent')],
    ['1e15', dec(1, 15, 'DecimalExponent')],
    ['1E18', dec(1, 18, 'DecimalExponent')],
    ['1e14', dec(1, 14, 'DecimalExponent')],
    ['1e13', dec(1, 13, 'DecimalExponent')],
    ['1e3', dec(1, 3, 'DecimalExponent')],
    ['100.035k', dec(100035, 0)],
    ['0.001', dec(1, -3)],
    ['0.0005k', dec(5, -1)],
    ['0.005', dec(5, -3)],
    ['0.05', dec(5, -2)],
    ['0.5', dec(5, -1)],
    ['0.00050k', dec(5, -1)],
    ['0.00500', dec(5, -3)],
    ['0.05000', dec(5, -2)],
    ['0.50000', dec(5, -1)],
    ['0.5e0', dec(5, -1, 'DecimalExponent')],
    ['0.5e-1', dec(5, -2, 'DecimalExponent')],
    ['0.5e-2', dec(5, -3, 'DecimalExponent')],
    ['0.5e0', dec(5, -1, 'DecimalExponent')],
    ['10.035M', dec(10035, 3)],
    ['1.2e3', dec(12, 2, 'DecimalExponent')],
    ['1.3E+6', dec(13, 5, 'DecimalExponent')],
    ['1.40e9', dec(14, 8, 'DecimalExponent')],
    ['1.53E12', dec(153, 10, 'DecimalExponent')],
    ['1.6e15', dec(16, 14, 'DecimalExponent')],
    ['1.7E18', dec(17, 17, 'DecimalExponent')],
    ['9.01', dec(901, -2)],
    ['8.1k', dec(81, 2)],
    ['7.123456M', dec(7123456, 0)],
    ['6.987654321G', dec(6987654321, 0)],
    ['5.444T', dec(5444, 9)],
    ['40.1T', dec(401, 11)],
    ['300.2T', dec(3002, 11)],
    ['2.5P', dec(25, 14)],
    ['1.01E', dec(101, 16)],
    // Things that saturate/round
    ['3.001n', dec(4, -9)],
    ['1.1E-9', dec(2, -9, 'DecimalExponent')],
    ['0.0000000001', dec(1, -9)],
    ['0.0000000005', dec(1, -9)],
    ['0.00000000050', dec(1, -9)],
    ['0.5e-9', dec(1, -9, 'DecimalExponent')],
    ['0.9n', dec(1, -9)],
    ['0.00000012345', dec(124, -9)],
    ['0.00000012354', dec(124, -9)],
    ['9Ei', dec(maxInt64, 0, 'BinarySI')],
    ['9223372036854775807Ki', dec(maxInt64, 0, 'BinarySI')],
    ['12E', dec(12, 18)],
    // Fractional binary
    ['100.035Ki', dec(10243584, -2, 'BinarySI')],
    ['0.5Mi', dec(0.5 * 1024 * 1024, 0, 'BinarySI')],
    ['0.05Gi', dec(536870912, -1, 'BinarySI')],
    ['0.025Ti', dec(274877906944, -1, 'BinarySI')],
    // Things written by trolls
    ['0.000000000001Ki', dec(2, -9)], // rounds up, changes format
    ['.001', dec(1, -3)],
    ['.0001k', dec(100, -3)],
    ['1.', dec(1, 0)],
    ['1.G', dec(1, 9)],
  ];

  it.each(table)('%s', (input, expected) => {
    const got = Quantity.parse(input);
    expect(got.cmp(expected), got.toString()).toBe(0);
    expect(got.format).toBe(expected.format);
    // The round trip through a decimal built from the parts (parseQuantityString) agrees.
    const { positive, num, denom, suffix } = parseQuantityString(input);
    const rebuilt = Quantity.parse(`${positive ? '' : '-'}${num}${denom ? `.${denom}` : ''}${suffix}`);
    expect(rebuilt.cmp(got)).toBe(0);
    // Negated and explicitly signed forms.
    const neg = Quantity.parse(`-${input}`);
    expect(neg.cmp(expected.neg())).toBe(0);
    expect(neg.format).toBe(expected.format);
    const plus = Quantity.parse(`+${input}`);
    expect(plus.cmp(expected)).toBe(0);
    expect(plus.format).toBe(expected.format);
  });

  it('uses the int64 fast path exactly when upstream does', () => {
    // AsInt64 is only answered by an int64Amount with a non-negative scale.
    expect(q('1Ki').asInt64()).toBe(1024n);
    expect(q('8k').asInt64()).toBe(8000n);
    expect(q('100m').asInt64()).toBeUndefined(); // int64Amount with a negative scale
    expect(q('9Ei').asInt64()).toBeUndefined(); // capped in the inf.Dec path
    expect(q('0.5Mi').asInt64()).toBeUndefined(); // fractional binary: inf.Dec
  });

  it.each(['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 '])('rejects %j', (s) => {
    expect(() => Quantity.parse(s)).toThrow(QuantityParseError);
    expect(isQuantity(s)).toBe(false);
  });

  // TestParseQuantityString
  it.each([
    ['0.025Ti', true, '0.025', '0', '025', 'Ti'],
    ['1.025Ti', true, '1.025', '1', '025', 'Ti'],
    ['-1.025Ti', false, '-1.025', '1', '025', 'Ti'],
    ['.', true, '.', '0', '', ''],
    ['-.', false, '-.', '0', '', ''],
    ['1E-3', true, '1', '1', '', 'E-3'],
  ] as const)('parseQuantityString(%j)', (input, positive, value, num, denom, suffix) => {
    expect(parseQuantityString(input)).toEqual({ positive, value, num, denom, suffix });
  });

  it('keeps an already-canonical input string verbatim (TestQuantityString "did not copy")', () => {
    for (const s of ['+1', '01', '1E3', '1e+3', '1.G', '1500m', '1Gi', '300Mi']) expect(q(s).toString()).toBe(s);
    // …but arithmetic drops it, as upstream clears q.s.
    expect(q('+1').add(Quantity.zero()).toString()).toBe('1');
    expect(q('1E3').neg().toString()).toBe('-1e3');
  });
});

describe('Quantity.toString', () => {
  // TestQuantityString: [quantity, canonical, an alternate spelling that canonicalises to it]
  const table: [Quantity, string, string][] = [
    [dec(1024 * 1024 * 1024, 0, 'BinarySI'), '1Gi', '1024Mi'],
    [dec(300 * 1024 * 1024, 0, 'BinarySI'), '300Mi', '307200Ki'],
    [dec(6 * 1024, 0, 'BinarySI'), '6Ki', ''],
    [dec(1001 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1001Gi', '1025024Mi'],
    [dec(1024 ** 4, 0, 'BinarySI'), '1Ti', '1024Gi'],
    [dec(5, 0, 'BinarySI'), '5', '5000m'],
    [dec(500, -3, 'BinarySI'), '500m', '0.5'],
    [dec(1, 9), '1G', '1000M'],
    [dec(1000, 6), '1G', '0.001T'],
    [dec(1000000, 3), '1G', ''],
    [dec(1000000000, 0), '1G', ''],
    [dec(1, -3), '1m', '1000u'],
    [dec(80, -3), '80m', ''],
    [dec(1080, -3), '1080m', '1.08'],
    [dec(108, -2), '1080m', '1080000000n'],
    [dec(10800, -4), '1080m', ''],
    [dec(300, 6), '300M', ''],
    [dec(1, 12), '1T', ''],
    [dec(1234567, 6), '1234567M', ''],
    [dec(1234567, -3, 'BinarySI'), '1234567m', ''],
    [dec(3, 3), '3k', ''],
    [dec(1025, 0, 'BinarySI'), '1025', ''],
    [dec(0, 0), '0', ''],
    [dec(0, 0, 'BinarySI'), '0', ''],
    [dec(1, 9, 'DecimalExponent'), '1e9', '.001e12'],
    [dec(1, -3, 'DecimalExponent'), '1e-3', '0.001e0'],
    [dec(1, -9, 'DecimalExponent'), '1e-9', '1000e-12'],
    [dec(80, -3, 'DecimalExponent'), '80e-3', ''],
    [dec(300, 6, 'DecimalExponent'), '300e6', ''],
    [dec(1, 12, 'DecimalExponent'), '1e12', ''],
    [dec(1, 3, 'DecimalExponent'), '1e3', ''],
    [dec(3, 3, 'DecimalExponent'), '3e3', ''],
    [dec(3, 3), '3k', ''],
    [dec(0, 0, 'DecimalExponent'), '0', '00'],
    [dec(1, -9), '1n', ''],
    [dec(80, -9), '80n', ''],
    [dec(1080, -9), '1080n', ''],
    [dec(108, -8), '1080n', ''],
    [dec(10800, -10), '1080n', ''],
    [dec(1, -6), '1u', ''],
    [dec(80, -6), '80u', ''],
    [dec(1080, -6), '1080u', ''],
  ];
  it.each(table)('%s → %s (alternate %j)', (quantity, canonical, alternate) => {
    expect(quantity.toString()).toBe(canonical);
    expect(q(canonical).toString()).toBe(canonical);
    if (alternate) expect(q(alternate).toString()).toBe(canonical);
    if (!quantity.isZero()) expect(quantity.neg().toString()).toBe(`-${canonical}`);
  });

  // TestQuantityParseEmit
  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ])('parse %s emits %s', (input, out) => {
    expect(q(input).toString()).toBe(out);
    expect(q(`-${input}`).toString()).toBe(`-${out}`);
  });

  it('prints the values kubectl users see', () => {
    const cases: [string, string][] = [
      ['100m', '100m'],
      ['0.1', '100m'],
      ['1Gi', '1Gi'],
      ['1G', '1G'],
      ['128974848', '128974848'],
      ['129e6', '129e6'],
      ['129M', '129M'],
      ['123Mi', '123Mi'],
      ['1.5Gi', '1536Mi'],
      ['1500m', '1500m'],
      ['0.5', '500m'],
      ['1e3', '1e3'],
      ['1024Mi', '1Gi'],
      ['100M', '100M'],
    ];
    for (const [input, out] of cases) expect(q(input).toString(), input).toBe(out);
  });

  it('falls back to DecimalSI for BinarySI values that are small or fractional', () => {
    expect(Quantity.fromValue(1023, 'BinarySI').toString()).toBe('1023');
    expect(Quantity.fromValue(-1023, 'BinarySI').toString()).toBe('-1023');
    expect(Quantity.fromValue(1024, 'BinarySI').toString()).toBe('1Ki');
    expect(Quantity.fromMilli(2048500, 'BinarySI').toString()).toBe('2048500m');
    expect(Quantity.fromMilli(2048000, 'BinarySI').toString()).toBe('2Ki');
  });

  it('prints no suffix where upstream has none (exponents off its tables)', () => {
    expect(q('1000E').toString()).toBe('1');
    const e70 = Quantity.fromDecimal(1n << 70n, 0, 'BinarySI');
    expect(e70.toString()).toBe('1');
    // Parsing caps BinarySI at 2^63-1, but sums are not capped.
    expect(q('8Ei').add(q('8Ei')).toString()).toBe('18446744073709551614');
    expect(q('4Ei').add(q('4Ei')).add(q('8Ei')).toString()).toBe('18446744073709551615');
    expect(q('4Ei').add(q('4Ei')).toString()).toBe('8Ei'); // overflows int64 into inf.Dec, uncapped
    expect(Quantity.fromDecimal(1n << 64n, 0, 'BinarySI').toString()).toBe('16Ei');
  });

  it('serialises as a JSON string', () => {
    expect(JSON.stringify({ cpu: q('0.5') })).toBe('{"cpu":"500m"}');
  });
});

describe('Quantity.cmp', () => {
  // TestQuantityCmp
  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
  ] as const)('%s vs %s', (x, y, want) => {
    expect(q(x).cmp(q(y))).toBe(want);
  });

  it('compares zero and dec zeros', () => {
    expect(dec(0, 0).cmp(Quantity.zero())).toBe(0);
    expect(Quantity.zero().cmp(dec(10, 0))).toBe(-1);
    expect(Quantity.zero().cmp(dec(-10, 0))).toBe(1);
    expect(dec(10, 0).cmp(Quantity.zero())).toBe(1);
    expect(dec(-10, 0).cmp(Quantity.zero())).toBe(-1);
  });

  // TestQuantityCmpInt64AndDec
  const e18 = 1000000n * 1000000n * 1000000n;
  const table: [bigint, number, bigint, number, number][] = [
    [901n, -2, 901n, -2, 0],
    [90n, -1, 901n, -2, -1],
    [901n, -2, 900n, -2, 1],
    [0n, 0, 0n, 0, 0],
    [0n, 1, 0n, -1, 0],
    [0n, -1, 0n, 1, 0],
    [800n, -3, 1n, 0, -1],
    [800n, -3, 79n, -2, 1],
    [maxInt64, 0, 1n, -1, 1],
    [maxInt64, 1, 1n, 0, 1],
    [maxInt64, 1, 1n, 1, 1],
    [maxInt64, 1, 0n, 1, 1],
    [maxInt64, -16, 1n, 3, -1],
    [minInt64, 0, 0n, 0, -1],
    [minInt64, -18, -1n, 0, -1],
    [minInt64, -19, -1n, 0, 1],
    [e18, -17, 1n, 1, 0],
    [e18, -17, -10n, 0, 1],
    [-e18, -17, -10n, 0, 0],
    [e18, -17, 1n, 0, 1],
    [e18 + 1n, -17, 1n, 1, 1],
    [e18 - 1n, -17, 1n, 1, -1],
  ];
  it.each(table)('%s×10^%s vs %s×10^%s', (am, ae, bm, be, want) => {
    for (const [a, b] of [
      [int(am, ae), int(bm, be)],
      [dec(am, ae), int(bm, be)],
      [int(am, ae), dec(bm, be)],
      [dec(am, ae), dec(bm, be)],
    ]) {
      expect(a.cmp(b)).toBe(want);
      expect(b.cmp(a)).toBe(-want || 0);
    }
  });

  it('compares values of wildly different magnitude without materialising them', () => {
    expect(q('1e1000000000').cmp(q('1'))).toBe(1);
    expect(q('-1e1000000000').cmp(q('1'))).toBe(-1);
    expect(q('1n').cmp(q('1e1000000000'))).toBe(-1);
  });
});

describe('Quantity arithmetic', () => {
  it('Neg (TestQuantityNeg, TestNeg)', () => {
    expect(int(901, -2).neg().toString()).toBe('-9010m');
    expect(dec(901, -2).neg().toString()).toBe('-9010m');
    const a = int(901, -2);
    expect(a.neg().cmp(a)).not.toBe(0);
    expect(int(0, 0).neg().cmp(int(0, 0))).toBe(0);
    expect(Quantity.zero().neg().isZero()).toBe(true);
    expect(int(10, 0, 'BinarySI').neg().cmp(int(-10, 0, 'BinarySI'))).toBe(0);
    expect(int(-10, 0, 'BinarySI').neg().cmp(int(10, 0, 'BinarySI'))).toBe(0);
    expect(dec(10, 0, 'BinarySI').neg().cmp(int(-10, 0, 'BinarySI'))).toBe(0);
    expect(dec(-10, 0, 'BinarySI').neg().cmp(int(10, 0, 'BinarySI'))).toBe(0);
  });

  // TestAdd
  it.each([
    [dec(10, 0), dec(1, 1), dec(20, 0)],
    [dec(10, 0), dec(1, 0, 'BinarySI'), dec(11, 0)],
    [dec(10, 0, 'BinarySI'), dec(1, 0), dec(11, 0, 'BinarySI')],
    [Quantity.zero(), dec(50, 0), dec(50, 0)],
    [dec(50, 0), Quantity.zero(), dec(50, 0)],
    [Quantity.zero(), Quantity.zero(), dec(0, 0)],
  ])('add %s + %s', (a, b, want) => {
    const got = a.add(b);
    expect(got.cmp(want)).toBe(0);
    expect(got.format).toBe(want.format);
  });

  // TestSub
  it.each([
    [dec(10, 0), dec(1, 1), dec(0, 0)],
    [dec(10, 0), dec(1, 0, 'BinarySI'), dec(9, 0)],
    [dec(10, 0, 'BinarySI'), dec(1, 0), dec(9, 0, 'BinarySI')],
    [Quantity.zero(), dec(50, 0), dec(-50, 0)],
    [dec(50, 0), Quantity.zero(), dec(50, 0)],
    [Quantity.zero(), Quantity.zero(), dec(0, 0)],
  ])('sub %s - %s', (a, b, want) => {
    expect(a.sub(b).cmp(want)).toBe(0);
  });

  // TestQuantityAddZeroPreservesSuffix / TestQuantitySubZeroPreservesSuffix
  it.each(['100m', '1Gi'])('adding or subtracting zero keeps %s', (s) => {
    const zero = q('0');
    expect(q(s).add(zero).toString()).toBe(s);
    expect(zero.add(q(s)).toString()).toBe(s);
    expect(q(s).sub(zero).toString()).toBe(s);
    expect(zero.sub(q(s)).toString()).toBe(q(s).neg().toString());
  });

  it('overflows from int64 into exact decimals (TestAddSubRoundTrip)', () => {
    // A deterministic stand-in for upstream's rand.Int63 loop.
    let seed = 12345n;
    const next = () => (seed = (seed * 6364136223846793005n + 1442695040888963407n) & maxInt64);
    for (let k = -10; k <= 10; k++) {
      let sum = Quantity.zero();
      const order: bigint[] = [];
      for (let i = 0; i < 100; i++) {
        const j = next();
        order.push(j);
        sum = sum.add(Quantity.fromScaled(j, k));
      }
      for (const j of order) sum = sum.sub(Quantity.fromScaled(j, k));
      expect(sum.isZero()).toBe(true);
    }
    let sum = Quantity.zero();
    const order: bigint[] = [];
    for (let i = 0; i < 100; i++) {
      const j = next();
      order.push(j);
      sum = sum.add(Quantity.fromScaled(j, Number(j % 20n) - 10));
    }
    for (const j of order) sum = sum.sub(Quantity.fromScaled(j, Number(j % 20n) - 10));
    expect(sum.isZero()).toBe(true);
  });

  it('adds the quantities a scheduler sums', () => {
    expect(q('100m').add(q('250m')).toString()).toBe('350m');
    expect(q('1').add(q('500m')).toString()).toBe('1500m');
    expect(q('1Gi').add(q('512Mi')).toString()).toBe('1536Mi');
    expect(q('1Gi').sub(q('1Gi')).toString()).toBe('0');
    expect(q('128Mi').add(q('100M')).toString()).toBe('234217728');
    expect(q('9223372036854775807').add(q('1')).toString()).toBe('9223372036854775808');
  });

  it('sign and isZero', () => {
    expect(q('-1m').sign()).toBe(-1);
    expect(q('0Ki').sign()).toBe(0);
    expect(q('0Ki').isZero()).toBe(true);
    expect(q('1n').sign()).toBe(1);
  });
});

describe('roundUp (TestQuantityRoundUp)', () => {
  it.each([
    ['9.01', -3, dec(901, -2), true],
    ['9.01', -2, dec(901, -2), true],
    ['9.01', -1, dec(91, -1), false],
    ['9.01', 0, dec(10, 0), false],
    ['9.01', 1, dec(10, 0), false],
    ['9.01', 2, dec(100, 0), false],
    ['-9.01', -3, dec(-901, -2), true],
    ['-9.01', -2, dec(-901, -2), true],
    ['-9.01', -1, dec(-91, -1), false],
    ['-9.01', 0, dec(-10, 0), false],
    ['-9.01', 1, dec(-10, 0), false],
    ['-9.01', 2, dec(-100, 0), false],
  ] as const)('%s to scale %s', (input, scale, want, exact) => {
    // Both the int64Amount (parsed) and the inf.Dec representation.
    const parsed = q(input);
    const m = parsed.scaledValueBigInt(-2);
    for (const v of [parsed, Quantity.fromDecimal(m, -2, 'DecimalSI')]) {
      const r = v.roundUp(scale);
      expect(r.exact).toBe(exact);
      expect(r.quantity.cmp(want)).toBe(0);
    }
  });

  it('keeps the parsed text when nothing needs rounding, as SetDefaults_ResourceList relies on', () => {
    expect(q('+1').roundUp(-3).quantity.toString()).toBe('+1');
    expect(q('0.0001').roundUp(-3).quantity.toString()).toBe('1m');
    expect(q('1.5Gi').roundUp(-3).quantity.toString()).toBe('1536Mi');
    expect(q('0.5Ki').roundUp(-3).quantity.toString()).toBe('512');
  });
});

describe('Value, MilliValue, ScaledValue', () => {
  // TestMilliNewSet
  it.each([
    [1, 'DecimalSI', '1m', true],
    [1000, 'DecimalSI', '1', true],
    [1234000, 'DecimalSI', '1234', true],
    [1024, 'BinarySI', '1024m', false],
    [1000000, 'DecimalExponent', '1e3', true],
    [1024 * 1024, 'BinarySI', '1048576m', false],
  ] as const)('fromMilli(%s, %s) = %s', (value, format, out, exact) => {
    const m = Quantity.fromMilli(value, format);
    expect(m.toString()).toBe(out);
    if (exact) expect(q(m.toString()).milliValue()).toBe(value);
  });

  // TestNewSet
  it.each([
    [1, 'DecimalSI', '1'],
    [1000, 'DecimalSI', '1k'],
    [1234000, 'DecimalSI', '1234k'],
    [1024, 'BinarySI', '1Ki'],
    [1000000, 'DecimalExponent', '1e6'],
    [1024 * 1024, 'BinarySI', '1Mi'],
  ] as const)('fromValue(%s, %s) = %s', (value, format, out) => {
    for (const v of [Quantity.fromValue(value, format), Quantity.fromDecimal(BigInt(value), 0, format)]) {
      expect(v.toString()).toBe(out);
      expect(q(v.toString()).value()).toBe(value);
    }
  });

  // TestNewScaledSet
  it.each([
    [1, -9, '1n'],
    [1000, -9, '1u'],
    [1, -6, '1u'],
    [1000, -6, '1m'],
    [1, -3, '1m'],
    [1000, -3, '1'],
    [1, 0, '1'],
    [0, -9, '0'],
    [0, -6, '0'],
    [0, -3, '0'],
    [0, 0, '0'],
  ])('fromScaled(%s, %s) = %s', (value, scale, out) => {
    const s = Quantity.fromScaled(value, scale);
    expect(s.toString()).toBe(out);
    expect(q(s.toString()).scaledValue(scale)).toBe(value);
  });

  // TestScaledValue
  it.each([
    [-9, -9, 1],
    [-9, -6, 1],
    [-9, -3, 1],
    [-9, 0, 1],
    [-6, -9, 1000],
    [-6, -6, 1],
    [-6, -3, 1],
    [-6, 0, 1],
    [-3, -9, 1000 * 1000],
    [-3, -6, 1000],
    [-3, -3, 1],
    [-3, 0, 1],
    [0, -9, 1000 * 1000 * 1000],
    [0, -6, 1000 * 1000],
    [0, -3, 1000],
    [0, 0, 1],
    [2, -2, 100 * 100],
  ])('fromScaled(1, %s).scaledValue(%s) = %s', (from, to, want) => {
    expect(Quantity.fromScaled(1, from).scaledValue(to)).toBe(want);
    expect(Quantity.fromDecimal(1n, from, 'DecimalSI').scaledValue(to)).toBe(want);
  });

  it('rounds up, away from zero on the int64 path', () => {
    expect(q('1500m').value()).toBe(2);
    expect(q('1n').value()).toBe(1);
    expect(q('1n').milliValue()).toBe(1);
    expect(q('-1500m').value()).toBe(-2);
    expect(q('1Gi').value()).toBe(1073741824);
    expect(q('100m').milliValue()).toBe(100);
    expect(q('2').milliValue()).toBe(2000);
    expect(q('0.5Ki').value()).toBe(512); // inf.Dec path
  });

  it("reproduces scaledValue's inf.Dec rounding of negatives (toward +∞)", () => {
    expect(Quantity.fromDecimal(-15n, -1, 'DecimalSI').value()).toBe(-1 + 1);
    expect(Quantity.fromDecimal(-15n, -1, 'DecimalSI').value()).not.toBe(-2);
  });

  it('returns 0 when the int64 path overflows, as AsScaledInt64 reports', () => {
    expect(q('10E').value()).toBe(0);
    expect(q('10E').scaledValueBigInt(0)).toBe(0n);
  });
});

describe('AsApproximateFloat64 (TestQuantityAsApproximateFloat64)', () => {
  const m7 = 7 * 1024 * 1024;
  const table: [Quantity, number][] = [];
  for (const f of ['DecimalSI', 'DecimalExponent', 'BinarySI'] as const) {
    table.push([dec(0, 0, f), 0], [dec(1, 0, f), 1]);
    table.push(
      [dec(1024, 0, f), 1024],
      [dec(8 * 1024, 0, f), 8 * 1024],
      [dec(m7, 0, f), m7],
      [dec(m7, 1, f), m7 * 10],
      [dec(m7, 4, f), m7 * 10000],
      [dec(m7, 8, f), m7 * 100000000],
      [dec(m7, -1, f), m7 * 0.1], // math.Pow10(-1) is 0.1
      [dec(m7, -8, f), m7 / 100000000],
    );
  }
  table.push(
    [dec(maxInt64, 0), 9223372036854775807],
    [dec(maxInt64, 0, 'BinarySI'), 9223372036854775807],
    [dec(12, 18), 1.2e19],
    [dec(12, 500), Infinity],
    [dec(-12, 500), -Infinity],
  );
  it.each(table)('%s', (quantity, want) => {
    expect(quantity.asApproximateFloat64()).toBe(want);
  });

  // TestStringQuantityAsApproximateFloat64
  it.each([
    ['2Ki', 2048],
    ['1.1Ki', 1126.4],
    ['1Mi', 1.048576e6],
    ['2Gi', 2.147483648e9],
    ['100m', 0.1],
    ['1500m', 1.5],
  ] as const)('%s', (s, want) => {
    expect(q(s).asApproximateFloat64()).toBe(want);
  });
});

describe('quantityFromJSON (UnmarshalJSON, TestJSONWhitespace)', () => {
  it.each([
    [' 1', '1'],
    ['1 ', '1'],
    [1, '1'],
    [10, '10'],
    [-1, '-1'],
    [' -1', '-1'],
    [0.5, '500m'],
    [null, '0'],
  ] as const)('%j → %s', (v, out) => {
    expect(quantityFromJSON(v).toString()).toBe(out);
  });
  it('rejects other JSON', () => {
    expect(() => quantityFromJSON(true)).toThrow(QuantityParseError);
  });
});

describe('parseQuantity', () => {
  it('is Quantity.parse', () => {
    expect(parseQuantity('1Gi').toString()).toBe('1Gi');
    expect(isQuantity('1Gi')).toBe(true);
  });
});
