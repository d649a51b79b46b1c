/** The site's fault library embedded in /analyze/ as JSON gives the crisis the same faults as the CLI's reading of data/faults.yaml. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCrisisConfig } from '../../src/analysis/config/crisis-config.ts';
import { embedFaultLibrary, readEmbeddedFaultLibrary } from '../../src/analyzer/fault-library-embed.ts';
import { readFaultLibraryFor } from '../../src/node/fault-library-file.ts';

const CRISIS = path.resolve(import.meta.dirname, '../../data/smartlock-firmware-2024');
const NHTSA = path.resolve(import.meta.dirname, '../../data/nhtsa-ford-escape-2015-2025');

describe('embedded fault library', () => {
  it('round-trips data/faults.yaml: a crisis.yaml resolves to the same faults as in the CLI', () => {
    const library = readFaultLibraryFor(CRISIS)!;
    expect(Object.keys(library.faults).length).toBeGreaterThan(3);
    const embedded = readEmbeddedFaultLibrary(embedFaultLibrary(library));
    expect(embedded).toEqual(library);
    for (const dir of [CRISIS, NHTSA]) {
      const yaml = readFileSync(path.join(dir, 'crisis.yaml'), 'utf8');
      expect(parseCrisisConfig(yaml, 'crisis.yaml', embedded)).toEqual(parseCrisisConfig(yaml, 'crisis.yaml', library));
    }
    // The library matters: the NHTSA crisis defines no faults of its own and takes them all from the library's codes.
    const nhtsaYaml = readFileSync(path.join(NHTSA, 'crisis.yaml'), 'utf8');
    expect(Object.keys(parseCrisisConfig(nhtsaYaml, 'crisis.yaml').faults)).toEqual([]);
    expect(Object.keys(parseCrisisConfig(nhtsaYaml, 'crisis.yaml', embedded).faults).length).toBeGreaterThan(0);
  });

  it('carries "no library" as null', () => {
    expect(embedFaultLibrary(undefined)).toBe('null');
    expect(readEmbeddedFaultLibrary('null')).toBeUndefined();
  });

  it('refuses a damaged library rather than analysing with half of it', () => {
    expect(() => readEmbeddedFaultLibrary('{"file":"data/faults.yaml","faults":{"x":{"label":"X","kind":"product"}}}')).toThrow(/embedded fault library is damaged \(fault "x" has no keywords list\)/);
    expect(() => readEmbeddedFaultLibrary('[]')).toThrow(/damaged \(not an object\)/);
  });
});
