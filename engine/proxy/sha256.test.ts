// SHA-256 against FIPS 180-4's examples and node:crypto, base32 against RFC 4648's test vectors.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Std, sha256, sha256Text } from './sha256';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('sha256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(hex(sha256Text('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256Text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto around the 64-byte block and its 9-byte trailer', () => {
    for (const n of [0, 1, 54, 55, 56, 63, 64, 65, 119, 120, 128, 200, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
      expect(hex(sha256(data)), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('base32Std (RFC 4648 §10)', () => {
  it('encodes the test vectors with padding', () => {
    const enc = (s: string) => base32Std(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual(['', 'MY======', 'MZXQ====', 'MZXW6===', 'MZXW6YQ=', 'MZXW6YTB', 'MZXW6YTBOI======']);
  });
});
