/** `debrief new <slug>`: scaffolds a crisis directory with a commented crisis.yaml. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { notebookTemplate } from './notebook-template.ts';

export function crisisYamlTemplate(slug: string): string {
  return `# ${slug}: what Debrief needs to know about this crisis.
# Put the export files next to this file and list them under sources.

title: ${slug.replace(/[-_]+/g, ' ')}

# Author ids or screen names that speak for the brand (case-insensitive, @ optional).
brand:
  handles: []

# IANA time zone for hour-of-day views (e.g. America/Chicago, Europe/Berlin).
timezone: UTC

# Optional: records outside this window are counted in the ledger and set aside.
# window: { start: 2024-03-01T00:00:00Z, end: 2024-03-15T00:00:00Z }

# First-response target in minutes, and business hours (ISO weekdays 1 = Monday).
sla: { firstResponseMinutes: 60 }
businessHours: { days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }

sources: []
#  - file: tweets.csv
#    format: generic            # twcs | airline | cfpb | twitter-v2 | zendesk | generic (default: auto-detect)
#    columns: { id: tweet_id, created_at: tweet_created, text: text, author: name }
#  - file: tickets.csv
#    table: cases               # messages (default) | cases
#    dateFormat: "DD.MM.YYYY HH:mm"
#    timezone: Europe/Berlin    # zone of timestamps that carry no offset
#    columns: { id: ticket_no, opened_at: created, resolved_at: solved, status: state, category: topic }

# Optional fault taxonomy: id → label and keywords.
# faults:
#   lost-luggage: { label: Lost luggage, keywords: [lost bag, lost luggage, baggage claim] }

# Shared reports mask emails and phone numbers; author handles of private people can be pseudonymised.
privacy: { maskPersonalData: true, pseudonymizeAuthors: false }
`;
}

/** Creates data/<slug>/crisis.yaml and reports/<slug>.mdx; refuses to overwrite either. */
export async function newCrisis(root: string, slug: string): Promise<string[]> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new Error(`"${slug}" is not a usable slug: use lower-case letters, digits and dashes`);
  const dir = path.join(root, 'data', slug);
  const yaml = path.join(dir, 'crisis.yaml');
  if (existsSync(yaml)) throw new Error(`${yaml} already exists; pick another slug or edit it`);
  const notebook = path.join(root, 'reports', `${slug}.mdx`);
  if (existsSync(notebook)) throw new Error(`${notebook} already exists; pick another slug or edit it`);
  await mkdir(dir, { recursive: true });
  await mkdir(path.dirname(notebook), { recursive: true });
  await writeFile(yaml, crisisYamlTemplate(slug));
  await writeFile(notebook, notebookTemplate(slug, slug.replace(/[-_]+/g, ' ')));
  return [yaml, notebook];
}
