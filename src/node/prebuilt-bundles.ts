/**
 * Bundles made elsewhere — the `.zip` the `/analyze/` page saves, unpacked —
 * kept in the project's `bundles/<slug>/` (or `DEBRIEF_PREBUILT_BUNDLES_DIR`):
 * `debrief build` copies each into the bundles it renders, beside the crises
 * it analysed from data/. A prebuilt bundle is never analysed again (its
 * exports are not here); it is checked instead: named by its slug, of this
 * bundle version, every file the size and SHA-256 its manifest lists, and no
 * crisis of data/ with the same slug.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILES, BUNDLE_VERSION } from '../analysis/bundle/layout.ts';
import { readManifest, writeBundleDir } from './bundle-dir.ts';

/** Where prebuilt bundles are kept: `DEBRIEF_PREBUILT_BUNDLES_DIR`, else `bundles/` in the project. */
export function prebuiltBundlesDir(root = process.cwd()): string {
  return path.resolve(root, process.env.DEBRIEF_PREBUILT_BUNDLES_DIR || 'bundles');
}

/**
 * Copies every bundle of `prebuiltDir` into `bundlesDir` (atomically, as an
 * analysis writes one); returns their slugs, sorted. Throws naming the
 * directory and the problem when one is not a complete bundle of this version
 * or clashes with a crisis of data/ (`dataSlugs`).
 */
export async function addPrebuiltBundles(prebuiltDir: string, bundlesDir: string, dataSlugs: readonly string[]): Promise<string[]> {
  if (!existsSync(prebuiltDir)) return [];
  const added: string[] = [];
  const dirs = readdirSync(prebuiltDir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  for (const name of dirs.map((e) => e.name).sort()) {
    const dir = path.join(prebuiltDir, name);
    const manifest = readManifest(dir);
    const problem = (what: string) => new Error(`${dir}: ${what}`);
    if (!manifest) throw problem(`no readable ${BUNDLE_FILES.manifest}: not a bundle (unpack the .zip that /analyze/ saves into ${prebuiltDir}, which gives ${path.join(prebuiltDir, '<slug>')}/)`);
    if (manifest.slug !== name) throw problem(`its manifest is for crisis "${manifest.slug}": the directory must be named after it (${path.join(prebuiltDir, manifest.slug)})`);
    if (manifest.bundleVersion !== BUNDLE_VERSION) throw problem(`a bundle of version ${manifest.bundleVersion}; this Debrief reads version ${BUNDLE_VERSION}: analyse the exports again in /analyze/ and save a new one`);
    if (dataSlugs.includes(name)) throw problem(`crisis "${name}" is also in the data directory: remove one of the two, or save the /analyze/ bundle under another name`);
    await writeBundleDir(path.join(bundlesDir, name), async (sink) => {
      for (const entry of manifest.files) {
        // A manifest is data from elsewhere: its names must stay inside the bundle directory.
        if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(entry.name)) throw problem(`its manifest lists "${entry.name}", which is not a bundle file name`);
        const file = path.join(dir, entry.name);
        if (!existsSync(file)) throw problem(`${entry.name} is listed in its manifest but missing`);
        const written = await sink.write(entry.name, [readFileSync(file)]);
        if (written.bytes !== entry.bytes || written.sha256 !== entry.sha256) throw problem(`${entry.name} is not the file its manifest lists (${written.bytes} bytes, expected ${entry.bytes}, or another SHA-256): the bundle was changed or cut short`);
      }
      await sink.write(BUNDLE_FILES.manifest, [readFileSync(path.join(dir, BUNDLE_FILES.manifest))]);
    });
    added.push(name);
  }
  return added;
}
