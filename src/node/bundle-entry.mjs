// `node bundle-entry.mjs <entry> <dir> [name]`: bundles a TypeScript (or JavaScript) entry of this project (packages stay imports)
// into the directory <dir>/<name>, or else one named by its content, and prints the path of the entry's file there. Used for the CLI (bin/debrief.mjs),
// the analysis child and its text workers (compiled-entry.ts), so that they run without tsx's loader thread, and the site's Astro config
// (src/cli/site-config.ts), so that Astro imports it without starting Vite to read its TypeScript. A
// process of its own so that esbuild's code and output never stay in the memory of a process that waits for the
// analysis; plain JavaScript, as it runs before any TypeScript loader.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, transformSync } from 'esbuild';

/** The compiler options of the tsconfig.json nearest above `dir`, as esbuild's bundling would read them (without `extends`). */
const tsconfigs = new Map();
function tsconfigRaw(dir) {
  if (!tsconfigs.has(dir)) {
    const file = path.join(dir, 'tsconfig.json');
    let found;
    if (existsSync(file)) {
      try {
        found = { compilerOptions: JSON.parse(readFileSync(file, 'utf8')).compilerOptions ?? {} };
      } catch {
        found = {};
      }
    } else found = path.dirname(dir) === dir ? {} : tsconfigRaw(path.dirname(dir));
    tsconfigs.set(dir, found);
  }
  return tsconfigs.get(dir);
}

/**
 * Each module keeps its own `import.meta.url`, `import.meta.dirname` and `import.meta.filename` (esbuild would give
 * the bundle's): src/node finds files beside its modules through them. Replaced as expressions by esbuild itself,
 * so that the same words inside a string (src/site/prebuilt-workers.ts looks for them in a page's source) stay as they are.
 */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const define = {
        'import.meta.url': JSON.stringify(pathToFileURL(args.path).href),
        'import.meta.dirname': JSON.stringify(path.dirname(args.path)),
        'import.meta.filename': JSON.stringify(args.path),
      };
      const loader = path.extname(args.path).includes('t') ? 'ts' : 'js';
      const { code } = transformSync(source, { loader, define, format: 'esm', target: 'esnext', sourcefile: args.path, tsconfigRaw: tsconfigRaw(path.dirname(args.path)) });
      return { contents: code, loader: 'js' };
    });
  },
};

/** Older bundles of an entry kept besides the one in use, whatever their age (a checkout switched back and forth). */
const KEEP = 3;
/** A bundle younger than this may still be in use by a run of other sources, which loads its chunks as it needs them. */
const IN_USE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes `base`'s content-named bundles other than `current` beyond the {@link KEEP} newest, and staging
 * directories left by a stopped run, once a day old: each change of the sources adds a bundle, which nothing
 * else would ever remove (a day of work left dozens, 61 MB).
 */
function prune(dir, base, current) {
  const now = Date.now();
  const own = new RegExp(`^${base.replace(/[^\w]/g, '\\$&')}-[0-9a-f]{16}$`);
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== current && (own.test(e.name) || /^\.staging-\d+$/.test(e.name)))
    .map((e) => ({ name: e.name, staging: e.name.startsWith('.staging-'), mtime: statSync(path.join(dir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
  const bundles = entries.filter((e) => !e.staging);
  for (const e of [...bundles.slice(KEEP), ...entries.filter((x) => x.staging)]) {
    if (now - e.mtime > IN_USE_MS) rmSync(path.join(dir, e.name), { recursive: true, force: true });
  }
}

const [entry, dir, name] = process.argv.slice(2);
// esbuild's [name]: the file name without its extension (`astro.config.mjs` → `astro.config`).
const base = path.basename(entry).replace(/\.[cm]?[jt]s$/, '');
try {
  const staging = path.join(dir, `.staging-${process.pid}`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    // Modules the entry imports only when a command needs them stay in chunks of their own, loaded then.
    splitting: true,
    outdir: staging,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    plugins: [ownImportMeta],
  });
  const outputs = result.outputFiles.map((f) => ({ rel: path.relative(staging, f.path), contents: f.contents })).sort((a, b) => (a.rel < b.rel ? -1 : 1));
  const hash = createHash('sha256');
  for (const o of outputs) hash.update(`${o.rel}\0`).update(o.contents);
  const target = path.join(dir, name ?? `${base}-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(target)) {
    // Written aside and renamed into place: concurrent runs share it and never read a half-written one.
    for (const o of outputs) {
      mkdirSync(path.dirname(path.join(staging, o.rel)), { recursive: true });
      writeFileSync(path.join(staging, o.rel), o.contents);
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another run put the same bundle there first.
      if (!existsSync(target)) throw error;
      rmSync(staging, { recursive: true, force: true });
    }
  }
  // Pruning is housekeeping: a failure to remove an old bundle never fails the run. A name of the entry's own form
  // (`<base>-<16 hex>`, given by a caller that names bundles by a key of its own) is pruned as a content name is.
  if (!name || new RegExp(`^${base.replace(/[^\w]/g, '\\$&')}-[0-9a-f]{16}$`).test(name)) {
    try {
      prune(dir, base, path.basename(target));
    } catch {}
  }
  process.stdout.write(path.join(target, `${base}.mjs`));
} catch (error) {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
