/**
 * Time zones: a zone's offset at an instant, the instant a wall-clock time
 * names in a zone, and whether a zone exists. Shared by ingest (reading local
 * timestamps), the analyses (local buckets and hours) and the pages; Intl
 * only, so it runs in Node and in a browser.
 */

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC that `zone` observes at instant `ms`. */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  let f = zoneFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    zoneFormatters.set(zone, f);
  }
  const get: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') get[part.type] = Number(part.value);
  const asUtc = Date.UTC(get.year, get.month - 1, get.day, get.hour, get.minute, get.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant at which clocks in `zone` show `wall` (a wall time encoded as if UTC).
 * In a DST gap the wall time does not exist and we move forward; in an overlap we take the earlier instant.
 */
export function zonedWallToUtc(wall: number, zone: string): number {
  const day = 86_400_000;
  const before = zoneOffsetMinutes(wall - day, zone);
  const after = zoneOffsetMinutes(wall + day, zone);
  const candidates = [wall - before * 60_000, wall - after * 60_000].filter((c) => wall - zoneOffsetMinutes(c, zone) * 60_000 === c);
  // No candidate round-trips: the wall time falls in a spring-forward gap; reading it with the old offset moves it forward.
  return candidates.length ? Math.min(...candidates) : wall - before * 60_000;
}

/** True when `zone` is an IANA zone this runtime knows. */
export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
