// SHA-512 against FIPS 180-4's examples (one block, two blocks) and node:crypto across padding edges.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha512Hex } from './sha512';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('sha512', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha512Hex(bytes('abc'))).toBe(
      'DDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A2192992A274FC1A836BA3C23A3FEEBBD454D4423643CE80E2A9AC94FA54CA49F',
    );
    expect(sha512Hex(bytes('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'))).toBe(
      '8E959B75DAE313DA8CF4F72814FC143F8F7779C6EB9F7FA17299AEADB6889018501D289E4900F7E4331B99DEC4B5433AC7D329EEB6DD26545E96E55B874BE909',
    );
  });

  it('agrees with node:crypto on every length around the 128-byte block and its 17-byte trailer', () => {
    for (const n of [0, 1, 55, 56, 110, 111, 112, 113, 127, 128, 129, 239, 240, 255, 256, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
      expect(sha512Hex(data), `length ${n}`).toBe(createHash('sha512').update(data).digest('hex').toUpperCase());
    }
  });
});
