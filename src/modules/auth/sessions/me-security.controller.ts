import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../../common/auth/principal';
import { ParseUuidPipe } from '../../../common/http/parse-uuid.pipe';
import { ApiProblems } from '../../../common/http/problem.dto';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';
import { ChangePasswordDto } from '../dto/recovery.dto';
import { RevokedSessionsDto, SessionListDto } from '../dto/sessions.dto';
import { EmailVerificationService } from '../recovery/email-verification.service';
import { PasswordsService } from '../recovery/passwords.service';
import { SessionsService } from './sessions.service';

/** The signed-in user's password, email verification and sessions. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeSecurityController {
  constructor(
    private readonly passwords: PasswordsService,
    private readonly verification: EmailVerificationService,
    private readonly sessions: SessionsService,
  ) {}

  @Put('password')
  @RateLimit('login')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password (the current one required); my other sessions are revoked, this one stays' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 409, 413, 422, 429)
  async changePassword(@CurrentUser() user: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.passwords.change(user, dto.currentPassword, dto.newPassword);
  }

  @Post('email-verification')
  @RateLimit('login')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail me a new email-verification link (older links stop working)' })
  @ApiAcceptedResponse()
  @ApiProblems(401, 404, 409, 429)
  async resendVerification(@CurrentUser() user: Principal): Promise<void> {
    await this.verification.resend(user);
  }

  @Get('sessions')
  @ApiOperation({ summary: 'My live sessions, the current one marked' })
  @ApiOkResponse({ type: SessionListDto })
  @ApiProblems(401)
  listSessions(@CurrentUser() user: Principal): Promise<SessionListDto> {
    return this.sessions.list(user);
  }

  @Post('sessions/revoke-others')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke all my sessions but the current one' })
  @ApiOkResponse({ type: RevokedSessionsDto })
  @ApiProblems(401)
  revokeOthers(@CurrentUser() user: Principal): Promise<RevokedSessionsDto> {
    return this.sessions.revokeOthers(user);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of my sessions (the current one signs me out)' })
  @ApiNoContentResponse()
  @ApiProblems(401, 404)
  async revokeSession(@CurrentUser() user: Principal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.sessions.revoke(user, id);
  }
}
