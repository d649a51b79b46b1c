/**
 * `messages.csv`: one row per loaded message, with the columns analyses add.
 * Cells that a spreadsheet would run as a formula are neutralised.
 */
import type { Message } from '../model.ts';

export type ExtraColumns = Map<string, Record<string, string | number | boolean | null>>;

const BASE = ['id', 'conversation_id', 'parent_id', 'created_at', 'author', 'is_brand', 'inbound', 'channel', 'text'];

/** Renders messages (sorted by time, then id) and extra per-message columns as CSV text. */
export function messagesCsv(messages: Message[], extraNames: string[] = [], extra: ExtraColumns = new Map()): string {
  const rows = [...messages].sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
  const lines = [[...BASE, ...extraNames].join(',')];
  for (const m of rows) {
    const more = extra.get(m.id) ?? {};
    const base = [m.id, m.conversationId, m.parentId, new Date(m.createdAt).toISOString(), m.author, m.isBrand, m.inbound, m.channel, m.text];
    lines.push([...base, ...extraNames.map((n) => more[n] ?? null)].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** One CSV cell: quoted when needed, with formula triggers (= + - @ tab CR) defused by a leading apostrophe. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numeric ids compare as numbers, others as text: tweet ids sort in time order. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
