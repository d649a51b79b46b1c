/**
 * The explorer page's script (`/<crisis>/explore/`): starts DuckDB's module
 * and worker as soon as the page is parsed, then loads the explorer's own
 * code, much larger, meanwhile. Built for the browser by
 * site/client-scripts.ts.
 */
import { startCompile } from './duckdb-module.ts';

const root = document.querySelector<HTMLElement>('[data-explorer]');
if (root) {
  const settings = JSON.parse(root.dataset.explorer!) as { wasm: string[]; worker: string };
  startCompile(settings.wasm, settings.worker);
  import('./explorer-page.ts').then(
    ({ startExplorer }) => startExplorer(root),
    (error: unknown) => {
      const status = root.querySelector('.explorer-status');
      if (status) status.textContent = `The explorer could not start: ${error instanceof Error ? error.message : String(error)}. The other pages of this report work without it.`;
    },
  );
}
