/**
 * A crisis directory → canonical rows in DuckDB, plus the ledger. Works on any
 * {@link CrisisFiles} (Node's file system, a browser's dropped files).
 */
import { parseCrisisConfig, validateCrisisConfig, type CrisisConfig } from '../config/crisis-config.ts';
import type { SourceConfig } from '../config/source-config.ts';
import { addEventsFile } from '../config/events-file.ts';
import type { FaultLibrary } from '../config/fault-library.ts';
import { InternedMap } from '../core/intern.ts';
import type { Engine } from '../engine/engine.ts';
import { CASE_COLUMNS, MESSAGE_COLUMNS, createTableSql, type Case, type Message, type MessageRows } from '../model.ts';
import { MessageTable } from '../core/message-table.ts';
import { FingerprintSet } from './fingerprint.ts';
import { assertBalanced, totalLedger, type Ledger, type SourceLedger } from './ledger.ts';
import type { MessageDraft } from './map-record.ts';
import { readSource, type CaseDraft, type ReadContext } from './read-source.ts';
import { IngestError, bytesSource, type FileSource } from './source.ts';
import { finishMessages } from './threading.ts';

/** Files of one crisis directory, by names relative to it. */
export interface CrisisFiles {
  /** Every file name in the directory (not recursive), sorted; links to files inside the directory included. */
  list(): Promise<string[]>;
  /**
   * Entries that look like files but are not read, with the reason (a link
   * to a file outside the crisis directory, a broken link), sorted by name.
   */
  refused?(): Promise<{ name: string; reason: string }[]>;
  /** Null when the file does not exist. */
  readText(name: string): Promise<string | null>;
  open(name: string): FileSource;
}

export interface IngestOptions {
  /** Any rejected record fails the ingest. */
  strict?: boolean;
  /** The site's fault library (data/faults.yaml): crisis.yaml's `faults:` may use and extend its faults. */
  faultLibrary?: FaultLibrary;
  onProgress?: ReadContext['onProgress'];
  /** Called once every file is read into messages, before they are loaded into the engine: a host may collect the reading's garbage there. */
  afterRead?: () => void;
  /**
   * Called with what was read once every file is read (after `afterRead`), before the tables load into the engine:
   * a host may judge the ledger (and throw to stop) and start work that needs only the rows, beside the load.
   */
  beforeLoad?: (read: ReadCrisis) => void;
}

/** A crisis as read, before the engine holds it. */
export interface ReadCrisis {
  config: CrisisConfig;
  messages: MessageRows;
  cases: Case[];
  ledger: Ledger;
}

export interface IngestResult {
  config: CrisisConfig;
  configFound: boolean;
  messages: MessageRows;
  cases: Case[];
  ledger: Ledger;
}

const DATA_FILE = /\.(csv|tsv|txt|json|ndjson|jsonl)$/i;

/** Reads every source of a crisis, loads `messages`, `cases` and their attribute tables into `engine`. */
export async function ingestCrisis(files: CrisisFiles, engine: Engine, options: IngestOptions = {}): Promise<IngestResult> {
  const yamlText = await files.readText('crisis.yaml');
  const config = yamlText === null ? validateCrisisConfig({}) : parseCrisisConfig(yamlText, 'crisis.yaml', options.faultLibrary);
  if (yamlText === null) config.assumptions.unshift('No crisis.yaml: every data file in the directory was read with its format auto-detected.');
  await addEventsFile(config, files, options.faultLibrary);
  const names = await files.list();
  const refused = (await files.refused?.()) ?? [];
  // The events file holds events, not records.
  const isData = (n: string) => DATA_FILE.test(n) && !/^(readme|source|license)/i.test(n) && n !== config.eventsFile;
  let sources: SourceConfig[] = config.sources;
  if (!sources.length) {
    sources = names.filter(isData).map((file) => ({ file }));
    if (yamlText !== null) config.assumptions.push('crisis.yaml lists no sources: every data file in the directory was read.');
    // "Every data file was read" must not hide one that was not.
    for (const r of refused.filter((x) => isData(x.name))) config.assumptions.push(`${r.name} was not read: ${r.reason}.`);
  }
  const missing = sources.filter((s) => !names.includes(s.file)).map((s) => s.file);
  if (missing.length) {
    const why = refused.find((r) => r.name === missing[0]);
    if (why) throw new IngestError(missing[0], null, `listed in crisis.yaml but not read: ${why.reason}`);
    throw new IngestError(missing[0], null, `listed in crisis.yaml but not found in the crisis directory (${names.join(', ') || 'it is empty'})`);
  }
  if (!sources.length) throw new IngestError('crisis.yaml', null, 'no data files found: add CSV or JSON exports to the crisis directory, or list them under sources:');

  const window = config.window && { start: config.window.start ? Date.parse(config.window.start) : undefined, end: config.window.end ? Date.parse(config.window.end) : undefined };
  const drafts: MessageDraft[] = [];
  const caseDrafts: CaseDraft[] = [];
  const seen = { messagesById: new InternedMap<MessageDraft>(), fingerprints: new FingerprintSet(), caseIds: new Map() };
  const ledgers: SourceLedger[] = [];
  for (const [index, source] of sources.entries()) {
    const ledger = await readSource(files.open(source.file), source, {
      index, crisisTimezone: config.timezone, window, maxFieldBytes: config.limits.maxFieldBytes, seen, messages: drafts, cases: caseDrafts, onProgress: options.onProgress,
    });
    ledgers.push(ledger);
    if (options.strict && ledger.rejected > 0) {
      const [reason, bucket] = Object.entries(ledger.rejectedByReason)[0];
      throw new IngestError(source.file, null, `--strict: ${ledger.rejected} record(s) rejected, first ${bucket.examples[0].at}: ${reason} (${bucket.examples[0].detail ?? bucket.examples[0].text})`);
    }
  }
  for (const l of ledgers) assertBalanced(l);

  const finished = finishMessages(drafts, config.brand.handles, seen.messagesById);
  // Read: what was seen is not needed any more, and the heap is compacted next.
  seen.messagesById.clear();
  seen.fingerprints.clear();
  seen.caseIds.clear();
  const cases: Case[] = caseDrafts.map(({ updatedAt: _updated, ...c }) => c);
  describeBrand(config, finished);
  caseDrafts.length = 0;
  // By column from here on: each message's object is dropped as the table takes it (core/message-table.ts).
  const messages = new MessageTable(finished, { consume: true });
  options.afterRead?.();
  const ledger = totalLedger(ledgers);
  options.beforeLoad?.({ config, messages, cases, ledger });
  await loadTables(engine, messages, cases);
  return { config, configFound: yamlText !== null, messages, cases, ledger };
}

function describeBrand(config: CrisisConfig, messages: Message[]): void {
  if (!messages.length || config.brand.handles.length) return;
  const brandAuthors = new Set(messages.filter((m) => m.isBrand && m.author).map((m) => m.author!));
  if (brandAuthors.size) {
    const list = [...brandAuthors].sort().slice(0, 10).join(', ');
    config.assumptions.push(`No brand handles configured: brand messages taken from the export's own flags (${brandAuthors.size} author(s): ${list}${brandAuthors.size > 10 ? ', …' : ''}).`);
  } else config.assumptions.push('No brand handles configured and the export does not mark brand messages: every message is treated as a customer message.');
}

async function loadTables(engine: Engine, messages: MessageRows, cases: Case[]): Promise<void> {
  await engine.exec(createTableSql('messages', MESSAGE_COLUMNS));
  await engine.exec(createTableSql('cases', CASE_COLUMNS));
  const attributeColumns = [
    { sql: 'id', type: 'VARCHAR' as const, key: 'id' as const },
    { sql: 'key', type: 'VARCHAR' as const, key: 'key' as const },
    { sql: 'value', type: 'VARCHAR' as const, key: 'value' as const },
  ];
  await engine.exec('CREATE TABLE message_attributes (id VARCHAR, key VARCHAR, value VARCHAR)');
  await engine.exec('CREATE TABLE case_attributes (id VARCHAR, key VARCHAR, value VARCHAR)');
  await engine.insert('messages', MESSAGE_COLUMNS, messages);
  await engine.insert('cases', CASE_COLUMNS, cases);
  const longForm = (rows: Iterable<{ id: string; attributes: Record<string, string> }>) => {
    const out: { id: string; key: string; value: string }[] = [];
    for (const r of rows) for (const key in r.attributes) out.push({ id: r.id, key, value: r.attributes[key]! });
    return out;
  };
  await engine.insert('message_attributes', attributeColumns, longForm(messages));
  await engine.insert('case_attributes', attributeColumns, longForm(cases));
}

/** A crisis held in memory (browser uploads, tests): file name → bytes or text. */
export function memoryCrisisFiles(files: Record<string, string | Uint8Array>): CrisisFiles {
  const names = Object.keys(files).sort();
  return {
    async list() {
      return names;
    },
    async readText(name) {
      const f = files[name];
      return f === undefined ? null : typeof f === 'string' ? f : new TextDecoder().decode(f);
    },
    open(name) {
      return bytesSource(name, files[name] ?? '');
    },
  };
}
