import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional } from '../../../../common/http/optional';
import { PageQueryDto } from '../../../../common/pagination/page-query.dto';
import { CommentStatus, Verdict } from '../../../../generated/prisma/enums';
import { ExternalReviewViewDto } from './external-review.dto';
import { SourceDto } from './source.dto';

export class CreateClaimDto {
  @ApiProperty({ minLength: 1, example: 'Government forces lost control of the river crossing on 17 November.', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  statement: string;

  @ApiPropertyOptional({ type: [String], description: 'Comments that assert the claim' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  commentIds?: string[];
}

export class LinkCommentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  commentId: string;
}

export class ClaimListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Text to search claims for' })
  @Optional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** One version of a claim's verdict. */
export class ClaimVerdictDto {
  @ApiProperty({ type: 'integer' })
  version: number;

  @ApiProperty({ enum: Verdict })
  verdict: Verdict;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  asOf: string;

  @ApiProperty({ format: 'uuid', description: 'The fact-checker who issued it' })
  authorId: string;
}

export class ClaimDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  statement: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: 'integer', description: 'Comments linked to the claim' })
  linkedComments: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When an unsettled verdict returns to the desk' })
  reviewBy: string | null;

  @ApiProperty({ type: ClaimVerdictDto, nullable: true, description: 'The current verdict; null until the first' })
  verdict: ClaimVerdictDto | null;

  @ApiProperty({ type: ExternalReviewViewDto, nullable: true, description: 'An external fact-check the claim cites; labels show it instead of the verdict' })
  externalReview: ExternalReviewViewDto | null;
}

export class ClaimPageDto {
  @ApiProperty({ type: [ClaimDto] })
  items: ClaimDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class VerdictVersionDto extends ClaimVerdictDto {
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class LinkedCommentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty({ enum: CommentStatus })
  status: CommentStatus;

  @ApiProperty({ description: 'Rendered body' })
  html: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'Attached by text similarity rather than by a fact-checker' })
  automatic: boolean;
}

export class ClaimDetailDto extends ClaimDto {
  @ApiProperty({ type: [VerdictVersionDto], description: 'Every verdict version, newest first' })
  history: VerdictVersionDto[];

  @ApiProperty({ type: [LinkedCommentDto], description: 'Linked comments, newest first (at most 200)' })
  comments: LinkedCommentDto[];
}

export class ProposalDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty({ description: 'Rendered body' })
  html: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: 'number', description: 'Trigram word similarity to the statement, 0 to 1' })
  similarity: number;
}

export class ProposalsDto {
  @ApiProperty({ type: [ProposalDto] })
  items: ProposalDto[];
}
