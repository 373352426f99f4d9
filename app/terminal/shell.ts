// A small shell for the terminal panel: readline-style line editing and history, the `help`,
// `clear` and `history` builtins, and `etcdctl …` run against the live cluster. It knows nothing
// of xterm: it reads the bytes xterm's onData gives and writes ANSI text back.
//
// Input is never dropped. Everything typed or pasted goes into a queue that is read while no command
// runs: keys typed during a command (type-ahead) and the lines after the first of a paste wait their
// turn and run in order once the command is done, as a terminal's input buffer holds them for the
// shell. Only Ctrl-C acts at once: it stops the running command. A run of printable characters (a
// paste) goes into the line as one insert.
import type { CommandResult, EtcdctlRunOptions } from '../cluster/types';
import { shellWords } from '../../engine/etcdctl/shell';
import { maxHistory } from './history';
import { LineView, nextBoundary, prevBoundary } from './line-view';

/** Where the shell writes, and how it clears the screen. */
export interface ShellIO {
  write(text: string): void;
  clear(): void;
  /** The terminal's width in columns (lines wider than this wrap). */
  cols(): number;
}

/** How the shell runs etcdctl; null while the cluster is starting. */
export type EtcdctlRunner = (commandLine: string, stdin: string | undefined, opts: EtcdctlRunOptions) => Promise<CommandResult> | null;

/** The prompt, as a POSIX shell prints it. */
export const prompt = '$ ';

const red = (s: string) => `\x1b[31m${s}\x1b[0m`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[33m${s}\x1b[0m`;
/** xterm needs CR LF. */
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

const etcdctlCommands = [
  'alarm', 'auth', 'check', 'compaction', 'defrag', 'del', 'elect', 'endpoint', 'get', 'help', 'lease', 'lock',
  'make-mirror', 'member', 'move-leader', 'put', 'role', 'snapshot', 'txn', 'user', 'version', 'watch',
];
const kubectlCommands = ['annotate', 'api-resources', 'api-versions', 'apply', 'auth', 'cluster-info', 'create', 'delete', 'edit', 'get', 'label', 'patch', 'replace', 'scale', 'version'];
const builtins = ['clear', 'etcdctl', 'help', 'history', 'kubectl'];

/** The keys, as the help line and the panel's header list them. */
export const keysHelp = 'Up/Down history · Ctrl-C interrupt · Ctrl-L clear · Tab complete · Esc then Tab leaves the terminal · Ctrl-M toggles Tab moving focus';

const helpText = [
  bold('Kubeplay terminal') + ' — kubectl and etcdctl (API v3) against the live cluster.',
  '',
  '  kubectl get ns                       the namespaces the apiserver made at start',
  '  kubectl create deployment web --image=nginx',
  '  kubectl get deploy web -o yaml       the stored object, defaulted by the apiserver',
  '  kubectl edit deploy/web              edit it in a dialog: Ctrl+S saves, Esc cancels',
  '  etcdctl get /registry/deployments/default/web   the same object as etcd holds it',
  '  kubectl api-resources                what the apiserver serves',
  '',
  '  etcdctl put foo bar                  write a key',
  '  etcdctl get foo                      read it back (-w json for the raw response)',
  '  etcdctl get "" --prefix --keys-only  list every key',
  '  etcdctl watch foo                    stream changes until Ctrl-C (put from a second tab: + above)',
  '  etcdctl member list -w table         the cluster\'s members',
  '  etcdctl endpoint status --cluster -w table',
  '  etcdctl txn -i                       a transaction: compares, success ops, failure ops,',
  '                                       each section ended by an empty line',
  '',
  '  help, clear, history                 builtins',
  '  Left/Right/Home/End move · Ctrl-A/E/U/K/W edit · Ctrl-D ends txn input',
  '  ' + keysHelp,
  '',
].join('\n');

/**
 * Splits a command line into words as sh does for quotes (no expansion), with the same splitter
 * etcdctl uses; a line with an unterminated quote (half typed, say) splits on blanks.
 */
export function splitWords(line: string): string[] {
  try {
    return shellWords(line);
  } catch {
    return line.split(/\s+/).filter(Boolean);
  }
}

// `txn` reads three sections from stdin, each ended by an empty line; `-i` prints a prompt before
// each (etcdctl/ctlv3/command/txn_command.go). The shell prints them as the sections are typed, so it
// takes them back out of what etcdctl prints when it runs with the whole stdin at once.
const txnPrompts = ['compares:', 'success requests (get, put, del):', 'failure requests (get, put, del):'];

/** One token of input: an escape sequence, a control character, or a run of printable text. */
const tokenRe = /\x1b(?:\[[0-9;]*[A-Za-z~]|O[A-Za-z])|\x1b|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/y;

/** Where a shell's history comes from and goes: shared by the tabs and kept with the session. */
export interface ShellOptions {
  /** Lines entered before this shell started, oldest first. */
  history?: readonly string[];
  /** Told of each line added to the history. */
  onHistory?(line: string): void;
  /** How the shell runs kubectl (absent: kubectl is not found, as in an etcd-only session). */
  kubectl?: EtcdctlRunner;
  /**
   * kubectl's $EDITOR (`kubectl edit`): gets the file kubectl wrote and answers what was saved.
   * `attempt` counts the openings within one command (kubectl reopens the file after an error);
   * `signal` aborts on Ctrl-C, when kubectl is gone.
   */
  editor?: (text: string, call: { commandLine: string; attempt: number; signal: AbortSignal }) => Promise<string | null>;
}

/** The shell: feed it xterm's onData, it writes back through `io`. */
export class Shell {
  private line = '';
  private cursor = 0;
  private readonly view: LineView;
  private readonly history: string[];
  /** Position while browsing history; history.length means "the line being typed". */
  private historyPos = 0;
  private draft = '';
  private running: AbortController | null = null;
  /** Input not read yet; `queuePos` is how far it has been read. */
  private queue = '';
  private queuePos = 0;
  /** Collecting stdin for `txn`. */
  private stdin: { commandLine: string; interactive: boolean; text: string; section: number } | null = null;
  private listeners = new Set<() => void>();

  constructor(
    private readonly io: ShellIO,
    private readonly etcdctl: EtcdctlRunner,
    private readonly opts: ShellOptions = {},
  ) {
    this.view = new LineView(() => Math.max(1, io.cols()));
    this.history = [...(opts.history ?? [])].slice(-maxHistory);
    this.historyPos = this.history.length;
  }

  /** Prints the banner, any `notices` (in yellow, one a line) and the first prompt. */
  start(notices: readonly string[] = []): void {
    const tools = this.opts.kubectl ? 'kubectl and etcdctl' : 'etcdctl';
    this.io.write(crlf(`${bold('Kubeplay')} ${dim(`· ${tools} against the live cluster · type`)} help ${dim('for examples')}\n`));
    if (this.opts.kubectl) this.io.write(crlf(`${dim('try')} kubectl get ns ${dim('then')} etcdctl get /registry/namespaces/default\n`));
    else this.io.write(crlf(`${dim('try')} etcdctl put greeting hello ${dim('then')} etcdctl get greeting\n`));
    for (const n of notices) this.io.write(yellow(crlf(n)) + '\r\n');
    this.showPrompt();
  }

  /** The terminal is going away: a running command is stopped as Ctrl-C stops it (nothing is printed). */
  dispose(): void {
    this.running?.abort();
  }

  /** True while a command runs. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Characters typed or pasted that wait for the running command to finish. */
  get pending(): number {
    return this.queue.length - this.queuePos;
  }

  /** Calls `fn` whenever a command starts or ends. */
  onBusyChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Handles input from the terminal (keys, escape sequences, pasted text). */
  input(data: string): void {
    if (this.running && data.includes('\x03')) {
      // Ctrl-C stops the command; what was typed around it stays queued for the next prompt.
      this.enqueue(data.replace(/\x03/g, ''));
      this.interrupt();
      return;
    }
    this.enqueue(data);
    this.pump();
  }

  private enqueue(data: string): void {
    if (!data) return;
    if (this.queuePos > 65536 && this.queuePos * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queuePos);
      this.queuePos = 0;
    }
    this.queue += data;
  }

  /** Reads queued input until it runs out or a command starts. */
  private pump(): void {
    while (!this.running && this.queuePos < this.queue.length) {
      tokenRe.lastIndex = this.queuePos;
      const m = tokenRe.exec(this.queue)!;
      const tok = m[0];
      this.queuePos += tok.length;
      if (tok.length > 1 && tok[0] === '\x1b') this.escape(tok);
      else if (tok.length > 1 || tok >= ' ') {
        if (tok === '\x7f') this.backspace();
        else this.insert(tok);
      } else this.control(tok);
    }
  }

  private control(c: string): void {
    switch (c) {
      case '\r':
        // CR LF (or a pasted LF after CR) is one Enter.
        if (this.queue[this.queuePos] === '\n') this.queuePos++;
        return this.enter();
      case '\n': return this.enter();
      case '\b': return this.backspace();
      case '\x03': return this.cancelLine();
      case '\x04': return this.endOfInput();
      case '\x0c': return this.clearScreen();
      case '\x01': return this.moveTo(0);
      case '\x05': return this.moveTo(this.line.length);
      case '\x02': return this.moveTo(prevBoundary(this.line, this.cursor));
      case '\x06': return this.moveTo(nextBoundary(this.line, this.cursor));
      case '\x15': return this.edit(this.line.slice(this.cursor), 0);
      case '\x0b': return this.edit(this.line.slice(0, this.cursor), this.cursor);
      case '\x17': return this.deleteWordBack();
      case '\t': return this.complete();
      default: return; // a lone Escape and the other control characters do nothing
    }
  }

  private escape(seq: string): void {
    switch (seq) {
      case '\x1b[D': return this.moveTo(prevBoundary(this.line, this.cursor));
      case '\x1b[C': return this.moveTo(nextBoundary(this.line, this.cursor));
      case '\x1b[A': return this.browseHistory(-1);
      case '\x1b[B': return this.browseHistory(1);
      case '\x1b[H': case '\x1bOH': case '\x1b[1~': return this.moveTo(0);
      case '\x1b[F': case '\x1bOF': case '\x1b[4~': return this.moveTo(this.line.length);
      case '\x1b[3~':
        if (this.cursor < this.line.length) this.edit(this.line.slice(0, this.cursor) + this.line.slice(nextBoundary(this.line, this.cursor)), this.cursor);
        return;
      default: return;
    }
  }

  private insert(text: string): void {
    this.edit(this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor), this.cursor + text.length);
  }

  private backspace(): void {
    if (this.cursor === 0) return;
    const at = prevBoundary(this.line, this.cursor);
    this.edit(this.line.slice(0, at) + this.line.slice(this.cursor), at);
  }

  private deleteWordBack(): void {
    const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
    this.edit(before + this.line.slice(this.cursor), before.length);
  }

  /** Replaces the line and redraws what changed, with the cursor at `cursor`. */
  private edit(line: string, cursor: number): void {
    this.line = line;
    this.cursor = Math.max(0, Math.min(cursor, this.line.length));
    this.io.write(this.view.update(this.line, this.cursor));
  }

  /** Draws a fresh prompt (and the line being edited) at the start of a row. */
  private showPrompt(): void {
    this.io.write(this.view.begin(this.stdin ? '' : prompt, this.line, this.cursor));
  }

  private moveTo(pos: number): void {
    const next = Math.max(0, Math.min(pos, this.line.length));
    if (next === this.cursor) return;
    this.cursor = next;
    this.io.write(this.view.update(this.line, this.cursor));
  }

  private browseHistory(dir: -1 | 1): void {
    if (this.stdin) return;
    const pos = this.historyPos + dir;
    if (pos < 0 || pos > this.history.length) return;
    if (this.historyPos === this.history.length) this.draft = this.line;
    this.historyPos = pos;
    const text = pos === this.history.length ? this.draft : this.history[pos];
    this.edit(text, text.length);
  }

  private cancelLine(): void {
    this.io.write(this.view.end('^C'));
    this.line = '';
    this.cursor = 0;
    this.stdin = null;
    this.historyPos = this.history.length;
    this.showPrompt();
  }

  /** Ctrl-D: at the start of an empty txn line, ends its stdin (etcdctl then reads EOF, as it would). */
  private endOfInput(): void {
    const s = this.stdin;
    if (!s || this.line !== '') return;
    this.io.write(this.view.end());
    this.stdin = null;
    this.runEtcdctl(s.commandLine, s.text, s.interactive ? s.section + 1 : 0);
  }

  private clearScreen(): void {
    this.io.clear();
    this.showPrompt();
  }

  private complete(): void {
    if (this.stdin) return;
    const before = this.line.slice(0, this.cursor);
    const words = splitWords(before);
    const endsWithSpace = /\s$/.test(before) || before === '';
    const partial = endsWithSpace ? '' : (words.pop() ?? '');
    let candidates: string[] = [];
    if (words.length === 0) candidates = builtins;
    else if (words.length === 1 && words[0] === 'etcdctl') candidates = etcdctlCommands;
    else if (words.length === 1 && words[0] === 'kubectl' && this.opts.kubectl) candidates = kubectlCommands;
    const matches = candidates.filter((c) => c.startsWith(partial));
    if (matches.length === 1) this.insert(matches[0].slice(partial.length) + ' ');
    else if (matches.length > 1) {
      const common = matches.reduce((a, b) => {
        let n = 0;
        while (n < a.length && a[n] === b[n]) n++;
        return a.slice(0, n);
      });
      if (common.length > partial.length) this.insert(common.slice(partial.length));
      else {
        this.io.write(this.view.end() + matches.join('  ') + '\r\n');
        this.showPrompt();
      }
    }
  }

  private enter(): void {
    const line = this.line;
    this.io.write(this.view.end());
    this.line = '';
    this.cursor = 0;
    if (this.stdin) return this.stdinLine(line);
    if (line.trim()) {
      if (this.history[this.history.length - 1] !== line) {
        this.history.push(line);
        if (this.history.length > maxHistory) this.history.shift();
        this.opts.onHistory?.(line);
      }
    }
    this.historyPos = this.history.length;
    this.draft = '';
    this.execute(line);
  }

  private stdinLine(line: string): void {
    const s = this.stdin!;
    // etcdctl reads each line with its newline (bufio ReadString('\n')); a section ends at an empty line.
    s.text += line + '\n';
    if (line.trim() === '') {
      s.section++;
      if (s.section >= txnPrompts.length) {
        this.stdin = null;
        this.runEtcdctl(s.commandLine, s.text, s.interactive ? txnPrompts.length : 0);
        return;
      }
      if (s.interactive) this.io.write(txnPrompts[s.section] + '\r\n');
    }
    this.showPrompt();
  }

  private execute(line: string): void {
    const words = splitWords(line);
    // Leading VAR=value assignments (ETCDCTL_API=3 etcdctl …) are for the command, not the shell.
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
    if (words.length === 0) return this.showPrompt();
    const [cmd] = words;
    switch (cmd) {
      case 'help':
        this.io.write(crlf(helpText));
        return this.showPrompt();
      case 'clear':
        this.io.clear();
        return this.showPrompt();
      case 'history':
        this.io.write(crlf(this.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join('')));
        return this.showPrompt();
      case 'etcdctl': {
        // etcdctl gets the line as typed: it splits its own words, and reads ETCDCTL_* assignments.
        const rest = words.slice(1).filter((w) => !w.startsWith('-'));
        if (rest[0] === 'txn' && !words.includes('-h') && !words.includes('--help')) {
          const interactive = words.some((w) => w === '-i' || w === '--interactive' || w === '--interactive=true');
          this.stdin = { commandLine: line, interactive, text: '', section: 0 };
          if (interactive) this.io.write(txnPrompts[0] + '\r\n');
          return this.showPrompt();
        }
        return this.runEtcdctl(line, undefined, 0);
      }
      case 'kubectl':
        if (this.opts.kubectl) return this.runEtcdctl(line, undefined, 0, this.opts.kubectl, 'kubectl');
        this.io.write(red(`${cmd}: command not found`) + '\r\n');
        return this.showPrompt();
      default:
        this.io.write(red(`${cmd}: command not found`) + '\r\n');
        return this.showPrompt();
    }
  }

  /**
   * Runs etcdctl and prints what it streams. `shownPrompts` txn -i prompts were printed by the shell
   * already, so they are taken off the front of stdout.
   */
  private runEtcdctl(commandLine: string, stdin: string | undefined, shownPrompts: number, runner: EtcdctlRunner = this.etcdctl, tool = 'etcdctl'): void {
    const abort = new AbortController();
    // Both streams are printed as etcdctl writes them, so an error line lands where it does in a real terminal.
    let skip = txnPrompts.slice(0, shownPrompts).map((p) => p + '\n').join('');
    let streamed = false;
    let last = '';
    const print = (chunk: string, err: boolean) => {
      if (!chunk) return;
      last = chunk;
      this.io.write(err ? red(crlf(chunk)) : crlf(chunk));
    };
    const out = (chunk: string) => {
      streamed = true;
      if (skip) {
        let n = 0;
        while (n < chunk.length && n < skip.length && chunk[n] === skip[n]) n++;
        skip = n === chunk.length || n === skip.length ? skip.slice(n) : '';
        chunk = chunk.slice(n);
      }
      print(chunk, false);
    };
    const editor = this.opts.editor;
    let attempt = 0;
    const pending = runner(commandLine, stdin, {
      signal: abort.signal,
      onStdout: out,
      onStderr: (chunk) => {
        streamed = true;
        skip = '';
        print(chunk, true);
      },
      // kubectl edit's $EDITOR, for kubectl only (etcdctl has no use for one).
      ...(tool === 'kubectl' && editor ? { editor: (text: string) => editor(text, { commandLine, attempt: ++attempt, signal: abort.signal }) } : {}),
    });
    if (!pending) {
      this.io.write(red(`${tool}: the cluster is still starting; try again in a moment`) + '\r\n');
      this.showPrompt();
      return;
    }
    this.setRunning(abort);
    pending
      .then(
        (r) => {
          // A result that did not come through the streams (the cluster refused the call) is printed whole.
          if (!streamed) {
            out(r.stdout);
            print(r.stderr, true);
          }
          if (last && !last.endsWith('\n')) this.io.write('\r\n');
        },
        (e: unknown) => this.io.write(red(`Error: ${e instanceof Error ? e.message : String(e)}`) + '\r\n'),
      )
      .finally(() => {
        this.setRunning(null);
        this.showPrompt();
        this.pump();
      });
  }

  private setRunning(r: AbortController | null): void {
    this.running = r;
    for (const fn of this.listeners) fn();
  }

  private interrupt(): void {
    if (!this.running) return;
    this.io.write('^C\r\n');
    this.running.abort();
  }
}
