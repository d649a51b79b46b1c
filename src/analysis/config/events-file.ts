/**
 * `eventsFile:` in crisis.yaml: events kept in a CSV beside the exports
 * instead of under `events:` — a recall list of fifty campaigns, a release
 * log. One row per event, with a header naming its columns:
 *
 *   at,label,kind,faults,id,detail
 *   2018-12-18 00:00,Recall 18V894: Equipment – engine block heater,recall,electrical-system,18V894000,Water may get into …
 *
 * `at` and `label` are required; `kind` defaults to `other`; `faults` holds
 * fault ids separated by `;` (an id holds no `;`); `id` and `detail` are
 * optional. Every row is checked as an `events:` entry is (crisis-events.ts),
 * each problem naming the file and the row, and the rows are merged with
 * `events:` into one list sorted by time.
 */
import Papa from 'papaparse';
import type { FaultLibrary } from './fault-library.ts';
import { ConfigError, type CrisisConfig } from './crisis-config.ts';
import { EVENT_FIELDS, sortEvents, validateEvent, type CrisisEvent } from './crisis-events.ts';

/** Separator of several fault ids in the `faults` column. */
export const EVENT_FAULTS_SEPARATOR = ';';

/**
 * The events of an events file's `text` (named `file` in problems), times
 * without an offset read in `zone`, fault ids checked against the crisis's
 * `faults` (and the `library`'s, to say how to use one). Throws
 * {@link ConfigError} naming `file` with every problem, each as
 * `row N (line L), field: …`; returns the events sorted by time.
 */
export function parseEventsFile(text: string, file: string, zone: string, faults: Iterable<string>, library?: FaultLibrary): CrisisEvent[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { header: false, skipEmptyLines: true });
  const problems: string[] = [];
  const rows = parsed.data;
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (!rows.length) throw new ConfigError(file, [`the file is empty: write a header (${EVENT_FIELDS.join(',')}) and one row per event`]);
  for (const error of parsed.errors) problems.push(`row ${error.row ?? '?'}: ${error.message}`);
  header.forEach((h, i) => {
    if (!(EVENT_FIELDS as readonly string[]).includes(h)) problems.push(`header: column ${i + 1} "${h}" is not one of ${EVENT_FIELDS.join(', ')}`);
    else if (header.indexOf(h) !== i) problems.push(`header: column "${h}" appears twice`);
  });
  for (const required of ['at', 'label']) if (!header.includes(required)) problems.push(`header: no "${required}" column (the columns: ${EVENT_FIELDS.join(', ')}; at and label are required)`);
  if (problems.length) throw new ConfigError(file, problems);

  const faultIds = { crisis: new Set(faults), library: new Set(Object.keys(library?.faults ?? {})) };
  const lines = lineNumbers(text.replace(/^\ufeff/, ''), rows.length);
  const events: CrisisEvent[] = [];
  const ids = new Map<string, number>();
  rows.slice(1).forEach((cells, r) => {
    const row = r + 1;
    const where = `row ${row} (line ${lines[row] ?? '?'})`;
    const field = (name: string) => `${where}, ${name}`;
    if (cells.length !== header.length) {
      problems.push(`${where}: ${cells.length} cells for ${header.length} columns (quote a cell that holds a comma)`);
      return;
    }
    const cell = (name: string): string | undefined => {
      const i = header.indexOf(name);
      return i < 0 ? undefined : cells[i];
    };
    // Ids are unique whether or not the rest of their rows is valid.
    const id = (cell('id') ?? '').trim();
    const first = id ? ids.get(id) : undefined;
    if (first !== undefined) problems.push(`${field('id')}: "${id}" is also row ${first}'s: one row per event`);
    else if (id) ids.set(id, row);
    const faultsCell = cell('faults') ?? '';
    const event = validateEvent(
      { at: cell('at'), label: cell('label'), kind: cell('kind'), id: cell('id'), detail: cell('detail'), faults: faultsCell.trim() ? faultsCell.split(EVENT_FAULTS_SEPARATOR) : [] },
      zone,
      field,
      problems,
      faultIds,
    );
    if (event) events.push(event);
  });
  if (problems.length) throw new ConfigError(file, problems);
  return sortEvents(events);
}

/** What the events file is read from: the crisis's files (`CrisisFiles` in ingest). */
export interface EventsFileSource {
  readText(name: string): Promise<string | null>;
}

/**
 * Reads `config.eventsFile` (when set) from `files` and merges its events
 * into `config.events`. `dir`, when given, is the crisis directory as
 * problems name its files (`data/recalls-2024/recalls.csv`). Throws
 * {@link ConfigError} naming the events file (or crisis.yaml, when the file
 * is missing).
 */
export async function addEventsFile(config: CrisisConfig, files: EventsFileSource, library?: FaultLibrary, dir = ''): Promise<void> {
  if (!config.eventsFile) return;
  const named = (file: string) => (dir ? `${dir.replace(/[\\/]+$/, '')}/${file}` : file);
  const text = await files.readText(config.eventsFile);
  if (text === null) throw new ConfigError(named('crisis.yaml'), [`eventsFile: "${config.eventsFile}" not found in the crisis directory`]);
  const events = parseEventsFile(text, named(config.eventsFile), config.timezone, Object.keys(config.faults), library);
  config.events = sortEvents([...config.events, ...events]);
}

/** The 1-based line on which each of the first `count` CSV rows starts (newlines inside quotes belong to their row). */
function lineNumbers(text: string, count: number): number[] {
  const starts: number[] = [];
  let line = 1;
  let quoted = false;
  let rowStart = true;
  for (let i = 0; i < text.length && starts.length < count; i++) {
    const c = text[i];
    if (rowStart && c !== '\n' && c !== '\r') {
      starts.push(line);
      rowStart = false;
    }
    if (c === '"') quoted = !quoted;
    else if (c === '\n') {
      line++;
      if (!quoted) rowStart = true;
    }
  }
  return starts;
}
