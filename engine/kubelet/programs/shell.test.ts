// The simulated shell and applets, as busybox ash runs container commands: output, exit codes,
// sleeping on the clock, traps and PID 1's deafness to SIGTERM.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { Scheduler } from '../scheduler';
import { ImageService } from '../runtime/image-service';
import { RuntimeService } from '../runtime/runtime-service';

// One busybox container running `script`; returns its log lines, exit and a clock.
function runScript(script: string, opts: { env?: Record<string, string>; untilMs?: number; signalAt?: number } = {}) {
  const sched = new Scheduler();
  const images = new ImageService(sched, { bytesPerSecond: 1e12, latencyMs: 0 });
  images.preload('busybox');
  const rt = new RuntimeService(sched, new Rng(1), images, { nodeIP: '172.18.0.2', podCIDR: '10.244.0.0/24', epochMs: Date.UTC(2025, 0, 1) });
  let id = '';
  sched.spawn(
    (function* () {
      const sb = yield* rt.runPodSandbox({ metadata: { name: 'p', uid: 'u', namespace: 'default', attempt: 0 }, hostname: 'p', hostNetwork: false, labels: {} });
      id = yield* rt.createContainer(sb, {
        metadata: { name: 'c', attempt: 0 }, image: { image: 'busybox', userSpecifiedImage: 'busybox' }, command: ['sh', '-c', script], args: [],
        envs: Object.entries(opts.env ?? {}).map(([key, value]) => ({ key, value })), mounts: [], labels: {}, annotations: {}, memoryLimitInBytes: 0, cpuLimitMilli: 0,
      });
      yield* rt.startContainer(id);
      if (opts.signalAt !== undefined) {
        yield* sched.sleepUntil(opts.signalAt);
        yield* rt.stopContainer(id, 30);
      }
    })(),
  );
  sched.runUntil(opts.untilMs ?? 100_000);
  const st = rt.containerStatus(id);
  return { lines: rt.containerLogs(id).map((l) => l.line), exit: st.state === 'CONTAINER_EXITED' ? st.exitCode : null, ranMs: st.finishedAt - st.startedAt, finishedAt: st.finishedAt, state: st.state };
}

describe('shell', () => {
  it('runs lists, && and ||, and exits with the last status', () => {
    expect(runScript('echo a; false && echo no; false || echo b; true')).toMatchObject({ lines: ['a', 'b'], exit: 0 });
    expect(runScript('echo x; exit 7; echo never')).toMatchObject({ lines: ['x'], exit: 7 });
    expect(runScript('false')).toMatchObject({ exit: 1 });
  });

  it('sleeps on the simulated clock', () => {
    const r = runScript('sleep 2; echo up; sleep 1.5');
    expect(r).toMatchObject({ lines: ['up'], exit: 0 });
    expect(r.ranMs).toBe(3500);
  });

  it('prints "not found" and exits 127 for an unknown command', () => {
    expect(runScript('nosuch arg')).toMatchObject({ lines: ['sh: nosuch: not found'], exit: 127 });
  });

  it('expands variables, arithmetic, command substitution and quotes', () => {
    expect(runScript('i=0; i=$((i+2)); echo "i=$i" \'$i\' ${HOME} $(echo sub)', { env: { HOME: '/root' } }).lines).toEqual(['i=2 $i /root sub']);
    expect(runScript('echo "$GREETING, world"', { env: { GREETING: 'hello' } }).lines).toEqual(['hello, world']);
  });

  it('runs while, for and if', () => {
    expect(runScript('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done').lines).toEqual(['0', '1', '2']);
    expect(runScript('for x in a b; do echo $x; done; if [ -f /nope ]; then echo y; else echo n; fi').lines).toEqual(['a', 'b', 'n']);
  });

  it('runs the logging-counter example from the docs on the clock', () => {
    const r = runScript('i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done', { untilMs: 2_500 });
    expect(r.lines).toEqual(['0: Wed Jan  1 00:00:00 UTC 2025', '1: Wed Jan  1 00:00:01 UTC 2025', '2: Wed Jan  1 00:00:02 UTC 2025']);
    expect(r.state).toBe('CONTAINER_RUNNING');
  });

  it('writes and reads files, redirections and pipes', () => {
    expect(runScript('echo hi > /tmp/f; echo there >> /tmp/f; cat /tmp/f | grep the; cat /tmp/f | wc -l').lines).toEqual(['there', '2']);
    expect(runScript('cat /tmp/missing').lines).toEqual(["cat: can't open '/tmp/missing': No such file or directory"]);
    expect(runScript('echo err >&2; echo quiet 2>/dev/null >/dev/null').lines).toEqual(['err']);
  });

  it('ignores SIGTERM as PID 1: stop waits the full timeout, then SIGKILL (137)', () => {
    const r = runScript('sleep 3600', { signalAt: 10_000, untilMs: 100_000 });
    expect(r).toMatchObject({ exit: 137, finishedAt: 40_000 });
  });

  it('runs a TERM trap only after the foreground sleep (so it still waits), but at once in `wait`', () => {
    const foreground = runScript("trap 'echo bye; exit 0' TERM; sleep 3600", { signalAt: 10_000 });
    expect(foreground).toMatchObject({ exit: 137, lines: [] });
    const waited = runScript("trap 'echo bye; exit 0' TERM; sleep 3600 & wait", { signalAt: 10_000 });
    expect(waited).toMatchObject({ exit: 0, lines: ['bye'], finishedAt: 10_000 });
  });

  it('honours set -e and reports syntax errors', () => {
    expect(runScript('set -e; false; echo after')).toMatchObject({ lines: [], exit: 1 });
    expect(runScript('if true; then echo x')).toMatchObject({ exit: 2, lines: ['sh: syntax error: unexpected end of file (expecting "fi")'] });
  });

  it('keeps a container up with tail -f /dev/null and sleep infinity', () => {
    expect(runScript('tail -f /dev/null').state).toBe('CONTAINER_RUNNING');
    expect(runScript('sleep infinity').state).toBe('CONTAINER_RUNNING');
  });
});
