import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthenticatedUser } from './authenticated-user';
import { isUserRole } from './user-role';

export type VerifiedAccessToken = Readonly<{ user: AuthenticatedUser; expiresAt: Date | null }>;

/** Checks an access token wherever it arrives: HTTP requests and WebSocket handshakes. */
@Injectable()
export class AccessTokenVerifier {
  constructor(private readonly jwtService: JwtService) {}

  /** Throws UnauthorizedException for a bad signature, algorithm, expiry or claims. */
  async verify(token: string): Promise<VerifiedAccessToken> {
    let claims: Record<string, unknown>;
    try {
      // Signature, algorithm (pinned in AuthModule) and expiry are checked here.
      claims = await this.jwtService.verifyAsync<Record<string, unknown>>(token);
    } catch {
      throw new UnauthorizedException('Invalid or expired access token');
    }
    const { sub, role, exp } = claims;
    if (typeof sub !== 'string' || sub === '' || !isUserRole(role)) {
      throw new UnauthorizedException('Invalid access token claims');
    }
    return { user: { userId: sub, role }, expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : null };
  }
}
