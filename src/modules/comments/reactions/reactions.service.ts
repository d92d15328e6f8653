import { Injectable } from '@nestjs/common';
import { isStaff, Principal } from '../../../common/auth/principal';
import type { ReactionKind } from '../../../generated/prisma/enums';
import { commentError } from '../comments.errors';
import { ReactionStateDto } from './reaction.dto';
import { ReactionsRepository, ReactionResult } from './reactions.repository';

@Injectable()
export class ReactionsService {
  constructor(private readonly reactions: ReactionsRepository) {}

  async add(user: Principal, commentId: string, kind: ReactionKind): Promise<ReactionStateDto> {
    const result = await this.reactions.add(commentId, user.id, kind);
    if (result.found && result.own) throw commentError('NOT_YOUR_COMMENT', 'You cannot react to your own comment.');
    return this.toDto(user, commentId, result);
  }

  async remove(user: Principal, commentId: string, kind: ReactionKind): Promise<ReactionStateDto> {
    return this.toDto(user, commentId, await this.reactions.remove(commentId, user.id, kind));
  }

  private toDto(user: Principal, commentId: string, r: ReactionResult): ReactionStateDto {
    if (!r.found) throw commentError('COMMENT_NOT_FOUND', 'No such comment, or it cannot be reacted to.');
    const dto: ReactionStateDto = { commentId, respectCount: r.respectCount, viewerReactions: r.kinds };
    if (isStaff(user.role)) dto.disagreeCount = r.disagreeCount;
    return dto;
  }
}
