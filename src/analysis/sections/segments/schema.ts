/**
 * The `segments` section of report.json: the crisis split by the fields
 * crisis.yaml names under `segments:` (a brand, product, region, queue …),
 * each segment's key figures side by side. Figures use the crisis-wide
 * definitions (customer message, conversation first response, SLA), so the
 * segments of a breakdown add up to its `overall` row. A figure the data
 * cannot support is null with the reason beside it, never 0.
 */

import type { ListTotal, NotMeasurable } from '../../crisis/types.ts';
import type { SlaBasis } from '../tickets/schema.ts';

/** A theme or fault of a segment, and how many of its records carry it. */
export interface SegmentTopic {
  /** Theme id (`report.sections.themes`) or fault id (`report.sections.faults`). */
  id: string;
  /** Its label as the themes or faults section names it. */
  label: string;
  /** Records of the segment carrying it (a message can carry several themes, one fault). */
  records: number;
  /** records ÷ the segment's volume. */
  share: number | null;
}

/** First-response times of a segment; every figure null with `firstResponseNotMeasurable` when none could be measured. */
export interface SegmentResponseTimes {
  /** Response times measured: answered conversations (messages), cases with a first-response time (cases). */
  n: number;
  /** Median, seconds (linear-interpolated, as the response section). */
  medianSeconds: number | null;
  /** 90th percentile, seconds. */
  p90Seconds: number | null;
}

/** One segment's key figures (or the breakdown's `overall` row, value `all`). */
export interface SegmentFigures {
  /** The field's value as exported, `(none)` for records without one; `all` for the overall row. */
  value: string;
  /** Customer messages (messages breakdowns) or cases (cases breakdowns) in the segment. */
  volume: number;
  /** volume ÷ the breakdown's overall volume. */
  share: number | null;
  /** True when the segment has fewer records than the section's `fewRecordsBelow`: its shares and times rest on few records. */
  fewRecords: boolean;
  /** Conversations whose first customer message is in the segment (messages breakdowns); null for cases. */
  conversations: number | null;
  /** Customer messages of the segment with a sentiment label (0 when not measurable). */
  labelled: number;
  /** Of those, labelled negative. */
  negative: number;
  /** negative ÷ labelled; null with `negativeShareNotMeasurable` when no record of the segment carries a label. */
  negativeShare: number | null;
  /** Why `negativeShare` is null. */
  negativeShareNotMeasurable?: NotMeasurable;
  /** First-response median and p90 (same definitions as the response section). */
  firstResponse: SegmentResponseTimes;
  /** Why `firstResponse`'s figures are null. */
  firstResponseNotMeasurable?: NotMeasurable;
  /** Records the SLA decides: conversations (messages), decided cases on the breakdown's `slaBasis` (cases). */
  slaDecided: number;
  /** Of those, within the SLA. */
  slaMet: number;
  /** SLA attainment: slaMet ÷ slaDecided; null with `slaShareNotMeasurable` when the data cannot decide it. */
  slaShare: number | null;
  /** Why `slaShare` is null. */
  slaShareNotMeasurable?: NotMeasurable;
  /** At most 3: the themes most of the segment's records carry (ties by id); empty when `topThemesNotMeasurable`. */
  topThemes: SegmentTopic[];
  /** Themes the segment's records carry in all. */
  topThemesTotal: ListTotal;
  /** Why there are no themes to list (no themes found, or found in the other table). */
  topThemesNotMeasurable?: NotMeasurable;
  /** At most 3: the faults most of the segment's records were classified as (ties by id). */
  topFaults: SegmentTopic[];
  /** Faults the segment's records were classified as in all. */
  topFaultsTotal: ListTotal;
  /** Why there are no faults to list (no `faults:` taxonomy). */
  topFaultsNotMeasurable?: NotMeasurable;
}

/** How SLA attainment is decided in a breakdown: conversations within `sla.firstResponseMinutes`, or a tickets basis. */
export type SegmentSlaBasis = 'firstResponse' | SlaBasis;

/** The crisis split by one field. */
export interface SegmentBreakdown {
  /** The field as crisis.yaml names it under `segments:`. */
  field: string;
  /** A canonical field (`channel`, `company`, `priority` …) or an attribute the export kept (`airline`, `State`). */
  source: 'field' | 'attribute';
  /** Which records are split: customer messages (with their conversations) or cases. */
  table: 'messages' | 'cases';
  /** Basis of `slaShare`; null when no basis is available (every `slaShare` is then not measurable). */
  slaBasis: SegmentSlaBasis | null;
  /** The figures of every record of the table together: computed by the same queries, the crisis-wide figures. */
  overall: SegmentFigures;
  /** At most 500: the segments by volume, largest first (ties by value), `(none)` among them. */
  segments: SegmentFigures[];
  /** Segments in all. */
  segmentsTotal: ListTotal;
  /** Volume of the segments beyond the list (0 when all are listed): the listed volumes plus this equal `overall.volume`. */
  omittedVolume: number;
}

/** The `segments` section. */
export interface SegmentsSection {
  /** One breakdown per `segments:` field, in crisis.yaml's order. */
  breakdowns: SegmentBreakdown[];
  /** A segment with fewer records than this is flagged `fewRecords`. */
  fewRecordsBelow: number;
  /** What the data lacked or did oddly, in words. */
  notes: string[];
  /** Plain-language definitions of the figures, for the report page. */
  definitions: Record<string, string>;
}
