import { hasColumns, type FormatSpec } from './types.ts';

/**
 * Customer Support on Twitter (Kaggle `thoughtvector/customer-support-on-twitter`).
 * The texts carry the Twitter API's HTML escaping (`&amp;`, `&lt;`, `&gt;`), decoded on ingest.
 */
export const twcs: FormatSpec = {
  id: 'twcs',
  table: 'messages',
  kind: 'csv',
  columns: { id: 'tweet_id', author: 'author_id', inbound: 'inbound', created_at: 'created_at', text: 'text', parent_id: 'in_response_to_tweet_id' },
  attributes: ['response_tweet_id'],
  channel: 'twitter',
  detect: ({ header }) => hasColumns(header, ['tweet_id', 'author_id', 'inbound', 'in_response_to_tweet_id']),
  notes: [
    'TWCS: brand messages are those with inbound = False (plus any configured handles); `3.0`-style parent ids read as `3`.',
    'TWCS: HTML entities in texts (&amp; &lt; &gt;, as the Twitter API escapes them) are decoded.',
  ],
  htmlEscapedText: 'all',
};
