import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEnum, IsIn, IsNotEmptyObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { EmailCadence, NotificationKind } from '../../../generated/prisma/enums';

export class NotificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications not read yet', default: false })
  @Optional()
  @Type(() => String)
  @IsEnum(['true', 'false'], { message: 'unread must be true or false' })
  unread?: 'true' | 'false';
}

class NotificationArticleDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  url: string;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: Object.values(NotificationKind), description: 'REPLY, DECISION (with its statement of reasons), APPEAL (its outcome), VERDICT (a claim your comment or one you reacted to is linked to)' })
  kind: NotificationKind;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: string | null;

  @ApiProperty({ description: 'One sentence saying what happened', example: 'Omar replied to your comment on "Town retaken, say both sides".' })
  summary: string;

  @ApiProperty({ type: [String], description: "What goes with it: the reply's opening words, the reason and moderator's note, the verdict and its summary" })
  details: string[];

  @ApiProperty({ type: String, nullable: true, description: "The comment on the article's page (the embed's #comment-<id> permalink)" })
  link: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The reply, the decided comment, or the comment linked to the claim' })
  commentId: string | null;

  @ApiProperty({ type: NotificationArticleDto, nullable: true })
  article: NotificationArticleDto | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Kind-specific ids and facts (decisionId, reason; appealId, outcome; claimId, verdict, previous)' })
  data: Record<string, unknown>;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] })
  items: NotificationDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;

  @ApiProperty({ description: 'Unread notifications in all (not only on this page)' })
  unreadCount: number;
}

export class UnreadCountDto {
  @ApiProperty()
  unreadCount: number;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'How many notifications were unread and are read now' })
  marked: number;
}

export class EmailKindsDto {
  @ApiProperty({ description: 'Mail about replies to my comments' })
  @IsBoolean()
  reply: boolean;

  @ApiProperty({ description: "Mail about moderators' decisions on my comments" })
  @IsBoolean()
  decision: boolean;

  @ApiProperty({ description: 'Mail about the outcome of my appeals' })
  @IsBoolean()
  appeal: boolean;

  @ApiProperty({ description: 'Mail about verdict changes on claims my comments, or comments I reacted to, are linked to' })
  @IsBoolean()
  verdict: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ enum: Object.values(EmailCadence), description: 'IMMEDIATE: a mail per notification; DAILY: one digest a day of the unread ones; OFF: no mail (the in-app list always works)' })
  @IsIn(Object.values(EmailCadence))
  cadence: EmailCadence;

  @ApiProperty({ type: EmailKindsDto, description: 'Per kind: mail on or off' })
  @IsDefined()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => EmailKindsDto)
  email: EmailKindsDto;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'The token from the List-Unsubscribe link of a notification mail', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  token: string;
}

export class UnsubscribedDto {
  @ApiProperty({ enum: ['reply', 'decision', 'appeal', 'verdict', 'all'], description: 'What mail was turned off: one kind, or all of it (cadence OFF)' })
  unsubscribed: string;

  @ApiProperty({ type: NotificationPreferencesDto })
  preferences: NotificationPreferencesDto;
}
