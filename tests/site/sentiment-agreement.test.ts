/** The sentiment agreement with the export's human labels, on the summary (issue 10, item 9). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { astroTestEnv, type AstroTestEnv } from './astro-env.ts';

let env: AstroTestEnv;
beforeAll(async () => {
  env = await astroTestEnv();
}, 120_000);
afterAll(async () => env?.close());

async function render(props: Record<string, unknown>): Promise<Document> {
  const mod = await env.load<{ default: unknown }>('/src/components/SentimentAgreement.astro');
  const html = await env.container.renderToString(mod.default as never, { props });
  return parseHTML(`<div>${html}</div>`).document as unknown as Document;
}

const evaluation = {
  attribute: 'airline_sentiment',
  n: 100,
  accuracy: 0.8,
  macroF1: 0.7234,
  labels: ['negative', 'neutral', '<i>positive</i>'],
  confusion: [
    [60, 5, 5],
    [5, 10, 5],
    [0, 0, 10],
  ],
  inSample: false,
};

describe('SentimentAgreement', () => {
  it('gives accuracy, macro-F1 and the confusion matrix with row shares, labels escaped', async () => {
    const document = await render({ evaluation, id: 'agree-x' });
    const caption = document.querySelector('figcaption')!.textContent!.replace(/\s+/g, ' ');
    expect(caption).toContain('airline_sentiment, 100 messages');
    expect(caption).toContain('accuracy 80%, macro-F1 0.723');
    expect(caption).not.toContain('flatters');
    const rows = [...document.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    expect(rows[0]).toEqual(['negative', '60 (86%)', '5 (7.1%)', '5 (7.1%)', '70']);
    expect(rows[2]).toEqual(['<i>positive</i>', '0 (0%)', '0 (0%)', '10 (100%)', '10']);
    expect(document.querySelector('i')).toBeNull();
  });

  it('warns when the model learned from these labels', async () => {
    const document = await render({ evaluation: { ...evaluation, inSample: true }, id: 'agree-y' });
    expect(document.querySelector('figcaption strong')!.textContent).toContain('flatters');
  });
});
