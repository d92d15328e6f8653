import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { AssignmentDto } from '../dto/assignment.dto';
import { AssignmentsService } from './assignments.service';

/**
 * A moderator's assignment to a queue item. `/claim` is the old name of `/assignment`, kept as a
 * deprecated alias (same behaviour) for clients written before the rename.
 */
@ApiTags('moderation')
@ApiBearerAuth()
@Controller('moderation/comments/:id')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post('assignment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take an item for a few minutes (or renew your assignment) so others see who is on it' })
  @ApiOkResponse({ type: AssignmentDto })
  @ApiProblems(401, 403, 404, 409)
  assign(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<AssignmentDto> {
    return this.assignments.assign(user, id);
  }

  @Delete('assignment')
  @HttpCode(204)
  @ApiOperation({ summary: 'Give up your assignment' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async release(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.assignments.release(user, id);
  }

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deprecated alias of POST …/assignment', deprecated: true })
  @ApiOkResponse({ type: AssignmentDto })
  @ApiProblems(401, 403, 404, 409)
  claim(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<AssignmentDto> {
    return this.assignments.assign(user, id);
  }

  @Delete('claim')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deprecated alias of DELETE …/assignment', deprecated: true })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  async unclaim(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.assignments.release(user, id);
  }
}
