/**
 * The project's Astro config (`astro.config.mjs`) as one ES module that Node
 * imports as it is, for `debrief build`.
 *
 * Why: the config imports the site's integrations, which are TypeScript.
 * Astro first imports a config with Node; that fails on the first `.ts`
 * import, and Astro then starts a Vite server to load it instead: about
 * 0.4 s of every build, a fifth of what a rebuild after a notebook edit
 * spends before it renders anything (docs/scaling.md). Bundled by esbuild
 * (src/node/bundle-entry.mjs), with packages left as imports, the same
 * config loads at the first try. `debrief dev` keeps the project's own file:
 * Astro restarts the dev server when the config or anything it imports
 * changes, which it can only tell from the file it loaded.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { compiledEntry } from '../node/compiled-entry.ts';
import { plainAstro } from '../node/plain-astro.ts';

/** The config's file name in the project. */
export const SITE_CONFIG = 'astro.config.mjs';

/**
 * The path of the bundled config of the project `root`, made if missing, for
 * the sources whose key is `sourcesKey` (site-sources.ts: it covers the
 * config and everything below src/). Named by that key and by `root` (the
 * bundle holds the paths of the project's modules), so an unchanged project
 * finds it without running esbuild. When it cannot be made, says why on
 * standard error and returns the project's own file: Astro loads that as it
 * always could, only slower; so it does with `DEBRIEF_PLAIN_ASTRO=1` (node/plain-astro.ts).
 */
export async function siteConfigFile(root: string, sourcesKey: string): Promise<string> {
  const config = path.join(root, SITE_CONFIG);
  if (plainAstro()) return config;
  const key = createHash('sha256').update(`site config 1\0${root}\0${sourcesKey}`).digest('hex').slice(0, 16);
  try {
    return await compiledEntry(config, path.join(root, 'node_modules', '.cache', 'debrief'), `astro.config-${key}`);
  } catch (error) {
    process.stderr.write(`debrief: Astro reads ${SITE_CONFIG} through Vite (its bundle could not be made: ${String(error instanceof Error ? error.message : error).trim().replace(/\s*\n\s*/g, ' ')})\n`);
    return config;
  }
}
