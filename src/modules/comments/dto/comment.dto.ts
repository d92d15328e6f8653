import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { COMMENT_STATUSES } from '../../../common/comment-status/comment-status';
import { Optional } from '../../../common/http/optional';
import { CommentStatus, Role } from '../../../generated/prisma/enums';

/*
 * No length limit here: the limit is COMMENT_MAX_LENGTH, counted after normalization (which can
 * only shorten the text), and the posting checks refuse a longer body naming that limit. A fixed
 * cap here named a limit (200,000) that was never the real one; BODY_LIMIT bounds the request.
 */
const BODY_DESCRIPTION =
  'Markdown subset: paragraphs, *emphasis*, links, > quotes, lists, `code`. 1 to COMMENT_MAX_LENGTH characters after normalization (default 10,000).';

export class CreateCommentDto {
  @ApiProperty({ minLength: 1, description: BODY_DESCRIPTION })
  @IsString()
  @IsNotEmpty()
  body: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The comment replied to' })
  @Optional()
  @IsUUID()
  parentId?: string;
}

export class EditCommentDto {
  @ApiProperty({ minLength: 1, description: BODY_DESCRIPTION })
  @IsString()
  @IsNotEmpty()
  body: string;
}

export const THREAD_SORTS = ['oldest', 'newest', 'replies', 'respect'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

/** A page of comments: at most 50 at a time. */
export class RepliesQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 512 })
  @Optional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class ThreadQueryDto extends RepliesQueryDto {
  @ApiPropertyOptional({ enum: THREAD_SORTS, default: 'newest' })
  @Optional()
  @IsIn(THREAD_SORTS)
  sort?: ThreadSort;
}

export class CommentCountsQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'Comma-separated article ids (at most 100)', example: 'id1,id2' })
  @IsString()
  @MaxLength(4000)
  @Matches(/^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,99}$/, { message: 'articles must be up to 100 comma-separated article ids' })
  articles: string;
}

export class CommentAuthorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: Role, description: 'Role badge' })
  role: Role;
}

export class OwnModerationDto {
  @ApiProperty({ enum: COMMENT_STATUSES })
  status: CommentStatus;

  @ApiProperty({ type: [String], description: 'Reason codes of the automatic checks, e.g. BANNED_WORD, LINKS_NEW_COMMENTER' })
  reasons: string[];

  @ApiProperty({ type: String, nullable: true, description: 'Why the comment was rejected, for its author' })
  message: string | null;
}

export class RejectionStatementDto {
  @ApiProperty({ enum: ['moderator', 'checks'], description: 'Who rejected it: a moderator, or the automatic checks (e.g. a banned word)' })
  by: 'moderator' | 'checks';

  @ApiProperty({ type: String, nullable: true, description: 'Reason code: the moderator’s (e.g. HATE, MISINFORMATION) or the check’s (e.g. BANNED_WORD)' })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The statement of reasons for you' })
  message: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a moderator decided; null for the checks' })
  decidedAt: string | null;

  @ApiProperty({ description: 'Whether you may still appeal (POST /api/comments/{id}/appeal)' })
  canAppeal: boolean;

  @ApiProperty({ type: String, enum: ['OPEN', 'UPHELD', 'OVERTURNED'], nullable: true })
  appealStatus: 'OPEN' | 'UPHELD' | 'OVERTURNED' | null;
}

export class CommentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId: string | null;

  @ApiProperty()
  depth: number;

  @ApiProperty({
    enum: ['visible', 'awaiting-review', 'rejected', 'deleted', 'unavailable'],
    description:
      'visible; awaiting-review (your own held comment); rejected (your own rejected comment: only you see it, in place, with `rejection`); deleted (tombstone kept for its replies); unavailable (held, kept for its replies)',
  })
  state: 'visible' | 'awaiting-review' | 'rejected' | 'deleted' | 'unavailable';

  @ApiProperty({ type: CommentAuthorDto, nullable: true, description: 'Null on tombstones and placeholders' })
  author: CommentAuthorDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'Sanitized HTML; null on tombstones and placeholders' })
  html: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  editedAt: string | null;

  @ApiProperty()
  edited: boolean;

  @ApiProperty({ description: 'A moderator featured this comment (show it marked, e.g. "Featured")' })
  featured: boolean;

  @ApiProperty()
  respectCount: number;

  @ApiPropertyOptional({ description: 'Moderators and admins only' })
  disagreeCount?: number;

  @ApiProperty({ description: 'Visible direct replies' })
  replyCount: number;

  @ApiProperty({ type: [String], description: 'Your reactions on this comment' })
  viewerReactions: string[];

  @ApiProperty({ description: 'Your own comment, waiting for a moderator' })
  awaitingReview: boolean;

  @ApiProperty({ type: () => [CommentDto] })
  replies: CommentDto[];

  @ApiProperty({ description: 'More replies exist: load them from /api/comments/{id}/replies' })
  moreReplies: boolean;

  @ApiPropertyOptional({ type: OwnModerationDto, description: 'Only on your own comments: what the checks said' })
  moderation?: OwnModerationDto;

  @ApiPropertyOptional({ type: RejectionStatementDto, description: 'Only on your own rejected comment: why it was removed' })
  rejection?: RejectionStatementDto;

  @ApiPropertyOptional({ description: 'Only in the answer to your own post or edit: the Markdown source as stored (read it later from /api/comments/{id}/source)' })
  source?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Fact-check label: verdict, summary, sources, as-of time, and the claim it comes from; for a claim citing an external fact-check, verdict is null and externalReview holds its publisher, rating and link. A label never hides a comment.',
  })
  label?: {
    verdict: string | null;
    summary: string;
    sources: { url: string; title: string }[];
    asOf: string;
    claim?: { id: string; statement: string; version: number | null };
    externalReview?: { url: string; publisher: string; rating: string };
  };

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Context notes readers rated helpful across viewpoints' })
  notes?: { id: string; text: string; sources: { url: string; title: string }[] }[];
}

export class ThreadArticleDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  commentCount: number;

  @ApiProperty()
  open: boolean;
}

export class ThreadPageDto {
  @ApiProperty({ type: ThreadArticleDto })
  article: ThreadArticleDto;

  @ApiProperty({ type: [CommentDto], description: 'Your own comments awaiting review (first page only)' })
  awaitingReview: CommentDto[];

  @ApiProperty({ type: [CommentDto] })
  items: CommentDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class RepliesPageDto {
  @ApiProperty({ type: [CommentDto] })
  items: CommentDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class PermalinkDto {
  @ApiProperty({ type: CommentDto })
  comment: CommentDto;

  @ApiProperty({ type: [CommentDto], description: 'From the top-level comment down to the parent' })
  ancestors: CommentDto[];
}

export class CommentRevisionDto {
  @ApiProperty()
  revision: number;

  @ApiProperty()
  body: string;

  @ApiProperty()
  html: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class CommentSourceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The current revision (send edits of it)' })
  revision: number;

  @ApiProperty({ description: 'The Markdown source as stored (normalized), to put in an edit form' })
  body: string;

  @ApiProperty({ description: 'Whether you may still edit it (within the edit window, not removed)' })
  editable: boolean;

  @ApiProperty({ type: String, format: 'date-time', description: 'End of the edit window' })
  editableUntil: string;
}

export class CommentCountDto {
  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty()
  count: number;
}

export class CommentCountsDto {
  @ApiProperty({ type: [CommentCountDto] })
  items: CommentCountDto[];
}
