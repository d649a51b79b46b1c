/**
 * Applies the ambiguous-keyword check of `debrief faults suggest`
 * (src/analysis/nlp/faults/ambiguous.ts) to the tuned test taxonomies
 * (tests/fixtures/taxonomies/airline.yaml and cfpb.yaml), mechanically: the
 * suggestions are computed on the texts their tests score (evidence-sources.ts),
 * written as `faults.suggested.yaml` would be, every keyword suggestion deleted
 * and every `context:` proposal kept as proposed, then merged as `debrief faults
 * accept` merges it. Run once per taxonomy; a second run finds nothing to move.
 *
 *   npx tsx tests/analysis/nlp/faults/apply-ambiguity-fixes.ts airline cfpb
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suggestFaults } from '../../../../src/analysis/nlp/faults/suggest.ts';
import { mergeSuggestedFaults, readSuggestedFaults, renderSuggestionsYaml } from '../../../../src/analysis/nlp/faults/suggest-yaml.ts';
import { loadSource } from './evidence-sources.ts';

const BRANDS: Record<string, string[]> = { airline: ['united', 'USAirways', 'AmericanAir', 'SouthwestAir', 'JetBlue', 'VirginAmerica'], cfpb: [] };

for (const name of process.argv.slice(2)) {
  if (name !== 'airline' && name !== 'cfpb') throw new Error(`${name}: expected airline or cfpb`);
  const file = fileURLToPath(new URL(`../../../fixtures/taxonomies/${name}.yaml`, import.meta.url));
  const source = await loadSource(name);
  const suggestions = suggestFaults(source.items, source.taxonomy, { exclude: BRANDS[name], retweetIds: source.retweetIds });
  // The user's review: keyword suggestions and candidate faults deleted, the ambiguity fixes kept as proposed.
  const kept = { ...suggestions, candidates: [], faults: suggestions.faults.map((f) => ({ ...f, keywords: [] })) };
  const yaml = renderSuggestionsYaml(kept, `the ${name} test set`);
  const { text, contexts } = mergeSuggestedFaults(readFileSync(file, 'utf8'), readSuggestedFaults(yaml, `${name}.suggested.yaml`));
  writeFileSync(file, text);
  for (const [id, entries] of contexts) process.stdout.write(`${name} ${id}: only near a word of the fault: ${entries.flatMap((c) => c.keywords).join(', ')}\n`);
}
