import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { notebookTemplate } from '../../src/cli/notebook-template.ts';
import { chartCsv } from '../../src/site/charts/render.ts';
import { formatDateRange, formatDateTime, formatMinutes, formatNumber, formatShare } from '../../src/site/format.ts';
import { formatKpi, unitOf } from '../../src/site/kpis.ts';
import { recmaReportScope, remarkCellSource } from '../../src/site/mdx-plugins.ts';
import { parseNotebookMeta } from '../../src/site/notebook-meta.ts';
import { crisisPath, relativeHref, slugify } from '../../src/site/paths.ts';
import { readPath } from '../../src/site/kpis.ts';

describe('relative links', () => {
  it('name index.html and climb only as far as needed', () => {
    expect(relativeHref('', '')).toBe('index.html');
    expect(relativeHref('', 'faults/')).toBe('faults/index.html');
    expect(relativeHref('acme/', '')).toBe('../index.html');
    expect(relativeHref('acme/messages/2/', 'acme/messages/')).toBe('../index.html');
    expect(relativeHref('acme/messages/2/', 'acme/')).toBe('../../index.html');
    expect(relativeHref('acme/', 'acme/data/timeline.csv')).toBe('data/timeline.csv');
    expect(relativeHref('acme/themes/', 'faults/faults.csv')).toBe('../../faults/faults.csv');
    expect(relativeHref('acme/', 'acmeco/')).toBe('../acmeco/index.html');
  });

  it('build crisis paths and slugs', () => {
    expect(crisisPath('acme', 'messages', 2)).toBe('acme/messages/2/');
    expect(slugify('Lost luggage & bags!')).toBe('lost-luggage-bags');
  });
});

describe('formatting', () => {
  it('formats numbers, shares and durations', () => {
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(2.345)).toBe('2.3');
    expect(formatShare(0.237)).toBe('24%');
    expect(formatShare(0.0123)).toBe('1.2%');
    expect(formatMinutes(0.5)).toBe('30 s');
    expect(formatMinutes(42)).toBe('42 min');
    expect(formatMinutes(210)).toBe('3.5 h');
    expect(formatMinutes(3 * 1440)).toBe('3 d');
  });

  it('formats times in the crisis zone', () => {
    expect(formatDateTime('2024-03-10T12:00:00Z', 'America/Chicago')).toBe('10 Mar 2024, 07:00 CDT');
    expect(formatDateRange('2015-02-17T07:00:00Z', '2015-02-24T19:00:00Z', 'UTC')).toBe('17–24 Feb 2015 UTC');
    expect(formatDateRange(null, null)).toBe('no data');
  });

  it('infers KPI units from path names', () => {
    expect(unitOf('response.conversations.time.medianSeconds', 1)).toBe('seconds');
    expect(unitOf('timeline.episodes.0.durationMinutes', 1)).toBe('minutes');
    expect(unitOf('response.conversations.withinSlaShare', 0.5)).toBe('share');
    expect(unitOf('response.conversations.responseRate', 0.5)).toBe('share');
    expect(unitOf('counts.messages', 5)).toBe('count');
    expect(unitOf('crisis.window.start', '2024-01-01T00:00:00Z')).toBe('time');
    expect(formatKpi(813, 'seconds')).toBe('13.6 min');
    expect(formatKpi(null, 'share')).toBe('–');
  });

  it('reads dotted paths through objects and arrays', () => {
    expect(readPath({ a: { b: [{ c: 4 }] } }, 'a.b.0.c')).toBe(4);
    expect(readPath({ a: null }, 'a.b')).toBeUndefined();
  });
});

describe('chart CSV', () => {
  it('neutralises spreadsheet formulas and writes dates as ISO', () => {
    const csv = chartCsv(['label', 'at', 'n'], [{ label: '=cmd|calc', at: new Date(Date.UTC(2024, 0, 1)), n: -3 }, { label: '@SUM(A1)', at: null, n: 1 }]);
    expect(csv).toBe("label,at,n\n'=cmd|calc,2024-01-01T00:00:00.000Z,-3\n'@SUM(A1),,1\n");
  });
});

describe('MDX plugins', () => {
  it('stamp notebook cells with file:line', () => {
    const tree = { type: 'root', children: [{ type: 'mdxJsxFlowElement', name: 'Query', attributes: [], position: { start: { line: 12 } } }, { type: 'mdxJsxFlowElement', name: 'Other', attributes: [] }] };
    remarkCellSource()(tree, { path: '/p/reports/acme.mdx', cwd: '/p' });
    expect(tree.children[0].attributes).toEqual([{ type: 'mdxJsxAttribute', name: '__source', value: 'reports/acme.mdx:12' }]);
    expect(tree.children[1].attributes).toEqual([]);
  });

  it('put report and crisis in scope of the MDX body', () => {
    const fn = { type: 'FunctionDeclaration', id: { type: 'Identifier', name: '_createMdxContent' }, params: [{ type: 'Identifier', name: 'props' }], body: { type: 'BlockStatement', body: [] as unknown[] } };
    recmaReportScope()({ type: 'Program', body: [fn as never] });
    const decl = fn.body.body[0] as { declarations: { id: { properties: { key: { name: string } }[] }; init: { name: string } }[] };
    expect(decl.declarations[0].id.properties.map((p) => p.key.name)).toEqual(['report', 'crisis']);
    expect(decl.declarations[0].init.name).toBe('props');
  });
});

describe('notebooks', () => {
  it('check frontmatter and list every problem', () => {
    expect(() => parseNotebookMeta({ status: 'done', actions: [{ owner: 'x' }] }, 'reports/a.mdx')).toThrow(/reports\/a\.mdx[\s\S]*crisis[\s\S]*status[\s\S]*actions\[0\]\.action/);
    const meta = parseNotebookMeta({ crisis: 'a', title: 'T', date: new Date(Date.UTC(2024, 4, 1)), authors: 'Ann', actions: [{ action: 'Fix', due: new Date(Date.UTC(2024, 5, 1)) }] }, 'x');
    expect(meta).toEqual({ crisis: 'a', title: 'T', authors: ['Ann'], status: 'draft', date: '2024-05-01', actions: [{ action: 'Fix', owner: 'unassigned', due: '2024-06-01', status: 'open', done: '' }] });
  });

  it('read action items as open unless marked done, with the day they were done, and name a wrong status or field', () => {
    const front = (actions: unknown[]) => ({ crisis: 'a', title: 'T', date: '2024-05-01', actions });
    const meta = parseNotebookMeta(front([{ action: 'Ship', owner: 'Ops', due: '2024-06-01', status: 'done', done: new Date(Date.UTC(2024, 4, 20)) }, { action: 'Write', due: '2024-07-01', status: 'Open' }]), 'x');
    expect(meta.actions.map((a) => [a.status, a.done])).toEqual([['done', '2024-05-20'], ['open', '']]);
    expect(() => parseNotebookMeta(front([{ action: 'A', status: 'closed' }]), 'reports/a.mdx')).toThrow(/actions\[0\]\.status: "closed" must be open or done/);
    expect(() => parseNotebookMeta(front([{ action: 'A', done: '2024-05-02' }]), 'reports/a.mdx')).toThrow(/actions\[0\]\.done: a done date on an open item/);
    expect(() => parseNotebookMeta(front([{ action: 'A', status: 'done', done: 'last week' }]), 'reports/a.mdx')).toThrow(/actions\[0\]\.done: "last week" must be a date/);
    expect(() => parseNotebookMeta(front([{ action: 'A', ownr: 'Ann' }]), 'reports/a.mdx')).toThrow(/actions\[0\]\.ownr: unknown field/);
  });

  it('template has valid frontmatter and every review section', () => {
    const text = notebookTemplate('acme-outage', 'Acme "outage"', '2024-05-01');
    const front = parseYaml(text.split('---')[1]) as Record<string, unknown>;
    const meta = parseNotebookMeta(front, 'reports/acme-outage.mdx');
    expect(meta.crisis).toBe('acme-outage');
    expect(meta.title).toBe('Post-incident review: Acme "outage"');
    for (const heading of ['## Summary', '## Impact', '## Timeline', '## Contributing factors and root causes', '## What went well', '## What did not go well', '## Action items']) expect(text).toContain(heading);
    expect(text).toContain('<Kpi name=');
    expect(text).toContain('<Query ');
  });
});
