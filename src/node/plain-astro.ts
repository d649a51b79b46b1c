/**
 * `DEBRIEF_PLAIN_ASTRO=1`: build the site with Astro as it comes, without
 * Debrief's three speed-ups of its process (cli/astro-process.ts: the compile
 * cache; cli/site-config.ts: the bundled config; site/astro-runtime-external.ts:
 * the server bundle without Astro's runtime). The pages are the same bytes
 * either way (tests/cli/site-reproducible.test.ts); the switch shows that, and
 * is there in case an Astro upgrade disagrees. A module of its own, with no
 * imports: the site's config reads it in Astro's process, which must not load
 * the CLI.
 */

/** True when `DEBRIEF_PLAIN_ASTRO` (in `env`) asks for Astro as it comes: set, and not `0`. */
export function plainAstro(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.DEBRIEF_PLAIN_ASTRO && env.DEBRIEF_PLAIN_ASTRO !== '0';
}
