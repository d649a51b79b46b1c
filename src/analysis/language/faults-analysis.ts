/**
 * The `faults` and `candidateFaults` analyses: negative customer messages
 * classified against the crisis.yaml fault taxonomy (with evidence), a Pareto
 * with first/last seen and volume, and recurring complaints no configured
 * fault covers. Cases (tickets, complaints) are classified with the messages.
 */
import { setCaseColumn, setColumn, type Analysis } from '../runner/analysis.ts';
import { cached, keyParts } from '../cache.ts';
import { classifyFaults, FAULTS_VERSION, rankCandidateFaults, inFaultScope, type FaultTaxonomy } from '../nlp/faults/index.ts';
import { faultExamples } from './fault-examples.ts';
import { mapByText } from '../parallel/text-mapper.ts';
import { CASE_PREFIX } from '../model.ts';
import { caseTexts, inputKey, textMessages, timelineFrame } from './text-messages.ts';

export const faultsAnalysis: Analysis = {
  name: 'faults',
  // Buckets and onset from the timeline; scope (negative messages) from the sentiment column.
  needs: ['timeline'],
  needsColumns: ['sentiment'],
  sections: ['faults', 'candidateFaults', 'candidateFaultsTotal'],
  columns: ['fault', 'fault_evidence'],
  async run(ctx) {
    const fromMessages = textMessages(ctx);
    // Tickets say what broke even when the crisis also has social posts.
    const cases = fromMessages.source === 'messages' ? caseTexts(ctx) : [];
    const items = [...fromMessages.items, ...cases];
    if (!items.some((m) => !m.isBrand)) return;
    const frame = timelineFrame(ctx);
    const taxonomy: FaultTaxonomy = ctx.config.faults;
    const hasTaxonomy = Object.keys(taxonomy).length > 0;
    const excluded = new Set<string>();
    const input = inputKey(items);
    if (hasTaxonomy) {
      ctx.progress(`faults: ${items.length.toLocaleString('en-US')} texts, ${Object.keys(taxonomy).length} faults`);
      const key = keyParts(FAULTS_VERSION, JSON.stringify(taxonomy), String(frame.bucketMs), input);
      const result = await cached(ctx.cache, 'faults', key, async () => {
        const texts = items.filter((m) => inFaultScope(m)).map((m) => m.text);
        const matches = await mapByText(ctx.textMapper, 'fault-match', { taxonomy }, texts);
        return classifyFaults(items, taxonomy, { bucketMs: frame.bucketMs, matches });
      });
      for (const [id, a] of Object.entries(result.assignments)) {
        excluded.add(id);
        if (id.startsWith(CASE_PREFIX)) {
          const caseId = id.slice(CASE_PREFIX.length);
          setCaseColumn(ctx, caseId, 'fault', a.faultId);
          setCaseColumn(ctx, caseId, 'fault_evidence', a.evidence.text);
        } else {
          setColumn(ctx, id, 'fault', a.faultId);
          setColumn(ctx, id, 'fault_evidence', a.evidence.text);
        }
      }
      const casesClassified = [...excluded].filter((id) => id.startsWith(CASE_PREFIX)).length;
      // Assignments live in messages.csv and cases.csv (`fault`): per-message detail would bloat report.json.
      const { assignments, ...summary } = result;
      const examples = faultExamples(ctx.messages, ctx.cases, (id) => assignments[id]?.faultId);
      const pareto = summary.pareto.map((f) => ({ ...f, exampleIds: examples.get(f.faultId) ?? [] }));
      ctx.report.sections.faults = { ...summary, pareto, casesConsidered: cases.length + (fromMessages.source === 'cases' ? fromMessages.items.length : 0), casesClassified };
    }
    // Namespace `candidate-faults-seen`: the value (list with first/last seen, and total) is not the shape older entries hold.
    const { candidates, total } = await cached(ctx.cache, 'candidate-faults-seen', keyParts(FAULTS_VERSION, [...excluded].sort().join(','), input), async () => {
      const texts = items.filter((m) => inFaultScope(m) && !excluded.has(m.id)).map((m) => m.text);
      const complaints = await mapByText(ctx.textMapper, 'complaints', {}, texts);
      return rankCandidateFaults(items, { excludeIds: excluded, complaints });
    });
    if (candidates.length) {
      ctx.report.sections.candidateFaults = candidates;
      ctx.report.sections.candidateFaultsTotal = total;
    }
  },
};
