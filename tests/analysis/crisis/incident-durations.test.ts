/** Incident durations from crisis.yaml events and the data: measured from the surge onset, "not measurable" with the reason, never 0. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CrisisEvent } from '../../../src/analysis/config/crisis-events.ts';
import { incidentDurations } from '../../../src/analysis/crisis/incident-durations.ts';
import type { TimelineSection } from '../../../src/analysis/crisis/types.ts';
import type { ReportModel } from '../../../src/analysis/report/report-model.ts';

const golden = (slug: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../golden/${slug}/report.json`), 'utf8')) as ReportModel;
const smartlock = golden('smartlock-firmware-2024').sections.timeline as TimelineSection;
const cfpb = golden('cfpb-credit-bureaus-2019').sections.timeline as TimelineSection;
const ev = (at: string, kind: CrisisEvent['kind'], label: string = kind): CrisisEvent => ({ at, kind, label });
const byKey = (r: ReturnType<typeof incidentDurations>) => Object.fromEntries(r.durations.map((d) => [d.key, d]));

describe('incident durations', () => {
  it('the smart-lock lockout: from the 02:00 EDT onset, first reply 7.1 h, paused 10.3 h, statement 8.3 d; no detected or resolved event', () => {
    const events = [ev('2024-10-09T05:00:00.000Z', 'other', 'Rollout'), ev('2024-10-09T16:20:00.000Z', 'mitigated', 'Rollout paused'), ev('2024-10-10T23:05:00.000Z', 'fix'), ev('2024-10-17T14:00:00.000Z', 'statement', 'Post-mortem')];
    const r = incidentDurations(events, smartlock);
    expect(r.impactStart).toMatchObject({ at: '2024-10-09T06:00:00.000Z', source: 'data' });
    const d = byKey(r);
    expect(d.firstResponse).toMatchObject({ minutes: 424.9, end: { at: '2024-10-09T13:04:55.000Z', source: 'data' } });
    expect(d.mitigate).toMatchObject({ minutes: 620, end: { label: 'Rollout paused', source: 'event' } });
    expect(d.statement).toMatchObject({ minutes: 12000, end: { label: 'Post-mortem' } });
    expect(d.detect).toMatchObject({ minutes: null, end: null, notMeasurable: 'crisis.yaml lists no detected or declared event' });
    expect(d.resolve).toMatchObject({ minutes: null, notMeasurable: 'crisis.yaml lists no resolved event' });
  });

  it('falls back to declared for detection and fix for mitigation; ignores events before the impact', () => {
    const d = byKey(incidentDurations([ev('2024-10-08T18:00:00.000Z', 'statement'), ev('2024-10-09T07:30:00.000Z', 'declared'), ev('2024-10-10T06:00:00.000Z', 'fix')], smartlock));
    expect(d.detect.minutes).toBe(90);
    expect(d.mitigate.minutes).toBe(1440);
    expect(d.statement).toMatchObject({ minutes: null, notMeasurable: 'every statement event in crisis.yaml is before the impact started' });
  });

  it('cases only: no public reply to time; no events: every human moment not measurable', () => {
    const r = incidentDurations([], cfpb);
    expect(r.impactStart?.at).toBe('2019-03-27T04:00:00.000Z');
    expect(r.durations.every((d) => d.minutes === null && d.notMeasurable)).toBe(true);
    expect(byKey(r).firstResponse.notMeasurable).toMatch(/cases, no public messages/);
  });

  it('without a surge or a timeline there is no start to measure from (never 0)', () => {
    const flat = { ...smartlock, episodes: [], mainEpisodeIndex: null } as TimelineSection;
    const events = [ev('2024-10-09T16:20:00.000Z', 'mitigated')];
    expect(byKey(incidentDurations(events, flat)).mitigate).toMatchObject({ minutes: null, notMeasurable: 'the data shows no surge to start the clock at' });
    expect(byKey(incidentDurations(events, undefined)).mitigate.notMeasurable).toMatch(/no timeline/);
    const noReply = { ...smartlock, episodes: smartlock.episodes.map((e) => ({ ...e, firstBrandReplyToEpisode: null })) } as TimelineSection;
    expect(byKey(incidentDurations([], noReply)).firstResponse).toMatchObject({ minutes: null, notMeasurable: expect.stringMatching(/did not reply/) });
  });
});
