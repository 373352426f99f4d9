// Test helper: reading the "took" of each endpoint out of a recorded `endpoint health`, so a canned
// client can take exactly as long.

import type { Fixture } from './harness';

/** Milliseconds of a Go duration string such as "976.364µs", "5.060095ms" or "1.001045592s". */
export const tookMs = (took: string): number => {
  if (took.endsWith('ms')) return parseFloat(took);
  if (took.endsWith('µs')) return parseFloat(took) / 1000;
  return parseFloat(took) * 1000;
};

/** The (endpoint, took) pairs a recorded `endpoint health` printed, in any output format. */
export function healthEntries(f: Fixture): [string, string][] {
  const text = f.stdout + f.stderr;
  const patterns = [
    /"endpoint":"([^"]*)","health":\w+,"took":"([^"]*)"/g,
    /"Endpoint" : "([^"]*)"\n"Health" : \w+\n"Took" : (\S+)/g,
    /^\| (\S+) \|\s+\w+ \|\s+(\S+) \|/gm,
    /^(\S+) is (?:un)?healthy: .*?(?:took = (\S+))?$/gm,
  ];
  for (const re of patterns) {
    const found = [...text.matchAll(re)].map((m) => [m[1], m[2] ?? ''] as [string, string]);
    if (found.length) return found;
  }
  throw new Error('no health entries');
}

