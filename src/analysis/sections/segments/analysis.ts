/**
 * The `segments` analysis: the crisis split by each field crisis.yaml names
 * under `segments:` (a brand, product, region, queue …), with every segment's
 * volume, negative share, first-response median and p90, SLA attainment, top
 * themes and top faults side by side. Written only when crisis.yaml asks for
 * segments; a name that is no field of the crisis stops the analysis with a
 * configuration error.
 */
import type { Engine } from '../../engine/engine.ts';
import type { Analysis, AnalysisContext } from '../../runner/analysis.ts';
import { NOTION_DEFINITIONS } from '../../crisis/notions.ts';
import { num } from '../../crisis/sql.ts';
import { segmentFigures, type BreakdownFacts, type Labels, type Measurable } from './figures.ts';
import { NO_VALUE, resolveSegmentFields, type SegmentField } from './fields.ts';
import { caseFigures, conversationFigures, dropTemporaryTables, loadConversations, loadLabels, loadRecords, topTopics, volumes } from './segments-sql.ts';
import type { SegmentBreakdown, SegmentsSection } from './schema.ts';
import type { SlaBasis } from '../tickets/schema.ts';
import { headlineBasis, slaFigures } from '../tickets/sla.ts';
import { ticketsCte } from '../tickets/cases-sql.ts';

/** Most segments report.json lists per breakdown (the rest are counted: `segmentsTotal`, `omittedVolume`). */
export const MAX_SEGMENTS = 500;

/** A segment with fewer records is flagged `fewRecords`: a share of 29 records moves 3 points with one record. */
export const FEW_RECORDS_BELOW = 30;

export const SEGMENTS_DEFINITIONS: Record<string, string> = {
  segment: `A segment is one value of a segments: field of crisis.yaml (a canonical field such as company or channel, or an attribute the export kept). Records without a value form the segment "${NO_VALUE}". Each field is a breakdown of its own: segments of two fields are not crossed.`,
  volume: `Volume: customer messages in breakdowns of messages, cases in breakdowns of cases. ${NOTION_DEFINITIONS.customerMessage} Share: the segment's volume ÷ the breakdown's; the segments' volumes add up to the breakdown's.`,
  negativeShare: 'Negative share: customer messages of the segment the sentiment model labelled negative ÷ those it labelled (the sentiment section\'s labels). Cases carry no sentiment label.',
  firstResponse:
    'First response (messages): the response section\'s conversation first response — from a conversation\'s first customer message to the first brand message after it — over answered conversations; a conversation belongs to the segment of its first customer message. First response (cases): from opening to first_response_at, as the response section\'s case times. Median and p90 are linear-interpolated (DuckDB quantile_cont).',
  sla: 'SLA (messages): conversations answered within sla.firstResponseMinutes ÷ all conversations of the segment, unanswered ones counting as missed (as the response section). SLA (cases): the tickets section\'s headline basis — the export\'s flag (sla_met), else resolution by due_at, else sla.resolutionHours per priority — met ÷ decided cases of the segment.',
  topThemes: 'Top themes: the themes (themes section) most of the segment\'s records mention, with how many; "N of M" when the segment mentions more.',
  topFaults: 'Top faults: the faults of the crisis.yaml taxonomy the segment\'s records were classified as (faults section: negative customer messages and case narratives), with how many.',
  fewRecords: `Few records: a segment with fewer than ${FEW_RECORDS_BELOW} records is kept and flagged; its shares and times move a lot with each record.`,
};

/** The segments analysis for the runner. */
export const segmentsAnalysis: Analysis = {
  name: 'segments',
  // The sentiment, themes and fault columns, and the names of themes and faults from their sections.
  needs: ['sentiment', 'themes', 'faults'],
  needsColumns: ['sentiment', 'themes', 'fault'],
  sections: ['segments'],
  async run(ctx: AnalysisContext) {
    if (!ctx.config.segments.length || (!ctx.messages.length && !ctx.cases.length)) return;
    const section = await segmentsSection(ctx);
    if (section) ctx.report.sections.segments = section;
  },
};

/** The section from the engine's tables and the analysis columns of `ctx`. */
export async function segmentsSection(ctx: AnalysisContext): Promise<SegmentsSection | null> {
  const { engine } = ctx;
  const fields = await resolveSegmentFields(engine, ctx.config.segments, { messages: ctx.messages.length > 0, cases: ctx.cases.length > 0 });
  if (!fields.length) return null;
  try {
    const tables = new Set(fields.map((f) => f.table));
    if (tables.has('messages')) {
      await loadLabels(engine, 'messages', ctx.messages, ctx.columns);
      await loadConversations(engine);
    }
    if (tables.has('cases')) await loadLabels(engine, 'cases', ctx.cases, ctx.caseColumns);
    const breakdowns: SegmentBreakdown[] = [];
    for (const f of fields) {
      ctx.progress(`segments: by ${f.field}`);
      breakdowns.push(await breakdown(ctx, f));
    }
    return { breakdowns, fewRecordsBelow: FEW_RECORDS_BELOW, notes: notes(breakdowns), definitions: SEGMENTS_DEFINITIONS };
  } finally {
    await dropTemporaryTables(engine);
  }
}

async function breakdown(ctx: AnalysisContext, f: SegmentField): Promise<SegmentBreakdown> {
  const { engine } = ctx;
  await loadRecords(engine, f, MAX_SEGMENTS);
  const volume = await volumes(engine);
  const response = f.table === 'messages' ? await conversationFigures(engine, ctx.config.sla.firstResponseMinutes * 60) : null;
  const sla = f.table === 'cases' ? await caseSlaBasis(engine, ctx.config.sla.resolutionHours) : null;
  const cases = sla ? await caseFigures(engine, sla.basis, ctx.config.sla.resolutionHours) : null;
  const labels = labelsOf(ctx, f.table);
  const themes = labels.themes.reason ? null : await topTopics(engine, 'themes');
  const faults = labels.faults.reason ? null : await topTopics(engine, 'fault');
  const overallRow = volume.get(null)!;
  const overallVolume = num(overallRow.volume);
  const facts: BreakdownFacts = {
    table: f.table,
    brandMessages: ctx.report.counts.brandMessages,
    caseFirstResponses: cases ? num(cases.get(null)?.d_n ?? 0) : 0,
    sla: sla ?? { basis: 'firstResponse', reason: null },
  };
  const figures = (key: string | null) =>
    segmentFigures(key ?? 'all', {
      volume: volume.get(key)!,
      overallVolume,
      response: (response ?? cases)?.get(key) ?? null,
      themes: themes?.get(key) ?? [],
      faults: faults?.get(key) ?? [],
      labels,
      facts,
      fewRecordsBelow: FEW_RECORDS_BELOW,
    });
  const keys = [...volume.keys()].filter((k): k is string => k !== null).sort((a, b) => num(volume.get(a)!.rank) - num(volume.get(b)!.rank));
  const segments = keys.map(figures);
  return {
    field: f.field,
    source: f.source,
    table: f.table,
    slaBasis: facts.sla.basis,
    overall: figures(null),
    segments,
    segmentsTotal: num(overallRow.segments),
    omittedVolume: overallVolume - segments.reduce((n, s) => n + s.volume, 0),
  };
}

/** The tickets section's headline SLA basis for the crisis's cases, or why there is none. */
async function caseSlaBasis(engine: Engine, resolutionHours: Record<string, number> | undefined): Promise<{ basis: SlaBasis | null; reason: string | null }> {
  const cte = ticketsCte(resolutionHours);
  const [p] = await engine.query(`WITH ${cte} SELECT count(sla_met) AS flag, count(due_at) AS due, count(target_s) AS target FROM t`);
  const profile = { withFlag: num(p.flag), withDue: num(p.due), withTarget: num(p.target), configuredTargets: Object.keys(resolutionHours ?? {}).length };
  const basis = headlineBasis(profile);
  if (basis) return { basis, reason: null };
  // No basis: slaFigures runs no query then, and words the reason as the tickets section does.
  const figures = await slaFigures(engine, cte, profile, 0);
  return { basis: null, reason: figures.shareNotMeasurable ?? 'no SLA basis' };
}

/** Which analysis columns the breakdown's records can carry, and why not when they cannot. */
function labelsOf(ctx: AnalysisContext, table: 'messages' | 'cases'): Labels {
  const s = ctx.report.sections;
  const sentiment: Measurable =
    table === 'cases'
      ? { reason: 'sentiment is scored on messages; cases carry no sentiment label' }
      : ctx.columnNames.includes('sentiment')
        ? { reason: null }
        : { reason: 'the sentiment analysis did not run' };
  const themes: Measurable = !s.themes?.themes.length
    ? { reason: 'no themes were found in this crisis' }
    : s.themes.source !== table
      ? { reason: `themes were found in the ${s.themes.source}, not in the ${table}` }
      : { reason: null };
  const faults: Measurable = s.faults ? { reason: null } : { reason: 'no fault taxonomy in crisis.yaml (faults:)' };
  const themeLabels = new Map((s.themes?.themes ?? []).map((t) => [t.id, t.label]));
  const faultLabels = new Map((s.faults?.pareto ?? []).map((p) => [p.faultId, p.label]));
  return { sentiment, themes, faults, themeLabel: (id) => themeLabels.get(id) ?? id, faultLabel: (id) => faultLabels.get(id) ?? id };
}

const count = (n: number) => n.toLocaleString('en-US');

function notes(breakdowns: readonly SegmentBreakdown[]): string[] {
  const out: string[] = [];
  for (const b of breakdowns) {
    const none = b.segments.find((s) => s.value === NO_VALUE);
    if (none) out.push(`${b.field}: ${count(none.volume)} ${b.table === 'messages' ? 'customer message(s)' : 'case(s)'} without a value form the segment "${NO_VALUE}".`);
    const few = b.segments.filter((s) => s.fewRecords).length;
    if (few) out.push(`${b.field}: ${count(few)} of ${count(b.segments.length)} segments have fewer than ${FEW_RECORDS_BELOW} records; read their shares and times with care.`);
    if (b.segmentsTotal > b.segments.length)
      out.push(`${b.field}: the ${count(b.segments.length)} largest of ${count(b.segmentsTotal)} segments are listed; the other ${count(b.omittedVolume)} records are in the overall figures (query the bundle's tables for them).`);
  }
  return out;
}
