/**
 * `playbook`: did the brand follow the public-response playbook in each
 * conversation — acknowledge, take it offline, apologise, resolve, close the
 * loop publicly — how soon, and how did customers react (thanks, "still
 * waiting", coming back angrier after the brand's reply)?
 */
import { setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import type { Message } from '../model.ts';
import { NOTION_DEFINITIONS, conversationsOf, isCustomerMessage, type Conversation } from './notions.ts';
import { CUE_SUMMARY, brandCues, customerCues } from './playbook-cues.ts';
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
    if (ctx.messages.length) ctx.report.sections.playbook = computePlaybook(ctx);
  },
};

interface ConversationResult {
  /** Seconds from the first customer message to each step reached. */
  steps: Map<PlaybookStep, number>;
  /** Steps in the order first taken. */
  order: PlaybookStep[];
  replied: boolean;
  thanks: boolean;
  stillWaiting: boolean;
  angrier: boolean;
}

function computePlaybook(ctx: AnalysisContext): PlaybookSection {
  const negativity = negativityScorer(ctx);
  const results = conversationsOf(ctx.messages).map((c) => readConversation(ctx, c, negativity));
  const n = results.length;
  const sequences = new Map<string, number>();
  for (const r of results) if (r.order.length) sequences.set(r.order.join(' '), (sequences.get(r.order.join(' ')) ?? 0) + 1);
  const count = (f: (r: ConversationResult) => boolean) => {
    const c = results.filter(f).length;
    return { conversations: c, share: share(c, n) };
  };
  return {
    definitions: PLAYBOOK_DEFINITIONS,
    cues: CUE_SUMMARY,
    conversations: n,
    withBrandReply: results.filter((r) => r.replied).length,
    steps: PLAYBOOK_STEPS.map(({ step, label }) => {
      const times = results.flatMap((r) => (r.steps.has(step) ? [r.steps.get(step)!] : []));
      return { step, label, conversations: times.length, share: share(times.length, n), time: durationStats(times) };
    }),
    customer: { thanks: count((r) => r.thanks), stillWaiting: count((r) => r.stillWaiting), angrierAfterReply: count((r) => r.angrier) },
    negativity: negativity.source,
    notes: playbookNotes(ctx),
    sequences: [...sequences]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 10)
      .map(([key, conversations]) => ({ steps: key.split(' ') as PlaybookStep[], conversations })),
  };
}

/** Steps and signals of one conversation. */
function readConversation(ctx: AnalysisContext, { messages, first }: Conversation, negativity: Negativity): ConversationResult {
  const opener = first.author;
  const reached: { step: PlaybookStep; at: number }[] = [];
  const brandLabels = new Map<Message, string[]>();
  let firstReplyAt: number | null = null;
  let resolvedAt: number | null = null;
  let thankedAt: number | null = null;
  let lastPublic: { m: Message; offline: boolean } | null = null;
  let stillWaiting = false;
  let before = -Infinity;
  let angrier = false;
  for (const m of messages) {
    if (m.createdAt < first.createdAt) continue;
    if (m.isBrand) {
      // Same rule as the conversation first response: brand messages strictly after the first customer message.
      if (m.createdAt <= first.createdAt) continue;
      const labels: string[] = [];
      const isPublic = !PRIVATE_CHANNELS.has(m.channel);
      const cues = brandCues(m.text);
      if (firstReplyAt === null && isPublic) labels.push('acknowledge');
      if (cues.offline) labels.push('offline');
      if (cues.apologise) labels.push('apologise');
      if (cues.resolve) labels.push('resolve');
      for (const step of labels) reached.push({ step: step as PlaybookStep, at: m.createdAt });
      if (cues.resolve) resolvedAt ??= m.createdAt;
      if (isPublic) {
        firstReplyAt ??= m.createdAt;
        lastPublic = { m, offline: cues.offline };
      }
      brandLabels.set(m, labels);
      continue;
    }
    if (!isCustomerMessage(m)) continue;
    const cues = customerCues(m.text);
    const signals: string[] = [];
    if (cues.stillWaiting) {
      stillWaiting = true;
      signals.push('still_waiting');
    }
    if (firstReplyAt !== null && cues.thanks) {
      thankedAt ??= m.createdAt;
      signals.push('thanks');
    }
    if (opener === null || m.author === opener) {
      const score = negativity.score(m);
      if (firstReplyAt === null) before = Math.max(before, score);
      else if (negativity.isNegative(m) && score >= before + negativity.margin) {
        angrier = true;
        signals.push('angrier');
      }
    }
    if (signals.length) setColumn(ctx, m.id, 'customer_signal', signals.join('+'));
  }
  // Closing the loop: the brand has the last public word after the fix or the thanks, without sending the customer elsewhere.
  const closesAfter = Math.min(resolvedAt ?? Infinity, thankedAt ?? Infinity);
  if (lastPublic && !lastPublic.offline && lastPublic.m.createdAt > closesAfter) {
    brandLabels.get(lastPublic.m)!.push('close_loop');
    reached.push({ step: 'close_loop', at: lastPublic.m.createdAt });
  }
  for (const [m, labels] of brandLabels) setColumn(ctx, m.id, 'playbook_step', labels.join('+') || null);
  const steps = new Map<PlaybookStep, number>();
  const order: PlaybookStep[] = [];
  for (const { step, at } of reached)
    if (!steps.has(step)) {
      steps.set(step, (at - first.createdAt) / 1000);
      order.push(step);
    }
  return { steps, order, replied: firstReplyAt !== null, thanks: thankedAt !== null, stillWaiting, angrier };
}

function playbookNotes(ctx: AnalysisContext): string[] {
  const brand = ctx.messages.filter((m) => m.isBrand);
  if (!brand.length) return ['The export has no brand messages: no playbook step can be observed. Customer signals are still counted.'];
  const ids = new Set(ctx.messages.map((m) => m.id));
  const orphans = brand.filter((m) => m.parentId !== null && !ids.has(m.parentId)).length;
  if (orphans / brand.length > 0.5)
    return [`${orphans} of ${brand.length} brand messages reply to messages missing from the export: most conversations are cut, so steps are undercounted.`];
  return [];
}

/** How negative a customer message is, and what counts as "more negative". */
interface Negativity {
  source: PlaybookSection['negativity'];
  /** Higher = more negative. */
  score: (m: Message) => number;
  /** A later message must be negative in itself … */
  isNegative: (m: Message) => boolean;
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
  const column = (m: Message, name: string) => ctx.columns.get(m.id)?.[name];
  const labelled = ctx.columnNames.includes('sentiment');
  const isNegativeLabel = (m: Message) => String(column(m, 'sentiment') ?? '').toLowerCase() === 'negative';
  if (ctx.columnNames.includes('sentiment_score'))
    return { source: 'sentiment-column', score: (m) => -Number(column(m, 'sentiment_score') ?? 0) || 0, isNegative: (m) => (labelled ? isNegativeLabel(m) : -Number(column(m, 'sentiment_score') ?? 0) > 0), margin: 0.25 };
  if (labelled) {
    const value: Record<string, number> = { negative: 1, neutral: 0, positive: -1 };
    return { source: 'sentiment-column', score: (m) => value[String(column(m, 'sentiment') ?? '').toLowerCase()] ?? 0, isNegative: isNegativeLabel, margin: 1 };
  }
  return { source: 'cue-list', score: (m) => customerCues(m.text).negativity, isNegative: (m) => customerCues(m.text).negativity > 0, margin: 1 };
}
