import { ApiProperty } from '@nestjs/swagger';
import { Verdict } from '../../../../generated/prisma/enums';

/** Counts keyed by a code (an action, a reason, a status or a verdict). */
const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class TransparencyLabelDto {
  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty({ enum: Verdict })
  verdict: Verdict;

  @ApiProperty({ type: String, nullable: true, description: 'The claim statement; null for a comment’s own label' })
  claim: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  asOf: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the verdict or label was given' })
  since: string;
}

export class TransparencyRemovalDto {
  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty({ enum: ['REJECT', 'RESTORE'] })
  action: string;

  @ApiProperty({ type: String, nullable: true, description: 'Reason code of a rejection' })
  reason: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, nullable: true, description: 'Status of an appeal against it, if any' })
  appeal: string | null;
}

export class ArticleTransparencyDto {
  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty({ type: [TransparencyLabelDto], description: 'Newest first (at most 500)' })
  labels: TransparencyLabelDto[];

  @ApiProperty({ type: [TransparencyRemovalDto], description: 'Rejections and restorations, newest first (at most 500)' })
  removals: TransparencyRemovalDto[];
}

export class MonthlyTransparencyDto {
  @ApiProperty({ example: '2026-11' })
  month: string;

  @ApiProperty({ ...COUNTS, description: 'Moderation decisions by action' })
  decisions: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Rejections by reason code (NONE without one)' })
  rejectionsByReason: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Reader reports by reason' })
  reportsByReason: Record<string, number>;

  @ApiProperty({ type: 'number', nullable: true, description: 'Median hours from the first report to the first decision' })
  medianHoursFromReportToDecision: number | null;

  @ApiProperty({ ...COUNTS, description: 'Appeals by status' })
  appeals: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Verdicts issued, by verdict' })
  verdicts: Record<string, number>;
}
