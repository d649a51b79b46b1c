import { describe, expect, it } from 'vitest';
import { analyzeCrisis } from '../../../src/analysis/pipeline.ts';
import { memoryCrisisFiles } from '../../../src/analysis/ingest/ingest-crisis.ts';
import { sentimentAnalysis, type SentimentSection } from '../../../src/analysis/language/sentiment-analysis.ts';
import { openNodeEngine } from '../../../src/node/duckdb-node.ts';

const csv = `id,created_at,author,channel,text,parent_id,sentiment_label
1,2024-03-01T10:00:00Z,ann,twitter,Still waiting for a refund after 3 weeks. Worst service ever.,,negative
2,2024-03-01T10:01:00Z,bob,twitter,Still waiting for a refund after 3 weeks. Worst service ever.,,negative
3,2024-03-01T10:02:00Z,cy,facebook,Thank you so much for sorting this out so quickly!,,positive
4,2024-03-01T10:03:00Z,acme,twitter,Please send us a DM with your order number.,1,neutral
`;

describe('sentiment analysis', () => {
  it('labels each message, scores copies once, splits customer from brand and checks against human labels', async () => {
    const engine = await openNodeEngine();
    const files = memoryCrisisFiles({ 'crisis.yaml': 'brand: { handles: [acme] }\n', 'posts.csv': csv });
    const r = await analyzeCrisis(files, engine, { slug: 't', analyses: [sentimentAnalysis] });
    await engine.close();
    const s = r.report.sections.sentiment as SentimentSection;
    expect(s.customer).toMatchObject({ negative: 2, positive: 1, total: 3 });
    expect(s.customer.negativeShare).toBeCloseTo(2 / 3, 10);
    expect(s.brand.total).toBe(1);
    expect(s.customer.negativeShareNotMeasurable).toBeUndefined();
    expect(s.distinctTexts).toBe(3);
    expect(s.byChannel.map((c) => [c.channel, c.total])).toEqual([['twitter', 2], ['facebook', 1]]);
    expect(s.evaluation).toMatchObject({ attribute: 'sentiment_label', n: 4, inSample: false });
    expect(r.columns.get('3')).toMatchObject({ sentiment: 'positive' });
    expect(r.csv().split('\n')[0]).toBe('id,conversation_id,parent_id,created_at,author,is_brand,inbound,channel,text,sentiment,sentiment_score');
  });

  it('a share of no messages is not measurable, with the reason, never 0', async () => {
    const engine = await openNodeEngine();
    const files = memoryCrisisFiles({ 'crisis.yaml': 'brand: { handles: [acme] }\n', 'posts.csv': csv.split('\n').slice(0, 4).join('\n') + '\n' });
    const r = await analyzeCrisis(files, engine, { slug: 't', analyses: [sentimentAnalysis] });
    await engine.close();
    const s = r.report.sections.sentiment as SentimentSection;
    expect(s.customer.total).toBe(3);
    expect(s.brand).toMatchObject({ total: 0, negativeShare: null, negativeShareNotMeasurable: 'the export contains no brand replies' });
  });
});
