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

/** The parts of a model file that scoring reads (the trainer writes more). */
export interface AbuseModelFile {
  format: string;
  version: string;
  features: { version: string; buckets: number; fingerprint: string };
  idf: { documents: number; df: { buckets: number[]; counts: number[] } };
  bias: number;
  weights: { buckets: number[]; values: number[] };
}

/**
 * A scoring function from a model file: the shipped one, or one `npm run retrain` wrote. A file
 * trained with other features than this code computes is refused (its weights would mean nothing).
 */
export function loadAbuseModel(file: AbuseModelFile): (text: string) => number {
  if (file.format !== 'parley-abuse-model/1') throw new Error(`not a Parley abuse model (format ${String(file.format)})`);
  if (file.features.version !== ABUSE_FEATURES_VERSION || file.features.buckets !== ABUSE_BUCKETS || file.features.fingerprint !== abuseFeatureFingerprint()) {
    throw new Error(
      `abuse model ${file.version} was trained with other features (${file.features.version}, fingerprint ${file.features.fingerprint}) ` +
        `than abuse-features.ts computes (${ABUSE_FEATURES_VERSION}, ${abuseFeatureFingerprint()}): run node scripts/train-abuse-model.mjs`,
    );
  }
  const idf: AbuseIdf = { documents: file.idf.documents, df: new Map(file.idf.df.buckets.map((bucket, i) => [bucket, file.idf.df.counts[i]])) };
  const weights = new Float64Array(ABUSE_BUCKETS);
  file.weights.buckets.forEach((bucket, i) => (weights[bucket] = file.weights.values[i]));
  const bias = file.bias;
  return (text) => {
    let z = bias;
    for (const [bucket, value] of abuseFeaturize(text, idf)) z += weights[bucket] * value;
    return 1 / (1 + Math.exp(-z));
  };
}

/** Probability (0–1) that a comment is abusive, by the shipped model. Pure and synchronous; well under a millisecond for a typical comment. */
export const abuseProbability: (text: string) => number = loadAbuseModel(model);
