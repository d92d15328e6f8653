/**
 * The shapes of Parley's public API responses that the front end reads (see /api/openapi.json).
 * Fields marked optional may be absent from older servers or other viewers; the UI copes.
 */

export type Role = 'READER' | 'MODERATOR' | 'FACT_CHECKER' | 'ADMIN';
export type CommentState = 'visible' | 'awaiting-review' | 'rejected' | 'deleted' | 'unavailable';
export type ReactionKind = 'RESPECT' | 'DISAGREE';
export type Sort = 'newest' | 'oldest' | 'replies' | 'respect';

export interface Source {
  url: string;
  title?: string;
}

export interface Label {
  /** Null when the label shows an external fact-check the claim cites. */
  verdict: string | null;
  summary: string;
  sources: Source[];
  asOf: string;
  claim?: { id: string; statement: string; version: number | null };
  externalReview?: { url: string; publisher: string; rating: string };
}

export interface HelpfulNote {
  id: string;
  text: string;
  sources: Source[];
}

export interface Comment {
  id: string;
  articleId: string;
  parentId: string | null;
  depth: number;
  state: CommentState;
  author: { id: string; displayName: string; role: Role } | null;
  html: string | null;
  createdAt: string;
  editedAt: string | null;
  edited: boolean;
  respectCount: number;
  disagreeCount?: number;
  replyCount: number;
  viewerReactions: string[];
  awaitingReview: boolean;
  replies: Comment[];
  moreReplies: boolean;
  moderation?: { status: string; reasons: string[]; message: string | null };
  label?: Label;
  notes?: HelpfulNote[];
  /** Not in the API yet: a moderator featured the comment. */
  featured?: boolean;
  /** Not in the API yet: the author's Markdown source, for editing (the HTML is used meanwhile). */
  source?: string;
  /** Not in the API yet: until when the author may edit. */
  editableUntil?: string;
}

export interface ThreadPage {
  article: { id: string; commentCount: number; open: boolean };
  awaitingReview: Comment[];
  items: Comment[];
  nextCursor: string | null;
}

export interface RepliesPage {
  items: Comment[];
  nextCursor: string | null;
}

export interface Permalink {
  comment: Comment;
  ancestors: Comment[];
}

export interface Article {
  id: string;
  slug: string;
  url: string;
  title: string;
  comments: { open: boolean; count: number; moderationMode: string };
}

export interface Me {
  id: string;
  displayName: string;
  email: string | null;
  role: Role;
  sanction: { status: string; reason: string | null; until: string | null };
  premoderated: boolean;
  sso: boolean;
}

export interface SessionResponse {
  token: string;
  expiresAt: string;
  user: Me;
}

export interface Statement {
  decisionId: string;
  action: string;
  reason: string | null;
  message: string | null;
  decidedAt: string;
  canAppeal: boolean;
  appeal: { id: string; status: string; outcomeNote: string | null; decidedAt: string | null } | null;
}

export interface NoteListItem {
  id: string;
  text: string;
  sources: Source[];
  status: 'NEEDS_MORE_RATINGS' | 'HELPFUL' | 'NOT_HELPFUL';
  ratings: number;
  createdAt: string;
}

export type NoteRating = 'HELPFUL' | 'SOMEWHAT_HELPFUL' | 'NOT_HELPFUL';

/** Reasons a reader may give; the last four go to the urgent queue at once. */
export const FLAG_REASONS = [
  'SPAM',
  'ABUSE',
  'HARASSMENT',
  'HATE',
  'OFF_TOPIC',
  'MISINFORMATION',
  'ILLEGAL',
  'REVEALS_POSITIONS',
  'IDENTIFIES_VICTIM',
  'GRAPHIC_MEDIA',
  'TERRORIST_PROPAGANDA',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const URGENT_REASONS: ReadonlySet<string> = new Set(['REVEALS_POSITIONS', 'IDENTIFIES_VICTIM', 'GRAPHIC_MEDIA', 'TERRORIST_PROPAGANDA']);
