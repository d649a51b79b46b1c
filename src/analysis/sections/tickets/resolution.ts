/** Resolution time of cases, overall and by priority and team, with each group's SLA attainment. */
import type { Engine, Row } from '../../engine/engine.ts';
import { num } from '../../crisis/sql.ts';
import { roundOrNull, share } from '../../crisis/stats.ts';
import { priorityRank, slaCountSelect } from './cases-sql.ts';
import type { ResolutionBreakdown, ResolutionFigures, ResolutionGroup, SlaBasis } from './schema.ts';

/** Most groups listed per breakdown. */
export const MAX_GROUPS = 15;

/** What is known about the cases before grouping (from the first pass over `t`). */
export interface CaseProfile {
  cases: number;
  resolved: number;
  withPriority: number;
  withTeam: number;
  negativeDurations: number;
}

const NO_RESOLUTION = 'No case has a resolution or close time: map resolved_at or closed_at in crisis.yaml (sources[].columns).';

/** Every group of a breakdown, in the order the report lists its first {@link MAX_GROUPS}: for the bundle's full list. */
export type OnAllGroups = (field: 'priority' | 'team', groups: ResolutionGroup[]) => void;

/**
 * The resolution figures; `cte` is {@link ticketsCte}, `basis` the SLA basis
 * each group's attainment uses. The report keeps the largest groups;
 * `onAllGroups` receives every group of each breakdown.
 */
export async function resolutionFigures(engine: Engine, cte: string, profile: CaseProfile, basis: SlaBasis | null, onAllGroups?: OnAllGroups): Promise<ResolutionFigures> {
  const select = [
    'count(*) AS cases',
    'count(end_at) AS resolved',
    'quantile_cont(resolution_s, 0.5) AS median_s',
    'quantile_cont(resolution_s, 0.9) AS p90_s',
    slaCountSelect(basis),
  ].join(', ');
  const none = { overall: null, overallNotMeasurable: NO_RESOLUTION, byPriority: null, byPriorityNotMeasurable: NO_RESOLUTION, byTeam: null, byTeamNotMeasurable: NO_RESOLUTION, negativeDurations: 0 };
  if (profile.resolved === 0) return none;
  const [all] = await engine.query(`WITH ${cte} SELECT ${select} FROM t`);
  const breakdown = async (field: 'priority' | 'team'): Promise<ResolutionBreakdown> => {
    const value = `coalesce(${field}, '(none)')`;
    const rows = await engine.query(`WITH ${cte} SELECT ${value} AS value, ${select} FROM t GROUP BY 1 ORDER BY cases DESC, value`);
    const all = rows.map((r) => group(String(r.value), r));
    // The largest groups; priorities then read in their own order (P1 before P2, urgent before low), whatever their sizes.
    const byPriority = (a: ResolutionGroup, b: ResolutionGroup) => priorityRank(a.value) - priorityRank(b.value) || b.cases - a.cases || (a.value < b.value ? -1 : 1);
    const list = all.slice(0, MAX_GROUPS);
    if (field === 'priority') {
      list.sort(byPriority);
      all.sort(byPriority);
    }
    onAllGroups?.(field, all);
    return { field, groups: list, groupsTotal: all.length };
  };
  return {
    overall: group('all', all),
    byPriority: profile.withPriority ? await breakdown('priority') : null,
    ...(profile.withPriority ? {} : { byPriorityNotMeasurable: 'No case has a priority: map priority in crisis.yaml (sources[].columns).' }),
    byTeam: profile.withTeam ? await breakdown('team') : null,
    ...(profile.withTeam ? {} : { byTeamNotMeasurable: 'No case has a team (assignment group): map team in crisis.yaml (sources[].columns).' }),
    negativeDurations: profile.negativeDurations,
  };
}

function group(value: string, r: Row): ResolutionGroup {
  const cases = num(r.cases);
  const resolved = num(r.resolved);
  return {
    value,
    cases,
    resolved,
    unresolved: cases - resolved,
    medianSeconds: roundOrNull(r.median_s === null ? null : Number(r.median_s)),
    p90Seconds: roundOrNull(r.p90_s === null ? null : Number(r.p90_s)),
    slaShare: share(num(r.sla_met_n), num(r.sla_decided)),
  };
}
