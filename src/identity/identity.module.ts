import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenService } from './access-token.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService, SESSION_HOURS, TOKEN_TTL_SECONDS } from './auth.service.js';
import { Settings } from '../config/settings.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffAccountRepository } from './staff-account.repository.js';
import { StaffSessionRepository } from './staff-session.repository.js';
import { LoginThrottle } from './login-throttle.js';
import { StaffAdminController } from './staff-admin.controller.js';
import { StaffAdminService } from './staff-admin.service.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [Settings],
      useFactory: (settings: Settings) => ({
        // A key object, not the string: jsonwebtoken otherwise tries (and fails) to parse the string as a public
        // key on every verification before treating it as a shared secret, which costs more than the HMAC.
        secret: createSecretKey(Buffer.from(settings.jwtSecret, 'utf8')) as unknown as string,
        signOptions: { algorithm: 'HS256', expiresIn: settings.env.JWT_TTL_SECONDS, issuer: 'signpost' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'signpost' },
      }),
    }),
  ],
  controllers: [AuthController, StaffAdminController],
  providers: [
    AuthService,
    AccessTokenService,
    StaffAccountRepository,
    StaffSessionRepository,
    LoginThrottle,
    StaffAdminService,
    { provide: PasswordHasher, useValue: new PasswordHasher() },
    { provide: TOKEN_TTL_SECONDS, inject: [Settings], useFactory: (settings: Settings) => settings.env.JWT_TTL_SECONDS },
    { provide: SESSION_HOURS, inject: [Settings], useFactory: (settings: Settings) => settings.env.STAFF_SESSION_HOURS },
  ],
  exports: [AccessTokenService, PasswordHasher],
})
export class IdentityModule {}
