/**
 * `response`: how fast and how often the brand answered. First-hop times
 * (a customer message → the brand's direct reply), conversation first
 * response times (first customer message → first brand message after it),
 * response rate, SLA share and unanswered backlog age, overall and by
 * channel; plus case timings when the crisis has tickets or complaints.
 */
import { setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import type { Engine } from '../engine/engine.ts';
import { caseResponse } from './case-response.ts';
import { NOTION_DEFINITIONS, customerMessageSql } from './notions.ts';
import { CONVERSATION_RESPONSE_CTE, FIRST_HOP_CTE, durationSelect, fetchColumns, num, readDurationStats, secondsBetween } from './sql.ts';
import { NO_BRAND_MESSAGES } from './not-measurable.ts';
import { share } from './stats.ts';
import type { ChannelResponse, ConversationResponseStats, FirstHopStats, ResponseBand, ResponseSection } from './types.ts';

/** Plain-language definitions shown with the figures. */
export const RESPONSE_DEFINITIONS: Record<string, string> = {
  customerMessage: NOTION_DEFINITIONS.customerMessage,
  conversation: NOTION_DEFINITIONS.conversation,
  firstHop:
    'First-hop response time: for each customer message that a brand message replies to directly (the reply’s parent is that message), the time from the customer message to the earliest such reply. Only replies whose parent is in the export count. This is the per-message “response time” of social tools such as Sprout Social.',
  conversationFirstResponse:
    'Conversation first response time: for each conversation (the reply tree under one root post) that contains a customer message, the time from its first customer message to the first brand message posted after it anywhere in the conversation. This is Zendesk’s “first reply time” (request created → first public agent reply) applied to reply threads.',
  responseRate:
    'Response rate: conversations with a brand message after their first customer message ÷ all conversations with a customer message. Unanswered conversations stay in the denominator.',
  sla: 'Within SLA: conversations whose first response took at most the SLA (sla.firstResponseMinutes in crisis.yaml) ÷ all conversations with a customer message; unanswered conversations count as missed. For first-hop times the share is of answered messages.',
  unansweredAge:
    'Unanswered age: for conversations the brand never answered, the time from their first customer message to the last message in the data — how long they had been waiting when the export was taken.',
  quantiles:
    'Median and p90 are linear-interpolated quantiles (as DuckDB quantile_cont): half of the responses were faster than the median and nine in ten were at most the p90. Means are shown for reference only: a few very slow replies inflate them.',
  channel: 'A conversation’s channel is the channel of its first customer message.',
  caseTimes:
    'Case times run from the case’s opening to its first response, resolution and close, where the export records them. The timely share is the export’s own timely-response flag (CFPB: “Timely response?”): Yes ÷ (Yes + No).',
};

/** Temporary tables holding the FIRST_HOP_CTE and CONVERSATION_RESPONSE_CTE rows while the analysis runs. */
const HOP = 'crisis_response_first_hop';
const CONV = 'crisis_response_conversations';

/** Bands for the response-time histogram (seconds). */
const BANDS: { label: string; from: number; to: number | null }[] = [
  { label: 'under 5 min', from: 0, to: 300 },
  { label: '5–15 min', from: 300, to: 900 },
  { label: '15–60 min', from: 900, to: 3_600 },
  { label: '1–4 h', from: 3_600, to: 14_400 },
  { label: '4–24 h', from: 14_400, to: 86_400 },
  { label: '1–3 days', from: 86_400, to: 259_200 },
  { label: '3 days or more', from: 259_200, to: null },
];

/** The `response` analysis; also sets `first_response_s` and `conversation_first_response_s`. */
export const responseAnalysis: Analysis = {
  name: 'response',
  sections: ['response'],
  columns: ['first_response_s', 'conversation_first_response_s'],
  async run(ctx) {
    ctx.report.sections.response = await computeResponse(ctx);
  },
};

async function computeResponse(ctx: AnalysisContext): Promise<ResponseSection> {
  const { engine } = ctx;
  const slaMinutes = ctx.config.sla.firstResponseMinutes;
  const section: ResponseSection = {
    definitions: RESPONSE_DEFINITIONS, slaMinutes, dataEnd: null, firstHop: null, conversations: null, byChannel: [], cases: null, notes: [],
  };
  if (ctx.messages.length) {
    // first_hop and conv_response are read by several queries: computed once into temporary tables, dropped after.
    try {
      await engine.exec(`CREATE OR REPLACE TEMP TABLE ${HOP} AS WITH ${FIRST_HOP_CTE} SELECT * FROM first_hop`);
      await engine.exec(`CREATE OR REPLACE TEMP TABLE ${CONV} AS WITH ${CONVERSATION_RESPONSE_CTE} SELECT * FROM conv_response`);
      await messageFigures(ctx, section);
    } finally {
      await engine.exec(`DROP TABLE IF EXISTS ${HOP}`);
      await engine.exec(`DROP TABLE IF EXISTS ${CONV}`);
    }
  }
  if (ctx.cases.length) {
    section.cases = await caseResponse(engine);
    const c = section.cases;
    if (!c.firstResponse && !c.resolution && !c.close)
      section.notes.push(
        `The case export records no first-response, resolution or close times${c.timely ? `; only its own timely-response flag (${c.timelyAttribute})` : ''}, so case response times cannot be measured.`,
      );
  }
  return section;
}

/** The figures from messages: first-hop and conversation response, by channel, and the per-message columns. */
async function messageFigures(ctx: AnalysisContext, section: ResponseSection): Promise<void> {
  const { engine } = ctx;
  const slaSeconds = section.slaMinutes * 60;
  // `roots` counts reply trees, brand posts nobody answered included: not conversations, hence its own name.
  // Brand replies to customer messages are summed from first_hop, which has joined them already; the rest is one scan.
  const [totals] = await engine.query(`SELECT
    (SELECT sum(brand_replies) FROM ${HOP}) AS brand_replies,
    count(*) FILTER (WHERE m.is_brand) AS brand,
    (SELECT count(*) FROM messages b WHERE b.is_brand AND b.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages p WHERE p.id = b.parent_id)) AS brand_orphans,
    count(*) FILTER (WHERE ${customerMessageSql('m')}) AS inbound,
    count(DISTINCT m.conversation_id) AS roots,
    epoch_ms(max(m.created_at)) AS data_end
    FROM messages m`);
  section.dataEnd = new Date(num(totals.data_end)).toISOString();

  // Milliseconds travel as exact integers; ms / 1000 is the same double as the SQL's seconds.
  const [hopIds, hopMs] = await fetchColumns(engine, `SELECT id, epoch_ms(answered_at) - epoch_ms(asked_at) AS ms FROM ${HOP}`, ['id', 'ms']);
  hopIds.forEach((id, i) => setColumn(ctx, id!, 'first_response_s', Number(hopMs[i]) / 1000));
  const [convIds, convMs] = await fetchColumns(engine, `SELECT first_id, epoch_ms(answered_at) - epoch_ms(first_at) AS ms FROM ${CONV} WHERE answered_at IS NOT NULL`, ['first_id', 'ms']);
  convIds.forEach((id, i) => setColumn(ctx, id!, 'conversation_first_response_s', Number(convMs[i]) / 1000));

  const hop = await firstHopByChannel(engine, slaSeconds);
  const conv = await conversationsByChannel(engine, slaSeconds);
  const hopAll = hop.get(null);
  section.firstHop = {
    brandRepliesToInbound: num(totals.brand_replies),
    answeredInbound: hopAll?.answeredInbound ?? 0,
    inboundMessages: num(totals.inbound),
    time: hopAll?.time ?? readDurationStats({}),
    withinSlaShareOfAnswered: hopAll?.withinSlaShareOfAnswered ?? null,
  };
  const convAll = conv.get(null) ?? emptyConversationStats();
  section.conversations = { roots: num(totals.roots), ...convAll, bands: await bands(engine) };
  section.byChannel = [...conv]
    .filter(([channel]) => channel !== null)
    .map(([channel, stats]): ChannelResponse => {
      const h = hop.get(channel);
      return { channel: channel!, ...stats, firstHop: { answeredInbound: h?.answeredInbound ?? 0, time: h?.time ?? readDurationStats({}) } };
    })
    .sort((a, b) => b.conversations - a.conversations || a.channel.localeCompare(b.channel));
  section.notes.push(...responseNotes(num(totals.brand), num(totals.brand_orphans), num(totals.inbound)));
  // Without a single brand message every conversation looks unanswered: not measurable, never a 0% response rate.
  if (!num(totals.brand)) {
    markNotMeasurable(section);
    return;
  }
  const retweets = await retweetNote(engine);
  if (retweets) section.notes.push(retweets);
}

/** Blanks every figure that needs the brand's replies, with {@link NO_BRAND_MESSAGES} beside it (see `NotMeasurable`). */
function markNotMeasurable(section: ResponseSection): void {
  const blank = <T extends ConversationResponseStats>(c: T): T => ({
    ...c, answered: null, unanswered: null, responseRate: null, time: readDurationStats({}), withinSlaShare: null, unansweredAge: readDurationStats({}), responseNotMeasurable: NO_BRAND_MESSAGES,
  });
  if (section.firstHop)
    section.firstHop = { ...section.firstHop, answeredInbound: null, time: readDurationStats({}), withinSlaShareOfAnswered: null, responseNotMeasurable: NO_BRAND_MESSAGES };
  if (section.conversations) section.conversations = { ...blank(section.conversations), bands: [] };
  section.byChannel = section.byChannel.map((c) => ({ ...blank(c), firstHop: { answeredInbound: null, time: readDurationStats({}) } }));
}

/** First-hop figures per channel (the customer message's channel); key null = all channels. */
async function firstHopByChannel(engine: Engine, slaSeconds: number): Promise<Map<string | null, Omit<FirstHopStats, 'brandRepliesToInbound' | 'inboundMessages'>>> {
  const out = new Map<string | null, Omit<FirstHopStats, 'brandRepliesToInbound' | 'inboundMessages'>>();
  const result = await engine.query(`
    SELECT channel, GROUPING(channel) AS g, ${durationSelect('seconds')}, count(*) FILTER (WHERE seconds <= ${slaSeconds}) AS within
    FROM ${HOP} GROUP BY ROLLUP(channel)`);
  for (const r of result) {
    const time = readDurationStats(r);
    out.set(num(r.g) ? null : String(r.channel), { answeredInbound: time.n, time, withinSlaShareOfAnswered: share(num(r.within), time.n) });
  }
  return out;
}

/** Conversation figures per channel of the first customer message; key null = all channels. */
async function conversationsByChannel(engine: Engine, slaSeconds: number): Promise<Map<string | null, ConversationResponseStats>> {
  const out = new Map<string | null, ConversationResponseStats>();
  const age = `CASE WHEN answered_at IS NULL THEN ${secondsBetween('first_at', '(SELECT max(created_at) FROM messages)')} END`;
  const result = await engine.query(`
    SELECT channel, GROUPING(channel) AS g, count(*) AS conversations, count(answered_at) AS answered,
           count(*) FILTER (WHERE seconds <= ${slaSeconds}) AS within,
           ${durationSelect('seconds')}, ${durationSelect(age, 'u')}
    FROM ${CONV} GROUP BY ROLLUP(channel)`);
  for (const r of result) {
    const conversations = num(r.conversations);
    const answered = num(r.answered);
    out.set(num(r.g) ? null : String(r.channel), {
      conversations,
      answered,
      unanswered: conversations - answered,
      responseRate: share(answered, conversations),
      time: readDurationStats(r),
      withinSlaShare: share(num(r.within), conversations),
      unansweredAge: readDurationStats(r, 'u'),
    });
  }
  return out;
}

async function bands(engine: Engine): Promise<ResponseBand[]> {
  const cases = BANDS.map((b, i) => (b.to === null ? `ELSE ${i}` : `WHEN seconds < ${b.to} THEN ${i}`)).join(' ');
  const counts = new Map<number, number>();
  for (const r of await engine.query(`
    SELECT CASE ${cases} END AS band, count(*) AS n FROM ${CONV} WHERE seconds IS NOT NULL GROUP BY 1`))
    counts.set(num(r.band), num(r.n));
  return BANDS.map((b, i) => ({ label: b.label, fromSeconds: b.from, toSeconds: b.to, conversations: counts.get(i) ?? 0 }));
}

function emptyConversationStats(): ConversationResponseStats {
  return { conversations: 0, answered: 0, unanswered: 0, responseRate: null, time: readDurationStats({}), withinSlaShare: null, unansweredAge: readDurationStats({}) };
}

/**
 * Social-listening exports hold retweets of the crisis, which start
 * conversations nobody expects the brand to answer. They stay in the figures
 * (the definition is every conversation with a customer message), but when
 * they are a noticeable part of the unanswered ones the reader gets the rate
 * without them.
 */
async function retweetNote(engine: Engine): Promise<string | null> {
  // ILIKE 'RT @%' spelled as four prefix LIKEs (the same test: only R and T change with case), which DuckDB runs as a
  // cheap prefix check instead of lower-casing every text; the retweets are then joined to the conversations.
  const isRetweet = ['RT', 'Rt', 'rT', 'rt'].map((p) => `text LIKE '${p} @%'`).join(' OR ');
  const [r] = await engine.query(`
    SELECT count(*) FILTER (WHERE answered_at IS NULL) AS unanswered,
           count(*) FILTER (WHERE answered_at IS NULL AND rt.id IS NOT NULL) AS unanswered_rt,
           count(*) FILTER (WHERE rt.id IS NULL) AS other, count(answered_at) FILTER (WHERE rt.id IS NULL) AS other_answered
    FROM ${CONV} c LEFT JOIN (SELECT id FROM messages WHERE ${isRetweet}) rt ON rt.id = c.first_id`);
  const unanswered = num(r.unanswered);
  const rt = num(r.unanswered_rt);
  if (!rt || rt / unanswered < 0.1) return null;
  const rate = share(num(r.other_answered), num(r.other));
  return `${rt} of the ${unanswered} unanswered conversations start with a retweet (“RT @…”), which rarely needs a reply; without conversations started by a retweet the response rate is ${rate === null ? 'not defined' : `${(rate * 100).toFixed(1)}%`}.`;
}

/** Caveats a reader needs before trusting the figures. */
function responseNotes(brand: number, brandOrphans: number, inbound: number): string[] {
  const notes: string[] = [];
  if (!brand) notes.push('The export has no brand messages, so response times and rates cannot be measured (set brand.handles in crisis.yaml if the brand’s posts are in the data).');
  else if (brandOrphans / brand > 0.5)
    notes.push(
      `${brandOrphans} of ${brand} brand messages reply to messages missing from the export (a sample that breaks threads): response rates and times cover only the threads that survived and understate the brand’s activity.`,
    );
  if (!inbound) notes.push('The export has no customer messages: there is nothing to respond to.');
  return notes;
}
