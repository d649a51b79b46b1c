/**
 * Cuts the CFPB sample crisis out of the team's shared CFPB complaints sample.
 *
 *   npx tsx scripts/excerpt-cfpb.ts [source.csv] [out.csv]
 *
 * defaults: ../shared/data/cfpb-complaints-sample/complaints_sample.csv →
 * data/cfpb-credit-bureaus-2019/complaints.csv
 *
 * The story: complaints against the three nationwide credit bureaus (Equifax,
 * Experian, TransUnion) received from Monday 2019-02-18 to Sunday 2019-04-28,
 * ten weeks around the late-March/early-April surge in the sample.
 *
 * Records are copied verbatim: the original header, field order, quoting,
 * `YYYY/M/D` dates, CRLF record ends and narratives' embedded line breaks are
 * all kept, in the source's own order. Only whole records are selected; nothing
 * inside a record is touched. Deterministic: the same source gives the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_CSV = path.resolve(ROOT, '../shared/data/cfpb-complaints-sample/complaints_sample.csv');
export const SLUG = 'cfpb-credit-bureaus-2019';
export const OUTPUT_CSV = path.join(ROOT, 'data', SLUG, 'complaints.csv');

/** The selection, also written into SOURCE.md. */
export const SELECTION = {
  /** Inclusive, `Date received` as an ISO day. */
  from: '2019-02-18',
  to: '2019-04-28',
  /** `Company` values of the three nationwide consumer reporting agencies, as the CFPB writes them. */
  companies: ['EQUIFAX, INC.', 'Experian Information Solutions Inc.', 'TRANSUNION INTERMEDIATE HOLDINGS, INC.'],
} as const;

const EOL = '\r\n';

/** Splits CSV text into raw records (text between record-ending line breaks outside quotes), verbatim. */
export function splitRawRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted; // an escaped quote ("") toggles twice
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      records.push(text.slice(start, i));
      if (ch === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

/** The fields of one raw record (RFC 4180 quoting). */
export function parseFields(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i];
    if (quoted) {
      if (ch === '"' && record[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** `2019/4/3` (the sample's form) or `04/03/2019` or `2019-04-03` → `2019-04-03`; null otherwise. */
export function isoDay(value: string): string | null {
  let m = value.trim().match(/^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = value.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (m) return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  return null;
}

export interface Excerpt {
  csv: string;
  rows: number;
  withNarrative: number;
  byCompany: Record<string, number>;
}

/** Selects the excerpt's records from the full sample's text. */
export function excerptCfpb(sourceText: string): Excerpt {
  const [header, ...records] = splitRawRecords(sourceText.replace(/^\ufeff/, ''));
  const names = parseFields(header);
  const col = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`the source has no "${name}" column (header: ${names.join(', ')})`);
    return i;
  };
  const date = col('Date received');
  const company = col('Company');
  const narrative = col('Consumer complaint narrative');
  const companies = new Set<string>(SELECTION.companies);
  const kept: string[] = [];
  let withNarrative = 0;
  const byCompany: Record<string, number> = {};
  for (const record of records) {
    if (record === '') continue;
    const fields = parseFields(record);
    if (fields.length !== names.length) throw new Error(`a record has ${fields.length} fields, the header ${names.length}: ${record.slice(0, 80)}`);
    const day = isoDay(fields[date]);
    if (day === null || day < SELECTION.from || day > SELECTION.to || !companies.has(fields[company])) continue;
    kept.push(record);
    if (fields[narrative].trim()) withNarrative++;
    byCompany[fields[company]] = (byCompany[fields[company]] ?? 0) + 1;
  }
  return { csv: [header, ...kept].join(EOL) + EOL, rows: kept.length, withNarrative, byCompany };
}

function main(argv: string[]): void {
  const source = path.resolve(argv[0] ?? SOURCE_CSV);
  const out = path.resolve(argv[1] ?? OUTPUT_CSV);
  const result = excerptCfpb(readFileSync(source, 'utf8'));
  writeFileSync(out, result.csv);
  const companies = Object.entries(result.byCompany).map(([c, n]) => `${c} ${n}`).join('; ');
  console.log(`excerpt-cfpb: ${result.rows} complaints (${result.withNarrative} with a narrative; ${companies}), ${Buffer.byteLength(result.csv)} bytes → ${path.relative(process.cwd(), out)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
