import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../../../common/http/optional';

/** The reader's own request for context on a comment, and how many readers asked. */
export class ContextRequestDto {
  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty({ description: 'Whether you are asking for context on this comment' })
  requested: boolean;

  @ApiProperty({ type: 'integer', description: 'Readers asking for context on it' })
  requests: number;
}

/** The reader's own requests for context on one article. */
export class MyContextRequestsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The article’s public comments on which you asked for context' })
  commentIds: string[];
}

export class RequestedCommentsQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class RequestedCommentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty()
  articleTitle: string;

  @ApiProperty({ description: 'Rendered body' })
  html: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: 'integer', description: 'Readers asking for context on it' })
  requests: number;

  @ApiProperty({ type: 'integer', description: 'Notes already written on it (any status)' })
  notes: number;
}

export class RequestedCommentsDto {
  @ApiProperty({ type: [RequestedCommentDto], description: 'Public comments readers asked context for, most requested first' })
  items: RequestedCommentDto[];
}
