import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, type NodeEnvironment } from '../config/app-config';
import { ACCESS_TOKEN_COOKIE } from '../auth/access-token';
import { HttpErrorResponse } from '../errors/http-error.response';
import { ApiDocument } from './api-document';
import { SECURITY_SCHEMES } from './api-security.decorators';
import { documentErrorResponses } from './document-error-responses';

export const OPENAPI_JSON_PATH = 'docs-json';

/** Every tag a route uses, declared here with what it groups (the linters refuse undeclared tags). */
const TAGS: Readonly<Record<string, string>> = {
  auth: 'Log in and out',
  users: 'Registration, email confirmation and profiles',
  courses: 'Courses (administrators)',
  'learning materials': 'Per-participant learning materials (process.st runs)',
  'course progress': 'Tasks completed in the learning materials',
  'process.st webhooks': 'Called by process.st when a task is checked or unchecked',
  subscriptions: 'Durable subscriptions and their parked events (administrators)',
  health: 'Liveness and readiness for load balancers and orchestrators',
  docs: 'Machine- and human-readable API descriptions',
  admin: 'Developer console: how the system got where it is (administrators)',
};

/** `x-internal: false`: the API is meant for outside clients; the description names the environment. */
const ENVIRONMENT_NAMES: Readonly<Record<NodeEnvironment, string>> = {
  development: 'local development',
  test: 'test',
  production: 'production',
};

/** The OpenAPI document generated from the controllers, with the platform's error responses added. */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('CodersCamp API')
    .setDescription(
      'Course platform API. Authenticate with a Bearer access token or the access_token cookie. ' +
        'Every error answers `{statusCode, code, message}`; clients match on `code`. ' +
        'Live updates: the WebSocket channel described at /api/asyncapi.',
    )
    .setVersion('1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from POST /api/auth/login, a JWT signed with HS256 following RFC8725 (JWT best current practices): algorithm pinned, expiry checked.',
      },
      SECURITY_SCHEMES.bearer,
    )
    .addCookieAuth(ACCESS_TOKEN_COOKIE, { type: 'apiKey', in: 'cookie', description: 'The same access token in the httpOnly cookie set by login' }, SECURITY_SCHEMES.cookie)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Webhook-Secret', description: 'PROCESS_ST_WEBHOOK_SECRET' }, SECURITY_SCHEMES.webhookSecret)
    .addApiKey(
      { type: 'apiKey', in: 'query', name: 'secret', description: 'PROCESS_ST_WEBHOOK_SECRET, for webhooks configured with a URL only; prefer the header' },
      SECURITY_SCHEMES.webhookSecretQuery,
    );
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [HttpErrorResponse] });
  // Relative: right on whichever host, port and scheme (TLS at a proxy) serves the document.
  const server = { url: '/', description: `This server, ${ENVIRONMENT_NAMES[app.get(AppConfig).environment]}`, 'x-internal': false };
  document.servers = [server];
  return documentErrorResponses(document);
}

/** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json. */
export function setupApiDocs(app: INestApplication): void {
  const document = app.get(ApiDocument);
  document.generateWith(() => createApiDocument(app));
  SwaggerModule.setup('docs', app, () => document.current(), {
    useGlobalPrefix: true,
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    swaggerOptions: { persistAuthorization: false },
  });
}
