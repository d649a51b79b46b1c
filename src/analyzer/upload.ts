/**
 * The files a reader chose on `/analyze/`, as the crisis directory the
 * pipeline reads (`memoryCrisisFiles`): each file by its own name, as if it
 * were in `data/<slug>/`. The crisis's slug (its name in URLs and the salt of
 * its pseudonyms) is the reader's to choose, checked as `debrief new` checks
 * it. Pure.
 */

/** One chosen file: its name (without folders) and bytes. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** What the pipeline reads as data (the CLI's ingest reads the same extensions). */
const DATA_FILE = /\.(csv|tsv|txt|json|ndjson|jsonl)$/i;

/** A slug as `debrief new` accepts it. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The chosen files as file name → bytes. Throws, naming the files, when two
 * have the same name (from different folders: a directory cannot hold both)
 * or when none is a data file or a crisis.yaml.
 */
export function uploadedCrisisFiles(files: readonly UploadedFile[]): Record<string, Uint8Array> {
  if (!files.length) throw new Error('no file chosen: choose one or more exports (CSV, JSON or NDJSON) and, if you have one, their crisis.yaml');
  const out: Record<string, Uint8Array> = {};
  for (const f of files) {
    if (Object.hasOwn(out, f.name)) throw new Error(`${f.name}: chosen twice (two files of that name); a crisis directory holds one file per name, so rename one`);
    out[f.name] = f.bytes;
  }
  if (!files.some((f) => DATA_FILE.test(f.name) || f.name === 'crisis.yaml')) {
    throw new Error(`${files.map((f) => f.name).join(', ')}: not an export Debrief reads; choose CSV, TSV, JSON or NDJSON files (.csv, .tsv, .txt, .json, .ndjson, .jsonl) and optionally a crisis.yaml`);
  }
  return out;
}

/** A slug to offer for these files: the first data file's name in lower-case words joined by dashes (`Posts Export.csv` → `posts-export`). */
export function suggestedSlug(names: readonly string[]): string {
  const first = [...names].sort().find((n) => DATA_FILE.test(n)) ?? 'my-crisis';
  const words = first.replace(/\.[^.]*$/, '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return words || 'my-crisis';
}

/** Null when `slug` is usable; otherwise why not (as `debrief new` says it). */
export function slugProblem(slug: string): string | null {
  return SLUG.test(slug) ? null : `"${slug}" is not a usable name: use lower-case letters, digits and dashes, starting with a letter or digit`;
}
