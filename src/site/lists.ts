/**
 * Lists a page shows only the first items of. Nothing is cut silently: the
 * page says "N of M" (M counts every distinct item, an empty value named
 * `(none)` included), and the list's CSV download holds all M rows.
 */
import type { CaseGroupTiming, PlaybookSection } from '../analysis/crisis/types.ts';
import { chartCsv, type ChartRow } from './charts/render.ts';
import { formatNumber } from './format.ts';
import type { BundleManifest } from '../analysis/bundle/layout.ts';
import { fullListOf } from '../analysis/runner/full-lists.ts';

/** `10 of 28` when fewer are shown than there are, else `28`. */
export function shownOf(shown: number, total: number): string {
  return shown < total ? `${formatNumber(shown)} of ${formatNumber(total)}` : formatNumber(total);
}

/** A table of the first items of a list, with the CSV of every item. */
export interface ListTable<T> {
  /** File-safe id, unique within the crisis: names the CSV (`<slug>/data/<id>.csv`). */
  id: string;
  /** What the table shows, with "N of M" when it does not show all. */
  caption: string;
  /** The items shown, in list order. */
  shown: T[];
  /** How many items the list has (M). */
  total: number;
  /** CSV of all M items. */
  csv: string;
}

/**
 * The first `top` of `items` for a page, and the CSV of all of them.
 * `total` is M when `items` is itself a capped list (its `…Total`), else
 * the list's length. `caption` words the count ("10 of 28").
 */
export function listTable<T>(
  id: string,
  items: readonly T[],
  top: number,
  columns: string[],
  toRow: (item: T) => ChartRow,
  caption: (count: string) => string,
  total = items.length,
): ListTable<T> {
  const shown = items.slice(0, top);
  return { id, caption: caption(shownOf(shown.length, total)), shown, total, csv: chartCsv(columns, items.map(toRow)) };
}

/** Case breakdowns of `response.cases`, as the response page titles them. */
export const CASE_GROUPS = { category: 'Cases by category', product: 'Cases by product', channel: 'Cases by channel', company: 'Cases by company' } as const;
export type CaseGroupKind = keyof typeof CASE_GROUPS;

const NOUNS: Record<CaseGroupKind, string> = { category: 'categories', product: 'products', channel: 'channels', company: 'companies' };

/** Most groups a case breakdown table shows (its CSV has them all). */
export const CASE_GROUP_ROWS = 15;

/** One case breakdown (every group of `response.cases.by…`) as a table of the largest `top` groups. */
export function caseGroupTable(kind: CaseGroupKind, groups: readonly CaseGroupTiming[], top = CASE_GROUP_ROWS): ListTable<CaseGroupTiming> {
  const none = groups.some((g) => g.value === '(none)') ? '; “(none)”: not given in the export' : '';
  return listTable(
    `cases-by-${kind}`,
    groups,
    top,
    ['value', 'cases', 'median_first_response_s', 'median_resolution_s', 'median_close_s', 'timely_yes', 'timely_no', 'timely_share'],
    (g) => ({
      value: g.value,
      cases: g.cases,
      median_first_response_s: g.firstResponse?.medianSeconds ?? null,
      median_resolution_s: g.resolution?.medianSeconds ?? null,
      median_close_s: g.close?.medianSeconds ?? null,
      timely_yes: g.timely?.yes ?? null,
      timely_no: g.timely?.no ?? null,
      timely_share: g.timely?.share ?? null,
    }),
    (count) => `${CASE_GROUPS[kind]}: ${count} ${NOUNS[kind]}, most cases first${none}`,
  );
}

/** Most step orders the playbook table shows. */
export const SEQUENCE_ROWS = 10;

/** The playbook's step orders (every one that occurred) as a table of the most common. */
export function sequencesTable(playbook: PlaybookSection, top = SEQUENCE_ROWS): ListTable<PlaybookSection['sequences'][number]> {
  const label = (step: string) => playbook.steps.find((s) => s.step === step)?.label ?? step;
  return listTable(
    'playbook-sequences',
    playbook.sequences,
    top,
    ['steps', 'conversations'],
    (q) => ({ steps: q.steps.length ? q.steps.map(label).join(' → ') : 'no step', conversations: q.conversations }),
    (count) => `Most common step orders: ${count} orders that occurred, most conversations first`,
  );
}

/** Names of the full lists a bundle holds (`list-<name>.csv`), sorted. */
export function fullListNames(manifest: Pick<BundleManifest, 'files'>): string[] {
  return manifest.files.map((f) => fullListOf(f.name)).filter((n): n is string => n !== null).sort();
}

/** Site path of a crisis's full list `name` when its bundle has it (relative to the site root), else null. */
export function fullListPath(crisis: { slug: string; manifest: Pick<BundleManifest, 'files'> }, name: string): string | null {
  return fullListNames(crisis.manifest).includes(name) ? `${crisis.slug}/lists/${name}.csv` : null;
}
