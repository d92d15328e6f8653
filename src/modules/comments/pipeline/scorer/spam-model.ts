import { featurize } from './features';
import model from './spam-model.json';

/**
 * The local spam model: logistic regression over hashed n-grams, trained by
 * scripts/train-spam-model.mjs on the YouTube Spam Collection (figures in bench/README.md).
 */
const WEIGHTS = new Map<number, number>(Object.entries(model.weights as Record<string, number>).map(([k, v]) => [Number(k), v]));
const BIAS: number = model.bias;

export function spamProbability(text: string): number {
  let z = BIAS;
  for (const [bucket, value] of featurize(text)) z += (WEIGHTS.get(bucket) ?? 0) * value;
  return 1 / (1 + Math.exp(-z));
}
