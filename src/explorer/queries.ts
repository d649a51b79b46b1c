/**
 * The explorer's SQL over the bundle's `messages` table (one row per message,
 * every analysis column): the filter as a WHERE clause, and the queries the
 * page runs on each change — counts, the timeline, facets and one page of
 * rows. Values are quoted here, never spliced raw: the state comes from a URL.
 */
import type { ExplorerState } from './state.ts';

/** Rows per page of the message table. */
export const PAGE_SIZE = 50;

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A LIKE pattern matching `word` literally anywhere (`%`, `_` and `\` escaped). */
function containsPattern(word: string): string {
  return sqlString(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** A `;`-separated list column (themes, fault) holds `value`. */
const listHas = (column: string, value: string) => `list_contains(string_split(coalesce("${column}", ''), ';'), ${sqlString(value)})`;

/** The filter as a WHERE clause (`TRUE` for no filter). `columns` are the table's columns: a filter on a missing one matches nothing. */
export function whereClause(state: ExplorerState, columns: ReadonlySet<string>): string {
  const has = (c: string) => columns.has(c);
  const parts: string[] = [];
  if (state.from) parts.push(`created_at >= TIMESTAMP ${sqlString(state.from.replace('T', ' ').replace('Z', ''))}`);
  if (state.to) parts.push(`created_at < TIMESTAMP ${sqlString(state.to.replace('T', ' ').replace('Z', ''))}`);
  if (state.channel) parts.push(`channel = ${sqlString(state.channel)}`);
  if (state.sentiment) parts.push(has('sentiment') ? `sentiment = ${sqlString(state.sentiment)}` : 'FALSE');
  if (state.theme) parts.push(has('themes') ? listHas('themes', state.theme) : 'FALSE');
  if (state.fault) parts.push(has('fault') ? listHas('fault', state.fault) : 'FALSE');
  if (state.author) parts.push(`author = ${sqlString(state.author)}`);
  if (state.who) parts.push(state.who === 'brand' ? 'is_brand' : 'NOT is_brand');
  for (const word of (state.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) parts.push(`text ILIKE ${containsPattern(word)} ESCAPE '\\'`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

const ORDER: Record<ExplorerState['sort'], string> = {
  time: 'created_at, id',
  '-time': 'created_at DESC, id',
  sentiment: 'sentiment_score NULLS LAST, created_at, id',
  '-sentiment': 'sentiment_score DESC NULLS LAST, created_at, id',
  engagement: 'coalesce(likes, 0) + coalesce(shares, 0) + coalesce(replies, 0) DESC, created_at, id',
};

/** One page of the filtered messages, in the state's order. */
export function rowsQuery(state: ExplorerState, columns: ReadonlySet<string>): string {
  const pick = ['id', 'created_at', 'author', 'is_brand', 'channel', 'text', 'sentiment', 'themes', 'fault', 'likes', 'shares', 'replies'].filter((c) => columns.has(c));
  const order = !columns.has('sentiment_score') && state.sort.includes('sentiment') ? ORDER.time : ORDER[state.sort];
  return `SELECT ${pick.map((c) => `"${c}"`).join(', ')} FROM messages WHERE ${whereClause(state, columns)} ORDER BY ${order} LIMIT ${PAGE_SIZE} OFFSET ${(state.page - 1) * PAGE_SIZE}`;
}

/** Filtered messages, and how many are the brand's. */
export function countQuery(state: ExplorerState, columns: ReadonlySet<string>): string {
  return `SELECT count(*)::DOUBLE AS messages, count(*) FILTER (WHERE is_brand)::DOUBLE AS brand FROM messages WHERE ${whereClause(state, columns)}`;
}

/** Filtered messages per time bucket (`bucketMs`) and sentiment, oldest first. */
export function timelineQuery(state: ExplorerState, columns: ReadonlySet<string>, bucketMs: number): string {
  const sentiment = columns.has('sentiment') ? `coalesce(sentiment, 'unlabelled')` : `'unlabelled'`;
  const bucket = `to_timestamp(floor(epoch_ms(created_at) / ${bucketMs}) * ${bucketMs / 1000})`;
  return `SELECT epoch_ms(${bucket})::DOUBLE AS t, ${sentiment} AS sentiment, count(*)::DOUBLE AS n FROM messages WHERE ${whereClause(state, columns)} GROUP BY ALL ORDER BY t, sentiment`;
}

/** Values of a filter and how many filtered messages have each, most first (lists split on `;`). */
export function facetQuery(column: 'channel' | 'sentiment' | 'themes' | 'fault', state: ExplorerState, columns: ReadonlySet<string>, limit = 50): string {
  // A facet counts under the other filters, not its own: choosing reddit still lists the other channels.
  const key = column === 'themes' ? 'theme' : column;
  const others: ExplorerState = { ...state, [key]: undefined };
  const value = column === 'themes' || column === 'fault' ? `unnest(string_split("${column}", ';'))` : `"${column}"`;
  return `SELECT v AS value, count(*)::DOUBLE AS n FROM (SELECT ${value} AS v FROM messages WHERE "${column}" IS NOT NULL AND "${column}" <> '' AND ${whereClause(others, columns)}) GROUP BY v ORDER BY n DESC, v LIMIT ${limit}`;
}

/** The bucket with most filtered messages (the peak), as [start, end) ISO instants; null when nothing matches. */
export function peakQuery(state: ExplorerState, columns: ReadonlySet<string>, bucketMs: number): string {
  return `SELECT epoch_ms(to_timestamp(floor(epoch_ms(created_at) / ${bucketMs}) * ${bucketMs / 1000}))::DOUBLE AS t, count(*) AS n FROM messages WHERE ${whereClause(state, columns)} GROUP BY t ORDER BY n DESC, t LIMIT 1`;
}
