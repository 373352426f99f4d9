// A small shell for the terminal panel: readline-style line editing and history, the `help`,
// `clear` and `history` builtins, and `etcdctl …` run against the live cluster. It knows nothing
// of xterm: it reads the bytes xterm's onData gives and writes ANSI text back.
import type { CommandResult, EtcdctlRunOptions } from '../cluster/types';
import { shellWords } from '../../engine/etcdctl/shell';

/** Where the shell writes, and how it clears the screen. */
export interface ShellIO {
  write(text: string): void;
  clear(): void;
}

/** How the shell runs etcdctl; null while the cluster is starting. */
export type EtcdctlRunner = (commandLine: string, stdin: string | undefined, opts: EtcdctlRunOptions) => Promise<CommandResult> | null;

/** The prompt, as a POSIX shell prints it. */
export const prompt = '$ ';

const red = (s: string) => `\x1b[31m${s}\x1b[0m`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
/** xterm needs CR LF. */
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

const etcdctlCommands = [
  'alarm', 'auth', 'check', 'compaction', 'defrag', 'del', 'elect', 'endpoint', 'get', 'help', 'lease', 'lock',
  'make-mirror', 'member', 'move-leader', 'put', 'role', 'snapshot', 'txn', 'user', 'version', 'watch',
];
const builtins = ['clear', 'etcdctl', 'help', 'history'];

const helpText = [
  bold('Kubeplay terminal') + ' — etcdctl (API v3) against the live cluster.',
  '',
  '  etcdctl put foo bar                  write a key',
  '  etcdctl get foo                      read it back (-w json for the raw response)',
  '  etcdctl get "" --prefix --keys-only  list every key',
  '  etcdctl watch foo                    stream changes until Ctrl-C',
  '  etcdctl member list -w table         the cluster\'s members',
  '  etcdctl endpoint status --cluster -w table',
  '  etcdctl txn -i                       a transaction, prompted section by section',
  '',
  '  help, clear, history                 builtins',
  '  Up/Down history · Left/Right/Home/End move · Ctrl-C interrupt · Ctrl-L clear · Tab complete',
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

// `txn` reads three sections from stdin, each ended by an empty line (etcdctl/ctlv3/command/txn_command.go).
const txnPrompts = ['compares:', 'success requests (get, put, del):', 'failure requests (get, put, del):'];

/** The shell: feed it xterm's onData, it writes back through `io`. */
export class Shell {
  private line = '';
  private cursor = 0;
  private readonly history: string[] = [];
  /** Position while browsing history; history.length means "the line being typed". */
  private historyPos = 0;
  private draft = '';
  private running: AbortController | null = null;
  /** Collecting stdin for `txn`. */
  private stdin: { commandLine: string; interactive: boolean; lines: string[]; section: number } | null = null;

  constructor(
    private readonly io: ShellIO,
    private readonly etcdctl: EtcdctlRunner,
  ) {}

  /** Prints the banner and the first prompt. */
  start(): void {
    this.io.write(crlf(`${bold('Kubeplay')} ${dim('· etcdctl against the live cluster · type')} help ${dim('for examples')}\n`));
    this.io.write(crlf(`${dim('try')} etcdctl put greeting hello ${dim('then')} etcdctl get greeting\n`));
    this.io.write(prompt);
  }

  /** True while a command runs. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Handles input from the terminal (keys, escape sequences, pasted text). */
  input(data: string): void {
    if (this.running) {
      if (data.includes('\x03')) this.interrupt();
      return;
    }
    let i = 0;
    while (i < data.length) {
      const seq = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(data.slice(i));
      if (seq) {
        this.escape(seq[0]);
        i += seq[0].length;
        continue;
      }
      const c = data[i++];
      if (c === '\r' || c === '\n') {
        if (c === '\r' && data[i] === '\n') i++;
        this.enter();
        // Text pasted after the line runs once the command is done; drop it rather than interleave.
        if (this.running) return;
      } else if (c === '\x7f' || c === '\b') this.backspace();
      else if (c === '\x03') this.cancelLine();
      else if (c === '\x0c') this.clearScreen();
      else if (c === '\x01') this.moveTo(0);
      else if (c === '\x05') this.moveTo(this.line.length);
      else if (c === '\x02') this.moveTo(this.cursor - 1);
      else if (c === '\x06') this.moveTo(this.cursor + 1);
      else if (c === '\x15') this.edit(this.line.slice(this.cursor), 0);
      else if (c === '\x0b') this.edit(this.line.slice(0, this.cursor), this.cursor);
      else if (c === '\x17') this.deleteWordBack();
      else if (c === '\t') this.complete();
      else if (c >= ' ') this.insert(c);
    }
  }

  private escape(seq: string): void {
    switch (seq) {
      case '\x1b[D': return this.moveTo(this.cursor - 1);
      case '\x1b[C': return this.moveTo(this.cursor + 1);
      case '\x1b[A': return this.browseHistory(-1);
      case '\x1b[B': return this.browseHistory(1);
      case '\x1b[H': case '\x1bOH': case '\x1b[1~': return this.moveTo(0);
      case '\x1b[F': case '\x1bOF': case '\x1b[4~': return this.moveTo(this.line.length);
      case '\x1b[3~':
        if (this.cursor < this.line.length) this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
        return;
      default: return;
    }
  }

  private insert(text: string): void {
    this.edit(this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor), this.cursor + text.length);
  }

  private backspace(): void {
    if (this.cursor === 0) return;
    this.edit(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
  }

  private deleteWordBack(): void {
    const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
    this.edit(before + this.line.slice(this.cursor), before.length);
  }

  /** Replaces the line and redraws it with the cursor at `cursor`. */
  private edit(line: string, cursor: number): void {
    this.line = line;
    this.cursor = Math.max(0, Math.min(cursor, this.line.length));
    this.redraw();
  }

  private redraw(): void {
    const p = this.stdin ? '> ' : prompt;
    const back = this.line.length - this.cursor;
    this.io.write(`\r\x1b[K${p}${this.line}${back > 0 ? `\x1b[${back}D` : ''}`);
  }

  private moveTo(pos: number): void {
    const next = Math.max(0, Math.min(pos, this.line.length));
    if (next === this.cursor) return;
    const d = next - this.cursor;
    this.cursor = next;
    this.io.write(d < 0 ? `\x1b[${-d}D` : `\x1b[${d}C`);
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
    this.io.write('^C\r\n');
    this.line = '';
    this.cursor = 0;
    this.stdin = null;
    this.historyPos = this.history.length;
    this.io.write(prompt);
  }

  private clearScreen(): void {
    this.io.clear();
    this.redraw();
  }

  private complete(): void {
    const before = this.line.slice(0, this.cursor);
    const words = splitWords(before);
    const endsWithSpace = /\s$/.test(before) || before === '';
    const partial = endsWithSpace ? '' : (words.pop() ?? '');
    let candidates: string[] = [];
    if (words.length === 0) candidates = builtins;
    else if (words.length === 1 && words[0] === 'etcdctl') candidates = etcdctlCommands;
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
        this.io.write('\r\n' + matches.join('  ') + '\r\n');
        this.redraw();
      }
    }
  }

  private enter(): void {
    const line = this.line;
    this.io.write('\r\n');
    this.line = '';
    this.cursor = 0;
    if (this.stdin) return this.stdinLine(line);
    if (line.trim()) {
      if (this.history[this.history.length - 1] !== line) this.history.push(line);
    }
    this.historyPos = this.history.length;
    this.draft = '';
    this.execute(line);
  }

  private stdinLine(line: string): void {
    const s = this.stdin!;
    s.lines.push(line);
    if (line.trim() === '') {
      s.section++;
      if (s.section >= txnPrompts.length) {
        this.stdin = null;
        this.runEtcdctl(s.commandLine, s.lines.join('\n'));
        return;
      }
      if (s.interactive) this.io.write(crlf(`${txnPrompts[s.section]}\n\n`));
    }
    this.io.write('> ');
  }

  private execute(line: string): void {
    const words = splitWords(line);
    // Leading VAR=value assignments (ETCDCTL_API=3 etcdctl …) are for the command, not the shell.
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
    if (words.length === 0) return this.io.write(prompt);
    const [cmd] = words;
    switch (cmd) {
      case 'help':
        this.io.write(crlf(helpText));
        return this.io.write(prompt);
      case 'clear':
        this.io.clear();
        return this.io.write(prompt);
      case 'history':
        this.io.write(crlf(this.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join('')));
        return this.io.write(prompt);
      case 'etcdctl': {
        // etcdctl gets the line as typed: it splits its own words, and reads ETCDCTL_* assignments.
        if (words[1] === 'txn') {
          const interactive = words.includes('-i') || words.includes('--interactive');
          this.stdin = { commandLine: line, interactive, lines: [], section: 0 };
          if (interactive) this.io.write(crlf(`${txnPrompts[0]}\n\n`));
          return this.io.write('> ');
        }
        return this.runEtcdctl(line, undefined);
      }
      default:
        this.io.write(red(`${cmd}: command not found`) + '\r\n');
        return this.io.write(prompt);
    }
  }

  private runEtcdctl(commandLine: string, stdin: string | undefined): void {
    const abort = new AbortController();
    // Both streams are printed as etcdctl writes them, so an error line lands where it does in a real terminal.
    let last = '';
    const pending = this.etcdctl(commandLine, stdin, {
      signal: abort.signal,
      onStdout: (chunk) => this.io.write(crlf((last = chunk))),
      onStderr: (chunk) => this.io.write(red(crlf((last = chunk)))),
    });
    if (!pending) {
      this.io.write(red('etcdctl: the cluster is still starting; try again in a moment') + '\r\n' + prompt);
      return;
    }
    this.running = abort;
    pending
      .then(
        (r) => {
          // A result that did not come through the streams (the cluster refused the call) is printed whole.
          if (!last && r.stdout) this.io.write(crlf((last = r.stdout)));
          if (!last && r.stderr) this.io.write(red(crlf((last = r.stderr))));
          if (last && !last.endsWith('\n')) this.io.write('\r\n');
        },
        (e: unknown) => this.io.write(red(`Error: ${e instanceof Error ? e.message : String(e)}`) + '\r\n'),
      )
      .finally(() => {
        this.running = null;
        this.io.write(prompt);
      });
  }

  private interrupt(): void {
    if (!this.running) return;
    this.io.write('^C\r\n');
    this.running.abort();
  }
}
