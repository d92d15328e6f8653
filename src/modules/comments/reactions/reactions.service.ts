import { Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import type { ReactionKind } from '../../../generated/prisma/enums';
import { commentError } from '../comments.errors';
import { ReactionStateDto } from './dto/reaction.dto';
import { toReactionStateResponse } from './reactions.mapper';
import { ReactionResult, ReactionsRepository } from './reactions.repository';

@Injectable()
export class ReactionsService {
  constructor(private readonly reactions: ReactionsRepository) {}

  async add(user: Principal, commentId: string, kind: ReactionKind): Promise<ReactionStateDto> {
    const result = await this.reactions.add(commentId, user.id, kind);
    if (result.found && result.own) throw commentError('NOT_YOUR_COMMENT', 'You cannot react to your own comment.');
    return this.toResponse(user, commentId, result);
  }

  async remove(user: Principal, commentId: string, kind: ReactionKind): Promise<ReactionStateDto> {
    return this.toResponse(user, commentId, await this.reactions.remove(commentId, user.id, kind));
  }

  private toResponse(user: Principal, commentId: string, r: ReactionResult): ReactionStateDto {
    if (!r.found) throw commentError('COMMENT_NOT_FOUND', 'No such comment, or it cannot be reacted to.');
    return toReactionStateResponse(user, commentId, r);
  }
}
