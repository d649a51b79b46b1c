/**
 * The `faults` and `candidateFaults` analyses: negative customer messages
 * classified against the crisis.yaml fault taxonomy (with evidence), records
 * of a source with a fault column (`columns: { fault: … }`) taking their
 * faults from that column instead, one Pareto per kind (product faults,
 * service failures) with first/last seen and volume, and recurring complaints
 * no configured fault covers. Cases (tickets, complaints) are classified with
 * the messages.
 */
import { setCaseColumn, setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import { cached, keyParts, lookUp } from '../cache.ts';
import { startedWork } from '../runner/started-work.ts';
import { classifyFaults, FAULTS_VERSION, rankCandidateFaults, labelsInFaultScope, type FaultAssignment, type FaultTaxonomy, type TextMessage } from '../nlp/faults/index.ts';
import { retweetFlagged } from '../nlp/retweets.ts';
import { structuredFaults } from '../nlp/faults/structured.ts';
import { summariseFaults, type FaultHit, type FaultsSummary } from '../nlp/faults/summary.ts';
import { examplesOfRecordColumns, type FaultRecord } from './fault-examples.ts';
import { mapByText, startByPosition, type Started } from '../parallel/text-mapper.ts';
import type { TextTaskResult } from '../parallel/text-tasks.ts';
import { CASE_PREFIX, type MessageRows, type RowList } from '../model.ts';
import { PickedRows } from '../core/indexed-rows.ts';
import { codedRecords } from './coded-records.ts';
import { caseTexts, inputKey, labelledTexts, textMessages, timelineFrame } from './text-messages.ts';

/** Candidate faults report.json lists (the most frequent); the bundle's `list-candidate-faults.csv` has every one. */
const MAX_CANDIDATES = 50;

export const faultsAnalysis: Analysis = {
  name: 'faults',
  // Buckets and onset from the timeline; scope (negative messages) from the sentiment column.
  needs: ['timeline'],
  needsColumns: ['sentiment'],
  sections: ['faults', 'candidateFaults', 'candidateFaultsTotal'],
  lists: ['candidate-faults'],
  columns: ['fault', 'fault_evidence'],
  prefetch: (ctx) => faultMatching.prefetch(ctx),
  async run(ctx) {
    const { coded, items, caseTextCount, customers } = scopedFaultTexts(ctx);
    const frame = timelineFrame(ctx);
    const { configured, structured, taxonomy } = faultTaxonomy(ctx, coded);
    const announce = () => ctx.progress(`faults: ${items.length.toLocaleString('en-US')} texts in scope, ${coded.records.length.toLocaleString('en-US')} coded records, ${Object.keys(taxonomy).length} faults`);
    const text = await textFaults(ctx, items, configured, frame.bucketMs, announce);
    if (!customers && !coded.records.length) return;
    // The texts a configured fault took, by position in `items`: candidate faults are looked for in the others.
    const taken = new Uint8Array(items.length);
    if (text) {
      const ids = Object.keys(taxonomy);
      const index = new Map(ids.map((id, i) => [id, i]));
      // Hits as objects only where a fault column adds records: the texts' own summary is the classification's.
      const hits: FaultHit[] | null = structured ? [] : null;
      // Each record's time and place in the tables (messages, then cases), for the examples; only a fault column's
      // records are kept whole: a text's record is made again from its place when the examples read it.
      const at: number[] = [];
      const order: number[] = [];
      const columnRecords: FaultRecord[] = [];
      let casesClassified = 0;
      // Each record with a fault, once: its columns, its hits and its place among the examples.
      const record = (id: string, createdAt: number, list: readonly FaultAssignment[], fromColumn: boolean) => {
        if (hits) for (const a of list) hits.push({ recordId: id, createdAt, fault: index.get(a.faultId)! });
        const faults = list.map((a) => a.faultId);
        const evidence = list.map((a) => a.evidence.text).join('; ');
        let place: number;
        if (id.startsWith(CASE_PREFIX)) {
          const caseId = id.slice(CASE_PREFIX.length);
          place = ctx.messages.length + ctx.caseColumns.positionOf(caseId)!;
          setCaseColumn(ctx, caseId, 'fault', faults.join(';'));
          setCaseColumn(ctx, caseId, 'fault_evidence', evidence);
          casesClassified++;
        } else {
          place = ctx.columns.positionOf(id)!;
          setColumn(ctx, id, 'fault', faults.join(';'));
          setColumn(ctx, id, 'fault_evidence', evidence);
        }
        if (fromColumn) columnRecords.push({ id, at: createdAt, text: recordText(ctx, place), faults, order: place });
        at.push(createdAt);
        order.push(place);
      };
      // The texts' faults by position (no lookup of a million ids), then the fault columns'.
      for (const p of text.positions) {
        const m = items.at(p)!;
        taken[p] = 1;
        record(m.id, m.createdAt, [text.assignments[m.id]!], false);
      }
      const fromTexts = at.length;
      let summary: FaultsSummary & { considered: number } = { ...summaryOf(text), considered: text.considered };
      if (structured) {
        const codedAt = new Map(coded.records.map((r) => [r.id, r.createdAt]));
        for (const [id, list] of structured.assignments) record(id, codedAt.get(id)!, list, true);
        const times = [...items.map((m) => m.createdAt), ...coded.records.map((r) => r.createdAt)];
        const heads = ids.map((faultId) => ({ faultId, label: taxonomy[faultId]!.label, kind: taxonomy[faultId]!.kind ?? 'product' }));
        summary = { ...summariseFaults(heads, times, hits!, text.bucketMs), considered: times.length };
      }
      // Assignments live in messages.csv and cases.csv (`fault`): per-message detail would bloat report.json.
      const textRecord = (i: number): FaultRecord => {
        const place = order[i]!;
        const id = recordId(ctx, place);
        return { id, at: at[i]!, text: recordText(ctx, place), faults: [text.assignments[id]!.faultId], order: place };
      };
      const examples = examplesOfRecordColumns(
        { at: Float64Array.from(at), order: Float64Array.from(order), record: (i) => (i < fromTexts ? textRecord(i) : columnRecords[i - fromTexts]!) },
        ids,
      );
      const pareto = summary.pareto.map((f) => ({ ...f, exampleIds: examples.get(f.faultId) ?? [] }));
      const codedCases = coded.records.filter((r) => r.id.startsWith(CASE_PREFIX)).length;
      const { considered, ...counts } = summary;
      ctx.report.sections.faults = {
        version: text.version,
        considered,
        classified: at.length,
        ...counts,
        pareto,
        casesConsidered: caseTextCount + codedCases,
        casesClassified,
        ...(coded.columns.length ? { codedRecords: coded.records.length, codeColumns: coded.columns } : {}),
      };
    }
    // The texts no configured fault took (coded records are not among `items`): all the candidates are made of.
    const rest = text ? PickedRows.where(items, (_, k) => taken[k] === 0) : items;
    // Namespace `candidate-faults-all`: the value is every candidate (older entries hold the first 50 only).
    const { candidates: all } = await cached(ctx.cache, 'candidate-faults-all', keyParts(FAULTS_VERSION, 'not taken', inputKey(rest)), async () => {
      const complaints = await mapByText(ctx.textMapper, 'complaints', {}, rest.map((m) => m.text));
      return rankCandidateFaults(rest, { complaints, limit: Infinity });
    });
    if (all.length) {
      // report.json keeps the most frequent; the bundle's full list has every candidate.
      ctx.report.sections.candidateFaults = all.slice(0, MAX_CANDIDATES);
      ctx.report.sections.candidateFaultsTotal = all.length;
      ctx.lists.add({
        name: 'candidate-faults',
        columns: [{ name: 'candidate', kind: 'text' }, { name: 'object', kind: 'text' }, { name: 'records' }, { name: 'first_seen' }, { name: 'last_seen' }, { name: 'example_ids' }],
        rows: all.map((c) => [c.label, c.object, c.count, new Date(c.firstSeen).toISOString(), new Date(c.lastSeen).toISOString(), c.exampleIds.join(' ')]),
      });
    }
  },
};

type TextFaults = ReturnType<typeof classifyFaults>;

/** The id of the record at `place` in the tables: a message's, or a case's as `case:<id>`. */
function recordId(ctx: AnalysisContext, place: number): string {
  return place < ctx.messages.length ? ctx.messages.at(place)!.id : CASE_PREFIX + ctx.cases[place - ctx.messages.length]!.id;
}

/** The text of the record at `place` in the tables, as exported (a case's narrative unredacted). */
function recordText(ctx: AnalysisContext, place: number): string | null {
  return place < ctx.messages.length ? ctx.messages.at(place)!.text : ctx.cases[place - ctx.messages.length]!.text;
}

/** The summary fields of the texts' classification (the Pareto, its denominators and time line), in their order. */
function summaryOf({ classifiedByKind, consideredVolume, pareto, bucketMs, bucketStarts }: TextFaults): FaultsSummary {
  return { classifiedByKind, consideredVolume, pareto, bucketMs, bucketStarts };
}

/** The texts' faults from the cache, or their matching against the taxonomy under way. */
type FaultMatching =
  | { cachedResult: TextFaults }
  | { retweetIds: Set<string>; matches: Started<(position: number) => TextTaskResult<'fault-match'>>; store: (result: TextFaults) => Promise<void> };

// Matching the texts against the taxonomy is most of the work: started once sentiment and the timeline are there,
// it runs on the host's worker threads while the crisis analyses run here. It keeps only the distinct texts: `run`
// reads the records in scope again (the messages themselves, no copies) rather than hold them through the analyses between.
const faultMatching = startedWork(async (ctx): Promise<FaultMatching | null> => {
  const { coded, items, customers } = scopedFaultTexts(ctx);
  const { configured, taxonomy } = faultTaxonomy(ctx, coded);
  if ((!customers && !coded.records.length) || Object.keys(taxonomy).length === 0) return null;
  // Retweets the export flags as such: one already counted is not evidence again (nlp/faults/evidence.ts).
  const retweetIds = flaggedRetweetIds(ctx.messages);
  // 'positions': entries hold `positions` (entries written before it do not, and are not read).
  const key = keyParts(FAULTS_VERSION, 'positions', JSON.stringify(configured), String(timelineFrame(ctx).bucketMs), [...retweetIds].join(','), inputKey(items));
  const entry = await lookUp<TextFaults>(ctx.cache, 'faults', key);
  if (entry.value !== undefined) return { cachedResult: entry.value };
  const texts = items.map((m) => m.text);
  return { retweetIds, matches: startByPosition(ctx.textMapper, 'fault-match', { taxonomy: configured }, texts), store: (r) => entry.store(r) };
});

/**
 * The texts' faults (null when there is nothing to classify): from the cache, or
 * classified with the matches {@link faultMatching} started. Its own function,
 * so that the matches of every text are garbage once the faults are made.
 */
async function textFaults(ctx: AnalysisContext, items: RowList<TextMessage>, configured: FaultTaxonomy, bucketMs: number | undefined, announce: () => void): Promise<TextFaults | null> {
  const matching = await faultMatching.take(ctx);
  if (!matching) return null;
  announce();
  if ('cachedResult' in matching) return matching.cachedResult;
  const text = classifyFaults(items, configured, { bucketMs, matchAt: await matching.matches.join(), retweetIds: matching.retweetIds });
  await matching.store(text);
  return text;
}

/** The configured faults, and those a source's fault column adds. */
function faultTaxonomy(ctx: AnalysisContext, coded: ReturnType<typeof codedRecords>): { configured: FaultTaxonomy; structured: ReturnType<typeof structuredFaults> | null; taxonomy: FaultTaxonomy } {
  const configured: FaultTaxonomy = ctx.config.faults;
  const structured = coded.records.length ? structuredFaults(coded.records, configured, ctx.config.faultCodes) : null;
  return { configured, structured, taxonomy: { ...configured, ...structured?.added } };
}

/**
 * The texts the faults analysis classifies: {@link faultTexts}'s in fault
 * scope (customers' negative or unlabelled texts), in the same order, as the
 * records themselves (no labelled copy of a million messages). Their
 * sentiment decided their scope, so they carry none: each is in scope as it
 * stands. `customers`: whether any customer text was read, in scope or not.
 */
export function scopedFaultTexts(ctx: AnalysisContext): { coded: ReturnType<typeof codedRecords>; items: RowList<TextMessage>; caseTextCount: number; customers: boolean } {
  const coded = codedRecords(ctx);
  const { items: texts, labels, source } = labelledTexts(ctx);
  // Tickets say what broke even when the crisis also has social posts.
  const cases = source === 'messages' ? caseTexts(ctx) : [];
  let customers = false;
  const inScope = (m: TextMessage, sentiment: TextMessage['sentiment']): boolean => {
    // A record with a fault column takes its faults from it: its text is not classified as well.
    if (coded.ids.size && coded.ids.has(m.id)) return false;
    if (!m.isBrand) customers = true;
    return labelsInFaultScope(m.isBrand, sentiment);
  };
  // By position: the messages are read from their table again when needed, not kept as objects through the analyses.
  const positions: number[] = [];
  for (let i = 0; i < texts.length; i++) if (inScope(texts.at(i)!, labels.sentiment(i))) positions.push(i);
  const items = new PickedRows(texts, Int32Array.from(positions), cases.filter((c) => inScope(c, c.sentiment)));
  return { coded, items, caseTextCount: cases.length + (source === 'cases' ? texts.length : 0), customers };
}

/**
 * The records `debrief faults suggest` reads: those with a fault column
 * (`coded`), and the texts the faults analysis reads — customer-facing
 * messages, then case narratives, without the coded records — as labelled
 * copies, in or out of fault scope ({@link scopedFaultTexts} keeps those in it).
 */
export function faultTexts(ctx: AnalysisContext): { coded: ReturnType<typeof codedRecords>; items: TextMessage[]; caseTextCount: number } {
  const coded = codedRecords(ctx);
  const fromMessages = textMessages(ctx);
  // Tickets say what broke even when the crisis also has social posts.
  const cases = fromMessages.source === 'messages' ? caseTexts(ctx) : [];
  // A record with a fault column takes its faults from it: its text is not classified as well.
  return {
    coded,
    items: [...fromMessages.items, ...cases].filter((m) => !coded.ids.has(m.id)),
    // Case texts read (coded ones included), for `casesConsidered`.
    caseTextCount: cases.length + (fromMessages.source === 'cases' ? fromMessages.items.length : 0),
  };
}

/** Ids of the messages the export flags as retweets. */
export function flaggedRetweetIds(messages: MessageRows): Set<string> {
  const ids = new Set<string>();
  for (const m of messages) if (retweetFlagged(m.attributes)) ids.add(m.id);
  return ids;
}
