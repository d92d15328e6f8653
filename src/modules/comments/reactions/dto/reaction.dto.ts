import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReactionKind } from '../../../../generated/prisma/enums';

export class ReactionStateDto {
  @ApiProperty({ format: 'uuid' })
  commentId: string;

  @ApiProperty()
  respectCount: number;

  @ApiPropertyOptional({ description: 'Moderators and admins only' })
  disagreeCount?: number;

  @ApiProperty({ enum: ReactionKind, isArray: true })
  viewerReactions: ReactionKind[];
}
