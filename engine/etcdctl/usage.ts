// Help and usage texts: etcdctl's own template (ctlv3/help.go usageFunc, etcdFlagUsages) and cobra's
// default usage template with pflag's FlagUsages, which etcdctl's txn prints for a bad request line.

import { commandPath, hasRun, inheritedFlags, localFlags, nameOf, sortedChildren, type Command } from './cobra';
import type { FlagDef } from './flags';
import { quote } from './gofmt';
import { tabwrite } from './tabwriter';

/** The etcdctl version this module imitates. */
export const etcdctlVersion = '3.4.23';
/** The API version etcdctl 3.4 reports. */
export const apiVersion = '3.4';

// etcdFlagUsages (ctlv3/help.go): one "  -s, --name=default\tusage" line per flag.
function etcdFlagUsages(flags: FlagDef[]): string {
  return flags
    .map((f) => {
      let line = f.shorthand ? `  -${f.shorthand}, --${f.name}` : `      --${f.name}`;
      const optional = f.kind === 'bool';
      if (optional) line += '[';
      line += '=' + (f.kind === 'string' ? quote(f.def) : f.def);
      if (optional) line += ']';
      return `${line}\t${f.usage}\n`;
    })
    .join('');
}

// cmdName in ctlv3/help.go: the command's path below `start`.
function cmdName(cmd: Command, start: Command): string {
  const parts = [nameOf(cmd)];
  for (let c = cmd; c.parent && c.parent !== start; c = c.parent) parts.unshift(nameOf(c.parent));
  return parts.join(' ');
}

function subCommands(cmd: Command): Command[] {
  return sortedChildren(cmd).flatMap((c) => [c, ...subCommands(c)]);
}

/** cobra's UseLine: the parent path, `use`, and " [flags]". */
export function useLine(cmd: Command): string {
  const line = cmd.parent ? `${commandPath(cmd.parent)} ${cmd.use}` : cmd.use;
  return cmd.disableFlagsInUseLine || line.includes('[flags]') ? line : `${line} [flags]`;
}

/**
 * What `etcdctl <cmd> --help` prints (ctlv3/help.go's usage template through a tabwriter).
 * `helpFlag` false: cobra never added -h to this command (the root when `help` reports an unknown topic).
 */
export function etcdUsage(cmd: Command, helpFlag = true): string {
  let t = 'NAME:\n';
  t += cmd.parent ? `\t${cmdName(cmd, rootOf(cmd))} - ${cmd.short}\n` : `\t${nameOf(cmd)} - ${cmd.short}\n`;
  t += `\nUSAGE:\n\t${useLine(cmd)}\n`;
  if (!cmd.parent) t += `\nVERSION:\n\t${etcdctlVersion}\n`;
  if (cmd.commands?.length) {
    t += `\nAPI VERSION:\n\t${apiVersion}\n`;
    t += '\n\nCOMMANDS:\n';
    for (const sub of subCommands(cmd)) if (hasRun(sub)) t += `\t${cmdName(sub, cmd)}\t${sub.short}\n`;
  }
  if (cmd.long) {
    t += '\nDESCRIPTION:\n';
    for (const line of cmd.long.replace(/^[\n\t ]+|[\n\t ]+$/g, '').split('\n')) t += `\t${line}\n`;
  }
  const local = localFlags(cmd).filter((f) => helpFlag || f.name !== 'help');
  if (local.length) t += `\nOPTIONS:\n${etcdFlagUsages(local)}`;
  const inherited = inheritedFlags(cmd);
  if (inherited.length) t += `\nGLOBAL OPTIONS:\n${etcdFlagUsages(inherited)}`;
  return tabwrite(t + '\n');
}

function rootOf(cmd: Command): Command {
  return cmd.parent ? rootOf(cmd.parent) : cmd;
}

// pflag's FlagUsages: "  -s, --name type   usage (default x)" aligned on the widest flag part.
function pflagUsages(flags: FlagDef[]): string {
  const typeName: Record<FlagDef['kind'], string> = { bool: '', string: 'string', int64: 'int', duration: 'duration', stringSlice: 'strings', stringArray: 'stringArray' };
  const rows = flags.map((f) => {
    let left = f.shorthand ? `  -${f.shorthand}, --${f.name}` : `      --${f.name}`;
    if (typeName[f.kind]) left += ` ${typeName[f.kind]}`;
    let usage = f.usage;
    const zero = { bool: f.def === 'false', string: f.def === '', int64: f.def === '0', duration: f.def === '0s', stringSlice: f.def === '[]', stringArray: f.def === '[]' }[f.kind];
    if (!zero) usage += f.kind === 'string' ? ` (default ${quote(f.def)})` : ` (default ${f.def})`;
    return { left, usage };
  });
  const width = Math.max(...rows.map((r) => r.left.length));
  return rows.map((r) => `${r.left}${' '.repeat(width - r.left.length)}   ${r.usage}\n`).join('');
}

/** cobra's default usage template for a command under an unnamed root (what txn prints to stderr). */
export function cobraDefaultUsage(cmd: Command): string {
  return `Usage:\n   ${cmd.use} [flags]\n\nFlags:\n${pflagUsages(localFlags(cmd))}\n`;
}
