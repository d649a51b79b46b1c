/** The crisis analyses against the repository's sample crises, whose SOURCE.md tells what happened when. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRISIS_ANALYSES } from '../../../src/analysis/crisis/index.ts';
import { mainEpisodeOf } from '../../../src/analysis/crisis/notions.ts';
import type { CoverageSection, PlaybookSection, ResponseSection, TimelineSection } from '../../../src/analysis/crisis/types.ts';
import { runCrisis } from './helpers.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const smartlock = path.join(DATA, 'smartlock-firmware-2024');
const bureaus = path.join(DATA, 'cfpb-credit-bureaus-2019');

describe.skipIf(!existsSync(smartlock))('smartlock-firmware-2024 (synthetic, story in SOURCE.md)', () => {
  it('times the lockout surge as the story tells it', async () => {
    const r = await runCrisis(smartlock, [...CRISIS_ANALYSES]);
    const timeline = r.report.sections.timeline as TimelineSection;
    expect(timeline.bucket.id).toBe('1h');
    const main = mainEpisodeOf(timeline)!;
    // First lockout post 01:47 EDT (05:47 UTC); the surge is sustained from the next hour.
    expect(main.onset.at).toBe('2024-10-09T06:00:00.000Z');
    // Peak hour 14:00 EDT on Wednesday.
    expect(main.peak.at).toBe('2024-10-09T18:00:00.000Z');
    // Nobody answers at night: the first brand response is 09:04:55 EDT.
    expect(main.firstBrandResponse?.at).toBe('2024-10-09T13:04:55.000Z');
    const response = r.report.sections.response as ResponseSection;
    expect(response.firstHop?.brandRepliesToInbound).toBe(3140);
    const coverage = r.report.sections.coverage as CoverageSection;
    // The night-time gap: off-hours conversations wait far longer than business-hours ones.
    expect(coverage.businessHours.outside.firstResponse.medianSeconds!).toBeGreaterThan(10 * coverage.businessHours.inside.firstResponse.medianSeconds!);
    const playbook = r.report.sections.playbook as PlaybookSection;
    for (const step of playbook.steps) expect(step.conversations).toBeGreaterThan(0);
  });
});

describe.skipIf(!existsSync(bureaus))('cfpb-credit-bureaus-2019 (date-only complaints)', () => {
  it('finds the late-March surge and the 5 April peak by local day', async () => {
    const r = await runCrisis(bureaus, [...CRISIS_ANALYSES]);
    const timeline = r.report.sections.timeline as TimelineSection;
    expect(timeline.bucket).toMatchObject({ id: '1d', dateOnly: true });
    expect(timeline.buckets).toHaveLength(70);
    const main = mainEpisodeOf(timeline)!;
    expect(main.onset.at.slice(0, 10)).toBe('2019-03-27');
    expect(main.peak).toMatchObject({ at: '2019-04-05T04:00:00.000Z', volume: 84 });
    expect(main.containment?.at.slice(0, 10)).toBe('2019-04-19');
  });
});
