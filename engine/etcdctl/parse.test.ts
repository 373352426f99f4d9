// Command-line handling compared with the real etcdctl 3.4.23 (testdata/etcdctl-3.4.23.json): help
// and usage texts, unknown commands and flags, pflag value errors and each command's argument checks.
// None of these reach the cluster, so the canned client has no answers at all.

import { describe, expect, it } from 'vitest';
import { actual, expected, fixture, FakeClient, run } from './testdata/harness';

const noCluster = [
  // help and usage (ctlv3/help.go through text/tabwriter)
  'root', 'root-help', 'help', 'version', 'help-get', 'help-put', 'help-del', 'help-txn', 'help-compaction', 'help-watch',
  'help-lease', 'help-lease-grant', 'help-lease-revoke', 'help-lease-timetolive', 'help-lease-list', 'help-lease-keep-alive',
  'help-member', 'help-member-add', 'help-member-remove', 'help-member-list', 'help-endpoint', 'help-endpoint-status',
  'help-endpoint-health', 'help-get-h', 'help-help-get', 'help-unknown-topic', 'help-help', 'help-alarm',
  // help of the commands Kubeplay does not build: their use lines, descriptions and flags
  'help-alarm-disarm', 'help-alarm-list', 'help-defrag', 'help-endpoint-hashkv', 'help-move-leader', 'help-member-update',
  'help-member-promote', 'help-snapshot', 'help-snapshot-save', 'help-snapshot-restore', 'help-snapshot-status', 'help-make-mirror',
  'help-migrate', 'help-lock', 'help-elect', 'help-auth', 'help-auth-enable', 'help-auth-disable', 'help-user', 'help-user-add',
  'help-user-delete', 'help-user-get', 'help-user-list', 'help-user-passwd', 'help-user-grant-role', 'help-user-revoke-role',
  'help-role', 'help-role-add', 'help-role-delete', 'help-role-get', 'help-role-list', 'help-role-grant-permission',
  'help-role-revoke-permission', 'help-check', 'help-check-perf', 'help-check-datascale', 'help-completion',
  'help-completion-bash', 'help-completion-fish', 'help-completion-powershell', 'help-completion-zsh',
  'lease-nosub', 'lease-badsub', 'member-nosub', 'ep-nosub', 'ep-badsub',
  // cobra: unknown commands and suggestions
  'unknown-cmd', 'unknown-cmd-ambiguous', 'unknown-cmd-nosuggest', 'unknown-flag-before-cmd',
  // pflag errors
  'get-unknown-flag', 'get-unknown-shorthand', 'get-flag-needs-arg', 'get-shorthand-needs-arg', 'get-bad-int', 'get-bad-bool',
  'get-bad-duration', 'get-bad-duration2', 'get-count-only', 'get-bad-format', 'lease-grant-neg',
  // argument checks of each command
  'get-noargs', 'get-bad-consistency', 'get-bad-order', 'get-bad-sort', 'get-prefix-fromkey', 'get-prefix-range',
  'put-noargs', 'put-onearg', 'put-bad-lease', 'put-ignore-value-with-value',
  'del-noargs', 'del-three', 'del-prefix-range', 'del-prefix-fromkey',
  'compaction-bad', 'compaction-noargs',
  'lease-grant-noargs', 'lease-grant-bad', 'lease-ttl-bad', 'lease-ttl-noargs', 'lease-ka-noargs', 'lease-revoke-noargs', 'lease-revoke-bad',
  'member-add-noname', 'member-add-nopeer', 'member-add-toomany', 'member-remove-bad', 'member-remove-noargs',
  'watch-noargs', 'watch-prefix-range',
  // parseWatchArgs: the words after "--" are the exec-command, not keys
  'watch-dashdash', 'watch-dashdash-prefix', 'watch-dashdash-twice', 'watch-exec-prefix-range',
  // an empty value is a value; only an empty stdin is missing
  'put-empty-value-stdin',
  // txn's stdin parsing (txn_command.go readCompares/readOps/parseCompare/parseRequestUnion)
  'txn-eof', 'txn-eof-nonl', 'txn-no-stdin', 'txn-bad-cmp', 'txn-bad-op', 'txn-put-onearg', 'txn-bad-int', 'txn-unknown-target',
  'txn-malformed-space', 'txn-malformed-unquoted', 'txn-malformed-val', 'txn-bad-op-flag', 'txn-bad-op-put-flag',
  'txn-bad-op-del-flag', 'txn-too-few', 'txn-args', 'txn-panic-op', 'txn-panic-lease',
];

describe('etcdctl command line (no cluster needed)', () => {
  it.each(noCluster)('%s prints what etcdctl 3.4.23 prints', async (name) => {
    const f = fixture(name);
    const client = new FakeClient();
    const r = await run(f.cmd, client, { stdin: f.stdin });
    expect(actual(r)).toEqual(expected(f));
    expect(client.calls).toEqual([]);
    expect(client.watches).toEqual([]);
  });

  it('tolerates a leading ETCDCTL_API=3 and etcdctl, and shell quoting', async () => {
    const r = await run(`ETCDCTL_API=3 etcdctl version`, new FakeClient());
    expect(r).toEqual({ code: 0, stdout: 'etcdctl version: 3.4.23\nAPI version: 3.4\n', stderr: '' });
  });

  it('lists the client default endpoints as the --endpoints default', async () => {
    const r = await run('get --help', new FakeClient(['etcd-0', 'etcd-1', 'etcd-2']));
    expect(r.stdout).toContain('      --endpoints=[etcd-0,etcd-1,etcd-2]\tgRPC endpoints\n');
  });
});

describe('environment and endpoints', () => {
  it('reads ETCDCTL_<FLAG> like flags.SetPflagsFromEnv and warns about unknown ones', async () => {
    const c = new FakeClient();
    c.on('MemberList', { header: { cluster_id: 1n, member_id: 2n, revision: 0, raft_term: 2 }, members: [] });
    const r = await run('ETCDCTL_API=3 ETCDCTL_WRITE_OUT=json ETCDCTL_FOO=1 etcdctl member list', c);
    expect(r.stdout).toBe('{"header":{"cluster_id":1,"member_id":2,"raft_term":2}}\n');
    expect(r.stderr).toBe('2026-11-24 16:00:00.000000 W | pkg/flags: unrecognized environment variable ETCDCTL_FOO=1\n');
  });

  it('--endpoints= leaves clientv3 no endpoint (exit 2)', async () => {
    const r = await run('--endpoints= get foo', new FakeClient());
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'Error: etcdclient: no available endpoints\n' });
  });
});
