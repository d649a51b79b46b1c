/**
 * Cuts the NHTSA sample quality portfolio out of the team's shared NHTSA
 * complaints and recalls: one crisis directory per model, complaints with
 * their component labels, model years 2015–2025, and the model's recalls as
 * an events file.
 *
 *   npx tsx scripts/excerpt-nhtsa.ts [derived_complaints.csv] [data dir] [derived_recalls.csv]
 *
 * defaults: ../shared/data/nhtsa-components-2015-2025/derived_{complaints,recalls}.csv → data/
 *
 * Complaints are kept in the source's order with the columns a quality team
 * needs (id, make, model, model year, component, incident date, crash, fire,
 * injuries, deaths); the narrative (`N/A` on every row), the repository's
 * sentiment scores and the recall-only columns are left out. Values are not
 * changed. Recalls: see {@link excerptNhtsaRecalls}. Deterministic: the same
 * sources (and fault library) give the same bytes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { codeKey, parseFaultLibrary, type FaultLibrary } from '../src/analysis/config/fault-library.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_CSV = path.resolve(ROOT, '../shared/data/nhtsa-components-2015-2025/derived_complaints.csv');
export const RECALLS_CSV = path.resolve(ROOT, '../shared/data/nhtsa-components-2015-2025/derived_recalls.csv');
export const DATA_DIR = path.join(ROOT, 'data');

/** The models excerpted, one crisis each: one per make, the make's most complained-about compact model. */
export const MODELS = [
  { model: 'Escape', slug: 'nhtsa-ford-escape-2015-2025' },
  { model: 'RAV4', slug: 'nhtsa-toyota-rav4-2015-2025' },
  { model: 'Model 3', slug: 'nhtsa-tesla-model-3-2015-2025' },
] as const;

/** Source columns kept, in this order. */
export const KEPT_COLUMNS = ['record_id', 'make', 'model', 'year', 'component', 'incident_date', 'crash_involved', 'fire_involved', 'injuries', 'deaths'] as const;

/** The excerpt file name inside each crisis directory. */
export const EXCERPT_FILE = 'complaints.csv';

/** The recalls' events file inside each crisis directory (crisis.yaml `eventsFile:`). */
export const RECALLS_FILE = 'recalls.csv';

export interface ModelExcerpt {
  slug: string;
  model: string;
  csv: string;
  rows: number;
}

/** RFC 4180 field: quoted only when it must be. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One excerpt per model of {@link MODELS}, model years 2015–2025, from the source CSV's text. */
export function excerptNhtsa(sourceText: string): ModelExcerpt[] {
  const parsed = Papa.parse<Record<string, string>>(sourceText.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`the source does not parse: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  for (const c of KEPT_COLUMNS) if (!parsed.meta.fields?.includes(c)) throw new Error(`the source has no "${c}" column`);
  return MODELS.map(({ model, slug }) => {
    const rows = parsed.data.filter((r) => r.model === model && Number(r.year) >= 2015 && Number(r.year) <= 2025);
    const lines = [KEPT_COLUMNS.join(','), ...rows.map((r) => KEPT_COLUMNS.map((c) => field(r[c] ?? '')).join(','))];
    return { slug, model, csv: `${lines.join('\n')}\n`, rows: rows.length };
  });
}

export interface RecallsExcerpt {
  slug: string;
  model: string;
  /** The events file (at,label,kind,faults,id,detail). */
  csv: string;
  /** Recall campaigns: one event each. */
  recalls: number;
  /** Source rows they came from (NHTSA lists a campaign once per model year it covers). */
  rows: number;
  /** Campaigns whose component the fault library maps to at least one fault. */
  mapped: number;
  /** Top-level components the library does not map, with their campaigns: what would tie more recalls to faults. */
  unmapped: Record<string, number>;
}

/** A recall's short campaign number: `recall_18V894000` → `18V894` (NHTSA's trailing `000` dropped). */
export function campaignOf(recordId: string): { id: string; short: string } {
  const id = recordId.replace(/^recall_/, '');
  return { id, short: id.replace(/000$/, '') };
}

/** Lower case, keeping what NHTSA writes in parentheses (`(PRNDL)`, `(ESC)`) and vowel-less abbreviations (`BCM`, `TPMS`) as they are. */
function lower(text: string): string {
  const word = (w: string) => (/^[B-DF-HJ-NP-TV-Z]{2,}$/.test(w) ? w : w.toLowerCase());
  return text.split(/(\([^)]*\))/).map((part, i) => (i % 2 ? part : part.replace(/[A-Za-z]+/g, word))).join('');
}

/** `Recall 18V894: Equipment – engine block heater` from the campaign and NHTSA's component path (`EQUIPMENT:ELECTRICAL:ENGINE BLOCK HEATER`). */
export function recallLabel(short: string, component: string): string {
  const parts = component.split(':').map((p) => p.trim()).filter(Boolean);
  const system = lower(parts[0] ?? 'unknown component');
  const head = system.charAt(0).toUpperCase() + system.slice(1);
  return `Recall ${short}: ${head}${parts.length > 1 ? ` – ${lower(parts.at(-1)!)}` : ''}`;
}

/**
 * The fault ids of a recall's component: its top level (before the first `:`),
 * split at commas as complaint components are (`FUEL SYSTEM, GASOLINE`), each
 * part looked up in the library's `codes:`; parts the library lacks are
 * returned apart.
 */
export function recallFaults(component: string, library: FaultLibrary): { faults: string[]; unmapped: string[] } {
  const codes = new Map<string, string>();
  for (const [id, f] of Object.entries(library.faults).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) for (const c of f.codes) if (!codes.has(codeKey(c))) codes.set(codeKey(c), id);
  const faults: string[] = [];
  const unmapped: string[] = [];
  for (const part of (component.split(':')[0] ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const id = codes.get(codeKey(part));
    if (id === undefined) unmapped.push(part);
    else if (!faults.includes(id)) faults.push(id);
  }
  return { faults, unmapped };
}

/**
 * The recalls of each model of {@link MODELS} (model years 2015–2025) as an
 * events file: one row per campaign (NHTSA repeats a campaign for each model
 * year it covers; the rows are identical otherwise), by recall date then
 * campaign; `at` the recall date at midnight in the crisis's zone (NHTSA
 * gives the day only), kind `recall`, `faults` the component mapped through
 * the fault `library`, `id` the campaign number, `detail` the defect summary
 * with runs of spaces collapsed.
 */
export function excerptNhtsaRecalls(sourceText: string, library: FaultLibrary): RecallsExcerpt[] {
  const parsed = Papa.parse<Record<string, string>>(sourceText.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`the recalls do not parse: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  for (const c of ['record_id', 'model', 'year', 'component', 'body', 'recall_date']) if (!parsed.meta.fields?.includes(c)) throw new Error(`the recalls have no "${c}" column`);
  return MODELS.map(({ model, slug }) => {
    const rows = parsed.data.filter((r) => r.model === model && Number(r.year) >= 2015 && Number(r.year) <= 2025);
    const campaigns = new Map<string, Record<string, string>>();
    for (const r of rows) if (!campaigns.has(r.record_id!)) campaigns.set(r.record_id!, r);
    const unmapped: Record<string, number> = {};
    let mapped = 0;
    const events = [...campaigns.values()].map((r) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.recall_date!)) throw new Error(`recall ${r.record_id}: recall_date "${r.recall_date}" is not a day`);
      const { id, short } = campaignOf(r.record_id!);
      const f = recallFaults(r.component!, library);
      if (f.faults.length) mapped++;
      for (const u of f.unmapped) unmapped[u] = (unmapped[u] ?? 0) + 1;
      return { at: `${r.recall_date} 00:00`, label: recallLabel(short, r.component!), kind: 'recall', faults: f.faults.join(';'), id, detail: `${r.component}: ${r.body!.replace(/\s+/g, ' ').trim()}` };
    });
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const columns = ['at', 'label', 'kind', 'faults', 'id', 'detail'] as const;
    const lines = [columns.join(','), ...events.map((e) => columns.map((c) => field(e[c])).join(','))];
    return { slug, model, csv: `${lines.join('\n')}\n`, recalls: events.length, rows: rows.length, mapped, unmapped: Object.fromEntries(Object.entries(unmapped).sort(([a], [b]) => (a < b ? -1 : 1))) };
  });
}

function main(argv: string[]): void {
  const source = path.resolve(argv[0] ?? SOURCE_CSV);
  const dataDir = path.resolve(argv[1] ?? DATA_DIR);
  const recallsSource = path.resolve(argv[2] ?? RECALLS_CSV);
  for (const e of excerptNhtsa(readFileSync(source, 'utf8'))) {
    const out = path.join(dataDir, e.slug, EXCERPT_FILE);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, e.csv);
    console.log(`excerpt-nhtsa: ${e.model}: ${e.rows} complaints, ${Buffer.byteLength(e.csv)} bytes → ${path.relative(process.cwd(), out)}`);
  }
  const libraryFile = path.join(dataDir, 'faults.yaml');
  const library = parseFaultLibrary(readFileSync(libraryFile, 'utf8'), libraryFile);
  for (const e of excerptNhtsaRecalls(readFileSync(recallsSource, 'utf8'), library)) {
    const out = path.join(dataDir, e.slug, RECALLS_FILE);
    writeFileSync(out, e.csv);
    const unmapped = Object.entries(e.unmapped).map(([c, n]) => `${c} ${n}`).join(', ');
    console.log(`excerpt-nhtsa: ${e.model}: ${e.recalls} recalls (${e.rows} rows), ${e.mapped} tied to a library fault, ${Buffer.byteLength(e.csv)} bytes → ${path.relative(process.cwd(), out)}${unmapped ? `; components the library lacks: ${unmapped}` : ''}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
