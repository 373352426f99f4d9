// The terminal's shell without a browser: line editing (wrapped lines included), history, builtins,
// queued input, txn stdin, and etcdctl streaming.
import { describe, expect, it } from 'vitest';
import { Shell, splitWords, type ShellOptions } from './shell';
import { maxHistory } from './history';
import type { CommandResult, EtcdctlRunOptions } from '../cluster/types';

/**
 * A tiny terminal emulator that wraps at `cols` as xterm does (a character written in the last
 * column leaves a wrap pending), with CR, LF, CUU/CUD/CUF/CUB, EL and ED: enough to read the
 * screen back row by row.
 */
function screen(cols = 80) {
  const rows: string[] = [''];
  let r = 0;
  let c = 0;
  let wrap = false;
  let written = 0;
  const put = (ch: string) => {
    if (wrap) {
      r++;
      c = 0;
      wrap = false;
    }
    while (rows.length <= r) rows.push('');
    const row = rows[r].padEnd(c);
    rows[r] = row.slice(0, c) + ch + row.slice(c + 1);
    if (c === cols - 1) wrap = true;
    else c++;
  };
  const io = {
    write(t: string) {
      written += t.length;
      const s = t.replace(/\x1b\[[\d;]*m/g, '');
      for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        const esc = /^\x1b\[(\d*)([A-Za-z])/.exec(s.slice(i, i + 12));
        if (esc) {
          const n = Number(esc[1] || 1);
          wrap = false;
          if (esc[2] === 'D') c = Math.max(0, c - n);
          else if (esc[2] === 'C') c = Math.min(cols - 1, c + n);
          else if (esc[2] === 'A') r = Math.max(0, r - n);
          else if (esc[2] === 'B') r = Math.min(rows.length - 1, r + n);
          else if (esc[2] === 'K') rows[r] = rows[r].slice(0, c);
          else if (esc[2] === 'J') {
            rows[r] = rows[r].slice(0, c);
            rows.length = r + 1;
          }
          i += esc[0].length - 1;
        } else if (ch === '\r') {
          c = 0;
          wrap = false;
        } else if (ch === '\n') {
          r++;
          wrap = false;
          while (rows.length <= r) rows.push('');
        } else put(ch);
      }
    },
    clear() {
      rows.splice(0, rows.length, '');
      r = c = 0;
      wrap = false;
    },
    cols: () => cols,
  };
  return { io, lines: rows, cursor: () => ({ r, c }), written: () => written };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

type Runner = (line: string, stdin: string | undefined, opts: EtcdctlRunOptions) => Promise<CommandResult>;

function setup(run?: Runner, cols = 80, opts?: ShellOptions) {
  const calls: { line: string; stdin?: string }[] = [];
  const s = screen(cols);
  const shell = new Shell(
    s.io,
    (line, stdin, o) => {
      calls.push({ line, stdin });
      return run ? run(line, stdin, o) : Promise.resolve({ code: 0, stdout: 'OK\n', stderr: '' });
    },
    opts,
  );
  shell.start();
  return { shell, lines: s.lines, cursor: s.cursor, written: s.written, calls };
}

/** A runner that keeps each call pending until `release()`. */
function gated() {
  const waiting: (() => void)[] = [];
  const run: Runner = () => new Promise((resolve) => waiting.push(() => resolve({ code: 0, stdout: 'OK\n', stderr: '' })));
  const release = async () => {
    while (waiting.length) {
      waiting.shift()!();
      await flush();
    }
  };
  return { run, release, waiting };
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

  it('starts from the history it is given, reports each new line, and keeps at most maxHistory', async () => {
    const added: string[] = [];
    const { shell, lines } = setup(undefined, 80, { history: ['etcdctl get a', 'etcdctl get b'], onHistory: (l) => added.push(l) });
    shell.input('\x1b[A');
    expect(lines[lines.length - 1]).toBe('$ etcdctl get b');
    shell.input('\x1b[A');
    expect(lines[lines.length - 1]).toBe('$ etcdctl get a');
    shell.input('\x1b[B\x1b[B');
    shell.input('etcdctl get c\r');
    await flush();
    shell.input('etcdctl get c\r'); // a repeat is not added again, as bash's ignoredups
    await flush();
    shell.input('   \r'); // nor a blank line
    await flush();
    expect(added).toEqual(['etcdctl get c']);

    const many = Array.from({ length: maxHistory + 20 }, (_, i) => `etcdctl get k${i}`);
    const big = setup(undefined, 80, { history: many });
    for (let i = 0; i < maxHistory; i++) big.shell.input('\x1b[A');
    expect(big.lines[big.lines.length - 1]).toBe('$ etcdctl get k20');
    big.shell.input('\x1b[A'); // the oldest kept: Up goes no further
    expect(big.lines[big.lines.length - 1]).toBe('$ etcdctl get k20');
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

  it('keeps what is typed while watch runs, and shows it at the prompt after Ctrl-C', async () => {
    let resolveWatch: (() => void) | undefined;
    const { shell, lines, calls } = setup((line, _stdin, opts) =>
      line.includes('watch')
        ? new Promise((resolve) => {
            resolveWatch = () => resolve({ code: 0, stdout: '', stderr: '' });
            opts.signal?.addEventListener('abort', () => resolveWatch!());
          })
        : Promise.resolve({ code: 0, stdout: 'OK\n', stderr: '' }),
    );
    shell.input('etcdctl watch foo\r');
    for (const ch of 'etcdctl put foo 1') shell.input(ch);
    expect(shell.pending).toBe('etcdctl put foo 1'.length);
    shell.input('\x03');
    await flush();
    expect(lines[lines.length - 1]).toBe('$ etcdctl put foo 1');
    shell.input('\r');
    await flush();
    expect(calls.map((c) => c.line)).toEqual(['etcdctl watch foo', 'etcdctl put foo 1']);
  });

  it('gives txn its stdin with every line ended by a newline, as etcdctl reads it', async () => {
    const { shell, calls } = setup();
    shell.input('etcdctl txn\r');
    shell.input('mod("k") > "0"\r\rput k v\r\r\r');
    await flush();
    // The stdin etcdctl 3.4.23 was recorded with (testdata txn-simple): the last empty line has its newline too.
    expect(calls).toEqual([{ line: 'etcdctl txn', stdin: 'mod("k") > "0"\n\nput k v\n\n\n' }]);
  });

  it('prints each txn -i prompt once, as a real terminal shows it', async () => {
    // etcdctl 3.4.23 prints all three prompts on stdout (it read the whole stdin at once here).
    const { shell, lines, calls } = setup(() =>
      Promise.resolve({ code: 0, stdout: 'compares:\nsuccess requests (get, put, del):\nfailure requests (get, put, del):\nSUCCESS\n\nOK\n', stderr: '' }),
    );
    shell.input('etcdctl txn -i\r');
    shell.input('version("k") = "0"\r\rput k v\r\r\r');
    await flush();
    expect(calls[0].stdin).toBe('version("k") = "0"\n\nput k v\n\n\n');
    expect(lines.slice(-13)).toEqual([
      '$ etcdctl txn -i',
      'compares:',
      'version("k") = "0"',
      '',
      'success requests (get, put, del):',
      'put k v',
      '',
      'failure requests (get, put, del):',
      '',
      'SUCCESS',
      '',
      'OK',
      '$ ',
    ]);
    expect(lines.filter((l) => l === 'compares:')).toHaveLength(1);
  });

  it('ends txn stdin with Ctrl-D: etcdctl then reads EOF', async () => {
    const { shell, calls } = setup(() => Promise.resolve({ code: 1, stdout: 'compares:\n', stderr: 'Error: EOF\n' }));
    shell.input('etcdctl txn -i\r');
    shell.input('mod("k") > "0"\r\x04');
    await flush();
    expect(calls[0].stdin).toBe('mod("k") > "0"\n');
  });

  it('inserts a paste as one edit: the output grows linearly, and the value arrives whole', async () => {
    const { shell, calls, written } = setup();
    const value = 'x'.repeat(100_000);
    const before = written();
    shell.input(`etcdctl put big ${value}`);
    expect(written() - before).toBeLessThan(value.length + 200);
    shell.input('\r');
    await flush();
    expect(calls[0].line).toBe(`etcdctl put big ${value}`);
  });

  it('redraws a line wider than the terminal in place when it is edited', async () => {
    const cols = 20;
    const { shell, lines, calls } = setup(undefined, cols);
    const text = 'etcdctl put key ' + 'abcdefghij'.repeat(5); // 66 characters + the prompt: 4 rows
    for (const ch of text) shell.input(ch);
    const rows = () => lines.slice(-4).join('');
    expect(rows()).toBe('$ ' + text);
    // Move into the first row and insert, then delete, then jump to the end and type.
    shell.input('\x01');
    shell.input('\x1b[C'.repeat(8));
    shell.input('X');
    expect(rows()).toBe('$ etcdctl Xput key ' + 'abcdefghij'.repeat(5));
    expect(lines.filter((l) => l.startsWith('$ etcdctl')).length).toBe(1);
    shell.input('\x7f');
    shell.input('\x05!');
    expect(rows().trimEnd()).toBe('$ ' + text + '!');
    expect(lines.filter((l) => l.startsWith('$ etcdctl')).length).toBe(1);
    // Shrinking it back below a row boundary leaves no stale row behind.
    shell.input('\x7f'.repeat(30));
    expect(lines.slice(-2).join('')).toBe('$ ' + text.slice(0, text.length - 29));
    expect(lines[lines.length - 3]).not.toContain('abcdefghij');
    shell.input('\r');
    await flush();
    expect(calls[0].line).toBe(text.slice(0, text.length - 29));
  });

  it('handles a line that ends exactly at the right margin', async () => {
    const cols = 20;
    const { shell, lines, cursor } = setup(undefined, cols);
    shell.input('etcdctl get 123456'); // 2 + 18 = 20 columns
    expect(lines.slice(-2)).toEqual(['$ etcdctl get 123456', '']);
    expect(cursor()).toEqual({ r: lines.length - 1, c: 0 });
    shell.input('7');
    expect(lines.slice(-2)).toEqual(['$ etcdctl get 123456', '7']);
    shell.input('\x7f');
    expect(lines.slice(-2)).toEqual(['$ etcdctl get 123456', '']);
    shell.input('\x7f');
    expect(lines[lines.length - 1]).toBe('$ etcdctl get 12345');
    shell.input('6\r');
    await flush();
    expect(lines.slice(-3)).toEqual(['$ etcdctl get 123456', 'OK', '$ ']);
  });

  it('queues what is typed while a command runs, and loses nothing', async () => {
    const g = gated();
    const { shell, calls, lines } = setup(g.run);
    shell.input('etcdctl put a 1\r');
    for (const ch of 'etcdctl get a\r') shell.input(ch);
    expect(calls).toHaveLength(1);
    await g.release();
    expect(calls.map((c) => c.line)).toEqual(['etcdctl put a 1', 'etcdctl get a']);
    expect(lines.slice(-5)).toEqual(['$ etcdctl put a 1', 'OK', '$ etcdctl get a', 'OK', '$ ']);
  });

  it('runs every line of a 1,000-line paste, in order', async () => {
    const { shell, calls } = setup();
    const pasted = Array.from({ length: 1000 }, (_, i) => `etcdctl put k${i} v${i}`);
    shell.input(pasted.join('\r') + '\r');
    for (let i = 0; i < 2000 && calls.length < 1000; i++) await flush();
    expect(calls.map((c) => c.line)).toEqual(pasted);
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

describe('Shell and kubectl edit', () => {
  /** A kubectl runner that, for `edit`, asks the editor as edit.ts does: reopening once after an error. */
  function kubectlEditing(log: { editor: boolean; line: string }[]) {
    return (line: string, _stdin: string | undefined, opts: EtcdctlRunOptions): Promise<CommandResult> => {
      log.push({ editor: !!opts.editor, line });
      if (!line.includes(' edit ') || !opts.editor) return Promise.resolve({ code: 0, stdout: 'OK\n', stderr: '' });
      return new Promise((resolve) => {
        opts.signal?.addEventListener('abort', () => resolve({ code: 130, stdout: '', stderr: '' }));
        void opts.editor!('replicas: 1\n').then((first) => {
          if (first === 'replicas: 1\n') return resolve({ code: 0, stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
          void opts.editor!(`# error\n${first}`).then(() => resolve({ code: 0, stdout: 'deployment.apps/web edited\n', stderr: '' }));
        });
      });
    };
  }

  it('gives kubectl (never etcdctl) the editor, with the command line and which opening it is', async () => {
    const runs: { editor: boolean; line: string }[] = [];
    const opened: { text: string; commandLine: string; attempt: number }[] = [];
    const { shell, lines, calls } = setup(undefined, 80, {
      kubectl: kubectlEditing(runs),
      editor: (text, call) => {
        opened.push({ text, commandLine: call.commandLine, attempt: call.attempt });
        return Promise.resolve(text.replace('1', '3'));
      },
    });
    shell.input('kubectl edit deploy/web -n x\r');
    for (let i = 0; i < 5; i++) await flush();
    expect(opened).toEqual([
      { text: 'replicas: 1\n', commandLine: 'kubectl edit deploy/web -n x', attempt: 1 },
      { text: '# error\nreplicas: 3\n', commandLine: 'kubectl edit deploy/web -n x', attempt: 2 },
    ]);
    expect(lines.slice(-3)).toEqual(['$ kubectl edit deploy/web -n x', 'deployment.apps/web edited', '$ ']);
    shell.input('kubectl get deploy\r');
    shell.input('etcdctl get foo\r');
    await flush();
    expect(runs.map((r) => r.editor)).toEqual([true, true]);
    expect(calls).toEqual([{ line: 'etcdctl get foo', stdin: undefined }]);
  });

  it('prints what kubectl prints when the editor answers the file unchanged', async () => {
    const { shell, lines } = setup(undefined, 80, { kubectl: kubectlEditing([]), editor: (text) => Promise.resolve(text) });
    shell.input('kubectl edit deploy web\r');
    for (let i = 0; i < 3; i++) await flush();
    expect(lines.slice(-2)).toEqual(['Edit cancelled, no changes made.', '$ ']);
  });

  it('aborts the editor on Ctrl-C, and keeps what was typed meanwhile for the next prompt', async () => {
    let signal: AbortSignal | undefined;
    const { shell, lines } = setup(undefined, 80, {
      kubectl: kubectlEditing([]),
      editor: (_text, call) => {
        signal = call.signal;
        return new Promise(() => {});
      },
    });
    shell.input('kubectl edit deploy/web\r');
    await flush();
    expect(shell.busy).toBe(true);
    expect(signal?.aborted).toBe(false);
    shell.input('kubectl get deploy');
    shell.input('\x03');
    expect(signal?.aborted).toBe(true);
    await flush();
    expect(shell.busy).toBe(false);
    expect(lines.slice(-2)).toEqual(['^C', '$ kubectl get deploy']);
  });

  it('completes edit among kubectl commands, lists it in help, and prints start notices', () => {
    const { shell, lines } = setup(undefined, 80, { kubectl: kubectlEditing([]) });
    shell.input('kubectl ed\t');
    expect(lines[lines.length - 1]).toBe('$ kubectl edit ');
    shell.input('\x15help\r');
    expect(lines.some((l) => l.startsWith('  kubectl edit deploy/web'))).toBe(true);
    const s = screen();
    new Shell(s.io, () => null, {}).start(['kubectl edit deploy/web: ended by the reload']);
    expect(s.lines.slice(-2)).toEqual(['kubectl edit deploy/web: ended by the reload', '$ ']);
  });

  it('stops the running command when the terminal is disposed', async () => {
    let signal: AbortSignal | undefined;
    const { shell } = setup((_l, _s, opts) => {
      signal = opts.signal;
      return new Promise(() => {});
    });
    shell.input('etcdctl watch foo\r');
    shell.dispose();
    expect(signal?.aborted).toBe(true);
  });
});
