import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/analysis/model.ts';
import { casesCsv } from '../../../src/analysis/report/cases-csv.ts';
import { caseRow } from '../../helpers/cases.ts';

const base = { status: 'Closed', category: 'Billing', product: 'Lock', company: 'Acme', channel: 'web', sourceFile: 'tickets.csv', sourceRow: 2 };

describe('casesCsv', () => {
  it('sorts by opening time then id, adds the analyses columns and defuses formulas', () => {
    const cases: Case[] = [
      caseRow({
        ...base, id: '10', openedAt: Date.parse('2024-05-02T00:00:00Z'), text: '=HYPERLINK("http://x")', resolvedAt: Date.parse('2024-05-03T12:00:00Z'),
        priority: 'P1', team: 'Billing L2', agent: '@ana', dueAt: Date.parse('2024-05-03T00:00:00Z'), slaMet: false, reopenCount: 1, reassignmentCount: 0,
      }),
      caseRow({ ...base, id: '9', openedAt: Date.parse('2024-05-02T00:00:00Z'), text: 'charged twice, "again"' }),
      caseRow({ ...base, id: '1', openedAt: Date.parse('2024-05-01T00:00:00Z'), text: null }),
    ];
    const extra = new Map([['9', { fault: 'billing', fault_evidence: 'charged twice' }]]);
    expect(casesCsv(cases, ['fault', 'fault_evidence'], extra).split('\n')).toEqual([
      'id,opened_at,first_response_at,resolved_at,closed_at,status,category,subcategory,product,company,channel,text,priority,team,agent,due_at,sla_met,reopen_count,reassignment_count,fault,fault_evidence',
      '1,2024-05-01T00:00:00.000Z,,,,Closed,Billing,,Lock,Acme,web,,,,,,,,,,',
      '9,2024-05-02T00:00:00.000Z,,,,Closed,Billing,,Lock,Acme,web,"charged twice, ""again""",,,,,,,,billing,charged twice',
      `10,2024-05-02T00:00:00.000Z,,2024-05-03T12:00:00.000Z,,Closed,Billing,,Lock,Acme,web,"'=HYPERLINK(""http://x"")",P1,Billing L2,'@ana,2024-05-03T00:00:00.000Z,false,1,0,,`,
      '',
    ]);
  });
});
