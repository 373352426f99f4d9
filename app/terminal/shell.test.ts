// The terminal's shell without a browser: line editing, history, builtins, and etcdctl streaming.
import { describe, expect, it } from 'vitest';
import { Shell, splitWords } from './shell';
import type { CommandResult, EtcdctlRunOptions } from '../cluster/types';

/** A tiny terminal emulator: enough of ANSI (CR, LF, EL, CUB/CUF) to read the screen back. */
function screen() {
  const lines: string[] = [''];
  let col = 0;
  const io = {
    write(t: string) {
      const s = t.replace(/\x1b\[\d*m/g, '');
      for (let i = 0; i < s.length; i++) {
        const c = s[i];
        const esc = /^\x1b\[(\d*)([A-Za-z])/.exec(s.slice(i));
        if (esc) {
          const n = Number(esc[1] || 1);
          if (esc[2] === 'D') col = Math.max(0, col - n);
          else if (esc[2] === 'C') col += n;
          else if (esc[2] === 'K') lines[lines.length - 1] = lines[lines.length - 1].slice(0, col);
          i += esc[0].length - 1;
        } else if (c === '\r') col = 0;
        else if (c === '\n') {
          lines.push('');
          col = 0;
        } else {
          const l = lines[lines.length - 1].padEnd(col);
          lines[lines.length - 1] = l.slice(0, col) + c + l.slice(col + 1);
          col++;
        }
      }
    },
    clear() {
      lines.splice(0, lines.length, '');
      col = 0;
    },
  };
  return { io, lines };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(run?: (line: string, stdin: string | undefined, opts: EtcdctlRunOptions) => Promise<CommandResult>) {
  const calls: { line: string; stdin?: string }[] = [];
  const { io, lines } = screen();
  const shell = new Shell(io, (line, stdin, opts) => {
    calls.push({ line, stdin });
    return run ? run(line, stdin, opts) : Promise.resolve({ code: 0, stdout: 'OK\n', stderr: '' });
  });
  shell.start();
  return { shell, lines, calls };
}

describe('splitWords', () => {
  it('splits like sh, honouring quotes and escapes', () => {
    expect(splitWords(`etcdctl put foo "a b" 'c d' e\\ f`)).toEqual(['etcdctl', 'put', 'foo', 'a b', 'c d', 'e f']);
    expect(splitWords(`get ""`)).toEqual(['get', '']);
  });
});

describe('Shell', () => {
  it('runs etcdctl with the rest of the line and prints its output, then a prompt', async () => {
    const { shell, lines, calls } = setup();
    shell.input('etcdctl put foo bar\r');
    await flush();
    expect(calls).toEqual([{ line: 'etcdctl put foo bar', stdin: undefined }]);
    expect(lines.slice(-3)).toEqual(['$ etcdctl put foo bar', 'OK', '$ ']);
  });

  it('edits with backspace and arrows, and recalls history with up/down', async () => {
    const { shell, lines, calls } = setup();
    shell.input('etcdctl gte');
    shell.input('\x7f\x7f');
    shell.input('et foo');
    shell.input('\x1b[D\x1b[D\x1b[D\x1b[Dx');
    shell.input('\x7f\r');
    await flush();
    expect(calls[0].line).toBe('etcdctl get foo');
    shell.input('\x1b[A');
    expect(lines[lines.length - 1]).toBe('$ etcdctl get foo');
    shell.input('\x1b[B');
    expect(lines[lines.length - 1]).toBe('$ ');
  });

  it('says command not found for anything that is not a builtin or etcdctl', () => {
    const { shell, lines } = setup();
    shell.input('kubectl get pods\r');
    expect(lines.slice(-2)).toEqual(['kubectl: command not found', '$ ']);
  });

  it('streams watch output and stops it on Ctrl-C', async () => {
    let signal: AbortSignal | undefined;
    const { shell, lines } = setup(
      (_line, _stdin, opts) =>
        new Promise((resolve) => {
          signal = opts.signal;
          opts.onStdout?.('PUT\nfoo\nbar\n');
          opts.signal?.addEventListener('abort', () => resolve({ code: 0, stdout: 'PUT\nfoo\nbar\n', stderr: '' }));
        }),
    );
    shell.input('etcdctl watch foo\r');
    expect(lines.slice(-5)).toEqual(['$ etcdctl watch foo', 'PUT', 'foo', 'bar', '']);
    expect(shell.busy).toBe(true);
    shell.input('\x03');
    expect(signal?.aborted).toBe(true);
    await flush();
    expect(shell.busy).toBe(false);
    expect(lines.slice(-3)).toEqual(['bar', '^C', '$ ']);
  });

  it('collects txn stdin in three sections ended by empty lines', async () => {
    const { shell, calls } = setup();
    shell.input('etcdctl txn\r');
    shell.input('mod("k") > "0"\r\rput k v\r\r\r');
    await flush();
    expect(calls).toEqual([{ line: 'etcdctl txn', stdin: 'mod("k") > "0"\n\nput k v\n\n' }]);
  });

  it('prints stderr and clears with the clear builtin', async () => {
    const { shell, lines } = setup(() => Promise.resolve({ code: 1, stdout: '', stderr: 'Error: context deadline exceeded\n' }));
    shell.input('etcdctl get x\r');
    await flush();
    expect(lines.slice(-2)).toEqual(['Error: context deadline exceeded', '$ ']);
    shell.input('clear\r');
    expect(lines).toEqual(['$ ']);
  });
});
