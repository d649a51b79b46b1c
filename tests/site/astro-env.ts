/**
 * Renders Astro components in tests with Astro's container API. The root
 * Vitest config has no Astro plugin, so components (and the container itself,
 * to share one module graph with them) are loaded through a Vite dev server
 * in SSR mode configured by Astro's own `getViteConfig`.
 */
import { getViteConfig } from 'astro/config';
import type { experimental_AstroContainer } from 'astro/container';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';

export interface AstroTestEnv {
  server: ViteDevServer;
  container: experimental_AstroContainer;
  /** Loads a module (component, page, site module) by project path, e.g. `/src/components/KpiTiles.astro`. */
  load<T = Record<string, unknown>>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** Starts the environment; call `close()` in afterAll. */
export async function astroTestEnv(): Promise<AstroTestEnv> {
  const make = getViteConfig({ logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false } }, { logLevel: 'error' }) as unknown as (env: { mode: string; command: 'serve' }) => Promise<InlineConfig>;
  const config = await make({ mode: 'test', command: 'serve' });
  const server = await createServer({ ...config, configFile: false, optimizeDeps: { noDiscovery: true, include: [] } });
  const { experimental_AstroContainer: Container } = (await server.ssrLoadModule('astro/container')) as typeof import('astro/container');
  const container = await Container.create();
  return {
    server,
    container,
    load: <T>(path: string) => server.ssrLoadModule(path) as Promise<T>,
    close: () => server.close(),
  };
}
