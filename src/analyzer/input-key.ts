/**
 * The input key of a bundle written by `/analyze/`: SHA-256 over the bundle
 * format, the chosen files (names and bytes, by name) and the fault library
 * the page embeds. It says what the bundle was computed from, as
 * src/node/input-key.ts does for `debrief analyze`, but without the code's
 * hash (a page does not have its sources), so the two keys of one crisis
 * differ: such a bundle is kept as it is, never compared with data/. Pure.
 */
import { BUNDLE_VERSION } from '../analysis/bundle/layout.ts';
import { sha256Hex } from '../analysis/core/sha256.ts';

/** Hex SHA-256 of what the analysis read. */
export function uploadInputKey(files: Readonly<Record<string, Uint8Array>>, faultLibraryJson: string): string {
  const data = Object.keys(files)
    .sort()
    .map((name) => `${name}\0${sha256Hex(files[name]!)}\n`)
    .join('');
  return sha256Hex(`bundle ${BUNDLE_VERSION}\nsource /analyze/\ndata ${sha256Hex(data)}\nfaults ${sha256Hex(faultLibraryJson)}\n`);
}
