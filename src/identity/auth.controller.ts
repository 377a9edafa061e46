import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { LOGIN_RATE_LIMIT } from '../common/rate-limit.js';
import { ALL_STAFF, Public, Roles } from '../common/auth/access.decorators.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginRequestDto, LoginResponseDto } from './dto/login.dto.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @RouteConfig({ rateLimit: LOGIN_RATE_LIMIT })
  @ApiOperation({ summary: 'Log in as a member of staff', description: 'Returns a short-lived bearer token. Rate-limited per client address.' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Unknown e-mail, wrong password or disabled account (one answer for all three)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address in the last minute' })
  login(@Body() body: LoginRequestDto): Promise<LoginResponseDto> {
    return this.auth.login(body.email, body.password);
  }

  @Post('refresh')
  @Roles(...ALL_STAFF)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Renew your access token before it expires',
    description:
      'Answers like a sign-in, with a new token descended from the same sign-in, while the token sent still stands. The console renews its token while someone is using it; ' +
      'a session lasts at most STAFF_SESSION_HOURS (12) from signing in, then 401 `SESSION_ENDED`. A disabled account or a changed password stops it at once.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'No token, a token that no longer stands, or a session at its longest (SESSION_ENDED)' })
  refresh(): Promise<LoginResponseDto> {
    return this.auth.refresh();
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
