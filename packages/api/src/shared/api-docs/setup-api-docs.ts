import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ACCESS_TOKEN_COOKIE } from '../auth/access-token';

/** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json, generated from the controllers. */
export function setupApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('CodersCamp API')
    .setDescription('Course platform API. Authenticate with a Bearer access token or the access_token cookie.')
    .setVersion('1.0')
    .addBearerAuth()
    .addCookieAuth(ACCESS_TOKEN_COOKIE)
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    useGlobalPrefix: true,
    jsonDocumentUrl: 'docs-json',
  });
}
