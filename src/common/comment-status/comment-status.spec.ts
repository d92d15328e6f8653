import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommentStatus } from '../../generated/prisma/enums';
import {
  COMMENT_STATUSES,
  holdStrength,
  inStatusSet,
  isPubliclyVisible,
  STATUS_SETS,
  STATUS_SQL,
  StatusSetName,
  statusAfterEdit,
  weakerHoldsThan,
} from './comment-status';

const { PUBLISHED, APPROVED, PENDING, WITHHELD, REJECTED, DELETED } = CommentStatus;

describe('statusAfterEdit', () => {
  // current status × the checks' verdict on the new text → the status the edit leaves.
  it.each<[CommentStatus, CommentStatus, CommentStatus]>([
    [PUBLISHED, PUBLISHED, PUBLISHED],
    [PUBLISHED, PENDING, PENDING],
    [PUBLISHED, WITHHELD, WITHHELD],
    [PUBLISHED, REJECTED, REJECTED],
    // An approval was of the old text: the edited text is published again, awaiting review.
    [APPROVED, PUBLISHED, PUBLISHED],
    [APPROVED, PENDING, PENDING],
    [APPROVED, WITHHELD, WITHHELD],
    [APPROVED, REJECTED, REJECTED],
    // An edit never lifts a hold.
    [PENDING, PUBLISHED, PENDING],
    [PENDING, PENDING, PENDING],
    [PENDING, WITHHELD, WITHHELD],
    [PENDING, REJECTED, REJECTED],
    [WITHHELD, PUBLISHED, WITHHELD],
    [WITHHELD, PENDING, WITHHELD],
    [WITHHELD, WITHHELD, WITHHELD],
    [WITHHELD, REJECTED, REJECTED],
  ])('a %s comment checked as %s becomes %s', (current, checked, expected) => {
    expect(statusAfterEdit(current, checked)).toBe(expected);
  });
});

describe('hold strength', () => {
  it('orders the checks’ outcomes published < pending < withheld < rejected', () => {
    const ordered = [PUBLISHED, PENDING, WITHHELD, REJECTED].map(holdStrength);
    expect(ordered).toEqual([0, 1, 2, 3]);
  });

  it('gives statuses no check produces no strength', () => {
    expect([APPROVED, DELETED].map(holdStrength)).toEqual([-1, -1]);
  });

  it('names what a stronger outcome replaces', () => {
    expect(weakerHoldsThan(WITHHELD)).toEqual([PUBLISHED, PENDING]);
    expect(weakerHoldsThan(PUBLISHED)).toEqual([]);
  });
});

describe('status sets', () => {
  it('lists every status of the enum once', () => {
    expect([...COMMENT_STATUSES].sort()).toEqual(Object.values(CommentStatus).sort());
  });

  it('splits the statuses into visible, held and gone, with nothing left over', () => {
    const parts = [...STATUS_SETS.visible, ...STATUS_SETS.held, ...STATUS_SETS.gone];
    expect(parts.sort()).toEqual([...COMMENT_STATUSES].sort());
  });

  it('derives live, undecided and decided from the others', () => {
    const others = (pick: (s: CommentStatus) => boolean) => COMMENT_STATUSES.filter(pick).sort();
    expect([...STATUS_SETS.live].sort()).toEqual(others((s) => !inStatusSet('gone', s)));
    expect([...STATUS_SETS.undecided].sort()).toEqual(others((s) => inStatusSet('live', s) && s !== APPROVED));
    expect([...STATUS_SETS.decided].sort()).toEqual([APPROVED, REJECTED].sort());
  });

  it('is publicly visible only with a visible status and no rejected ancestor', () => {
    expect(isPubliclyVisible({ status: APPROVED, hiddenAncestors: 0 })).toBe(true);
    expect(isPubliclyVisible({ status: APPROVED, hiddenAncestors: 1 })).toBe(false);
    expect(isPubliclyVisible({ status: WITHHELD, hiddenAncestors: 0 })).toBe(false);
  });

  it.each(Object.keys(STATUS_SETS) as StatusSetName[])('writes the %s set as a SQL list of its statuses', (name) => {
    const listed = [...STATUS_SQL[name].matchAll(/'([A-Z]+)'/g)].map((m) => m[1]);
    expect(listed).toEqual([...STATUS_SETS[name]]);
    expect(STATUS_SQL[name]).toMatch(/^\('[A-Z]+'(, '[A-Z]+')*\)$/);
  });

  it('spells the lists as the partial indexes of the migrations do, so the planner can use them', () => {
    const dir = join(__dirname, '../../../prisma/migrations');
    const migrations = readdirSync(dir)
      .filter((d) => /^\d{14}_/.test(d))
      .map((d) => readFileSync(join(dir, d, 'migration.sql'), 'utf8'))
      .join('\n');
    expect(migrations).toContain(`"status" IN ${STATUS_SQL.held}`);
    expect(migrations).toContain(`"status" IN ${STATUS_SQL.visible}`);
    expect(migrations).toContain(`"status" NOT IN ${STATUS_SQL.gone}`);
    expect(migrations).toContain(`"status" IN ${STATUS_SQL.undecided}`);
  });
});
