/**
 * The texts language analyses read: the messages themselves with their labels
 * by position (labelledTexts, scopedFaultTexts) say what the labelled copies
 * (textMessages, faultTexts) say, without a copy of any message.
 */
import { describe, expect, it } from 'vitest';
import { faultTexts, scopedFaultTexts } from '../../../src/analysis/language/faults-analysis.ts';
import { inputKey, labelledTexts, textMessages } from '../../../src/analysis/language/text-messages.ts';
import type { Case, Message, MessageRows } from '../../../src/analysis/model.ts';
import { MessageTable } from '../../../src/analysis/core/message-table.ts';
import { PickedRows } from '../../../src/analysis/core/indexed-rows.ts';
import { inFaultScope } from '../../../src/analysis/nlp/faults/index.ts';
import { findThemes, finishThemes, prepareThemes } from '../../../src/analysis/nlp/themes/index.ts';
import { discoverPhrases } from '../../../src/analysis/nlp/phrases/discover.ts';
import type { AnalysisContext } from '../../../src/analysis/runner/analysis.ts';
import { RowColumns } from '../../../src/analysis/runner/row-columns.ts';

function message(id: string, text: string, over: Partial<Message> = {}): Message {
  return { id, conversationId: id, parentId: null, channel: 'twitter', author: 'ann', isBrand: false, inbound: true, createdAt: Date.parse('2024-06-03T09:00:00Z') + Number(id.slice(1)) * 60_000, text, likes: null, shares: null, replies: null, sourceFile: 'posts.csv', sourceRow: 2, attributes: {}, ...over };
}

function kase(id: string, text: string | null): Case {
  return { id, openedAt: Date.parse('2024-06-03T12:00:00Z'), firstResponseAt: null, resolvedAt: null, closedAt: null, status: null, category: null, subcategory: null, product: null, company: null, channel: null, text, priority: null, team: null, agent: null, dueAt: null, slaMet: null, reopenCount: null, reassignmentCount: null, sourceFile: 'cases.csv', sourceRow: 2, attributes: {} };
}

const MESSAGES = [
  message('m1', 'my lock is dead again'),
  message('m2', 'Update: we are on it', { isBrand: true, inbound: false, author: 'Acme' }),
  message('m3', 'love the new app'),
  message('m4', 'RT @ann: my lock is dead again', { attributes: { is_retweet: 'true' } }),
  message('m5', 'battery drains overnight'),
  message('m6', 'no label on this one'),
];
const SENTIMENT: Record<string, string> = { m1: 'negative', m2: 'neutral', m3: 'positive', m4: 'negative', m5: 'negative' };

/** An analysis context with what these functions read: messages, cases, the sentiment column, the sources. */
function context(messages: MessageRows, cases: readonly Case[], faultColumn?: string): AnalysisContext {
  const columns = new RowColumns(messages.map((m) => m.id));
  for (const m of messages) if (SENTIMENT[m.id]) columns.set(m.id, 'sentiment', SENTIMENT[m.id]!);
  const sources = [{ file: 'posts.csv', ...(faultColumn ? { faultColumn } : {}) }];
  return { messages, cases, columns, config: { sources } } as unknown as AnalysisContext;
}

describe('labelledTexts', () => {
  it('is the messages themselves, with the labels textMessages copies onto each', () => {
    const ctx = context(MESSAGES, []);
    const { items, labels, source } = labelledTexts(ctx);
    expect(source).toBe('messages');
    expect(items).toBe(ctx.messages);
    const copies = textMessages(ctx).items;
    expect(items.map((_, i) => labels.sentiment(i))).toEqual(copies.map((m) => m.sentiment));
    expect(items.map((_, i) => labels.retweet(i))).toEqual([false, false, false, true, false, false]);
    // The cache key of the texts is the one their labelled copies had: cached themes stay valid.
    expect([...inputKey(items, labels)]).toEqual([...inputKey(copies)]);
    expect([...inputKey(items, labels)][0]).toContain('\u0001negative\u0001my lock is dead again');
  });

  it('is the case narratives, labels and all, when the crisis has only cases', () => {
    const ctx = context([], [kase('7', 'XXXX charged me twice'), kase('8', null)]);
    const { items, labels, source } = labelledTexts(ctx);
    expect(source).toBe('cases');
    expect(items.map((m) => [m.id, m.text])).toEqual([['case:7', '  charged me twice']]);
    expect(labels.sentiment(0)).toBeUndefined();
    expect(labels.retweet(0)).toBe(false);
  });
});

describe('scopedFaultTexts', () => {
  it('keeps the texts of faultTexts in fault scope, in order, as the records themselves', () => {
    const ctx = context(MESSAGES, [kase('7', 'the lock broke'), kase('8', null)]);
    const scoped = scopedFaultTexts(ctx);
    const copies = faultTexts(ctx);
    expect(scoped.items.map((m) => m.id)).toEqual(copies.items.filter((m) => inFaultScope(m)).map((m) => m.id));
    expect(scoped.items.map((m) => m.id)).toEqual(['m1', 'm4', 'm5', 'm6', 'case:7']);
    // No copy: each message is the context's own object, and in scope as it stands (it carries no label).
    expect(scoped.items.at(0)).toBe(MESSAGES[0]);
    expect([...scoped.items].every((m) => inFaultScope(m))).toBe(true);
    expect(scoped.caseTextCount).toBe(copies.caseTextCount);
    expect(scoped.customers).toBe(true);
  });

  it('reads a message table by position: the same texts in scope, made again on each read', () => {
    const plain = scopedFaultTexts(context(MESSAGES, [kase('7', 'the lock broke')]));
    const fromTable = scopedFaultTexts(context(new MessageTable([...MESSAGES]), [kase('7', 'the lock broke')]));
    expect([...fromTable.items]).toEqual([...plain.items]);
    expect(fromTable.items).toBeInstanceOf(PickedRows);
    expect((fromTable.items as PickedRows<unknown>).positions).toEqual(Int32Array.from([0, 3, 4, 5]));
    expect([fromTable.caseTextCount, fromTable.customers]).toEqual([plain.caseTextCount, plain.customers]);
  });

  it('leaves out the records a fault column codes, and says when no customer wrote', () => {
    const coded = [message('m1', 'my lock is dead again', { attributes: { component: 'LOCK' } }), message('m5', 'battery drains overnight')];
    const ctx = context(coded, [], 'component');
    expect(scopedFaultTexts(ctx).items.map((m) => m.id)).toEqual(faultTexts(ctx).items.filter((m) => inFaultScope(m)).map((m) => m.id));
    expect([...scopedFaultTexts(ctx).items]).toEqual([]);
    const brandOnly = scopedFaultTexts(context([MESSAGES[1]!], []));
    expect([brandOnly.items.length, brandOnly.customers]).toEqual([0, false]);
    // Customers who wrote only praise: read, none in scope.
    const praise = scopedFaultTexts(context([MESSAGES[2]!], []));
    expect([praise.items.length, praise.customers]).toEqual([0, true]);
  });
});

describe('themes with labels by position', () => {
  it('find what they find when each message carries its labels', () => {
    const texts = ['the app crashes on login', 'app crashes on login again', 'login crashes the app', 'refund still not here', 'where is my refund', 'refund takes weeks'];
    // Each text ten times: the first copy of each is flagged as a retweet, so it is never quoted.
    const messages = Array.from({ length: 60 }, (_, i) => message(`m${i}`, texts[i % texts.length]!));
    const sentiment = (i: number) => (['negative', 'neutral', 'positive'] as const)[i % 3];
    const retweet = (i: number) => i < texts.length;
    const carried = messages.map((m, i) => ({ id: m.id, text: m.text, createdAt: m.createdAt, isBrand: m.isBrand, sentiment: sentiment(i), isRetweet: retweet(i) }));
    const options = { minCount: 3 };
    const expected = findThemes(carried, options);
    const prepared = prepareThemes(messages, options, undefined, { sentiment, retweet });
    const found = finishThemes(prepared, discoverPhrases(prepared.sampleTexts));
    expect(found).toEqual(expected);
    expect(found.themes.length).toBeGreaterThan(0);
    expect(found.themes.some((t) => t.sentiment !== undefined)).toBe(true);
    const quoted = found.themes.flatMap((t) => t.representatives.map((r) => r.id));
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.filter((id) => retweet(Number(id.slice(1))))).toEqual([]);
    // Without the labels, the messages carry none: no sentiment mix.
    const unlabelled = prepareThemes(messages, options);
    expect(finishThemes(unlabelled, discoverPhrases(unlabelled.sampleTexts)).themes.every((t) => t.sentiment === undefined)).toBe(true);
  });
});
