/** The input key of a bundle from /analyze/: what was read, and nothing else. */
import { describe, expect, it } from 'vitest';
import { uploadInputKey } from '../../src/analyzer/input-key.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('uploadInputKey', () => {
  const base = { 'posts.csv': bytes('id,text\n1,hi\n'), 'crisis.yaml': bytes('title: x\n') };
  const key = uploadInputKey(base, 'null');

  it('is a SHA-256 that does not depend on the order the files were chosen in', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(uploadInputKey({ 'crisis.yaml': base['crisis.yaml'], 'posts.csv': base['posts.csv'] }, 'null')).toBe(key);
  });

  it('changes with a file’s bytes, a file’s name and the fault library', () => {
    expect(uploadInputKey({ ...base, 'posts.csv': bytes('id,text\n1,ho\n') }, 'null')).not.toBe(key);
    expect(uploadInputKey({ 'crisis.yaml': base['crisis.yaml'], 'other.csv': base['posts.csv'] }, 'null')).not.toBe(key);
    expect(uploadInputKey(base, '{"file":"data/faults.yaml","faults":{}}')).not.toBe(key);
  });
});
