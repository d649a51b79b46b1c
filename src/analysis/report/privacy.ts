/**
 * Personal data in shared reports. Pure functions: the bundle writer applies
 * them once to every string that came from the data before it reaches
 * report.json, a table or a CSV (see ../bundle/); the analysis itself always
 * sees the original text, and pages only ever see the filtered bundle.
 *
 * - `maskPersonalData`: e-mail addresses → `[email]`, phone numbers → `[phone]`.
 * - `pseudonym`: a private author's handle → `user-1a2b3c`, stable within a
 *   crisis (the slug is the salt) so one person's messages still group.
 *   Brand handles stay readable: they speak for the company.
 */
import { sha256Hex } from '../core/sha256.ts';

export interface PrivacySettings {
  maskPersonalData: boolean;
  pseudonymizeAuthors: boolean;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Grouped numbers ("555-123-4567", "(555) 123 4567", "+44 20 7946 0958") …
const PHONE_GROUPED = /(?<![\w+/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w/])/g;
// … and bare runs of 10–13 digits ("+15551234567", "5551234567"). Order
// numbers of that length are masked too: erring on the side of masking.
const PHONE_BARE = /(?<![\w+/.])\+?\d{10,13}(?![\w/])/g;
// Twitter-style mention; the lookbehind keeps e-mail addresses out.
const MENTION = /(?<![\w@])@(\w{1,30})/g;

/** Replaces e-mail addresses and phone numbers in free text. */
export function maskPersonalData(text: string): string {
  // Most texts hold no "@" and fewer digits than any phone number: the patterns would only backtrack through them.
  let out = text.includes('@') ? text.replace(EMAIL, '[email]') : text;
  if (digitCount(out) >= MIN_PHONE_DIGITS) out = out.replace(PHONE_GROUPED, '[phone]').replace(PHONE_BARE, '[phone]');
  return out;
}

/** The fewest digits either phone pattern matches (2 + 3 + 3 grouped). */
const MIN_PHONE_DIGITS = 8;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Lower-cased handle without its leading `@`, for comparisons. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

/** Stable pseudonym for a private author's handle: `user-` + 6 hex digits of SHA-256(salt + handle). */
export function pseudonym(handle: string, salt: string): string {
  return `user-${sha256Hex(`${salt}\u0000${normalizeHandle(handle)}`).slice(0, 6)}`;
}

/** True when the handle is one of the brand's (case-insensitive, `@` optional). */
export function isBrandHandle(handle: string, brandHandles: readonly string[]): boolean {
  const h = normalizeHandle(handle);
  return brandHandles.some((b) => normalizeHandle(b) === h);
}

/** Replaces `@mentions` of non-brand handles with their pseudonyms. */
export function pseudonymizeMentions(text: string, brandHandles: readonly string[], salt: string): string {
  if (!text.includes('@')) return text;
  return text.replace(MENTION, (all, handle: string) => (isBrandHandle(handle, brandHandles) ? all : `@${pseudonym(handle, salt)}`));
}

/** The privacy filter of one crisis: what every page uses on data strings. */
export interface Privacy {
  readonly settings: PrivacySettings;
  /** Free text (message, example, label): masked and mentions pseudonymised as configured. */
  text(value: string): string;
  /** An author handle: pseudonymised when configured unless it is the brand's. */
  author(handle: string | null, isBrand?: boolean): string | null;
  /** A value of unknown meaning (SQL cell): strings treated as text, known private handles pseudonymised. */
  cell<T>(value: T): T | string;
}

/**
 * Builds the filter for a crisis. `knownAuthors` (optional) lists private
 * authors' handles so SQL cells that return a bare handle are caught too.
 */
export function createPrivacy(
  settings: PrivacySettings,
  brandHandles: readonly string[],
  salt: string,
  knownAuthors: ReadonlySet<string> = new Set(),
): Privacy {
  const text = (value: string): string => {
    let out = value;
    if (settings.maskPersonalData) out = maskPersonalData(out);
    if (settings.pseudonymizeAuthors) out = pseudonymizeMentions(out, brandHandles, salt);
    return out;
  };
  const author = (handle: string | null, isBrand = false): string | null => {
    if (handle === null || !settings.pseudonymizeAuthors || isBrand || isBrandHandle(handle, brandHandles)) return handle;
    return pseudonym(handle, salt);
  };
  const cell = <T>(value: T): T | string => {
    if (typeof value !== 'string') return value;
    if (settings.pseudonymizeAuthors && knownAuthors.has(value)) return pseudonym(value, salt);
    return text(value);
  };
  return { settings, text, author, cell };
}

/** Keys whose string values are identifiers or timestamps, never personal text. */
const ID_KEY = /(^id$|Id$|_id$|At$|_at$|^start$|^end$|^slug$|^timezone$|^file$|^format$)/;
/** Keys whose string values are author handles. */
const AUTHOR_KEY = /^(author|authors|handle|handles|user|screenName)$/;

/**
 * Applies the filter to every string in a JSON-like value (for the published
 * report.json). Ids and timestamps are left alone; author fields are
 * pseudonymised; brand handles in `brandHandles` stay.
 */
export function filterDeep(value: unknown, privacy: Privacy, key = ''): unknown {
  if (typeof value === 'string') {
    if (ID_KEY.test(key) || key === 'brandHandles') return value;
    if (AUTHOR_KEY.test(key)) return privacy.author(value);
    return privacy.text(value);
  }
  if (Array.isArray(value)) return value.map((v) => filterDeep(v, privacy, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = filterDeep(v, privacy, k);
    return out;
  }
  return value;
}
