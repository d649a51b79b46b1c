/**
 * `amplifiers`: who carried the conversation. Unique authors, the most
 * active and most engaging authors, the most engaged posts, posts repeated
 * near-verbatim (retweets and copy-paste campaigns), and how much of the
 * volume the most active 1% of authors wrote. Brand accounts are left out:
 * this is about the public.
 */
import { setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import type { Message, MessageRows } from '../model.ts';
import { messageIds } from '../core/message-table.ts';
import { compareIds } from '../report/messages-csv.ts';
import { ENGAGEMENT_SQL, REPLIES_SQL, REPLY_COUNTS_CTE, engagedCandidates, engagementOf, rankEngaged, replyCountsOf, type Candidates } from './engagement.ts';
import { copyKey } from '../nlp/repeat-key.ts';
import { distinctMessageTexts, restrictDistinct } from '../core/distinct-texts.ts';
import { startedWork } from '../runner/started-work.ts';
import type { Started } from '../parallel/text-mapper.ts';
import { NO_ENGAGEMENT, NO_LIKES_COLUMN, NO_SHARES_COLUMN } from './not-measurable.ts';
import { NOTION_DEFINITIONS, customerMessageSql, isCustomerMessage } from './notions.ts';
import { fetchColumns, num } from './sql.ts';
import { share } from './stats.ts';
import type { AmplifiersSection, AuthorStats, RepeatGroup } from './types.ts';
import type { CellValue } from '../runner/row-columns.ts';
import type { FullList } from '../runner/full-lists.ts';

const TOP = 10;

export const AMPLIFIER_DEFINITIONS: Record<string, string> = {
  scope: 'Only customer messages (not the brand’s accounts); messages without an author are counted but left out of author figures.',
  author: NOTION_DEFINITIONS.author,
  engagement: 'Engagement = likes + shares + replies. Where the export has no reply count, replies are the direct replies present in the data. A post without a like or share count adds nothing to the sum; when no post has one, likes (or shares) are not measurable rather than 0.',
  topOnePercent: 'The most active 1% of authors (at least one author), by number of messages, and their share of all messages with an author.',
  repeats:
    'Repeated posts: texts that are the same after removing “RT @user:” prefixes, leading @mentions, links, case, punctuation and extra spaces, with at least four words. Groups of two or more posts are listed.',
};

/** The `amplifiers` analysis; sets `repeat_count` on messages in a repeat group. */
export const amplifiersAnalysis: Analysis = {
  name: 'amplifiers',
  sections: ['amplifiers'],
  columns: ['repeat_count'],
  lists: ['authors', 'engaged-posts', 'repeated-posts'],
  prefetch: (ctx) => copyKeys.prefetch(ctx),
  async run(ctx) {
    if (ctx.messages.length) ctx.report.sections.amplifiers = await computeAmplifiers(ctx);
  },
};

// A repeat key for every customer post is a regular-expression pass over a million texts: started ahead, it runs on
// the host's worker threads while the analyses before this one run here. Keys are hashed per distinct text.
const copyKeys = startedWork(async (ctx): Promise<{ of: Int32Array; keys: Started<number[]> }> => {
  const { messages } = ctx;
  const { texts, of } = restrictDistinct(distinctMessageTexts(messages), (i) => isCustomerMessage(messages.at(i)!));
  return { of, keys: ctx.textMapper.start('copy-key', {}, texts) };
});

/** Temporary table: one row per author of customer messages (NULL: messages without one), dropped after the analysis. */
const PER_AUTHOR = 'crisis_amplifiers_authors';

/** Customer messages per author with their engagement (likes + shares + exported or in-data replies), in SQL. */
const PER_AUTHOR_SQL = `WITH ${REPLY_COUNTS_CTE}
  SELECT m.author, count(*) AS messages,
         sum(${ENGAGEMENT_SQL}) AS engagement,
         epoch_ms(min(m.created_at)) AS first_at,
         bool_or(m.likes IS NOT NULL OR m.shares IS NOT NULL OR m.replies IS NOT NULL) AS exported
  FROM messages m LEFT JOIN rc ON rc.id = m.id WHERE ${customerMessageSql('m')} GROUP BY m.author`;

async function computeAmplifiers(ctx: AnalysisContext): Promise<AmplifiersSection> {
  const { engine } = ctx;
  // The engagement join and the grouping by author run once; the figures below read the small table.
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${PER_AUTHOR} AS ${PER_AUTHOR_SQL}`);
  try {
    const { section, repeatedPosts } = await amplifierFigures(ctx);
    await addFullLists(ctx, section, repeatedPosts);
    return section;
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${PER_AUTHOR}`);
  }
}

/**
 * The rankings in full (the section keeps the top ten of each): every author
 * with messages and engagement, every customer post with any engagement, every
 * repeat group. Same order as the section's lists.
 */
async function addFullLists(ctx: AnalysisContext, section: AmplifiersSection, repeatedPosts: CellValue[][]): Promise<void> {
  const measured = !section.engagementNotMeasurable;
  // Packed into strings by the engine (fetchColumns): a million-post crisis has hundreds of thousands of rows in each list.
  const authors = await fetchColumns(
    ctx.engine,
    `SELECT author, messages, engagement, first_at, row_number() OVER (ORDER BY messages DESC, engagement DESC, author) AS k FROM ${PER_AUTHOR} WHERE author IS NOT NULL`,
    ['author', 'messages', 'engagement', 'first_at', 'k'],
  );
  ctx.lists.add(authorsList(authors, measured));
  if (measured) {
    // Ids and counts only: each post's author and text are its message's own strings, not copies from the engine.
    const posts = await fetchColumns(
      ctx.engine,
      `WITH ${REPLY_COUNTS_CTE}
      SELECT * FROM (SELECT m.id, epoch_ms(m.created_at) AS ms, m.likes, m.shares, ${REPLIES_SQL} AS replies, ${ENGAGEMENT_SQL} AS engagement
        FROM messages m LEFT JOIN rc ON rc.id = m.id WHERE ${customerMessageSql('m')}) WHERE engagement > 0`,
      ['id', 'ms', 'likes', 'shares', 'replies', 'engagement'],
    );
    ctx.lists.add(engagedPostsList(ctx, posts));
  }
  ctx.lists.add({
    name: 'repeated-posts',
    columns: [{ name: 'repeated_text', kind: 'text' }, { name: 'posts' }, { name: 'authors' }, { name: 'first_at' }, { name: 'last_at' }, { name: 'first_post_id' }],
    rows: repeatedPosts,
  });
}

/** Every author with a name, most messages first: names as strings, figures in typed arrays, rows made as the bundle writes them. */
function authorsList([author, messages, engagement, firstAt, rank]: (string | null)[][], measured: boolean): FullList {
  const n = author!.length;
  // Placed by their rank (1 …): the packed rows come in no particular order.
  const names = new Array<string>(n);
  const counts = new Float64Array(n);
  const engaged = new Float64Array(n);
  const first = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = num(rank![i] ?? null) - 1;
    names[k] = author![i]!;
    counts[k] = num(messages![i] ?? null);
    engaged[k] = num(engagement![i] ?? null);
    first[k] = num(firstAt![i] ?? null);
  }
  return {
    name: 'authors',
    columns: [{ name: 'author', kind: 'author' }, { name: 'messages' }, { name: 'engagement' }, { name: 'first_message_at' }],
    size: n,
    row: (i) => [names[i]!, counts[i]!, measured ? engaged[i]! : null, new Date(first[i]!).toISOString()],
  };
}

/**
 * Every customer post with any engagement, ordered as the section's
 * mostEngagedPosts (rankEngaged): most engaged, then earlier, then by id as
 * the CSVs compare ids. A post is its message's position and four counts.
 */
function engagedPostsList(ctx: AnalysisContext, [id, time, likeCounts, shareCounts, replyCounts, engagementSums]: (string | null)[][]): FullList {
  const n = id!.length;
  const position = new Int32Array(n);
  const ms = new Float64Array(n);
  const engagement = new Float64Array(n);
  // Likes and shares may be missing (NaN here, empty in the CSV); replies never are.
  const likes = new Float64Array(n);
  const shares = new Float64Array(n);
  const replies = new Float64Array(n);
  const count = (v: string | null): number => (v === null ? Number.NaN : num(v));
  for (let i = 0; i < n; i++) {
    const at = ctx.columns.positionOf(id![i]!);
    if (at === undefined) throw new Error(`engaged posts: message "${id![i]}" of the engine is not among the crisis's messages`);
    position[i] = at;
    ms[i] = num(time![i] ?? null);
    engagement[i] = num(engagementSums![i] ?? null);
    likes[i] = count(likeCounts![i] ?? null);
    shares[i] = count(shareCounts![i] ?? null);
    replies[i] = num(replyCounts![i] ?? null);
  }
  const messages = ctx.messages;
  const ids = messageIds(messages);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => engagement[b]! - engagement[a]! || ms[a]! - ms[b]! || compareIds(ids[position[a]!]!, ids[position[b]!]!),
  );
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  return {
    name: 'engaged-posts',
    columns: [{ name: 'id' }, { name: 'created_at' }, { name: 'author', kind: 'author' }, { name: 'likes' }, { name: 'shares' }, { name: 'replies' }, { name: 'engagement' }, { name: 'text', kind: 'message-text' }],
    size: n,
    messageAt: (i) => position[order[i]!]!,
    row: (i) => {
      const k = order[i]!;
      const m = messages.at(position[k]!)!;
      return [m.id, new Date(ms[k]!).toISOString(), m.author, orNull(likes[k]!), orNull(shares[k]!), replies[k]!, engagement[k]!, m.text];
    },
  };
}

async function amplifierFigures(ctx: AnalysisContext): Promise<{ section: AmplifiersSection; repeatedPosts: CellValue[][] }> {
  const { engine } = ctx;
  // Authors are those of the notion behind report.counts.authors (customer messages, author not null), so the two pages agree.
  const [totals] = await engine.query(`SELECT sum(messages) AS messages, sum(messages) FILTER (WHERE author IS NOT NULL) AS with_author,
    count(author) AS authors, count(author) FILTER (WHERE engagement > 0) AS engaging_authors, bool_or(exported) AS exported FROM ${PER_AUTHOR}`);
  const authors = num(totals.authors);
  const topN = Math.max(1, Math.ceil(authors * 0.01));
  const [top] = await engine.query(`SELECT coalesce(sum(messages), 0) AS messages FROM (
    SELECT messages FROM ${PER_AUTHOR} WHERE author IS NOT NULL ORDER BY messages DESC, author LIMIT ${topN})`);
  const topAuthors = async (order: string) =>
    (await engine.query(`SELECT author, messages, engagement, first_at FROM ${PER_AUTHOR} WHERE author IS NOT NULL ORDER BY ${order}, author LIMIT ${TOP}`)).map(
      (r): AuthorStats => ({ author: String(r.author), messages: num(r.messages), engagement: num(r.engagement), firstAt: new Date(num(r.first_at)).toISOString() }),
    );
  const byMessages = await topAuthors('messages DESC, engagement DESC');
  const byEngagement = (await topAuthors('engagement DESC, messages DESC')).filter((a) => (a.engagement ?? 0) > 0);

  const engaged = await engagedCandidates(engine, customerMessageSql('m'), TOP);
  const { of, keys } = await copyKeys.take(ctx);
  const hashes = await keys.join();
  const { groups, candidates } = readCustomerMessages(ctx.messages, engaged, (i) => hashes[of[i]!]!);
  const { top: mostRepeated, all: repeatedPosts } = repeats(ctx, groups);
  // Replies in the data, counted only for the posts shown: the candidates and the posts of the top repeat groups.
  const replies = await replyCountsOf(engine, [...engaged.ids, ...mostRepeated.flatMap((r) => r.list.map((m) => m.id))]);
  const messages = num(totals.messages);
  const withAuthor = num(totals.with_author);
  const section: AmplifiersSection = {
    definitions: AMPLIFIER_DEFINITIONS,
    messages,
    uniqueAuthors: authors,
    messagesWithoutAuthor: messages - withAuthor,
    engagementExported: totals.exported === true,
    topAuthorsByMessages: byMessages,
    topAuthorsByMessagesTotal: authors,
    topAuthorsByEngagement: byEngagement,
    topAuthorsByEngagementTotal: num(totals.engaging_authors),
    topOnePercent: { authors: authors ? topN : 0, messages: num(top.messages), share: share(num(top.messages), withAuthor) },
    mostEngagedPosts: rankEngaged(candidates, replies, TOP).map(({ m, e }) => ({
      messageId: m.id, author: m.author, at: new Date(m.createdAt).toISOString(), text: m.text, ...e,
    })),
    mostEngagedPostsTotal: engaged.engaged,
    mostRepeated: mostRepeated.map(({ group, list }) => Object.assign(group, { engagement: list.reduce((sum, m) => sum + engagementOf(m, replies).engagement, 0) })),
    mostRepeatedTotal: groups.length,
  };
  await markNotMeasurable(ctx, section);
  return { section, repeatedPosts };
}

/**
 * Likes or shares no message carries are not measurable (not 0 on every
 * post); with no count at all and no reply thread, engagement itself is not
 * measurable (see `NotMeasurable`).
 */
async function markNotMeasurable(ctx: AnalysisContext, section: AmplifiersSection): Promise<void> {
  const [r] = await ctx.engine.query(`SELECT bool_or(likes IS NOT NULL) AS likes, bool_or(shares IS NOT NULL) AS shares, bool_or(replies IS NOT NULL) AS replies,
    EXISTS (SELECT 1 FROM messages c JOIN messages p ON c.parent_id = p.id) AS threads FROM messages`);
  if (r.likes !== true) section.likesNotMeasurable = NO_LIKES_COLUMN;
  if (r.shares !== true) section.sharesNotMeasurable = NO_SHARES_COLUMN;
  if (r.likes === true || r.shares === true || r.replies === true || r.threads === true) return;
  section.engagementNotMeasurable = NO_ENGAGEMENT;
  for (const a of section.topAuthorsByMessages) a.engagement = null;
  for (const g of section.mostRepeated) g.engagement = null;
  section.topAuthorsByEngagement = [];
  section.topAuthorsByEngagementTotal = 0;
  section.mostEngagedPosts = [];
  section.mostEngagedPostsTotal = 0;
}

/** Posts sharing a repeat key, in order of first appearance. */
interface Group {
  key: string;
  list: Message[];
}

/**
 * The one loop over the customer messages: posts sharing a repeat key (at
 * least four words, two or more posts to a key), and the `candidates`.
 * `keyHash` is the hash of a message's repeat key by its position
 * (nlp/repeat-key.ts, -1 for none): posts are gathered by hash, and only
 * those whose hash comes back have their keys made here and compared.
 */
function readCustomerMessages(messages: MessageRows, candidates: Candidates, keyHash: (position: number) => number): { groups: Group[]; candidates: Message[] } {
  // Hashes are numbered as they appear; a list is made only when a hash comes back (most never do). Kept by position:
  // a message read from a table is made on each read, and a million kept would be a million objects.
  const ids = new Map<number, number>();
  const first: number[] = [];
  const lists: (number[] | undefined)[] = [];
  const found: Message[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages.at(i)!;
    if (!isCustomerMessage(m)) continue;
    if (candidates.has(m)) found.push(m);
    const hash = keyHash(i);
    if (hash < 0) continue;
    const id = ids.get(hash);
    if (id === undefined) {
      ids.set(hash, first.length);
      first.push(i);
      lists.push(undefined);
    } else (lists[id] ??= [first[id]!]).push(i);
  }
  const groups: Group[] = [];
  for (const list of lists) {
    if (!list) continue;
    // One hash, usually one key: posts of another key that shares the hash form groups of their own.
    const byKey = new Map<string, Message[]>();
    for (const i of list) {
      const m = messages.at(i)!;
      const key = copyKey(m.text)!;
      const same = byKey.get(key);
      if (same) same.push(m);
      else byKey.set(key, [m]);
    }
    for (const [key, posts] of byKey) if (posts.length > 1) groups.push({ key, list: posts });
  }
  return { groups, candidates: found };
}

/**
 * The largest repeat groups (their engagement still 0: only these need it);
 * sets `repeat_count` on every post of every group. Groups are ranked by
 * posts, authors, first post and key; the rest of a group's figures are
 * worked out for the ten shown only.
 */
function repeats(ctx: AnalysisContext, groups: Group[]): { top: { group: RepeatGroup; list: Message[] }[]; all: CellValue[][] } {
  const ranked = groups.map(({ key, list }) => {
    let first = list[0];
    let last = list[0].createdAt;
    const authors = new Set<string>();
    for (const m of list) {
      setColumn(ctx, m.id, 'repeat_count', list.length);
      if (m.createdAt < first.createdAt || (m.createdAt === first.createdAt && compareIds(m.id, first.id) < 0)) first = m;
      if (m.createdAt > last) last = m.createdAt;
      authors.add(m.author ?? `(none:${m.id})`);
    }
    return { key, list, posts: list.length, authors: authors.size, firstAt: new Date(first.createdAt).toISOString(), lastAt: new Date(last).toISOString(), firstId: first.id };
  });
  ranked.sort((a, b) => b.posts - a.posts || b.authors - a.authors || a.firstAt.localeCompare(b.firstAt) || a.key.localeCompare(b.key));
  const all = ranked.map((r): CellValue[] => [r.key, r.posts, r.authors, r.firstAt, r.lastAt, r.firstId]);
  const top = ranked.slice(0, TOP).map(({ key, list, posts, authors, firstAt }) => {
    list.sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
    const group: RepeatGroup = {
      key,
      example: list[0].text,
      exampleId: list[0].id,
      posts,
      authors,
      retweets: list.filter((m) => /^\s*rt\s+@\w+/i.test(m.text)).length,
      firstAt,
      lastAt: new Date(list[list.length - 1].createdAt).toISOString(),
      engagement: 0,
    };
    return { group, list };
  });
  return { top, all };
}
