/**
 * Emerging themes: share of messages before the onset versus from the onset
 * to the end of the peak's bucket. Growth is the difference in share, so a
 * theme that went from 2% to 30% of the conversation leads.
 */
import type { EmergingTheme } from './types.ts';

/** Window counts for one theme. */
export interface WindowCounts {
  themeId: string;
  label: string;
  before: number;
  during: number;
}

/**
 * Rank themes by growth in share; only themes that grew and have at least
 * `minCount` messages in the later window are returned.
 */
export function rankEmerging(
  themes: readonly WindowCounts[],
  totalBefore: number,
  totalDuring: number,
  minCount: number,
): EmergingTheme[] {
  if (totalDuring === 0) return [];
  const out: EmergingTheme[] = themes.map((t) => {
    const shareBefore = totalBefore > 0 ? t.before / totalBefore : 0;
    const shareDuring = t.during / totalDuring;
    return {
      themeId: t.themeId,
      label: t.label,
      shareBefore,
      shareDuring,
      growth: shareDuring - shareBefore,
      countBefore: t.before,
      countDuring: t.during,
    };
  });
  return out
    .filter((e) => e.growth > 0 && e.countDuring >= minCount)
    .sort((a, b) => b.growth - a.growth || a.themeId.localeCompare(b.themeId));
}
