import type { CommentStatus } from './console-types';

export interface AllowedDecisions {
  approve: boolean;
  restore: boolean;
  reject: boolean;
  feature: boolean;
  unfeature: boolean;
}

/**
 * Which decisions a comment in this status allows, as the server's transitions define them
 * (moderation/decisions/transitions.ts): the console offers only those, so a moderator never
 * presses a button the server must refuse.
 */
export function allowedDecisions(status: CommentStatus, featured: boolean): AllowedDecisions {
  const undecided = status === 'PUBLISHED' || status === 'PENDING' || status === 'WITHHELD';
  const visible = status === 'PUBLISHED' || status === 'APPROVED';
  return {
    approve: undecided,
    restore: status === 'REJECTED',
    reject: undecided || status === 'APPROVED',
    feature: visible && !featured,
    unfeature: featured,
  };
}
