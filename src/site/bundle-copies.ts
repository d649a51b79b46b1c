/**
 * Files the site serves exactly as they are on disk: the bundles' — the CSV
 * downloads, the full lists, report.json and the explorer's table parts —
 * and DuckDB-WASM's, for the explorer and /analyze/ ({@link duckdbCopies}).
 *
 * In a build they are copied into the output directory after Astro is done
 * (the `debrief-bundle-copies` integration), not rendered as endpoints: a
 * million-message crisis's messages.csv and messages.arrow are hundreds of
 * megabytes, which Astro would hold in memory and pass through its response
 * pipeline (about 15 s and 1 GB at a million posts), where the kernel copies
 * them in well under a second. `npm run dev` serves the same bytes from the
 * endpoints, which list their paths only in dev ({@link servedByEndpoints}).
 */
import { statSync } from 'node:fs';
import { copyFile, mkdir, open, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILES } from '../analysis/bundle/layout.ts';
import { fullListFile } from '../analysis/runner/full-lists.ts';
import { servedFiles } from '../explorer/bundle-files.ts';
import { PART_BYTES, partCount } from '../explorer/parts.ts';
import { loadCrises, type LoadedCrisis } from './crises.ts';
import { fullListNames } from './lists.ts';

/** One file of the site copied from a bundle: `file`'s bytes `start` … `end` (exclusive) at `sitePath`. */
export interface BundleCopy {
  sitePath: string;
  file: string;
  start: number;
  end: number;
}

/** The site paths of a crisis's served bundle files, each with the bundle file and byte range it holds. */
export function crisisCopies(crisis: LoadedCrisis): BundleCopy[] {
  const size = (name: string) => {
    const entry = crisis.manifest.files.find((f) => f.name === name);
    if (!entry) throw new Error(`debrief: the bundle of "${crisis.slug}" lists no ${name} (${crisis.dir}): run \`npx debrief build\` again`);
    return entry.bytes;
  };
  const whole = (sitePath: string, name: string): BundleCopy => ({ sitePath: `${crisis.slug}/${sitePath}`, file: path.join(crisis.dir, name), start: 0, end: size(name) });
  const out = [whole('report.json', BUNDLE_FILES.report), whole('messages.csv', BUNDLE_FILES.messagesCsv)];
  if (crisis.excerpts.cases.total > 0) out.push(whole('cases.csv', BUNDLE_FILES.casesCsv));
  for (const list of fullListNames(crisis.manifest)) out.push(whole(`lists/${list}.csv`, fullListFile(list)));
  for (const name of servedFiles(crisis.report)) {
    const bytes = size(name);
    for (let i = 0; i < partCount(bytes); i++) {
      out.push({ sitePath: `${crisis.slug}/explore/${name}.${i}`, file: path.join(crisis.dir, name), start: i * PART_BYTES, end: Math.min(bytes, (i + 1) * PART_BYTES) });
    }
  }
  return out;
}

/**
 * DuckDB-WASM's files, served from the site itself (nothing from a CDN): the
 * exception-handling build's worker, and its 33 MB module in parts a static
 * host accepts (explorer/parts.ts), at `explorer/…`. Copied like the bundles'
 * (about 0.4 s of every build through Astro's endpoint, and 33 MB of its memory).
 */
export function duckdbCopies(): BundleCopy[] {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const wasm = path.join(dist, 'duckdb-eh.wasm');
  const worker = path.join(dist, 'duckdb-browser-eh.worker.js');
  const bytes = statSync(wasm).size;
  return [
    { sitePath: 'explorer/duckdb-browser-eh.worker.js', file: worker, start: 0, end: statSync(worker).size },
    ...Array.from({ length: partCount(bytes) }, (_, i) => ({ sitePath: `explorer/duckdb-eh.wasm.${i}`, file: wasm, start: i * PART_BYTES, end: Math.min(bytes, (i + 1) * PART_BYTES) })),
  ];
}

/** Where the pages that run DuckDB-WASM (the explorer, /analyze/) find its files: the site paths of {@link duckdbCopies}. */
export function duckdbSitePaths(): { worker: string; wasm: string[] } {
  const paths = duckdbCopies().map((c) => c.sitePath);
  return { worker: paths[0]!, wasm: paths.slice(1) };
}

/**
 * True when the endpoints serving these files should list their paths: in
 * `astro dev` only. In a build the integration copies them instead.
 */
export function servedByEndpoints(): boolean {
  return (globalThis as Flag)[COMMAND] !== 'build';
}

const COMMAND = Symbol.for('debrief.site.command');
type Flag = { [COMMAND]?: string };

/** Copies `copies` below `outDir`: whole files by the kernel's copy, parts by reading their range. */
export async function writeCopies(outDir: string, copies: readonly BundleCopy[]): Promise<void> {
  for (const c of copies) {
    const target = path.join(outDir, c.sitePath);
    try {
      await mkdir(path.dirname(target), { recursive: true });
      // A whole file (its size the manifest's: a bundle changed since it was listed is copied by range and caught short) goes by the kernel's copy.
      if (c.start === 0 && (await stat(c.file)).size === c.end) await copyFile(c.file, target);
      else await copyRange(c.file, target, c.start, c.end);
    } catch (error) {
      throw new Error(`cannot copy ${c.file} to ${target} (${(error as NodeJS.ErrnoException).code ?? String(error)}): check the bundle is complete and the output directory writable`);
    }
  }
}

/** The bytes `start` … `end` (exclusive) of `file`, as a copy serves them (the dev endpoints); a file shorter than `end` is an error. */
export async function readRange(file: string, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(end - start);
  const handle = await open(file, 'r');
  try {
    for (let at = 0; at < bytes.length; ) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, start + at);
      if (bytesRead === 0) throw new Error(`${file}: shorter than ${end} bytes`);
      at += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return bytes;
}

async function copyRange(file: string, target: string, start: number, end: number): Promise<void> {
  const from = await open(file, 'r');
  const to = await open(target, 'w');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(4 * 1024 * 1024, Math.max(1, end - start)));
    for (let at = start; at < end; ) {
      const { bytesRead } = await from.read(buffer, 0, Math.min(buffer.length, end - at), at);
      if (bytesRead === 0) throw Object.assign(new Error('short read'), { code: 'ETRUNCATED' });
      await to.write(buffer, 0, bytesRead);
      at += bytesRead;
    }
  } finally {
    await from.close();
    await to.close();
  }
}

/** The Astro integration: notes the command (dev serves by endpoints) and copies every crisis's files after a build. */
export function bundleCopiesIntegration() {
  return {
    name: 'debrief-bundle-copies',
    hooks: {
      'astro:config:setup': ({ command }: { command: string }) => {
        (globalThis as Flag)[COMMAND] = command;
      },
      'astro:build:done': async ({ dir, logger }: { dir: URL; logger: { info(message: string): void } }) => {
        const copies = [...duckdbCopies(), ...(await loadCrises()).flatMap(crisisCopies)];
        await writeCopies(fileURLToPath(dir), copies);
        logger.info(`${copies.length} files copied from the bundles and DuckDB-WASM`);
      },
    },
  };
}
