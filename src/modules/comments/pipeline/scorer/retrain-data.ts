import { createHash } from 'node:crypto';
import type { DecisionExample, ModelKind } from './scorer-models.repository';

/**
 * Turning a site's own moderation decisions into training and evaluation examples for the local
 * models (`npm run retrain`). Pure functions, tested beside this file.
 */

/** Rejection reasons that count as abuse for the abuse model; SPAM counts for the spam model. */
export const ABUSE_REJECTIONS: readonly string[] = ['ABUSE', 'HARASSMENT', 'HATE'];

/**
 * The label a decision gives a comment for one model: approved is 0 for both; rejected is 1 for the
 * model its reason belongs to, and says nothing to the other (an off-topic comment is neither
 * abusive nor civil for our purposes), so it is left out.
 */
export function labelFor(kind: ModelKind, d: Pick<DecisionExample, 'action' | 'reason'>): 0 | 1 | null {
  if (d.action === 'APPROVE') return 0;
  if (kind === 'spam') return d.reason === 'SPAM' ? 1 : null;
  return d.reason !== null && ABUSE_REJECTIONS.includes(d.reason) ? 1 : null;
}

/** Whether a comment belongs to the held-out slice: a stable hash of its id, so reruns agree. */
export function isHeldOut(commentId: string, percent: number): boolean {
  return createHash('sha256').update(commentId).digest().readUInt32BE(0) % 100 < percent;
}

/** The local model version that scored the decided revision, from its recorded outcomes (null when none). */
export function scoredBy(scorer: unknown): string | null {
  const outcomes = Array.isArray(scorer) ? scorer : scorer ? [scorer] : [];
  const local = outcomes.find((o): o is { provider: string; version?: string } => typeof o === 'object' && o !== null && (o as { provider?: unknown }).provider === 'local');
  return typeof local?.version === 'string' ? local.version : null;
}

export interface Figures {
  n: number;
  positives: number;
  /** ROC AUC; null when the slice has only one class. */
  auc: number | null;
  hold: { threshold: number; precision: number | null; recall: number | null; held: number };
  flag: { threshold: number; precision: number | null; recall: number | null; held: number };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** ROC AUC by ranks (ties share their mean rank), precision and recall at the hold and flag thresholds. */
export function figures(scored: { s: number; y: 0 | 1 }[], thresholds: { hold: number; flag: number }): Figures {
  const positives = scored.filter((e) => e.y === 1).length;
  const negatives = scored.length - positives;
  let auc: number | null = null;
  if (positives > 0 && negatives > 0) {
    const sorted = [...scored].sort((a, b) => a.s - b.s);
    let rankSum = 0;
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j < sorted.length && sorted[j].s === sorted[i].s) j++;
      const meanRank = (i + 1 + j) / 2;
      for (let k = i; k < j; k++) if (sorted[k].y === 1) rankSum += meanRank;
      i = j;
    }
    auc = round((rankSum - (positives * (positives + 1)) / 2) / (positives * negatives));
  }
  const at = (threshold: number) => {
    const held = scored.filter((e) => threshold > 0 && e.s >= threshold);
    const right = held.filter((e) => e.y === 1).length;
    return { threshold, precision: held.length === 0 ? null : round(right / held.length), recall: positives === 0 ? null : round(right / positives), held: held.length };
  };
  return { n: scored.length, positives, auc, hold: at(thresholds.hold), flag: at(thresholds.flag) };
}

/** One training line for the trainers' --extra files: "label<TAB>text", the text on one line. */
export function trainingLine(y: 0 | 1, text: string): string {
  return `${y}\t${text.replace(/\s+/g, ' ').trim()}`;
}
