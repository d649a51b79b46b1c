/**
 * Complaint shapes for fault discovery, as regular expressions over
 * lower-cased text (fast enough to run on every unclassified message).
 * Each match yields an object ("phone") and a canonical problem ("won't
 * charge"), so different wordings of one fault share a key:
 * "my phone won't charge" = "phone will not charge" = "phone doesn't charge".
 */

/** One complaint found in a text. */
export interface ComplaintMatch {
  /** The broken thing as written ("phone"), or null for object-less shapes. */
  object: string | null;
  /** Canonical problem words: "won't", "keeps", "is", "not received", … */
  problem: string;
  /** The action or state as written ("charge", "crashing", "broken"), or "". */
  action: string;
}

const DET = String.raw`(?:(?:my|the|our|your|his|her|their|this|that)\s+)?`;
const OBJ = String.raw`(?<obj>[a-z][a-z0-9-]+)`;
const NEG = String.raw`(?<neg>won't|wont|will not|doesn't|doesnt|does not|didn't|didnt|did not|isn't|isnt|is not|aren't|are not|can't|cant|cannot|can not|refuses to|refused to|keeps|keep|kept|stopped)`;
const STATE = String.raw`(?<state>broken|broke|dead|missing|not working|down|frozen|stuck|damaged|cracked|gone|lost|wrong|empty|overheating|glitching|blank|crashing|not loading|not charging)`;
const LINK = String.raw`(?:is|are|was|were|has been|have been|got|gets|is still|are still|still|keeps being|seems)`;
const HAVE_NOT = String.raw`(?:never|not yet|still haven't|still have not|still hasn't|haven't|have not|hasn't|has not|didn't|did not|still not|still didn't)`;

interface Shape {
  re: RegExp;
  build: (g: Record<string, string | undefined>) => ComplaintMatch | null;
}

function negation(word: string): string {
  if (/^(?:keeps|keep|kept)$/.test(word)) return 'keeps';
  if (word === 'stopped') return 'stopped';
  if (/^(?:can't|cant|cannot|can not)$/.test(word)) return "can't";
  if (/^(?:isn't|isnt|is not|aren't|are not)$/.test(word)) return 'is not';
  return "won't";
}

/** "failures" → "failure", "glitches" → "glitch": one problem per kind of failure. */
function failureWord(word: string): string {
  return word.replace(/(?:(?<=glitch|crash)es|s)$/, '');
}

/**
 * "won't work", "doesn't work", "isn't working" and "not working" are one
 * problem; "X is not Y" only counts with a verb ("isn't loading"), not
 * "is not mine".
 */
function canonical(m: ComplaintMatch): ComplaintMatch | null {
  if (/^work(?:s|ing|ed)?$/.test(m.action) && (m.problem === "won't" || m.problem === 'is not' || m.problem === 'stopped')) {
    return { ...m, problem: 'is not', action: 'working' };
  }
  if (m.problem === 'is' && m.action.startsWith('not ')) return { ...m, problem: 'is not', action: m.action.slice(4) };
  if (m.problem === 'is not' && !m.action.endsWith('ing')) return null;
  return m;
}

const SHAPES: Shape[] = [
  {
    // "my phone won't charge", "app keeps crashing", "screen stopped working"
    re: new RegExp(String.raw`\b${DET}${OBJ}\s+${NEG}\s+(?:even\s+|ever\s+|properly\s+)?(?<verb>[a-z]+)`, 'g'),
    build: (g) => canonical({ object: g['obj']!, problem: negation(g['neg']!), action: g['verb']! }),
  },
  {
    // "my screen is broken", "order still missing", "wifi was down"
    re: new RegExp(String.raw`\b${DET}${OBJ}\s+${LINK}\s+(?:[a-z]+ly\s+)?${STATE}\b`, 'g'),
    build: (g) => canonical({ object: g['obj']!, problem: 'is', action: g['state']! === 'broke' ? 'broken' : g['state']! }),
  },
  {
    // "still no refund"
    re: new RegExp(String.raw`\bstill\s+no\s+${OBJ}`, 'g'),
    build: (g) => ({ object: g['obj']!, problem: 'still no', action: '' }),
  },
  {
    // "never received my order", "still haven't got the refund"
    re: new RegExp(String.raw`\b${HAVE_NOT}\s+(?:received|receive|got|gotten|get)\s+(?:back\s+)?(?:(?:my|the|a|an|any|our)\s+)?${OBJ}`, 'g'),
    build: (g) => ({ object: g['obj']!, problem: 'not received', action: '' }),
  },
  {
    // "my order never arrived", "the package hasn't shown up"
    re: new RegExp(String.raw`\b${DET}${OBJ}\s+${HAVE_NOT}\s+(?:arrived|arrive|came|come|shown up|show up|shipped|been delivered|delivered)`, 'g'),
    build: (g) => ({ object: g['obj']!, problem: 'not received', action: '' }),
  },
  {
    // "system failure", "equipment failures", "power outage", "login error", "software glitch"
    re: new RegExp(String.raw`\b${OBJ}\s+(?<fail>failures?|outages?|glitch(?:es)?|malfunctions?|errors?|crash(?:es)?|defects?)\b`, 'g'),
    build: (g) => ({ object: g['obj']!, problem: failureWord(g['fail']!), action: '' }),
  },
  {
    // "charged me twice", "double charged", "billed 3 times"
    re: /\b(?:(?:charged|billed)\s+(?:me\s+)?(?:twice|double|two times|2x|three times|3 times|multiple times)|double[- ]?(?:charged|billed|charge))\b/g,
    build: () => ({ object: null, problem: 'charged twice', action: '' }),
  },
  {
    // "can't log in", "unable to sign in to my account", "cannot access my account"
    re: /\b(?:can't|cant|cannot|can not|couldn't|couldnt|unable to|not able to|won't let me)\s+(?<verb>log ?in|login|sign ?in|signin|access)\b(?:\s+(?:to|into)?\s*(?:my|the)?\s*(?<obj>[a-z][a-z0-9-]+))?/g,
    build: (g) => {
      const access = g['verb'] === 'access';
      if (access && g['obj'] === undefined) return null;
      return access ? { object: g['obj']!, problem: "can't", action: 'access' } : { object: null, problem: "can't log in", action: '' };
    },
  },
];

/** Lower-case, straighten apostrophes, drop URLs and @mentions. */
function prepare(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/https?:\/\/\S+|www\.\S+|@\w+/g, ' ')
    .replace(/\s+/g, ' ');
}

/** All complaint shapes in a text, in pattern order. */
export function findComplaints(text: string): ComplaintMatch[] {
  const clean = prepare(text);
  const out: ComplaintMatch[] = [];
  for (const shape of SHAPES) {
    shape.re.lastIndex = 0;
    for (const m of clean.matchAll(shape.re)) {
      const built = shape.build(m.groups ?? {});
      if (built !== null) out.push(built);
    }
  }
  return out;
}
