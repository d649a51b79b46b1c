/** The fault library and crisis.yaml faults: one meaning per id, kinds as written, structured fault columns. */
import { describe, expect, it } from 'vitest';
import { faultConflicts, FaultLibraryError, parseFaultLibrary } from '../../../src/analysis/config/fault-library.ts';
import { ConfigError, parseCrisisConfig } from '../../../src/analysis/config/crisis-config.ts';

const LIBRARY = parseFaultLibrary(
  `faults:
  support-delay: { label: Waiting for support, kind: service, keywords: [no reply] }
  engine: { label: Engine, codes: [ENGINE, ENGINE AND ENGINE COOLING] }
`,
  'data/faults.yaml',
);

const crisis = (faults: string, extra = '') => parseCrisisConfig(`title: t\n${extra}faults:\n${faults}`, 'data/x/crisis.yaml', LIBRARY);

describe('parseFaultLibrary', () => {
  it('reads kinds, codes and defaults kind to product', () => {
    expect(LIBRARY.faults['support-delay']).toMatchObject({ kind: 'service', keywords: ['no reply'] });
    expect(LIBRARY.faults.engine).toMatchObject({ kind: 'product', codes: ['ENGINE', 'ENGINE AND ENGINE COOLING'] });
  });

  it('lists every problem, naming the file', () => {
    const bad = () => parseFaultLibrary('faults:\n  Bad Id: { kind: broken }\n  empty: { label: E }\n', 'lib.yaml');
    expect(bad).toThrow(FaultLibraryError);
    expect(bad).toThrow(/lib\.yaml has 5 problems[\s\S]*kind: "broken" must be product[\s\S]*Bad Id: an id is lower-case[\s\S]*label: required[\s\S]*empty: needs keywords, patterns or codes/);
  });
});

describe('crisis.yaml faults against the library', () => {
  it('uses a library fault as it is, or extends its keywords', () => {
    const c = crisis('  support-delay: ~\n  lockout: { label: Locked out, keywords: [locked out] }\n');
    expect(c.faults['support-delay']).toEqual({ label: 'Waiting for support', kind: 'service', keywords: ['no reply'], patterns: [], codes: [], context: [], exclude: [], suggested: [] });
    expect(c.faults.lockout!.kind).toBe('product');
    const extended = crisis('  support-delay: { keywords: [on hold] }\n');
    expect(extended.faults['support-delay']!.keywords).toEqual(['no reply', 'on hold']);
  });

  it('refuses another label or kind for a library id, naming the library file', () => {
    expect(() => crisis('  support-delay: { label: Slow support, kind: product }\n')).toThrow(
      /support-delay\.label: "Slow support" differs from "Waiting for support" in data\/faults\.yaml[\s\S]*support-delay\.kind: product differs from service/,
    );
  });

  it('never guesses a kind from the label', () => {
    const c = parseCrisisConfig('faults:\n  waiting: { label: Waiting for support, keywords: [still waiting] }\n');
    expect(c.faults.waiting!.kind).toBe('product');
  });

  it('maps a fault column: kept as an attribute, with its delimiter; library codes apply', () => {
    const c = crisis('  lockout: { keywords: [locked out], codes: [LOCK] }\n', 'sources:\n  - file: c.csv\n    table: cases\n    columns: { id: record_id, fault: component }\n    faultDelimiter: ";"\n');
    expect(c.sources[0]).toMatchObject({ faultColumn: 'component', faultDelimiter: ';', attributes: ['component'], columns: { id: 'record_id' } });
    expect(c.faultCodes).toEqual({ lock: 'lockout', engine: 'engine', 'engine and engine cooling': 'engine' });
    expect(c.faults.engine!.label).toBe('Engine');
    expect(() => parseCrisisConfig('sources:\n  - file: c.csv\n    columns: { fault: 3 }\n    faultDelimiter: ab\n')).toThrow(ConfigError);
  });
});

describe('faultConflicts', () => {
  it('names both files when two crises define one new id differently; library ids and equal definitions pass', () => {
    const problems = faultConflicts(
      [
        { file: 'data/cfpb/crisis.yaml', faults: { 'customer-service': { label: 'Cannot reach anyone / automated answers', kind: 'service' }, engine: { label: 'Engine', kind: 'product' } } },
        { file: 'data/airline/crisis.yaml', faults: { 'customer-service': { label: 'Rude agents', kind: 'service' }, lockout: { label: 'Locked out', kind: 'product' } } },
        { file: 'data/z/crisis.yaml', faults: { lockout: { label: 'locked  OUT', kind: 'product' } } },
      ],
      LIBRARY,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/fault "customer-service" is "Rude agents" \(service\) in data\/airline\/crisis\.yaml but "Cannot reach anyone \/ automated answers" \(service\) in data\/cfpb\/crisis\.yaml/);
  });
});
