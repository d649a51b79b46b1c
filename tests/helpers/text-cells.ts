/** Text cells of the sample crises and of the real tweet and complaint sets, for tests that hold a fast path to its definition. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { sharedData } from './shared-data.ts';

/** Every non-empty cell of the CSV files. */
export function cellsOf(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const rows = Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true }).data;
    for (const row of rows) for (const cell of row) if (cell) out.push(cell);
  }
  return out;
}

/** Every non-empty cell of the sample crises' CSV files (`data/`). */
export function sampleCells(): string[] {
  const root = path.resolve(import.meta.dirname, '../../data');
  return cellsOf(readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv')).map((f) => path.join(root, f)));
}

const REAL_SETS = ['twcs-head-5k/twcs.csv', 'twcs-random-5k/twcs_small.csv', 'twcs-brand-replies', 'airline-sentiment/Tweets-dev.csv', 'cfpb-complaints-sample/complaints_sample.csv'];

/** The real tweet and complaint sets in `../shared/data`: whether all are there, and their cells (read when asked). */
export function realSetCells(): { exists: boolean; cells: () => string[] } {
  const sets = REAL_SETS.map((rel) => sharedData(rel));
  return {
    exists: sets.every((s) => s.exists),
    cells: () => cellsOf(sets.flatMap((s) => (s.path.endsWith('.csv') ? [s.path] : readdirSync(s.path).filter((f) => f.endsWith('.csv')).map((f) => path.join(s.path, f))))),
  };
}

/**
 * `count` random strings, each 1 to `maxLength` draws long; a draw is one of `alphabet`'s characters or, one time
 * in `pieceOdds`, a whole piece. A fixed seed: the same strings every run.
 */
export function randomTexts({ seed, count, maxLength, alphabet, pieces, pieceOdds }: { seed: number; count: number; maxLength: number; alphabet: readonly string[]; pieces: readonly string[]; pieceOdds: number }): string[] {
  let state = seed;
  const random = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = '';
    const length = 1 + random(maxLength);
    for (let k = 0; k < length; k++) t += random(pieceOdds) === 0 ? pieces[random(pieces.length)] : alphabet[random(alphabet.length)];
    texts.push(t);
  }
  return texts;
}
