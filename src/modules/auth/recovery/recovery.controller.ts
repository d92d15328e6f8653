import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../common/http/problem.dto';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';
import { PasswordResetConfirmDto, PasswordResetRequestDto, VerifyEmailDto } from '../dto/recovery.dto';
import { EmailVerificationService } from './email-verification.service';
import { PasswordsService } from './passwords.service';

@ApiTags('auth')
@Controller('auth')
export class RecoveryController {
  constructor(
    private readonly passwords: PasswordsService,
    private readonly verification: EmailVerificationService,
  ) {}

  @Post('password-reset')
  @RateLimit('login')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail a password-reset link',
    description: 'Answers 202 whether or not the email belongs to an account. The link (PUBLIC_URL/account/reset-password?token=…) works once, for PASSWORD_RESET_TOKEN_MINUTES; a newer request replaces it.',
  })
  @ApiAcceptedResponse()
  @ApiProblems(400, 404, 413, 429)
  async requestReset(@Body() dto: PasswordResetRequestDto): Promise<void> {
    await this.passwords.request(dto.email);
  }

  @Post('password-reset/confirm')
  @RateLimit('login')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset link’s token; every session of the account is revoked' })
  @ApiNoContentResponse()
  @ApiProblems(400, 413, 422, 429)
  async confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.passwords.confirm(dto.token, dto.password);
  }

  @Post('verify-email')
  @RateLimit('login')
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm an email address with a verification link’s token (no sign-in needed)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 413, 429)
  async verifyEmail(@Body() dto: VerifyEmailDto): Promise<void> {
    await this.verification.confirm(dto.token);
  }
}
