import { ApiProperty } from '@nestjs/swagger';
import { CommentStatus, Verdict } from '../../../../generated/prisma/enums';
import { ClaimDto } from './claim.dto';

export class DeskClaimRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  statement: string;

  @ApiProperty({ enum: Verdict, nullable: true, description: 'Current verdict; null until the first' })
  verdict: Verdict | null;
}

export class DeskClaimGroupDto {
  @ApiProperty({ type: DeskClaimRefDto })
  claim: DeskClaimRefDto;

  @ApiProperty({ type: [String], description: 'Reported comments that repeat it' })
  commentIds: string[];
}

export class DeskCommentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty()
  articleTitle: string;

  @ApiProperty({ description: 'Rendered body' })
  html: string;

  @ApiProperty({ enum: CommentStatus })
  status: CommentStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class DeskReportDto {
  @ApiProperty({ type: String, nullable: true, description: 'What the reader says is wrong' })
  details: string | null;

  @ApiProperty({ type: String, nullable: true })
  sourceUrl: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;
}

export class DeskItemDto {
  @ApiProperty({ type: DeskCommentDto })
  comment: DeskCommentDto;

  @ApiProperty({ type: 'number', description: 'Replies, reactions and flag weight: how far the comment travels' })
  reach: number;

  @ApiProperty({ description: 'The comment also carries an urgent report' })
  urgent: boolean;

  @ApiProperty({ type: 'integer', description: 'Readers who asked for context on the comment ("this needs a note")' })
  contextRequests: number;

  @ApiProperty({ type: [DeskReportDto], description: 'Open misinformation reports, oldest first' })
  reports: DeskReportDto[];

  @ApiProperty({ type: [DeskClaimRefDto] })
  claims: DeskClaimRefDto[];

  @ApiProperty({ type: 'integer', description: 'Response-time target (DESK_TARGET_HOURS, or DESK_URGENT_TARGET_HOURS)' })
  targetHours: number;

  @ApiProperty({ type: String, format: 'date-time' })
  dueAt: string;

  @ApiProperty()
  overdue: boolean;
}

export class DeskQueueDto {
  @ApiProperty({ type: [DeskClaimGroupDto], description: 'The reported comments grouped by the claim they repeat, largest group first' })
  byClaim: DeskClaimGroupDto[];

  @ApiProperty({ type: [DeskItemDto], description: 'Most context requests first, then by reach, then age (at most 100)' })
  items: DeskItemDto[];

  @ApiProperty({ type: [ClaimDto], description: 'Claims whose unsettled verdict is due for review' })
  dueForReview: ClaimDto[];
}
