// kill(1) as the node's program: busybox's and procps' signal specs and messages, and PID 1 as the
// only process a container's kill can reach (the signal lands after kill returns, as kill(2) does).

import { describe, expect, it } from 'vitest';
import { Coroutine } from '../../sim/co';
import type { ProcessContext, Signal } from '../programs/program';
import type { ImageConfig } from '../runtime/registry';
import { parseSignal } from './kill';
import { execProgram, type ExecSystem } from './registry';

function run(argv: string[], binaries: string[]) {
  const err: string[] = [];
  const sent: (Signal | 'other')[] = [];
  const ctx = { stderr: (l: string) => err.push(l), stdout: () => {} } as unknown as ProcessContext;
  const sys = { signalInit: (s: Signal | 'other') => sent.push(s) } as unknown as ExecSystem;
  const image: ImageConfig = { entrypoint: [], cmd: [], env: {}, stopSignal: 'SIGTERM', binaries };
  let code = -1;
  new Coroutine(execProgram('kill')!.program(argv, ctx, sys, image), (o) => (code = o.ok ? o.value : -2)).start();
  return { code, err, sent };
}

const busybox = ['sh', 'ash', 'echo'];
const debian = ['sh', 'bash', 'dash'];

describe('kill', () => {
  it('reads -SIG, -N and -s SIG', () => {
    expect([parseSignal('9'), parseSignal('KILL'), parseSignal('SIGTERM'), parseSignal('term'), parseSignal('FOO')]).toEqual([9, 9, 15, 15, null]);
  });

  it('sends TERM by default, or the signal named, to PID 1', () => {
    expect(run(['kill', '1'], busybox)).toEqual({ code: 0, err: [], sent: ['SIGTERM'] });
    expect(run(['kill', '-9', '1'], busybox).sent).toEqual(['SIGKILL']);
    expect(run(['kill', '-s', 'QUIT', '1'], debian).sent).toEqual(['SIGQUIT']);
    expect(run(['kill', '-0', '1'], busybox)).toEqual({ code: 0, err: [], sent: [] });
  });

  it('knows no other PID, in the words of the image kill', () => {
    expect(run(['kill', '42'], busybox)).toEqual({ code: 1, err: ["kill: can't kill pid 42: No such process"], sent: [] });
    expect(run(['kill', '42'], debian)).toEqual({ code: 1, err: ['kill: (42) - No such process'], sent: [] });
    expect(run(['kill', '-FOO', '1'], busybox)).toEqual({ code: 1, err: ["kill: bad signal name 'FOO'"], sent: [] });
  });

  it('is in every image with a shell, and only there', () => {
    expect(execProgram('kill')!.inImage(busybox)).toBe(true);
    expect(execProgram('kill')!.inImage(['pause'])).toBe(false);
  });
});
