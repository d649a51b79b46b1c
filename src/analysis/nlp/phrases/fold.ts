/**
 * Folding near-identical documents in linear time (floods.ts says what
 * near-identical is): documents are looked up by the hash of their first and
 * last {@link KEY_TOKENS} tokens and compared only with the roots found.
 */
import { timeOrder } from '../../core/time-order.ts';
import { canFold, KEY_TOKENS, MAX_CANDIDATES, MAX_FOLD_TOKENS, MIN_FOLD_TOKENS, mixHash, nearIdenticalIn, type StreamStore } from './floods.ts';

/**
 * Roots of fold clusters in a {@link StreamStore}, looked up by head and
 * tail keys. A document passed to {@link FoldIndex.find} is compared with
 * roots only (no chains), so a cluster is its root and the documents
 * near-identical to it. The keys live in an open-addressing table of two
 * typed arrays (at most {@link MAX_CANDIDATES} roots a key): no allocation
 * per entry.
 */
export class FoldIndex {
  private keys: Int32Array;
  private roots: Int32Array;
  private size = 0;
  private readonly registered: number[] = [];

  /** @param expected roots expected (the table grows past it) */
  constructor(
    private readonly store: StreamStore,
    expected = 1024,
  ) {
    // Two keys a root, the table at most a quarter full.
    let n = 16;
    while (n < 8 * expected) n *= 2;
    this.keys = new Int32Array(n).fill(-1);
    this.roots = new Int32Array(n);
  }

  /** The registered root document `doc` is near-identical to (heads before tails), or -1. Pass its keys when known. */
  find(doc: number, head = headKey(this.store, doc), tail = tailKey(this.store, doc)): number {
    if (!canFold(this.store.length(doc))) return -1;
    const byHead = this.lookup(head, doc);
    return byHead >= 0 ? byHead : this.lookup(tail, doc);
  }

  /** Register a root (a document that folded into none). Pass its keys when known. */
  add(doc: number, head = headKey(this.store, doc), tail = tailKey(this.store, doc)): void {
    if (!canFold(this.store.length(doc))) return;
    if (4 * (this.size + 2) > this.keys.length) this.grow();
    this.registered.push(doc);
    this.insert(head, doc);
    this.insert(tail, doc);
  }

  private lookup(key: number, doc: number): number {
    const { keys, roots, store } = this;
    const mask = keys.length - 1;
    for (let i = slot(key, mask); keys[i] !== -1; i = (i + 1) & mask) {
      if (keys[i] !== key) continue;
      const root = roots[i]!;
      if (nearIdenticalIn(store.block(doc), store.start(doc), store.length(doc), store.block(root), store.start(root), store.length(root))) return root;
    }
    return -1;
  }

  private insert(key: number, root: number): void {
    const { keys } = this;
    const mask = keys.length - 1;
    let same = 0;
    let i = slot(key, mask);
    for (; keys[i] !== -1; i = (i + 1) & mask) if (keys[i] === key && ++same >= MAX_CANDIDATES) return;
    keys[i] = key;
    this.roots[i] = root;
    this.size++;
  }

  private grow(): void {
    this.keys = new Int32Array(this.keys.length * 2).fill(-1);
    this.roots = new Int32Array(this.keys.length);
    this.size = 0;
    // Re-inserted in registration order, so each key keeps its first roots.
    for (const root of this.registered) {
      this.insert(headKey(this.store, root), root);
      this.insert(tailKey(this.store, root), root);
    }
  }
}

/** Map keys kept to 30 bits: small integers are cheapest as keys. */
const SMALL = 0x3fffffff;

/** Keys are 30 bits of hash, doubled to tell heads (even) from tails (odd): non-negative 31-bit ints. */
function headKey(store: StreamStore, doc: number): number {
  return (store.hash(doc, 0, KEY_TOKENS) & SMALL) * 2;
}

function tailKey(store: StreamStore, doc: number): number {
  return (store.hash(doc, store.length(doc) - KEY_TOKENS, KEY_TOKENS) & SMALL) * 2 + 1;
}

function slot(key: number, mask: number): number {
  return mixHash(key, 0x5bd1e995) & mask;
}

/**
 * Fold near-identical documents: for each document, the root of its cluster
 * (itself for a root). Only documents sharing a head or tail key with
 * another can fold; those are taken longest first (then by the hash of
 * their streams, then the streams), so a retweet cut short folds into the
 * full text, and the result does not depend on the order of the input.
 */
export function foldDocuments(store: StreamStore): Int32Array {
  const n = store.count;
  const foldOf = new Int32Array(n);
  const heads = new Int32Array(n);
  const tails = new Int32Array(n);
  // Count each key; a document whose keys are both its own has nothing to fold with.
  const counts = new KeyCounts(n);
  for (let d = 0; d < n; d++) {
    foldOf[d] = d;
    if (store.length(d) === 0) continue;
    counts.add((heads[d] = headKey(store, d)));
    counts.add((tails[d] = tailKey(store, d)));
  }
  const candidates: number[] = [];
  for (let d = 0; d < n; d++) {
    if (store.length(d) > 0 && (counts.get(heads[d]!) > 1 || counts.get(tails[d]!) > 1)) candidates.push(d);
  }
  const index = new FoldIndex(store, candidates.length);
  for (const d of foldOrder(store, candidates)) {
    const root = index.find(d, heads[d], tails[d]);
    if (root >= 0) foldOf[d] = root;
    else index.add(d, heads[d], tails[d]);
  }
  return foldOf;
}

/**
 * `docs` longest first, then by stream hash, then by stream: grouped by
 * length, each group sorted natively as hash × 2^21 + position (no
 * comparator calls), equal hashes then by their streams.
 */
function foldOrder(store: StreamStore, docs: readonly number[]): number[] {
  const byLength: number[][] = Array.from({ length: MAX_FOLD_TOKENS + 1 }, () => []);
  for (const d of docs) byLength[store.length(d)]!.push(d);
  const out: number[] = [];
  const byTokens = (a: number, b: number): number => {
    const da = store.block(a);
    const db = store.block(b);
    const sa = store.start(a);
    const sb = store.start(b);
    for (let i = 0; i < store.length(a); i++) {
      const x = da[sa + i]!;
      const y = db[sb + i]!;
      if (x !== y) return x - y;
    }
    return 0;
  };
  for (let len = MAX_FOLD_TOKENS; len >= MIN_FOLD_TOKENS; len--) {
    const group = byLength[len]!;
    if (group.length === 0) continue;
    if (group.length > POSITIONS) {
      // Too many to pack a position into the key: a stable radix sort of the hashes, equal ones by their streams.
      const hashes = new Float64Array(group.length);
      for (let i = 0; i < group.length; i++) hashes[i] = store.hash(group[i]!) >>> 0;
      for (const k of timeOrder(hashes, (a, b) => byTokens(group[a]!, group[b]!))) out.push(group[k]!);
      continue;
    }
    const keys = new Float64Array(group.length);
    for (let i = 0; i < group.length; i++) keys[i] = (store.hash(group[i]!) >>> 0) * POSITIONS + i;
    keys.sort();
    for (let k = 0; k < keys.length; ) {
      const hash = Math.floor(keys[k]! / POSITIONS);
      let end = k + 1;
      while (end < keys.length && Math.floor(keys[end]! / POSITIONS) === hash) end++;
      if (end === k + 1) out.push(group[keys[k]! % POSITIONS]!);
      else {
        const run: number[] = [];
        for (let r = k; r < end; r++) run.push(group[keys[r]! % POSITIONS]!);
        for (const d of run.sort(byTokens)) out.push(d);
      }
      k = end;
    }
  }
  return out;
}

/** Positions a length group can hold in a sort key (hash × POSITIONS + position < 2^53). */
const POSITIONS = 2 ** 21;

/** Counts of non-negative int keys (open addressing, typed arrays). */
class KeyCounts {
  private readonly keys: Int32Array;
  private readonly counts: Int32Array;

  constructor(distinct: number) {
    let n = 16;
    while (n < 4 * distinct) n *= 2;
    this.keys = new Int32Array(n).fill(-1);
    this.counts = new Int32Array(n);
  }

  add(key: number): void {
    const mask = this.keys.length - 1;
    let i = slot(key, mask);
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask;
    this.keys[i] = key;
    this.counts[i]!++;
  }

  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = slot(key, mask); this.keys[i] !== -1; i = (i + 1) & mask) if (this.keys[i] === key) return this.counts[i]!;
    return 0;
  }
}
