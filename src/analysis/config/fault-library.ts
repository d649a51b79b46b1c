/**
 * The fault library: `faults.yaml` beside the crisis directories (site level),
 * one meaning per fault id across every crisis. A crisis's `faults:` uses a
 * library fault as it is (`lockout: ~`), extends it (extra keywords, patterns
 * or codes), or defines an id of its own. What a crisis may not do is give a
 * library id another label or kind, and two crises may not define one new id
 * differently: both would put two faults under one name on `/faults/`.
 *
 * Each fault has a kind: a `product` fault (the thing broke) or a `service`
 * failure (waiting for support, no reply). The kind is what the file says,
 * `product` when it says nothing: it is never guessed from the id or label.
 */
import { parse as parseYaml } from 'yaml';
import type { FaultContext } from '../nlp/faults/types.ts';

/** What a fault is about: the product, or the service around it. */
export const FAULT_KINDS = ['product', 'service'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One fault as the library or a crisis.yaml defines it, validated. */
export interface FaultDefinitionConfig {
  label: string;
  kind: FaultKind;
  keywords: string[];
  patterns: string[];
  /** Values of a structured fault column (`columns: { fault: … }`) that mean this fault, matched without case. */
  codes: string[];
  /** Keywords that are this fault only beside a context word (see nlp/faults/types.ts FaultContext). */
  context: FaultContext[];
  /** Words or phrases that rule this fault out of a message. */
  exclude: string[];
  /** Keywords from `debrief faults suggest`, tried only when nothing else matches. */
  suggested: string[];
}

/** `faults.yaml`, validated. */
export interface FaultLibrary {
  /** Where it was read from, for messages that name it. */
  file: string;
  faults: Record<string, FaultDefinitionConfig>;
}

/** Fields a fault may have, in crisis.yaml and the library. */
export const FAULT_FIELDS = ['label', 'kind', 'keywords', 'patterns', 'codes', 'context', 'exclude', 'suggested'] as const;

/** Fields of one `context:` entry. */
export const CONTEXT_FIELDS = ['keywords', 'near', 'within'] as const;

/** Fault ids become URLs and `;`-joined lists in the `fault` column: lower-case words joined by `-` or `_`. */
export const FAULT_ID = /^[a-z0-9][a-z0-9_-]*$/;

/** A library problem: names the file, lists every problem. */
export class FaultLibraryError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FaultLibraryError';
  }
}

/** Parses and validates `faults.yaml` text (a `faults:` mapping of id → { label, kind, keywords, patterns, codes, context, exclude }). */
export function parseFaultLibrary(text: string, file = 'faults.yaml'): FaultLibrary {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new FaultLibraryError(file, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const problems: string[] = [];
  const obj = isObject(raw) ? raw : (problems.push('the file must be a mapping with faults: id → { label, kind, keywords }'), {});
  for (const key of Object.keys(obj)) if (key !== 'faults') problems.push(`${key}: unknown field (known: faults)`);
  const faults: Record<string, FaultDefinitionConfig> = {};
  if (!isObject(obj.faults)) problems.push('faults: must be a mapping of fault id → { label, kind, keywords }');
  else
    for (const [id, entry] of Object.entries(obj.faults)) {
      const def = readFault(entry, `faults.${id}`, problems);
      if (!FAULT_ID.test(id)) problems.push(`faults.${id}: an id is lower-case letters, digits, - and _ (it becomes a URL)`);
      if (!def) continue;
      if (!def.label) problems.push(`faults.${id}.label: required in the library (every crisis shows it)`);
      if (!hasRules(def)) problems.push(`faults.${id}: needs keywords, patterns or codes`);
      faults[id] = { ...def, label: def.label ?? id, kind: def.kind ?? 'product' };
    }
  if (problems.length) throw new FaultLibraryError(file, problems);
  return { file, faults };
}

/** A fault entry as written: fields absent stay undefined (a crisis entry may only extend a library fault). */
export interface RawFault {
  label?: string;
  kind?: FaultKind;
  keywords: string[];
  patterns: string[];
  codes: string[];
  context: FaultContext[];
  exclude: string[];
  suggested: string[];
}

/** True when a fault has something to match with. */
function hasRules(f: Pick<RawFault, 'keywords' | 'patterns' | 'codes' | 'context' | 'suggested'>): boolean {
  return f.keywords.length > 0 || f.patterns.length > 0 || f.codes.length > 0 || f.suggested.length > 0 || f.context.some((c) => c.keywords.length > 0);
}

/**
 * Validates `context:` of a fault: one mapping or a list of them, each
 * `{ keywords, near, within? }`; pushes problems under `path`.
 */
export function readContext(value: unknown, path: string, problems: string[]): FaultContext[] {
  if (value === undefined || value === null) return [];
  const out: FaultContext[] = [];
  (Array.isArray(value) ? value : [value]).forEach((entry, i) => {
    const at = Array.isArray(value) ? `${path}[${i}]` : path;
    if (!isObject(entry)) {
      problems.push(`${at}: must be a mapping { keywords: [...], near: [...], within: 8 } (keywords that count only with a near word)`);
      return;
    }
    for (const key of Object.keys(entry)) if (!(CONTEXT_FIELDS as readonly string[]).includes(key)) problems.push(`${at}.${key}: unknown field (known: ${CONTEXT_FIELDS.join(', ')})`);
    const keywords = textList(entry.keywords, `${at}.keywords`, problems);
    const near = textList(entry.near, `${at}.near`, problems);
    if (!keywords.length) problems.push(`${at}.keywords: required (the keywords that need a context word)`);
    if (!near.length) problems.push(`${at}.near: required (the words one of which must stand near those keywords)`);
    const within = entry.within;
    if (within !== undefined && !(typeof within === 'number' && Number.isInteger(within) && within >= 1 && within <= 50)) problems.push(`${at}.within: must be a whole number of words from 1 to 50`);
    out.push({ keywords, near, ...(typeof within === 'number' ? { within } : {}) });
  });
  return out;
}

/** Validates one fault entry (`null` or `{}` is a bare reference); pushes problems under `path`. */
export function readFault(entry: unknown, path: string, problems: string[]): RawFault | null {
  if (entry === null || entry === undefined) return { keywords: [], patterns: [], codes: [], context: [], exclude: [], suggested: [] };
  if (!isObject(entry)) {
    problems.push(`${path}: must be a mapping with label, kind and keywords (or empty, to use the library's fault)`);
    return null;
  }
  for (const key of Object.keys(entry)) if (!(FAULT_FIELDS as readonly string[]).includes(key)) problems.push(`${path}.${key}: unknown field (known: ${FAULT_FIELDS.join(', ')})`);
  const out: RawFault = {
    keywords: textList(entry.keywords, `${path}.keywords`, problems),
    patterns: textList(entry.patterns, `${path}.patterns`, problems),
    codes: textList(entry.codes, `${path}.codes`, problems),
    context: readContext(entry.context, `${path}.context`, problems),
    exclude: textList(entry.exclude, `${path}.exclude`, problems),
    suggested: textList(entry.suggested, `${path}.suggested`, problems),
  };
  if (entry.label !== undefined) {
    if (typeof entry.label !== 'string' || !entry.label.trim()) problems.push(`${path}.label: must be text`);
    else out.label = entry.label.trim();
  }
  if (entry.kind !== undefined) {
    if (!(FAULT_KINDS as readonly unknown[]).includes(entry.kind)) problems.push(`${path}.kind: "${String(entry.kind)}" must be product (the thing broke) or service (waiting for support, no reply)`);
    else out.kind = entry.kind as FaultKind;
  }
  return out;
}

/**
 * A crisis's fault entries resolved against the library: library ids keep the
 * library's label and kind (a different one is a problem naming the library
 * file) and gain the crisis's extra keywords, patterns and codes; other ids are
 * the crisis's own (label defaults to the id, kind to product).
 */
export function resolveFault(id: string, raw: RawFault, library: FaultLibrary | undefined, path: string, problems: string[]): FaultDefinitionConfig | null {
  const base = library?.faults[id];
  if (!base) {
    if (!hasRules(raw)) {
      problems.push(`${path}: needs keywords, patterns or codes${library ? ` (it is not a fault of ${library.file})` : ''}`);
      return null;
    }
    return { label: raw.label ?? id, kind: raw.kind ?? 'product', keywords: raw.keywords, patterns: raw.patterns, codes: raw.codes, context: raw.context, exclude: raw.exclude, suggested: raw.suggested };
  }
  const same = 'the same id means the same fault in every crisis: leave it out to use the library’s, or choose another id';
  if (raw.label !== undefined && raw.label !== base.label) problems.push(`${path}.label: "${raw.label}" differs from "${base.label}" in ${library!.file}; ${same}`);
  if (raw.kind !== undefined && raw.kind !== base.kind) problems.push(`${path}.kind: ${raw.kind} differs from ${base.kind} in ${library!.file}; ${same}`);
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  // A crisis adds context rules and exclusions to the library's; it cannot drop them.
  const context = [...base.context, ...raw.context.filter((c) => !base.context.some((b) => JSON.stringify(b) === JSON.stringify(c)))];
  return {
    label: base.label,
    kind: base.kind,
    keywords: union(base.keywords, raw.keywords),
    patterns: union(base.patterns, raw.patterns),
    codes: union(base.codes, raw.codes),
    context,
    exclude: union(base.exclude, raw.exclude),
    suggested: union(base.suggested, raw.suggested),
  };
}

/** A crisis's own fault definitions (ids not in the library), by the file that defines them. */
export interface CrisisFaults {
  file: string;
  faults: Record<string, Pick<FaultDefinitionConfig, 'label' | 'kind'>>;
}

/** The form two definitions are compared in: case and spacing of a label do not make another fault. */
function identity(f: Pick<FaultDefinitionConfig, 'label' | 'kind'>): string {
  return `${f.label.trim().toLowerCase().replace(/\s+/g, ' ')}\u0000${f.kind}`;
}

/**
 * Ids defined differently (label or kind) by two crises, each problem naming
 * both files; ids of the library are left out (a crisis cannot change them).
 * Empty when every id means one fault.
 */
export function faultConflicts(crises: readonly CrisisFaults[], library?: FaultLibrary): string[] {
  const first = new Map<string, { file: string; def: Pick<FaultDefinitionConfig, 'label' | 'kind'> }>();
  const problems: string[] = [];
  const reported = new Set<string>();
  for (const crisis of [...crises].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    for (const id of Object.keys(crisis.faults).sort()) {
      if (library?.faults[id]) continue;
      const def = crisis.faults[id]!;
      const seen = first.get(id);
      if (!seen) first.set(id, { file: crisis.file, def });
      else if (identity(seen.def) !== identity(def) && !reported.has(`${id}\u0000${crisis.file}`)) {
        reported.add(`${id}\u0000${crisis.file}`);
        problems.push(
          `fault "${id}" is "${seen.def.label}" (${seen.def.kind}) in ${seen.file} but "${def.label}" (${def.kind}) in ${crisis.file}: the same id must mean the same fault in every crisis; rename one, or define it once in the fault library${library ? ` (${library.file})` : ' (faults.yaml beside the crisis directories)'}`,
        );
      }
    }
  }
  return problems;
}

/** The lookup key of a structured fault value: trimmed, lower case, inner spaces collapsed. */
export function codeKey(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

function textList(value: unknown, path: string, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  list.forEach((v, i) => (typeof v === 'string' || typeof v === 'number' ? out.push(String(v)) : problems.push(`${path}[${i}]: must be text`)));
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
