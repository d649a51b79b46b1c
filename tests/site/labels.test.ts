/**
 * The label map and the humaniser (src/site/labels.ts): every key the code
 * can put on a page — each analysis's sections and columns, the named KPIs,
 * every definition key, the playbook's steps and cues — has a label of its
 * own, and anything else reads as words.
 */
import { describe, expect, it } from 'vitest';
import { INCIDENT_DURATION_DEFINITIONS } from '../../src/analysis/crisis/incident-durations.ts';
import { AMPLIFIER_DEFINITIONS } from '../../src/analysis/crisis/amplifiers.ts';
import { COVERAGE_DEFINITIONS } from '../../src/analysis/crisis/coverage.ts';
import { PLAYBOOK_DEFINITIONS, PLAYBOOK_STEPS } from '../../src/analysis/crisis/playbook.ts';
import { CUE_SUMMARY } from '../../src/analysis/crisis/playbook-cues.ts';
import { RESPONSE_DEFINITIONS } from '../../src/analysis/crisis/response.ts';
import { TIMELINE_DEFINITIONS } from '../../src/analysis/crisis/timeline.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { defaultAnalyses } from '../../src/analysis/runner/default-analyses.ts';
import { SEGMENTS_DEFINITIONS } from '../../src/analysis/sections/segments/analysis.ts';
import { TICKETS_DEFINITIONS } from '../../src/analysis/sections/tickets/analysis.ts';
import { NAMED_KPIS, kpi } from '../../src/site/kpis.ts';
import {
  COLUMN_LABELS,
  DEFINITION_LABELS,
  KPI_LABELS,
  SECTION_LABELS,
  STEP_LABELS,
  columnValueText,
  definitionLabel,
  humanise,
  kpiLabel,
  label,
  valueLabels,
} from '../../src/site/labels.ts';

/** The definition registries, by the section (or page block) that shows them. */
const DEFINITIONS: Record<string, Record<string, unknown>> = {
  timeline: TIMELINE_DEFINITIONS,
  response: RESPONSE_DEFINITIONS,
  coverage: COVERAGE_DEFINITIONS,
  playbook: { ...PLAYBOOK_DEFINITIONS, ...CUE_SUMMARY },
  amplifiers: AMPLIFIER_DEFINITIONS,
  tickets: TICKETS_DEFINITIONS,
  segments: SEGMENTS_DEFINITIONS,
  incident: INCIDENT_DURATION_DEFINITIONS,
};

/** A label that still reads as a key: underscores, camelCase, or no capital letter to start. */
const looksLikeKey = (text: string) => /_|[a-z][A-Z]/.test(text) || !/^[A-Zp0-9]/.test(text);

describe('the label map', () => {
  it('labels every section and per-row column an analysis declares', () => {
    for (const a of defaultAnalyses()) {
      for (const s of a.sections) expect(Object.hasOwn(SECTION_LABELS, s), `section ${s} of ${a.name}`).toBe(true);
      for (const c of a.columns ?? []) expect(Object.hasOwn(COLUMN_LABELS, c), `column ${c} of ${a.name}`).toBe(true);
    }
  });

  it('labels every named KPI, and kpi() shows that label', () => {
    for (const name of Object.keys(NAMED_KPIS)) expect(Object.hasOwn(KPI_LABELS, name), name).toBe(true);
    const report = { crisis: { timezone: 'UTC', sla: { firstResponseMinutes: 60 }, businessHours: { start: '09:00', end: '17:00' } }, counts: { messages: 3, brandMessages: 0 }, sections: {} } as unknown as ReportModel;
    expect(kpi(report, 'messages').label).toBe('Messages');
    expect(kpi(report, 'timeline.firstResponseAfterOnset').label).toBe('First reply to the surge');
  });

  it('labels every key of every definition registry in its own section', () => {
    for (const [section, defs] of Object.entries(DEFINITIONS)) {
      for (const key of Object.keys(defs)) expect(Object.hasOwn(DEFINITION_LABELS[section] ?? {}, key), `${section}.${key}`).toBe(true);
    }
  });

  it('has the playbook steps as the playbook analysis labels them', () => {
    expect(STEP_LABELS).toEqual(Object.fromEntries(PLAYBOOK_STEPS.map((s) => [s.step, s.label])));
  });

  it('has no label that still reads as a key', () => {
    const all = [...Object.values(SECTION_LABELS), ...Object.values(KPI_LABELS), ...Object.values(COLUMN_LABELS), ...Object.values(DEFINITION_LABELS).flatMap((d) => Object.values(d))];
    for (const text of all) expect(looksLikeKey(text), text).toBe(false);
  });

  it('reads a key by the section it is in', () => {
    expect(definitionLabel('sla', 'response')).toBe('Within SLA');
    expect(definitionLabel('sla', 'tickets')).toBe('SLA attainment');
    expect(definitionLabel('stillWaiting', 'playbook')).toBe('Still waiting');
    expect(definitionLabel('close_loop', 'playbook')).toBe('Close the loop publicly');
    expect(definitionLabel('conversationFirstResponse')).toBe('First response per conversation');
    // A key no section knows is humanised.
    expect(definitionLabel('medianTimeToFix', 'response')).toBe('Median time to fix');
  });

  it('names columns and sections by the map, anything else humanised', () => {
    expect(label('sentiment_score')).toBe('Sentiment score');
    expect(label('first_response_s')).toBe('First response');
    expect(label('candidateFaults')).toBe('Candidate faults');
    expect(label('sub_issue')).toBe('Sub-issue');
    // Lookups are of the map's own keys: nothing of Object.prototype leaks through.
    expect(label('constructor')).toBe('Constructor');
    expect(definitionLabel('toString', 'constructor')).toBe('To string');
  });

  it('labels a KPI path by its last field, without the unit its value shows', () => {
    expect(kpiLabel('response.conversations.time.medianSeconds')).toBe('Median');
    expect(kpiLabel('segments.breakdowns.0.segments.0.volume')).toBe('Volume');
    expect(kpiLabel('response.conversations.unanswered')).toBe('Unanswered');
    expect(kpiLabel('sentiment.negativeShare')).toBe('Negative');
  });
});

describe('humanise', () => {
  it('turns snake_case, camelCase and kebab-case into a sentence-case phrase', () => {
    expect(humanise('brand_messages')).toBe('Brand messages');
    expect(humanise('conversationFirstResponse')).toBe('Conversation first response');
    expect(humanise('door-lock-pro')).toBe('Door lock pro');
    expect(humanise('customer.plan')).toBe('Customer plan');
    expect(humanise('company')).toBe('Company');
  });

  it('says the unit a suffix names, once, in brackets', () => {
    expect(humanise('median_first_reply_hours')).toBe('Median first reply (hours)');
    expect(humanise('first_response_s')).toBe('First response (seconds)');
    expect(humanise('p90Seconds')).toBe('p90 (seconds)');
    expect(humanise('negative_pct')).toBe('Negative (%)');
    expect(humanise('timely_share')).toBe('Timely share');
    expect(humanise('resolution_days')).toBe('Resolution (days)');
    // A unit word alone is the name, not a suffix.
    expect(humanise('hours')).toBe('Hours');
    // Without units where the value is shown with its own.
    expect(humanise('first_response_s', { units: false })).toBe('First response');
  });

  it('keeps common abbreviations and words written in capitals upper case, quantiles as p90', () => {
    expect(humanise('sla_met')).toBe('SLA met');
    expect(humanise('withinSla')).toBe('Within SLA');
    expect(humanise('first_post_id')).toBe('First post ID');
    expect(humanise('nhtsa_complaints')).toBe('NHTSA complaints');
    expect(humanise('csv_rows')).toBe('CSV rows');
    expect(humanise('P1_cases')).toBe('P1 cases');
    expect(humanise('p90_resolution_s')).toBe('p90 resolution (seconds)');
  });

  it("keeps wording that already has spaces, and empty names, as they are", () => {
    expect(humanise('Complaints per company')).toBe('Complaints per company');
    expect(humanise('median_reply (h)')).toBe('median_reply (h)');
    expect(humanise('')).toBe('');
    expect(humanise('__')).toBe('__');
  });
});

describe('analysis column values', () => {
  const report = {
    sections: {
      themes: { themes: [{ id: 'door-lock-pro', label: 'door lock / pro' }] },
      faults: { pareto: [{ faultId: 'lockout', label: 'Locked out / lock won’t open' }] },
      playbook: { steps: [{ step: 'close_loop', label: 'Close the loop publicly' }] },
    },
  } as unknown as ReportModel;
  const labels = valueLabels(report);

  it('shows theme and fault ids as their labels, unknown ones humanised, several joined by " · "', () => {
    expect(columnValueText('themes', 'door-lock-pro;hours-shipped', labels)).toBe('door lock / pro · Hours shipped');
    expect(columnValueText('fault', 'lockout;power-train', labels)).toBe('Locked out / lock won’t open · Power train');
  });

  it('shows playbook steps and customer signals in words', () => {
    expect(columnValueText('playbook_step', 'resolve+close_loop', labels)).toBe('Resolve · Close the loop publicly');
    expect(columnValueText('customer_signal', 'still_waiting+thanks', labels)).toBe('Still waiting · Thanked the brand');
  });

  it('shows seconds as a duration, other numbers as numbers, no value as nothing', () => {
    expect(columnValueText('first_response_s', 5400, labels)).toBe('1.5 h');
    expect(columnValueText('sentiment_score', -0.94912, labels)).toBe('-0.949');
    expect(columnValueText('repeat_count', 1200, labels)).toBe('1,200');
    expect(columnValueText('fault', null, labels)).toBe('');
    expect(columnValueText('sentiment', 'negative', labels)).toBe('negative');
  });
});
