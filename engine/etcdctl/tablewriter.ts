// The ASCII tables of `-w table`, as github.com/olekukonko/tablewriter (v0.0.5, table.go Render,
// wrap.go WrapString) renders them with etcdctl's settings: header, borders, right-aligned cells.

/** tablewriter's MAX_ROW_WIDTH: cells wider than this are word-wrapped. */
const maxColWidth = 30;
const defaultPenalty = 1e5;

// WrapWords: minimum-raggedness line breaking.
function wrapWords(words: string[], lim: number): string[][] {
  const n = words.length;
  const len = (i: number, j: number): number => words.slice(i, j + 1).reduce((a, w) => a + w.length, 0) + (j - i);
  const nbrk = new Array<number>(n).fill(0);
  const cost = new Array<number>(n).fill(2 ** 31 - 1);
  for (let i = n - 1; i >= 0; i--) {
    if (len(i, n - 1) <= lim) {
      cost[i] = 0;
      nbrk[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const d = lim - len(i, j - 1);
      let c = d * d + cost[j];
      if (len(i, j - 1) > lim) c += defaultPenalty;
      if (c < cost[i]) {
        cost[i] = c;
        nbrk[i] = j;
      }
    }
  }
  const lines: string[][] = [];
  for (let i = 0; i < n; i = nbrk[i]) lines.push(words.slice(i, nbrk[i]));
  return lines;
}

// parseDimension: a cell's lines and width after wrapping.
function cellLines(s: string): string[] {
  const raw = s.split('\n');
  const width = Math.min(Math.max(...raw.map((l) => l.length)), maxColWidth);
  const out: string[] = [];
  raw.forEach((para, i) => {
    const words = para.split(' ');
    const lim = Math.max(width, ...words.map((w) => w.length));
    if (i > 0) out.push(' ');
    for (const line of wrapWords(words, lim)) out.push(line.join(' '));
  });
  return out;
}

const center = (s: string, w: number): string => {
  const gap = w - s.length;
  const left = Math.floor(gap / 2);
  return gap > 0 ? ' '.repeat(left) + s + ' '.repeat(gap - left) : s;
};

/** Renders a table with an upper-cased, centred header and right-aligned cells. */
export function renderTable(header: string[], rows: string[][]): string {
  const head = header.map((h) => cellLines(h.replace(/_/g, ' ').trim()));
  const body = rows.map((r) => r.map(cellLines));
  const widths = header.map((_, c) => Math.max(...[head[c], ...body.map((r) => r[c])].flat().map((l) => l.length)));
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  let out = rule;
  const headHeight = Math.max(...head.map((h) => h.length));
  for (let x = 0; x < headHeight; x++) out += '|' + widths.map((w, c) => ` ${center((head[c][x] ?? '').toUpperCase(), w)} `).join('|') + '|\n';
  out += rule;
  for (const row of body) {
    const height = Math.max(...row.map((c) => c.length));
    for (let x = 0; x < height; x++) out += '|' + widths.map((w, c) => ` ${(row[c][x] ?? '  ').padStart(w)} `).join('|') + '|\n';
  }
  return out + rule;
}
