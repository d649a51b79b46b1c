/**
 * Table shapes that several views share, written as Arquero verbs so the
 * same code runs in Node (the site build) and in the browser (the explorer,
 * over filtered results). Views shape small, already-aggregated tables —
 * a section's rows, a table's columns — never the records: SQL does that.
 *
 * Expressions inside verbs are strings, not functions: the site build
 * rewrites imported names inside functions, which Arquero parses.
 */
import { from, op } from 'arquero';

/** A group of {@link listsBy}: its key columns and the values it collected, in row order. */
export type ListGroup<T, K extends keyof T, V extends keyof T> = Pick<T, K> & { values: T[V][] };

/**
 * The values of column `value` collected per distinct combination of the
 * `keys` columns (groupby, rollup `array_agg`): groups in the order they
 * first occur, values in row order. Empty for no rows.
 */
export function listsBy<T extends object, K extends keyof T & string, V extends keyof T & string>(rows: readonly T[], keys: readonly K[], value: V): ListGroup<T, K, V>[] {
  // No rows, no columns: groupby would not find the keys.
  if (!rows.length) return [];
  // Arquero numbers groups as it first meets them, and rollup emits them in that order.
  return from(rows as T[])
    .groupby(...keys)
    .rollup({ values: op.array_agg(value) })
    .objects() as ListGroup<T, K, V>[];
}
