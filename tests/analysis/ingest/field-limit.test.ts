/**
 * A field over `limits.maxFieldBytes` (default 1 MiB) rejects its record with
 * its file:line, instead of riding into the language analyses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAX_FIELD_BYTES } from '../../../src/analysis/config/crisis-config.ts';
import { MAX_RECORD_CHARS, recordCharCap, utf8Length } from '../../../src/analysis/ingest/field-limit.ts';
import { ingest } from '../../helpers/ingest.ts';

const HEADER = 'id,created_at,author,text\n';

describe('field size limit', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'debrief-limit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('by default a field over 1 MiB rejects its record, naming file, line and limit; 1 MiB exactly loads', async () => {
    expect(DEFAULT_MAX_FIELD_BYTES).toBe(1 << 20);
    const over = 'x'.repeat(DEFAULT_MAX_FIELD_BYTES + 1);
    const exact = 'y'.repeat(DEFAULT_MAX_FIELD_BYTES);
    writeFileSync(path.join(dir, 'posts.csv'), `${HEADER}1,2024-01-01T10:00:00Z,a,short\n2,2024-01-01T10:01:00Z,b,"${over}"\n3,2024-01-01T10:02:00Z,c,${exact}\n`);
    const { source, messages } = await ingest(dir);
    expect([source.read, source.loaded, source.rejected]).toEqual([3, 2, 1]);
    expect(messages.map((m) => m.text.length)).toEqual([5, DEFAULT_MAX_FIELD_BYTES]);
    const example = source.rejectedByReason['field too large'].examples[0];
    expect(example.at).toBe('posts.csv:3');
    expect(example.detail).toBe('column "text" is 1,048,577 bytes, over the limit of 1,048,576 bytes per field (limits.maxFieldBytes in crisis.yaml)');
    expect(example.text.length).toBeLessThanOrEqual(120);
  });

  it('counts UTF-8 bytes, is set in crisis.yaml, and applies to any column and to JSON', async () => {
    const yaml = 'limits: { maxFieldBytes: 100 }\n';
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,a,${'é'.repeat(50)}\n2,2024-01-01T10:01:00Z,b,${'é'.repeat(51)}\n3,2024-01-01T10:02:00Z,${'n'.repeat(101)},ok\n`;
    const json = JSON.stringify([{ id: 'j1', created_at: '2024-01-01T10:00:00Z', text: 'fine' }, { id: 'j2', created_at: '2024-01-01T10:00:00Z', text: 'fine', note: 'z'.repeat(101) }]);
    const { ledger } = await ingest({ 'crisis.yaml': yaml, 'posts.csv': csv, 'more.json': json });
    const [jsonSource, csvSource] = ledger.sources;
    expect([csvSource.read, csvSource.loaded, csvSource.rejected]).toEqual([3, 1, 2]);
    expect(csvSource.rejectedByReason['field too large'].examples.map((e) => [e.at, e.detail?.split(',')[0]])).toEqual([
      ['posts.csv:3', 'column "text" is 102 bytes'],
      ['posts.csv:4', 'column "author" is 101 bytes'],
    ]);
    expect([jsonSource.read, jsonSource.loaded, jsonSource.rejected]).toEqual([2, 1, 1]);
    expect(jsonSource.rejectedByReason['field too large'].examples[0]).toMatchObject({ at: 'more.json#2', detail: expect.stringMatching(/^field "note" is 101 bytes/) });
    // Two of three records lost: the source gets a warning that says how to fix it.
    expect(ledger.alerts.map((a) => [a.level, a.file, a.reason, a.fix.split(' ').slice(0, 2).join(' ')])).toEqual([['warning', 'posts.csv', 'field too large', 'raise limits.maxFieldBytes']]);
  });

  it('refuses a limit that is not a positive whole number of bytes', async () => {
    for (const bad of ['0', '-5', '1.5', '"1 MiB"', '{ a: 1 }']) {
      const error = await ingest({ 'crisis.yaml': `limits: { maxFieldBytes: ${bad} }\n`, 'posts.csv': `${HEADER}1,2024-01-01T10:00:00Z,a,b\n` }).catch((e: unknown) => e);
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('limits.maxFieldBytes: must be a positive whole number of bytes');
    }
  });

  it('a record may hold 64 Mi characters, or two fields at a raised limit, never more than half V8\'s string limit', () => {
    expect(MAX_RECORD_CHARS).toBe(64 * 2 ** 20);
    expect([recordCharCap(DEFAULT_MAX_FIELD_BYTES), recordCharCap(50_000_000), recordCharCap(1e9)]).toEqual([MAX_RECORD_CHARS, 100_000_000, 256 * 2 ** 20]);
  });

  it('measures UTF-8 bytes as TextEncoder writes them', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀é€', '\ud800', 'x\udc00y']) expect(utf8Length(s), JSON.stringify(s)).toBe(new TextEncoder().encode(s).length);
  });
});
