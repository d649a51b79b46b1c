/**
 * The site's fault library (data/faults.yaml) travels to `/analyze/` as
 * data: the page's build parses and validates the file as the CLI does
 * (a broken library fails the build, naming the file) and embeds the result
 * as JSON; the page's worker reads it back and passes it to the pipeline as
 * `faultLibrary`, exactly as `debrief analyze` passes the file's. Pure.
 */
import { FAULT_ID, type FaultDefinitionConfig, type FaultLibrary } from '../analysis/config/fault-library.ts';

/** The JSON the page carries: the validated library, or null when the site has none. */
export function embedFaultLibrary(library: FaultLibrary | undefined): string {
  return JSON.stringify(library ? { file: library.file, faults: library.faults } : null);
}

const LIST_FIELDS = ['keywords', 'patterns', 'codes', 'context', 'exclude', 'suggested'] as const;

/**
 * The library from the page's JSON; undefined for `null`. Throws when the text
 * is not a library the build wrote (the page was edited or cut short): an
 * analysis must not run with half a library.
 */
export function readEmbeddedFaultLibrary(json: string): FaultLibrary | undefined {
  const raw = JSON.parse(json) as unknown;
  if (raw === null) return undefined;
  const bad = (why: string) => new Error(`the page's embedded fault library is damaged (${why}): rebuild the site with \`npx debrief build\``);
  if (typeof raw !== 'object' || Array.isArray(raw)) throw bad('not an object');
  const { file, faults } = raw as { file?: unknown; faults?: unknown };
  if (typeof file !== 'string' || !faults || typeof faults !== 'object' || Array.isArray(faults)) throw bad('no file or faults');
  for (const [id, def] of Object.entries(faults as Record<string, Partial<FaultDefinitionConfig>>)) {
    if (!FAULT_ID.test(id)) throw bad(`fault id "${id}"`);
    if (typeof def?.label !== 'string' || (def.kind !== 'product' && def.kind !== 'service')) throw bad(`fault "${id}" has no label or kind`);
    for (const field of LIST_FIELDS) if (!Array.isArray(def[field])) throw bad(`fault "${id}" has no ${field} list`);
  }
  return { file, faults: faults as Record<string, FaultDefinitionConfig> };
}
