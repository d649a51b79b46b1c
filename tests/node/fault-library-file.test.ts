/** The fault library beside the crisis directories, and the build's check that fault ids mean one fault across crises. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertFaultsAgree, faultLibraryFile, readFaultLibraryFor } from '../../src/node/fault-library-file.ts';

function dataDir(crises: Record<string, string>, library?: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'debrief-faults-'));
  if (library) writeFileSync(path.join(root, 'faults.yaml'), library);
  for (const [slug, faults] of Object.entries(crises)) {
    mkdirSync(path.join(root, slug));
    writeFileSync(path.join(root, slug, 'crisis.yaml'), `title: ${slug}\nfaults:\n${faults}`);
  }
  return root;
}

afterEach(() => {
  delete process.env.DEBRIEF_FAULTS_FILE;
});

describe('fault library file', () => {
  it('is faults.yaml beside the crisis directory, or DEBRIEF_FAULTS_FILE', () => {
    const root = dataDir({ a: '  x: { keywords: [x] }\n' }, 'faults:\n  wait: { label: Waiting, kind: service, keywords: [no reply] }\n');
    expect(faultLibraryFile(path.join(root, 'a'))).toBe(path.join(root, 'faults.yaml'));
    expect(readFaultLibraryFor(path.join(root, 'a'))!.faults.wait!.kind).toBe('service');
    process.env.DEBRIEF_FAULTS_FILE = path.join(root, 'other.yaml');
    expect(() => readFaultLibraryFor(path.join(root, 'a'))).toThrow(/DEBRIEF_FAULTS_FILE names .*other\.yaml, which does not exist/);
  });

  it('stops the build when two crises define one new id differently, naming both crisis.yaml files', () => {
    const root = dataDir({
      airline: '  customer-service: { label: Rude agents, keywords: [rude] }\n',
      cfpb: '  customer-service: { label: Cannot reach anyone / automated answers, kind: service, keywords: [on hold] }\n',
    });
    expect(() => assertFaultsAgree([path.join(root, 'airline'), path.join(root, 'cfpb')])).toThrow(
      new RegExp(`"customer-service" is "Rude agents" \\(product\\) in ${path.join(root, 'airline', 'crisis.yaml')} but "Cannot reach anyone / automated answers" \\(service\\) in ${path.join(root, 'cfpb', 'crisis.yaml')}`),
    );
  });

  it('lets crises share a library fault and extend it', () => {
    const root = dataDir({ a: '  wait: ~\n', b: '  wait: { keywords: [on hold] }\n' }, 'faults:\n  wait: { label: Waiting, kind: service, keywords: [no reply] }\n');
    expect(() => assertFaultsAgree([path.join(root, 'a'), path.join(root, 'b')])).not.toThrow();
  });
});
