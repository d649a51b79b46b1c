/** Small readers of parsed YAML values, shared by the crisis.yaml validators. */
/** A text or a list of texts as a list; other values are problems at `path`. */
export function stringList(value: unknown, path: string, problems: string[]): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  list.forEach((v, i) => (typeof v === 'string' ? out.push(v) : problems.push(`${path}[${i}]: must be text`)));
  return out;
}

/** A YAML mapping (not a list, date or null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
