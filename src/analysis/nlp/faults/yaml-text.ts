/**
 * Editing YAML text in place: a value written as YAML, and the positions an
 * edit needs, so a file keeps its bytes and comments outside what changes
 * (suggest-yaml.ts, suggest-context.ts).
 */
const PLAIN = /^[a-z][a-z0-9' -]*$/i;
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null)$/i;

/** A string as a YAML scalar: plain when that reads back the same, else double-quoted. */
export function scalar(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') ? s : JSON.stringify(s);
}

/** A text edit: replace [start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A list as a YAML flow sequence. */
export const flowList = (items: readonly string[]) => `[${items.map(scalar).join(', ')}]`;

/** Indentation of the line holding offset `at`. */
export function indentAt(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Offset of the end of the line holding `at` (before its newline). */
export function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}
