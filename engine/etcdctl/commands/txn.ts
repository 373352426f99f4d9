// `etcdctl txn`: reads compares, success ops and failure ops from stdin, one blank line after each
// section (-i prints a prompt before each). Follows ctlv3/command/txn_command.go.

import type { Compare, RequestOp } from '../../etcd/types';
import { allFlags, findCommand, linkTree, type Command } from '../cobra';
import { orExit, type RunContext } from '../context';
import { FlagError, parseFlags } from '../flags';
import { GoParseError } from '../goparse';
import { ExitBadArgs, ExitInvalidInput, exitWithError } from '../io';
import { cobraDefaultUsage } from '../usage';
import { delFlags, delUse } from './del';
import { getFlags, getUse } from './get';
import { getDelOp, getGetOp, getPutOp } from './ops';
import { putFlags, putUse } from './put';
import { argify, parseCompare } from './txn-parse';

/** The txn command. */
export function txnCommand(ctx: RunContext): Command {
  const io = ctx.io;

  // bufio.Reader.ReadString('\n') then strings.TrimSpace; a missing newline is io.EOF.
  const readTrimmedLine = (): string => {
    const { line, eof } = ctx.readLine();
    if (eof) exitWithError(io, ExitInvalidInput, 'EOF');
    return line.trim();
  };

  const readCompares = (): Compare[] => {
    const cmps: Compare[] = [];
    for (let line = readTrimmedLine(); line !== ''; line = readTrimmedLine()) {
      const cmp = parseCompare(line);
      if ('error' in cmp) exitWithError(io, ExitInvalidInput, cmp.error);
      cmps.push(cmp);
    }
    return cmps;
  };

  // parseRequestUnion: each line runs through a throwaway cobra root holding put, get and del.
  const parseRequest = (line: string): RequestOp => {
    let args: string[];
    try {
      args = argify(line);
    } catch (e) {
      if (e instanceof GoParseError) exitWithError(io, ExitInvalidInput, e.message);
      throw e;
    }
    if (args.length < 2) exitWithError(io, ExitInvalidInput, `invalid txn compare request: ${line}`);
    const noStdin = (): string => '';
    const root = linkTree({
      use: '',
      short: '',
      commands: [
        { use: putUse, short: 'Puts the given key into the store', flags: putFlags },
        { use: getUse, short: 'Gets the key or a range of keys', flags: getFlags },
        { use: delUse, short: 'Removes the specified key or range of keys [key, range_end)', flags: delFlags },
      ],
    });
    const found = findCommand(root, args);
    if ('error' in found || found.cmd === root) exitWithError(io, ExitInvalidInput, `invalid txn request: ${line}`);
    const { cmd, args: rest } = found;
    let flags;
    try {
      flags = parseFlags(allFlags(cmd), rest);
    } catch (e) {
      if (!(e instanceof FlagError)) throw e;
      io.err(cobraDefaultUsage(cmd));
      exitWithError(io, ExitInvalidInput, `invalid txn request: ${line}`);
    }
    if (cmd.use === putUse) return { request_put: getPutOp(io, flags, flags.args, noStdin) };
    if (cmd.use === getUse) return { request_range: getGetOp(io, flags, flags.args) };
    return { request_delete_range: getDelOp(io, flags, flags.args) };
  };

  const readOps = (): RequestOp[] => {
    const ops: RequestOp[] = [];
    for (let line = readTrimmedLine(); line !== ''; line = readTrimmedLine()) ops.push(parseRequest(line));
    return ops;
  };

  return {
    use: 'txn [options]',
    short: 'Txn processes all the requests in one transaction',
    flags: [{ name: 'interactive', shorthand: 'i', kind: 'bool', def: 'false', usage: 'Input transaction in interactive mode' }],
    run: function* (inv) {
      if (inv.args.length !== 0) exitWithError(io, ExitBadArgs, 'txn command does not accept argument');
      const interactive = inv.flags.values.get('interactive') === true;
      const prompt = (s: string): void => {
        if (interactive) io.out(s + '\n');
      };
      const session = yield* ctx.mustClient(inv);
      prompt('compares:');
      const compare = readCompares();
      prompt('success requests (get, put, del):');
      const success = readOps();
      prompt('failure requests (get, put, del):');
      const failure = readOps();
      // txn commits with context.Background(): no --command-timeout.
      const resp = yield* orExit(io, session.call('Txn', { compare, success, failure }, { timeoutMs: null }));
      ctx.printer!.txn(resp);
    },
  };
}
