/**
 * Vite plugin: in a site build, the server bundle imports Astro's runtime
 * from node_modules instead of bundling it.
 *
 * Why: Astro always bundles its own runtime into the server build
 * (`ssr.noExternal: ['astro']`), so that a server deployed without
 * node_modules still has it. A static site's server bundle only renders the
 * pages, in the very process that built it, where that runtime is loaded
 * already. Bundling it (about 100 modules) took Rollup about 0.6 s of every
 * build, a rebuild after a notebook edit included (docs/scaling.md); the
 * pages are the same bytes either way (tests/cli/site-reproducible.test.ts
 * builds the site both ways and compares it file by file). `astro dev` is left
 * alone, and so is a build with `DEBRIEF_PLAIN_ASTRO=1` (node/plain-astro.ts).
 */
import type { Plugin } from 'vite';
import { plainAstro } from '../node/plain-astro.ts';

/** The plugin; changes nothing where the resolved config has not the shape it expects. */
export function astroRuntimeExternal(): Plugin {
  return {
    name: 'debrief-astro-runtime-external',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      if (plainAstro()) return;
      const resolve = config.environments?.ssr?.resolve;
      if (resolve && Array.isArray(resolve.noExternal)) resolve.noExternal = resolve.noExternal.filter((name) => name !== 'astro');
    },
  };
}
