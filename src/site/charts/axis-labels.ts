/**
 * Category labels and value texts of bar charts. A category name is what the
 * reader came for, so it is wrapped onto further lines rather than cut with
 * "…", and the axis is given the room its longest line needs. A share after
 * each bar is dropped when it says nothing bar by bar (every bar the same).
 */
import { formatShare } from '../format.ts';

/**
 * Widths of 11 px system-ui characters, measured in Chromium's (DejaVu Sans,
 * wider than most system fonts, so estimates err on the roomy side).
 */
const CHAR_WIDTHS: [RegExp, number][] = [
  [/[ijlIJ'!|]/, 3.1],
  [/[ .,:;’·/]/, 3.6],
  [/[frt()\-[\]]/, 4.4],
  [/[csz]/, 5.8],
  [/[0-9bdghnpquEΣ]/, 7],
  [/[DGHNOQU&]/, 8.5],
  [/[Mw]/, 9.5],
  [/[mW%…]/, 10.9],
  [/\p{Ll}/u, 6.8],
  [/\p{Lu}/u, 7.8],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u, 11],
];

/** Width in px of `text` drawn at the charts' 11 px (capitals wider than lower case, "i" narrower than "m"). */
export function textPx(text: string): number {
  let px = 0;
  for (const ch of text) px += CHAR_WIDTHS.find(([re]) => re.test(ch))?.[1] ?? 7;
  return Math.round(px * 10) / 10;
}

/** Height of a bar row per line of its label: one line 22 px (as before), each further line 10 px more. */
const rowHeightFor = (lines: number) => 22 + 10 * (lines - 1);

/**
 * `text` in lines at most `widthPx` wide (see {@link textPx}), broken between
 * words; a word wider than a line is broken inside (no character is ever
 * dropped: cut, it would be lost; unbroken, it would run off the chart).
 */
export function wrapLabel(text: string, widthPx: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (textPx(rest) > widthPx) {
      if (line) lines.push(line);
      line = '';
      let cut = 1;
      while (cut < rest.length && textPx(rest.slice(0, cut + 1)) <= widthPx) cut++;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (!line) line = rest;
    else if (textPx(`${line} ${rest}`) <= widthPx) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** How a band axis of category names is laid out. */
export interface CategoryAxis {
  /** The name as drawn: its lines joined by "\n" (Plot draws each on its own line). */
  tickFormat: (name: string) => string;
  /** Left margin that holds the longest line. */
  marginLeft: number;
  /** Height of one bar row, room for the most lines any name takes. */
  rowHeight: number;
  /** Most lines any name takes. */
  lines: number;
}

/**
 * Layout of a band axis of `names`: wrapped at `widthPx` a line, or at the
 * least more that puts every name on at most two lines as long as the
 * margin stays within `maxMargin`; past that, at the widest line the margin
 * holds, on as many lines as the longest name needs. The margin always
 * holds the longest line.
 */
export function categoryAxis(names: readonly string[], widthPx = 190, maxMargin = 280): CategoryAxis {
  const widest = Math.max(widthPx, maxMargin - 12);
  const linesAt = (w: number) => names.reduce((m, n) => Math.max(m, wrapLabel(n, w).length), 1);
  let w = widthPx;
  while (w < widest && linesAt(w) > 2) w = Math.min(widest, w + 6);
  const wrapped = new Map(names.map((n) => [n, wrapLabel(n, w)]));
  const all = [...wrapped.values()];
  const lines = all.reduce((m, l) => Math.max(m, l.length), 1);
  return {
    tickFormat: (name) => (wrapped.get(name) ?? wrapLabel(String(name), w)).join('\n'),
    // The tick (6 px) and its padding (3 px) and a little air beside the longest line.
    marginLeft: Math.max(40, Math.ceil(Math.max(...all.flat().map(textPx))) + 12),
    rowHeight: rowHeightFor(lines),
    lines,
  };
}

/**
 * Whether a share after each bar tells the reader anything: not when every
 * bar shows the same share (several bars at 100% of themselves, or one bar of
 * everything). One bar with a share below 100% still tells something. Null
 * shares (not measurable) are left out.
 */
export function sharesTellApart(shares: readonly (number | null)[]): boolean {
  const texts = new Set(shares.filter((s): s is number => s !== null).map(formatShare));
  if (texts.size === 0) return false;
  if (texts.size > 1) return true;
  const [only] = texts;
  return shares.filter((s) => s !== null).length === 1 && only !== formatShare(1);
}

/**
 * Bottom margin that holds x tick labels rotated by `degrees` (as Plot's
 * `tickRotate`): the tick and its padding (9 px), the longest label's drop
 * and the text's own height, so the longest label ends inside the chart and
 * never runs into the caption under it.
 */
export function rotatedLabelsMargin(labels: readonly string[], degrees: number, fontPx = 11): number {
  const a = (Math.abs(degrees) * Math.PI) / 180;
  const longest = labels.reduce((m, l) => Math.max(m, textPx(l)), 0);
  return Math.ceil(9 + longest * Math.sin(a) + fontPx * Math.cos(a) + 2);
}

/** Right margin that holds the longest of the texts written after the bars (4 px after the bar, as the charts draw them). */
export function valueMargin(texts: readonly string[]): number {
  return Math.max(24, Math.ceil(texts.reduce((m, t) => Math.max(m, textPx(t)), 0)) + 10);
}
