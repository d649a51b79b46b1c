/**
 * The site's build date: the only clock a build reads. It is
 * `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
 * convention) when set, else 12:00 UTC of the day of the build, so every
 * build of the same input on one day gives the same bytes, and setting
 * `SOURCE_DATE_EPOCH` gives them on any day. Action items are past due
 * after this date; the build stamp states it.
 */

const DAY_MS = 86_400_000;

/** The build instant (ms since 1970); `now` is read only when `SOURCE_DATE_EPOCH` is unset. */
export function buildTime(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): number {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw !== undefined && raw !== '') {
    if (!/^\d+$/.test(raw)) throw new Error(`SOURCE_DATE_EPOCH="${raw}" is not a whole number of seconds since 1970-01-01: unset it, or set it to a time such as $(date +%s)`);
    return Number(raw) * 1000;
  }
  // Noon UTC falls on the same calendar date from UTC−11 to UTC+11: "today" is the same in almost every crisis's zone.
  return Math.floor(now() / DAY_MS) * DAY_MS + DAY_MS / 2;
}

/** `YYYY-MM-DD` (UTC) of a build instant. */
export function buildDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
