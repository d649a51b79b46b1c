/**
 * The server build imports Astro's runtime instead of bundling it (src/site/astro-runtime-external.ts): only
 * `astro` leaves the server environment's noExternal list, and nothing changes with DEBRIEF_PLAIN_ASTRO=1 or
 * where the resolved config has another shape. That the pages are the same bytes is
 * tests/cli/site-reproducible.test.ts's to show.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedConfig } from 'vite';
import { astroRuntimeExternal } from '../../src/site/astro-runtime-external.ts';

/** A resolved config with Astro's server noExternal list, as Vite 6 keeps it per environment. */
const resolved = () => ({ environments: { ssr: { resolve: { noExternal: ['astro', 'astro/components', '@astrojs/mdx', 'astro'] } }, client: { resolve: { noExternal: ['astro'] } } } });

const run = (config: unknown) => {
  const hook = astroRuntimeExternal().configResolved as (c: ResolvedConfig) => void;
  hook(config as ResolvedConfig);
  return config as ReturnType<typeof resolved>;
};

afterEach(() => vi.unstubAllEnvs());

describe('astroRuntimeExternal', () => {
  it("leaves Astro's runtime out of the server bundle, and nothing else", () => {
    const config = run(resolved());
    expect(config.environments.ssr.resolve.noExternal).toEqual(['astro/components', '@astrojs/mdx']);
    expect(config.environments.client.resolve.noExternal).toEqual(['astro']);
    expect(astroRuntimeExternal()).toMatchObject({ apply: 'build', enforce: 'post' });
  });

  it('changes nothing with DEBRIEF_PLAIN_ASTRO=1, or in a config of another shape', () => {
    vi.stubEnv('DEBRIEF_PLAIN_ASTRO', '1');
    expect(run(resolved())).toEqual(resolved());
    vi.stubEnv('DEBRIEF_PLAIN_ASTRO', '');
    expect(run({ ssr: { noExternal: ['astro'] } })).toEqual({ ssr: { noExternal: ['astro'] } });
    expect(run({ environments: { ssr: { resolve: { noExternal: true } } } })).toEqual({ environments: { ssr: { resolve: { noExternal: true } } } });
  });
});
