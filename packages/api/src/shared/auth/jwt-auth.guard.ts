import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { extractAccessToken } from './access-token';
import type { AuthenticatedRequest, AuthenticatedUser } from './authenticated-user';
import { isUserRole } from './user-role';

/** Lets a request through only with a valid access token, and records who sent it. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly jwtService: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = extractAccessToken(request);
    if (token === undefined) throw new UnauthorizedException('Missing access token');
    request.user = await this.verify(token);
    return true;
  }

  private async verify(token: string): Promise<AuthenticatedUser> {
    let claims: Record<string, unknown>;
    try {
      // Signature, algorithm (pinned in AuthModule) and expiry are checked here.
      claims = await this.jwtService.verifyAsync<Record<string, unknown>>(token);
    } catch {
      throw new UnauthorizedException('Invalid or expired access token');
    }
    const { sub, role } = claims;
    if (typeof sub !== 'string' || sub === '' || !isUserRole(role)) {
      throw new UnauthorizedException('Invalid access token claims');
    }
    return { userId: sub, role };
  }
}
