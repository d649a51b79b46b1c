/** Action items as people read them: dates in words, open or done, "past due" only when open and past the build date in the crisis zone. */
import { describe, expect, it } from 'vitest';
import { actionItemView, formatDay, topOpenActions } from '../../src/site/action-items.ts';
import type { ActionItem } from '../../src/site/notebook-meta.ts';
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

describe('printed footer', () => {
  it('names the crisis and the build date, as a CSS string no title can break out of', () => {
    expect(printFooterText('Acme outage', BUILT)).toBe('Acme outage · built 3 Jun 2019');
    expect(cssString('a"b\\c\n</style>')).toBe('"a\\22 b\\5c c\\a \\3c /style\\3e "');
    expect(printFooterStyle('Acme "x"', BUILT)).toBe('--print-footer: "Acme \\22 x\\22  · built 3 Jun 2019"');
  });
});
