/** Action items as people read them: dates in words, open or done, "past due" only when open and past the build date in the crisis zone; across crises (Arquero): ordered, counted per owner and status. */
import { describe, expect, it } from 'vitest';
import { actionCounts, actionItemView, actionsAcross, actionTotals, formatDay, topOpenActions } from '../../src/site/action-items.ts';
import type { ActionItem, NotebookMeta } from '../../src/site/notebook-meta.ts';
import { cssString, printFooterStyle, printFooterText } from '../../src/site/print.ts';

const item = (due: string, status: ActionItem['status'] = 'open', done = '', action = `do ${due}`): ActionItem => ({ action, owner: 'Ops', due, status, done });
/** 3 Jun 2019, 12:00 UTC: the build date as node/build-date.ts makes it. */
const BUILT = Date.UTC(2019, 5, 3, 12);

describe('action items', () => {
  it('show the due date in words and say past due only for an open item due before the build date', () => {
    expect(actionItemView(item('2019-06-02'), 'America/New_York', BUILT)).toEqual({ dueText: '2 Jun 2019', dueDate: '2019-06-02', status: 'open', statusText: 'Open', pastDue: true });
    expect(actionItemView(item('2019-06-03'), 'America/New_York', BUILT).pastDue).toBe(false);
    expect(actionItemView(item('2019-06-02', 'done', '2019-05-30'), 'America/New_York', BUILT)).toMatchObject({ statusText: 'Done 30 May 2019', pastDue: false });
    expect(actionItemView(item('after the audit'), 'UTC', BUILT)).toMatchObject({ dueText: 'after the audit', dueDate: null, pastDue: false });
    expect(actionItemView(item(''), 'UTC', BUILT).dueText).toBe('–');
  });

  it('judge "today" in the crisis zone: at 01:00 UTC on 3 Jun it is still 2 Jun in New York', () => {
    const early = Date.UTC(2019, 5, 3, 1);
    expect(actionItemView(item('2019-06-02'), 'UTC', early).pastDue).toBe(true);
    expect(actionItemView(item('2019-06-02'), 'America/New_York', early).pastDue).toBe(false);
    expect(formatDay('2019-06-03')).toBe('3 Jun 2019');
  });

  it('the summary lists at most three open items, earliest due first, undated last', () => {
    const items = [item('2024-12-01'), item('someday'), item('2024-11-08', 'done'), item('2024-11-15'), item('2024-11-22'), item('2024-11-09')];
    expect(topOpenActions(items).map((a) => a.due)).toEqual(['2024-11-09', '2024-11-15', '2024-11-22']);
    expect(topOpenActions(items, 10).map((a) => a.due)).toEqual(['2024-11-09', '2024-11-15', '2024-11-22', '2024-12-01', 'someday']);
    expect(topOpenActions([item('2024-11-08', 'done')])).toEqual([]);
  });
});

describe('action items across crises', () => {
  const crises = [
    { slug: 'lock', title: 'Lockout', zone: 'America/New_York' },
    { slug: 'bureau', title: 'Bureau complaints', zone: 'UTC' },
  ];
  const review = (crisis: string, status: NotebookMeta['status'], actions: ActionItem[]): NotebookMeta => ({ crisis, title: `Review ${crisis}`, authors: [], status, date: '2019-06-01', actions });
  const owned = (owner: string, due: string, status: ActionItem['status'] = 'open', action = `${owner} ${due}`): ActionItem => ({ action, owner, due, status, done: '' });
  const reviews = [
    review('bureau', 'final', [owned('Research', '2019-06-28'), owned('Desk', '2019-06-01'), owned('Desk', 'after the audit'), owned('Desk', '2019-05-01', 'done')]),
    review('lock', 'draft', [owned('Care', '2019-06-01'), owned('Firmware', ''), owned('Care', '2019-06-01', 'open', 'second, same day')]),
    review('gone', 'draft', [owned('Nobody', '2019-01-01')]),
  ];
  const items = actionsAcross(crises, reviews, BUILT);

  it('lists open items first, soonest due first (undated and free text last), then by crisis title and the notebook order; unknown crises left out', () => {
    expect(items.map((a) => [a.status, a.due, a.title, a.action])).toEqual([
      ['open', '2019-06-01', 'Bureau complaints', 'Desk 2019-06-01'],
      ['open', '2019-06-01', 'Lockout', 'Care 2019-06-01'],
      ['open', '2019-06-01', 'Lockout', 'second, same day'],
      ['open', '2019-06-28', 'Bureau complaints', 'Research 2019-06-28'],
      ['open', 'after the audit', 'Bureau complaints', 'Desk after the audit'],
      ['open', '', 'Lockout', 'Firmware '],
      ['done', '2019-05-01', 'Bureau complaints', 'Desk 2019-05-01'],
    ]);
    expect(items[0]).toMatchObject({ slug: 'bureau', zone: 'UTC', reviewStatus: 'final', owner: 'Desk', done: '' });
    // Past due by the build date in each crisis's zone: 3 Jun 12:00 UTC is 3 Jun in both.
    expect(items.map((a) => a.pastDue)).toEqual([true, true, true, false, false, false, false]);
    expect(actionsAcross(crises, [], BUILT)).toEqual([]);
  });

  it('counts per owner (most open, then most past due first) and per status, with totals and reviews', () => {
    expect(actionCounts(items, 'owner')).toEqual([
      { key: 'Care', items: 2, open: 2, pastDue: 2, done: 0 },
      { key: 'Desk', items: 3, open: 2, pastDue: 1, done: 1 },
      { key: 'Firmware', items: 1, open: 1, pastDue: 0, done: 0 },
      { key: 'Research', items: 1, open: 1, pastDue: 0, done: 0 },
    ]);
    expect(actionCounts(items, 'status').map((c) => [c.key, c.items])).toEqual([['open', 6], ['done', 1]]);
    expect(actionTotals(items)).toEqual({ items: 7, open: 6, pastDue: 3, done: 1, reviews: 2 });
    expect(actionCounts([], 'owner')).toEqual([]);
    expect(actionTotals([])).toEqual({ items: 0, open: 0, pastDue: 0, done: 0, reviews: 0 });
  });
});

describe('printed footer', () => {
  it('names the crisis and the build date, as a CSS string no title can break out of', () => {
    expect(printFooterText('Acme outage', BUILT)).toBe('Acme outage · built 3 Jun 2019');
    expect(cssString('a"b\\c\n</style>')).toBe('"a\\22 b\\5c c\\a \\3c /style\\3e "');
    expect(printFooterStyle('Acme "x"', BUILT)).toBe('--print-footer: "Acme \\22 x\\22  · built 3 Jun 2019"');
  });
});
