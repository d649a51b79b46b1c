/**
 * Device and transaction identifiers in quoted text, for the privacy filter:
 *
 * - `[serial]`: what identifies a person's device: a value after "serial",
 *   "S/N", "SN", "IMEI", "MEID", "VIN", plus free-standing VINs (17 letters
 *   and digits, no I/O/Q) and IMEIs (15 digits passing the Luhn check).
 * - `[order]`: what identifies a person's purchase or case: a value after
 *   "order", "ticket", "case", "booking", "confirmation", "reference",
 *   "tracking", "invoice", "claim", "account", … ("order #123456789",
 *   "order number 4455-6677", "ticket 12345678").
 *
 * Two tokens rather than one `[id]`: a reader still sees what was there ("DM
 * us your order [order]") without the value. The keyword stays; only the
 * value goes. A value needs two digits or more, and dates, times, years,
 * prices and model names ("iPhone 15", "Model 3", "2015 Camry") are left
 * alone: none follows a keyword, and the free-standing shapes are too long.
 */

/** What a masked device identifier becomes. */
export const SERIAL_TOKEN = '[serial]';
/** What a masked order, ticket, booking or account number becomes. */
export const ORDER_TOKEN = '[order]';

const SERIAL_KEY = String.raw`serial(?:[ \t]+(?:number|no\.?|num|#))?|s\/n|sn|imei|meid|esn|vin`;
const ORDER_KEY =
  String.raw`(?:orders?|tickets?|cases?|ref(?:erence)?|confirmation|booking|reservation|tracking|invoice|claim|receipt|transaction|rma|pnr|incident|account|acct)(?:[ \t]+(?:number|no\.?|num|id|code|ref(?:erence)?))?` +
  // Loyalty numbers only with "number", "no", "id" or "#" ("FF# 94LXA62"), so "rewards 50000 miles" stays.
  String.raw`|(?:frequent[ \t]+fl[iy]er|ff|member(?:ship)?|loyalty|rewards?|mileage[ \t]*plus)[ \t]*(?:number|no\.?|num|id|#)`;
// "order #123", "S/N: C02…", "ticket number is 123", "order no. 123".
const SEPARATOR = String.raw`(?:[ \t]*(?:[:#=]|is|was)[ \t]*|[ \t]+)+`;
// Letters and digits, joined by single dashes, slashes or dots ("4455-6677", "113-1234567-1234567").
const VALUE = String.raw`[a-z0-9](?:[a-z0-9]|[-/.](?=[a-z0-9])){3,39}(?![\p{L}\p{N}_]|[-/.][a-z0-9])`;

// No leading lookbehinds: the engine would try them at every position. Each
// pattern starts with its keyword or first character, and the character
// before a match is checked in code (WORD_CHAR, ID_BOUNDARY).
const KEYWORD_ID = new RegExp(String.raw`(?:(${SERIAL_KEY})|(${ORDER_KEY}))(${SEPARATOR})(${VALUE})`, 'giu');
const VIN = /[A-HJ-NPR-Z0-9]{17}(?![\p{L}\p{N}_/-])/gu;
const IMEI = /(?:\d{15}|\d{2}-\d{6}-\d{6}-\d)(?![\p{L}\p{N}_/-])/gu;
/** A keyword may not continue a word ("reorder", "showcase"). */
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** A free-standing VIN or IMEI may not continue a word, a path, a hashtag or a longer number. */
const ID_BOUNDARY = /[\p{L}\p{N}_/.#@+-]/u;

const startsFree = (text: string, offset: number, before: RegExp) => offset === 0 || !before.test(text[offset - 1]!);

/** The fewest digits a keyword's value has. */
export const MIN_ID_DIGITS = 2;
/** The fewest digits a free-standing VIN has (real ones have 6 or more). */
export const MIN_VIN_DIGITS = 5;
/** Digits in an IMEI. */
export const IMEI_DIGITS = 15;

const countDigits = (s: string) => s.replace(/\D+/g, '').length;

/** Values after a keyword that are not identifiers: years, dates, times, prices. */
function looksLikeIdentifier(value: string): boolean {
  if (countDigits(value) < MIN_ID_DIGITS) return false;
  if (value.includes('XX')) return false; // already redacted by the source (CFPB's "XX/XX/2019")
  if (/^(?:19|20)\d\d$/.test(value)) return false; // "case 2019"
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(value)) return false; // dates
  if (/^\d{1,2}[-/.]\d{1,2}$/.test(value)) return false; // "pre-order 10/27"
  if (/^\d+\.\d{1,2}$/.test(value)) return false; // "order 12.99"
  if (/^\d+[a-z]+$/.test(value)) return false; // a quantity and its unit: "30minutes", "10am", "2nd"

  return true;
}

/** True when the digits pass the Luhn check that every IMEI's last digit makes. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Masks the value after a serial or order keyword. */
export function maskKeywordIdentifiers(text: string): string {
  return text.replace(KEYWORD_ID, (match, serial: string | undefined, order: string | undefined, sep: string, value: string, offset: number) =>
    // ASCII keywords only: with the i and u flags "ſerial" matches too, which ID_TRIGGER would not let through.
    startsFree(text, offset, WORD_CHAR) && /^[\x00-\x7f]+$/.test(serial ?? order!) && looksLikeIdentifier(value) ? (serial ?? order)! + sep + (serial !== undefined ? SERIAL_TOKEN : ORDER_TOKEN) : match,
  );
}

/** Masks free-standing VINs (17 characters, no I/O/Q, ≥ 3 letters and ≥ 5 digits, uppercase). */
export function maskVins(text: string): string {
  return text.replace(VIN, (vin, offset: number) => {
    const digits = countDigits(vin);
    return startsFree(text, offset, ID_BOUNDARY) && digits >= MIN_VIN_DIGITS && vin.length - digits >= 3 ? SERIAL_TOKEN : vin;
  });
}

/** Masks free-standing IMEIs (15 digits, optionally 2-6-6-1, Luhn-valid). */
export function maskImeis(text: string): string {
  return text.replace(IMEI, (imei, offset: number) => (startsFree(text, offset, ID_BOUNDARY) && luhnValid(imei.replace(/-/g, '')) ? SERIAL_TOKEN : imei));
}

/** True when the text may hold a serial or order keyword (the cheap test before KEYWORD_ID). */
export function mayHoldKeywordIdentifier(text: string): boolean {
  return ID_TRIGGER.test(text);
}

// Every keyword of KEYWORD_ID starts after a non-word character with one of
// these stems; ASCII \b without the u flag keeps this one scan fast.
const ID_TRIGGER = /\b(?:serial|s\/n|sn|imei|meid|esn|vin|order|ticket|case|ref|confirmation|booking|reservation|tracking|invoice|claim|receipt|transaction|rma|pnr|incident|account|acct|frequent|ff|member|loyalty|reward|mileage)/i;
