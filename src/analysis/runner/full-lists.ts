/**
 * Full lists: the whole of a ranking a page shows the top of. A report keeps
 * the first N of a list ("the 10 most engaged of 262,896 posts"); the bundle
 * keeps all M as a CSV (`list-<name>.csv`), so "of M" is never a figure the
 * reader cannot check. Analyses add them (declared in `Analysis.lists`); the
 * bundle writer applies the privacy filter by column kind and neutralises
 * spreadsheet formulas, as for every other download.
 */
import type { CellValue } from './row-columns.ts';

/**
 * How the privacy filter treats a column: free text is masked, an author handle pseudonymised as configured, other
 * values kept. `message-text` is free text that is the text of the row's message ({@link FullListByRow.messageAt}):
 * the bundle writer takes its masked form by position, as for the messages table, instead of looking the text up.
 */
export type FullListColumnKind = 'text' | 'message-text' | 'author' | 'value';

/** One column of a full list. */
export interface FullListColumn {
  /** CSV header, snake_case like the other downloads. */
  name: string;
  /** Default `value`. */
  kind?: FullListColumnKind;
}

/** A ranking in full, in its page's order: its rows, or a way to make them. */
export type FullList = FullListOfRows | FullListByRow;

interface FullListHead {
  /** File-safe name (`authors`, `engaged-posts`): the bundle file is `list-<name>.csv`. */
  name: string;
  columns: FullListColumn[];
}

/** A list whose rows are in memory. */
export interface FullListOfRows extends FullListHead {
  rows: CellValue[][];
}

/**
 * A list whose rows are made when the bundle is written, one at a time: a
 * list of a million-post crisis (every engaged post, with its text) then
 * holds numbers and positions, not a quarter of a million arrays of strings.
 */
export interface FullListByRow extends FullListHead {
  size: number;
  /** Row `i` (0 ≤ i < size), cells in column order. */
  row(i: number): CellValue[];
  /** The position among the crisis's messages of the message row `i` quotes (a list with a `message-text` column). */
  messageAt?(i: number): number;
}

/** Number of rows of a list. */
export function fullListSize(list: FullList): number {
  return 'rows' in list ? list.rows.length : list.size;
}

/** Row `i` of a list. */
export function fullListRow(list: FullList, i: number): CellValue[] {
  return 'rows' in list ? list.rows[i]! : list.row(i);
}

/** Every row of a list, made at once (tests, small lists). */
export function fullListRows(list: FullList): CellValue[][] {
  return Array.from({ length: fullListSize(list) }, (_, i) => fullListRow(list, i));
}

/** A list name: lower-case words joined by dashes. */
const NAME = '[a-z0-9]+(?:-[a-z0-9]+)*';

/** The bundle file of full list `name`. */
export function fullListFile(name: string): string {
  return `list-${name}.csv`;
}

/** The list a bundle file holds (`list-authors.csv` → `authors`); null for any other file. */
export function fullListOf(file: string): string | null {
  return new RegExp(`^list-(${NAME})\\.csv$`).exec(file)?.[1] ?? null;
}

/** The full lists of one analysis run, by name. */
export class FullLists {
  readonly #lists = new Map<string, FullList>();

  /** Adds a list; a second list of one name is a programming error. */
  add(list: FullList): void {
    if (!new RegExp(`^${NAME}$`).test(list.name)) throw new Error(`full list name "${list.name}" must be lower-case words joined by dashes`);
    if (this.#lists.has(list.name)) throw new Error(`full list "${list.name}" added twice`);
    // Every row of a list in memory; the first and last of one made row by row (making them all would be the cost it avoids).
    const size = fullListSize(list);
    const checked = 'rows' in list ? list.rows.keys() : new Set([0, size - 1].filter((i) => i >= 0 && i < size)).values();
    for (const i of checked) {
      const row = fullListRow(list, i);
      if (row.length !== list.columns.length) throw new Error(`full list "${list.name}" row ${i} has ${row.length} cells for ${list.columns.length} columns`);
    }
    this.#lists.set(list.name, list);
  }

  /** Names added so far. */
  get names(): string[] {
    return [...this.#lists.keys()];
  }

  /** Every list, sorted by name (bundles list their files in a stable order). */
  all(): FullList[] {
    return [...this.#lists.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}
