/**
 * The bundles the site renders: one per crisis of the data directory, kept in
 * the bundles directory and analysed again only when stale (its crisis's
 * files or the analysis code changed). Bundles of crises no longer in the
 * data directory are removed, so the site shows exactly the crises there are.
 */
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { readManifest } from '../node/bundle-dir.ts';
import { assertFaultsAgree } from '../node/fault-library-file.ts';
import { crisisInputKey } from '../node/input-key.ts';
import type { AnalyzeCommandOptions } from './analyze.ts';
import { checkCrisis } from './preflight.ts';

/** Crisis slugs: sub-directories of `dataDir` holding a crisis.yaml, sorted. */
export function crisisSlugs(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dataDir, e.name, 'crisis.yaml')))
    .map((e) => e.name)
    .sort();
}

export interface PrepareResult {
  analysed: string[];
  reused: string[];
}

export interface PrepareOptions extends Omit<AnalyzeCommandOptions, 'out' | 'slug' | 'inputKey'> {
  /** Analyse every crisis, stale or not. */
  force?: boolean;
  /**
   * Analyse each stale crisis in a child process (node/analysis-process.ts,
   * as `debrief analyze` does), so its memory goes back to the system before
   * the next crisis or the site build starts, and running out of heap is one
   * line; in this process otherwise (tests).
   */
  isolate?: boolean;
}

/** Brings `bundlesDir` up to date with `dataDir`. */
export async function prepareBundles(dataDir: string, bundlesDir: string, { force = false, isolate = false, ...options }: PrepareOptions = {}): Promise<PrepareResult> {
  const slugs = crisisSlugs(dataDir);
  const out: PrepareResult = { analysed: [], reused: [] };
  const stale: { slug: string; crisisDir: string; bundle: string; inputKey: string }[] = [];
  for (const slug of slugs) {
    const crisisDir = path.join(dataDir, slug);
    const bundle = path.join(bundlesDir, slug);
    const inputKey = crisisInputKey(crisisDir);
    if (!force && readManifest(bundle)?.inputKey === inputKey) out.reused.push(slug);
    else stale.push({ slug, crisisDir, bundle, inputKey });
  }
  // Fault ids across every crisis (stale or not: a fresh one may clash with a changed one), before anything slow.
  assertFaultsAgree(slugs.map((slug) => path.join(dataDir, slug)));
  // Every stale crisis's crisis.yaml is checked before the first is analysed: a mistake in the last fails at once.
  for (const { crisisDir } of stale) {
    await checkCrisis(crisisDir).catch((error: unknown) => {
      throw inCrisis(crisisDir, error);
    });
  }
  for (const { slug, crisisDir, bundle, inputKey } of stale) {
    if (isolate) {
      // Loaded only when a bundle is stale, like the analyses.
      const { analyzeInChildProcess } = await import('../node/analysis-process.ts');
      await analyzeInChildProcess(crisisDir, { ...options, out: bundle, slug, inputKey }).catch((error: unknown) => {
        throw inCrisis(crisisDir, error);
      });
    } else {
      // Loaded only when a bundle is stale: an up-to-date build never compiles the analyses.
      const { analyzeDirectory } = await import('./analyze.ts');
      const result = await analyzeDirectory(crisisDir, { ...options, out: bundle, slug, inputKey }).catch((error: unknown) => {
        throw inCrisis(crisisDir, error);
      });
      await result.engine.close();
    }
    out.analysed.push(slug);
  }
  if (existsSync(bundlesDir)) {
    for (const e of readdirSync(bundlesDir, { withFileTypes: true })) {
      // A crisis's bundle is the directory named by its slug; writers' siblings (`.partial-`, `.old-`) are theirs to clean.
      if (e.isDirectory() && !slugs.includes(e.name) && readManifest(path.join(bundlesDir, e.name))?.slug === e.name) await rm(path.join(bundlesDir, e.name), { recursive: true, force: true });
    }
  }
  return out;
}

/** The error, naming which crisis stopped the build (unless its message names the crisis directory already). */
function inCrisis(crisisDir: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.startsWith(crisisDir) ? message : `${crisisDir}: ${message}`);
}
