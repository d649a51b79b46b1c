/** crisis.yaml `events:`: what the company did, validated with index, field and fix; times read in the crisis zone. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateEvents } from '../../../src/analysis/config/crisis-events.ts';
import { ConfigError, parseCrisisConfig } from '../../../src/analysis/config/crisis-config.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function problemsOf(raw: unknown, zone = 'UTC'): string[] {
  const problems: string[] = [];
  validateEvents(raw, zone, problems);
  return problems;
}

describe('crisis.yaml events', () => {
  it('reads offsets as written and zone-less times in the crisis zone, sorted by time, as ISO UTC', () => {
    const problems: string[] = [];
    const events = validateEvents(
      [
        { at: '2024-10-17 10:00', label: 'Public post-mortem', kind: 'statement' },
        { at: '2024-10-09T12:20:00-04:00', label: 'Rollout paused', kind: 'mitigated' },
        { at: new Date(Date.UTC(2024, 9, 9, 5)), label: 'Rollout' },
      ],
      'America/New_York',
      problems,
    );
    expect(problems).toEqual([]);
    expect(events).toEqual([
      { at: '2024-10-09T05:00:00.000Z', label: 'Rollout', kind: 'other' },
      { at: '2024-10-09T16:20:00.000Z', label: 'Rollout paused', kind: 'mitigated' },
      { at: '2024-10-17T14:00:00.000Z', label: 'Public post-mortem', kind: 'statement' },
    ]);
  });

  it('names the index, the field and the fix of every problem at once', () => {
    const problems = problemsOf([
      { at: 'yesterday', label: 'A', kind: 'fix' },
      { at: '2024-10-09', label: 'B', kind: 'fix' },
      { at: '2024-10-09 10:00', label: '', kind: 'fixed' },
      { label: 'D', when: 'now' },
      'just text',
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^events\[0\]\.at: "yesterday" is not a date and time \(write 2024-10-09T12:20:00-04:00/),
      expect.stringMatching(/^events\[1\]\.at: "2024-10-09" has no time of day/),
      expect.stringMatching(/^events\[2\]\.label: required text/),
      expect.stringMatching(/^events\[2\]\.kind: "fixed" is not one of detected, declared, statement, mitigated, fix, resolved, recall, other$/),
      expect.stringMatching(/^events\[3\]\.when: unknown field \(known: at, label, kind, faults, id, detail\)$/),
      expect.stringMatching(/^events\[3\]\.at: required/),
      'events[4]: must be a mapping { at, label, kind }',
    ]);
    expect(problemsOf({ at: '2024-10-09 10:00' })).toEqual([expect.stringMatching(/^events: must be a list/)]);
    expect(problemsOf([{ at: '2024-10-09 10:00', label: 'x'.repeat(121) }])).toEqual([expect.stringMatching(/^events\[0\]\.label: 121 characters; keep it under 120/)]);
  });

  it('are part of crisis.yaml: none by default, an error in one fails the file', () => {
    expect(parseCrisisConfig('title: T\n').events).toEqual([]);
    const bad = () => parseCrisisConfig('title: T\ntimezone: Europe/Berlin\nevents:\n  - { at: 2024-03-31 02:30, label: Paused, kind: pause }\n');
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/events\[0\]\.kind: "pause" is not one of/);
    // 02:30 does not exist in Berlin on 31 March 2024 (clocks jump to 03:00): read forward, as export timestamps are.
    expect(parseCrisisConfig('timezone: Europe/Berlin\nevents:\n  - { at: 2024-03-31 01:30, label: Paused, kind: mitigated }\n').events[0].at).toBe('2024-03-31T00:30:00.000Z');
  });

  it('may name the faults they address, checked against the crisis\'s faults, with an id and a detail', () => {
    const problems: string[] = [];
    const ids = { crisis: new Set(['lockout', 'battery-drain']), library: new Set(['support-delay']) };
    const events = validateEvents(
      [
        { at: '2024-10-10 19:05', label: '4.2.1', kind: 'fix', faults: ['lockout', 'battery-drain'], id: 'FW-421', detail: 'Fixes the lockout.' },
        { at: '2024-10-14 11:00', label: '4.2.2', kind: 'fix', faults: 'battery-drain' },
      ],
      'UTC',
      problems,
      ids,
    );
    expect(problems).toEqual([]);
    expect(events).toEqual([
      { at: '2024-10-10T19:05:00.000Z', label: '4.2.1', kind: 'fix', faults: ['lockout', 'battery-drain'], id: 'FW-421', detail: 'Fixes the lockout.' },
      { at: '2024-10-14T11:00:00.000Z', label: '4.2.2', kind: 'fix', faults: ['battery-drain'] },
    ]);
    const bad: string[] = [];
    validateEvents([{ at: '2024-10-10 19:05', label: 'x', kind: 'fix', faults: ['lockout', 'lockout', 'support-delay', 'bricked', ''] }], 'UTC', bad, ids);
    expect(bad).toEqual([
      'events[0].faults[1]: "lockout" is named twice',
      'events[0].faults[2]: "support-delay" is a fault of the fault library but not of this crisis: list it under faults: (support-delay: ~) to analyse it here',
      'events[0].faults[3]: "bricked" is not a fault of this crisis (its faults: battery-drain, lockout)',
      'events[0].faults[4]: must be a fault id (e.g. engine)',
    ]);
    // In crisis.yaml: checked against its own faults, the error naming the file and the event's index.
    const yaml = 'title: T\nfaults:\n  lockout: { label: Locked out, keywords: [locked out] }\nevents:\n  - { at: 2024-10-10 19:05, label: Fix, kind: fix, faults: [lockout] }\n  - { at: 2024-10-11 19:05, label: Fix 2, kind: fix, faults: [lockuot] }\n';
    expect(() => parseCrisisConfig(yaml, 'data/x/crisis.yaml')).toThrow(/^data\/x\/crisis\.yaml has 1 problem:\n {2}- events\[1\]\.faults\[0\]: "lockuot" is not a fault of this crisis \(its faults: lockout\)$/);
    expect(parseCrisisConfig(yaml.replace('lockuot', 'lockout')).events.map((e) => e.faults)).toEqual([['lockout'], ['lockout']]);
  });

  it('the smart-lock sample lists the rollout, the pause, the fixes and the statement from its notebook', () => {
    const raw = parse(readFileSync(path.join(ROOT, 'data/smartlock-firmware-2024/crisis.yaml'), 'utf8')) as { events: unknown; faults: Record<string, unknown> };
    const problems: string[] = [];
    const events = validateEvents(raw.events, 'America/New_York', problems, { crisis: new Set(Object.keys(raw.faults)) });
    expect(problems).toEqual([]);
    // The fixes name the faults they fix.
    expect(events.filter((e) => e.kind === 'fix').map((e) => e.faults)).toEqual([['lockout'], ['battery-drain'], ['double-charge']]);
    expect(events.map((e) => [e.at, e.kind])).toEqual([
      ['2024-10-08T18:00:00.000Z', 'other'],
      ['2024-10-09T05:00:00.000Z', 'other'],
      ['2024-10-09T16:20:00.000Z', 'mitigated'],
      ['2024-10-09T17:00:00.000Z', 'other'],
      ['2024-10-10T23:05:00.000Z', 'fix'],
      ['2024-10-14T15:00:00.000Z', 'fix'],
      ['2024-10-14T19:00:00.000Z', 'fix'],
      ['2024-10-17T14:00:00.000Z', 'statement'],
    ]);
  });
});
