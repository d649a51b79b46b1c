/**
 * The ticket fields of the canonical case (priority, team, agent, due_at,
 * sla_met, reopen_count, reassignment_count): accepted in crisis.yaml, parsed
 * (unparseable values empty and counted as warnings), in the engine's `cases`
 * table and in the bundle's cases.arrow, cases.csv and report.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseCrisisConfig } from '../../../../src/analysis/config/crisis-config.ts';
import { parseSlaFlag } from '../../../../src/analysis/ingest/map-record.ts';
import { analyzeDirectory } from '../../../../src/cli/analyze.ts';
import { ingest } from '../../../helpers/ingest.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../fixtures/tickets/service-desk');

const problems = (yaml: string): string[] => {
  try {
    parseCrisisConfig(yaml);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('crisis.yaml', () => {
  it('maps the ticket fields of cases', () => {
    const columns = '{ id: No, opened_at: Opened, priority: Prio, team: Queue, agent: Owner, due_at: Target, sla_met: OnTime, reopen_count: Reopened, reassignment_count: Hops }';
    const config = parseCrisisConfig(`sources:\n  - file: t.csv\n    table: cases\n    columns: ${columns}\n`);
    expect(Object.keys(config.sources[0]!.columns!)).toEqual(['id', 'opened_at', 'priority', 'team', 'agent', 'due_at', 'sla_met', 'reopen_count', 'reassignment_count']);
  });

  it('still refuses them for messages, and an unknown case field', () => {
    expect(problems('sources:\n  - file: m.csv\n    columns: { priority: Prio }\n')).toEqual([expect.stringMatching(/^sources\[0\]\.columns\.priority: unknown field for messages/)]);
    expect(problems('sources:\n  - file: t.csv\n    table: cases\n    columns: { urgency: U }\n')).toEqual([expect.stringMatching(/^sources\[0\]\.columns\.urgency: unknown field for cases \(known: .*reassignment_count\)/)]);
  });

  it('takes resolution targets per priority and names every bad one', () => {
    expect(parseCrisisConfig('sla: { resolutionHours: { P1: 4, p2: 24.5 } }\n').sla).toEqual({ firstResponseMinutes: 60, resolutionHours: { P1: 4, p2: 24.5 } });
    expect(parseCrisisConfig('sla: { firstResponseMinutes: 30 }\n').sla).toEqual({ firstResponseMinutes: 30 });
    expect(problems('sla: { resolutionHours: { P1: 0, P2: soon, p1: 3 }, resolutionMinutes: 5 }\n')).toEqual([
      'sla.resolutionMinutes: unknown field (known: firstResponseMinutes, resolutionHours)',
      'sla.resolutionHours.P1: must be a positive number of hours',
      'sla.resolutionHours.P2: must be a positive number of hours',
      'sla.resolutionHours.p1: the same priority as P1 (priorities match without case)',
    ]);
    expect(problems('sla: { resolutionHours: [4, 8] }\n')).toEqual([expect.stringMatching(/^sla\.resolutionHours: must be a mapping of priority → hours/)]);
  });
});

describe('parseSlaFlag', () => {
  it('reads the ways exports write an SLA flag, and nothing else', () => {
    for (const yes of ['true', 'TRUE', 'yes', 'Y', '1', 'ONTIME', 'On time', 'on-time', 'met', 'Within SLA']) expect(parseSlaFlag(yes), yes).toBe(true);
    for (const no of ['false', 'No', '0', 'OVERDUE', 'Overdue', 'late', 'breached', 'Missed', 'not met', 'SLA breached']) expect(parseSlaFlag(no), no).toBe(false);
    for (const empty of ['', 'NA', 'null', null]) expect(parseSlaFlag(empty), String(empty)).toBeNull();
    for (const bad of ['maybe', 'P1', '2h']) expect(parseSlaFlag(bad), bad).toBeUndefined();
  });
});

describe('ingest', () => {
  it('loads the fields into the cases table, unparseable values empty and counted as warnings', async () => {
    const yaml = `timezone: America/New_York
sources:
  - file: t.csv
    table: cases
    columns: { id: No, opened_at: Opened, priority: Prio, team: Queue, agent: Owner, due_at: Target, sla_met: OnTime, reopen_count: Reopened, reassignment_count: Hops }
`;
    const csv = 'No,Opened,Prio,Queue,Owner,Target,OnTime,Reopened,Hops\n'
      + '1,01/05/2015 12:40:41 PM,2 - High,PWDx_District 1C,ana,01/06/2015 12:40:41 PM,ONTIME,"1,2",0\n'
      + '2,01/05/2015 01:00:00 PM,,,,someday,pending,-1,x\n';
    const r = await ingest({ 'crisis.yaml': yaml, 't.csv': csv }, { keep: true });
    try {
      const rows = await r.engine.query('SELECT id, priority, team, agent, epoch_ms(due_at) AS due, sla_met, reopen_count, reassignment_count FROM cases ORDER BY id');
      expect(rows).toEqual([
        // 12:40:41 PM EST = 17:40:41 UTC.
        { id: '1', priority: '2 - High', team: 'PWDx_District 1C', agent: 'ana', due: Date.UTC(2015, 0, 6, 17, 40, 41), sla_met: true, reopen_count: 12, reassignment_count: 0 },
        { id: '2', priority: null, team: null, agent: null, due: null, sla_met: null, reopen_count: null, reassignment_count: null },
      ]);
      expect(Object.fromEntries(Object.entries(r.source.warnings).map(([k, v]) => [k, [v.count, v.examples[0]!.at]]))).toEqual({
        due_at: [1, 't.csv:3'],
        sla_met: [1, 't.csv:3'],
        reopen_count: [1, 't.csv:3'],
        reassignment_count: [1, 't.csv:3'],
      });
      expect(r.source.loaded).toBe(2);
    } finally {
      await r.engine.close();
    }
  });
});

describe('the bundle of the service-desk fixture', () => {
  let root: string;
  let out: string;
  const file = (name: string) => readFileSync(path.join(out, name));

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'debrief-tickets-'));
    out = path.join(root, 'bundle');
    const result = await analyzeDirectory(FIXTURE, { out, quiet: true, cacheDir: null, workers: 0 });
    await result.engine.close();
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('publishes the ticket columns in cases.arrow, the agent through the privacy filter', () => {
    const cases = tableFromIPC(file('cases.arrow'));
    const names = cases.schema.fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['priority', 'team', 'agent', 'due_at', 'sla_met', 'reopen_count', 'reassignment_count']));
    const rows = cases.toArray().map((r) => r.toJSON());
    const inc005 = rows.find((r) => r.id === 'INC005')!;
    expect({ ...inc005, due_at: Number(inc005.due_at), reopen_count: Number(inc005.reopen_count), reassignment_count: Number(inc005.reassignment_count) }).toMatchObject({
      priority: 'P3', team: 'Network', agent: '[email]', due_at: Date.parse('2024-03-31T10:00:00Z'), sla_met: false, reopen_count: 2, reassignment_count: 3,
    });
  });

  it('publishes them in cases.csv after the original columns', () => {
    const lines = file('cases.csv').toString('utf8').split('\n');
    expect(lines[0]).toMatch(/^id,opened_at,first_response_at,resolved_at,closed_at,status,category,subcategory,product,company,channel,text,priority,team,agent,due_at,sla_met,reopen_count,reassignment_count(,|$)/);
    expect(lines.find((l) => l.startsWith('INC005,'))).toContain(',P3,Network,[email],2024-03-31T10:00:00.000Z,false,2,3');
  });

  it('writes the tickets section into report.json, filtered for privacy', () => {
    const report = JSON.parse(file('report.json').toString('utf8'));
    expect(report.sections.tickets.sla).toMatchObject({ basis: 'flag', share: 0.5556 });
    expect(report.sections.tickets.oldestOpen.cases[0]).toMatchObject({ id: 'INC005', agent: '[email]' });
    expect(report.crisis.sla).toEqual({ firstResponseMinutes: 60, resolutionHours: { p1: 4, P2: 24 } });
    expect(file('report.json').toString('utf8')).not.toContain('ops.lead@desk.example');
  });
});
