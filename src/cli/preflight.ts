/**
 * What can be checked of a crisis before anything slow starts: its
 * crisis.yaml read (as UTF-8), parsed and validated, and every file it lists
 * there. `analyze` and `build` run this before opening DuckDB, so a mistake
 * in crisis.yaml is reported in milliseconds, not after the engine starts.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { parseCrisisConfig } from '../analysis/config/crisis-config.ts';
import { addEventsFile } from '../analysis/config/events-file.ts';
import { readFaultLibraryFor } from '../node/fault-library-file.ts';
import { nodeCrisisFiles } from '../node/files.ts';

/** Throws the first problem of the crisis in `dir` that needs no data read: every problem of its crisis.yaml at once, or a listed file that is missing. */
export async function checkCrisis(dir: string): Promise<void> {
  const files = nodeCrisisFiles(dir);
  const yamlFile = path.join(dir, 'crisis.yaml');
  const text = await files.readText('crisis.yaml');
  // No crisis.yaml: every data file is read with its format detected (ingest says so in the report).
  if (text === null) return;
  const library = readFaultLibraryFor(dir);
  const config = parseCrisisConfig(text, yamlFile, library);
  // The events file is small: its mistakes are reported here too, before any engine starts.
  await addEventsFile(config, files, library, dir);
  // Only what is not there at all: a file that is there but cannot be read (a link leading out) is ingest's to explain.
  const missing = config.sources.filter((s) => !lexists(path.join(dir, s.file))).map((s) => s.file);
  if (missing.length) {
    const listed = (await files.list()).filter((n) => n !== 'crisis.yaml');
    throw new Error(
      `${yamlFile}: sources lists ${missing.map((m) => `"${m}"`).join(', ')}, not found in ${dir} (${listed.length ? `it holds ${listed.slice(0, 10).join(', ')}${listed.length > 10 ? ', …' : ''}` : 'it holds no data file'}): correct the file name under sources:, or copy the export there`,
    );
  }
}

function lexists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
