/**
 * readSource books a record over the size cap as one rejected record, with
 * its file:line and a short example, and reads on; a 600 MB field (past V8's
 * maximum string length) streams through without ever being one string.
 */
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/analysis/config/source-config.ts';
import { InternedMap } from '../../../src/analysis/core/intern.ts';
import { FingerprintSet } from '../../../src/analysis/ingest/fingerprint.ts';
import { readSource, type ReadContext } from '../../../src/analysis/ingest/read-source.ts';
import { bytesSource, IngestError, type FileSource } from '../../../src/analysis/ingest/source.ts';

const HEADER = 'id,created_at,author,text\n';

function context(maxRecordChars?: number): ReadContext {
  return {
    index: 0,
    crisisTimezone: 'UTC',
    maxFieldBytes: 1 << 20,
    maxRecordChars,
    seen: { messagesById: new InternedMap(), fingerprints: new FingerprintSet(), caseIds: new Map() },
    messages: [],
    cases: [],
  };
}

const config = (file: string): SourceConfig => ({ file });

describe('readSource: a record over the size cap', () => {
  it('CSV: one rejected record with its line and a short example; the records after it keep their lines', async () => {
    const giant = `2,2024-01-01T10:01:00Z,b,"${'x'.repeat(500)}\n${'y'.repeat(500)}"\n`;
    const text = `${HEADER}1,2024-01-01T10:00:00Z,a,first\n${giant}3,2024-01-01T10:02:00Z,c,after\n4,not a date,d,bad\n`;
    const ctx = context(200);
    const ledger = await readSource(bytesSource('posts.csv', text, 16), config('posts.csv'), ctx);
    expect([ledger.read, ledger.loaded, ledger.rejected]).toEqual([4, 2, 2]);
    expect(ctx.messages.map((m) => m.text)).toEqual(['first', 'after']);
    const [example] = ledger.rejectedByReason['field too large'].examples;
    expect(example.at).toBe('posts.csv:3');
    expect(example.text).toBe(`2,2024-01-01T10:01:00Z,b,"${'x'.repeat(93)}…`);
    expect(example.detail).toMatch(/^the record starting on line 3 is 1,028 characters \(2 lines\), over the 200 one record may hold/);
    // The bad date two records on is named by its own line.
    expect(Object.values(ledger.rejectedByReason).flatMap((b) => b.examples.map((e) => e.at))).toEqual(['posts.csv:3', 'posts.csv:6']);
  });

  it('CSV: a first record over the cap leaves no columns to read: one IngestError naming file and line', async () => {
    const text = `id,"${'h'.repeat(300)}\n1,a\n`;
    const error = await readSource(bytesSource('posts.csv', text, 16), config('posts.csv'), context(200)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toBe(
      "posts.csv:1: the first record cannot be read, so neither can the file's columns: the record starting on line 1 opens a quoted field that is never closed: the rest of the file, 308 characters on 2 line(s), is over the 200 one record may hold and was skipped unread",
    );
  });

  it('NDJSON: a line over the cap is one rejected record; the next line loads', async () => {
    const line = (id: number, text: string) => JSON.stringify({ id: String(id), created_at: '2024-01-01T10:00:00Z', text });
    const text = [line(1, 'first'), line(2, 'z'.repeat(400)), line(3, 'after')].join('\n');
    const ctx = context(200);
    const ledger = await readSource(bytesSource('posts.ndjson', text, 16), config('posts.ndjson'), ctx);
    expect([ledger.read, ledger.loaded, ledger.rejected]).toEqual([3, 2, 1]);
    expect(ctx.messages.map((m) => m.text)).toEqual(['first', 'after']);
    const [example] = ledger.rejectedByReason['field too large'].examples;
    expect([example.at, example.text.length, example.detail?.split(',')[0]]).toEqual(['posts.ndjson:2', 120, 'the NDJSON line starting on line 2 is 456 characters']);
  });
});

const MiB = 1 << 20;
const FIELD_MIB = 600;

/** A CSV file of a header, a record with a 600 MiB quoted field, and one more record, generated chunk by chunk. */
function hugeFieldSource(): FileSource {
  const encoder = new TextEncoder();
  const filler = new Uint8Array(MiB).fill(0x78); // 'x'
  return {
    name: 'huge.csv',
    async *chunks() {
      yield encoder.encode(`${HEADER}1,2024-01-01T10:00:00Z,a,"`);
      for (let i = 0; i < FIELD_MIB; i++) yield filler;
      yield encoder.encode('"\n2,2024-01-01T10:01:00Z,b,after the giant\n');
    },
  };
}

describe('readSource: a field past V8\'s maximum string length', () => {
  it('600 MiB in one field is rejected with its line and the next record loads, in bounded memory', async () => {
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const source = hugeFieldSource();
    const sampled: FileSource = {
      name: source.name,
      async *chunks() {
        for await (const chunk of source.chunks()) {
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
          yield chunk;
        }
      },
    };
    const ctx = context();
    const ledger = await readSource(sampled, config('huge.csv'), ctx);
    expect([ledger.read, ledger.loaded, ledger.rejected]).toEqual([2, 1, 1]);
    expect(ctx.messages.map((m) => [m.id, m.text])).toEqual([['2', 'after the giant']]);
    const [example] = ledger.rejectedByReason['field too large'].examples;
    const chars = FIELD_MIB * MiB + '1,2024-01-01T10:00:00Z,a,""'.length;
    expect(example).toEqual({
      at: 'huge.csv:2',
      text: `1,2024-01-01T10:00:00Z,a,"${'x'.repeat(93)}…`,
      detail: `the record starting on line 2 is ${chars.toLocaleString('en-US')} characters, over the 67,108,864 one record may hold (an unclosed quote or a field far over limits.maxFieldBytes); it is rejected unread and reading continues after it`,
    });
    // At most the cap is held (64 Mi characters, 128 MB as decoded text), never the 600 MiB field (1.2 GB as text).
    expect(rssPeak - rssBefore).toBeLessThan(768 * MiB);
  }, 60_000);
});
