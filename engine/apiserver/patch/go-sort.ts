// Go's sort package algorithms where strategicpatch's results depend on them: its comparators are
// not strict orders (SortableSliceOf* say "less" for equal strings; normalizeSliceOrder says "less"
// for elements it cannot place), so the outcome is that of Go's exact sequence of comparisons and
// swaps. `less(a, b)` asks whether a, currently before b's slot, should move ahead of b.

type Less<T> = (a: T, b: T) => boolean;

function insertionSort<T>(data: T[], a: number, b: number, less: Less<T>): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(data[j], data[j - 1]); j--) {
      const t = data[j];
      data[j] = data[j - 1];
      data[j - 1] = t;
    }
  }
}

function swap<T>(data: T[], i: number, j: number): void {
  const t = data[i];
  data[i] = data[j];
  data[j] = t;
}

function swapRange<T>(data: T[], a: number, b: number, n: number): void {
  for (let i = 0; i < n; i++) swap(data, a + i, b + i);
}

function rotate<T>(data: T[], a: number, m: number, b: number): void {
  let i = m - a;
  let j = b - m;
  while (i !== j) {
    if (i > j) {
      swapRange(data, m - i, m, j);
      i -= j;
    } else {
      swapRange(data, m - i, m + j - i, i);
      j -= i;
    }
  }
  swapRange(data, m - i, m, i);
}

function symMerge<T>(data: T[], a: number, m: number, b: number, less: Less<T>): void {
  if (m - a === 1) {
    let i = m;
    let j = b;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (less(data[h], data[a])) i = h + 1;
      else j = h;
    }
    for (let k = a; k < i - 1; k++) swap(data, k, k + 1);
    return;
  }
  if (b - m === 1) {
    let i = a;
    let j = m;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (!less(data[m], data[h])) i = h + 1;
      else j = h;
    }
    for (let k = m; k > i; k--) swap(data, k, k - 1);
    return;
  }
  const mid = (a + b) >>> 1;
  const n = mid + m;
  let start: number;
  let r: number;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  const p = n - 1;
  while (start < r) {
    const c = (start + r) >>> 1;
    if (!less(data[p - c], data[c])) start = c + 1;
    else r = c;
  }
  const end = n - start;
  if (start < m && m < end) rotate(data, start, m, end);
  if (a < start && start < mid) symMerge(data, a, start, mid, less);
  if (mid < end && end < b) symMerge(data, mid, end, b, less);
}

/** sort.SliceStable / sort.Stable, in place. */
export function goSortStable<T>(data: T[], less: Less<T>): T[] {
  const n = data.length;
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(data, a, b, less);
    a = b;
    b += blockSize;
  }
  insertionSort(data, a, n, less);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(data, a, a + blockSize, b, less);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(data, a, m, n, less);
    blockSize *= 2;
  }
  return data;
}

/**
 * sort.Sort, in place. Go's pdqsort runs a plain insertion sort on up to 12 elements, which is
 * what this does; longer slices get the stable sort, which agrees with pdqsort whenever the
 * comparator is a strict order (it differs only in how elements that compare equal end up).
 */
export function goSort<T>(data: T[], less: Less<T>): T[] {
  if (data.length <= 12) insertionSort(data, 0, data.length, less);
  else goSortStable(data, less);
  return data;
}
