import { Controller, Delete, Param, ParseEnumPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireActiveUser } from '../../../common/auth/active-user.guard';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { commonError } from '../../../common/errors/app-error';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';
import { ReactionKind } from '../../../generated/prisma/enums';
import { ReactionStateDto } from './dto/reaction.dto';
import { ReactionsService } from './reactions.service';

const kindPipe = new ParseEnumPipe(ReactionKind, {
  exceptionFactory: () => commonError('NOT_FOUND', 'Reaction kinds are RESPECT and DISAGREE.'),
});

@ApiTags('reactions')
@ApiBearerAuth()
@Controller('comments/:id/reactions')
export class ReactionsController {
  constructor(private readonly reactions: ReactionsService) {}

  @Put(':kind')
  @RateLimit('react')
  @RequireActiveUser()
  @ApiOperation({ summary: 'React to a comment (idempotent; one per kind per user). DISAGREE counts are shown to moderators only.' })
  @ApiParam({ name: 'kind', enum: ReactionKind })
  @ApiOkResponse({ type: ReactionStateDto })
  @ApiProblems(401, 403, 404, 429)
  add(
    @CurrentUser() user: Principal,
    @Param('id', ParseUuidPipe) id: string,
    @Param('kind', kindPipe) kind: ReactionKind,
  ): Promise<ReactionStateDto> {
    return this.reactions.add(user, id, kind);
  }

  @Delete(':kind')
  @RateLimit('react')
  @RequireActiveUser()
  @ApiOperation({ summary: 'Take a reaction back (idempotent)' })
  @ApiParam({ name: 'kind', enum: ReactionKind })
  @ApiOkResponse({ type: ReactionStateDto })
  @ApiProblems(401, 403, 404, 429)
  remove(
    @CurrentUser() user: Principal,
    @Param('id', ParseUuidPipe) id: string,
    @Param('kind', kindPipe) kind: ReactionKind,
  ): Promise<ReactionStateDto> {
    return this.reactions.remove(user, id, kind);
  }
}
