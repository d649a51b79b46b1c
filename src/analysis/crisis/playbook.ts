/**
 * `playbook`: did the brand follow the public-response playbook in each
 * conversation — acknowledge, take it offline, apologise, resolve, close the
 * loop publicly — how soon, and how did customers react (thanks, "still
 * waiting", coming back angrier after the brand's reply)?
 */
import { setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import type { Message } from '../model.ts';
import { NO_BRAND_MESSAGES, NO_BRAND_REPLIES, hasBrandMessages } from './not-measurable.ts';
import { NOTION_DEFINITIONS, conversationGroups, isCustomerMessage, type ConversationGroups } from './notions.ts';
import { CUE_SUMMARY, brandCues, cueNegativity, normalizeForCues, saysStillWaiting, saysThanks } from './playbook-cues.ts';
import { num } from './sql.ts';
import { durationStats, share } from './stats.ts';
import { PRIVATE_CHANNELS } from './timeline-moments.ts';
import type { PlaybookSection, PlaybookStep } from './types.ts';

/** Steps in playbook order, with their report labels. */
export const PLAYBOOK_STEPS: readonly { step: PlaybookStep; label: string }[] = [
  { step: 'acknowledge', label: 'Acknowledge publicly' },
  { step: 'offline', label: 'Take it offline' },
  { step: 'apologise', label: 'Apologise' },
  { step: 'resolve', label: 'Resolve' },
  { step: 'close_loop', label: 'Close the loop publicly' },
];

export const PLAYBOOK_DEFINITIONS: Record<string, string> = {
  conversation: NOTION_DEFINITIONS.conversation,
  scope: 'Each conversation is read from its first customer message on; brand messages before it are not replies to it.',
  acknowledge: 'Acknowledge: the brand’s first public message after the customer’s first message.',
  offline: 'Take it offline: a brand message inviting the customer to a private channel (DM, private message, email, phone, chat, a contact link).',
  apologise: 'Apologise: a brand message with an explicit apology (sorry, apologies, we regret).',
  resolve: 'Resolve: a brand message stating the problem is fixed or handled (fixed, resolved, sorted, refund processed, glad it’s working…), not a promised or conditional fix.',
  close_loop:
    'Close the loop: the brand’s last public message in the conversation comes after a resolution message or after the customer thanked the brand, and does not send the customer to a private channel.',
  time: 'Time to a step: from the conversation’s first customer message to the first brand message taking that step (median and p90, linear-interpolated).',
  angrier:
    'Came back angrier: the customer who opened the conversation wrote, after the brand’s first reply, a message that is negative in itself and clearly more negative than anything they wrote before it (by 0.25 on the sentiment score’s −1…1 scale, or one label step or one cue). Negativity comes from the sentiment analysis’s per-message columns when they exist, otherwise from a list of negative and positive cues (see cues).',
  precision: 'Cue patterns were checked by hand on 200 randomly drawn real brand replies (TWCS): 97 of the 100 replies held out from tuning were classified exactly as a person would.',
};

/** The `playbook` analysis; sets `playbook_step` (brand messages) and `customer_signal` (customer messages). */
export const playbookAnalysis: Analysis = {
  name: 'playbook',
  // Anger is judged by the sentiment model's columns when they exist.
  needsColumns: ['sentiment', 'sentiment_score'],
  sections: ['playbook'],
  columns: ['playbook_step', 'customer_signal'],
  async run(ctx) {
    if (ctx.messages.length) ctx.report.sections.playbook = await computePlaybook(ctx);
  },
};

/** Index of each step in {@link PLAYBOOK_STEPS}. */
const ACKNOWLEDGE = 0;
const OFFLINE = 1;
const APOLOGISE = 2;
const RESOLVE = 3;
const CLOSE_LOOP = 4;

/** What the conversations add up to, summed as they are read (nothing is kept per conversation). */
interface Tally {
  /** Seconds to each step, by step index, over the conversations that reached it. */
  times: number[][];
  /** Conversations by the steps they took, in the order taken (space-separated). */
  sequences: Map<string, number>;
  replied: number;
  thanks: number;
  stillWaiting: number;
  angrier: number;
}

/** Per-conversation buffers, reused from one conversation to the next. */
interface Scratch {
  /** Seconds from the first customer message to each step reached (NaN: not yet). */
  seconds: Float64Array;
  /** Step indices in the order first taken. */
  order: number[];
  /** Brand messages replying to the conversation, and their `playbook_step` labels ('+'-joined). */
  brand: Message[];
  labels: string[];
  /** The opener's messages before the brand's first reply, and their texts for the cues (scored only if the opener writes again after the reply). */
  early: Message[];
  earlyTexts: string[];
}

async function computePlaybook(ctx: AnalysisContext): Promise<PlaybookSection> {
  const negativity = negativityScorer(ctx);
  const groups = conversationGroups(ctx.messages);
  const n = groups.count;
  const tally: Tally = { times: PLAYBOOK_STEPS.map(() => []), sequences: new Map(), replied: 0, thanks: 0, stillWaiting: 0, angrier: 0 };
  const scratch: Scratch = { seconds: new Float64Array(PLAYBOOK_STEPS.length), order: [], brand: [], labels: [], early: [], earlyTexts: [] };
  for (let k = 0; k < n; k++) readConversation(ctx, groups, k, negativity, tally, scratch);
  const count = (c: number) => ({ conversations: c, share: share(c, n) });
  const section: PlaybookSection = {
    definitions: PLAYBOOK_DEFINITIONS,
    cues: CUE_SUMMARY,
    conversations: n,
    withBrandReply: tally.replied,
    steps: PLAYBOOK_STEPS.map(({ step, label }, i) => {
      const times = tally.times[i];
      return { step, label, conversations: times.length, share: share(times.length, n), time: durationStats(times) };
    }),
    customer: { thanks: count(tally.thanks), stillWaiting: count(tally.stillWaiting), angrierAfterReply: count(tally.angrier) },
    negativity: negativity.source,
    notes: await playbookNotes(ctx),
    // Every order that occurred (at most 326 of five steps): pages show the first and say "N of M".
    sequences: [...tally.sequences]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([key, conversations]) => ({ steps: key.split(' ') as PlaybookStep[], conversations })),
  };
  if (!tally.replied) markNotMeasurable(section, hasBrandMessages(ctx) ? NO_BRAND_REPLIES : NO_BRAND_MESSAGES);
  return section;
}

/**
 * Without a single brand reply no step can be taken and no customer can react
 * to a reply: those figures are not measurable (see `NotMeasurable`), not a
 * scorecard of zeros. Waiting complaints need no reply and stay counted.
 */
function markNotMeasurable(section: PlaybookSection, reason: string): void {
  section.steps = section.steps.map((s) => ({ ...s, conversations: null, share: null }));
  section.stepsNotMeasurable = reason;
  section.customer.thanks = { conversations: null, share: null };
  section.customer.angrierAfterReply = { conversations: null, share: null };
  section.customer.thanksNotMeasurable = reason;
  section.customer.angrierAfterReplyNotMeasurable = reason;
}

/** Records step `step` as reached at `at`, unless it was reached before. */
function reach(s: Scratch, step: number, at: number, firstAt: number): void {
  if (!Number.isNaN(s.seconds[step])) return;
  s.seconds[step] = (at - firstAt) / 1000;
  s.order.push(step);
}

/** Adds `label` to a '+'-joined label list. */
const plus = (labels: string, label: string) => (labels ? `${labels}+${label}` : label);

/** Reads the steps and signals of conversation `k` into `tally`, and sets its messages' columns. */
function readConversation(ctx: AnalysisContext, groups: ConversationGroups, k: number, negativity: Negativity, tally: Tally, s: Scratch): void {
  const { messages } = ctx;
  const first = messages.at(groups.first[k])!;
  const firstAt = first.createdAt;
  const opener = first.author;
  s.seconds.fill(NaN);
  s.order.length = 0;
  s.brand.length = 0;
  s.labels.length = 0;
  s.early.length = 0;
  s.earlyTexts.length = 0;
  let firstReplyAt: number | null = null;
  let resolvedAt: number | null = null;
  let thankedAt: number | null = null;
  let lastPublic = -1;
  let lastPublicOffline = false;
  let stillWaiting = false;
  // The opener's most negative score before the reply; computed when first needed (most conversations never need it).
  let before: number | null = null;
  let angrier = false;
  for (let j = groups.start[k]; j < groups.start[k + 1]; j++) {
    const m = messages.at(groups.order[j])!;
    if (m.createdAt < firstAt) continue;
    if (m.isBrand) {
      // Same rule as the conversation first response: brand messages strictly after the first customer message.
      if (m.createdAt <= firstAt) continue;
      let labels = '';
      const isPublic = !PRIVATE_CHANNELS.has(m.channel);
      const cues = brandCues(m.text);
      if (firstReplyAt === null && isPublic) {
        labels = plus(labels, 'acknowledge');
        reach(s, ACKNOWLEDGE, m.createdAt, firstAt);
      }
      if (cues.offline) {
        labels = plus(labels, 'offline');
        reach(s, OFFLINE, m.createdAt, firstAt);
      }
      if (cues.apologise) {
        labels = plus(labels, 'apologise');
        reach(s, APOLOGISE, m.createdAt, firstAt);
      }
      if (cues.resolve) {
        labels = plus(labels, 'resolve');
        reach(s, RESOLVE, m.createdAt, firstAt);
        resolvedAt ??= m.createdAt;
      }
      if (isPublic) {
        firstReplyAt ??= m.createdAt;
        lastPublic = s.brand.length;
        lastPublicOffline = cues.offline;
      }
      s.brand.push(m);
      s.labels.push(labels);
      continue;
    }
    if (!isCustomerMessage(m)) continue;
    const t = normalizeForCues(m.text);
    let signals = '';
    if (saysStillWaiting(t)) {
      stillWaiting = true;
      signals = 'still_waiting';
    }
    // Thanks count only once the brand has replied; the cue is not even read before.
    if (firstReplyAt !== null && saysThanks(t)) {
      thankedAt ??= m.createdAt;
      signals = plus(signals, 'thanks');
    }
    if (opener === null || m.author === opener) {
      if (firstReplyAt === null) {
        s.early.push(m);
        s.earlyTexts.push(t);
      } else {
        before ??= s.early.reduce((max, e, i) => Math.max(max, negativity.score(e, s.earlyTexts[i])), -Infinity);
        const score = negativity.score(m, t);
        if (negativity.isNegative(m, score) && score >= before + negativity.margin) {
          angrier = true;
          signals = plus(signals, 'angrier');
        }
      }
    }
    if (signals) setColumn(ctx, m.id, 'customer_signal', signals);
  }
  // Closing the loop: the brand has the last public word after the fix or the thanks, without sending the customer elsewhere.
  const closesAfter = Math.min(resolvedAt ?? Infinity, thankedAt ?? Infinity);
  if (lastPublic >= 0 && !lastPublicOffline && s.brand[lastPublic].createdAt > closesAfter) {
    s.labels[lastPublic] = plus(s.labels[lastPublic], 'close_loop');
    reach(s, CLOSE_LOOP, s.brand[lastPublic].createdAt, firstAt);
  }
  for (let i = 0; i < s.brand.length; i++) setColumn(ctx, s.brand[i].id, 'playbook_step', s.labels[i] || null);

  let sequence = '';
  for (const step of s.order) {
    tally.times[step].push(s.seconds[step]);
    sequence = sequence ? `${sequence} ${PLAYBOOK_STEPS[step].step}` : PLAYBOOK_STEPS[step].step;
  }
  if (sequence) tally.sequences.set(sequence, (tally.sequences.get(sequence) ?? 0) + 1);
  if (firstReplyAt !== null) tally.replied++;
  if (thankedAt !== null) tally.thanks++;
  if (stillWaiting) tally.stillWaiting++;
  if (angrier) tally.angrier++;
}

/** A note when most brand messages reply to messages missing from the export (counted in SQL, as the response analysis does). */
async function playbookNotes(ctx: AnalysisContext): Promise<string[]> {
  const [r] = await ctx.engine.query(`SELECT count(*) AS brand,
    count(*) FILTER (WHERE b.parent_id IS NOT NULL AND b.parent_id NOT IN (SELECT id FROM messages)) AS orphans
    FROM messages b WHERE b.is_brand`);
  const brand = num(r.brand);
  const orphans = num(r.orphans);
  if (!brand) return ['The export has no brand messages: no playbook step can be observed. Customer signals are still counted.'];
  if (orphans / brand > 0.5)
    return [`${orphans} of ${brand} brand messages reply to messages missing from the export: most conversations are cut, so steps are undercounted.`];
  return [];
}

/** How negative a customer message is, and what counts as "more negative". */
interface Negativity {
  source: PlaybookSection['negativity'];
  /** Higher = more negative; `text` is the message's text through {@link normalizeForCues}. */
  score: (m: Message, text: string) => number;
  /** A later message must be negative in itself (`score` as above) … */
  isNegative: (m: Message, score: number) => boolean;
  /** … and at least this much more negative than anything the customer wrote before the reply. */
  margin: number;
}

/**
 * Negativity from the sentiment analysis's columns when they exist
 * (`sentiment_score` in −1…1 and the `sentiment` label), otherwise from the
 * cue list. A score must beat the earlier maximum by a margin: small moves of
 * a model score are noise, not a customer getting angrier.
 */
function negativityScorer(ctx: AnalysisContext): Negativity {
  const column = (m: Message, name: string) => ctx.columns.value(m.id, name);
  const labelled = ctx.columnNames.includes('sentiment');
  const isNegativeLabel = (m: Message) => String(column(m, 'sentiment') ?? '').toLowerCase() === 'negative';
  if (ctx.columnNames.includes('sentiment_score'))
    return { source: 'sentiment-column', score: (m) => -Number(column(m, 'sentiment_score') ?? 0) || 0, isNegative: (m, score) => (labelled ? isNegativeLabel(m) : score > 0), margin: 0.25 };
  if (labelled) {
    const value: Record<string, number> = { negative: 1, neutral: 0, positive: -1 };
    return { source: 'sentiment-column', score: (m) => value[String(column(m, 'sentiment') ?? '').toLowerCase()] ?? 0, isNegative: isNegativeLabel, margin: 1 };
  }
  // The cue list is read only here, so with a sentiment column its ten patterns never run.
  return { source: 'cue-list', score: (_, text) => cueNegativity(text), isNegative: (_, score) => score > 0, margin: 1 };
}
