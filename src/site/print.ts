/**
 * What a printed page carries in its margins: the crisis name and the build
 * date (site.css puts them, with "page / pages", in @page margin boxes). The
 * text reaches CSS as a custom property on <html>, so it must be a CSS
 * string that no data can break out of.
 */
import { buildDate, buildTime } from '../node/build-date.ts';
import { formatDate } from './format.ts';

/**
 * `text` as a quoted CSS string: every character but letters, digits,
 * spaces and plain punctuation written as a hex escape (`\22 `), so quotes,
 * backslashes, newlines and `<` in a crisis title cannot end the string or
 * the declaration.
 */
export function cssString(text: string): string {
  let out = '';
  for (const ch of text) out += /^[A-Za-z0-9 .,:;!?()\-_/&+%#@·–]$/u.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  return `"${out}"`;
}

/** The footer of a printed page: `Latchly lockout · built 21 Oct 2024`, at the build date (never the clock). */
export function printFooterText(name: string, time: number = buildTime()): string {
  const day = buildDate(time);
  return `${name} · built ${formatDate(`${day}T12:00:00Z`, 'UTC')}`;
}

/** The `style` of <html> that hands the footer to the @page margin boxes. */
export function printFooterStyle(name: string, time?: number): string {
  return `--print-footer: ${cssString(printFooterText(name, time))}`;
}
