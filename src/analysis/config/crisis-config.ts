/**
 * `crisis.yaml`: what a crisis directory says about itself. Validated by hand
 * so every problem comes back at once, each with its path
 * (`sources[1].columns.created_at: …`).
 */
import { parse as parseYaml } from 'yaml';
import { isValidZone } from '../core/time-zones.ts';
import { validateEvents, type CrisisEvent } from './crisis-events.ts';
import { codeKey, readFault, resolveFault, type FaultDefinitionConfig, type FaultKind, type FaultLibrary } from './fault-library.ts';
import { isObject, stringList } from './config-values.ts';
import { validateSource, type SourceConfig } from './source-config.ts';

/** One fault of the crisis: its own, or the fault library's (with the crisis's extra keywords, patterns and codes). */
export interface FaultConfig extends FaultDefinitionConfig {
  kind: FaultKind;
}

/** Service-level targets. */
export interface SlaConfig {
  firstResponseMinutes: number;
  /** Resolution target in hours per priority value (matched without case); only when crisis.yaml sets it. */
  resolutionHours?: Record<string, number>;
}

export interface CrisisConfig {
  title: string;
  /** A short name for tables across crises (`shortTitle: Ford Escape`); absent when not set (the title serves). */
  shortTitle?: string;
  brand: { handles: string[] };
  timezone: string;
  /** Optional crisis window; records outside it are counted and set aside. */
  window?: { start?: string; end?: string };
  sla: SlaConfig;
  /** ISO weekdays 1 (Mon) … 7 (Sun), hours `HH:mm` in the crisis time zone. */
  businessHours: { days: number[]; start: string; end: string };
  sources: SourceConfig[];
  faults: Record<string, FaultConfig>;
  /** Structured fault values (their {@link codeKey}) → fault id, from the faults' `codes:`; empty without a fault column. */
  faultCodes: Record<string, string>;
  privacy: { maskPersonalData: boolean; pseudonymizeAuthors: boolean };
  /** Fields to split the crisis by (`segments: [company]`): canonical message/case fields or kept attributes, one breakdown each; empty when not set. */
  segments: string[];
  /** What the company did and when (`events:`, and the rows of `eventsFile` once it is read), sorted by time; empty when not set (see crisis-events.ts). */
  events: CrisisEvent[];
  /** `eventsFile: recalls.csv`: a CSV of more events (a recall list) in the crisis directory, read with the sources (see events-file.ts); absent when not set. */
  eventsFile?: string;
  /** Input limits: a field over `maxFieldBytes` (UTF-8 bytes) rejects its record in the ledger. */
  limits: { maxFieldBytes: number };
  /** What was assumed because the file did not say. */
  assumptions: string[];
}

/** Default `limits.maxFieldBytes`: 1 MiB, far above a tweet, ticket or complaint narrative. */
export const DEFAULT_MAX_FIELD_BYTES = 1 << 20;

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_BUSINESS_HOURS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

/** Parses and validates crisis.yaml text; throws {@link ConfigError} listing every problem. */
export function parseCrisisConfig(text: string, file = 'crisis.yaml', library?: FaultLibrary): CrisisConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  return validateCrisisConfig(raw ?? {}, file, library);
}

/** Longest `shortTitle`: it heads a column of a table across crises. */
const SHORT_TITLE_MAX = 40;

/** Validates an already-parsed config object; `faults:` entries are resolved against the fault `library` when there is one. */
export function validateCrisisConfig(raw: unknown, file = 'crisis.yaml', library?: FaultLibrary): CrisisConfig {
  const problems: string[] = [];
  const assumptions: string[] = [];
  const obj = isObject(raw) ? raw : (problems.push('the file must be a mapping (key: value)'), {});
  const known = ['title', 'shortTitle', 'brand', 'timezone', 'window', 'sla', 'businessHours', 'sources', 'faults', 'privacy', 'segments', 'limits', 'events', 'eventsFile'];
  for (const key of Object.keys(obj)) if (!known.includes(key)) problems.push(`${key}: unknown field (known: ${known.join(', ')})`);

  const title = typeof obj.title === 'string' && obj.title.trim() ? obj.title.trim() : (obj.title !== undefined && problems.push('title: must be text'), '');
  const shortTitle = typeof obj.shortTitle === 'string' && obj.shortTitle.trim() && obj.shortTitle.trim().length <= SHORT_TITLE_MAX
    ? obj.shortTitle.trim()
    : (obj.shortTitle !== undefined && problems.push(`shortTitle: must be text of at most ${SHORT_TITLE_MAX} characters (a name for tables across crises, e.g. "Ford Escape")`), undefined);
  const handles: string[] = [];
  if (obj.brand !== undefined) {
    const brand = isObject(obj.brand) ? obj.brand : (problems.push('brand: must be a mapping with handles: [...]'), {});
    const list = brand.handles === undefined ? [] : Array.isArray(brand.handles) ? brand.handles : [brand.handles];
    list.forEach((h, i) => (typeof h === 'string' || typeof h === 'number' ? handles.push(String(h)) : problems.push(`brand.handles[${i}]: must be text`)));
  }
  let timezone = 'UTC';
  if (obj.timezone === undefined) assumptions.push('No timezone given: hour-of-day views use UTC.');
  else if (typeof obj.timezone !== 'string' || !isValidZone(obj.timezone)) problems.push(`timezone: "${String(obj.timezone)}" is not an IANA time zone (e.g. America/Chicago)`);
  else timezone = obj.timezone;

  let window: CrisisConfig['window'];
  if (obj.window !== undefined) {
    if (!isObject(obj.window)) problems.push('window: must be a mapping with start and/or end');
    else {
      window = {};
      for (const k of ['start', 'end'] as const) {
        const v = obj.window[k];
        if (v === undefined) continue;
        const s = v instanceof Date ? v.toISOString() : String(v);
        if (Number.isNaN(Date.parse(s))) problems.push(`window.${k}: "${s}" is not a date`);
        else window[k] = s;
      }
    }
  }

  const sla = validateSla(obj.sla, problems);

  let businessHours = DEFAULT_BUSINESS_HOURS;
  if (obj.businessHours !== undefined) {
    const b = isObject(obj.businessHours) ? obj.businessHours : {};
    const days = Array.isArray(b.days) ? b.days : DEFAULT_BUSINESS_HOURS.days;
    if (!days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) problems.push('businessHours.days: ISO weekdays 1 (Mon) to 7 (Sun)');
    const start = b.start === undefined ? DEFAULT_BUSINESS_HOURS.start : String(b.start);
    const end = b.end === undefined ? DEFAULT_BUSINESS_HOURS.end : String(b.end);
    for (const [k, v] of [['start', start], ['end', end]]) if (!/^([01]\d|2[0-4]):[0-5]\d$/.test(v)) problems.push(`businessHours.${k}: "${v}" must be HH:mm`);
    businessHours = { days: days as number[], start, end };
  }

  const sources: SourceConfig[] = [];
  if (obj.sources !== undefined) {
    if (!Array.isArray(obj.sources)) problems.push('sources: must be a list');
    else obj.sources.forEach((s, i) => sources.push(validateSource(s, `sources[${i}]`, problems)));
  }

  const faults = validateFaults(obj.faults, library, problems);
  const faultCodes = structuredFaultCodes(faults, sources, library);

  const privacy = { maskPersonalData: true, pseudonymizeAuthors: false };
  if (obj.privacy !== undefined) {
    const p = isObject(obj.privacy) ? obj.privacy : (problems.push('privacy: must be a mapping'), {});
    for (const k of ['maskPersonalData', 'pseudonymizeAuthors'] as const) {
      if (p[k] === undefined) continue;
      if (typeof p[k] !== 'boolean') problems.push(`privacy.${k}: must be true or false`);
      else privacy[k] = p[k] as boolean;
    }
  }

  const segments = validateSegments(obj.segments, problems);

  const events = validateEvents(obj.events, timezone, problems, { crisis: new Set(Object.keys(faults)), library: new Set(Object.keys(library?.faults ?? {})) });
  const eventsFile = validateEventsFile(obj.eventsFile, sources, problems);

  const limits = validateLimits(obj.limits, problems);

  if (problems.length) throw new ConfigError(file, problems);
  return { title, ...(shortTitle ? { shortTitle } : {}), brand: { handles }, timezone, window, sla, businessHours, sources, faults, faultCodes, privacy, segments, events, ...(eventsFile ? { eventsFile } : {}), limits, assumptions };
}

/** `eventsFile:` a file name inside the crisis directory that is not also a source (its rows are read by events-file.ts). */
function validateEventsFile(raw: unknown, sources: SourceConfig[], problems: string[]): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const file = typeof raw === 'string' ? raw.trim() : '';
  if (!file) problems.push('eventsFile: must be a file name in the crisis directory (e.g. recalls.csv, with columns at, label, kind, faults, id, detail)');
  else if (file.split(/[\\/]/).includes('..') || file.startsWith('/')) problems.push('eventsFile: must stay inside the crisis directory');
  else if (sources.some((s) => s.file === file)) problems.push(`eventsFile: "${file}" is also listed under sources: a file is either data or events`);
  else return file;
  return undefined;
}

/** `faults:` entries: the crisis's own, or library faults used as they are or extended (see fault-library.ts). */
function validateFaults(raw: unknown, library: FaultLibrary | undefined, problems: string[]): Record<string, FaultConfig> {
  const faults: Record<string, FaultConfig> = {};
  if (raw === undefined) return faults;
  if (!isObject(raw)) {
    problems.push('faults: must be a mapping of fault id → { label, kind, keywords }');
    return faults;
  }
  for (const [id, entry] of Object.entries(raw)) {
    const path = `faults.${id}`;
    // `;` separates several faults of one record in the fault column.
    if (!id.trim() || id.includes(';')) problems.push(`${path}: an id must be non-empty and hold no ";"`);
    const read = readFault(entry, path, problems);
    const def = read && resolveFault(id, read, library, path, problems);
    if (def) faults[id] = def;
  }
  return faults;
}

/**
 * Code → fault id for sources with a fault column: the crisis's faults' codes,
 * then every library fault with codes (added to `faults`, so a component the
 * library knows is that fault in every crisis without listing it here).
 */
function structuredFaultCodes(faults: Record<string, FaultConfig>, sources: SourceConfig[], library: FaultLibrary | undefined): Record<string, string> {
  if (!sources.some((s) => s.faultColumn)) return {};
  const codes: Record<string, string> = {};
  for (const [id, f] of Object.entries(faults)) for (const c of f.codes) codes[codeKey(c)] ??= id;
  for (const [id, f] of Object.entries(library?.faults ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!f.codes.length || faults[id]) continue;
    faults[id] = { ...f };
    for (const c of f.codes) codes[codeKey(c)] ??= id;
  }
  return codes;
}

/** `limits: { maxFieldBytes }`, a positive whole number of bytes. */
function validateLimits(raw: unknown, problems: string[]): CrisisConfig['limits'] {
  const limits = { maxFieldBytes: DEFAULT_MAX_FIELD_BYTES };
  if (raw === undefined) return limits;
  if (!isObject(raw)) {
    problems.push('limits: must be a mapping (e.g. { maxFieldBytes: 1048576 })');
    return limits;
  }
  for (const key of Object.keys(raw)) if (key !== 'maxFieldBytes') problems.push(`limits.${key}: unknown field (known: maxFieldBytes)`);
  const v = raw.maxFieldBytes;
  if (v === undefined) return limits;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) problems.push('limits.maxFieldBytes: must be a positive whole number of bytes (e.g. 1048576 for 1 MiB)');
  else limits.maxFieldBytes = v;
  return limits;
}

/** `segments:` names (whether each is a field of the data is checked once the data is loaded: sections/segments/fields.ts). */
function validateSegments(raw: unknown, problems: string[]): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  list.forEach((value, i) => {
    const name = typeof value === 'string' ? value.trim() : null;
    if (name === null) problems.push(`segments[${i}]: must be text (a field name)`);
    else if (!name) problems.push(`segments[${i}]: must name a field (e.g. company, channel, or an attribute column)`);
    else if (out.includes(name)) problems.push(`segments[${i}]: "${name}" is listed twice`);
    else out.push(name);
  });
  return out;
}

function validateSla(raw: unknown, problems: string[]): SlaConfig {
  const sla: SlaConfig = { firstResponseMinutes: 60 };
  if (raw === undefined) return sla;
  if (!isObject(raw)) {
    problems.push('sla: must be a mapping with firstResponseMinutes and/or resolutionHours');
    return sla;
  }
  const known = ['firstResponseMinutes', 'resolutionHours'];
  for (const key of Object.keys(raw)) if (!known.includes(key)) problems.push(`sla.${key}: unknown field (known: ${known.join(', ')})`);
  // Before resolutionHours existed, sla: always held firstResponseMinutes; it stays required when nothing else is set.
  if (raw.firstResponseMinutes !== undefined || raw.resolutionHours === undefined) {
    const v = raw.firstResponseMinutes;
    if (typeof v !== 'number' || !(v > 0)) problems.push('sla.firstResponseMinutes: must be a positive number of minutes');
    else sla.firstResponseMinutes = v;
  }
  if (raw.resolutionHours !== undefined) {
    if (!isObject(raw.resolutionHours) || !Object.keys(raw.resolutionHours).length) problems.push('sla.resolutionHours: must be a mapping of priority → hours (e.g. { P1: 4, P2: 24 })');
    else {
      const hours: Record<string, number> = {};
      const seen = new Map<string, string>();
      for (const [priority, v] of Object.entries(raw.resolutionHours)) {
        const key = priority.trim().toLowerCase();
        if (seen.has(key)) problems.push(`sla.resolutionHours.${priority}: the same priority as ${seen.get(key)} (priorities match without case)`);
        else if (typeof v !== 'number' || !(v > 0)) problems.push(`sla.resolutionHours.${priority}: must be a positive number of hours`);
        else hours[priority.trim()] = v;
        seen.set(key, seen.get(key) ?? priority);
      }
      sla.resolutionHours = hours;
    }
  }
  return sla;
}
