/**
 * The Boston 311 figures computed without Debrief: native DuckDB reads the raw
 * CSVs itself (`read_csv`), parses the local times with `strptime` and turns
 * them into UTC with ICU's `timezone()`; quantiles are taken here in
 * JavaScript (R type 7) from the sorted durations. Nothing of Debrief's ingest,
 * mapping or SQL is used, so a figure that matches was reached twice.
 */
import { DuckDBInstance } from '@duckdb/node-api';

export interface ReferenceGroup {
  value: string;
  cases: number;
  resolved: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** ONTIME ÷ (ONTIME + OVERDUE) within the group. */
  slaShare: number | null;
}

export interface BostonReference {
  /** Data rows in all files. */
  rows: number;
  /** Instant of the latest opening or close (ISO UTC). */
  asOf: string;
  flag: { decided: number; met: number; share: number | null };
  dueTime: { decided: number; met: number; share: number | null; open: number; openPastDue: number };
  overall: ReferenceGroup;
  /** The 15 largest queues (ties by name) and how many queues there are. */
  byQueue: ReferenceGroup[];
  /** Every queue, largest first (ties by name). */
  allQueues: ReferenceGroup[];
  queues: number;
  /** Per local (Boston) calendar day, from the first opening to the day of asOf. */
  backlog: { day: string; opened: number; resolved: number; open: number }[];
  openAtEnd: number;
  /** Ids of the 20 oldest cases without a close time (ties by id). */
  oldestOpen: string[];
}

const FORMAT = '%m/%d/%Y %I:%M:%S %p';
const ZONE = 'America/New_York';

/** Linear-interpolated quantile of ascending values (R type 7), rounded to 3 decimals as report figures are. */
function quantile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)) * 1000) / 1000;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * Computes the reference figures from the CSVs in `dir`. A wall time the
 * fall-back hour makes ambiguous (one row: 1 Nov 2015 01:16) is read as the
 * earlier instant, as Debrief documents (src/analysis/ingest/timestamps.ts);
 * `earlierInOverlap: false` keeps ICU's own reading, the later one.
 */
export async function bostonReference(dir: string, { earlierInOverlap = true } = {}): Promise<BostonReference> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | null>[];
  try {
    const glob = `${dir.replace(/'/g, "''")}/*.csv`;
    // Wall time → UTC instant with ICU. In the fall-back hour the wall time also reads one hour earlier: the
    // instant an hour before ICU's whose Boston wall clock shows the same time.
    const utc = (col: string) => {
      const wall = `strptime(${col}, '${FORMAT}')`;
      const icu = `timezone('${ZONE}', ${wall})`;
      return earlierInOverlap ? `CASE WHEN timezone('${ZONE}', ${icu} - INTERVAL 1 HOUR) = ${wall} THEN ${icu} - INTERVAL 1 HOUR ELSE ${icu} END` : icu;
    };
    await conn.run(`CREATE TABLE c AS SELECT CASE_ENQUIRY_ID AS id, coalesce(QUEUE, '(none)') AS queue, OnTime_Status AS flag,
        ${utc('OPEN_DT')} AS opened, ${utc('CLOSED_DT')} AS closed, ${utc('TARGET_DT')} AS due,
        CAST(strptime(OPEN_DT, '${FORMAT}') AS DATE) AS open_day,
        CAST(greatest(strptime(OPEN_DT, '${FORMAT}'), strptime(CLOSED_DT, '${FORMAT}')) AS DATE) AS close_day
      FROM read_csv('${glob}', all_varchar = true, header = true, union_by_name = true)`);
    const [totals] = await rows(`SELECT count(*) AS n, CAST(epoch_ms(greatest(max(opened), max(closed))) AS DOUBLE) AS as_of,
        count(*) FILTER (WHERE flag IN ('ONTIME', 'OVERDUE')) AS flag_decided, count(*) FILTER (WHERE flag = 'ONTIME') AS flag_met,
        count(*) FILTER (WHERE due IS NOT NULL AND closed IS NOT NULL) AS due_decided,
        count(*) FILTER (WHERE due IS NOT NULL AND closed IS NOT NULL AND closed <= due) AS due_met,
        count(*) FILTER (WHERE due IS NOT NULL AND closed IS NULL) AS due_open,
        count(DISTINCT queue) AS queues
      FROM c`);
    const asOf = Number(totals!.as_of);
    const [pastDue] = await rows(`SELECT count(*) AS n FROM c WHERE due IS NOT NULL AND closed IS NULL AND epoch_ms(due) < ${asOf}`);
    const durations = await rows(`SELECT queue, flag, CAST(epoch_ms(closed) - epoch_ms(opened) AS DOUBLE) / 1000 AS s FROM c`);
    const group = (value: string, list: typeof durations): ReferenceGroup => {
      const s = list.filter((d) => d.s !== null).map((d) => Number(d.s)).sort((a, b) => a - b);
      const decided = list.filter((d) => d.flag === 'ONTIME' || d.flag === 'OVERDUE').length;
      return { value, cases: list.length, resolved: s.length, medianSeconds: quantile(s, 0.5), p90Seconds: quantile(s, 0.9), slaShare: share(list.filter((d) => d.flag === 'ONTIME').length, decided) };
    };
    const byQueue = new Map<string, typeof durations>();
    for (const d of durations) {
      const list = byQueue.get(String(d.queue));
      if (list) list.push(d);
      else byQueue.set(String(d.queue), [d]);
    }
    const queues = [...byQueue].map(([q, list]) => group(q, list)).sort((a, b) => b.cases - a.cases || (a.value < b.value ? -1 : 1));

    const opened = await rows(`SELECT CAST(open_day AS VARCHAR) AS day, count(*) AS n FROM c GROUP BY 1`);
    const closed = await rows(`SELECT CAST(close_day AS VARCHAR) AS day, count(*) AS n FROM c WHERE closed IS NOT NULL GROUP BY 1`);
    const [lastDay] = await rows(`SELECT CAST(CAST(timezone('${ZONE}', to_timestamp(${asOf} / 1000)) AS DATE) AS VARCHAR) AS day`);
    const count = (list: typeof opened) => new Map(list.map((r) => [String(r.day), Number(r.n)]));
    const o = count(opened);
    const r = count(closed);
    const backlog: BostonReference['backlog'] = [];
    let open = 0;
    const first = [...o.keys()].sort()[0]!;
    for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= String(lastDay!.day); d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      open += (o.get(day) ?? 0) - (r.get(day) ?? 0);
      backlog.push({ day, opened: o.get(day) ?? 0, resolved: r.get(day) ?? 0, open });
    }
    const oldest = await rows(`SELECT id FROM c WHERE closed IS NULL ORDER BY opened, id LIMIT 20`);
    const flagDecided = Number(totals!.flag_decided);
    const dueDecided = Number(totals!.due_decided);
    return {
      rows: Number(totals!.n),
      asOf: new Date(asOf).toISOString(),
      flag: { decided: flagDecided, met: Number(totals!.flag_met), share: share(Number(totals!.flag_met), flagDecided) },
      dueTime: { decided: dueDecided, met: Number(totals!.due_met), share: share(Number(totals!.due_met), dueDecided), open: Number(totals!.due_open), openPastDue: Number(pastDue!.n) },
      overall: group('all', durations),
      byQueue: queues.slice(0, 15),
      allQueues: queues,
      queues: Number(totals!.queues),
      backlog,
      openAtEnd: open,
      oldestOpen: oldest.map((o) => String(o.id)),
    };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
