import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../../../../shared/config/app-config';

export const WEBHOOK_SECRET_HEADER = 'x-webhook-secret';
export const WEBHOOK_SECRET_QUERY_PARAMETER = 'secret';

/**
 * process.st is only given a URL, so the secret may come as a query parameter; a proxy or client
 * that can set headers uses X-Webhook-Secret. Without a configured secret the webhook is closed.
 */
@Injectable()
export class ProcessStWebhookSecretGuard implements CanActivate {
  private readonly expectedDigest: Buffer | undefined;

  constructor(config: AppConfig) {
    const expected = config.processSt.webhookSecret;
    this.expectedDigest = expected === undefined ? undefined : digestOf(expected);
  }

  canActivate(context: ExecutionContext): boolean {
    const given = secretOf(context.switchToHttp().getRequest<FastifyRequest>());
    // Comparing digests gives equal lengths, so the comparison time says nothing about the secret, not even its length.
    if (this.expectedDigest === undefined || given === undefined || !timingSafeEqual(digestOf(given), this.expectedDigest)) {
      throw new UnauthorizedException({ code: 'INVALID_WEBHOOK_SECRET', message: 'Missing or wrong webhook secret' });
    }
    return true;
  }
}

function secretOf(request: FastifyRequest): string | undefined {
  const header = request.headers[WEBHOOK_SECRET_HEADER];
  if (typeof header === 'string') return header;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const parameter = query[WEBHOOK_SECRET_QUERY_PARAMETER];
  return typeof parameter === 'string' ? parameter : undefined;
}

function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
