import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsUUID } from 'class-validator';
import { Optional } from '../../../common/http/optional';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { AuditKind } from '../../../generated/prisma/enums';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only actions by this user' })
  @Optional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only actions about this user' })
  @Optional()
  @IsUUID()
  subject?: string;

  @ApiPropertyOptional({ enum: AuditKind })
  @Optional()
  @IsEnum(AuditKind)
  kind?: AuditKind;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'From this time (inclusive)' })
  @Optional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Until this time (exclusive)' })
  @Optional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  to?: Date;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Increasing event number' })
  id: string;

  @ApiProperty({ enum: AuditKind })
  kind: AuditKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  subjectUserId: string | null;

  @ApiProperty({ type: String, nullable: true })
  targetType: string | null;

  @ApiProperty({ type: String, nullable: true })
  targetId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Kind-specific details' })
  data: Record<string, unknown>;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] })
  items: AuditEventDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
