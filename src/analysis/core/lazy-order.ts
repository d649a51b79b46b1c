/**
 * Numbers in the order of a comparator, made as they are read: a binary heap
 * built in linear time, one element taken off per read. A caller that wants
 * the first few of a few hundred thousand (a theme's representative quotes)
 * then pays about two comparisons an element, not the twenty or so of a full
 * sort; one that reads everything pays about what a sort would.
 */

/**
 * `items` in the order `compare` gives (as `Int32Array.prototype.sort` would
 * with it), yielded one at a time. `compare` must be a total order — no two
 * items equal — for the order to be the sort's exactly. `items` is used as the
 * heap: it is reordered.
 */
export function* lazyOrder(items: Int32Array, compare: (a: number, b: number) => number): Generator<number, void, undefined> {
  let size = items.length;
  // Items are kept so that each is no later in the order than its children (a min-heap by `compare`).
  const siftDown = (at: number): void => {
    const item = items[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && compare(items[child + 1]!, items[child]!) < 0) child++;
      if (compare(items[child]!, item) >= 0) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = item;
  };
  for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(at);
  while (size > 0) {
    const first = items[0]!;
    size--;
    if (size > 0) {
      items[0] = items[size]!;
      siftDown(0);
    }
    yield first;
  }
}
