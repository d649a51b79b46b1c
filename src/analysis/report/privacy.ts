/**
 * Personal data in shared reports. Pure functions: the bundle writer applies
 * them once to every string that came from the data before it reaches
 * report.json, a table or a CSV (see ../bundle/); the analysis itself always
 * sees the original text, and pages only ever see the filtered bundle.
 *
 * - `maskPersonalData`: e-mail addresses → `[email]`, phone numbers → `[phone]`,
 *   serial numbers, IMEIs and VINs → `[serial]`, order, ticket and booking
 *   numbers → `[order]` (privacy-ids.ts), private people's names in
 *   greetings, sign-offs, self-introductions and agent signatures → `[name]`
 *   (privacy-names.ts). The crisis's brand words are never masked.
 * - `pseudonym`: a private author's handle → `user-1a2b3c`, stable within a
 *   crisis (the slug is the salt) so one person's messages still group.
 *   Brand handles stay readable: they speak for the company.
 */
import { sha256Hex } from '../core/sha256.ts';
import { IMEI_DIGITS, MIN_ID_DIGITS, MIN_VIN_DIGITS, maskImeis, maskKeywordIdentifiers, maskVins, mayHoldKeywordIdentifier } from './privacy-ids.ts';
import { brandWords } from './privacy-lexicon.ts';
export { brandWords } from './privacy-lexicon.ts';
import { maskNames } from './privacy-names.ts';

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

const NO_BRAND_WORDS: ReadonlySet<string> = new Set();

/**
 * Masks personal data in free text: e-mail addresses, serial and order
 * numbers, phone numbers, then names. `keep` holds the crisis's brand words
 * (`brandWords(handles)`), which are never taken for names.
 *
 * Every pattern has a cheap necessary condition checked first (an "@"
 * inside a word, a digit count, a run of capitals, a keyword), and names are
 * looked for only where a trigger word or signature mark is: most posts
 * pass none and skip every pattern. The output is always that of
 * `maskPersonalDataExhaustive`, which the property test checks.
 */
export function maskPersonalData(text: string, keep: ReadonlySet<string> = NO_BRAND_WORDS): string {
  // Replacement tokens hold no digits or capitals and break runs of them, so
  // the shape of the original bounds that of the text after every step.
  const shape = shapeOf(text);
  let out = shape.emailAt ? text.replace(EMAIL, '[email]') : text;
  if (shape.digits >= MIN_ID_DIGITS && mayHoldKeywordIdentifier(out)) out = maskKeywordIdentifiers(out);
  if (shape.vinRun >= VIN_LENGTH && shape.digits >= MIN_VIN_DIGITS) out = maskVins(out);
  if (shape.digits >= IMEI_DIGITS) out = maskImeis(out);
  if (shape.digits >= MIN_PHONE_DIGITS) out = out.replace(PHONE_GROUPED, '[phone]').replace(PHONE_BARE, '[phone]');
  // maskNames finds its own places in one scan: no test before it would be cheaper.
  return maskNames(out, keep);
}

/**
 * The same masking with every pattern applied to every text, no shortcut:
 * the reference the tests hold `maskPersonalData` to. Slow; not for use.
 */
export function maskPersonalDataExhaustive(text: string, keep: ReadonlySet<string> = NO_BRAND_WORDS): string {
  let out = text.replace(EMAIL, '[email]');
  out = maskImeis(maskVins(maskKeywordIdentifiers(out)));
  out = out.replace(PHONE_GROUPED, '[phone]').replace(PHONE_BARE, '[phone]');
  return maskNames(out, keep);
}

/** The fewest digits either phone pattern matches (2 + 3 + 3 grouped). */
const MIN_PHONE_DIGITS = 8;

/** Length of a VIN: a run of this many VIN characters must be there for VIN to match. */
const VIN_LENGTH = 17;

/** What the fast path needs to know of a text, from one pass over its characters. */
interface TextShape {
  /** How many ASCII digits. */
  digits: number;
  /** The longest run of VIN characters (capitals but I, O, Q; digits). */
  vinRun: number;
  /** An "@" between an address character and a domain character, as every e-mail address has (a mention's "@" follows a space). */
  emailAt: boolean;
}

const isEmailLocal = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const isDomainStart = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;

function shapeOf(text: string): TextShape {
  let digits = 0;
  let run = 0;
  let vinRun = 0;
  let emailAt = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit) digits++;
    if (digit || (c >= 65 && c <= 90 && c !== 73 && c !== 79 && c !== 81)) {
      if (++run > vinRun) vinRun = run;
    } else run = 0;
    if (c === 64 && i > 0 && isEmailLocal(text.charCodeAt(i - 1)) && isDomainStart(text.charCodeAt(i + 1))) emailAt = true;
  }
  return { digits, vinRun, emailAt };
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
  const keep = brandWords(brandHandles);
  const text = (value: string): string => {
    let out = value;
    if (settings.maskPersonalData) out = maskPersonalData(out, keep);
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

/** Keys whose string values are identifiers or timestamps, never personal text ("case:48213" is no case number to mask). */
const ID_KEY = /(^id$|Id$|Ids$|_id$|_ids$|At$|_at$|^start$|^end$|^slug$|^timezone$|^file$|^format$)/;
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
