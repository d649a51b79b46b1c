/**
 * `debrief new <slug>`: scaffolds a crisis directory with a commented
 * crisis.yaml and a notebook; on a crisis directory that already has one, writes
 * only a notebook fitted to the crisis.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCrisisConfig } from '../analysis/config/crisis-config.ts';
import { bundlesDir, crisesDir } from '../node/bundle-dir.ts';
import { shapeFromBundle, shapeFromConfig } from './crisis-shape.ts';
import { notebookTemplate, UNKNOWN_SHAPE, type CrisisShape } from './notebook-template.ts';

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

/** What `debrief new` wrote, and what to do next. */
export interface NewCrisisResult {
  created: string[];
  next: string;
}

/**
 * Creates data/<slug>/crisis.yaml and reports/<slug>.mdx; refuses to overwrite
 * either. When the crisis directory already has a crisis.yaml (exports added
 * first), only the notebook is written: its title comes from crisis.yaml and
 * its sections fit what the crisis holds (the analysed bundle's counts, else
 * what its sources will give).
 */
export async function newCrisis(root: string, slug: string): Promise<NewCrisisResult> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new Error(`"${slug}" is not a usable slug: use lower-case letters, digits and dashes`);
  const dir = path.join(crisesDir(root), slug);
  const yaml = path.join(dir, 'crisis.yaml');
  const notebook = path.join(root, 'reports', `${slug}.mdx`);
  if (existsSync(notebook)) throw new Error(`${notebook} already exists; pick another slug or edit it`);
  await mkdir(path.dirname(notebook), { recursive: true });
  if (existsSync(yaml)) {
    const config = parseCrisisConfig(await readFile(yaml, 'utf8'), yaml);
    const shape = shapeFromBundle(path.join(bundlesDir(root), slug)) ?? shapeFromConfig(dir, config) ?? UNKNOWN_SHAPE;
    await writeFile(notebook, notebookTemplate(slug, config.title, undefined, shape));
    return { created: [notebook], next: `the notebook fits a crisis of ${describe(shape)}; write the post-mortem in it and run \`npm run build\`` };
  }
  await mkdir(dir, { recursive: true });
  await writeFile(yaml, crisisYamlTemplate(slug));
  await writeFile(notebook, notebookTemplate(slug, slug.replace(/[-_]+/g, ' ')));
  return { created: [yaml, notebook], next: 'add your exports to the data directory, list them under sources: in crisis.yaml, and write the post-mortem in the notebook (run `debrief new` after adding the exports, with the notebook removed, for one that fits them)' };
}

function describe(shape: CrisisShape): string {
  return shape.messages && shape.cases ? 'messages and cases' : shape.cases ? 'cases only' : 'messages only';
}
