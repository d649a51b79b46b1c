/**
 * Retweets, as the text or the export says. One test for every stage: faults
 * count a retweet once as evidence, themes fold it into its original and never
 * quote it, so both must agree on what a retweet is.
 */

/** "RT @user: " at the start of a text (old clients wrote "RT@user"). */
const RETWEET = /^\s*RT\s*[@＠]\w+:?\s*/i;

/** True when a text is written as a retweet ("RT @user: …"). */
export function isRetweetText(text: string): boolean {
  return RETWEET.test(text);
}

/** True when an export's own columns flag the record as a retweet (X API v2 `referenced_type`, an `is_retweet` column). */
export function retweetFlagged(attributes: Readonly<Record<string, string>>): boolean {
  return attributes['referenced_type'] === 'retweeted' || /^(?:true|yes|1)$/i.test(attributes['is_retweet'] ?? attributes['retweeted'] ?? '');
}

/**
 * The words a retweet repeats, normalised so a retweet and its original meet:
 * "RT @user: " dropped, URLs dropped (a retweet's links are rewritten), case
 * and spacing folded.
 */
export function retweetBody(text: string): string {
  return text
    .replace(RETWEET, '')
    .replace(/https?:\/\/\S+/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
