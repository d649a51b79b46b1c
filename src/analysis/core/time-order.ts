/**
 * The order of rows by time, ties broken by a comparator: what the bundle
 * publishes its million-row tables in.
 *
 * A comparator sort of a million rows calls its comparator about twenty
 * million times, and each call that reaches the tie-break (posts are stamped
 * to the second, so many do) costs far more than comparing two numbers
 * (measured: 1.9 s of the million posts' bundle). Times that are whole
 * milliseconds are sorted by their digits instead (a stable radix sort, a
 * pass per 16 bits that differ), and only runs of equal times meet the
 * comparator.
 */

/** Bits of the time sorted per pass: 65,536 buckets, at most four passes for 53 bits. */
const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
const TWO_32 = 2 ** 32;

/**
 * Positions 0 … n−1 of `times` ordered by time, then by `tie(a, b)` for equal times, then by position: the order
 * `Uint32Array.sort((a, b) => times[a] - times[b] || tie(a, b))` gives, without its cost.
 */
export function timeOrder(times: Float64Array, tie: (a: number, b: number) => number): Uint32Array {
  const n = times.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  // Fractions, NaN or a span beyond 2^53: compared as the comparator would.
  const byComparator = () => order.sort((a, b) => times[a]! - times[b]! || tie(a, b));
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (!Number.isSafeInteger(t)) return byComparator();
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (!Number.isSafeInteger(max - min)) return byComparator();
  const low = new Uint32Array(n);
  const high = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const d = times[i]! - min;
    low[i] = d >>> 0;
    high[i] = Math.floor(d / TWO_32);
  }
  let from = order;
  let to = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  for (const [words, shift] of [[low, 0], [low, DIGIT_BITS], [high, 0], [high, DIGIT_BITS]] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(words[i]! >>> shift) & (BUCKETS - 1)]!++;
    // A digit all times share moves nothing.
    if (counts[(words[0]! >>> shift) & (BUCKETS - 1)] === n) continue;
    let at = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b]!;
      counts[b] = at;
      at += c;
    }
    for (let k = 0; k < n; k++) {
      const i = from[k]!;
      to[counts[(words[i]! >>> shift) & (BUCKETS - 1)]!++] = i;
    }
    [from, to] = [to, from];
  }
  // Runs of equal times, in position order so far, take the tie-break; both sorts are stable, keeping position for full ties.
  for (let start = 0; start < n; ) {
    const t = times[from[start]!];
    let end = start + 1;
    while (end < n && times[from[end]!] === t) end++;
    if (end - start > SHORT_RUN) from.subarray(start, end).sort(tie);
    else if (end - start > 1) insertionSort(from, start, end, tie);
    start = end;
  }
  return from;
}

/** Runs up to this long are sorted in place here: most are two or three rows, and a sort call per run costs more. */
const SHORT_RUN = 16;

function insertionSort(a: Uint32Array, start: number, end: number, compare: (a: number, b: number) => number): void {
  for (let i = start + 1; i < end; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= start && compare(a[j]!, v) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}
