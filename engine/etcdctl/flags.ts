// Flag definitions and parsing as spf13/pflag does them (flag.go parseArgs, parseLongArg,
// parseShortArg): interspersed flags, "--" ends flags, and pflag's exact error texts.

import { quote, quoteRune } from './gofmt';
import { GoParseError, parseBool, parseDuration, parseInt64 } from './goparse';

/** The pflag value types etcdctl and kubectl use (stringArray: repeated, never split on commas). */
export type FlagKind = 'bool' | 'string' | 'int64' | 'duration' | 'stringSlice' | 'stringArray';

/** One flag: name, shorthand, type, default (as pflag prints DefValue) and usage text. */
export interface FlagDef {
  name: string;
  shorthand?: string;
  kind: FlagKind;
  def: string;
  usage: string;
}

/** A parsed flag value: booleans, strings, int64 as bigint, durations in ns, string slices. */
export type FlagValue = boolean | string | bigint | string[];

/** Parsed flags of one command line: values by flag name, which were set, and the positional args. */
export interface ParsedFlags {
  values: Map<string, FlagValue>;
  changed: Set<string>;
  args: string[];
  /** True when -h/--help was given. */
  help: boolean;
}

/** A pflag parse failure; `message` is the text cobra prints after "Error: ". */
export class FlagError extends Error {}

/** Whether a flag takes no value (pflag's NoOptDefVal is set for bools). */
export function noOptDefVal(f: FlagDef): string {
  return f.kind === 'bool' ? 'true' : '';
}

/** The value a flag has before parsing. */
export function defaultValue(f: FlagDef): FlagValue {
  switch (f.kind) {
    case 'bool':
      return f.def === 'true';
    case 'int64':
      return BigInt(f.def);
    case 'duration':
      return parseDuration(f.def);
    case 'stringSlice':
    case 'stringArray':
      return f.def === '[]' ? [] : f.def.slice(1, -1).split(',');
    default:
      return f.def;
  }
}

function convert(f: FlagDef, raw: string, previous: FlagValue, changed: boolean): FlagValue {
  switch (f.kind) {
    case 'bool':
      return parseBool(raw);
    case 'int64':
      return parseInt64(raw, 0);
    case 'duration':
      return parseDuration(raw);
    case 'stringSlice': {
      const items = readAsCSV(raw);
      return changed ? [...(previous as string[]), ...items] : items;
    }
    case 'stringArray':
      return changed ? [...(previous as string[]), raw] : [raw];
    default:
      return raw;
  }
}

/**
 * pflag's readAsCSV: one record of encoding/csv (Go 1.17+ positions), so `"a,b",c` is two items and
 * a stray quote is an error ("parse error on line 1, column 2: bare \" in non-quoted-field").
 */
export function readAsCSV(val: string): string[] {
  if (val === '') return [];
  const line = val.split('\n')[0].replace(/\r$/, '');
  const fail = (col: number, what: string): never => {
    throw new GoParseError(`parse error on line 1, column ${col}: ${what}`);
  };
  const fields: string[] = [];
  let pos = 0;
  for (;;) {
    if (line[pos] !== '"') {
      const comma = line.indexOf(',', pos);
      const field = comma < 0 ? line.slice(pos) : line.slice(pos, comma);
      const q = field.indexOf('"');
      if (q >= 0) fail(pos + q + 1, 'bare " in non-quoted-field');
      fields.push(field);
      if (comma < 0) return fields;
      pos = comma + 1;
      continue;
    }
    let field = '';
    pos++;
    for (;;) {
      const q = line.indexOf('"', pos);
      if (q < 0) fail(line.length + 1, 'extraneous or missing " in quoted-field');
      field += line.slice(pos, q);
      pos = q + 1;
      if (line[pos] === '"') {
        field += '"';
        pos++;
      } else if (line[pos] === ',') {
        pos++;
        break;
      } else if (pos >= line.length) {
        fields.push(field);
        return fields;
      } else fail(pos, 'extraneous or missing " in quoted-field');
    }
    fields.push(field);
  }
}

/** Parses args against a flag set the way pflag's FlagSet.Parse does. */
export function parseFlags(defs: FlagDef[], argv: string[]): ParsedFlags {
  const byName = new Map(defs.map((f) => [f.name, f]));
  const byShort = new Map(defs.filter((f) => f.shorthand).map((f) => [f.shorthand!, f]));
  const out: ParsedFlags = { values: new Map(), changed: new Set(), args: [], help: false };
  for (const f of defs) out.values.set(f.name, defaultValue(f));

  const set = (f: FlagDef, raw: string): void => {
    try {
      out.values.set(f.name, convert(f, raw, out.values.get(f.name)!, out.changed.has(f.name)));
    } catch (e) {
      if (!(e instanceof GoParseError)) throw e;
      const flagName = f.shorthand ? `-${f.shorthand}, --${f.name}` : `--${f.name}`;
      throw new FlagError(`invalid argument ${quote(raw)} for ${quote(flagName)} flag: ${e.message}`);
    }
    out.changed.add(f.name);
    if (f.name === 'help' && out.values.get('help') === true) out.help = true;
  };

  let args = argv;
  while (args.length > 0) {
    const s = args[0];
    args = args.slice(1);
    if (s.length <= 1 || s[0] !== '-') {
      out.args.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        out.args.push(...args);
        break;
      }
      args = parseLong(s, args);
    } else {
      let shorts = s.slice(1);
      while (shorts.length > 0) [shorts, args] = parseShort(shorts, args);
    }
  }
  return out;

  function parseLong(s: string, rest: string[]): string[] {
    const body = s.slice(2);
    if (body === '' || body[0] === '-' || body[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const f = byName.get(name);
    if (!f) throw new FlagError(`unknown flag: --${name}`);
    if (eq >= 0) set(f, body.slice(eq + 1));
    else if (noOptDefVal(f)) set(f, noOptDefVal(f));
    else if (rest.length > 0) {
      set(f, rest[0]);
      return rest.slice(1);
    } else throw new FlagError(`flag needs an argument: ${s}`);
    return rest;
  }

  function parseShort(shorts: string, rest: string[]): [string, string[]] {
    const c = shorts[0];
    const f = byShort.get(c);
    if (!f) throw new FlagError(`unknown shorthand flag: ${quoteRune(c)} in -${shorts}`);
    if (shorts.length > 2 && shorts[1] === '=') {
      set(f, shorts.slice(2));
      return ['', rest];
    }
    if (noOptDefVal(f)) {
      set(f, noOptDefVal(f));
      return [shorts.slice(1), rest];
    }
    if (shorts.length > 1) {
      set(f, shorts.slice(1));
      return ['', rest];
    }
    if (rest.length > 0) {
      set(f, rest[0]);
      return ['', rest.slice(1)];
    }
    throw new FlagError(`flag needs an argument: ${quoteRune(c)} in -${shorts}`);
  }
}

