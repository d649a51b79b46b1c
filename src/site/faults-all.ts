/**
 * Faults across every crisis, for `/faults/`: one row per taxonomy fault id
 * (or candidate label), counts per crisis, first/last seen, and a trend over
 * the crisis's own buckets. Crises happen in different time zones: each
 * crisis's dates are shown in its own zone, labelled, never mixed into one
 * "earliest" date.
 */
import { csvCell } from '../analysis/report/messages-csv.ts';
import type { LoadedCrisis } from './crises.ts';
import { crisisView } from './crisis-view.ts';
import { faultSeen, type FaultView } from './faults.ts';
import { localTimeText } from './charts/time.ts';

export interface FaultAcross {
  key: string;
  label: string;
  candidate: boolean;
  total: number;
  /** Per crisis (slug) that has it: its time zone, count, its view (for examples, dates and trend). */
  byCrisis: { slug: string; title: string; zone: string; fault: FaultView }[];
}

/** First and last seen of a fault in one crisis, dated in that crisis's zone and labelled (`7 Oct 2024 EDT`). */
export interface SeenInCrisis {
  slug: string;
  title: string;
  /** The crisis's IANA time zone (report.crisis.timezone). */
  zone: string;
  firstSeen: string;
  lastSeen: string;
}

/** First and last seen of a fault in every crisis that has it, each in its own crisis's time zone (what `/faults/` shows). */
export function seenByCrisis(row: FaultAcross): SeenInCrisis[] {
  return row.byCrisis.map((b) => ({ slug: b.slug, title: b.title, zone: b.zone, ...faultSeen(b.fault, b.zone) }));
}

/** Direction of a volume series: compares the first and last third of the buckets that have any volume. */
export function trend(volume: number[]): 'rising' | 'falling' | 'steady' | 'single burst' | 'none' {
  const start = volume.findIndex((v) => v > 0);
  if (start < 0) return 'none';
  let end = volume.length - 1;
  while (end > start && volume[end] === 0) end--;
  const span = volume.slice(start, end + 1);
  if (span.length < 3) return 'single burst';
  const third = Math.max(1, Math.floor(span.length / 3));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const first = sum(span.slice(0, third));
  const last = sum(span.slice(-third));
  if (last > first * 1.5) return 'rising';
  if (first > last * 1.5) return 'falling';
  return 'steady';
}

/** Every fault of every crisis, most messages first. */
export function faultsAcross(crises: readonly LoadedCrisis[]): FaultAcross[] {
  const rows = new Map<string, FaultAcross>();
  for (const c of crises) {
    const view = crisisView(c).faults;
    if (!view) continue;
    for (const f of [...view.faults, ...view.candidates]) {
      if (f.count === 0) continue;
      const key = f.candidate ? `candidate:${f.label.toLowerCase()}` : f.id;
      const row = rows.get(key) ?? { key, label: f.label, candidate: f.candidate, total: 0, byCrisis: [] };
      row.total += f.count;
      row.byCrisis.push({ slug: c.slug, title: c.report.crisis.title, zone: c.report.crisis.timezone, fault: f });
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort((a, b) => Number(a.candidate) - Number(b.candidate) || b.total - a.total || a.label.localeCompare(b.label));
}

/**
 * `/faults/faults.csv`: one row per fault and crisis; first and last seen as
 * UTC instants and as the crisis's local time with its zone.
 */
export function faultsAcrossCsv(rows: FaultAcross[]): string {
  const header = ['fault_id', 'label', 'kind', 'crisis', 'timezone', 'messages', 'share_of_classified', 'first_seen', 'last_seen', 'first_seen_local', 'last_seen_local', 'trend'];
  const lines = [header.join(',')];
  for (const r of rows) {
    for (const c of r.byCrisis) {
      const f = c.fault;
      const local = localTimeText(c.zone);
      const localOf = (ms: number | null) => (ms === null ? null : local(ms));
      lines.push(
        [r.candidate ? '' : r.key, r.label, r.candidate ? 'candidate' : 'taxonomy', c.slug, c.zone, f.count, r.candidate ? null : f.share, iso(f.firstSeen), iso(f.lastSeen), localOf(f.firstSeen), localOf(f.lastSeen), f.volume.length ? trend(f.volume) : null]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Points of a sparkline polyline (`x,y x,y …`) in a `width` × `height` box. */
export function sparkline(volume: number[], width = 90, height = 18): string {
  if (!volume.length) return '';
  const max = Math.max(1, ...volume);
  const step = volume.length > 1 ? width / (volume.length - 1) : 0;
  return volume.map((v, i) => `${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`).join(' ');
}
