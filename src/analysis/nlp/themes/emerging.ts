/**
 * Emerging themes: share of messages before the onset versus from the onset
 * to the end of the peak's bucket. Growth is the difference in share, so a
 * theme that went from 2% to 30% of the conversation leads.
 *
 * A growth figure needs support ({@link EMERGING_RULE}): at least
 * {@link MIN_RECENT} theme messages in the recent window, at least
 * {@link MIN_BASELINE} messages of any theme before the onset to say what
 * "before" was, and a rise in share that a two-proportion z-test finds
 * significant (z ≥ {@link MIN_Z}). A theme that grew without that support is
 * "too few to tell", never given a growth figure that rests on a handful of
 * messages.
 */
import type { EmergingTheme, EmergingTooFew } from './types.ts';

/** Fewest messages of a theme in the recent window. */
export const MIN_RECENT = 20;
/** Fewest messages (all themes) before the onset. */
export const MIN_BASELINE = 20;
/** Smallest z of the rise in share (≈ 97.5% one-sided). */
export const MIN_Z = 1.96;

/** The rule, as the report states it. */
export const EMERGING_RULE = `A theme is emerging when its share of messages grew from before the onset to the peak, with at least ${MIN_RECENT} of its messages in that window, at least ${MIN_BASELINE} messages before the onset, and a rise a two-proportion z-test finds significant (z ≥ ${MIN_Z}); a theme that grew with fewer messages is too few to tell.`;

/** Window counts for one theme. */
export interface WindowCounts {
  themeId: string;
  label: string;
  before: number;
  during: number;
}

/** z of the rise from `before`/`totalBefore` to `during`/`totalDuring` (pooled two-proportion test). */
export function riseZ(before: number, totalBefore: number, during: number, totalDuring: number): number {
  const pooled = (before + during) / (totalBefore + totalDuring);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / totalBefore + 1 / totalDuring));
  return se > 0 ? (during / totalDuring - before / totalBefore) / se : 0;
}

/**
 * Rank themes by growth in share: `emerging` holds the themes that grew with
 * support, most growth first; `tooFew` the themes that grew without it, with
 * the reason (most recent messages first).
 */
export function rankEmerging(
  themes: readonly WindowCounts[],
  totalBefore: number,
  totalDuring: number,
): { emerging: EmergingTheme[]; tooFew: EmergingTooFew[] } {
  const emerging: EmergingTheme[] = [];
  const tooFew: EmergingTooFew[] = [];
  if (totalDuring === 0) return { emerging, tooFew };
  for (const t of themes) {
    const shareBefore = totalBefore > 0 ? t.before / totalBefore : 0;
    const shareDuring = t.during / totalDuring;
    const growth = shareDuring - shareBefore;
    if (!(growth > 0)) continue;
    const reason =
      totalBefore < MIN_BASELINE
        ? `${totalBefore} message${totalBefore === 1 ? '' : 's'} before the onset (at least ${MIN_BASELINE} needed)`
        : t.during < MIN_RECENT
          ? `${t.during} message${t.during === 1 ? '' : 's'} from the onset to the peak (at least ${MIN_RECENT} needed)`
          : null;
    if (reason !== null) {
      tooFew.push({ themeId: t.themeId, label: t.label, countBefore: t.before, countDuring: t.during, reason });
      continue;
    }
    if (riseZ(t.before, totalBefore, t.during, totalDuring) < MIN_Z) continue;
    emerging.push({ themeId: t.themeId, label: t.label, shareBefore, shareDuring, growth, countBefore: t.before, countDuring: t.during });
  }
  emerging.sort((a, b) => b.growth - a.growth || a.themeId.localeCompare(b.themeId));
  tooFew.sort((a, b) => b.countDuring - a.countDuring || a.themeId.localeCompare(b.themeId));
  return { emerging, tooFew };
}
