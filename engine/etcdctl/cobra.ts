// The command tree and dispatch as spf13/cobra does them for etcdctl (command.go Find, stripFlags,
// argsMinusFirstX, findNext with EnablePrefixMatching, legacyArgs, SuggestionsFor; ctlv3/ctl.go).

import type { Co } from '../sim/co';
import type { FlagDef, ParsedFlags } from './flags';
import { quote } from './gofmt';

/** What a command's Run gets: its parsed flags, its positional args and the raw args after its name. */
export interface Invocation {
  cmd: Command;
  flags: ParsedFlags;
  args: string[];
  rawArgs: string[];
}

/**
 * One cobra command: `use` starts with its name; `run` is absent for pure groups (lease, member).
 * `run` is a coroutine: it waits on the network with `yield*`.
 */
export interface Command {
  use: string;
  short: string;
  long?: string;
  flags?: FlagDef[];
  persistentFlags?: FlagDef[];
  commands?: Command[];
  /** cobra's Aliases: other names the command answers to (`kubectl top nodes`). */
  aliases?: string[];
  run?: (inv: Invocation) => Co<void>;
  /** cobra's DisableFlagsInUseLine: the use line gets no " [flags]". */
  disableFlagsInUseLine?: boolean;
  parent?: Command;
}

/** Links children to parents so paths and inherited flags can be computed. */
export function linkTree(cmd: Command): Command {
  for (const c of cmd.commands ?? []) {
    c.parent = cmd;
    linkTree(c);
  }
  return cmd;
}

/** The command's name: the first word of `use`. */
export function nameOf(cmd: Command): string {
  return cmd.use.split(' ')[0];
}

/** "etcdctl lease grant". */
export function commandPath(cmd: Command): string {
  return cmd.parent ? `${commandPath(cmd.parent)} ${nameOf(cmd)}` : nameOf(cmd);
}

/** Children sorted by name, as cobra's Commands() returns them. */
export function sortedChildren(cmd: Command): Command[] {
  return [...(cmd.commands ?? [])].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}

const byName = (a: FlagDef, b: FlagDef): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The -h/--help flag cobra adds to every command it runs. */
export function helpFlag(cmd: Command): FlagDef {
  return { name: 'help', shorthand: 'h', kind: 'bool', def: 'false', usage: `help for ${nameOf(cmd)}` };
}

/** The command's own flags (local and persistent) plus --help, sorted. */
export function localFlags(cmd: Command): FlagDef[] {
  return [...(cmd.flags ?? []), ...(cmd.persistentFlags ?? []), helpFlag(cmd)].sort(byName);
}

/** Persistent flags of every ancestor, sorted. */
export function inheritedFlags(cmd: Command): FlagDef[] {
  const out: FlagDef[] = [];
  for (let p = cmd.parent; p; p = p.parent) out.push(...(p.persistentFlags ?? []));
  return out.sort(byName);
}

/** Every flag a command accepts. */
export function allFlags(cmd: Command): FlagDef[] {
  return [...localFlags(cmd), ...inheritedFlags(cmd)];
}

function takesValue(flags: FlagDef[], arg: string): boolean {
  if (arg.includes('=')) return false;
  if (arg.startsWith('--')) {
    const f = flags.find((x) => x.name === arg.slice(2));
    return !f || f.kind !== 'bool';
  }
  if (arg.startsWith('-') && arg.length === 2) {
    const f = flags.find((x) => x.shorthand === arg[1]);
    return !f || f.kind !== 'bool';
  }
  return false;
}

// cobra's stripFlags: the non-flag words of args, skipping values of flags that take one.
function stripFlags(args: string[], cmd: Command): string[] {
  const flags = allFlags(cmd);
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === '--') break;
    if (takesValue(flags, s) && (s.startsWith('--') || s.length === 2)) {
      if (args.length - (i + 1) <= 1) break;
      i++;
      continue;
    }
    if (s !== '' && !s.startsWith('-')) words.push(s);
  }
  return words;
}

// cobra's argsMinusFirstX: args without the first bare occurrence of x.
function argsMinusFirstX(args: string[], cmd: Command, x: string): string[] {
  const flags = allFlags(cmd);
  for (let pos = 0; pos < args.length; pos++) {
    const s = args[pos];
    if (s === '--') break;
    if (takesValue(flags, s) && (s.startsWith('--') || s.length === 2)) {
      pos++;
      continue;
    }
    if (!s.startsWith('-') && s === x) return [...args.slice(0, pos), ...args.slice(pos + 1)];
  }
  return args;
}

// cobra's findNext with EnablePrefixMatching (etcdctl turns it on in ctl.go).
function findNext(cmd: Command, next: string): Command | undefined {
  const children = cmd.commands ?? [];
  const exact = children.find((c) => nameOf(c) === next || (c.aliases ?? []).includes(next));
  if (exact) return exact;
  const matches = children.filter((c) => nameOf(c).startsWith(next));
  return matches.length === 1 ? matches[0] : undefined;
}

function levenshtein(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The "Did you mean this?" part of an unknown-command error (cobra SuggestionsFor, distance 2). */
function suggestionsText(cmd: Command, typed: string): string {
  const names = (cmd.commands ?? [])
    .map(nameOf)
    .filter((n) => n !== 'help')
    .filter((n) => levenshtein(typed, n) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase()));
  if (names.length === 0) return '';
  return '\n\nDid you mean this?\n' + names.map((n) => `\t${n}\n`).join('');
}

/** The command a command line names and the args left for it, or the unknown-command error text. */
export function findCommand(root: Command, args: string[]): { cmd: Command; args: string[] } | { error: string } {
  let cmd = root;
  let rest = args;
  for (;;) {
    const words = stripFlags(rest, cmd);
    if (words.length === 0) break;
    const next = findNext(cmd, words[0]);
    if (!next) break;
    rest = argsMinusFirstX(rest, cmd, words[0]);
    cmd = next;
  }
  // cobra's legacyArgs: only the root rejects an unknown subcommand.
  if (!cmd.parent && cmd.commands?.length) {
    const words = stripFlags(rest, cmd);
    if (words.length > 0) {
      return { error: `unknown command ${quote(words[0])} for ${quote(commandPath(cmd))}${suggestionsText(cmd, words[0])}` };
    }
  }
  return { cmd, args: rest };
}

/** Whether the command can run (cobra's Runnable); groups without Run only print their help. */
export function hasRun(cmd: Command): boolean {
  return cmd.run !== undefined;
}
