import { inChunks, RatingList } from './rating-matrix';
import { RatingStatus } from './scoring-rules';

/**
 * Which raters keep their say in the second fit (reference: helpfulness_scores.py,
 * compute_general_helpfulness_scores and filter_ratings_by_helpfulness_scores, with
 * note_ratings.get_valid_ratings deciding which ratings count).
 *
 * A rater passes when at least 66% of their valid ratings agreed with the first round's outcome
 * (HELPFUL on a note scored helpful, NOT_HELPFUL on one scored not helpful), and, if they wrote notes
 * that were in the fit, those notes' mean intercept is at least 0.05 and they did not write
 * not-helpful notes more than a fifth as often as helpful ones. A rater with no valid rating at all
 * does not pass either: pandas compares their missing ratio as false.
 */

// MFBaseScorer: minMeanNoteScore, minCRHVsCRNHRatio, minRaterAgreeRatio; author_helpfulness CRNHMultiplier.
const MIN_MEAN_NOTE_SCORE = 0.05;
const MIN_CRH_VS_CRNH_RATIO = 0;
const MIN_RATER_AGREE_RATIO = 0.66;
const CRNH_MULTIPLIER = 5;

export interface NoteTimes {
  /** ms since the epoch, NaN when unknown. */
  createdAt: Float64Array;
  /** When the note last got HELPFUL or NOT_HELPFUL before this run; NaN when never (or unknown). */
  labelledAt: Float64Array;
}

export interface HelpfulnessInput {
  all: RatingList;
  status: readonly RatingStatus[];
  /** First-round intercept, NaN for notes that were not in the fit. */
  noteIntercept: Float64Array;
  /** Author of each note as a rater index, -1 when unknown or when the author never rated. */
  author: Int32Array;
  times: NoteTimes;
  /** get_ratings_before_note_status_and_public_tsv's 48-hour window, in ms. */
  validWindowMs: number;
  nRaters: number;
}

/** 1 for every rater whose ratings go into the second fit. */
export function* helpfulRaters(input: HelpfulnessInput): Generator<void, Uint8Array> {
  const { agree, valid } = yield* raterAgreement(input);
  const authorOk = authorsInGoodStanding(input);
  return Uint8Array.from({ length: input.nRaters }, (_, u) => (valid[u] > 0 && agree[u] / valid[u] >= MIN_RATER_AGREE_RATIO && authorOk[u] === 1 ? 1 : 0));
}

/**
 * get_valid_ratings: HELPFUL or NOT_HELPFUL ratings (not SOMEWHAT) on notes the first round scored
 * helpful or not helpful, made before the note's most recent such status was published and within
 * the window after the note was written, so that they could not have copied an outcome already shown.
 * Unknown times count as valid.
 */
export function isValidRating(i: number, input: HelpfulnessInput): boolean {
  const { all, status, times } = input;
  const n = all.note[i];
  const v = all.value[i];
  if ((status[n] !== 'CRH' && status[n] !== 'CRNH') || (v !== 0 && v !== 1)) return false;
  const at = all.ratedAt[i];
  if (Number.isNaN(at)) return true;
  const beforeLabel = Number.isNaN(times.labelledAt[n]) || at < times.labelledAt[n];
  const inWindow = Number.isNaN(times.createdAt[n]) || at - times.createdAt[n] < input.validWindowMs;
  return beforeLabel && inWindow;
}

function* raterAgreement(input: HelpfulnessInput): Generator<void, { agree: Int32Array; valid: Int32Array }> {
  const { all, status } = input;
  const agree = new Int32Array(input.nRaters);
  const valid = new Int32Array(input.nRaters);
  yield* inChunks(all.note.length, (from, to) => {
    for (let i = from; i < to; i++) {
      if (!isValidRating(i, input)) continue;
      const u = all.rater[i];
      valid[u]++;
      const outcome = status[all.note[i]] === 'CRH' ? 1 : 0;
      if (all.value[i] === outcome) agree[u]++;
    }
  });
  return { agree, valid };
}

/** author_helpfulness over the notes that have a first-round intercept. */
function authorsInGoodStanding(input: HelpfulnessInput): Uint8Array {
  const notes = new Int32Array(input.nRaters);
  const helpful = new Int32Array(input.nRaters);
  const notHelpful = new Int32Array(input.nRaters);
  const interceptSum = new Float64Array(input.nRaters);
  input.author.forEach((u, n) => {
    if (u < 0 || Number.isNaN(input.noteIntercept[n])) return;
    notes[u]++;
    if (input.status[n] === 'CRH') helpful[u]++;
    if (input.status[n] === 'CRNH') notHelpful[u]++;
    interceptSum[u] += input.noteIntercept[n];
  });
  return Uint8Array.from({ length: input.nRaters }, (_, u) => {
    if (notes[u] === 0) return 1;
    const ratioDifference = helpful[u] / notes[u] - CRNH_MULTIPLIER * (notHelpful[u] / notes[u]);
    return ratioDifference >= MIN_CRH_VS_CRNH_RATIO && interceptSum[u] / notes[u] >= MIN_MEAN_NOTE_SCORE ? 1 : 0;
  });
}
