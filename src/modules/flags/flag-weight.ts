/**
 * How much a reader's flag counts toward hiding a comment: 1, plus their standing (account age
 * and approved comments, up to 1), plus their accuracy for this reason (-1 to +1 once they have
 * three decided flags of it). Rounded to 1/64 so that sums of weights are exact in floating point.
 */

export interface ReporterRecord {
  accountAgeDays: number;
  approvedComments: number;
  agreed: number;
  disagreed: number;
}

const FULL_STANDING_DAYS = 30;
const FULL_STANDING_APPROVED = 10;
const MIN_DECIDED_FOR_ACCURACY = 3;

export function standing(r: ReporterRecord): number {
  const age = Math.min(1, Math.max(0, r.accountAgeDays) / FULL_STANDING_DAYS);
  const approved = Math.min(1, Math.max(0, r.approvedComments) / FULL_STANDING_APPROVED);
  return 0.5 * age + 0.5 * approved;
}

export function accuracy(r: ReporterRecord): number {
  const decided = r.agreed + r.disagreed;
  if (decided < MIN_DECIDED_FOR_ACCURACY) return 0;
  return (2 * r.agreed) / decided - 1;
}

export function flagWeight(r: ReporterRecord): number {
  const raw = Math.max(0, 1 + standing(r) + accuracy(r));
  return Math.round(raw * 64) / 64;
}
