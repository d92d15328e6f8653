import type { StoredEvent } from '../events/domain-events';

/**
 * What an event does to the pages anonymous readers see: nothing, its article's pages, or every
 * page (an event tied to no article). Events that change only what moderators or the author see
 * (a held comment, a flag, a decision's own row) leave cached pages alone, so that a hot story's
 * flags and held posts do not defeat the micro-cache; the visible change of a decision comes
 * with its own comment.status_changed.
 */
export function publicViewChange(event: StoredEvent): 'none' | 'article' | 'all' {
  switch (event.type) {
    case 'comment.posted':
    case 'comment.edited':
      return event.payload.visible ? 'article' : 'none';
    case 'comment.status_changed':
    case 'comment.deleted':
      return event.payload.visible || event.payload.wasVisible ? 'article' : 'none';
    case 'reaction.changed':
      // Disagreement counts are for moderators only.
      return event.payload.visible && event.payload.kind === 'RESPECT' ? 'article' : 'none';
    case 'label.changed':
    case 'note.status_changed':
    case 'claim.linked':
      return 'article';
    case 'verdict.published':
      // Its labels follow as label.changed per comment; rare enough to end everything anyway.
      return 'all';
    case 'decision.made':
    case 'flag.raised':
    case 'appeal.decided':
      return 'none';
  }
}
