// Go's text/tabwriter as kubectl uses it: github.com/liggitt/tabwriter (text/tabwriter plus the
// RememberWidths flag, which keeps column widths across flushes) configured by cli-runtime's
// printers.GetNewTabWriter (minwidth 6, tabwidth 4, padding 3, padchar ' ', RememberWidths).
// Text is buffered as tab-terminated cells; a line without a tab (or a '\f') flushes the block.

export const FilterHTML = 1 << 0;
export const StripEscape = 1 << 1;
export const AlignRight = 1 << 2;
export const DiscardEmptyColumns = 1 << 3;
export const TabIndent = 1 << 4;
export const Debug = 1 << 5;
export const RememberWidths = 1 << 6;

const Escape = '\xff';

interface Cell {
  /** The cell's text. */
  text: string;
  /** Its width in runes (code points), escapes and HTML excluded as upstream counts. */
  width: number;
  /** Terminated by a tab (not a line end). */
  htab: boolean;
}

export interface TabWriterConfig {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  flags: number;
}

/** printers.GetNewTabWriter's configuration. */
export const kubectlTabWriterConfig: TabWriterConfig = { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: RememberWidths };

const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class TabWriter {
  private readonly cfg: TabWriterConfig;
  private out = '';
  private lines: Cell[][] = [[]];
  private cellText = '';
  private cellWidth = 0;
  /** The part of cellText whose width is already counted. */
  private pos = 0;
  private endChar = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];

  constructor(config: Partial<TabWriterConfig> = {}) {
    this.cfg = { ...kubectlTabWriterConfig, ...config };
    if (this.cfg.padchar === '\t') this.cfg.flags &= ~AlignRight;
  }

  /** Everything written out so far (flushed blocks only); take() drains it. */
  take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  /** SetRememberedWidths: start the remembered column widths over (nil clears them). */
  setRememberedWidths(widths: number[] | null): void {
    this.maxwidths = widths ? [...widths] : [];
  }

  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  write(text: string): void {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.endChar === '') {
        switch (ch) {
          case '\t':
          case '\v':
          case '\n':
          case '\f': {
            this.append(text.slice(n, i));
            this.updateWidth();
            n = i + 1;
            const ncells = this.terminateCell(ch === '\t');
            if (ch === '\n' || ch === '\f') {
              this.lines.push([]);
              if (ch === '\f' || ncells === 1) {
                // A line with one cell (no tab) ends the block: format and emit what is buffered.
                this.flushBlock();
                if (ch === '\f' && this.cfg.flags & Debug) this.out += '---\n';
              }
            }
            break;
          }
          case Escape:
            this.append(text.slice(n, i));
            this.updateWidth();
            n = i;
            if (this.cfg.flags & StripEscape) n++;
            this.endChar = Escape;
            break;
          case '<':
          case '&':
            if (this.cfg.flags & FilterHTML) {
              this.append(text.slice(n, i));
              this.updateWidth();
              n = i;
              this.endChar = ch === '<' ? '>' : ';';
            }
            break;
        }
      } else if (ch === this.endChar) {
        let j = i + 1;
        if (ch === Escape && this.cfg.flags & StripEscape) j = i;
        this.append(text.slice(n, j));
        n = i + 1;
        this.endEscape();
      }
    }
    this.append(text.slice(n));
  }

  /** Flush: format every buffered line (the last one may lack its newline); return and drain the output. */
  flush(): string {
    this.flushBlock();
    return this.take();
  }

  private flushBlock(): void {
    if (this.cellText.length > 0) {
      if (this.endChar !== '') this.endEscape();
      this.terminateCell(false);
    }
    this.format(0, this.lines.length);
    this.reset();
  }

  private reset(): void {
    this.lines = [[]];
    this.cellText = '';
    this.cellWidth = 0;
    this.pos = 0;
    this.endChar = '';
    this.widths = [];
  }

  private append(s: string): void {
    this.cellText += s;
  }

  private updateWidth(): void {
    this.cellWidth += runeCount(this.cellText.slice(this.pos));
    this.pos = this.cellText.length;
  }

  private endEscape(): void {
    switch (this.endChar) {
      case Escape:
        this.updateWidth();
        if (!(this.cfg.flags & StripEscape)) this.cellWidth -= 2; // don't count the Escape chars
        break;
      case '>': // tag of zero width
        break;
      case ';':
        this.cellWidth++; // entity, count as one rune
        break;
    }
    this.pos = this.cellText.length;
    this.endChar = '';
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cellText, width: this.cellWidth, htab });
    this.cellText = '';
    this.cellWidth = 0;
    this.pos = 0;
    return line.length;
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.cfg.padchar === '\t' || useTabs) {
      if (this.cfg.tabwidth === 0) return;
      const w = Math.ceil(cellw / this.cfg.tabwidth) * this.cfg.tabwidth;
      this.out += '\t'.repeat(Math.ceil((w - textw) / this.cfg.tabwidth));
      return;
    }
    this.out += this.cfg.padchar.repeat(Math.max(0, cellw - textw));
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.cfg.flags & TabIndent) !== 0;
      line.forEach((c, j) => {
        if (j > 0 && this.cfg.flags & Debug) this.out += '|';
        if (c.text.length === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if (!(this.cfg.flags & AlignRight)) {
            this.out += c.text;
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.out += c.text;
          }
        }
      });
      if (i + 1 === this.lines.length) {
        // The last buffered line is the incomplete one: its text is still in the current cell.
        this.out += this.cellText;
      } else {
        this.out += '\n';
      }
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= this.lines[t].length - 1) continue;
      // Cell exists in this column: the lines above form a block of their own.
      this.writeLines(line0, t);
      line0 = t;
      let width = this.cfg.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        const line = this.lines[t];
        if (column >= line.length - 1) break;
        const c = line[column];
        width = Math.max(width, c.width + this.cfg.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.cfg.flags & DiscardEmptyColumns) width = 0;
      if (this.cfg.flags & RememberWidths) {
        if (this.maxwidths.length < this.widths.length) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        const k = this.widths.length;
        if (this.maxwidths.length === k) this.maxwidths.push(width);
        else if (this.maxwidths[k] > width) width = this.maxwidths[k];
        else if (this.maxwidths[k] < width) this.maxwidths[k] = width;
      }
      this.widths.push(width);
      this.format(line0, t);
      this.widths.pop();
      line0 = t;
    }
    this.writeLines(line0, line1);
  }
}

/** Write text through a fresh kubectl tab writer and flush it. */
export function tabwrite(text: string, config: Partial<TabWriterConfig> = {}): string {
  const w = new TabWriter(config);
  w.write(text);
  return w.flush();
}
