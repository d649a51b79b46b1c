/**
 * `eventsFile:` — events from a CSV beside the exports, checked like
 * `events:` with every problem naming the file and the row, merged with
 * `events:`; and the NHTSA recall lists (data/nhtsa-…/recalls.csv) hold every
 * recall campaign of their model as an independent count of the shared
 * derived_recalls.csv finds (papaparse and yaml here, none of Debrief's code).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ConfigError, parseCrisisConfig } from '../../../src/analysis/config/crisis-config.ts';
import { addEventsFile, parseEventsFile } from '../../../src/analysis/config/events-file.ts';
import { parseFaultLibrary } from '../../../src/analysis/config/fault-library.ts';
import { checkCrisis } from '../../../src/cli/preflight.ts';
import { nodeCrisisFiles } from '../../../src/node/files.ts';
import { ingest } from '../../helpers/ingest.ts';
import { sharedData } from '../../helpers/shared-data.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LIBRARY_FILE = path.join(ROOT, 'data/faults.yaml');
const recalls = sharedData('nhtsa-components-2015-2025/derived_recalls.csv');

const problemsOf = (text: string, faults = ['lockout']): string[] => {
  try {
    parseEventsFile(text, 'data/x/events.csv', 'America/New_York', faults);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe('data/x/events.csv');
    return (error as ConfigError).problems;
  }
  return [];
};

describe('an events file', () => {
  it('reads rows as events: zone-less times in the crisis zone, faults split at ";", kind other by default, sorted by time', () => {
    const text = 'label,at,faults,kind,id,detail\n"Fix, at last",2024-10-10 19:05,lockout,fix,FW-1,"Two\nlines"\nStatement,2024-10-09T12:00:00Z,,,,\n';
    expect(parseEventsFile(text, 'events.csv', 'America/New_York', ['lockout', 'drain'])).toEqual([
      { at: '2024-10-09T12:00:00.000Z', label: 'Statement', kind: 'other' },
      { at: '2024-10-10T23:05:00.000Z', label: 'Fix, at last', kind: 'fix', faults: ['lockout'], id: 'FW-1', detail: 'Two\nlines' },
    ]);
    expect(parseEventsFile('at,label,faults\n2024-10-10 19:05,Fix,lockout; drain\n', 'e.csv', 'UTC', ['lockout', 'drain'])[0]!.faults).toEqual(['lockout', 'drain']);
  });

  it('names the file, the row and its line, and the field, for every problem at once', () => {
    // Row 2 spans lines 3 and 4 (a quoted newline): row 3 starts on line 5.
    const text = 'at,label,kind,faults,id\n2024-10-10,No time,fix,,a\n2024-10-10 10:00,"Two\nlines",fixed,lockuot,b\n2024-10-11 10:00,Dup,recall,lockout,a\n2024-10-12 10:00,Short\n';
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^row 1 \(line 2\), at: "2024-10-10" has no time of day/),
      'row 2 (line 3), kind: "fixed" is not one of detected, declared, statement, mitigated, fix, resolved, recall, other',
      'row 2 (line 3), faults[0]: "lockuot" is not a fault of this crisis (its faults: lockout)',
      'row 3 (line 5), id: "a" is also row 1\'s: one row per event',
      'row 4 (line 6): 2 cells for 5 columns (quote a cell that holds a comma)',
    ]);
    expect(problemsOf('when,label\n2024-10-10 10:00,x\n')).toEqual(['header: column 1 "when" is not one of at, label, kind, faults, id, detail', 'header: no "at" column (the columns: at, label, kind, faults, id, detail; at and label are required)']);
    expect(problemsOf('')).toEqual([expect.stringMatching(/^the file is empty/)]);
  });

  it('is listed in crisis.yaml, merged with events: in time order, and a missing one names crisis.yaml', async () => {
    const yaml = 'title: T\ntimezone: UTC\nfaults:\n  lockout: { label: Locked out, keywords: [locked out] }\nevents:\n  - { at: 2024-10-11 09:00, label: Statement, kind: statement }\neventsFile: fixes.csv\n';
    const config = parseCrisisConfig(yaml);
    expect(config.eventsFile).toBe('fixes.csv');
    await addEventsFile(config, { readText: async (n) => (n === 'fixes.csv' ? 'at,label,kind,faults\n2024-10-12 09:00,Fix 2,fix,lockout\n2024-10-10 09:00,Fix 1,fix,lockout\n' : null) });
    expect(config.events.map((e) => e.label)).toEqual(['Fix 1', 'Statement', 'Fix 2']);
    const missing = parseCrisisConfig(yaml);
    await expect(addEventsFile(missing, { readText: async () => null }, undefined, 'data/x/')).rejects.toThrow(/^data\/x\/crisis\.yaml has 1 problem:\n {2}- eventsFile: "fixes\.csv" not found in the crisis directory$/);
    expect(() => parseCrisisConfig('sources: [a.csv]\neventsFile: a.csv\n')).toThrow(/eventsFile: "a\.csv" is also listed under sources/);
    expect(() => parseCrisisConfig('eventsFile: ../x.csv\n')).toThrow(/eventsFile: must stay inside the crisis directory/);
  });

  it('is not read as data when crisis.yaml lists no sources, and its events reach the report config', async () => {
    const { config, ledger } = await ingest({
      'crisis.yaml': 'title: T\ntimezone: UTC\neventsFile: events.csv\n',
      'posts.csv': 'id,created_at,text,author\n1,2024-10-10T10:00:00Z,locked out again,a\n',
      'events.csv': 'at,label,kind\n2024-10-10 12:00,Paused,mitigated\n',
    });
    expect(ledger.sources.map((s) => s.file)).toEqual(['posts.csv']);
    expect(config.events).toEqual([{ at: '2024-10-10T12:00:00.000Z', label: 'Paused', kind: 'mitigated' }]);
  });
});

type Row = Record<string, string>;
const MODELS = [
  ['Escape', 'nhtsa-ford-escape-2015-2025', 55, 112],
  ['RAV4', 'nhtsa-toyota-rav4-2015-2025', 23, 37],
  ['Model 3', 'nhtsa-tesla-model-3-2015-2025', 33, 130],
] as const;

/** Independent: a recall's fault ids, its component's top level split at commas, looked up in data/faults.yaml codes as plain YAML. */
function faultsOf(component: string): string[] {
  const lib = (parseYaml(readFileSync(LIBRARY_FILE, 'utf8')) as { faults: Record<string, { codes?: string[] }> }).faults;
  const ids: string[] = [];
  for (const part of component.split(':')[0]!.split(',')) {
    const id = Object.keys(lib).find((k) => (lib[k]!.codes ?? []).some((c) => c.trim().toLowerCase() === part.trim().toLowerCase()));
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

describe('the NHTSA recall lists', () => {
  it.skipIf(!recalls.exists).each(MODELS)('%s: one recall event per campaign of the model (model years 2015–2025), as an independent count finds', async (model, slug, campaigns, sourceRows) => {
    const rows = Papa.parse<Row>(readFileSync(recalls.path, 'utf8'), { header: true, skipEmptyLines: true }).data.filter((r) => r.model === model && +r.year! >= 2015 && +r.year! <= 2025);
    const byCampaign = new Map<string, Row>();
    for (const r of rows) if (!byCampaign.has(r.record_id!)) byCampaign.set(r.record_id!, r);
    expect([byCampaign.size, rows.length]).toEqual([campaigns, sourceRows]);

    const dir = path.join(ROOT, 'data', slug);
    await checkCrisis(dir);
    const library = parseFaultLibrary(readFileSync(LIBRARY_FILE, 'utf8'), LIBRARY_FILE);
    const config = parseCrisisConfig(readFileSync(path.join(dir, 'crisis.yaml'), 'utf8'), 'crisis.yaml', library);
    const yamlEvents = config.events.length;
    await addEventsFile(config, nodeCrisisFiles(dir), library);
    const recallEvents = config.events.filter((e) => e.kind === 'recall');
    expect(recallEvents).toHaveLength(campaigns);
    expect(config.events).toHaveLength(yamlEvents + campaigns);
    const mine = [...byCampaign.values()].map((r) => ({ id: r.record_id!.replace(/^recall_/, ''), day: r.recall_date!, faults: faultsOf(r.component!) }));
    const byId = new Map(recallEvents.map((e) => [e.id, e]));
    for (const m of mine) {
      const e = byId.get(m.id)!;
      expect(e, m.id).toBeDefined();
      // Midnight of the recall day in New York.
      expect(new Date(e.at).toLocaleDateString('en-CA', { timeZone: 'America/New_York' })).toBe(m.day);
      expect(e.faults ?? [], m.id).toEqual(m.faults);
      expect(e.label).toMatch(new RegExp(`^Recall ${m.id.replace(/000$/, '')}: `));
    }
  });
});
