/**
 * One time zone per crisis for every date the site shows (issue 10): each
 * date and time is in the crisis's configured zone with the abbreviation in
 * force at that instant (EST before the spring switch, EDT after), and
 * `/faults/` dates each crisis's faults by that crisis's clock.
 */
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { localTimeText } from '../../src/site/charts/time.ts';
import type { LoadedCrisis } from '../../src/site/crises.ts';
import { crisisView } from '../../src/site/crisis-view.ts';
import { faultsAcross, faultsAcrossCsv, seenByCrisis } from '../../src/site/faults-all.ts';
import { faultSeen } from '../../src/site/faults.ts';
import { formatDateRange, formatDateTime, formatZonedDate, localDate, zoneLabel, zoneNote } from '../../src/site/format.ts';

const NEW_YORK = 'America/New_York';

describe('zone abbreviations on each side of a DST switch (America/New_York, 13 Mar 2016)', () => {
  it('times carry the abbreviation in force at that instant', () => {
    // Clocks went from 02:00 EST to 03:00 EDT at 07:00 UTC.
    expect(formatDateTime('2016-03-13T06:59:00Z', NEW_YORK)).toBe('13 Mar 2016, 01:59 EST');
    expect(formatDateTime('2016-03-13T07:00:00Z', NEW_YORK)).toBe('13 Mar 2016, 03:00 EDT');
    expect(zoneLabel(NEW_YORK, '2016-03-12T12:00:00Z')).toBe('EST');
    expect(zoneLabel(NEW_YORK, '2016-03-14T12:00:00Z')).toBe('EDT');
  });

  it('a range crossing the switch labels each end with its own abbreviation', () => {
    expect(formatDateRange('2016-03-10T15:00:00Z', '2016-03-16T15:00:00Z', NEW_YORK)).toBe('10 Mar 2016 EST – 16 Mar 2016 EDT');
    expect(formatDateRange('2016-03-01T15:00:00Z', '2016-03-06T15:00:00Z', NEW_YORK)).toBe('1–6 Mar 2016 EST');
    // The CFPB sample crisis's window, as its summary and home-page card show it.
    expect(formatDateRange('2019-02-18T05:00:00.000Z', '2019-04-28T04:00:00.000Z', NEW_YORK)).toBe('18 Feb 2019 EST – 28 Apr 2019 EDT');
  });

  it('"times in …" names every change within the period', () => {
    expect(zoneNote(NEW_YORK, '2019-02-18T05:00:00.000Z', '2019-04-28T04:00:00.000Z')).toBe('America/New_York (EST; EDT from 10 Mar 2019, 03:00)');
    expect(zoneNote(NEW_YORK, '2019-01-02T05:00:00.000Z', '2019-01-28T04:00:00.000Z')).toBe('America/New_York (EST)');
    expect(zoneNote('Europe/Berlin', '2019-01-18T05:00:00Z', '2019-12-28T04:00:00Z')).toBe('Europe/Berlin (CET; CEST from 31 Mar 2019, 03:00; CET from 27 Oct 2019, 02:00)');
    expect(zoneNote('UTC', '2019-01-18T05:00:00Z', '2019-12-28T04:00:00Z')).toBe('UTC');
  });

  it('zones without a common abbreviation get their offset; UK summer time is BST', () => {
    expect(zoneLabel('Asia/Kolkata', '2019-06-01T00:00:00Z')).toBe('UTC+5:30');
    expect(zoneLabel('Europe/London', '2019-07-01T00:00:00Z')).toBe('BST');
    expect(zoneLabel('Europe/London', '2019-01-01T00:00:00Z')).toBe('GMT');
  });

  it('CSV local times tell the repeated autumn hour apart', () => {
    const local = localTimeText(NEW_YORK);
    expect(local('2016-11-06T05:30:00Z')).toBe('2016-11-06 01:30 EDT');
    expect(local('2016-11-06T06:30:00Z')).toBe('2016-11-06 01:30 EST');
  });

  it("'today' is the crisis's date (an action is past due where the crisis happened)", () => {
    expect(localDate('2024-10-08T02:30:00Z', NEW_YORK)).toBe('2024-10-07');
    expect(localDate('2024-10-08T02:30:00Z', 'UTC')).toBe('2024-10-08');
  });
});

/** A crisis with one fault first seen at 22:30 local time in `zone` on 7 Oct 2024 (8 Oct in UTC for New York). */
function crisisWithFault(slug: string, zone: string, firstSeen: number): LoadedCrisis {
  const report = {
    crisis: { slug, title: `Crisis ${slug}`, timezone: zone, window: { start: null, end: null } },
    counts: { messages: 10, cases: 0, inboundMessages: 10, brandMessages: 0, authors: 5, conversations: 10, channels: [] },
    sections: {
      faults: {
        considered: 10,
        classified: 4,
        casesClassified: 0,
        bucketMs: 3_600_000,
        bucketStarts: [],
        pareto: [{ faultId: 'lock-jam', label: 'Lock jams', count: 4, share: 1, cumulativeShare: 1, firstSeen, lastSeen: firstSeen + 3_600_000, volume: [], exampleIds: [] }],
      },
    },
  } as unknown as ReportModel;
  return { slug, report, excerpts: { messages: { head: [], total: 0 }, cases: { head: [], total: 0 }, quoted: { messages: [], cases: [] } }, manifest: {}, dir: '' } as unknown as LoadedCrisis;
}

describe('a fault first seen late in the evening, local time', () => {
  const lateInNewYork = Date.UTC(2024, 9, 8, 2, 30); // 7 Oct 2024, 22:30 EDT
  const newYork = crisisWithFault('ny-outage', NEW_YORK, lateInNewYork);
  const berlin = crisisWithFault('berlin-outage', 'Europe/Berlin', Date.UTC(2024, 9, 7, 22, 30)); // 8 Oct 2024, 00:30 CEST

  it('is dated 7 Oct on the crisis page (the data the page formats)', () => {
    const fault = crisisView(newYork).faults!.faults[0]!;
    expect(faultSeen(fault, NEW_YORK)).toEqual({ firstSeen: '7 Oct 2024 EDT', lastSeen: '7 Oct 2024 EDT' });
    expect(formatZonedDate(lateInNewYork, 'UTC')).toBe('8 Oct 2024 UTC');
  });

  it('is dated 7 Oct on /faults/ too, each crisis in its own zone, labelled', () => {
    const rows = faultsAcross([newYork, berlin]);
    expect(rows).toHaveLength(1);
    expect(seenByCrisis(rows[0]!)).toEqual([
      { slug: 'ny-outage', title: 'Crisis ny-outage', name: 'Crisis ny-outage', zone: NEW_YORK, firstSeen: '7 Oct 2024 EDT', lastSeen: '7 Oct 2024 EDT' },
      { slug: 'berlin-outage', title: 'Crisis berlin-outage', name: 'Crisis berlin-outage', zone: 'Europe/Berlin', firstSeen: '8 Oct 2024 CEST', lastSeen: '8 Oct 2024 CEST' },
    ]);
  });

  it("/faults/faults.csv gives each crisis's zone and local first/last seen beside the UTC instants", () => {
    const [header, ny] = faultsAcrossCsv(faultsAcross([newYork])).trimEnd().split('\n');
    const row = Object.fromEntries(header!.split(',').map((h, i) => [h, ny!.split(',')[i]]));
    expect(row).toMatchObject({ crisis: 'ny-outage', timezone: NEW_YORK, first_seen: '2024-10-08T02:30:00.000Z', first_seen_local: '2024-10-07 22:30 EDT', last_seen_local: '2024-10-07 23:30 EDT' });
  });
});
