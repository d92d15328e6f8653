import type { NotificationDto } from './dto/notification.dto';
import type { NotificationRow } from './notifications.repository';

/** Payloads as the consumer writes them, per kind. */
export interface ReplyPayload {
  parentId: string;
}
export interface DecisionPayload {
  decisionId: string;
  action: string;
  reason: string | null;
  message: string | null;
  status: string;
}
export interface AppealPayload {
  appealId: string;
  decisionId: string;
  outcome: 'UPHELD' | 'OVERTURNED';
  note: string | null;
}
export interface VerdictPayload {
  claimId: string;
  statement: string;
  version: number;
  verdict: string;
  previous: string | null;
  summary: string;
  /** Whether the recipient wrote the linked comment (or reacted to it). */
  own: boolean;
}

const EXCERPT_CHARS = 280;

export function excerpt(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS - 1).join('')}…` : chars.join('');
}

const lower = (s: string) => s.toLowerCase().replace(/_/g, ' ');

/** Where the comment is read: the article's page, at the embed's permalink anchor. */
export function linkOf(row: NotificationRow): string | null {
  if (!row.article) return null;
  return row.commentId ? `${row.article.url}#comment-${row.commentId}` : row.article.url;
}

/** One sentence saying what happened, and the lines under it (the reply's words, the reasons, the verdict). */
export function describe(row: NotificationRow): { summary: string; details: string[] } {
  const on = row.article ? ` on "${row.article.title}"` : '';
  switch (row.kind) {
    case 'REPLY': {
      const who = row.comment?.author.displayName ?? 'Someone';
      return { summary: `${who} replied to your comment${on}.`, details: row.comment ? [excerpt(row.comment.bodySource)] : [] };
    }
    case 'DECISION': {
      const p = row.payload as unknown as DecisionPayload;
      const what =
        p.action === 'REJECT' ? 'A moderator removed your comment'
        : p.action === 'RESTORE' ? 'A moderator restored your comment'
        : p.action === 'FEATURE' ? 'A moderator featured your comment'
        : 'A moderator approved your comment; it is visible now';
      const details = [];
      if (p.reason) details.push(`Reason: ${lower(p.reason)}.`);
      if (p.message) details.push(`Moderator's note: ${p.message}`);
      if (p.action === 'REJECT') details.push('You may appeal this decision once, from the comment.');
      return { summary: `${what}${on}.`, details };
    }
    case 'APPEAL': {
      const p = row.payload as unknown as AppealPayload;
      const summary =
        p.outcome === 'OVERTURNED'
          ? `Your appeal succeeded: your comment${on} is restored.`
          : `Your appeal was decided: the removal of your comment${on} stands.`;
      return { summary, details: p.note ? [`Moderator's note: ${p.note}`] : [] };
    }
    case 'VERDICT': {
      const p = row.payload as unknown as VerdictPayload;
      const whose = p.own ? 'your comment' : 'a comment you reacted to';
      const change = p.previous ? `changed from ${lower(p.previous)} to ${lower(p.verdict)}` : `has a verdict: ${lower(p.verdict)}`;
      return {
        summary: `The fact-check of a claim in ${whose}${on} ${change}.`,
        details: [`Claim: ${p.statement}`, `Verdict: ${lower(p.verdict)}. ${p.summary}`],
      };
    }
  }
}

export function toNotificationResponse(row: NotificationRow): NotificationDto {
  const { summary, details } = describe(row);
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    summary,
    details,
    link: linkOf(row),
    commentId: row.commentId,
    article: row.article ? { id: row.article.id, title: row.article.title, url: row.article.url } : null,
    data: row.payload as Record<string, unknown>,
  };
}
