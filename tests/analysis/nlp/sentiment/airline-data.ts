/**
 * Loader for the labelled airline tweets used to train and score the
 * sentiment model (../shared/data/airline-sentiment/Tweets-dev.csv, relative
 * to the project root). Shared by the tests and scripts/sentiment/*.
 *
 * The file is not part of the project: callers must check
 * {@link airlineDataExists} and skip visibly when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { SentimentLabel } from '../../../../src/analysis/nlp/sentiment/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Absolute path of the CSV; override with DEBRIEF_AIRLINE_CSV (e.g. to check the skip path). */
export const AIRLINE_CSV = resolve(ROOT, process.env.DEBRIEF_AIRLINE_CSV ?? '../shared/data/airline-sentiment/Tweets-dev.csv');

/** Whether the CSV is available (it is not shipped with the project). */
export const airlineDataExists: boolean = existsSync(AIRLINE_CSV);

/** One labelled tweet, cleaned. */
export interface AirlineTweet {
  id: string;
  airline: string;
  label: SentimentLabel;
  text: string;
}

/** Minimal HTML entity decoding: the export pipeline decodes entities upstream. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Undo a known defect of the Kaggle file: a bulk replace turned every
 * "Cancel" into "Cancelled Flight" and "Late" into "Late Flight"
 * ("Cancelled Flightled", "Late Flightr"). Real exports never contain it, so
 * training or scoring on the damaged text would measure the wrong thing.
 */
export function repairKaggleText(s: string): string {
  return s.replace(/Cancelled Flight/g, 'Cancel').replace(/Late Flight/g, 'Late');
}

const LABELS = new Set<string>(['negative', 'neutral', 'positive']);

/**
 * Parse, clean and de-duplicate (first row per tweet_id wins: the file holds
 * 155 repeated ids, 18 with conflicting labels) the airline tweets.
 */
export function loadAirlineTweets(path: string = AIRLINE_CSV): AirlineTweet[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`airline CSV: ${parsed.errors.length} parse errors, first: ${parsed.errors[0]?.message}`);
  const seen = new Set<string>();
  const out: AirlineTweet[] = [];
  for (const row of parsed.data) {
    const id = row.tweet_id ?? '';
    const label = row.airline_sentiment ?? '';
    if (seen.has(id) || !LABELS.has(label)) continue;
    seen.add(id);
    out.push({ id, airline: row.airline ?? '', label: label as SentimentLabel, text: repairKaggleText(decodeEntities(row.text ?? '')) });
  }
  return out;
}
