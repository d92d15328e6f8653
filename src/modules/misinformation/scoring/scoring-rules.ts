import { inChunks, RatingList } from './rating-matrix';

/**
 * Status rules of the Community Notes core scorer (reference: note_ratings.compute_scored_notes and
 * scoring_rules.py, with MFBaseScorer / MFCoreScorer thresholds). As in apply_scoring_rules, the
 * rules run in order over every note and each one that matches overwrites the status; the last rule
 * that acted is the note's `rule`.
 *
 * Not ported, because Parley has no such data: tag outliers, the incorrect-tag and low-diligence
 * filters (rating tags), pseudo-rater confidence bounds (off in MFCoreScorer), high-volume and
 * correlated rater intercepts, and the NOT_MISLEADING classification (every Parley note adds context
 * to a possibly misleading comment, so the rules for notes that "say the post is misleading" apply).
 */

/** Reference statuses: CURRENTLY_RATED_HELPFUL, CURRENTLY_RATED_NOT_HELPFUL, NEEDS_MORE_RATINGS, FIRM_REJECT, NEEDS_YOUR_HELP. */
export type RatingStatus = 'CRH' | 'CRNH' | 'NMR' | 'FIRM_REJECT' | 'NEEDS_YOUR_HELP';

export type RuleId =
  | 'INITIAL_NMR'
  | 'GENERAL_CRH'
  | 'GENERAL_CRNH'
  | 'RATIO_CRNH'
  | 'GENERAL_CRH_INERTIA'
  | 'LARGE_FACTOR'
  | 'LOW_INTERCEPT'
  | 'MIN_MINORITY_RATERS'
  | 'RATER_BALANCE';

/** Ratings on one note split by the sign of the rater's factor (get_note_counts_by_rater_sign). */
export interface SideCounts {
  minSignCount: number;
  /** Mean rating of each side; NaN when a side has no ratings. */
  negativeMean: number;
  positiveMean: number;
  /** min over sides of (helpful − not helpful), floored at 0: helpful ratings from the "other" side. */
  netMinHelpful: number;
  netMinHelpfulRatio: number;
}

export interface NoteFacts {
  /** Every (latest) rating on the note, including raters left out of the fit: numRatings. */
  ratingCount: number;
  /** NaN when the note was not in the fit, which no threshold matches. */
  intercept: number;
  factor: number;
  sides: SideCounts;
  /** The note was shown (HELPFUL) after the previous scoring run. */
  wasHelpful: boolean;
}

export interface StatusThresholds {
  minRatingsNeeded: number;
  minMinorityNetHelpful: number;
}

interface Rule {
  id: RuleId;
  matches(note: NoteFacts, current: RatingStatus, t: StatusThresholds): boolean;
  status: RatingStatus;
}

// MFBaseScorer defaults (crhThreshold, crnhThresholdIntercept, crnhThresholdNoteFactorMultiplier,
// inertiaDelta, factorThreshold) and MFCoreScorer's firmRejectThreshold and minMinorityNetHelpfulRatio.
const CRH_THRESHOLD = 0.4;
const CRNH_THRESHOLD_INTERCEPT = -0.05;
const CRNH_THRESHOLD_NOTE_FACTOR_MULTIPLIER = -0.8;
const INERTIA_DELTA = 0.01;
const FACTOR_THRESHOLD = 0.5;
const FIRM_REJECT_THRESHOLD = 0.3;
const MIN_MINORITY_NET_HELPFUL_RATIO = 0.05;
// RequireRaterBalance applies only between these counts of net minority helpful ratings.
const RATER_BALANCE_MAX_NET_HELPFUL = 10;
// is_crnh_ratio defaults.
const RATIO_MAX_HELPFUL_PER_SIDE = 0.4;
const RATIO_MAX_AVG_HELPFUL_PER_SIDE = 0.3;
const RATIO_MIN_SIGN_COUNT = 3;

const enough = (n: NoteFacts, t: StatusThresholds) => n.ratingCount >= t.minRatingsNeeded;

const GENERAL_CRH: Rule = { id: 'GENERAL_CRH', status: 'CRH', matches: (n, _, t) => enough(n, t) && n.intercept >= CRH_THRESHOLD }; // is_crh
const GENERAL_CRNH: Rule = {
  id: 'GENERAL_CRNH', // is_crnh_diamond
  status: 'CRNH',
  matches: (n, _, t) => enough(n, t) && n.intercept <= CRNH_THRESHOLD_INTERCEPT + CRNH_THRESHOLD_NOTE_FACTOR_MULTIPLIER * Math.abs(n.factor),
};
const RATIO_CRNH: Rule = {
  id: 'RATIO_CRNH', // is_crnh_ratio: both sides mostly rate it not helpful
  status: 'CRNH',
  matches: (n, _, t) => {
    const { minSignCount, negativeMean: neg, positiveMean: pos } = n.sides;
    return enough(n, t) && minSignCount >= RATIO_MIN_SIGN_COUNT && neg <= RATIO_MAX_HELPFUL_PER_SIDE && pos <= RATIO_MAX_HELPFUL_PER_SIDE && (neg + pos) / 2 <= RATIO_MAX_AVG_HELPFUL_PER_SIDE;
  },
};
const GENERAL_CRH_INERTIA: Rule = {
  id: 'GENERAL_CRH_INERTIA', // AddCRHInertia: a shown note stays shown until it drops 0.01 below the bar
  status: 'CRH',
  matches: (n, current, t) => current !== 'CRH' && enough(n, t) && n.intercept >= CRH_THRESHOLD - INERTIA_DELTA && n.wasHelpful,
};
const LARGE_FACTOR: Rule = { id: 'LARGE_FACTOR', status: 'FIRM_REJECT', matches: (n, current) => current === 'CRH' && Math.abs(n.factor) > FACTOR_THRESHOLD }; // FilterLargeFactor
const LOW_INTERCEPT: Rule = { id: 'LOW_INTERCEPT', status: 'FIRM_REJECT', matches: (n, current) => current !== 'CRNH' && n.intercept < FIRM_REJECT_THRESHOLD }; // RejectLowIntercept
const MIN_MINORITY_RATERS: Rule = {
  id: 'MIN_MINORITY_RATERS', // RequireMinMinorityRaters
  status: 'NEEDS_YOUR_HELP',
  matches: (n, current, t) => current === 'CRH' && n.sides.netMinHelpful < t.minMinorityNetHelpful,
};
const RATER_BALANCE: Rule = {
  id: 'RATER_BALANCE', // RequireRaterBalance
  status: 'NEEDS_YOUR_HELP',
  matches: (n, current, t) =>
    current === 'CRH' &&
    n.sides.netMinHelpful >= t.minMinorityNetHelpful &&
    n.sides.netMinHelpful < RATER_BALANCE_MAX_NET_HELPFUL &&
    n.sides.netMinHelpfulRatio < MIN_MINORITY_NET_HELPFUL_RATIO,
};

/** compute_scored_notes(finalRound=False): the statuses that rater helpfulness is measured against. */
export const FIRST_ROUND_RULES: readonly Rule[] = [GENERAL_CRH, GENERAL_CRNH];
/** compute_scored_notes(finalRound=True) as MFCoreScorer configures it. */
export const FINAL_RULES: readonly Rule[] = [GENERAL_CRH, GENERAL_CRNH, RATIO_CRNH, GENERAL_CRH_INERTIA, LARGE_FACTOR, LOW_INTERCEPT, MIN_MINORITY_RATERS, RATER_BALANCE];

export function applyRules(rules: readonly Rule[], note: NoteFacts, t: StatusThresholds): { status: RatingStatus; rule: RuleId } {
  let status: RatingStatus = 'NMR';
  let rule: RuleId = 'INITIAL_NMR';
  for (const r of rules) {
    if (r.matches(note, status, t)) [status, rule] = [r.status, r.id];
  }
  return { status, rule };
}

const NO_SIDES: SideCounts = { minSignCount: 0, negativeMean: NaN, positiveMean: NaN, netMinHelpful: 0, netMinHelpfulRatio: 0 };

/**
 * get_note_counts_by_rater_sign over every rating by a rater who has a factor (factor < 0 is one side,
 * ≥ 0 the other). Returns one entry per note; notes nobody with a factor rated get zero counts.
 */
export function* sideCounts(all: RatingList, raterFactor: Float64Array, hasFactor: Uint8Array, nNotes: number): Generator<void, SideCounts[]> {
  const count = [new Int32Array(nNotes), new Int32Array(nNotes)];
  const sum = [new Float64Array(nNotes), new Float64Array(nNotes)];
  const net = [new Int32Array(nNotes), new Int32Array(nNotes)];
  yield* inChunks(all.note.length, (from, to) => {
    for (let i = from; i < to; i++) {
      const u = all.rater[i];
      if (hasFactor[u] !== 1) continue;
      const side = raterFactor[u] < 0 ? 0 : 1;
      const n = all.note[i];
      const v = all.value[i];
      count[side][n]++;
      sum[side][n] += v;
      net[side][n] += v === 1 ? 1 : v === 0 ? -1 : 0;
    }
  });
  return Array.from({ length: nNotes }, (_, n) => {
    const total = count[0][n] + count[1][n];
    if (total === 0) return NO_SIDES;
    const netMinHelpful = Math.max(Math.min(net[0][n], net[1][n]), 0);
    return {
      minSignCount: Math.min(count[0][n], count[1][n]),
      negativeMean: count[0][n] > 0 ? sum[0][n] / count[0][n] : NaN,
      positiveMean: count[1][n] > 0 ? sum[1][n] / count[1][n] : NaN,
      netMinHelpful,
      netMinHelpfulRatio: netMinHelpful / total,
    };
  });
}
