// The static report site. Every page links relatively and inlines its CSS and
// scripts, so dist/ works from any host, any sub-path and straight from disk.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { recmaReportScope, remarkCellSource } from './src/site/mdx-plugins.ts';
import { downloadsIntegration } from './src/site/downloads.ts';
import { bundleCopiesIntegration } from './src/site/bundle-copies.ts';
import { clientScriptsIntegration } from './src/site/client-scripts.ts';
import { astroRuntimeExternal } from './src/site/astro-runtime-external.ts';

/** `DEBRIEF_BASE=/reports/acme/`: the sub-path the site will be served from. */
function base() {
  const raw = process.env.DEBRIEF_BASE || '/';
  return `/${raw.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

export default defineConfig({
  base: base(),
  // `debrief build` points this at a staging directory inside the project and renames it into place when complete
  // (src/cli/site-output.ts): Astro copies its .astro/ into an output directory outside the project.
  outDir: process.env.DEBRIEF_OUT_DIR || './dist',
  // directory + explicit `…/index.html` links: works on any static host and on file://.
  build: { format: 'directory', inlineStylesheets: 'always' },
  trailingSlash: 'ignore',
  // No client router, no prefetch, no dev toolbar: nothing may call out.
  prefetch: false,
  devToolbar: { enabled: false },
  integrations: [downloadsIntegration(), bundleCopiesIntegration(), clientScriptsIntegration(), mdx({ remarkPlugins: [remarkCellSource], recmaPlugins: [recmaReportScope], optimize: false })],
  vite: {
    plugins: [astroRuntimeExternal()],
    // DuckDB-WASM's Node build is loaded with require() at build time; never bundle it.
    ssr: { external: ['@duckdb/duckdb-wasm', 'apache-arrow'] },
    build: { assetsInlineLimit: 0 },
  },
});
