import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ParseUuidPipe } from '../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../common/http/problem.dto';
import { BanDto, ChangeRoleDto, LiftDto, PremoderationDto, SuspendDto, UserDto, UserListQueryDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users (moderators): filter by role, status, name or email prefix' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: UserListQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user (moderators)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(401, 403, 404)
  get(@Param('id', ParseUuidPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Put(':id/role')
  @ApiOperation({ summary: 'Change a user’s role (admins)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 413)
  changeRole(@CurrentUser() actor: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: ChangeRoleDto): Promise<UserDto> {
    return this.users.changeRole(actor, id, dto);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a user for some hours; the reason and end are shown to them' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 413)
  suspend(@CurrentUser() actor: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: SuspendDto): Promise<UserDto> {
    return this.users.suspend(actor, id, dto);
  }

  @Post(':id/ban')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ban a user; the reason is shown to them' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 413)
  ban(@CurrentUser() actor: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: BanDto): Promise<UserDto> {
    return this.users.ban(actor, id, dto);
  }

  @Post(':id/lift')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a suspension or ban' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 409, 413)
  lift(@CurrentUser() actor: Principal, @Param('id', ParseUuidPipe) id: string, @Body() dto: LiftDto): Promise<UserDto> {
    return this.users.lift(actor, id, dto);
  }

  @Put(':id/premoderation')
  @ApiOperation({ summary: 'Switch pre-moderation of all of a user’s comments on or off' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 413)
  setPremoderation(
    @CurrentUser() actor: Principal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: PremoderationDto,
  ): Promise<UserDto> {
    return this.users.setPremoderation(actor, id, dto);
  }
}
