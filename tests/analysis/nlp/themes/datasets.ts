/**
 * Loaders for the real data sets in ../shared/data (test-only, Node fs).
 * Tests that use them must skip visibly when the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { TextMessage } from '../../../../src/analysis/nlp/phrases/types.ts';

// DEBRIEF_SHARED_DATA overrides the location (e.g. to check that tests skip cleanly).
const root = process.env['DEBRIEF_SHARED_DATA'] ?? fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

export const AIRLINE_CSV = `${root}airline-sentiment/Tweets-dev.csv`;
export const TWCS_CSV = `${root}twcs-head-5k/twcs.csv`;
export const CFPB_CSV = `${root}cfpb-complaints-sample/complaints_sample.csv`;

/** True when the file exists; otherwise logs why the dependent tests skip. */
export function haveData(path: string): boolean {
  const ok = existsSync(path);
  if (!ok) console.warn(`[skip] ${path} not found: real-data tests skipped`);
  return ok;
}

function readCsv(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data;
}

/** An airline tweet plus its gold labels. */
export interface AirlineRow extends TextMessage {
  airlineSentiment: string;
  negativeReason: string;
  /** CrowdFlower's agreement on `negativeReason` (1 = every annotator agreed; NaN when there is none). */
  negativeReasonConfidence: number;
}

/** Tweets-dev.csv as messages (timestamps carry a -0800 offset; Date parses it). */
export function loadAirline(): AirlineRow[] {
  return readCsv(AIRLINE_CSV).map((r) => ({
    id: r['tweet_id']!,
    text: r['text'] ?? '',
    createdAt: Date.parse((r['tweet_created'] ?? '').replace(' ', 'T').replace(' ', '')),
    isBrand: false,
    airlineSentiment: r['airline_sentiment'] ?? '',
    negativeReason: r['negativereason'] ?? '',
    negativeReasonConfidence: Number(r['negativereason_confidence'] || NaN),
    sentiment: (r['airline_sentiment'] as TextMessage['sentiment']) || undefined,
  }));
}

/** twcs-head-5k: inbound=False rows are brand replies. */
export function loadTwcs(): TextMessage[] {
  return readCsv(TWCS_CSV)
    .filter((r) => r['tweet_id'] && r['text'] !== undefined)
    .map((r) => ({
      id: r['tweet_id']!,
      text: r['text'] ?? '',
      createdAt: Date.parse(r['created_at'] ?? ''),
      isBrand: r['inbound'] === 'False',
    }));
}

/** A CFPB complaint with a narrative, plus its gold issue. */
export interface CfpbRow extends TextMessage {
  issue: string;
  product: string;
}

/** CFPB complaints that have a consumer narrative. */
export function loadCfpb(): CfpbRow[] {
  return readCsv(CFPB_CSV)
    .filter((r) => (r['Consumer complaint narrative'] ?? '').trim() !== '')
    .map((r) => ({
      id: r['Complaint ID']!,
      text: r['Consumer complaint narrative']!,
      createdAt: Date.parse((r['Date received'] ?? '').replace(/\//g, '-').replace(/-(\d)(?=-|$)/g, '-0$1') + 'T00:00:00Z'),
      isBrand: false,
      issue: r['Issue'] ?? '',
      product: r['Product'] ?? '',
    }));
}

const SAMPLES = fileURLToPath(new URL('../../../../data/', import.meta.url));
export const SMARTLOCK_CSV = `${SAMPLES}smartlock-firmware-2024/posts.csv`;
export const BUREAUS_CSV = `${SAMPLES}cfpb-credit-bureaus-2019/complaints.csv`;
/** The brand handles of data/smartlock-firmware-2024/crisis.yaml. */
export const SMARTLOCK_HANDLES = ['LatchlySupport', 'Latchly', 'Latchly_Official'];
/** The bureaus' names, the "handles" of data/cfpb-credit-bureaus-2019/crisis.yaml. */
export const BUREAUS_HANDLES = ['Equifax', 'Experian', 'TransUnion', 'Trans Union'];

/** The sample crisis data/smartlock-firmware-2024 as messages (the brand's by author). */
export function loadSmartlock(): TextMessage[] {
  const brand = new Set(SMARTLOCK_HANDLES.map((h) => h.toLowerCase()));
  return readCsv(SMARTLOCK_CSV).map((r) => ({
    id: r['id']!,
    text: r['text'] ?? '',
    createdAt: Date.parse(r['created_at'] ?? ''),
    isBrand: brand.has((r['author'] ?? '').toLowerCase()),
  }));
}

/** The sample crisis data/cfpb-credit-bureaus-2019: its complaint narratives, redactions blanked as the analysis does. */
export function loadBureaus(): TextMessage[] {
  return readCsv(BUREAUS_CSV)
    .filter((r) => (r['Consumer complaint narrative'] ?? '').trim() !== '')
    .map((r) => {
      const [y, m, d] = (r['Date received'] ?? '').split('/').map(Number);
      return {
        id: r['Complaint ID']!,
        text: r['Consumer complaint narrative']!.replace(/\bX{2,}\b/g, ' '),
        createdAt: Date.UTC(y!, m! - 1, d!),
        isBrand: false,
      };
    });
}
