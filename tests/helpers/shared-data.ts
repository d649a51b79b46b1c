/** Real data sets beside the project (`../shared/data`), present in CI but maybe not for a user who cloned only the project. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');

/** Absolute path of a shared data set, and whether it is there; warns visibly when it is not. */
export function sharedData(relative: string): { path: string; exists: boolean } {
  const p = path.join(SHARED_DATA, relative);
  const exists = existsSync(p);
  if (!exists) console.warn(`[skipped] ${relative}: ../shared/data is not beside the project, so tests on the real file are skipped`);
  return { path: p, exists };
}
