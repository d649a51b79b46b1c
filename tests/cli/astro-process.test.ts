/**
 * Astro's process for a build (src/cli/astro-process.ts): the compile cache's directory in the project's cache,
 * and Astro as it comes with DEBRIEF_PLAIN_ASTRO=1 (no cache, the project's own config file).
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { astroEnv } from '../../src/cli/astro-process.ts';
import { plainAstro } from '../../src/node/plain-astro.ts';
import { siteConfigFile } from '../../src/cli/site-config.ts';

afterEach(() => vi.unstubAllEnvs());

describe('astroEnv', () => {
  it("names the compile cache in the project's node_modules cache, and turns telemetry off", () => {
    vi.stubEnv('DEBRIEF_PLAIN_ASTRO', '');
    expect(astroEnv('/p')).toEqual({ ASTRO_TELEMETRY_DISABLED: '1', DEBRIEF_ASTRO_COMPILE_CACHE: path.join('/p', 'node_modules', '.cache', 'debrief', 'astro-compile') });
  });

  it('gives Astro as it comes with DEBRIEF_PLAIN_ASTRO=1: no compile cache, the project config as it is', async () => {
    vi.stubEnv('DEBRIEF_PLAIN_ASTRO', '1');
    expect(plainAstro()).toBe(true);
    expect(astroEnv('/p')).toEqual({ ASTRO_TELEMETRY_DISABLED: '1' });
    expect(await siteConfigFile('/p', 'key')).toBe(path.join('/p', 'astro.config.mjs'));
    expect(plainAstro({ DEBRIEF_PLAIN_ASTRO: '0' })).toBe(false);
  });
});
