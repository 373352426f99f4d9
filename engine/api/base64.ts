// encoding/base64's StdEncoding over UTF-8, as the API uses it: Secret data, continue tokens, and
// how encoding/json prints []byte. The engine has no btoa/atob.

const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Base64 of the string's UTF-8 bytes, padded. */
export function base64(s: string): string {
  const b = utf8.encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += chars[(n >> 18) & 63] + chars[(n >> 12) & 63];
    out += i + 1 < b.length ? chars[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? chars[n & 63] : '=';
  }
  return out;
}

/** Decodes base64 (padding optional) into a string; throws `illegal base64 data at input byte N`. */
export function unbase64(s: string): string {
  const clean = s.replace(/=+$/, '');
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = chars.indexOf(clean[i]);
    if (v < 0) throw new Error(`illegal base64 data at input byte ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return fromUtf8.decode(new Uint8Array(bytes));
}
