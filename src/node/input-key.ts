/**
 * What a bundle was computed from: every file of the crisis directory and the
 * analysis code itself. A bundle whose key differs from its crisis's current
 * key is stale and analysed again; anything else is reused as it is.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_VERSION } from '../analysis/bundle/layout.ts';
import { faultLibraryFile } from './fault-library-file.ts';

// The code that decides what a bundle holds: the pure analysis and the Node pieces that feed it.
const CODE_DIRS = ['../analysis', '.'].map((d) => path.resolve(path.dirname(fileURLToPath(import.meta.url)), d));

let codeKey: string | undefined;

/** SHA-256 over the bundle format, the analysis code, every file below `crisisDir` (names and bytes) and the fault library it uses. */
export function crisisInputKey(crisisDir: string): string {
  codeKey ??= treeHash(CODE_DIRS);
  const library = faultLibraryFile(crisisDir);
  const libraryKey = existsSync(library) ? fileSha256(library) : 'none';
  return createHash('sha256').update(`bundle ${BUNDLE_VERSION}\ncode ${codeKey}\ndata ${treeHash([crisisDir])}\nfaults ${libraryKey}\n`).digest('hex');
}

/** SHA-256 over the names (relative to their root) and bytes of every file below `roots`; a root may be a file. */
export function treeHash(roots: string[]): string {
  const hash = createHash('sha256');
  for (const root of roots) {
    const single = statSync(root).isFile();
    for (const file of single ? [root] : listFiles(root)) {
      hash.update(`${single ? path.basename(file) : path.relative(root, file)}\0`);
      hash.update(fileSha256(file));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

// One buffer for every file: the code key alone hashes a few hundred sources at start-up.
const buffer = Buffer.allocUnsafe(1 << 20);

/** SHA-256 of a file's bytes, read a megabyte at a time: a crisis's exports may be gigabytes (ten million posts: 1.7 GB). */
export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Regular files below `dir` (following links), sorted, hidden ones left out. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...listFiles(full));
    else if (stat.isFile()) out.push(full);
  }
  return out;
}
