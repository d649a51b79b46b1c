/**
 * The shipped sentiment model as JSON (src/analysis/nlp/sentiment/model.json):
 * weights are data, not code. One feature and one row of three weights per
 * line keeps the file diffable when the model is retrained.
 */
import type { SentimentModelData } from '../../src/analysis/nlp/sentiment/model.ts';

/** The JSON text of `model` (features as a list, weights as rows of three). */
export function modelJson(model: SentimentModelData): string {
  const names = model.features === '' ? [] : model.features.split('\n');
  const rows = names.map((_, i) => `    ${JSON.stringify(model.weights.slice(i * 3, i * 3 + 3))}`);
  return `{
  "generatedBy": "scripts/sentiment/train.ts (do not edit by hand)",
  "featureVersion": ${model.featureVersion},
  "meta": ${JSON.stringify(model.meta)},
  "scale": ${model.scale},
  "bias": ${JSON.stringify(model.bias)},
  "features": [
${names.map((n) => `    ${JSON.stringify(n)}`).join(',\n')}
  ],
  "weights": [
${rows.join(',\n')}
  ]
}
`;
}
