/**
 * The texts and taxonomies the fault-evidence precision is measured on
 * (tests/fixtures/fault-evidence-labels.csv): the two sample crises with text
 * faults, ingested as `debrief analyze` does, and three real sets from
 * ../shared/data with their taxonomies. Test-only (Node fs).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseFaultLibrary } from '../../../../src/analysis/config/fault-library.ts';
import { parseFaultTaxonomy, type FaultTaxonomy, type TextMessage } from '../../../../src/analysis/nlp/faults/index.ts';
import { createSentimentScorer } from '../../../../src/analysis/nlp/sentiment/index.ts';
import { loadCrisisTexts } from '../../../../src/cli/faults-suggest.ts';
import { AIRLINE_CSV, CFPB_CSV, TWCS_CSV, haveData, loadAirline, loadCfpb, loadTwcs } from '../themes/datasets.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** One source of fault assignments. */
export interface EvidenceSource {
  name: string;
  items: TextMessage[];
  taxonomy: FaultTaxonomy;
  retweetIds: ReadonlySet<string>;
}

function fixtureTaxonomy(name: string): FaultTaxonomy {
  return parseFaultTaxonomy((parse(readFileSync(`${ROOT}tests/fixtures/taxonomies/${name}.yaml`, 'utf8')) as { faults: unknown }).faults);
}

/** Source names, in the order the sample was drawn. */
export const SOURCE_NAMES = ['smartlock-firmware-2024', 'cfpb-credit-bureaus-2019', 'airline', 'cfpb', 'twcs'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** True when the real set behind a source is present (the sample crises always are). */
export function sourcePresent(name: SourceName): boolean {
  if (name === 'airline') return haveData(AIRLINE_CSV);
  if (name === 'cfpb') return haveData(CFPB_CSV);
  if (name === 'twcs') return haveData(TWCS_CSV);
  return true;
}

/**
 * Loads one source. Sample crises: their crisis.yaml faults and the pipeline's
 * sentiment. Airline: tuned taxonomy, the human sentiment label. CFPB: its
 * taxonomy, no sentiment (all in scope, as cases are). TWCS (head 5k): the
 * fault library's text faults, sentiment from the shipped scorer as the
 * pipeline would give it.
 */
export async function loadSource(name: SourceName): Promise<EvidenceSource> {
  if (name === 'smartlock-firmware-2024' || name === 'cfpb-credit-bureaus-2019') {
    const t = await loadCrisisTexts(`${ROOT}data/${name}`, { quiet: true, workers: 0 });
    return { name, items: t.items, taxonomy: t.taxonomy, retweetIds: t.retweetIds };
  }
  if (name === 'airline') return { name, items: loadAirline(), taxonomy: fixtureTaxonomy('airline'), retweetIds: new Set() };
  if (name === 'cfpb') return { name, items: loadCfpb(), taxonomy: fixtureTaxonomy('cfpb'), retweetIds: new Set() };
  const library = parseFaultLibrary(readFileSync(`${ROOT}data/faults.yaml`, 'utf8'));
  const taxonomy: FaultTaxonomy = {};
  for (const [id, f] of Object.entries(library.faults)) if (f.keywords.length || f.patterns.length) taxonomy[id] = f;
  const score = createSentimentScorer();
  const items = loadTwcs().map((m) => ({ ...m, sentiment: score(m.text).label }));
  return { name, items, taxonomy, retweetIds: new Set() };
}
