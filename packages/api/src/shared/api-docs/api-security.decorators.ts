import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';

/** The security schemes the document defines (setup-api-docs.ts); routes name them through the decorators below. */
export const SECURITY_SCHEMES = {
  bearer: 'bearer',
  cookie: 'cookie',
  webhookSecret: 'webhookSecret',
  webhookSecretQuery: 'webhookSecretQuery',
} as const;

/** A route behind `JwtAuthGuard`: the access token as a Bearer header or the `access_token` cookie. */
export function ApiAccessTokenAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(SECURITY_SCHEMES.bearer), ApiCookieAuth(SECURITY_SCHEMES.cookie));
}

/** The process.st webhook: its shared secret in the X-Webhook-Secret header or the `secret` query parameter. */
export function ApiWebhookSecretAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiSecurity(SECURITY_SCHEMES.webhookSecret), ApiSecurity(SECURITY_SCHEMES.webhookSecretQuery));
}

/** Marks a public operation; `documentErrorResponses` turns it into `security: []` and drops the mark. */
export const PUBLIC_OPERATION_EXTENSION = 'x-public';

/**
 * A route anyone may call (registration, login, health): the document says so with `security: []`,
 * so a route that forgot its scheme stands out to the linters instead of passing as public.
 */
export function ApiPublic(): MethodDecorator & ClassDecorator {
  return ApiExtension(PUBLIC_OPERATION_EXTENSION, true) as MethodDecorator & ClassDecorator;
}
