/**
 * X (Twitter) API v2 response pages → `messages`.
 *
 * Reads what `GET /2/tweets/search/recent`, `/2/tweets/search/all`,
 * `/2/users/:id/tweets` and conversation searches (`conversation_id:…`) return:
 * `{ data: Tweet[], includes: { users, tweets }, meta, errors }`. One file may
 * hold one page, a JSON array of pages (or of bare Tweet objects, i.e. saved
 * `data` arrays), or NDJSON with one page per line (twarc2's raw output) or one
 * Tweet per line (twarc2 `flatten`, whose Tweets embed their `author`).
 */
import { MESSAGE_FIELDS } from '../../config/source-config.ts';
import type { FlatRecord, FormatSpec } from './types.ts';

type Obj = Record<string, unknown>;

/** Attributes this format writes besides the canonical fields. */
const ATTRIBUTES = ['author_id', 'author_name', 'lang', 'in_reply_to_user_id', 'referenced_type', 'quoted_id', 'retweeted_id', 'impression_count'];

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An id as a lookup key. X sends ids as strings; an export that wrote them as
 * JSON numbers is read exactly too (integers beyond 2^53 arrive as their digits).
 */
function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** An id field of a record: a number a double could not hold exactly stays a number, for the ingest to refuse (cleanId). */
function idField(value: unknown): string | number | null {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) ? value : idOf(value);
}

/** A metric: a JSON number, or the digits of one beyond 2^53. */
function count(value: unknown): number | null {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A Tweet object: `id` and `text` are the two default fields every v2 endpoint returns. */
function isTweet(value: unknown): value is Obj {
  return isObj(value) && idOf(value.id) !== null && typeof value.text === 'string';
}

/** Fields of a v2 Tweet object, and those twarc2 `flatten` adds (besides its `author` object). */
const TWEET_FIELDS = new Set([
  'id', 'text', 'edit_history_tweet_ids', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'entities', 'geo', 'in_reply_to_user_id', 'lang', 'media_metadata', 'non_public_metrics', 'note_tweet',
  'organic_metrics', 'possibly_sensitive', 'promoted_metrics', 'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes', 'source', 'withheld',
  'in_reply_to_user', 'matching_rules', '__twarc',
]);

/**
 * A bare Tweet with some field only v2 has, so that `{id, text}` objects from
 * unrelated exports are not claimed. String `author_id` and `conversation_id`
 * alone are not enough: 64-bit ids written as JSON numbers arrive as strings
 * too (exact-json.ts), so other keys must be Tweet fields as well.
 */
function isV2Tweet(value: unknown): boolean {
  if (!isTweet(value)) return false;
  const metrics = value.public_metrics;
  return (
    Array.isArray(value.edit_history_tweet_ids) ||
    (isObj(metrics) && 'like_count' in metrics) ||
    (typeof value.author_id === 'string' && typeof value.conversation_id === 'string' && Object.keys(value).every((k) => TWEET_FIELDS.has(k) || (k === 'author' && isObj(value.author))))
  );
}

/** A response page: tweets under `data`, or an empty page that only carries `meta.result_count`. */
function isPage(value: unknown): value is Obj {
  if (!isObj(value)) return false;
  const { data, meta } = value;
  if (Array.isArray(data)) return data.length === 0 ? isObj(meta) : isTweet(data[0]);
  if (isTweet(data)) return true; // single-Tweet lookup: `GET /2/tweets/:id`
  return data === undefined && isObj(meta) && typeof meta.result_count === 'number';
}

/** `includes.users` by id → username and display name. */
function usersOf(page: Obj): Map<string, Obj> {
  const users = new Map<string, Obj>();
  const list = isObj(page.includes) ? page.includes.users : undefined;
  if (Array.isArray(list)) {
    for (const user of list) {
      const id = isObj(user) ? idOf(user.id) : null;
      if (id !== null) users.set(id, user as Obj);
    }
  }
  return users;
}

/** One Tweet → one flat message record. */
function tweetRecord(tweet: Obj, users: Map<string, Obj>): FlatRecord {
  const authorId = idOf(tweet.author_id);
  // twarc2-style flattened Tweets embed their author; pages expand it into `includes.users`.
  const user = (authorId === null ? undefined : users.get(authorId)) ?? (isObj(tweet.author) ? tweet.author : undefined);
  const refs = Array.isArray(tweet.referenced_tweets) ? tweet.referenced_tweets.filter(isObj) : [];
  const ref = (type: string) => idField(refs.find((r) => r.type === type)?.id);
  const metrics = isObj(tweet.public_metrics) ? tweet.public_metrics : {};
  const retweets = count(metrics.retweet_count);
  const quotes = count(metrics.quote_count);
  // Posts over 280 characters come truncated in `text`; the full text is in `note_tweet.text`.
  const note = isObj(tweet.note_tweet) ? str(tweet.note_tweet.text) : null;
  const types = refs.map((r) => str(r.type)).filter((t): t is string => t !== null);
  return {
    id: idField(tweet.id),
    conversation_id: idField(tweet.conversation_id),
    parent_id: ref('replied_to'),
    channel: 'twitter',
    // Screen names are what brand handles in crisis.yaml are written as; the numeric id is the fallback.
    author: str(user?.username) ?? authorId,
    // Brand or customer is decided later from the configured handles: the export does not say.
    inbound: null,
    is_brand: null,
    created_at: str(tweet.created_at),
    // Left as sent (`&amp;`, `&lt;`): the ingest decodes them once (htmlEscapedText below).
    text: note ?? str(tweet.text),
    likes: count(metrics.like_count),
    // Quote count is absent on some older payloads; then shares are the retweets alone.
    shares: retweets === null && quotes === null ? null : (retweets ?? 0) + (quotes ?? 0),
    replies: count(metrics.reply_count),
    author_id: authorId,
    author_name: str(user?.name),
    lang: str(tweet.lang),
    in_reply_to_user_id: idOf(tweet.in_reply_to_user_id),
    referenced_type: types.length > 0 ? types.join(',') : null,
    quoted_id: ref('quoted'),
    retweeted_id: ref('retweeted'),
    impression_count: count(metrics.impression_count) === null ? null : String(metrics.impression_count),
  };
}

/** Every Tweet of one page's `data`; `includes.tweets` are context, not results, and are skipped. */
function pageRecords(page: Obj): FlatRecord[] {
  const tweets = Array.isArray(page.data) ? page.data : isTweet(page.data) ? [page.data] : [];
  const users = usersOf(page);
  return tweets.filter(isTweet).map((t) => tweetRecord(t, users));
}

/** X API v2 pages (search, timelines, conversation lookups). */
export const twitterV2: FormatSpec = {
  id: 'twitter-v2',
  table: 'messages',
  kind: 'json',
  // Records come out keyed by canonical names already.
  columns: Object.fromEntries(MESSAGE_FIELDS.map((f) => [f, f])),
  attributes: ATTRIBUTES,
  channel: 'twitter',
  detect: ({ json }) => {
    const first = Array.isArray(json) ? json.find((v) => v !== null) : json;
    return isPage(first) || isV2Tweet(first);
  },
  expand: (value) => (Array.isArray(value) ? value : [value]).flatMap((item) => (isPage(item) ? pageRecords(item) : isTweet(item) ? [tweetRecord(item, new Map())] : [])),
  notes: [
    'X API v2: only the Tweets under `data` are read; `includes.tweets` (quoted, replied-to or retweeted posts outside the query) are context and are not counted.',
    'X API v2: author is the username from `includes.users` (expansions=author_id), else the numeric author_id; shares = retweets + quotes.',
    "X API v2: a retweet's public_metrics repeat the original post's retweet_count (likes/replies 0), so summing shares over retweets double-counts; retweets carry referenced_type = retweeted.",
    'X API v2: HTML entities in texts (&amp; &lt; &gt;, as the API escapes them) are decoded.',
  ],
  // The API sends `text` HTML-escaped.
  htmlEscapedText: 'all',
};
