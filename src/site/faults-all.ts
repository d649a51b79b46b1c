/**
 * Faults across every crisis, for `/faults/` and `/faults/<id>/`: the per-crisis
 * Paretos (aggregated in SQL and the analysis, one row per fault in each
 * bundle's report) become one long Arquero table, crisis × fault, and the
 * cross-crisis view is built from it with Arquero verbs: rates per 1,000
 * records in scope (derive), totals and pooled rates per fault (groupby,
 * rollup), a rate column per crisis (pivot), the two joined, and ordered
 * product faults first, then service failures, then candidates (orderby).
 *
 * Crises happen in different time zones: each crisis's dates are shown in its
 * own zone, labelled, never mixed into one "earliest" date. A fault that a
 * fix or recall event of a crisis names carries those events and whether it
 * came back after the last one (fault-fix.ts).
 */
import { desc, from, op } from 'arquero';
import type { FaultKind } from '../analysis/nlp/faults/types.ts';
import { csvCell } from '../analysis/report/messages-csv.ts';
import type { LoadedCrisis } from './crises.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import type { CrisisEvent } from '../analysis/config/crisis-events.ts';
import { afterFix, fixEventsFor, type AfterFix } from './fault-fix.ts';
import { faultTrend, type FaultTrend } from './fault-trend.ts';
import { faultSeen, faultsView, type FaultView } from './faults.ts';
import { localTimeText } from './charts/time.ts';
import { slugify } from './paths.ts';

/** A crisis's name in tables across crises: crisis.yaml `shortTitle`, else its title. */
export function crisisName(report: ReportModel): string {
  return report.crisis.shortTitle ?? report.crisis.title;
}

/** A fault in one crisis: one row of the long table. */
export interface FaultInCrisis {
  slug: string;
  title: string;
  /** The crisis's short name for tables across crises (crisis.yaml `shortTitle`, else its title). */
  name: string;
  /** The crisis's IANA time zone (report.crisis.timezone). */
  zone: string;
  /** Records with the fault (a record counts once per fault its fault cell names). */
  count: number;
  /** Records in scope in that crisis: the rate's denominator; 0 when the bundle does not say. */
  considered: number;
  /** Records with the fault per 1,000 in scope; null when there is no denominator. */
  rate: number | null;
  trend: FaultTrend;
  /** The crisis's fix and recall events that name the fault, in time order; empty when none does. */
  fixes: CrisisEvent[];
  /** Its rate before and after the last of {@link fixes}; null when there is none. */
  afterFix: AfterFix | null;
  fault: FaultView;
  /** The crisis's buckets and records in scope per bucket (for the sparkline's rates). */
  bucketMs: number;
  bucketStarts: number[];
  consideredVolume: number[];
}

/** One fault across crises. */
export interface FaultAcross {
  key: string;
  label: string;
  kind: FaultKind | 'candidate';
  candidate: boolean;
  /** Records with the fault, all crises. */
  total: number;
  /** Records in scope in the crises whose taxonomy has the fault (candidates: where it was found). */
  considered: number;
  /** total per 1,000 of considered; null without a denominator. */
  pooledRate: number | null;
  /** Rate per 1,000 per crisis slug; a slug is absent when that crisis's taxonomy does not have the fault. */
  rates: Record<string, number | null>;
  /** Per crisis whose taxonomy has it (or where a candidate was found), newest crisis first. */
  byCrisis: FaultInCrisis[];
  /** Path segment of its page, `/faults/<page>/` (taxonomy faults only; unique). */
  page: string | null;
}

/** First and last seen of a fault in one crisis, dated in that crisis's zone and labelled (`7 Oct 2024 EDT`). */
export interface SeenInCrisis {
  slug: string;
  title: string;
  /** As {@link FaultInCrisis.name}. */
  name: string;
  zone: string;
  firstSeen: string;
  lastSeen: string;
}

/** First and last seen of a fault in every crisis that has seen it, each in its own crisis's time zone. */
export function seenByCrisis(row: FaultAcross): SeenInCrisis[] {
  return row.byCrisis.filter((b) => b.count > 0).map((b) => ({ slug: b.slug, title: b.title, name: b.name, zone: b.zone, ...faultSeen(b.fault, b.zone) }));
}

/** The long table's rows: every taxonomy fault of every crisis (zero counts too: zero is measured), and candidates found. */
function longRows(crises: readonly LoadedCrisis[]): (FaultInCrisis & { key: string; label: string; kind: string; candidate: boolean; order: number })[] {
  const rows: (FaultInCrisis & { key: string; label: string; kind: string; candidate: boolean; order: number })[] = [];
  crises.forEach((c, order) => {
    const view = faultsView(c.report);
    if (!view) return;
    const considered = view.considered;
    const events = c.report.crisis.events ?? [];
    for (const f of [...view.faults, ...view.services, ...view.candidates]) {
      if (f.candidate && f.count === 0) continue;
      const fixes = f.candidate ? [] : fixEventsFor(events, f.id);
      rows.push({
        key: f.candidate ? `candidate:${f.label.toLowerCase()}` : f.id,
        label: f.label,
        kind: f.candidate ? 'candidate' : (f.kind ?? 'product'),
        candidate: f.candidate,
        order,
        slug: c.slug,
        title: c.report.crisis.title,
        name: crisisName(c.report),
        zone: c.report.crisis.timezone,
        count: f.count,
        considered,
        rate: null,
        trend: f.candidate ? { trend: 'not measurable', reason: 'a candidate has no time line', firstRate: null, secondRate: null, pValue: null } : faultTrend(f.volume, view.consideredVolume),
        fixes,
        afterFix: afterFix(fixes, f.volume, view.consideredVolume, view.bucketStarts, view.bucketMs),
        fault: f,
        bucketMs: view.bucketMs,
        bucketStarts: view.bucketStarts,
        consideredVolume: view.consideredVolume,
      });
    }
  });
  return rows;
}

/**
 * Every fault of every crisis: product faults, then service failures, then
 * candidates, each by pooled rate (highest first), then label. Throws when two
 * crises' bundles give one taxonomy id a different label or kind (`debrief
 * build` stops that earlier, naming the crisis.yaml files; this catches
 * bundles built apart).
 */
export function faultsAcross(crises: readonly LoadedCrisis[]): FaultAcross[] {
  const rows = longRows(crises);
  if (!rows.length) return [];
  const long = from(rows).derive({ rate: 'd => d.considered > 0 ? 1000 * d.count / d.considered : null', identity: 'd => lower(trim(d.label)) + "|" + d.kind' } as never);
  assertOneMeaning(long);
  const totals = long
    .groupby('key', 'candidate')
    .rollup({ label: op.any('label'), kind: op.any('kind'), total: op.sum('count'), considered: op.sum('considered') })
    .derive({ pooledRate: 'd => d.considered > 0 ? 1000 * d.total / d.considered : null', kindRank: 'd => d.kind === "product" ? 0 : d.kind === "service" ? 1 : 2' } as never);
  const wide = long.derive({ crisis: 'd => "rate:" + d.slug' } as never).groupby('key').pivot('crisis', 'rate');
  const joined = totals.join_left(wide, 'key').orderby('kindRank', desc('pooledRate'), desc('total'), 'label', 'key');
  const perFault = long.orderby('order').groupby('key').objects({ grouped: 'map' }) as unknown as Map<string, FaultInCrisis[]>;
  const pages = new Set<string>();
  return joined.objects().map((r) => {
    const row = r as Record<string, unknown>;
    const rates: Record<string, number | null> = {};
    for (const [name, value] of Object.entries(row)) if (name.startsWith('rate:')) if (value !== undefined) rates[name.slice(5)] = value as number | null;
    const key = row.key as string;
    const byCrisis = (perFault.get(key) ?? []).map(({ slug, title, name, zone, count, considered, rate, trend, fixes, afterFix, fault, bucketMs, bucketStarts, consideredVolume }) => ({ slug, title, name, zone, count, considered, rate, trend, fixes, afterFix, fault, bucketMs, bucketStarts, consideredVolume }));
    let page: string | null = null;
    if (!row.candidate) {
      page = slugify(key);
      for (let n = 2; pages.has(page); n++) page = `${slugify(key)}-${n}`;
      pages.add(page);
    }
    return { key, label: row.label as string, kind: row.kind as FaultAcross['kind'], candidate: row.candidate as boolean, total: row.total as number, considered: row.considered as number, pooledRate: row.pooledRate as number | null, rates, byCrisis, page };
  });
}

/** One taxonomy id, one fault: two crises with another label or kind for it are an error naming both. */
function assertOneMeaning(long: ReturnType<typeof from>): void {
  const clashes = long
    .filter('d => !d.candidate')
    .groupby('key')
    .rollup({ meanings: op.array_agg_distinct('identity'), crises: op.array_agg('slug'), labels: op.array_agg('label'), kinds: op.array_agg('kind') })
    .filter('d => length(d.meanings) > 1')
    .orderby('key')
    .objects() as { key: string; crises: string[]; labels: string[]; kinds: string[] }[];
  if (!clashes.length) return;
  const lines = clashes.map((c) => `fault "${c.key}": ${c.crises.map((s, i) => `"${c.labels[i]}" (${c.kinds[i]}) in ${s}`).join(' vs ')}`);
  throw new Error(`debrief: fault ids must mean one fault across crises; rename one or define it once in the fault library (data/faults.yaml), then run \`npx debrief build\`:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
}

/** Rate per 1,000 as pages show it: one decimal below 100, whole above; `–` when not measurable. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '–';
  return rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * `/faults/faults.csv`: one row per fault and crisis; rates per 1,000 records
 * in scope; first and last seen as UTC instants and as the crisis's local time
 * with its zone; the fix and recall events naming it, the last one, and its
 * rate before and after that one with the verdict.
 */
export function faultsAcrossCsv(rows: FaultAcross[]): string {
  const header = [
    'fault_id', 'label', 'kind', 'crisis', 'timezone', 'records', 'records_in_scope', 'rate_per_1000', 'share_of_kind', 'first_seen', 'last_seen', 'first_seen_local', 'last_seen_local', 'trend', 'trend_p_value',
    'fix_events', 'last_fix_at', 'last_fix', 'rate_before_last_fix', 'rate_after_last_fix', 'after_fix', 'after_fix_p_value',
  ];
  const lines = [header.join(',')];
  for (const r of rows) {
    for (const c of r.byCrisis) {
      const f = c.fault;
      const local = localTimeText(c.zone);
      const localOf = (ms: number | null) => (ms === null ? null : local(ms));
      lines.push(
        [
          ...[r.candidate ? '' : r.key, r.label, r.kind, c.slug, c.zone, c.count, c.considered || null, c.rate, r.candidate ? null : f.share, iso(f.firstSeen), iso(f.lastSeen), localOf(f.firstSeen), localOf(f.lastSeen), c.trend.trend, c.trend.pValue],
          ...(c.afterFix ? [c.fixes.length, c.afterFix.fix.at, c.afterFix.fix.label, c.afterFix.before.rate, c.afterFix.after.rate, c.afterFix.verdict, c.afterFix.pValue] : [0, null, null, null, null, null, null]),
        ]
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

/** Rate per 1,000 in scope per bucket (0 where nothing was in scope): what sparklines draw. */
export function bucketRates(volume: readonly number[], considered: readonly number[]): number[] {
  return volume.map((v, i) => (considered[i] ? (1000 * v) / considered[i]! : 0));
}

/** Points of a sparkline polyline (`x,y x,y …`) in a `width` × `height` box, scaled to `max` (default: the series' maximum). */
export function sparkline(values: readonly number[], width = 90, height = 18, max = Math.max(...values, 0)): string {
  if (!values.length) return '';
  const top = max > 0 ? max : 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((v, i) => `${(i * step).toFixed(1)},${(height - (v / top) * (height - 2) - 1).toFixed(1)}`).join(' ');
}
