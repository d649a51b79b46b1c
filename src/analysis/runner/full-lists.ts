/**
 * Full lists: the whole of a ranking a page shows the top of. A report keeps
 * the first N of a list ("the 10 most engaged of 262,896 posts"); the bundle
 * keeps all M as a CSV (`list-<name>.csv`), so "of M" is never a figure the
 * reader cannot check. Analyses add them (declared in `Analysis.lists`); the
 * bundle writer applies the privacy filter by column kind and neutralises
 * spreadsheet formulas, as for every other download.
 */
import type { CellValue } from './row-columns.ts';

/** How the privacy filter treats a column: free text is masked, an author handle pseudonymised as configured, other values kept. */
export type FullListColumnKind = 'text' | 'author' | 'value';

/** One column of a full list. */
export interface FullListColumn {
  /** CSV header, snake_case like the other downloads. */
  name: string;
  /** Default `value`. */
  kind?: FullListColumnKind;
}

/** A ranking in full, in its page's order. */
export interface FullList {
  /** File-safe name (`authors`, `engaged-posts`): the bundle file is `list-<name>.csv`. */
  name: string;
  columns: FullListColumn[];
  rows: CellValue[][];
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
    for (const [i, row] of list.rows.entries()) {
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
