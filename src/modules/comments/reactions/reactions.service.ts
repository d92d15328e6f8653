import { Injectable } from '@nestjs/common';
import { Principal } from '../../../common/auth/principal';
import type { ReactionKind } from '../../../generated/prisma/enums';
import { EventsService } from '../../events/events.service';
import { commentError } from '../comments.errors';
import { ReactionStateDto } from './dto/reaction.dto';
import { toReactionStateResponse } from './reactions.mapper';
import { ReactionResult, ReactionsRepository } from './reactions.repository';

@Injectable()
export class ReactionsService {
  constructor(
    private readonly reactions: ReactionsRepository,
    private readonly events: EventsService,
  ) {}

  async add(user: Principal, commentId: string, kind: ReactionKind): Promise<ReactionStateDto> {
    const result = await this.reactions.add(commentId, user.id, kind);
    // A change committed its reaction.changed event with it: the relay takes it from here.
    await this.events.committed();
    if (result.found && result.own) throw commentError('NOT_YOUR_COMMENT', 'You cannot react to your own comment.');
    return this.toResponse(user, commentId, result);
  }

  async remove(user: Principal, commentId: string, kind: ReactionKind): Promise<ReactionStateDto> {
    const result = await this.reactions.remove(commentId, user.id, kind);
    await this.events.committed();
    return this.toResponse(user, commentId, result);
  }

  private toResponse(user: Principal, commentId: string, r: ReactionResult): ReactionStateDto {
    if (!r.found) throw commentError('COMMENT_NOT_FOUND', 'No such comment, or it cannot be reacted to.');
    return toReactionStateResponse(user, commentId, r);
  }
}
