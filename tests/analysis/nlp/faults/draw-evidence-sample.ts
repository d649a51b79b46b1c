/**
 * Draws the fault assignments behind tests/fixtures/fault-evidence-labels.csv:
 * 20 from each of the five sources (evidence-sources.ts), uniformly at random
 * among the assignments the matcher made BEFORE the complaint checks (each
 * in-scope message's best keyword or pattern hit, evidence.ts not applied),
 * with mulberry32 seeded 1212 (issue 12, item 5), or the seed given as the
 * first argument (2626 drew the second sample,
 * tests/fixtures/fault-evidence-labels-2.csv, after the context rules were
 * written from the first; 3939 the third, fault-evidence-labels-3.csv, in the
 * second round; 4848 the fourth, fault-evidence-labels-4.csv, after the
 * ambiguous-keyword fixes of the test taxonomies; 5959 the fifth, fault-evidence-labels-5.csv, before the
 * rules of the fourth round were tried). Prints CSV rows with an empty label and reason, to
 * be filled in by hand, and what the current code does with each (`now`: the
 * fault assigned now, or empty).
 *
 *   npx tsx tests/analysis/nlp/faults/draw-evidence-sample.ts [seed] > /tmp/draw.csv
 */
import Papa from 'papaparse';
import { mulberry32 } from '../../../../src/analysis/random.ts';
import { classifyFaults, inFaultScope } from '../../../../src/analysis/nlp/faults/index.ts';
import { compileTaxonomy } from '../../../../src/analysis/nlp/faults/compile.ts';
import { chooseFault, findHits } from '../../../../src/analysis/nlp/faults/match.ts';
import { SOURCE_NAMES, loadSource, sourcePresent } from './evidence-sources.ts';

/** The seed and the draw per source. */
export const SEED = process.argv[2] ? Number(process.argv[2]) : 1212;
if (!Number.isInteger(SEED)) throw new Error(`seed must be a whole number, not ${process.argv[2]}`);
export const PER_SOURCE = 20;

const rows: string[][] = [];
const rng = mulberry32(SEED);
for (const name of SOURCE_NAMES) {
  if (!sourcePresent(name)) throw new Error(`${name}: data not found`);
  const source = await loadSource(name);
  const compiled = compileTaxonomy(source.taxonomy);
  const before: { id: string; text: string; fault: string }[] = [];
  const seen = new Map<string, string | null>();
  for (const m of source.items) {
    if (!inFaultScope(m)) continue;
    let fault = seen.get(m.text);
    if (fault === undefined) seen.set(m.text, (fault = chooseFault(m.text, findHits(m.text, compiled), compiled)?.faultId ?? null));
    if (fault !== null) before.push({ id: m.id, text: m.text, fault });
  }
  const now = classifyFaults(source.items, source.taxonomy, { retweetIds: source.retweetIds }).assignments;
  // Partial Fisher-Yates: the first PER_SOURCE of a seeded shuffle.
  for (let i = 0; i < PER_SOURCE; i++) {
    const j = i + Math.floor(rng() * (before.length - i));
    [before[i], before[j]] = [before[j]!, before[i]!];
    const a = before[i]!;
    rows.push([name, a.id, a.text, a.fault, '', '', now[a.id]?.faultId ?? '']);
  }
  process.stderr.write(`${name}: ${before.length} assignments before, ${Object.keys(now).length} now\n`);
}
process.stdout.write(Papa.unparse({ fields: ['source', 'id', 'text', 'fault', 'label', 'reason', 'now'], data: rows }) + '\n');
