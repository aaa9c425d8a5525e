import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthenticatedUser } from './authenticated-user';
import { SessionEndedException } from './session-ended.exception';
import { SessionLookup } from './session-lookup';
import { isUserRole, type UserRole } from './user-role';

export type VerifiedAccessToken = Readonly<{ user: AuthenticatedUser; expiresAt: Date | null }>;

/** What a well-signed token claims; `sessionId` is absent in tokens minted before sessions existed. */
export type SignedAccessToken = Readonly<{ userId: string; role: UserRole; sessionId: string | undefined; expiresAt: Date | null }>;

/** Checks an access token wherever it arrives: HTTP requests and WebSocket handshakes. */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwtService: JwtService,
    private readonly sessions: SessionLookup,
  ) {}

  /**
   * Throws UnauthorizedException for a bad signature, algorithm, expiry or claims, and
   * SessionEndedException (401 SESSION_ENDED) when the token's session is not open.
   */
  async verify(token: string): Promise<VerifiedAccessToken> {
    const { userId, role, sessionId, expiresAt } = await this.verifySignature(token);
    if (sessionId === undefined || !(await this.sessions.isOpen(sessionId, userId))) throw new SessionEndedException();
    return { user: { userId, role, sessionId }, expiresAt };
  }

  /** Signature, algorithm, expiry and claims only, whatever became of the session: for logout. */
  async verifySignature(token: string): Promise<SignedAccessToken> {
    let claims: Record<string, unknown>;
    try {
      // Signature, algorithm (pinned in AuthModule) and expiry are checked here.
      claims = await this.jwtService.verifyAsync<Record<string, unknown>>(token);
    } catch {
      throw new UnauthorizedException('Invalid or expired access token');
    }
    const { sub, role, sid, exp } = claims;
    if (typeof sub !== 'string' || sub === '' || !isUserRole(role) || (sid !== undefined && (typeof sid !== 'string' || sid === ''))) {
      throw new UnauthorizedException('Invalid access token claims');
    }
    return { userId: sub, role, sessionId: sid, expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : null };
  }
}
