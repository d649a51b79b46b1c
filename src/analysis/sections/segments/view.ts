/**
 * What the segments page shows, derived from the section alone: one table
 * per breakdown, segments as rows and figures as columns, with each null
 * figure's reason. Pure (no site code, no formatting): the page formats each
 * value by its unit, and the CSV rows carry the raw values.
 */
import { listsBy } from '../../core/view-verbs.ts';
import type { SegmentBreakdown, SegmentFigures, SegmentsSection, SegmentTopic } from './schema.ts';

/** How a value reads. */
export type SegmentUnit = 'count' | 'share' | 'seconds' | 'topics';

/** Top themes or faults of a segment, and how many it has in all (the "M" of "N of M"). */
export interface SegmentTopicList {
  topics: SegmentTopic[];
  total: number;
}

/** A column of a breakdown's table. */
export interface SegmentColumn {
  key: string;
  label: string;
  unit: SegmentUnit;
  value(f: SegmentFigures): number | SegmentTopicList | null;
  /** Why the value is null (the figure's `…NotMeasurable`). */
  reason(f: SegmentFigures): string | undefined;
}

/** A figure that is not measurable for some of the rows, and for which. */
export interface PartlyMeasurable {
  label: string;
  reason: string;
  /** The segments it is not measurable for, in table order. */
  segments: string[];
}

/** One breakdown as the page shows it. */
export interface SegmentTable {
  /** File-safe id, unique on the page (`segments-1-company`). */
  id: string;
  title: string;
  /** The field, humanised (`Company`): the first column's header. */
  fieldLabel: string;
  /** What volume counts, plural (`cases`, `customer messages`). */
  unit: string;
  /** Columns with at least one measurable value. */
  columns: SegmentColumn[];
  /** Figures not measurable for any segment, with the reason (their columns are left out). */
  notMeasurable: { label: string; reason: string }[];
  /** Figures not measurable for some segments. */
  partly: PartlyMeasurable[];
  /** The listed segments, largest first. */
  rows: SegmentFigures[];
  overall: SegmentFigures;
  /** Segments in all (the "M"). */
  total: number;
  breakdown: SegmentBreakdown;
}

/** `priority_code` → `Priority code`. */
export function humanise(field: string): string {
  const words = field.replace(/[_.]+/g, ' ').trim();
  return words ? `${words[0]!.toUpperCase()}${words.slice(1)}` : field;
}

/** A file-safe id for a breakdown. */
export function breakdownId(b: SegmentBreakdown, index: number): string {
  const slug = b.field.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `segments-${index + 1}${slug ? `-${slug}` : ''}`;
}

function columnsOf(b: SegmentBreakdown): SegmentColumn[] {
  const messages = b.table === 'messages';
  return [
    { key: 'volume', label: messages ? 'Customer messages' : 'Cases', unit: 'count', value: (f) => f.volume, reason: () => undefined },
    { key: 'share', label: 'Share', unit: 'share', value: (f) => f.share, reason: () => undefined },
    { key: 'negativeShare', label: 'Negative', unit: 'share', value: (f) => f.negativeShare, reason: (f) => f.negativeShareNotMeasurable },
    { key: 'medianSeconds', label: 'Median first response', unit: 'seconds', value: (f) => f.firstResponse.medianSeconds, reason: (f) => f.firstResponseNotMeasurable },
    { key: 'p90Seconds', label: 'p90 first response', unit: 'seconds', value: (f) => f.firstResponse.p90Seconds, reason: (f) => f.firstResponseNotMeasurable },
    { key: 'slaShare', label: messages ? 'Within SLA' : 'SLA attainment', unit: 'share', value: (f) => f.slaShare, reason: (f) => f.slaShareNotMeasurable },
    { key: 'topThemes', label: 'Top themes', unit: 'topics', value: (f) => (f.topThemesNotMeasurable ? null : { topics: f.topThemes, total: f.topThemesTotal }), reason: (f) => f.topThemesNotMeasurable },
    { key: 'topFaults', label: 'Top faults', unit: 'topics', value: (f) => (f.topFaultsNotMeasurable ? null : { topics: f.topFaults, total: f.topFaultsTotal }), reason: (f) => f.topFaultsNotMeasurable },
  ];
}

/** The page's tables, one per breakdown in crisis.yaml's order. */
export function segmentTables(s: SegmentsSection): SegmentTable[] {
  return s.breakdowns.map((b, i) => {
    const all = columnsOf(b);
    const rows = [b.overall, ...b.segments];
    const measurable = (c: SegmentColumn) => rows.some((f) => c.value(f) !== null);
    // One row per column and segment that has no value but a reason, column by column: the segments listed per column and reason.
    const gaps = all.filter(measurable).flatMap((c) =>
      b.segments.flatMap((f) => {
        const reason = c.value(f) === null ? c.reason(f) : undefined;
        return reason ? [{ label: c.label, reason, segment: f.value }] : [];
      }),
    );
    const partly: PartlyMeasurable[] = listsBy(gaps, ['label', 'reason'], 'segment').map(({ label, reason, values }) => ({ label, reason, segments: values }));
    return {
      id: breakdownId(b, i),
      title: `By ${b.field}`,
      fieldLabel: humanise(b.field),
      unit: b.table === 'messages' ? 'customer messages' : 'cases',
      columns: all.filter(measurable),
      notMeasurable: all.filter((c) => !measurable(c)).map((c) => ({ label: c.label, reason: c.reason(b.overall) ?? 'no segment has a value' })),
      partly,
      rows: b.segments,
      overall: b.overall,
      total: b.segmentsTotal,
      breakdown: b,
    };
  });
}

/** Columns of a breakdown's CSV (every listed segment, then the overall row). */
export const SEGMENT_CSV_COLUMNS = [
  'field', 'segment', 'volume', 'share', 'few_records', 'conversations', 'labelled', 'negative', 'negative_share', 'negative_share_not_measurable',
  'first_response_n', 'first_response_median_s', 'first_response_p90_s', 'first_response_not_measurable',
  'sla_basis', 'sla_decided', 'sla_met', 'sla_share', 'sla_not_measurable', 'top_themes', 'top_themes_total', 'top_themes_not_measurable', 'top_faults', 'top_faults_total', 'top_faults_not_measurable',
];

const topicsText = (topics: readonly SegmentTopic[]) => topics.map((t) => `${t.label} (${t.records})`).join('; ');

/** One CSV row: raw values, reasons beside the nulls. */
export function segmentCsvRow(b: SegmentBreakdown, f: SegmentFigures): Record<string, string | number | boolean | null> {
  return {
    field: b.field,
    segment: f.value,
    volume: f.volume,
    share: f.share,
    few_records: f.fewRecords,
    conversations: f.conversations,
    labelled: f.labelled,
    negative: f.negative,
    negative_share: f.negativeShare,
    negative_share_not_measurable: f.negativeShareNotMeasurable ?? null,
    first_response_n: f.firstResponse.n,
    first_response_median_s: f.firstResponse.medianSeconds,
    first_response_p90_s: f.firstResponse.p90Seconds,
    first_response_not_measurable: f.firstResponseNotMeasurable ?? null,
    sla_basis: b.slaBasis,
    sla_decided: f.slaDecided,
    sla_met: f.slaMet,
    sla_share: f.slaShare,
    sla_not_measurable: f.slaShareNotMeasurable ?? null,
    top_themes: topicsText(f.topThemes),
    top_themes_total: f.topThemesTotal,
    top_themes_not_measurable: f.topThemesNotMeasurable ?? null,
    top_faults: topicsText(f.topFaults),
    top_faults_total: f.topFaultsTotal,
    top_faults_not_measurable: f.topFaultsNotMeasurable ?? null,
  };
}
