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

/** The parts of a model file that scoring reads (the trainer writes more). */
export interface SpamModelFile {
  format: string;
  trainedAt: string;
  version?: string;
  features: { version: string; buckets: number; fingerprint: string };
  idf: { documents: number; df: Record<string, number> };
  bias: number;
  weights: Record<string, number>;
}

/** A scoring function from a model file (shipped or retrained); refuses one trained with other features. */
export function loadSpamModel(file: SpamModelFile): (text: string) => number {
  if (file.format !== 'parley-spam-model/1') throw new Error(`not a Parley spam model (format ${String(file.format)})`);
  if (file.features.version !== FEATURES_VERSION || file.features.buckets !== BUCKETS || file.features.fingerprint !== featureFingerprint()) {
    throw new Error(
      `spam model ${file.version ?? file.trainedAt} was trained with other features (${file.features.version}, fingerprint ${file.features.fingerprint}) ` +
        `than features.ts computes (${FEATURES_VERSION}, ${featureFingerprint()}): run node scripts/train-spam-model.mjs`,
    );
  }
  const idf: IdfTable = { documents: file.idf.documents, df: new Map(Object.entries(file.idf.df).map(([bucket, df]) => [Number(bucket), df])) };
  const weights = new Float64Array(BUCKETS);
  for (const [bucket, weight] of Object.entries(file.weights)) weights[Number(bucket)] = weight;
  const bias = file.bias;
  return (text) => {
    let z = bias;
    for (const [bucket, value] of featurize(text, idf)) z += weights[bucket] * value;
    return 1 / (1 + Math.exp(-z));
  };
}

/** The version a spam model file goes by: its own when retrained, else the day it was trained. */
export const spamModelVersion = (file: { version?: string; trainedAt: string }): string => file.version ?? file.trainedAt.slice(0, 10);

/** Probability (0–1) that a comment is spam, by the shipped model. Pure and synchronous; well under a millisecond for a typical comment. */
export const spamProbability: (text: string) => number = loadSpamModel(model as SpamModelFile);
