/**
 * Text fidelity: hostile strings (entities, markup, padding, tabs, CR/LF
 * inside quotes, missing-value words, bidi and zero-width marks, emoji,
 * spreadsheet formulas, a 20,000-character line) through a generic CSV
 * source come out byte for byte as written; author names only lose padding.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../helpers/ingest.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/ingest');
const HEADER = 'id,created_at,author,text\n';

describe('texts as written', () => {
  it('every hostile string loads, its text byte for byte and its author as named', async () => {
    const want: { id: string; author: string; text: string }[] = JSON.parse(readFileSync(path.join(fixtures, 'hostile-strings.json'), 'utf8'));
    const { source, messages } = await ingest({ 'hostile.csv': readFileSync(path.join(fixtures, 'hostile-strings.csv')) });
    expect(source.format).toBe('generic');
    expect([source.read, source.loaded, source.rejected, source.duplicates]).toEqual([want.length, want.length, 0, 0]);
    const got = new Map(messages.map((m) => [m.id, m]));
    const wrong = want.filter((w) => got.get(w.id)?.text !== w.text || got.get(w.id)?.author !== w.author);
    expect(wrong.map((w) => ({ want: w, got: { text: got.get(w.id)?.text, author: got.get(w.id)?.author } }))).toEqual([]);
    // Checked once more through their UTF-8 bytes, as a report or a download would write them.
    const bytes = (s: string) => Buffer.from(s, 'utf8').toString('hex');
    expect(want.map((w) => bytes(got.get(w.id)!.text))).toEqual(want.map((w) => bytes(w.text)));
  });

  it('CRLF files keep CRLF and bare CRs inside quoted fields; a file with CR line ends reads as lines', async () => {
    const crlf = `${HEADER}1,2024-01-01T10:00:00Z,a,"one\r\ntwo"\r\n2,2024-01-01T10:01:00Z,b,"three\rfour"\r\n3,2024-01-01T10:02:00Z,c,plain\r\n`;
    const oldMac = `${HEADER.replace('\n', '\r')}11,2024-01-01T10:00:00Z,a,first\r12,2024-01-01T10:01:00Z,b,"second\nwith a line feed"\r`;
    const { ledger, messages } = await ingest({ 'crlf.csv': crlf, 'mac.csv': oldMac });
    expect(ledger.totals).toMatchObject({ read: 5, loaded: 5, rejected: 0 });
    expect(messages.filter((m) => m.sourceFile === 'crlf.csv').map((m) => [m.text, m.sourceRow])).toEqual([['one\r\ntwo', 2], ['three\rfour', 4], ['plain', 5]]);
    expect(messages.filter((m) => m.sourceFile === 'mac.csv').map((m) => m.text)).toEqual(['first', 'second\nwith a line feed']);
  });

  it('a record broken by a bare CR in an unquoted field is rejected whole, not loaded cut short', async () => {
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,a,before the break\rafter the break\n2,2024-01-01T10:01:00Z,b,fine\n3,2024-01-01T10:02:00Z,c\r,also broken\r\n`;
    const { source, messages } = await ingest({ 'posts.csv': csv });
    expect([source.read, source.loaded, source.rejected]).toEqual([3, 1, 2]);
    expect(messages.map((m) => m.text)).toEqual(['fine']);
    const bucket = source.rejectedByReason['carriage return in an unquoted field'];
    expect(bucket.examples.map((e) => [e.at, e.detail?.slice(0, 8)])).toEqual([['posts.csv:2', 'field 4 '], ['posts.csv:4', 'field 3 ']]);
  });

  it('missing-value words are texts and author names; in ids, times and counts they are empty', async () => {
    const csv = `id,created_at,author,text,parent_id,likes\n1,2024-01-01T10:00:00Z,null,null,null,NA\n2,2024-01-01T10:01:00Z,undefined,NaN,-,?\nnull,2024-01-01T10:02:00Z,x,y,,\n3,None,x,y,,\n`;
    const { source, messages } = await ingest({ 'posts.csv': csv });
    expect(messages.map((m) => [m.id, m.author, m.text, m.parentId, m.likes])).toEqual([['1', 'null', 'null', null, null], ['2', 'undefined', 'NaN', null, null]]);
    expect(Object.keys(source.rejectedByReason).sort()).toEqual(['missing id', 'missing timestamp']);
  });

  it('a brand reply authored "null" is still recognised as the brand by its handle', async () => {
    const yaml = 'brand: { handles: ["null"] }\n';
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,customer,help\n2,2024-01-01T10:05:00Z,null,we are on it\n`;
    const { messages } = await ingest({ 'crisis.yaml': yaml, 'posts.csv': csv });
    expect(messages.map((m) => [m.author, m.isBrand])).toEqual([['customer', false], ['null', true]]);
  });

  it('entities are decoded only where the format documents them: airline, and Twitter rows of a generic export', async () => {
    const csv = `id,created_at,channel,text\n1,2024-01-01T10:00:00Z,twitter,a &amp; b &gt; c\n2,2024-01-01T10:01:00Z,facebook,a &amp; b &gt; c\n3,2024-01-01T10:02:00Z,,a &amp; b &gt; c\n`;
    const { messages } = await ingest({ 'posts.csv': csv });
    expect(messages.map((m) => m.text)).toEqual(['a & b > c', 'a &amp; b &gt; c', 'a &amp; b &gt; c']);
  });
});
