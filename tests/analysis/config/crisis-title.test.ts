import { describe, expect, it } from 'vitest';
import { parseCrisisConfig } from '../../../src/analysis/config/crisis-config.ts';

describe('crisis.yaml title and shortTitle', () => {
  it('keeps a short name for tables across crises, absent when not set', () => {
    expect(parseCrisisConfig('title: Ford Escape complaints to NHTSA\nshortTitle: " Ford Escape "\n')).toMatchObject({ title: 'Ford Escape complaints to NHTSA', shortTitle: 'Ford Escape' });
    expect(parseCrisisConfig('title: Only a title\n')).not.toHaveProperty('shortTitle');
  });
  it('refuses a shortTitle that is not text or too long to head a column, naming the file and the field', () => {
    expect(() => parseCrisisConfig('title: T\nshortTitle: [a, b]\n', 'data/x/crisis.yaml')).toThrow(/data\/x\/crisis\.yaml[\s\S]*shortTitle: must be text of at most 40 characters/);
    expect(() => parseCrisisConfig(`title: T\nshortTitle: ${'x'.repeat(41)}\n`)).toThrow(/shortTitle: must be text of at most 40 characters/);
  });
});
