// Go's text/tabwriter (tabwriter.go format/writeLines/writePadding) for the one configuration etcdctl's
// help uses: minwidth 0, tabwidth 8, padding 1, padchar '\t', no flags (ctlv3/help.go getTabOutWithWriter).

const tabWidth = 8;
const padding = 1;

const runeCount = (s: string): number => [...s].length;

/** Aligns tab-terminated cells into columns, as Go's tabwriter does when flushed. */
export function tabwrite(text: string): string {
  // Cells are tab-terminated; the text after a line's last tab is its trailing cell.
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  let out = '';

  const writePadding = (textw: number, cellw: number): void => {
    const w = Math.ceil(cellw / tabWidth) * tabWidth;
    out += '\t'.repeat(Math.ceil((w - textw) / tabWidth));
  };

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      line.forEach((cell, j) => {
        out += cell;
        if (j < widths.length && j < line.length - 1) writePadding(runeCount(cell), widths[j]);
      });
      if (i + 1 < lines.length) out += '\n';
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      writeLines(line0, i);
      line0 = i;
      let width = 0;
      for (; i < line1; i++) {
        const line = lines[i];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeCount(line[column]) + padding);
      }
      widths.push(width);
      format(line0, i);
      widths.pop();
      line0 = i;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out;
}
