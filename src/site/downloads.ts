/**
 * Data downloads produced while pages render (a chart's CSV, a SQL cell's
 * result). Components register them here; the `debrief-downloads`
 * integration (astro.config.mjs) writes them into the output directory once
 * the build is done. This way a notebook's SQL cells need no endpoint that
 * would have to know them before the notebook is rendered.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const KEY = Symbol.for('debrief.site.downloads');
type Registry = { [KEY]?: Map<string, string> };

function registry(): Map<string, string> {
  const g = globalThis as Registry;
  return (g[KEY] ??= new Map());
}

/**
 * Registers a file at a site path (`acme/data/timeline.csv`). The same path
 * registered twice must carry the same content: two different files under
 * one name would be a bug (e.g. two SQL cells colliding).
 */
export function registerDownload(sitePath: string, content: string): void {
  if (sitePath.startsWith('/') || sitePath.includes('..')) throw new Error(`download path must be relative to the site root: ${sitePath}`);
  const files = registry();
  const previous = files.get(sitePath);
  if (previous !== undefined && previous !== content) throw new Error(`two different downloads registered at ${sitePath}`);
  files.set(sitePath, content);
}

/** The registered downloads (for tests). */
export function registeredDownloads(): ReadonlyMap<string, string> {
  return registry();
}

/** Writes every registered download below `outDir`; returns how many. */
export async function writeDownloads(outDir: string): Promise<number> {
  const files = registry();
  for (const [sitePath, content] of files) {
    const file = path.join(outDir, sitePath);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    } catch (error) {
      // Node's message for a failed write (ENOSPC …, write) names no file.
      throw new Error(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}): free some disk space or choose another output directory`);
    }
  }
  return files.size;
}

/** The Astro integration that writes the downloads after the build. */
export function downloadsIntegration() {
  return {
    name: 'debrief-downloads',
    hooks: {
      'astro:build:done': async ({ dir, logger }: { dir: URL; logger: { info(message: string): void } }) => {
        const out = fileURLToPath(dir);
        const n = await writeDownloads(out);
        logger.info(`${n} data download${n === 1 ? '' : 's'} written`);
        // The build stamp (.debrief-build.json) is written by `debrief build` once the whole site is there (cli/site-output.ts).
      },
    },
  };
}
