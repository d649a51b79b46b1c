/**
 * A small synthetic crisis for site tests, written to a temporary directory:
 * a quiet day, then a surge of complaints with brand replies. Some texts
 * carry personal data, markup and spreadsheet formulas, so tests can check
 * masking, escaping and CSV neutralisation end to end. Deterministic.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURE_SLUG = 'widget-outage';
export const BRAND = 'WidgetHelp';
/** Texts that must never reach a page unescaped or unmasked. */
export const HOSTILE = {
  script: '<script>alert("x")</script> my widget is dead',
  formula: '=HYPERLINK("http://evil.example","click") widget broken',
  email: 'write me at jane.doe@example.com about the widget',
  phone: 'call 555-123-4567 widget still broken',
};

/** Writes `<root>/<slug>/crisis.yaml` and `messages.csv`; returns the data root. */
export function writeFixtureCrisis(root = mkdtempSync(path.join(os.tmpdir(), 'debrief-site-'))): string {
  const dir = path.join(root, FIXTURE_SLUG);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'crisis.yaml'),
    `title: Widget outage
brand: { handles: [${BRAND}] }
timezone: Europe/Berlin
sla: { firstResponseMinutes: 60 }
sources:
  - file: messages.csv
    format: generic
faults:
  dead-widget: { label: Widget dead, keywords: [dead, broken] }
  billing: { label: Double billing, keywords: [charged twice, double charge] }
privacy: { maskPersonalData: true, pseudonymizeAuthors: true }
`,
  );
  const rows: string[][] = [['id', 'conversation_id', 'parent_id', 'created_at', 'author', 'text', 'channel', 'likes', 'shares']];
  const start = Date.UTC(2024, 2, 4, 0, 0);
  let id = 1;
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const complaints = ['widget is dead again', 'charged twice for the widget', 'widget broken since the update', 'app says widget offline', 'thanks for the quick fix'];
  // Two quiet days: a message every three hours. Then a surge over six hours.
  const times: number[] = [];
  for (let h = 0; h < 48; h += 3) times.push(start + h * 3_600_000);
  for (let i = 0; i < 120; i++) times.push(start + 48 * 3_600_000 + Math.floor((i * 6 * 3_600_000) / 120));
  times.forEach((t, i) => {
    const hostile = Object.values(HOSTILE);
    const text = i % 25 === 7 ? hostile[Math.floor(i / 25) % hostile.length] : `@${BRAND} ${complaints[i % complaints.length]}`;
    const root = String(id++);
    const author = `customer${i % 40}`;
    rows.push([root, root, '', new Date(t).toISOString(), author, text, i % 3 ? 'twitter' : 'facebook', String(i % 7), String(i % 5)]);
    if (i % 2 === 0) {
      const reply = String(id++);
      rows.push([reply, root, root, new Date(t + (5 + (i % 9) * 11) * 60_000).toISOString(), BRAND, `@${author} sorry about that, please DM us`, i % 3 ? 'twitter' : 'facebook', '0', '0']);
    }
  });
  writeFileSync(path.join(dir, 'messages.csv'), `${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`);
  return root;
}
