import { ABUSE_BUCKETS, ABUSE_FEATURES_VERSION, AbuseIdf, abuseFeatureFingerprint, abuseFeaturize } from './abuse-features';
// Imported (not read from disk) so that tsc, with resolveJsonModule, copies it into dist/.
import model from './abuse-model.json';

/**
 * The local abuse model: L2-regularized logistic regression over undisguised word, character and
 * lexicon features (abuse-features.ts), trained by scripts/train-abuse-model.mjs on the TweetEval
 * hate and offensive train splits plus news-like comments written for Parley. Loaded once at
 * start; its figures (and the plain TF-IDF baseline's) are in the file's `evaluation` and in
 * bench/README.md. A ranking signal: on tweets it separates abusive from not with ROC AUC about
 * 0.83 (offensive) and 0.65 (hate, whose test split is known to drift from its training split).
 */

/** Name, version and provenance of the shipped model, without the weights. */
export const ABUSE_MODEL_INFO = {
  name: model.name,
  version: model.version,
  weightsFingerprint: model.weightsFingerprint,
  trainedAt: model.trainedAt,
  features: model.features,
  thresholds: model.thresholds,
  evaluation: model.evaluation,
} as const;

if (model.features.version !== ABUSE_FEATURES_VERSION || model.features.buckets !== ABUSE_BUCKETS || model.features.fingerprint !== abuseFeatureFingerprint()) {
  throw new Error(
    `abuse-model.json was trained with other features (${model.features.version}, fingerprint ${model.features.fingerprint}) ` +
      `than abuse-features.ts computes (${ABUSE_FEATURES_VERSION}, ${abuseFeatureFingerprint()}): run node scripts/train-abuse-model.mjs`,
  );
}

const IDF: AbuseIdf = {
  documents: model.idf.documents,
  df: new Map(model.idf.df.buckets.map((bucket, i) => [bucket, model.idf.df.counts[i]])),
};

const WEIGHTS = new Float64Array(ABUSE_BUCKETS);
model.weights.buckets.forEach((bucket, i) => (WEIGHTS[bucket] = model.weights.values[i]));
const BIAS: number = model.bias;

/** Probability (0–1) that a comment is abusive. Pure and synchronous; well under a millisecond for a typical comment. */
export function abuseProbability(text: string): number {
  let z = BIAS;
  for (const [bucket, value] of abuseFeaturize(text, IDF)) z += WEIGHTS[bucket] * value;
  return 1 / (1 + Math.exp(-z));
}
