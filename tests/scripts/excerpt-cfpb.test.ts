/**
 * The CFPB sample crisis: the committed excerpt is what scripts/excerpt-cfpb.ts
 * cuts from ../shared (skipped, visibly, when ../shared is absent), and it
 * loads as `cfpb` cases with nothing rejected.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_CSV, SELECTION, SOURCE_CSV, excerptCfpb, isoDay, parseFields, splitRawRecords } from '../../scripts/excerpt-cfpb.ts';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';

const sharedPresent = existsSync(SOURCE_CSV);
if (!sharedPresent) console.warn(`[excerpt-cfpb] SKIPPING the byte-for-byte check: ${SOURCE_CSV} not found`);

describe('excerpt-cfpb', () => {
  it('splits records verbatim, keeping quoted line breaks and CRLF inside quotes', () => {
    const text = 'a,b\r\n1,"two\nlines"\r\n2,"say ""hi"",\r\nok"\r\n3,x';
    expect(splitRawRecords(text)).toEqual(['a,b', '1,"two\nlines"', '2,"say ""hi"",\r\nok"', '3,x']);
    expect(parseFields('2,"say ""hi"",\r\nok"')).toEqual(['2', 'say "hi",\r\nok']);
    expect(isoDay('2019/4/8')).toBe('2019-04-08');
    expect(isoDay('04/08/2019')).toBe('2019-04-08');
  });

  it('selects whole records by company and day, in source order', () => {
    const header = 'Date received,Company,Consumer complaint narrative,Complaint ID';
    const rows = [
      '2019/2/17,"EQUIFAX, INC.",,1',
      '2019/2/18,"EQUIFAX, INC.","line one\nline two",2',
      '2019/3/1,"WELLS FARGO & COMPANY",,3',
      '2019/4/28,Experian Information Solutions Inc.,,4',
      '2019/4/29,Experian Information Solutions Inc.,,5',
    ];
    const out = excerptCfpb([header, ...rows].join('\r\n'));
    expect(out.csv).toBe([header, rows[1], rows[3]].join('\r\n') + '\r\n');
    expect(out).toMatchObject({ rows: 2, withNarrative: 1 });
    expect(SELECTION.companies).toContain('EQUIFAX, INC.');
  });

  it.skipIf(!sharedPresent)(`reproduces the committed complaints.csv byte for byte (needs ${path.relative(process.cwd(), SOURCE_CSV)})`, () => {
    const result = excerptCfpb(readFileSync(SOURCE_CSV, 'utf8'));
    const committed = readFileSync(OUTPUT_CSV);
    expect(Buffer.from(result.csv, 'utf8').equals(committed)).toBe(true);
    expect(result.rows).toBe(1341);
  });

  it('loads as cfpb cases with nothing rejected', async () => {
    const engine = await openNodeEngine();
    try {
      const result = await analyzeCrisis(nodeCrisisFiles(path.dirname(OUTPUT_CSV)), engine, { slug: 'cfpb-credit-bureaus-2019', analyses: [] });
      const { ledger, counts } = result.report;
      expect(ledger.totals).toMatchObject({ read: 1341, loaded: 1341, rejected: 0, duplicates: 0, superseded: 0 });
      expect(ledger.sources[0]).toMatchObject({ format: 'cfpb', table: 'cases', warnings: {} });
      expect(counts.cases).toBe(1341);
      expect(result.cases.filter((c) => c.text).length).toBe(158);
      expect(new Set(result.cases.map((c) => c.company))).toEqual(new Set(SELECTION.companies));
      const days = result.cases.map((c) => c.openedAt).sort((a, b) => a - b);
      expect(new Date(days[0]).toISOString()).toBe('2019-02-18T05:00:00.000Z');
      expect(new Date(days[days.length - 1]).toISOString()).toBe('2019-04-28T04:00:00.000Z');
    } finally {
      await engine.close();
    }
  });
});
