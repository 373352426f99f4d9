// Draws one editable line (prompt + text) on a terminal that wraps at `cols`, the way linenoise and
// readline do: it remembers what is on screen and where the cursor is, and for each edit rewrites
// only what changed, from the first changed character on, then clears to the end of the screen and
// puts the cursor back. A line wider than the terminal spans several rows; moving between them uses
// cursor up/down, so no copy of the line is ever left behind.
//
// Limits, shared with readline: a line taller than the screen cannot be redrawn above its top row
// (cursor-up stops at the top of the screen); appending at its end, which is what pasting does,
// always works because it only writes forward.

/** Columns a code point takes on a terminal (as wcwidth: 0 for combining marks, 2 for wide CJK and emoji). */
export function charWidth(cp: number): number {
  if (cp < 0x300) return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 0 : 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Columns `s` takes. */
export function textWidth(s: string): number {
  // Fast path: printable ASCII is one column a character.
  if (/^[\x20-\x7e]*$/.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** `s` without ANSI escape sequences. */
export const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Index of the code point boundary before `i` in `s`. */
export function prevBoundary(s: string, i: number): number {
  if (i <= 0) return 0;
  const c = s.charCodeAt(i - 1);
  return i >= 2 && c >= 0xdc00 && c <= 0xdfff && isHigh(s.charCodeAt(i - 2)) ? i - 2 : i - 1;
}

/** Index of the code point boundary after `i` in `s`. */
export function nextBoundary(s: string, i: number): number {
  if (i >= s.length) return s.length;
  return isHigh(s.charCodeAt(i)) && i + 1 < s.length ? i + 2 : i + 1;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** The line on screen: prompt, text, and the terminal cursor's place in it. */
export class LineView {
  /** The prompt as drawn (may hold colour escapes) and its width. */
  private prompt = '';
  private promptWidth = 0;
  /** The text on screen, and the index in it the terminal cursor sits at. */
  private shown = '';
  private at = 0;

  constructor(private readonly cols: () => number) {}

  /** Starts a fresh line at the terminal cursor (which must be at column 0): writes the prompt and `text`. */
  begin(prompt: string, text = '', cursor = text.length): string {
    this.prompt = prompt;
    this.promptWidth = textWidth(stripAnsi(prompt));
    this.shown = '';
    this.at = 0;
    return prompt + this.update(text, cursor);
  }

  /** What to write so the screen shows `text` with the cursor at `cursor`. */
  update(text: string, cursor: number): string {
    let from = 0;
    const max = Math.min(text.length, this.shown.length);
    while (from < max && text.charCodeAt(from) === this.shown.charCodeAt(from)) from++;
    if (from > 0 && from < text.length && isHigh(text.charCodeAt(from - 1))) from--;
    let out = '';
    if (from === text.length && from === this.shown.length) {
      // Nothing changed but the cursor.
      out = this.move(this.shown, this.at, cursor);
    } else {
      out += this.move(this.shown, this.at, from);
      const tail = text.slice(from);
      out += tail;
      if (tail) out += this.settle(text);
      out += '\x1b[J';
      out += this.move(text, text.length, cursor);
    }
    this.shown = text;
    this.at = cursor;
    return out;
  }

  /**
   * What to write to leave the line: the cursor goes to its end, `suffix` (such as `^C`) is printed
   * there, and the cursor moves to the start of the next row.
   */
  end(suffix = ''): string {
    const out = this.move(this.shown, this.at, this.shown.length) + suffix;
    const w = this.promptWidth + textWidth(this.shown);
    const cols = this.cols();
    this.shown = '';
    this.at = 0;
    // A line that ends exactly at the right margin already left the cursor on the next row.
    return out + (!suffix && w > 0 && w % cols === 0 ? '' : '\r\n');
  }

  /** The row (from the prompt's row) and column of index `i` of `text`. */
  private place(text: string, i: number): { row: number; col: number } {
    const cols = this.cols();
    const w = this.promptWidth + textWidth(text.slice(0, i));
    return { row: Math.floor(w / cols), col: w % cols };
  }

  /**
   * After writing up to the end of `text`: a line that fills its last row exactly leaves xterm's
   * cursor on the margin with a wrap pending; CR LF puts it on the next row where `place` says it is.
   */
  private settle(text: string): string {
    const w = this.promptWidth + textWidth(text);
    return w > 0 && w % this.cols() === 0 ? '\r\n' : '';
  }

  private move(text: string, from: number, to: number): string {
    if (from === to) return '';
    const a = this.place(text, from);
    const b = this.place(text, to);
    let out = '';
    if (b.row < a.row) out += `\x1b[${a.row - b.row}A`;
    else if (b.row > a.row) out += `\x1b[${b.row - a.row}B`;
    if (b.col !== a.col) {
      if (b.col === 0) out += '\r';
      else if (b.col > a.col) out += `\x1b[${b.col - a.col}C`;
      else out += `\x1b[${a.col - b.col}D`;
    }
    return out;
  }

  /** The prompt currently drawn. */
  get currentPrompt(): string {
    return this.prompt;
  }
}
