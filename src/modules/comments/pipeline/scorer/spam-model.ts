import { BUCKETS, FEATURES_VERSION, IdfTable, featureFingerprint, featurize } from './features';
// Imported (not read from disk) so that tsc, with resolveJsonModule, copies it into dist/.
import model from './spam-model.json';

/**
 * The local spam model: L2-regularized logistic regression over hashed word and character
 * n-grams, trained by scripts/train-spam-model.mjs on the YouTube Spam Collection. Its held-out
 * figures are in the model file (`evaluation`) and printed by the trainer.
 *
 * It scores YouTube-style promotion ("check out my channel", "free gift cards"); on news text it is
 * a ranking signal, not a verdict: ordinary comments mostly score well below 0.5, but wording that
 * YouTube spam is made of ("thanks for…", "follow", "great article") can lift one above it.
 */

/** What the trainer records about the model, without the weights. */
export const SPAM_MODEL_INFO = {
  dataset: model.dataset.name,
  trainedAt: model.trainedAt,
  features: model.features,
  evaluation: model.evaluation,
  weights: model.training.weights,
} as const;

if (model.features.version !== FEATURES_VERSION || model.features.buckets !== BUCKETS || model.features.fingerprint !== featureFingerprint()) {
  throw new Error(
    `spam-model.json was trained with other features (${model.features.version}, fingerprint ${model.features.fingerprint}) ` +
      `than features.ts computes (${FEATURES_VERSION}, ${featureFingerprint()}): run node scripts/train-spam-model.mjs`,
  );
}

const IDF: IdfTable = {
  documents: model.idf.documents,
  df: new Map(Object.entries(model.idf.df as Record<string, number>).map(([bucket, df]) => [Number(bucket), df])),
};

const WEIGHTS = new Float64Array(BUCKETS);
for (const [bucket, weight] of Object.entries(model.weights as Record<string, number>)) WEIGHTS[Number(bucket)] = weight;
const BIAS: number = model.bias;

/** Probability (0–1) that a comment is spam. Pure and synchronous; well under a millisecond for a typical comment. */
export function spamProbability(text: string): number {
  let z = BIAS;
  for (const [bucket, value] of featurize(text, IDF)) z += WEIGHTS[bucket] * value;
  return 1 / (1 + Math.exp(-z));
}
