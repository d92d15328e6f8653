import { Body, Controller, Delete, Get, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireActiveUser } from '../../common/auth/active-user.guard';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/problem.dto';
import { MeDto } from '../users/dto/user.dto';
import { AccountService } from './account.service';
import { DeleteMeQueryDto, UpdateMeDto } from './dto/account.dto';
import { EXPORT_SECTIONS } from './user-data/user-export';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get()
  @ApiOperation({ summary: 'My account, including any suspension or ban and its reason' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  get(@CurrentUser() user: Principal): Promise<MeDto> {
    return this.account.get(user);
  }

  @Patch()
  @RequireActiveUser()
  @ApiOperation({ summary: 'Change my display name' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(400, 401, 403, 413)
  update(@CurrentUser() user: Principal, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return this.account.update(user, dto);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Download everything Parley holds about me (JSON)',
    description: 'Profile, sessions, comments with revisions and decisions, reactions, reports, appeals, notes, ratings, and for staff their decisions, claims, verdicts and labels: one array per section, streamed.',
  })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true, required: ['exportedAt', 'profile', ...Object.keys(EXPORT_SECTIONS)] } })
  @ApiProblems(401)
  async export(@CurrentUser() user: Principal, @Res() res: Response): Promise<void> {
    await this.account.export(user, res);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete my account',
    description: 'Personal data is erased and sessions revoked. Comments stay, attributed to a deleted user; eraseComments=true erases their text too.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 401)
  async remove(@CurrentUser() user: Principal, @Query() query: DeleteMeQueryDto): Promise<void> {
    await this.account.delete(user, query.eraseComments === 'true');
  }
}
