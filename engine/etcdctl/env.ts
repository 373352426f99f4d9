// ETCDCTL_* environment variables as etcdctl 3.4 reads them: pkg/flags SetPflagsFromEnv over the
// command's inherited (global) flags, its capnslog warnings and fatal conflict, pflag's Value.Set on
// bad values, and the order /bin/sh (dash) puts a command's environment in.

import type { FlagDef, FlagValue, ParsedFlags } from './flags';
import { readAsCSV } from './flags';
import { GoParseError, parseBool, parseDuration, parseInt64 } from './goparse';
import { Exit, ExitError, type Io } from './io';
import { zapTime } from './zap';

/**
 * The environment in the order dash's environment() lists it: by hash bucket of the name
 * (var.c hashvar: first byte << 4 plus every byte, modulo VTABSIZE 39), and within a bucket the
 * variable created last first. That is the order etcdctl's verifyEnv walks os.Environ() in.
 */
export function dashEnvironOrder(env: Map<string, string>): [string, string][] {
  const bucket = (name: string): number => {
    const bytes = new TextEncoder().encode(name);
    let h = (bytes[0] ?? 0) << 4;
    for (const b of bytes) h += b;
    return h % 39;
  };
  const created = [...env.entries()].map((e, i) => ({ e, i, b: bucket(e[0]) }));
  return created.sort((x, y) => x.b - y.b || y.i - x.i).map((x) => x.e);
}

/** capnslog's "2006-01-02 15:04:05.000000" (UTC here) before " W | pkg/flags: ...". */
export function capnslogTime(epochMs: number): string {
  const micros = String(Math.floor(epochMs * 1000) % 1_000_000).padStart(6, '0');
  return zapTime(epochMs).replace('T', ' ').replace(/\.\d{3}Z$/, `.${micros}`);
}

/** flags.FlagToEnv("ETCDCTL", name): "dial-timeout" → "ETCDCTL_DIAL_TIMEOUT". */
export function flagToEnv(name: string): string {
  return `ETCDCTL_${name.replace(/-/g, '_').toUpperCase()}`;
}

// pflag's Value.Set for an environment value; the error is dropped by etcdctl, but Set has already
// stored what it parsed (false for a bad bool, 0 for a bad duration or int), except for string
// slices, which keep their value when the CSV does not parse.
function setFromEnv(f: FlagDef, raw: string, parsed: ParsedFlags): void {
  let value: FlagValue | undefined;
  let ok = true;
  try {
    switch (f.kind) {
      case 'bool':
        value = parseBool(raw);
        break;
      case 'duration':
        value = parseDuration(raw);
        break;
      case 'int64':
        value = parseInt64(raw, 0);
        break;
      case 'stringSlice':
        value = readAsCSV(raw);
        break;
      default:
        value = raw;
    }
  } catch (e) {
    if (!(e instanceof GoParseError)) throw e;
    ok = false;
    value = f.kind === 'bool' ? false : f.kind === 'duration' || f.kind === 'int64' ? 0n : undefined;
  }
  if (value !== undefined) parsed.values.set(f.name, value);
  if (ok) parsed.changed.add(f.name);
}

/**
 * flags.SetPflagsFromEnv("ETCDCTL", fs): every flag of `fs` not given on the command line takes a
 * non-empty ETCDCTL_<NAME>; then each variable of the environment that was not used is a fatal
 * conflict if its flag was given on the command line, or else, under ETCDCTL_, a warning.
 * `discard` names flags that swallow their variable (watch's ETCDCTL_WATCH_KEY and _RANGE_END).
 */
export function setPflagsFromEnv(
  io: Io,
  nowMs: number,
  fs: FlagDef[],
  parsed: ParsedFlags,
  env: Map<string, string>,
  discard: string[] = [],
): void {
  const alreadySet = new Set<string>();
  const used = new Set<string>();
  const sorted = [...fs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of sorted) {
    const key = flagToEnv(f.name);
    if (parsed.changed.has(f.name)) {
      alreadySet.add(key);
      continue;
    }
    const val = env.get(key) ?? '';
    if (val === '') continue;
    used.add(key);
    setFromEnv(f, val, parsed);
  }
  for (const name of discard) {
    const key = flagToEnv(name);
    if ((env.get(key) ?? '') !== '') used.add(key);
  }
  const ts = capnslogTime(nowMs);
  for (const [name, value] of dashEnvironOrder(env)) {
    if (used.has(name)) continue;
    if (alreadySet.has(name)) {
      io.err(
        `${ts} C | pkg/flags: conflicting environment variable "${name}" is shadowed by corresponding command-line flag (either unset environment variable or disable flag)\n`,
      );
      throw new Exit(ExitError);
    }
    if (name.startsWith('ETCDCTL_')) io.err(`${ts} W | pkg/flags: unrecognized environment variable ${name}=${value}\n`);
  }
}
