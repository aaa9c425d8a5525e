import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { extractAccessToken } from './access-token';
import { AccessTokenVerifier } from './access-token.verifier';
import type { AuthenticatedRequest } from './authenticated-user';

/** Lets a request through only with a valid access token, and records who sent it. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly verifier: AccessTokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = extractAccessToken(request);
    if (token === undefined) throw new UnauthorizedException('Missing access token');
    request.user = (await this.verifier.verify(token)).user;
    return true;
  }
}
