/** Cases for tests: every field a test does not set is empty, so a new canonical field is added here once. */
import type { Case } from '../../src/analysis/model.ts';

/** A case with `fields` set and every other field empty (null, `{}` attributes). */
export function caseRow(fields: Pick<Case, 'id' | 'openedAt'> & Partial<Case>): Case {
  return {
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    status: null,
    category: null,
    subcategory: null,
    product: null,
    company: null,
    channel: null,
    text: null,
    priority: null,
    team: null,
    agent: null,
    dueAt: null,
    slaMet: null,
    reopenCount: null,
    reassignmentCount: null,
    sourceFile: 'cases.csv',
    sourceRow: 1,
    attributes: {},
    ...fields,
  };
}
