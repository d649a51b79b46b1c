/**
 * Cuts the NHTSA sample quality portfolio out of the team's shared NHTSA
 * complaints: one crisis directory per model, complaints with their component
 * labels, model years 2015–2025.
 *
 *   npx tsx scripts/excerpt-nhtsa.ts [derived_complaints.csv] [data dir]
 *
 * defaults: ../shared/data/nhtsa-components-2015-2025/derived_complaints.csv → data/
 *
 * Rows are kept in the source's order with the columns a quality team needs
 * (id, make, model, model year, component, incident date, crash, fire,
 * injuries, deaths); the narrative (`N/A` on every row), the repository's
 * sentiment scores and the recall-only columns are left out. Values are not
 * changed. Deterministic: the same source gives the same bytes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_CSV = path.resolve(ROOT, '../shared/data/nhtsa-components-2015-2025/derived_complaints.csv');
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

function main(argv: string[]): void {
  const source = path.resolve(argv[0] ?? SOURCE_CSV);
  const dataDir = path.resolve(argv[1] ?? DATA_DIR);
  for (const e of excerptNhtsa(readFileSync(source, 'utf8'))) {
    const out = path.join(dataDir, e.slug, EXCERPT_FILE);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, e.csv);
    console.log(`excerpt-nhtsa: ${e.model}: ${e.rows} complaints, ${Buffer.byteLength(e.csv)} bytes → ${path.relative(process.cwd(), out)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
