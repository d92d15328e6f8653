import { EnvReader } from './env-reader';

/** Read by the misinformation module: the desk's targets and verdict reviews, context notes. */
export interface MisinformationSettings {
  /** Misinformation desk response-time targets, and when unsettled verdicts come back. */
  deskTargetHours: number;
  deskUrgentTargetHours: number;
  verdictReviewDays: number;
  /** Who may write context notes: account age in days and approved comments. */
  notesMinAccountDays: number;
  notesMinApproved: number;
  /** Raters with fewer ratings are left out of the note scoring fit. */
  notesMinRatingsPerRater: number;
  /** Net helpful ratings a shown note needs from each side of the raters' factor. */
  notesMinMinorityHelpful: number;
  /** Ratings later than this after a note was written do not count towards a rater's track record. */
  notesValidRatingHours: number;
  /** Minutes between scheduled scoring runs; 0 = on demand only. */
  notesScoringIntervalMinutes: number;
  /** The organization named as the author of published fact-checks (schema.org ClaimReview). */
  factCheckOrgName: string;
  /** Its web address; null = PUBLIC_URL. */
  factCheckOrgUrl: string | null;
  /** Where a claim's fact-check is published, with `{id}` for the claim id; null = the API's own ClaimReview route. */
  factCheckPageUrl: string | null;
}

export function readMisinformationSettings(r: EnvReader): MisinformationSettings {
  return {
    deskTargetHours: r.int('DESK_TARGET_HOURS', 24, 1, 720),
    deskUrgentTargetHours: r.int('DESK_URGENT_TARGET_HOURS', 1, 1, 720),
    verdictReviewDays: r.int('VERDICT_REVIEW_DAYS', 7, 1, 365),
    notesMinAccountDays: r.int('NOTES_MIN_ACCOUNT_DAYS', 7, 0, 3650),
    notesMinApproved: r.int('NOTES_MIN_APPROVED', 3, 0, 10000),
    notesMinRatingsPerRater: r.int('NOTES_MIN_RATINGS_PER_RATER', 10, 1, 1000),
    notesMinMinorityHelpful: r.int('NOTES_MIN_MINORITY_HELPFUL', 4, 0, 1000),
    notesValidRatingHours: r.int('NOTES_VALID_RATING_HOURS', 48, 1, 87600),
    notesScoringIntervalMinutes: r.int('NOTES_SCORING_INTERVAL_MINUTES', 60, 0, 10080),
    factCheckOrgName: r.string('FACTCHECK_ORG_NAME', 'Parley fact-check desk').trim() || 'Parley fact-check desk',
    factCheckOrgUrl: r.url('FACTCHECK_ORG_URL', ['http:', 'https:']),
    factCheckPageUrl: pageUrl(r),
  };
}

function pageUrl(r: EnvReader): string | null {
  const value = r.url('FACTCHECK_PAGE_URL', ['http:', 'https:']);
  if (value !== null && !value.includes('{id}')) {
    r.problems.push('FACTCHECK_PAGE_URL must contain {id}, where the claim id goes (e.g. https://news.example/fact-checks/{id})');
    return null;
  }
  return value;
}
