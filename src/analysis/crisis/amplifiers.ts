/**
 * `amplifiers`: who carried the conversation. Unique authors, the most
 * active and most engaging authors, the most engaged posts, posts repeated
 * near-verbatim (retweets and copy-paste campaigns), and how much of the
 * volume the most active 1% of authors wrote. Brand accounts are left out:
 * this is about the public.
 */
import { setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import type { Row } from '../engine/engine.ts';
import type { Message } from '../model.ts';
import { compareIds } from '../report/messages-csv.ts';
import { engagementExported, engagementOf, replyCounts } from './engagement.ts';
import { NOTION_DEFINITIONS, authorsOf, customerMessageSql, isCustomerMessage } from './notions.ts';
import { num } from './sql.ts';
import { share } from './stats.ts';
import type { AmplifiersSection, AuthorStats, PostStats, RepeatGroup } from './types.ts';

const TOP = 10;
/** Normalised texts shorter than this many words ("thanks", "any update?") repeat by chance, not by copying. */
const MIN_REPEAT_WORDS = 4;

export const AMPLIFIER_DEFINITIONS: Record<string, string> = {
  scope: 'Only customer messages (not the brand’s accounts); messages without an author are counted but left out of author figures.',
  author: NOTION_DEFINITIONS.author,
  engagement: 'Engagement = likes + shares + replies. Where the export has no reply count, replies are the direct replies present in the data; missing likes or shares count as 0.',
  topOnePercent: 'The most active 1% of authors (at least one author), by number of messages, and their share of all messages with an author.',
  repeats:
    'Repeated posts: texts that are the same after removing “RT @user:” prefixes, leading @mentions, links, case, punctuation and extra spaces, with at least four words. Groups of two or more posts are listed.',
};

/** The `amplifiers` analysis; sets `repeat_count` on messages in a repeat group. */
export const amplifiersAnalysis: Analysis = {
  name: 'amplifiers',
  sections: ['amplifiers'],
  columns: ['repeat_count'],
  async run(ctx) {
    if (ctx.messages.length) ctx.report.sections.amplifiers = await computeAmplifiers(ctx);
  },
};

/** Engagement per message (likes + shares + exported or in-data replies), in SQL. */
const ENGAGED_CTE = `rc AS (SELECT parent_id AS id, count(*) AS n FROM messages WHERE parent_id IS NOT NULL GROUP BY parent_id),
engaged AS (
  SELECT m.*, coalesce(m.likes, 0) + coalesce(m.shares, 0) + coalesce(m.replies, rc.n, 0) AS engagement
  FROM messages m LEFT JOIN rc ON rc.id = m.id WHERE ${customerMessageSql('m')})`;

async function computeAmplifiers(ctx: AnalysisContext): Promise<AmplifiersSection> {
  const { engine } = ctx;
  const [totals] = await engine.query(`WITH ${ENGAGED_CTE}
    SELECT count(*) AS messages, count(author) AS with_author FROM engaged`);
  const authorsSql = (order: string) => `WITH ${ENGAGED_CTE}
    SELECT author, count(*) AS messages, sum(engagement) AS engagement, epoch_ms(min(created_at)) AS first_at
    FROM engaged WHERE author IS NOT NULL GROUP BY author ORDER BY ${order}, author LIMIT ${TOP}`;
  const toAuthor = (r: Row): AuthorStats => ({
    author: String(r.author), messages: num(r.messages), engagement: num(r.engagement), firstAt: new Date(num(r.first_at)).toISOString(),
  });
  const byMessages = (await engine.query(authorsSql('messages DESC, engagement DESC'))).map(toAuthor);
  const byEngagement = (await engine.query(authorsSql('engagement DESC, messages DESC'))).map(toAuthor).filter((a) => a.engagement > 0);

  // The notion behind report.counts.authors, so the two pages agree.
  const authors = authorsOf(ctx.messages).size;
  const topN = Math.max(1, Math.ceil(authors * 0.01));
  const [top] = await engine.query(`WITH ${ENGAGED_CTE}, per AS (SELECT author, count(*) AS n FROM engaged WHERE author IS NOT NULL GROUP BY author)
    SELECT coalesce(sum(n), 0) AS messages FROM (SELECT n FROM per ORDER BY n DESC, author LIMIT ${topN})`);

  const publicMessages = ctx.messages.filter(isCustomerMessage);
  return {
    definitions: AMPLIFIER_DEFINITIONS,
    messages: num(totals.messages),
    uniqueAuthors: authors,
    messagesWithoutAuthor: num(totals.messages) - num(totals.with_author),
    engagementExported: engagementExported(publicMessages),
    topAuthorsByMessages: byMessages,
    topAuthorsByEngagement: byEngagement,
    topOnePercent: { authors: authors ? topN : 0, messages: num(top.messages), share: share(num(top.messages), num(totals.with_author)) },
    mostEngagedPosts: mostEngaged(ctx.messages, publicMessages),
    mostRepeated: repeats(ctx, publicMessages),
  };
}

function mostEngaged(all: readonly Message[], publicMessages: Message[]): PostStats[] {
  const replies = replyCounts(all);
  return publicMessages
    .map((m) => ({ m, e: engagementOf(m, replies) }))
    .filter((x) => x.e.engagement > 0)
    .sort((a, b) => b.e.engagement - a.e.engagement || a.m.createdAt - b.m.createdAt || compareIds(a.m.id, b.m.id))
    .slice(0, TOP)
    .map(({ m, e }) => ({ messageId: m.id, author: m.author, at: new Date(m.createdAt).toISOString(), text: m.text, ...e }));
}

/**
 * Text with the parts that differ between copies removed: "RT @x:"
 * prefixes, leading @mentions (who a post is addressed to), links, case,
 * punctuation and spacing.
 */
export function repeatKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/^(\s*rt\s+@\w+:?\s*)+/, '')
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/^(\s*[@.]\w+[:,]?)+/, '')
    .replace(/&amp;/g, '&')
    .replace(/[^\p{L}\p{N}#@&'\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function repeats(ctx: AnalysisContext, publicMessages: Message[]): RepeatGroup[] {
  const replies = replyCounts(ctx.messages);
  const groups = new Map<string, Message[]>();
  for (const m of publicMessages) {
    const key = repeatKey(m.text);
    if (key.split(' ').length < MIN_REPEAT_WORDS) continue;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(m);
  }
  const out: RepeatGroup[] = [];
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
    for (const m of list) setColumn(ctx, m.id, 'repeat_count', list.length);
    out.push({
      key,
      example: list[0].text,
      exampleId: list[0].id,
      posts: list.length,
      authors: new Set(list.map((m) => m.author ?? `(none:${m.id})`)).size,
      retweets: list.filter((m) => /^\s*rt\s+@\w+/i.test(m.text)).length,
      firstAt: new Date(list[0].createdAt).toISOString(),
      lastAt: new Date(list[list.length - 1].createdAt).toISOString(),
      engagement: list.reduce((s, m) => s + engagementOf(m, replies).engagement, 0),
    });
  }
  return out.sort((a, b) => b.posts - a.posts || b.authors - a.authors || a.firstAt.localeCompare(b.firstAt) || a.key.localeCompare(b.key)).slice(0, TOP);
}
