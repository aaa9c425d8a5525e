import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { AppConfig } from '../config/app-config';
import type { AccessTokenClaims } from './access-token';
import type { UserRole } from './user-role';

export type IssuedAccessToken = Readonly<{ accessToken: string; expiresInSeconds: number }>;

/** Signs access tokens and says how to store them in the browser cookie. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly jwtService: JwtService,
    private readonly config: AppConfig,
  ) {}

  async issue(userId: string, role: UserRole, sessionId: string): Promise<IssuedAccessToken> {
    const claims: AccessTokenClaims = { sub: userId, role, sid: sessionId };
    return { accessToken: await this.jwtService.signAsync(claims), expiresInSeconds: this.config.jwt.expiresInSeconds };
  }

  cookieOptions(): CookieSerializeOptions {
    return {
      httpOnly: true,
      // Secure cookies are dropped over plain http, which would break local development.
      secure: this.config.environment === 'production' || new URL(this.config.http.appUrl).protocol === 'https:',
      sameSite: 'lax',
      path: '/',
      maxAge: this.config.jwt.expiresInSeconds,
    };
  }
}
