/** `segments:` in crisis.yaml: a list of field names, checked for shape here and against the data by the analysis. */
import { describe, expect, it } from 'vitest';
import { parseCrisisConfig } from '../../../../src/analysis/config/crisis-config.ts';

describe('crisis.yaml segments:', () => {
  it('is a list of names, one name allowed alone; none by default', () => {
    expect(parseCrisisConfig('segments: [company, State]').segments).toEqual(['company', 'State']);
    expect(parseCrisisConfig('segments: airline').segments).toEqual(['airline']);
    expect(parseCrisisConfig('title: x').segments).toEqual([]);
  });

  it('reports names that are not text, empty or listed twice', () => {
    expect(() => parseCrisisConfig('segments: [company, 3, " ", company]')).toThrow(
      /segments\[1\]: must be text[\s\S]*segments\[2\]: must name a field[\s\S]*segments\[3\]: "company" is listed twice/,
    );
  });
});
