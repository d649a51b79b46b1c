/** The warning banners at the top of the crisis summary (issue 10): one per ledger alert, text escaped. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import type { LedgerAlert } from '../../src/analysis/ingest/ledger.ts';
import { astroTestEnv, type AstroTestEnv } from './astro-env.ts';

let env: AstroTestEnv;
beforeAll(async () => {
  env = await astroTestEnv();
}, 120_000);
afterAll(async () => env?.close());

async function render(props: Record<string, unknown>): Promise<string> {
  const mod = await env.load<{ default: unknown }>('/src/components/LedgerAlerts.astro');
  return env.container.renderToString(mod.default as never, { props });
}

const alert = (level: LedgerAlert['level'], file: string): LedgerAlert => ({
  level,
  file,
  read: 10,
  rejected: level === 'error' ? 10 : 6,
  reason: 'unparseable timestamp',
  reasonCount: 6,
  example: { at: `${file}:2`, text: 'x', detail: '"<img src=x onerror=alert(1)>" is not a date' },
  fix: 'set dateFormat: for this source in crisis.yaml',
  message: `${file}: 6 of 10 records (60%) rejected, 6 for unparseable timestamp (e.g. ${file}:2: "<img src=x onerror=alert(1)>" is not a date). To fix: set dateFormat: for this source in crisis.yaml.`,
});

describe('LedgerAlerts', () => {
  it('shows each alert as a banner, errors as role=alert, escaping the data it quotes', async () => {
    const html = await render({ alerts: [alert('error', 'a.csv'), alert('warning', '<b>b.csv</b>')] });
    const { document } = parseHTML(`<div>${html}</div>`);
    const banners = [...document.querySelectorAll('.ledger-alert')];
    expect(banners.map((b) => b.getAttribute('role'))).toEqual(['alert', 'status']);
    expect(banners[0]!.textContent).toContain('Nothing loaded from a source');
    expect(banners[1]!.textContent).toContain('<b>b.csv</b>: 6 of 10 records (60%) rejected');
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(html).toContain('&lt;img src=x');
  });

  it('renders nothing without alerts, or for a report written before alerts existed', async () => {
    expect((await render({ alerts: [] })).trim()).toBe('');
    expect((await render({ alerts: undefined })).trim()).toBe('');
  });
});
