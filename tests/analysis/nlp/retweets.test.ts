import { describe, expect, it } from 'vitest';
import { isRetweetText, retweetBody, retweetFlagged } from '../../../src/analysis/nlp/retweets.ts';

describe('retweets', () => {
  it('knows a retweet by its text, as old and new clients wrote it', () => {
    expect(isRetweetText('RT @warner: turn it off')).toBe(true);
    expect(isRetweetText('  rt @warner turn it off')).toBe(true);
    expect(isRetweetText('RT@warner: turn it off')).toBe(true);
    expect(isRetweetText('RT ＠warner: full-width at sign')).toBe(true);
    expect(isRetweetText('ART @ the museum')).toBe(false);
    expect(isRetweetText('RT is what my app shows, @warner')).toBe(false);
    expect(isRetweetText('my lock said RT @warner')).toBe(false);
  });
  it('knows a retweet by the export’s own columns', () => {
    expect(retweetFlagged({ referenced_type: 'retweeted' })).toBe(true);
    expect(retweetFlagged({ referenced_type: 'quoted' })).toBe(false);
    expect(retweetFlagged({ is_retweet: 'TRUE' })).toBe(true);
    expect(retweetFlagged({ retweeted: '0' })).toBe(false);
    expect(retweetFlagged({})).toBe(false);
  });
  it('reduces a retweet and its original to the same words', () => {
    expect(retweetBody('RT @a: Same   words https://t.co/1')).toBe(retweetBody('same words'));
    expect(retweetBody('RT@a Same words')).toBe('same words');
  });
});
