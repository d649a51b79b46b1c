/**
 * Where native DuckDB spills what passes its memory limit: a directory of
 * its own per engine under the system's temporary directory, named for the
 * process, so that the parent of an analysis killed before it could close
 * its engine (out of memory, a signal) removes what it left. Apart from
 * duckdb-native.ts so that the parent does not load the native addon.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PREFIX = 'debrief-duckdb-';

/** A new, empty spill directory for an engine of process `pid` (this one by default). */
export function makeSpillDir(pid: number = process.pid, dir: string = tmpdir()): string {
  return mkdtempSync(path.join(dir, `${PREFIX}${pid}-`));
}

/** Removes every spill directory process `pid` made (none left when its engines were closed); returns how many. */
export function removeSpillDirs(pid: number, dir: string = tmpdir()): number {
  const own = readdirSync(dir).filter((name) => name.startsWith(`${PREFIX}${pid}-`));
  for (const name of own) rmSync(path.join(dir, name), { recursive: true, force: true });
  return own.length;
}
