/**
 * Case (ticket, complaint) timings for the `response` section: time to first
 * response, resolution and close where the export has them, the export's own
 * timely-response flag (CFPB), overall and by category, product and channel.
 */
import type { Engine, Row } from '../engine/engine.ts';
import { durationSelect, num, readDurationStats, secondsBetween, sqlString } from './sql.ts';
import { NO_CASE_CLOSE, NO_CASE_FIRST_RESPONSE, NO_CASE_RESOLUTION, NO_CASE_TIMELY_FLAG } from './not-measurable.ts';
import { share } from './stats.ts';
import type { CaseGroupTiming, CaseResponse, CaseTiming } from './types.ts';

const YES = `('yes', 'y', 'true', '1')`;
const NO = `('no', 'n', 'false', '0')`;

/** Case timing figures; assumes the `cases` and `case_attributes` tables exist. */
export async function caseResponse(engine: Engine): Promise<CaseResponse> {
  const keys = await engine.query(`SELECT DISTINCT key FROM case_attributes WHERE lower(key) LIKE '%timely%' ORDER BY key`);
  const timelyAttribute = keys.length ? String(keys[0].key) : null;
  const base = `c AS (SELECT cases.*, t.v AS timely FROM cases LEFT JOIN (
      SELECT id, lower(trim(value)) AS v FROM case_attributes WHERE key = ${sqlString(timelyAttribute ?? '')}) t USING (id))`;
  const select = [
    'count(*) AS cases',
    durationSelect(secondsBetween('opened_at', 'first_response_at'), 'f'),
    durationSelect(secondsBetween('opened_at', 'resolved_at'), 'r'),
    durationSelect(secondsBetween('opened_at', 'closed_at'), 'c'),
    `count(*) FILTER (WHERE timely IN ${YES}) AS yes`,
    `count(*) FILTER (WHERE timely IN ${NO}) AS no`,
  ].join(', ');
  const [all] = await engine.query(`WITH ${base} SELECT ${select} FROM c`);
  const has = { f: num(all.f_n) > 0, r: num(all.r_n) > 0, c: num(all.c_n) > 0, timely: timelyAttribute !== null };
  const timing = (r: Row): CaseTiming => {
    const cases = num(r.cases);
    const yes = num(r.yes);
    const no = num(r.no);
    return {
      cases,
      firstResponse: has.f ? readDurationStats(r, 'f') : null,
      resolution: has.r ? readDurationStats(r, 'r') : null,
      close: has.c ? readDurationStats(r, 'c') : null,
      timely: has.timely ? { yes, no, unknown: cases - yes - no, share: share(yes, yes + no) } : null,
    };
  };
  // Every group, not the largest few: pages show the first ones and say "N of M", and their CSV needs all M.
  const groups = async (column: string): Promise<CaseGroupTiming[]> => {
    const result = await engine.query(`WITH ${base}
      SELECT coalesce(nullif(trim(${column}), ''), '(none)') AS value, ${select} FROM c GROUP BY 1 ORDER BY cases DESC, value`);
    return result.map((r) => ({ value: String(r.value), ...timing(r) }));
  };
  const statuses = await engine.query(`SELECT coalesce(nullif(trim(status), ''), '(none)') AS value, count(*) AS cases FROM cases GROUP BY 1 ORDER BY cases DESC, value`);
  return {
    ...timing(all),
    ...(has.f ? {} : { firstResponseNotMeasurable: NO_CASE_FIRST_RESPONSE }),
    ...(has.r ? {} : { resolutionNotMeasurable: NO_CASE_RESOLUTION }),
    ...(has.c ? {} : { closeNotMeasurable: NO_CASE_CLOSE }),
    ...(has.timely ? {} : { timelyNotMeasurable: NO_CASE_TIMELY_FLAG }),
    timelyAttribute,
    byCategory: await groups('category'),
    byProduct: await groups('product'),
    byChannel: await groups('channel'),
    byCompany: await groups('company'),
    statuses: statuses.map((r) => ({ value: String(r.value), cases: num(r.cases) })),
  };
}
