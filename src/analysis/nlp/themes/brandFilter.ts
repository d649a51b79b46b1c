/**
 * Keeps brand names out of themes. A handle like "@AmericanAir" must also
 * exclude "american", "american airlines" and "americanair"; "@Ask_Spectrum"
 * must exclude "spectrum". Hashtags that merely *start* with the brand
 * ("#unitedfail") are kept: they say something about the crisis.
 */

/** Generic words companies bolt onto handles. */
const HANDLE_AFFIXES = ['support', 'cares', 'care', 'help', 'team', 'airlines', 'airline', 'airways', 'air', 'official', 'news', 'service', 'inc', 'hq', 'usa', 'us', 'uk', 'app'];
const HANDLE_PREFIXES = ['ask', 'team', 'hey', 'the'];

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Brand "cores": the handle and the handle minus generic affixes. */
function coresOf(handle: string): string[] {
  const h = norm(handle);
  const cores = new Set<string>([h]);
  let core = h;
  for (const prefix of HANDLE_PREFIXES) if (core.startsWith(prefix) && core.length - prefix.length >= 3) core = core.slice(prefix.length);
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of HANDLE_AFFIXES) {
      if (core.endsWith(suffix) && core.length - suffix.length >= 3) {
        core = core.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  cores.add(core);
  return [...cores].filter((c) => c.length >= 2);
}

/**
 * Build a predicate telling whether a phrase (its lower-case surface words)
 * names one of the brands.
 */
export function brandPhraseFilter(handles: readonly string[]): (words: readonly string[]) => boolean {
  const cores = handles.flatMap(coresOf);
  if (cores.length === 0) return () => false;
  const affixes = new Set(HANDLE_AFFIXES);
  // A leading part of a brand name counts when it is most of it ("american" of "americanair").
  const isPrefix = (part: string, core: string): boolean => part.length >= 4 && part.length >= 0.6 * core.length && core.startsWith(part);
  return (words) => {
    const concat = norm(words.join(''));
    for (const core of cores) {
      if (concat === core || isPrefix(concat, core)) return true;
      if (concat.startsWith(core) && (affixes.has(concat.slice(core.length)) || /^\d*$/.test(concat.slice(core.length)))) return true;
      for (const w of words) {
        const nw = norm(w);
        if (nw === core || isPrefix(nw, core)) return true;
      }
    }
    return false;
  };
}
