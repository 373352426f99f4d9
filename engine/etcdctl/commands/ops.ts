// Turning get/put/del arguments into requests, shared by those commands and by txn's request lines
// (ctlv3/command/get_command.go getGetOp, put_command.go getPutOp, del_command.go getDelOp, and the
// clientv3 op options they apply: WithPrefix, WithFromKey, WithSort).

import type { DeleteRangeRequest, PutRequest, RangeRequest, SortTarget } from '../../etcd/types';
import type { ParsedFlags } from '../flags';
import { quote } from '../gofmt';
import { GoParseError, parseInt64 } from '../goparse';
import { ExitBadArgs, ExitBadFeature, exitWithError, type Io } from '../io';

/** clientv3.GetPrefixRangeEnd: the smallest key greater than every key with this prefix. */
export function prefixRangeEnd(key: string): string {
  const cps = [...key].map((c) => c.codePointAt(0)!);
  while (cps.length > 0) {
    const last = cps.pop()!;
    if (last < 0x10ffff) return String.fromCodePoint(...cps, last + 1);
  }
  return '\0';
}

const flag = <T>(f: ParsedFlags, name: string): T => f.values.get(name) as T;

/** getGetOp: the RangeRequest `get` sends. */
export function getGetOp(io: Io, f: ParsedFlags, args: string[]): RangeRequest {
  if (args.length === 0) exitWithError(io, ExitBadArgs, 'get command needs one argument as key and an optional argument as range_end');
  const prefix = flag<boolean>(f, 'prefix');
  const fromKey = flag<boolean>(f, 'from-key');
  if (prefix && fromKey) exitWithError(io, ExitBadArgs, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  const req: RangeRequest = { key: args[0] };
  const consistency = flag<string>(f, 'consistency');
  if (consistency === 's') req.serializable = true;
  else if (consistency !== 'l') exitWithError(io, ExitBadFeature, `unknown consistency flag ${quote(consistency)}`);
  if (args.length > 1) {
    if (prefix || fromKey) exitWithError(io, ExitBadArgs, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set');
    req.range_end = args[1];
  }
  const limit = flag<bigint>(f, 'limit');
  if (limit !== 0n) req.limit = Number(limit);
  const rev = flag<bigint>(f, 'rev');
  if (rev > 0n) req.revision = Number(rev);

  const orderFlag = flag<string>(f, 'order');
  const order = orderFlag.toUpperCase();
  if (order !== 'ASCEND' && order !== 'DESCEND' && order !== '') exitWithError(io, ExitBadFeature, `bad sort order ${orderFlag}`);
  const targetFlag = flag<string>(f, 'sort-by');
  const targets: Record<string, SortTarget> = { CREATE: 'CREATE', KEY: 'KEY', MODIFY: 'MOD', VALUE: 'VALUE', VERSION: 'VERSION', '': 'KEY' };
  const target = targets[targetFlag.toUpperCase()];
  if (!target) exitWithError(io, ExitBadFeature, `bad sort target ${targetFlag}`);
  // clientv3.WithSort drops ASCEND when sorting by key: that is the server's natural order.
  req.sort_order = order === '' || (target === 'KEY' && order === 'ASCEND') ? 'NONE' : (order as 'ASCEND' | 'DESCEND');
  req.sort_target = target;

  if (prefix) {
    if (req.key === '') [req.key, req.range_end] = ['\0', '\0'];
    else req.range_end = prefixRangeEnd(req.key);
  }
  if (fromKey) {
    if (req.key === '') req.key = '\0';
    req.range_end = '\0';
  }
  if (flag<boolean>(f, 'keys-only')) req.keys_only = true;
  return req;
}

/** getPutOp: the PutRequest `put` sends; `stdin` supplies the value when only the key is given. */
export function getPutOp(io: Io, f: ParsedFlags, args: string[], stdin: () => string): PutRequest {
  const needArgs = 'put command needs 1 argument and input from stdin or 2 arguments';
  if (args.length === 0) exitWithError(io, ExitBadArgs, needArgs);
  const ignoreValue = flag<boolean>(f, 'ignore-value');
  if (ignoreValue && args.length > 1) exitWithError(io, ExitBadArgs, "put command needs only 1 argument when 'ignore-value' is set");
  let value = '';
  if (!ignoreValue) {
    // argOrStdin: an argument is taken as it is, even empty; only an empty stdin is an error.
    value = args.length > 1 ? args[1] : stdin();
    if (args.length < 2 && value === '') exitWithError(io, ExitBadArgs, needArgs);
  }
  let id = 0n;
  try {
    id = parseInt64(flag<string>(f, 'lease'), 16);
  } catch (e) {
    if (!(e instanceof GoParseError)) throw e;
    exitWithError(io, ExitBadArgs, `bad lease ID (${e.message}), expecting ID in Hex`);
  }
  const req: PutRequest = { key: args[0], value };
  if (id !== 0n) req.lease = id;
  if (flag<boolean>(f, 'prev-kv')) req.prev_kv = true;
  if (ignoreValue) req.ignore_value = true;
  if (flag<boolean>(f, 'ignore-lease')) req.ignore_lease = true;
  return req;
}

/** getDelOp: the DeleteRangeRequest `del` sends. */
export function getDelOp(io: Io, f: ParsedFlags, args: string[]): DeleteRangeRequest {
  if (args.length === 0 || args.length > 2) exitWithError(io, ExitBadArgs, 'del command needs one argument as key and an optional argument as range_end');
  const prefix = flag<boolean>(f, 'prefix');
  const fromKey = flag<boolean>(f, 'from-key');
  if (prefix && fromKey) exitWithError(io, ExitBadArgs, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  const req: DeleteRangeRequest = { key: args[0] };
  if (args.length > 1) {
    if (prefix || fromKey) exitWithError(io, ExitBadArgs, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set');
    req.range_end = args[1];
  }
  if (prefix) {
    if (req.key === '') [req.key, req.range_end] = ['\0', '\0'];
    else req.range_end = prefixRangeEnd(req.key);
  }
  if (flag<boolean>(f, 'prev-kv')) req.prev_kv = true;
  if (fromKey) {
    if (req.key === '') req.key = '\0';
    req.range_end = '\0';
  }
  return req;
}
