/**
 * The lemma and place tables as JSON (src/analysis/nlp/sentiment/lemmas.json):
 * one `form: lemma` pair per line keeps the file diffable.
 */

/** The JSON text of the tables; `entries` and `places` are written sorted. */
export function lemmasJson(entries: Iterable<readonly [string, string]>, places: Iterable<string>, compromiseVersion: string): string {
  const pairs = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const placeList = [...places].sort();
  return `{
  "generatedBy": "scripts/sentiment/build-lemmas.ts from compromise ${compromiseVersion} (do not edit by hand)",
  "lemmas": {
${pairs.map(([f, l]) => `    ${JSON.stringify(f)}: ${JSON.stringify(l)}`).join(',\n')}
  },
  "places": ${JSON.stringify(placeList)}
}
`;
}
