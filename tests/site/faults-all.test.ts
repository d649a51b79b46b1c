/** Faults across crises (Arquero): rates per 1,000 in scope, kinds apart, – where a crisis lacks the fault, one meaning per id. */
import { describe, expect, it } from 'vitest';
import type { LoadedCrisis } from '../../src/site/crises.ts';
import { faultsAcross, faultsAcrossCsv, formatRate } from '../../src/site/faults-all.ts';

const H = 3_600_000;
const row = (faultId: string, label: string, kind: 'product' | 'service', count: number, volume: number[]) => ({ faultId, label, kind, count, share: 0, cumulativeShare: 0, firstSeen: count ? 0 : null, lastSeen: count ? H : null, volume, exampleIds: [] });
const crisis = (slug: string, considered: number, pareto: ReturnType<typeof row>[]): LoadedCrisis =>
  ({
    slug,
    report: {
      crisis: { slug, title: `Crisis ${slug}`, timezone: 'America/New_York', window: {} },
      counts: { messages: considered, cases: 0 },
      sections: { faults: { version: 'faults-3', considered, classified: 0, classifiedByKind: { product: 0, service: 0 }, consideredVolume: [considered / 2, considered / 2], pareto, bucketMs: H, bucketStarts: [0, H], casesConsidered: 0, casesClassified: 0 } },
    },
  }) as unknown as LoadedCrisis;

describe('faultsAcross', () => {
  const a = crisis('a', 1000, [row('engine', 'Engine', 'product', 50, [20, 30]), row('support-delay', 'Waiting for support', 'service', 400, [200, 200])]);
  const b = crisis('b', 200, [row('engine', 'Engine', 'product', 0, [0, 0]), row('brakes', 'Brakes', 'product', 30, [10, 20])]);

  it('ranks product faults by rate per 1,000, service failures after them, and gives – where a crisis lacks the fault', () => {
    const rows = faultsAcross([a, b]);
    expect(rows.map((r) => [r.key, r.kind, r.total, r.pooledRate])).toEqual([
      ['brakes', 'product', 30, 150],
      ['engine', 'product', 50, (1000 * 50) / 1200],
      ['support-delay', 'service', 400, 400],
    ]);
    expect(rows[1]!.rates).toEqual({ a: 50, b: 0 });
    expect('a' in rows[0]!.rates).toBe(false);
    expect(rows.map((r) => r.page)).toEqual(['brakes', 'engine', 'support-delay']);
    expect(formatRate(rows[1]!.pooledRate)).toBe('41.7');
    expect(faultsAcrossCsv(rows).split('\n')[0]).toContain('rate_per_1000');
  });

  it('stops when two crises give one id another label or kind, naming both', () => {
    const c = crisis('c', 100, [row('support-delay', 'Cannot reach anyone', 'service', 5, [2, 3])]);
    expect(() => faultsAcross([a, c])).toThrow(/fault "support-delay": "Waiting for support" \(service\) in a vs "Cannot reach anyone" \(service\) in c/);
  });
});
