/**
 * SLA attainment on each basis the data supports — the export's own flag,
 * resolution by the due time, crisis.yaml's resolution targets per priority —
 * and the headline figure from the first available of those, in that order.
 */
import type { Engine } from '../../engine/engine.ts';
import { num } from '../../crisis/sql.ts';
import { share } from '../../crisis/stats.ts';
import { SLA_PREDICATES } from './cases-sql.ts';
import type { SlaBasis, SlaBasisFigure, SlaFigures } from './schema.ts';

/** Headline precedence: what the export says beats what can be recomputed, which beats what crisis.yaml assumes. */
export const SLA_BASES: readonly SlaBasis[] = ['flag', 'dueTime', 'target'];

/** How many cases carry what each basis needs. */
export interface SlaProfile {
  withFlag: number;
  withDue: number;
  /** Cases whose priority has a crisis.yaml target. */
  withTarget: number;
  /** Priorities configured in crisis.yaml (`sla.resolutionHours`); 0 when none. */
  configuredTargets: number;
}

/** Why a basis is unavailable, or null when it is available. */
function unavailableReason(basis: SlaBasis, p: SlaProfile): string | null {
  if (basis === 'flag') return p.withFlag ? null : 'No case has an SLA flag: map sla_met (the export\'s on-time / met column) in crisis.yaml.';
  if (basis === 'dueTime') return p.withDue ? null : 'No case has a due time: map due_at (the service-level due time) in crisis.yaml.';
  if (!p.configuredTargets) return 'No resolution targets configured: set sla: { resolutionHours: { P1: 4, … } } in crisis.yaml.';
  return p.withTarget ? null : 'No case has a priority that sla.resolutionHours names (priorities are matched without case).';
}

/** The basis the headline uses: the first available one. */
export function headlineBasis(p: SlaProfile): SlaBasis | null {
  return SLA_BASES.find((b) => unavailableReason(b, p) === null) ?? null;
}

/** SLA figures; `cte` is ticketsCte, `asOf` the instant open cases are judged at (epoch ms). */
export async function slaFigures(engine: Engine, cte: string, p: SlaProfile, asOf: number): Promise<SlaFigures> {
  const bases: SlaBasisFigure[] = [];
  const unavailable: SlaFigures['unavailable'] = [];
  for (const basis of SLA_BASES) {
    const reason = unavailableReason(basis, p);
    if (reason) {
      unavailable.push({ basis, reason });
      continue;
    }
    const s = SLA_PREDICATES[basis];
    const open = basis === 'flag' ? 'false' : `${s.hasTarget} AND end_at IS NULL`;
    const [r] = await engine.query(`WITH ${cte} SELECT count(*) AS cases,
      count(*) FILTER (WHERE ${s.decided}) AS decided,
      count(*) FILTER (WHERE ${s.decided} AND ${s.met}) AS met,
      count(*) FILTER (WHERE ${open}) AS open,
      count(*) FILTER (WHERE ${open} AND ${s.pastDue ? s.pastDue(asOf) : 'false'}) AS past_due
      FROM t`);
    const decided = num(r.decided);
    const met = num(r.met);
    const openCount = num(r.open);
    bases.push({
      basis,
      decided,
      met,
      missed: decided - met,
      share: share(met, decided),
      open: openCount,
      openPastDue: s.pastDue ? num(r.past_due) : null,
      noTarget: num(r.cases) - decided - openCount,
    });
  }
  const head = bases[0];
  const reason = !head
    ? `No SLA basis: ${unavailable.map((u) => u.reason).join(' ')}`
    : head.share === null
      ? `No case is decided on the ${head.basis === 'dueTime' ? 'due-time' : head.basis} basis yet (every case with a ${head.basis === 'flag' ? 'flag' : 'target'} is still open).`
      : null;
  return { basis: head?.basis ?? null, share: head?.share ?? null, ...(reason === null ? {} : { shareNotMeasurable: reason }), bases, unavailable };
}
