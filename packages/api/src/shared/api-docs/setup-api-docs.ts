import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ACCESS_TOKEN_COOKIE } from '../auth/access-token';
import { HttpErrorResponse } from '../errors/http-error.response';
import { documentErrorResponses } from './document-error-responses';

export const OPENAPI_JSON_PATH = 'docs-json';

/** The OpenAPI document generated from the controllers, with the platform's error responses added. */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CodersCamp API')
    .setDescription(
      'Course platform API. Authenticate with a Bearer access token or the access_token cookie. ' +
        'Every error answers `{statusCode, code, message}`; clients match on `code`. ' +
        'Live updates: the WebSocket channel described at /api/asyncapi.',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .addCookieAuth(ACCESS_TOKEN_COOKIE)
    .build();
  return documentErrorResponses(SwaggerModule.createDocument(app, config, { extraModels: [HttpErrorResponse] }));
}

/** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json. */
export function setupApiDocs(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => createApiDocument(app), {
    useGlobalPrefix: true,
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    swaggerOptions: { persistAuthorization: false },
  });
}
