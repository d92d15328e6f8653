/** Instants Parley stores or compares: years 1 to 9999 (PostgreSQL's range is narrower than JavaScript's). */
export const DATE_RANGE = { min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z') };

/** A date Parley can store and do arithmetic on (years 1 to 9999). */
export function isStorableDate(date: Date): boolean {
  const t = date.getTime();
  return !Number.isNaN(t) && t >= DATE_RANGE.min.getTime() && t <= DATE_RANGE.max.getTime();
}
