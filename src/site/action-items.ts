/**
 * Action items as people read them: the due date in words ("3 Jun 2019"),
 * open or done, and "past due" only for an open item whose day has passed
 * in the crisis's time zone by the build date (node/build-date.ts: the same
 * input builds the same page; never the clock).
 *
 * Lists of items are tables, reshaped with Arquero verbs: the items of every
 * review joined to their crises (join), ordered open first and soonest due
 * first (derive, orderby), and counted per owner or status (groupby, rollup).
 */
import { desc, op, table } from 'arquero';
import type { ActionItem, NotebookMeta } from './notebook-meta.ts';
import { formatDate, localDate } from './format.ts';

const DAY = /^\d{4}-\d\d-\d\d$/;

/** An action item ready to show. */
export interface ActionItemView {
  /** "3 Jun 2019"; the text as written when it is not a date; "–" when empty. */
  dueText: string;
  /** `YYYY-MM-DD` for `<time datetime>`, when the due date is one. */
  dueDate: string | null;
  status: ActionItem['status'];
  /** "Open", "Done", "Done 20 May 2024". */
  statusText: string;
  /** Open and due before the build date (in `zone`). */
  pastDue: boolean;
}

/** A calendar day (`YYYY-MM-DD`) as `3 Jun 2019` (a day has no zone: noon UTC keeps it on its date everywhere). */
export function formatDay(day: string): string {
  return DAY.test(day) ? formatDate(`${day}T12:00:00Z`, 'UTC') : day;
}

/** How an item reads on a page built at `buildTime` (ms), for a crisis in `zone`. */
export function actionItemView(item: ActionItem, zone: string, buildTime: number): ActionItemView {
  const dueDate = DAY.test(item.due) ? item.due : null;
  const today = localDate(buildTime, zone);
  return {
    dueText: item.due ? formatDay(item.due) : '–',
    dueDate,
    status: item.status,
    statusText: item.status === 'done' ? (item.done ? `Done ${formatDay(item.done)}` : 'Done') : 'Open',
    pastDue: item.status === 'open' && dueDate !== null && dueDate < today,
  };
}

/** Sort key of a due date: the day when it is one; undated and free-text items after every dated one. */
const DUE_KEY = 'd => match(d.due, /^\\d{4}-\\d\\d-\\d\\d$/) ? d.due : "9999"';

/** The `limit` open items due soonest (undated ones last, then in the notebook's order): what the summary lists. */
export function topOpenActions<T extends ActionItem>(items: readonly T[], limit = 3): T[] {
  return (
    table({ i: items.map((_, i) => i), status: items.map((a) => a.status), due: items.map((a) => a.due) })
      .filter('d => d.status === "open"' as never)
      .derive({ dueKey: DUE_KEY } as never)
      .orderby('dueKey', 'i')
      .slice(0, limit)
      .array('i') as number[]
  ).map((i) => items[i]!);
}

/** A crisis as the cross-crisis list names it. */
export interface CrisisRef {
  slug: string;
  title: string;
  /** IANA time zone: an item is past due once its day has passed there. */
  zone: string;
}

/** An action item with its crisis and review, as `/actions/` lists it. */
export interface CrisisActionItem extends ActionItem {
  slug: string;
  /** The crisis's title (report.crisis.title). */
  title: string;
  zone: string;
  /** The review's status (notebook frontmatter). */
  reviewStatus: NotebookMeta['status'];
  /** Open and due before the build date in `zone` (see {@link actionItemView}). */
  pastDue: boolean;
}

/**
 * Every review's action items across crises: open first, soonest due first
 * (undated last), then by crisis title, then in the notebook's order. Items
 * of a notebook whose crisis is not among `crises` are left out (the home
 * page warns about such notebooks).
 */
export function actionsAcross(crises: readonly CrisisRef[], reviews: readonly NotebookMeta[], buildTime: number): CrisisActionItem[] {
  const rows = reviews.flatMap((n) => n.actions.map((a, i) => ({ ...a, slug: n.crisis, reviewStatus: n.status, i })));
  const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const items = table({ slug: column('slug'), i: column('i'), action: column('action'), owner: column('owner'), due: column('due'), status: column('status'), done: column('done'), reviewStatus: column('reviewStatus') });
  const known = table({ slug: crises.map((c) => c.slug), title: crises.map((c) => c.title), zone: crises.map((c) => c.zone) });
  const ordered = items
    .join(known, 'slug')
    .derive({ statusRank: 'd => d.status === "open" ? 0 : 1', dueKey: DUE_KEY } as never)
    .orderby('statusRank', 'dueKey', 'title', 'slug', 'i')
    .objects() as (Omit<CrisisActionItem, 'pastDue'> & { i: number; statusRank: number; dueKey: string })[];
  return ordered.map(({ i: _i, statusRank: _r, dueKey: _k, ...a }) => ({ ...a, pastDue: actionItemView(a, a.zone, buildTime).pastDue }));
}

/** Items of one owner, or of one status: how many, open, past due and done. */
export interface ActionCount {
  key: string;
  items: number;
  open: number;
  pastDue: number;
  done: number;
}

/** Numeric flags to sum: open, past due and done as 1 or 0. */
function flags(items: readonly CrisisActionItem[]) {
  return table({
    owner: items.map((a) => a.owner),
    status: items.map((a) => a.status),
    slug: items.map((a) => a.slug),
    open: items.map((a) => (a.status === 'open' ? 1 : 0)),
    pastDue: items.map((a) => (a.pastDue ? 1 : 0)),
    done: items.map((a) => (a.status === 'done' ? 1 : 0)),
  });
}

/** Items counted per owner or per status: most open first, then most past due, then by name. */
export function actionCounts(items: readonly CrisisActionItem[], by: 'owner' | 'status'): ActionCount[] {
  return flags(items)
    .groupby(by)
    .rollup({ items: op.count(), open: op.sum('open'), pastDue: op.sum('pastDue'), done: op.sum('done') })
    .rename({ [by]: 'key' })
    .orderby(desc('open'), desc('pastDue'), 'key')
    .objects() as ActionCount[];
}

/** Totals of a list of items, and how many reviews (crises) they come from. */
export function actionTotals(items: readonly CrisisActionItem[]): Omit<ActionCount, 'key'> & { reviews: number } {
  if (!items.length) return { items: 0, open: 0, pastDue: 0, done: 0, reviews: 0 };
  const [totals] = flags(items)
    .rollup({ items: op.count(), open: op.sum('open'), pastDue: op.sum('pastDue'), done: op.sum('done'), reviews: op.distinct('slug') })
    .objects() as (Omit<ActionCount, 'key'> & { reviews: number })[];
  return totals!;
}
