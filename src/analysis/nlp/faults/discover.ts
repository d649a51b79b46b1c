/**
 * discoverCandidateFaults: recurring complaints that no configured fault
 * covers, grouped by what is broken and how ("phone won't charge").
 */
import type { RowList } from '../../model.ts';
import { stemWord } from '../phrases/stem.ts';
import { STOPWORDS } from '../phrases/stopwords.ts';
import { FILLER_WORDS } from '../phrases/tokenize.ts';
import type { TextMessage } from '../phrases/types.ts';
import { inFaultScope } from './classify.ts';
import { findComplaints, type ComplaintMatch } from './complaintPatterns.ts';
import type { CandidateFault, CandidateFaultOptions } from './types.ts';

/** Objects that name nobody's product: pronouns, filler, time words. */
const NOT_AN_OBJECT = new Set(['please', 'i', 'it', 'this', 'that', 'there', 'which', 'who', 'what', 'he', 'she', 'they', 'we', 'you', 'one', 'thing', 'something', 'everything', 'nothing', 'anything', 'time', 'today', 'still', 'just', 'also', 'really', 'and', 'but', 'so', 'why', 'how', 'else', 'someone', 'anyone', 'nobody', 'people', 'u', 'ur', 'im', 'xxxx',
  // Judgements, not things ("the real failure", "a total failure").
  'real', 'total', 'complete', 'utter', 'absolute', 'major', 'massive', 'huge', 'epic', 'big', 'biggest', 'serious', 'critical', 'minor', 'small', 'another', 'constant', 'repeated', 'multiple', 'same', 'new', 'first', 'such', 'what']);

/** Verbs that describe a state of affairs, not a malfunction ("doesn't belong to me"). */
const NOT_A_FAULT = new Set(['belong', 'relate', 'matter', 'care', 'mean', 'seem', 'exist', 'apply', 'reflect', 'show', 'answer', 'respond', 'reply', 'help', 'understand', 'believe', 'even', 'ever', 'really', 'getting', 'being']);

/** Key of a complaint: stem of the object + problem + stem of the action. */
function keyOf(c: ComplaintMatch): string | null {
  if (c.object !== null) {
    if (NOT_AN_OBJECT.has(c.object) || FILLER_WORDS.has(c.object) || /^x{2,}$/.test(c.object)) return null;
    const stem = stemWord(c.object);
    if (STOPWORDS.has(stem) || /^\d/.test(stem)) return null;
  }
  if (c.action !== '' && c.problem !== 'is' && c.problem !== 'is not') {
    if (NOT_A_FAULT.has(c.action) || FILLER_WORDS.has(c.action) || STOPWORDS.has(stemWord(c.action))) return null;
  }
  const action = c.action === '' ? '' : c.action.split(' ').map(stemWord).join(' ');
  return [c.object === null ? '' : stemWord(c.object), c.problem, action].join('|');
}

function render(c: ComplaintMatch): string {
  if (c.object === null) return c.problem;
  if (c.problem === 'still no') return `still no ${c.object}`;
  if (c.problem === 'not received') return `${c.object} not received`;
  return [c.object, c.problem, c.action].filter(Boolean).join(' ');
}

interface Tally {
  count: number;
  first: number;
  last: number;
  ids: string[];
  object: Map<string, number>;
  labels: Map<string, number>;
}

function mostCommon(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let n = -1;
  for (const [value, c] of counts) if (c > n || (c === n && value < best)) [best, n] = [value, c];
  return best;
}

/**
 * Mine messages for complaint shapes ("my X won't Y", "X keeps Y-ing",
 * "X is broken", "still no Z", "charged twice", "never received X",
 * "can't log in") and group them by object + problem.
 * @returns candidates, most messages first (ties: key)
 */
export function discoverCandidateFaults(messages: RowList<TextMessage>, options: CandidateFaultOptions = {}): CandidateFault[] {
  return rankCandidateFaults(messages, options).candidates;
}

/**
 * {@link discoverCandidateFaults} with `total`: how many candidates there
 * were (at least `minCount` messages each) before the cut to `limit`.
 */
export function rankCandidateFaults(messages: RowList<TextMessage>, options: CandidateFaultOptions = {}): { candidates: CandidateFault[]; total: number } {
  const minCount = options.minCount ?? 2;
  const tallies = new Map<string, Tally>();
  // Texts not among those given are looked for here, once each; the given map is read in place (at a million posts
  // a copy of it was a quarter of a second and a few MB).
  const given = options.complaints;
  const perText = new Map<string, ComplaintMatch[]>();
  for (const m of messages) {
    if (!inFaultScope(m, options) || options.excludeIds?.has(m.id)) continue;
    let found = given?.get(m.text) ?? perText.get(m.text);
    if (found === undefined) perText.set(m.text, (found = findComplaints(m.text)));
    const seen = new Set<string>();
    for (const c of found) {
      const key = keyOf(c);
      if (key === null || seen.has(key)) continue;
      seen.add(key);
      let t = tallies.get(key);
      if (t === undefined) tallies.set(key, (t = { count: 0, first: m.createdAt, last: m.createdAt, ids: [], object: new Map(), labels: new Map() }));
      t.count++;
      if (m.createdAt < t.first) t.first = m.createdAt;
      if (m.createdAt > t.last) t.last = m.createdAt;
      if (t.ids.length < 3) t.ids.push(m.id);
      if (c.object !== null) t.object.set(c.object, (t.object.get(c.object) ?? 0) + 1);
      const label = render(c);
      t.labels.set(label, (t.labels.get(label) ?? 0) + 1);
    }
  }
  const ranked = [...tallies.entries()]
    .filter(([, t]) => t.count >= minCount)
    .sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : 1));
  const candidates = ranked
    .slice(0, options.limit ?? 50)
    .map(([key, t]) => ({
      key,
      label: mostCommon(t.labels),
      object: t.object.size > 0 ? mostCommon(t.object) : null,
      count: t.count,
      firstSeen: t.first,
      lastSeen: t.last,
      exampleIds: t.ids,
    }));
  return { candidates, total: ranked.length };
}
