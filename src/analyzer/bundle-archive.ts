/**
 * The bundle `/analyze/` wrote (writeBundle into memory: privacy applied as
 * always) as one .zip to save: every file under `<slug>/`, so unpacking it
 * into the project's `bundles/` directory gives `bundles/<slug>/…`, where
 * `debrief build` picks prebuilt bundles up (README, "Adding a bundle from
 * /analyze/"). Pure.
 */
import { BUNDLE_FILES } from '../analysis/bundle/layout.ts';
import { zipStored } from './zip.ts';

/** The archive of a bundle's files (name → bytes), sorted by name, manifest.json included. */
export function bundleArchive(slug: string, files: ReadonlyMap<string, Uint8Array>): Uint8Array<ArrayBuffer> {
  if (!files.has(BUNDLE_FILES.manifest)) throw new Error(`the bundle of ${slug} has no ${BUNDLE_FILES.manifest}: it was not written completely`);
  const names = [...files.keys()].sort();
  return zipStored(names.map((name) => ({ name: `${slug}/${name}`, bytes: files.get(name)! })));
}

/** The name the download is saved as. */
export function bundleArchiveName(slug: string): string {
  return `${slug}.debrief-bundle.zip`;
}
