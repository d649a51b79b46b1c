/**
 * Where the fault library is (`faults.yaml` beside the crisis directories, or
 * `DEBRIEF_FAULTS_FILE`), reading it, and checking every crisis of a data
 * directory against it and against each other (see
 * analysis/config/fault-library.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { faultConflicts, parseFaultLibrary, readFault, resolveFault, type CrisisFaults, type FaultLibrary } from '../analysis/config/fault-library.ts';

/** The library file for a crisis directory: `DEBRIEF_FAULTS_FILE`, else `faults.yaml` in the directory holding the crisis (data/faults.yaml). */
export function faultLibraryFile(crisisDir: string, root = process.cwd()): string {
  const env = process.env.DEBRIEF_FAULTS_FILE;
  return env ? path.resolve(root, env) : path.join(path.dirname(path.resolve(root, crisisDir)), 'faults.yaml');
}

/** The library for a crisis directory; undefined when there is none. Throws {@link FaultLibraryError} naming the file when it is invalid. */
export function readFaultLibraryFor(crisisDir: string): FaultLibrary | undefined {
  const file = faultLibraryFile(crisisDir);
  if (!existsSync(file)) {
    if (process.env.DEBRIEF_FAULTS_FILE) throw new Error(`DEBRIEF_FAULTS_FILE names ${file}, which does not exist`);
    return undefined;
  }
  return parseFaultLibrary(readFileSync(file, 'utf8'), file);
}

/**
 * Checks that no fault id is defined differently by two crises (`crisisDirs`,
 * each with a crisis.yaml): throws one error listing every such id, naming
 * both crisis.yaml files. Each crisis.yaml's other mistakes are left to its
 * own check (preflight), which reports them all at once.
 */
export function assertFaultsAgree(crisisDirs: readonly string[]): void {
  const crises: CrisisFaults[] = [];
  let library: FaultLibrary | undefined;
  // Every crisis of a data directory has the same library file: read and parse it once (~15 ms a parse).
  const libraries = new Map<string, FaultLibrary | undefined>();
  for (const dir of crisisDirs) {
    const libraryFile = faultLibraryFile(dir);
    if (!libraries.has(libraryFile)) libraries.set(libraryFile, readFaultLibraryFor(dir));
    library = libraries.get(libraryFile);
    const file = path.join(dir, 'crisis.yaml');
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const faults = (raw as { faults?: unknown } | null)?.faults;
    if (!faults || typeof faults !== 'object' || Array.isArray(faults)) continue;
    const own: CrisisFaults['faults'] = {};
    for (const [id, entry] of Object.entries(faults as Record<string, unknown>)) {
      const read = readFault(entry, `faults.${id}`, []);
      const def = read && resolveFault(id, read, library, `faults.${id}`, []);
      if (def) own[id] = { label: def.label, kind: def.kind };
    }
    crises.push({ file, faults: own });
  }
  const problems = faultConflicts(crises, library);
  if (problems.length) throw new Error(`fault ids must mean one fault across crises:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
