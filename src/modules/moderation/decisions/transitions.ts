import type { CommentStatus, DecisionAction } from '../../../generated/prisma/enums';

/**
 * Which decision may be taken from which status, and where it leads. FEATURE and UNFEATURE keep
 * the status; RESTORE brings a rejected comment back as approved.
 */
export function transition(action: DecisionAction, from: CommentStatus, featured: boolean): { to: CommentStatus; featured: boolean } | null {
  switch (action) {
    case 'APPROVE':
      return ['PUBLISHED', 'PENDING', 'WITHHELD'].includes(from) ? { to: 'APPROVED', featured } : null;
    case 'REJECT':
      return ['PUBLISHED', 'APPROVED', 'PENDING', 'WITHHELD'].includes(from) ? { to: 'REJECTED', featured: false } : null;
    case 'RESTORE':
      return from === 'REJECTED' ? { to: 'APPROVED', featured } : null;
    case 'FEATURE':
      return (from === 'PUBLISHED' || from === 'APPROVED') && !featured ? { to: from, featured: true } : null;
    case 'UNFEATURE':
      return featured ? { to: from, featured: false } : null;
  }
}
