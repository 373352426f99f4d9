// describe's output: a PrefixWriter (two spaces per level) over a tabwriter configured as
// k8s.io/kubectl/pkg/describe tabbedString does (minwidth 0, tabwidth 8, padding 2, ' ', no flags).

import { tabwrite } from '../printers/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** describe.PrefixWriter: text is collected and aligned at the end (or at each flush). */
export class PrefixWriter {
  private done = '';
  private pending = '';

  /** Writes `text` indented by `level` levels. */
  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** WriteLine: the values, space-separated, then a newline (fmt.Sprintln). */
  writeLine(...a: string[]): void {
    this.pending += a.join(' ') + '\n';
  }

  /** Aligns what was written so far on its own (a tabwriter Flush). */
  flush(): void {
    this.done += align(this.pending);
    this.pending = '';
  }

  toString(): string {
    return this.done + align(this.pending);
  }
}

function align(text: string): string {
  return text ? tabwrite(text, { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0 }) : '';
}

/** tabbedString: runs `f` on a fresh writer and answers the aligned text. */
export function tabbedString(f: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  f(w);
  return w.toString();
}
