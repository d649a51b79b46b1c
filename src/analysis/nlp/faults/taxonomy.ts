/**
 * Validating a `faults:` block read from crisis.yaml (already parsed to
 * plain data) into a {@link FaultTaxonomy}, with messages a person can act on.
 */
import { FAULT_FIELDS, readContext } from '../../config/fault-library.ts';
import type { FaultTaxonomy } from './types.ts';

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw new Error(`${where} must be a list of strings`);
  }
  return value.map(String);
}

/**
 * Check and normalise the `faults:` mapping.
 * @throws Error naming the offending fault id and field
 */
export function parseFaultTaxonomy(value: unknown): FaultTaxonomy {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('faults must be a mapping of fault id → { label, keywords?, patterns?, context?, exclude? }');
  }
  const out: FaultTaxonomy = {};
  for (const [id, raw] of Object.entries(value as Record<string, unknown>)) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`faults.${id} must be a mapping`);
    const entry = raw as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!(FAULT_FIELDS as readonly string[]).includes(key)) throw new Error(`faults.${id}.${key}: unknown field (known: ${FAULT_FIELDS.join(', ')})`);
    const label = entry['label'] ?? id;
    if (typeof label !== 'string') throw new Error(`faults.${id}.label must be a string`);
    const keywords = stringList(entry['keywords'], `faults.${id}.keywords`);
    const patterns = stringList(entry['patterns'], `faults.${id}.patterns`);
    const codes = stringList(entry['codes'], `faults.${id}.codes`);
    const kind = entry['kind'] ?? 'product';
    if (kind !== 'product' && kind !== 'service') throw new Error(`faults.${id}.kind must be product or service`);
    const exclude = stringList(entry['exclude'], `faults.${id}.exclude`);
    const suggested = stringList(entry['suggested'], `faults.${id}.suggested`);
    const problems: string[] = [];
    const context = readContext(entry['context'], `faults.${id}.context`, problems);
    if (problems.length) throw new Error(problems.join('; '));
    if (!keywords?.length && !patterns?.length && !codes?.length && !context.length && !suggested?.length) throw new Error(`faults.${id} needs keywords or patterns`);
    out[id] = {
      label,
      kind,
      ...(keywords ? { keywords } : {}),
      ...(patterns ? { patterns } : {}),
      ...(codes ? { codes } : {}),
      ...(context.length ? { context } : {}),
      ...(exclude ? { exclude } : {}),
      ...(suggested ? { suggested } : {}),
    };
  }
  return out;
}
