/**
 * The `themes` analysis: what the crisis is about, found without
 * configuration (see nlp/themes), plus a `themes` column listing the theme ids
 * whose phrases each message contains.
 */
import { setCaseColumn, setColumn, type Analysis } from '../runner/analysis.ts';
import { PhraseMatcher } from '../nlp/phrases/matcher.ts';
import { tokenizeStems } from '../nlp/phrases/tokenize.ts';
import { cached } from '../cache.ts';
import { mergeDiscovered } from '../nlp/phrases/discover.ts';
import { finishThemes, prepareThemes, THEMES_VERSION } from '../nlp/themes/index.ts';
import { CASE_PREFIX, inputKey, textMessages, timelineFrame } from './text-messages.ts';

export const themesAnalysis: Analysis = {
  name: 'themes',
  needs: ['timeline'],
  needsColumns: ['sentiment'],
  sections: ['themes'],
  columns: ['themes'],
  async run(ctx) {
    const { items, source } = textMessages(ctx);
    if (!items.some((m) => !m.isBrand)) return;
    const frame = timelineFrame(ctx);
    ctx.progress(`themes: ${items.length.toLocaleString('en-US')} texts`);
    const options = { brandHandles: ctx.config.brand.handles, bucketMs: frame.bucketMs, onset: frame.onset, peak: frame.peak };
    const key = [THEMES_VERSION, JSON.stringify(options), ...inputKey(items)];
    const result = await cached(ctx.cache, 'themes', key, async () => {
      // Phrase discovery (the tagger, on a sample) is the slow step: the host may split it over threads.
      const prepared = prepareThemes(items, options);
      const parts = await ctx.textMapper.mapChunks('phrases', {}, prepared.sampleTexts);
      return finishThemes(prepared, mergeDiscovered(parts));
    });
    ctx.report.sections.themes = { source, ...result };
    if (!result.themes.length) return;
    // Which themes a message (or case narrative) belongs to: any of the theme's phrases in its words.
    const phrases = result.themes.flatMap((t) => t.phrases.map((p) => ({ theme: t.id, stems: p.key.split(' ') })));
    const matcher = new PhraseMatcher(phrases.map((p) => p.stems));
    const order = new Map(result.themes.map((t, i) => [t.id, i]));
    const byText = new Map<string, string>();
    for (const m of items) {
      if (m.isBrand) continue;
      let ids = byText.get(m.text);
      if (ids === undefined) {
        const found = new Set(matcher.distinct(tokenizeStems(m.text)).map((i) => phrases[i]!.theme));
        ids = [...found].sort((a, b) => order.get(a)! - order.get(b)!).join(';');
        byText.set(m.text, ids);
      }
      if (!ids) continue;
      if (source === 'cases') setCaseColumn(ctx, m.id.slice(CASE_PREFIX.length), 'themes', ids);
      else setColumn(ctx, m.id, 'themes', ids);
    }
  },
};
