/**
 * `debrief faults suggest <crisis-dir>` and `debrief faults accept <crisis-dir>`:
 * keywords for each configured fault taken from the crisis's own texts, and
 * candidate faults, written to `faults.suggested.yaml` for review; `accept`
 * adds what is left in that file to crisis.yaml's `faults:`, where the next
 * `debrief analyze` uses it (see analysis/nlp/faults/suggest.ts).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeCrisis } from '../analysis/pipeline.ts';
import type { Analysis } from '../analysis/runner/analysis.ts';
import { sentimentAnalysis } from '../analysis/language/sentiment-analysis.ts';
import { faultTexts, flaggedRetweetIds } from '../analysis/language/faults-analysis.ts';
import type { FaultTaxonomy, TextMessage } from '../analysis/nlp/faults/index.ts';
import { suggestFaults, type FaultSuggestions } from '../analysis/nlp/faults/suggest.ts';
import { mergeSuggestedFaults, readSuggestedFaults, renderSuggestionsYaml, usageNote } from '../analysis/nlp/faults/suggest-yaml.ts';
import { parseCrisisConfig } from '../analysis/config/crisis-config.ts';
import { readFaultLibraryFor } from '../node/fault-library-file.ts';
import { nodeCrisisFiles } from '../node/files.ts';
import { createWorkerMapper } from '../node/worker-mapper.ts';
import { ENGINES, lazyEngine, openEngine, type EngineName } from './engines.ts';
import { checkCrisis } from './preflight.ts';
import { progress } from './progress.ts';

/** The file `suggest` writes and `accept` reads, in the crisis directory. */
export const SUGGESTED_FILE = 'faults.suggested.yaml';

const USAGE = `usage:
  debrief faults suggest <crisis-dir> [--out <file>] [--top N] [--quiet] [--engine wasm|native] [--workers N]
      keywords for each fault of crisis.yaml, from the crisis's own texts, ambiguous keywords with a
      context: fix, and candidate faults;
      printed, and written to <crisis-dir>/${SUGGESTED_FILE} (or --out) in crisis.yaml's faults: format
  debrief faults accept <crisis-dir> [--from <file>]
      add the keywords and uncommented faults left in ${SUGGESTED_FILE} to crisis.yaml's faults:
      (an ambiguous keyword left under context: moves there from keywords:)`;

/** What the language analyses of a crisis read, as `analyze` ingests it. */
export interface CrisisTexts {
  /** Customer-facing texts (messages, then case narratives) with their sentiment; records with a fault column left out. */
  items: TextMessage[];
  /** Ids of messages the export flags as retweets. */
  retweetIds: Set<string>;
  taxonomy: FaultTaxonomy;
  brandHandles: string[];
}

/**
 * Ingests a crisis directory as `debrief analyze` does and runs the sentiment
 * analysis only (fault scope is the negative and unlabelled texts): the texts
 * the faults analysis would classify.
 */
export async function loadCrisisTexts(dir: string, options: { quiet?: boolean; engine?: EngineName; workers?: number } = {}): Promise<CrisisTexts> {
  const say = progress(!!options.quiet);
  await checkCrisis(dir);
  let out: CrisisTexts | undefined;
  // Reads the texts the faults analysis reads (language/faults-analysis.ts faultTexts).
  const collect: Analysis = {
    name: 'fault-texts',
    needsColumns: ['sentiment'],
    sections: [],
    async run(ctx) {
      out = {
        items: faultTexts(ctx).items,
        retweetIds: flaggedRetweetIds(ctx.messages),
        taxonomy: ctx.config.faults,
        brandHandles: ctx.config.brand.handles,
      };
    },
  };
  const engine = lazyEngine(() => openEngine(options.engine));
  const textMapper = createWorkerMapper({ workers: options.workers, onNote: (m) => say(`  ${m}`) });
  try {
    await analyzeCrisis(nodeCrisisFiles(dir), engine, {
      slug: path.basename(path.resolve(dir)),
      faultLibrary: readFaultLibraryFor(dir),
      analyses: [sentimentAnalysis, collect],
      onProgress: (p) => say.file(p),
      onStep: (m) => say(`  ${m}`),
      textMapper,
    });
  } finally {
    await textMapper.close();
    await engine.close();
  }
  return out!;
}

/** Runs `debrief faults <suggest|accept> …` (argv after `faults`); returns the exit code. */
export async function faultsCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, from: { type: 'string' }, top: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, engine: { type: 'string' }, workers: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [sub, dir, ...extra] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ((sub !== 'suggest' && sub !== 'accept') || !dir || extra.length) return usage(sub === undefined ? 'faults needs suggest or accept, and a crisis directory' : `faults ${sub}: expected \`debrief faults suggest|accept <crisis-dir>\``);
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(top) || top < 1) return usage(`--top must be a whole number ≥ 1 (got "${values.top}")`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) return usage(`--workers must be a whole number ≥ 0 (got "${values.workers}")`);
  if (values.engine !== undefined && !(ENGINES as readonly string[]).includes(values.engine)) return usage(`--engine must be one of ${ENGINES.join(', ')} (got "${values.engine}")`);
  try {
    if (sub === 'suggest') await suggest(dir, { out: values.out, top, quiet: values.quiet, engine: values.engine as EngineName | undefined, workers });
    else accept(dir, values.from);
    return 0;
  } catch (error) {
    process.stderr.write(`debrief: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function usage(message: string): number {
  process.stderr.write(`debrief: ${message}\n${USAGE}\n`);
  return 2;
}

/** `faults suggest`: computes, prints and writes the suggestions. */
async function suggest(dir: string, options: { out?: string; top: number; quiet?: boolean; engine?: EngineName; workers?: number }): Promise<void> {
  const say = progress(!!options.quiet);
  if (!existsSync(path.join(dir, 'crisis.yaml'))) throw new Error(`${path.join(dir, 'crisis.yaml')} not found: faults suggest reads the faults: of a crisis.yaml (\`debrief new <slug>\` writes one)`);
  say(`debrief: reading ${dir}`);
  const crisis = await loadCrisisTexts(dir, options);
  if (!Object.values(crisis.taxonomy).some((f) => f.keywords?.length || f.patterns?.length || f.suggested?.length || f.context?.length)) {
    throw new Error(`${path.join(dir, 'crisis.yaml')} has no fault with keywords: write a few under faults: (e.g. \`lockout: { label: Locked out, keywords: [locked out] }\`), then run faults suggest again`);
  }
  say(`  suggesting keywords from ${crisis.items.length.toLocaleString('en-US')} texts`);
  const suggestions = suggestFaults(crisis.items, crisis.taxonomy, { top: options.top, exclude: crisis.brandHandles, retweetIds: crisis.retweetIds });
  const out = options.out ?? path.join(dir, SUGGESTED_FILE);
  process.stdout.write(formatSuggestions(suggestions));
  writeAtomically(out, renderSuggestionsYaml(suggestions, dir));
  process.stdout.write(`\nwrote ${out}: delete what you do not want, then \`debrief faults accept ${dir}${options.out ? ` --from ${out}` : ''}\` adds the rest to crisis.yaml\n`);
}

/** The suggestions as a person reads them on a terminal. */
export function formatSuggestions(s: FaultSuggestions): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines: string[] = [`${n(s.texts)} distinct texts in fault scope`];
  for (const f of s.faults) {
    lines.push('', `${f.faultId} — ${f.label} (from ${n(f.matched)} of its texts)`);
    if (!f.keywords.length) lines.push('  no keyword stands out');
    const width = Math.max(0, ...f.keywords.map((k) => k.keyword.length));
    for (const k of f.keywords) lines.push(`  ${k.keyword.padEnd(width)}  ${n(k.inFault).padStart(6)} of its texts  ${n(k.elsewhere).padStart(6)} others  G² ${k.keyness.toFixed(1)}`);
    for (const a of f.ambiguous) lines.push(`  ambiguous: "${a.keyword}" ${usageNote(a)}`, `    fix: count it only within ${a.within} words of ${a.near.join(', ')}`);
  }
  lines.push('', s.candidates.length ? `candidate faults (${n(s.candidates.length)} of ${n(s.candidatesTotal)}):` : 'candidate faults: none recurs');
  for (const c of s.candidates) lines.push(`  ${c.label} (${n(c.count)} texts)`);
  return `${lines.join('\n')}\n`;
}

/** `faults accept`: adds what the suggestions file holds to crisis.yaml's faults:. */
function accept(dir: string, from: string | undefined): void {
  const file = from ?? path.join(dir, SUGGESTED_FILE);
  const yamlFile = path.join(dir, 'crisis.yaml');
  if (!existsSync(file)) throw new Error(`${file} not found: run \`debrief faults suggest ${dir}\` first`);
  if (!existsSync(yamlFile)) throw new Error(`${yamlFile} not found`);
  const { text, added, contexts } = mergeSuggestedFaults(readFileSync(yamlFile, 'utf8'), readSuggestedFaults(readFileSync(file, 'utf8'), file));
  // The merged file must still be a valid crisis.yaml (a label that clashes with the fault library, say).
  parseCrisisConfig(text, yamlFile, readFaultLibraryFor(dir));
  const count = [...added.values()].reduce((sum, k) => sum + k.length, 0);
  const moved = [...contexts.values()].flat().flatMap((c) => c.keywords);
  if (count === 0 && moved.length === 0) {
    process.stdout.write(`nothing to add: crisis.yaml already has every keyword in ${file}\n`);
    return;
  }
  writeAtomically(yamlFile, text);
  for (const [id, keywords] of added) if (keywords.length) process.stdout.write(`${id}: + ${keywords.join(', ')}\n`);
  for (const [id, entries] of contexts) process.stdout.write(`${id}: only near a word of the fault: ${entries.flatMap((c) => c.keywords).join(', ')}\n`);
  process.stdout.write(`added ${count} keyword(s)${moved.length ? `, ${moved.length} ambiguous keyword(s) moved under context:` : ''} to ${yamlFile}; \`debrief analyze\` uses them\n`);
}

/** Writes beside the target and renames over it: a crash leaves the old file or the new one. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (error) {
    throw new Error(`cannot write ${file}: ${(error as Error).message} (check the directory exists and is writable, or pass --out)`);
  }
}
