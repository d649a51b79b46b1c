/**
 * Action items as people read them: the due date in words ("3 Jun 2019"),
 * open or done, and "past due" only for an open item whose day has passed
 * in the crisis's time zone by the build date (node/build-date.ts: the same
 * input builds the same page; never the clock).
 */
import type { ActionItem } from './notebook-meta.ts';
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

/** The `limit` open items due soonest (undated ones last, then in the notebook's order): what the summary lists. */
export function topOpenActions<T extends ActionItem>(items: readonly T[], limit = 3): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => item.status === 'open')
    .sort((a, b) => (DAY.test(a.item.due) ? a.item.due : '9999').localeCompare(DAY.test(b.item.due) ? b.item.due : '9999') || a.i - b.i)
    .slice(0, limit)
    .map(({ item }) => item);
}
