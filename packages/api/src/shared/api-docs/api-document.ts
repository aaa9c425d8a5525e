import { Global, Injectable, Module } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The OpenAPI document of this application, generated once on first use. Only an application
 * serving HTTP can generate it (Swagger scans the HTTP adapter's routes), so whoever creates one
 * hands over the way to: `setupApiDocs` for the server, the CLI for commands that need it.
 */
@Injectable()
export class ApiDocument {
  private generate: (() => OpenAPIObject) | undefined;
  private document: OpenAPIObject | undefined;

  generateWith(generate: () => OpenAPIObject): void {
    this.generate = generate;
    this.document = undefined;
  }

  current(): OpenAPIObject {
    if (this.generate === undefined) throw new Error('The OpenAPI document is generated only by an application serving HTTP; none was set up');
    this.document ??= this.generate();
    return this.document;
  }
}

@Global()
@Module({ providers: [ApiDocument], exports: [ApiDocument] })
export class ApiDocumentModule {}
