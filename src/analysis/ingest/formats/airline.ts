import { hasColumns, type FormatSpec } from './types.ts';

/**
 * Twitter US Airline Sentiment (CrowdFlower / Kaggle): customer tweets with
 * human labels. The texts carry the Twitter API's HTML escaping (`&amp;`,
 * `&lt;`, `&gt;`), decoded on ingest.
 */
export const airline: FormatSpec = {
  id: 'airline',
  table: 'messages',
  kind: 'csv',
  columns: { id: 'tweet_id', created_at: 'tweet_created', text: 'text', author: 'name', shares: 'retweet_count' },
  // Human labels stay as attributes: sentiment and root-cause analyses are scored against them.
  attributes: ['airline_sentiment', 'airline_sentiment_confidence', 'negativereason', 'negativereason_confidence', 'airline', 'tweet_location', 'user_timezone', 'tweet_coord'],
  channel: 'twitter',
  detect: ({ header }) => hasColumns(header, ['tweet_id', 'airline_sentiment', 'tweet_created']),
  notes: [
    'Airline sentiment: customer tweets only (no brand replies in this export); human labels kept as attributes.',
    'Airline sentiment: HTML entities in texts (&amp; &lt; &gt;, as the Twitter API escapes them) are decoded.',
  ],
  htmlEscapedText: 'all',
};
