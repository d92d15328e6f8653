/**
 * The shapes of the staff routes the console reads (see /api/openapi.json). Queue items are built
 * by the server as one JSON object each; fields other branches of the API may add later (scorer
 * outcomes, claims) are optional, and the console shows them when present.
 */
import type { Role, Source } from '../shared/types';

export const QUEUES = ['pending', 'reported', 'urgent', 'unmoderated', 'approved', 'rejected', 'appeals'] as const;
export type QueueName = (typeof QUEUES)[number];

export const REJECTION_REASONS = ['SPAM', 'ABUSE', 'HARASSMENT', 'HATE', 'OFF_TOPIC', 'MISINFORMATION', 'ILLEGAL', 'REVEALS_POSITIONS', 'PRIVACY', 'OTHER'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const VERDICTS = ['UNVERIFIED', 'DISPUTED', 'CONFIRMED', 'FALSE', 'MISLEADING', 'OUTDATED'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const AUDIT_KINDS = [
  'USER_ROLE_CHANGED', 'USER_SUSPENDED', 'USER_BANNED', 'USER_SANCTION_LIFTED', 'USER_PREMODERATION_CHANGED', 'USER_DELETED', 'ADMIN_CREATED',
  'COMMENT_APPROVED', 'COMMENT_REJECTED', 'COMMENT_FEATURED', 'COMMENT_UNFEATURED', 'COMMENT_RESTORED', 'APPEAL_DECIDED', 'WORD_LIST_CHANGED',
  'CLAIM_CREATED', 'CLAIM_LINKED', 'CLAIM_UNLINKED', 'VERDICT_ISSUED', 'COMMENT_LABELLED', 'NOTES_SCORED',
] as const;

export type CommentStatus = 'PUBLISHED' | 'PENDING' | 'WITHHELD' | 'APPROVED' | 'REJECTED' | 'DELETED';

export interface ContextComment {
  id: string;
  status: CommentStatus;
  html: string;
  createdAt: string;
  author: { id: string; displayName: string };
}

export interface FlagGroup {
  reason: string;
  count: number;
  weight: number;
  reports: { details: string | null; sourceUrl: string | null; weight: number; countsTowardHiding: boolean; createdAt: string }[];
}

export interface Sanction {
  status: 'ACTIVE' | 'SUSPENDED' | 'BANNED';
  reason: string | null;
  until: string | null;
}

export interface QueueItem {
  comment: {
    id: string;
    status: CommentStatus;
    revision: number;
    body: string;
    html: string;
    createdAt: string;
    editedAt: string | null;
    depth: number;
    featured: boolean;
    respectCount: number;
    disagreeCount: number;
    replyCount: number;
    checkReasons: string[] | null;
    decidedAt: string | null;
  };
  article: { id: string; title: string; section: string | null; slug: string };
  parent: ContextComment | null;
  root: ContextComment | null;
  flags: { count: number; weight: number; urgent: number; misinformation: number; byReason: FlagGroup[] };
  author: {
    id: string;
    displayName: string;
    role: Role;
    accountAgeDays: number;
    commentsByStatus: Record<string, number>;
    recentRejections: { commentId: string; reason: string | null; at: string }[];
    sanction: Sanction & { premoderated: boolean };
  };
  /** The moderator the item is assigned to (wire name from the old /claim routes). */
  claim: { by: { id: string; displayName: string }; until: string } | null;
  appeal: { id: string; text: string; createdAt: string } | null;
  /** When the server sends it (issue 18): the automatic score and what each scorer said of this revision. */
  scoring?: { score: number | null; scorers: ScorerOutcome[] };
  /** The desk's side: linked claims with their verdict or the external fact-check they cite, the comment's own label, notes (helpful first) and readers' requests for context. */
  factCheck?: FactCheckSide;
}

export interface FactCheckSide {
  claims: {
    id: string;
    statement: string;
    verdict: Verdict | null;
    summary: string | null;
    externalReview: { url: string; publisher: string; rating: string } | null;
  }[];
  label: { verdict: Verdict; summary: string | null; asOf: string } | null;
  notes: { id: string; text: string; status: string; claimId: string | null }[];
  contextRequests: number;
}

/** One scorer provider's outcome for a revision. */
export interface ScorerOutcome {
  provider: string;
  status: 'ok' | 'timeout' | 'error' | 'skipped';
  spam: number | null;
  abuse: number | null;
  ms: number;
  version?: string;
  reason?: string;
  rationale?: string;
  error?: string;
}

export interface QueuePage {
  queue: QueueName;
  items: QueueItem[];
  nextCursor: string | null;
}

export interface QueueCounts {
  counts: Record<string, number>;
  articles: { articleId: string; title: string; held: number; flagged: number }[];
  alerts: { id: string; articleId: string; kind: string; details: unknown; createdAt: string }[];
}

export interface DecisionResult {
  decisionId: string;
  commentId: string;
  action: string;
  status: string;
  featured: boolean;
  flagsResolved: number;
}

export interface StaffUser {
  id: string;
  displayName: string;
  email: string | null;
  role: Role;
  sanction: Sanction;
  premoderated: boolean;
  sso: boolean;
  createdAt: string;
  deletedAt: string | null;
}

export interface AuditEvent {
  id: string;
  kind: string;
  actorId: string | null;
  subjectUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ClaimVerdict {
  version: number;
  verdict: Verdict;
  summary: string;
  sources: Source[];
  asOf: string;
  authorId: string;
  createdAt?: string;
}

export interface Claim {
  id: string;
  statement: string;
  createdAt: string;
  linkedComments: number;
  reviewBy: string | null;
  verdict: ClaimVerdict | null;
}

export interface ClaimDetail extends Claim {
  history: ClaimVerdict[];
  comments: { id: string; articleId: string; status: CommentStatus; html: string; createdAt: string; automatic: boolean }[];
}

export interface Proposal {
  id: string;
  articleId: string;
  html: string;
  createdAt: string;
  similarity: number;
}

export interface DeskItem {
  comment: { id: string; articleId: string; articleTitle: string; html: string; status: CommentStatus; createdAt: string };
  reach: number;
  urgent: boolean;
  reports: { details: string | null; sourceUrl: string | null; at: string }[];
  claims: { id: string; statement: string; verdict: Verdict | null }[];
  targetHours: number;
  dueAt: string;
  overdue: boolean;
}

export interface DeskQueue {
  byClaim: { claim: { id: string; statement: string; verdict: Verdict | null }; commentIds: string[] }[];
  items: DeskItem[];
  dueForReview: Claim[];
}

export interface Campaigns {
  hours: number;
  minAccounts: number;
  scanned: number;
  truncated: boolean;
  items: { sample: string; accounts: number; commentIds: string[]; firstSeen: string }[];
}

export interface Word {
  id: string;
  phrase: string;
  kind: 'BANNED' | 'SUSPECT';
  createdAt: string;
}

export interface ArticleRow {
  id: string;
  slug: string;
  url: string;
  title: string;
  section: string | null;
  publishedAt: string;
  comments: { open: boolean; enabled: boolean; closesAt: string | null; moderationMode: 'POST' | 'PRE'; holdLinks: boolean; count: number };
}

export interface ArticleSettings {
  commentsOpen?: boolean;
  commentsCloseAt?: string | null;
  moderationMode?: 'POST' | 'PRE';
  holdLinks?: boolean;
}

/** What an endpoint may subscribe to: '*' (everything) or a domain event type (README "Webhooks"). */
export const WEBHOOK_EVENT_TYPES = [
  'comment.posted',
  'comment.edited',
  'comment.status_changed',
  'comment.deleted',
  'reaction.changed',
  'decision.made',
  'flag.raised',
  'appeal.decided',
  'claim.linked',
  'verdict.published',
  'label.changed',
  'note.status_changed',
] as const;

export interface WebhookEndpointInput {
  url: string;
  eventTypes: string[];
  description?: string;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  exhaustedInARow: number;
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventType: string;
  eventId: string | null;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  responseStatus: number | null;
  responseMs: number | null;
  lastError: string | null;
  createdAt: string;
}
