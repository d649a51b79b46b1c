/**
 * The shipped learned layer (multinomial logistic regression, quantised),
 * read from model.json, which scripts/sentiment/train.ts writes: weights are
 * data, kept out of the code.
 */
import data from './model.json';
import type { SentimentModelData } from './model.ts';

/** The model as SentimentModelData: features newline-joined, weights row-major. */
export const SHIPPED_MODEL: SentimentModelData = {
  featureVersion: data.featureVersion,
  meta: data.meta,
  scale: data.scale,
  bias: data.bias as [number, number, number],
  features: data.features.join('\n'),
  weights: data.weights.flat(),
};
