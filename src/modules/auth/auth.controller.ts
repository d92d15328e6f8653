import { Body, Controller, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/http/problem.dto';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import { AuthService } from './auth.service';
import { LoginDto, RegisterDto, SessionDto, SsoDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @RateLimit('login')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a reader account with email and password; returns a session' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblems(400, 409, 413, 422, 429)
  register(@Body() dto: RegisterDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string): Promise<SessionDto> {
    return this.auth.register(dto, { ip, userAgent: userAgent ?? null });
  }

  @Post('login')
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; returns a bearer token' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 413, 429)
  login(@Body() dto: LoginDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string): Promise<SessionDto> {
    return this.auth.login(dto, { ip, userAgent: userAgent ?? null });
  }

  @Post('sso')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a sign-on token signed by the news site for a session',
    description: 'HS256 JWT with sub (reader id on the site), name, email, jti, iat and exp; short-lived and single-use.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 404, 413)
  signOn(@Body() dto: SsoDto, @Ip() ip: string, @Headers('user-agent') userAgent?: string): Promise<SessionDto> {
    return this.auth.signOn(dto, { ip, userAgent: userAgent ?? null });
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the current session' })
  @ApiNoContentResponse()
  @ApiProblems(401)
  async logout(@CurrentUser() user: Principal): Promise<void> {
    await this.auth.logout(user);
  }
}
