import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { LOGIN_RATE_LIMIT } from '../common/rate-limit.js';
import { ALL_STAFF, Public, Roles } from '../common/auth/access.decorators.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginRequestDto, LoginResponseDto } from './dto/login.dto.js';
import { TooManyAttemptsError } from './identity.errors.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @RouteConfig({ rateLimit: LOGIN_RATE_LIMIT })
  @ApiOperation({
    summary: 'Log in as a member of staff',
    description:
      'Returns a short-lived bearer token and begins a sign-in that the service keeps until you sign out (POST /api/auth/logout) or it lapses. ' +
      'Limited per client address (LOGIN_RATE_LIMIT_PER_MINUTE, 429 `TOO_MANY_REQUESTS`) and per e-mail address as typed: after 10 failed attempts in a row ' +
      'sign-ins with that address are refused for 30 seconds, doubling with each further failure up to 15 minutes (429 `TOO_MANY_ATTEMPTS` with `Retry-After`, ' +
      'the password not checked); a successful sign-in clears the count. The answers are the same whether or not an account has the address.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Unknown e-mail, wrong password or disabled account (one answer for all three)' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many attempts from this client address in the last minute (`TOO_MANY_REQUESTS`), or too many failed sign-ins with this e-mail address (`TOO_MANY_ATTEMPTS`, with `Retry-After` in seconds)',
  })
  async login(@Body() body: LoginRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto> {
    try {
      return await this.auth.login(body.email, body.password);
    } catch (error) {
      if (error instanceof TooManyAttemptsError) void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Post('refresh')
  @Roles(...ALL_STAFF)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Renew your access token before it expires',
    description:
      'Answers like a sign-in, with a new token of the same sign-in, while the token sent still stands; the token sent is retired at once and answers 401 from then on ' +
      '(of two renewals sent with one token, one succeeds and the other is 401). The console renews its token while someone is using it; ' +
      'a session lasts at most STAFF_SESSION_HOURS (12) from signing in, then 401 `SESSION_ENDED`. Signing out, a disabled account or a changed password stops it at once.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({
    description:
      'No token, a token that no longer stands (signed out, renewed already, account changed), or a session at its longest (SESSION_ENDED)',
  })
  refresh(): Promise<LoginResponseDto> {
    return this.auth.refresh();
  }

  @Post('logout')
  @Roles(...ALL_STAFF)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Sign out: end this sign-in on the service',
    description:
      'Ends the sign-in the token belongs to: that token, and every token renewed from it, answers 401 from this moment, and a console connection ' +
      'opened with it is closed within seconds. Your other sign-ins (another browser, another device) are not affected. Audited (`logout`).',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiUnauthorizedResponse({ description: 'No token, or a token that no longer stands (already signed out, renewed, account changed)' })
  async logout(): Promise<void> {
    await this.auth.logout();
  }

  @Post('password')
  @Roles(...ALL_STAFF)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password', description: 'Every access token issued before stops working.' })
  @ApiNoContentResponse()
  async changePassword(@Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(body.currentPassword, body.newPassword);
  }
}
