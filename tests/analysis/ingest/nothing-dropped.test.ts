/**
 * Nothing dropped without a ledger line: repeated header names, symbolic
 * links inside and outside the crisis directory, `..` inside a file name,
 * and records that differ only in where their fields split.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/analysis/config/crisis-config.ts';
import { IngestError } from '../../../src/analysis/ingest/source.ts';
import { ingest } from '../../helpers/ingest.ts';

const POSTS = 'id,created_at,author,text\n1,2024-01-01T10:00:00Z,a,hello\n2,2024-01-01T10:01:00Z,b,world\n';

describe('repeated header names', () => {
  it('keeps the second column as text_2 (its own values) and notes the rename', async () => {
    const csv = 'id,created_at,text,Text,author,text\n1,2024-01-01T10:00:00Z,first,second,a,third\n';
    const { source, messages, engine } = await ingest({ 'posts.csv': csv }, { keep: true });
    expect(messages.at(0)!.text).toBe('first');
    expect(messages.at(0)!.attributes).toEqual({ Text_2: 'second', text_3: 'third' });
    expect(source.notes).toEqual([
      'Column 4 repeats the name "Text" of column 3: its values are kept as "Text_2".',
      'Column 6 repeats the name "text" of column 3: its values are kept as "text_3".',
    ]);
    const rows = await engine.query('select key, value from message_attributes order by key');
    expect(rows.map((r) => [r.key, r.value])).toEqual([['Text_2', 'second'], ['text_3', 'third']]);
    await engine.close();
  });

  it('a renamed column can be mapped by its new name', async () => {
    const yaml = 'sources:\n  - file: posts.csv\n    columns: { text: text_2 }\n';
    const { messages } = await ingest({ 'crisis.yaml': yaml, 'posts.csv': 'created_at,text,text\n2024-01-01T10:00:00Z,subject,body\n' });
    expect(messages.map((m) => [m.text, m.attributes])).toEqual([['body', { text: 'subject' }]]);
  });
});

describe('symbolic links', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'debrief-links-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const crisis = path.join(root, 'crisis');
  mkdirSync(path.join(crisis, 'exports'), { recursive: true });
  writeFileSync(path.join(crisis, 'exports', 'posts-2024.csv'), POSTS);
  writeFileSync(path.join(root, 'elsewhere.csv'), POSTS.replace(/hello|world/g, 'secret'));
  symlinkSync(path.join('exports', 'posts-2024.csv'), path.join(crisis, 'posts.csv'));
  symlinkSync(path.join('..', 'elsewhere.csv'), path.join(crisis, 'outside.csv'));

  it('auto-detect reads a link to a file inside the directory and says why a link leading out was not read', async () => {
    const { ledger, messages, config } = await ingest(crisis);
    expect(ledger.sources.map((s) => [s.file, s.loaded])).toEqual([['posts.csv', 2]]);
    expect(messages.map((m) => m.text)).toEqual(['hello', 'world']);
    expect(config.assumptions).toContain('outside.csv was not read: it is a symbolic link to a file outside the crisis directory; copy the file into the directory instead.');
  });

  it('crisis.yaml may list a link inside; one leading out is refused with the reason', async () => {
    writeFileSync(path.join(crisis, 'crisis.yaml'), 'sources: [posts.csv]\n');
    expect((await ingest(crisis)).source).toMatchObject({ file: 'posts.csv', loaded: 2 });
    writeFileSync(path.join(crisis, 'crisis.yaml'), 'sources: [posts.csv, outside.csv]\n');
    const error = await ingest(crisis).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toBe('outside.csv: listed in crisis.yaml but not read: it is a symbolic link to a file outside the crisis directory; copy the file into the directory instead');
    rmSync(path.join(crisis, 'crisis.yaml'));
  });
});

describe('file names', () => {
  it('"my..export.csv" is a file name, not a way out of the directory', async () => {
    const yaml = 'sources:\n  - file: my..export.csv\n';
    expect((await ingest({ 'crisis.yaml': yaml, 'my..export.csv': POSTS })).source).toMatchObject({ file: 'my..export.csv', loaded: 2 });
    for (const bad of ['../posts.csv', 'sub/../../posts.csv', '..\\\\posts.csv']) {
      const error = await ingest({ 'crisis.yaml': `sources:\n  - file: "${bad}"\n`, 'posts.csv': POSTS }).catch((e: unknown) => e);
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('sources[0].file: must stay inside the crisis directory');
    }
  });
});

describe('exact duplicates', () => {
  it('records whose fields split differently are not duplicates, even with the old separator inside a field', async () => {
    const csv = 'text,author,created_at\n"a\u0001b",c,2024-01-01T10:00:00Z\na,"b\u0001c",2024-01-01T10:00:00Z\nab,,2024-01-01T10:00:00Z\na,b,2024-01-01T10:00:00Z\na,b,2024-01-01T10:00:00Z\n';
    const { source, messages } = await ingest({ 'posts.csv': csv });
    expect([source.read, source.loaded, source.exactDuplicates]).toEqual([5, 4, 1]);
    expect(messages.map((m) => [m.text, m.author])).toEqual([['a\u0001b', 'c'], ['a', 'b\u0001c'], ['ab', null], ['a', 'b']]);
  });
});
