/**
 * Whether a matched message is evidence of its fault: a message counts only
 * when it complains about the fault. Four things look like evidence and are
 * not (issue 12 item 5; measured on 100 hand-labelled assignments, see
 * tests/fixtures/fault-evidence-labels.csv):
 *
 * - **hashtag** — the fault's words stand only inside a hashtag that says
 *   more than them ("Auto-unlock is magic ✨ #LatchlyLockout"): a campaign
 *   tag is not a report (a tag that is only the word, "#delayed", is the
 *   author's word);
 * - **praise** — the message reports nothing wrong and, read without its
 *   hashtags, is clearly positive;
 * - **question** — the sentence holding the evidence asks how to do
 *   something or whether something is possible ("how do I set a guest code?")
 *   and the message reports nothing wrong (no failure word, no negative word
 *   or complaint cue of the sentiment lexicon, the evidence included);
 * - **retweet** — a retweet of a text already counted (classify.ts: the one
 *   check that looks across messages, by a set of texts, never by pairs).
 *
 * A fifth is the taxonomy's own: **context** — a keyword that names the fault
 * only beside a word that says so (`context:`, "still waiting" near "reply"),
 * or a message holding one of the fault's `exclude:` words (match.ts).
 *
 * Everything here is per text, deterministic and cheap, and runs only on a
 * text that matched a fault: a regex pass and the sentiment lexicon's rules,
 * then, for the few that report nothing wrong, one call of the sentiment model.
 */
import { createSentimentScorer, type SentimentResult } from '../sentiment/index.ts';
import type { CueKind } from '../sentiment/cues.ts';
import { analyzeRules } from '../sentiment/rules.ts';
import { tokenize as tokenizeForSentiment } from '../sentiment/tokenize.ts';

/** Why a matched message is not evidence of its fault. */
export type NotEvidenceReason = 'context' | 'hashtag' | 'praise' | 'question' | 'retweet';

const HASHTAG = /[#＃][\p{L}\p{N}_]+/gu;

/** Character ranges of the hashtags in a text, as [start, end) pairs. */
export function hashtagRanges(text: string): number[] {
  const out: number[] = [];
  if (!text.includes('#') && !text.includes('＃')) return out;
  for (const m of text.matchAll(HASHTAG)) out.push(m.index, m.index + m[0].length);
  return out;
}

/**
 * True when [start, end) lies inside one hashtag of `ranges` (see
 * {@link hashtagRanges}) without being the whole tag: "#LatchlyLockout" or
 * "#StrandUsInDenver" is a campaign's label, while "#delayed" or
 * "#LostLuggage" is the author's own word written as a tag.
 */
export function insideHashtag(ranges: readonly number[], start: number, end: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (start >= ranges[i]! && end <= ranges[i + 1]!) return !(start <= ranges[i]! + 1 && end === ranges[i + 1]!);
  }
  return false;
}

// Openers of a question that asks for help or information rather than reporting a problem. Left out:
// "why …?", "when will …?", "how do you …?", "can you …?", "what about …?": "how do you lose a bag?" is a complaint.
const ASKING = new RegExp(
  String.raw`^(?:how (?:do|can|could|should|would) (?:i|we)|how to|(?:can|could|may) (?:i|we|someone|anyone)|is (?:it|there)|are there|does (?:anyone|anybody|it|this|that|the|a|an)|do (?:i|we)|what (?:is|are|does|do|should) (?:i|we|the|a|an|it)|where (?:can|do|does|should) (?:i|we)|which|who (?:do|can|should) (?:i|we)|should (?:i|we)|will (?:i|we|it|this|there)|any (?:way|tips|idea|ideas|advice))\b`,
  'i',
);

/** Leading mentions, greetings and punctuation before the first word of a sentence. */
const LEAD = /^(?:\s|[@＠]\w+|(?:hey|hi|hello|hiya|so|ok|okay|quick question|question)\b|[,.:;!-])+/i;

/** The sentence of `text` around offset `at`. */
function sentenceAt(text: string, at: number): string {
  let start = 0;
  for (const m of text.matchAll(/[.!?。]+(?=\s)|\n+/g)) {
    const end = m.index + m[0].length;
    if (end > at) return text.slice(start, end);
    start = end;
  }
  return text.slice(start);
}

/** True when the sentence around `at` asks for help or information ("how do I …?", "can I …?"). */
export function isAskingQuestion(text: string, at: number): boolean {
  const sentence = sentenceAt(text, at).trim();
  if (!/\?/.test(sentence)) return false;
  return ASKING.test(sentence.replace(LEAD, ''));
}

/** The text without its hashtags: a tag's words are not the author's own sentence. */
export function withoutHashtags(text: string): string {
  return text.replace(HASHTAG, ' ');
}

let scorer: ((text: string) => SentimentResult) | undefined;

/** The shipped sentiment scorer, built once per thread on first use. */
function sentiment(text: string): SentimentResult {
  scorer ??= createSentimentScorer();
  return scorer(text);
}

// Words that report something wrong. A question holding one ("how do I get in when the lock won't open?") is a complaint.
const PROBLEM = new RegExp(
  String.raw`\b(?:won'?t|can'?t|cannot|couldn'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|haven'?t|hasn'?t|nobody|still|again|anymore|broken?|broke|lost|missing|stuck|dead|fail\w*|wrong|late|delay\w*|cancel+\w*|problems?|issues?|errors?|worst|terrible|awful|horrible|ridiculous|unacceptable|disappointed|frustrat\w*|angry|upset|hours?|days|min(?:ute)?s|keeps?|busy|on hold|hang(?:s|ing)? up|hung up|ignor\w*|disconnect\w*|locked|stranded|refund|charged)\b`,
  'i',
);

/** Cue kinds of the sentiment lexicon that report nothing wrong ("thank you so much", "great job"). */
const POSITIVE_CUES: ReadonlySet<CueKind> = new Set(['thanks', 'praise', 'reassure', 'neutral']);

/**
 * True when a text, read without hashtags, mentions, links, reports something
 * wrong: a word of PROBLEM above, or a negative word or complaint cue of the
 * sentiment lexicon ("sad", "damn", "thanks for nothing").
 */
export function reportsProblem(text: string): boolean {
  const plain = withoutHashtags(text).replace(/[@＠]\w+|https?:\/\/\S+/g, ' ').replace(/[’`]/g, "'");
  if (PROBLEM.test(plain)) return true;
  const rules = analyzeRules(tokenizeForSentiment(plain));
  return rules.neg > 0 || rules.cues.some((kind) => !POSITIVE_CUES.has(kind));
}

/**
 * Why a message whose fault evidence starts at `evidenceStart` does not
 * complain about it, or null when it does. Both verdicts need a message that
 * reports nothing wrong ({@link reportsProblem}; the evidence counts, so "can
 * I get my lost bag back?" is a complaint): 'question' when the sentence
 * holding the evidence asks for help or information, 'praise' when the
 * sentiment model reads the message, without its hashtags and sign-off, as
 * clearly positive (score ≥ {@link PRAISE_SCORE}).
 */
export function notAComplaint(text: string, evidenceStart: number): 'praise' | 'question' | null {
  if (reportsProblem(text)) return null;
  if (isAskingQuestion(text, evidenceStart)) return 'question';
  return sentiment(withoutSignOff(withoutHashtags(text))).score >= PRAISE_SCORE ? 'praise' : null;
}

/** Sentiment score (P(positive) − P(negative)) from which a message that reports nothing wrong is praise: a clear margin, as the model is unsure on short posts. */
export const PRAISE_SCORE = 0.5;

/** The text without a closing "Thanks, Jorge" / "Regards": politeness, not praise. */
function withoutSignOff(text: string): string {
  return text.replace(/\b(?:thanks|thank you|thx|regards|cheers|best)\b[\s,!.]*(?:[A-Z][a-z]+)?[\s.!]*$/i, ' ');
}

